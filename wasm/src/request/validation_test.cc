#include "request/validation.h"

#include <gtest/gtest.h>

#include "request/request_fields.h"

namespace dodb {
namespace {

constexpr Field kMembers[] = {RequiredField("Name", Kind::String)};
constexpr Field kFields[] = {
    kTableNameField,
    Field{"Limit", Kind::Integer}.MinValue(1).MaxValue(100),
    StructField("Things", Kind::StructList, kMembers, "Thing"),
    Field{"Flag", Kind::Boolean},
    Field{"Item", Kind::AttributeMap},
};

Status Check(const char* json) {
  JsonDocument d;
  d.Parse(json);
  return ValidateRequest(d, kFields);
}

TEST(Validation, SerializationErrorsComeFirst) {
  EXPECT_EQ(Check(R"({"TableName":1})").message(), "NUMBER_VALUE cannot be converted to String");
  EXPECT_EQ(Check(R"({"TableName":1.5})").message(), "DECIMAL_VALUE cannot be converted to String");
  EXPECT_EQ(Check(R"({"TableName":[]})").message(), "Unrecognized collection type class java.lang.String");
  EXPECT_EQ(Check(R"({"TableName":{}})").message(), "Start of structure or map found where not expected");
  EXPECT_EQ(Check(R"({"Flag":"yes"})").message(), "Unexpected token received from parser");
  EXPECT_EQ(Check(R"({"Things":[1]})").message(), "Unexpected value type in payload");
  EXPECT_EQ(Check(R"({"Item":{"a":{"B":"abc"}}})").message(),
            "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
  EXPECT_EQ(Check(R"({"Item":{"a":{"L":[{"M":{"b":{"S":true}}}]}}})").message(),
            "TRUE_VALUE cannot be converted to String");
  EXPECT_EQ(Check(R"({"TableName":1})").type(), "SerializationException");
}

TEST(Validation, ConstraintsAreCollected) {
  EXPECT_EQ(Check(R"({"TableName":"a;","Limit":500,"Things":[{}]})").message(),
            "4 validation errors detected: Value 'a;' at 'tableName' failed to satisfy constraint: Member must "
            "satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a;' at 'tableName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 3; Value '500' at 'limit' failed to "
            "satisfy constraint: Member must have value less than or equal to 100; Value null at "
            "'things.1.member.name' failed to satisfy constraint: Member must not be null");
  EXPECT_TRUE(Check(R"({"TableName":"abc","Limit":5,"Unknown":{"x":1}})").ok());
}

TEST(Validation, AtMostTenViolationsReported) {
  Status s = Check(R"({"Things":[{},{},{},{},{},{},{},{},{},{},{},{}]})");
  EXPECT_EQ(s.message().rfind("10 validation errors detected: Value null at 'tableName'", 0), 0u) << s.message();
}

}  // namespace
}  // namespace dodb

#include "request/validation.h"
#include "request/index_schema.h"

#include <algorithm>

#include "request/request_fields.h"

namespace dodb {
namespace {

constexpr size_t kMaxKeyAttributesPerRole = 4;  // multi-attribute GSI keys: 4 HASH, 4 RANGE

Status Invalid(const std::string& detail) {
  return Status::Validation("One or more parameter values were invalid: " + detail);
}

constexpr Field kProjectionMembers[] = {
    EnumField("ProjectionType", "[ALL, INCLUDE, KEYS_ONLY]"),
    Field{"NonKeyAttributes", Kind::StringList}.MinLength(1).MaxLength(20),
};

constexpr Field IndexNameField() {
  Field f = RequiredField("IndexName", Kind::String);
  f.name_pattern = true;
  f.min_length = 3;
  f.max_length = 255;
  return f;
}

constexpr Field kLocalIndexMembers[] = {
    IndexNameField(),
    StructField("KeySchema", Kind::StructList, kKeySchemaMembers, "KeySchemaElement", true).MinLength(1).MaxLength(2),
    StructField("Projection", Kind::Struct, kProjectionMembers, "Projection", true),
};

}  // namespace

constinit const Field kGlobalIndexMembers[4] = {
    IndexNameField(),
    StructField("KeySchema", Kind::StructList, kKeySchemaMembers, "KeySchemaElement", true).MinLength(1),
    StructField("Projection", Kind::Struct, kProjectionMembers, "Projection", true),
    StructField("ProvisionedThroughput", Kind::Struct, kThroughputMembers, "ProvisionedThroughput"),
};

constinit const Field kKeySchemaMembers[2] = {
    RequiredField("AttributeName", Kind::String),
    RequiredField("KeyType", Kind::String).Enum("[HASH, RANGE]"),
};
constinit const Field kThroughputMembers[2] = {
    RequiredField("ReadCapacityUnits", Kind::Long).MinValue(1),
    RequiredField("WriteCapacityUnits", Kind::Long).MinValue(1),
};
constinit const Field kLocalSecondaryIndexesField =
    StructField("LocalSecondaryIndexes", Kind::StructList, kLocalIndexMembers, "LocalSecondaryIndex");
constinit const Field kGlobalSecondaryIndexesField =
    StructField("GlobalSecondaryIndexes", Kind::StructList, kGlobalIndexMembers, "GlobalSecondaryIndex");

std::string AttributeNameList(const JsonValue& list) {
  std::string s = "[";
  bool first = true;
  for (const JsonValue& e : list.GetArray()) {
    if (!first) s += ", ";
    first = false;
    s += StringOf(e["AttributeName"]);
  }
  return s + "]";
}

Status ParseIndexKeySchema(const JsonValue& spec, bool global, const TableInfo& table, IndexInfo* index) {
  index->name.assign(StringOf(spec["IndexName"]));
  index->global = global;
  const JsonValue& schema = spec["KeySchema"];
  std::vector<std::string> defined;
  for (const KeyAttribute& a : table.attribute_definitions) defined.push_back(a.name);
  for (const JsonValue& k : schema.GetArray())
    if (!table.FindDefinition(StringOf(k["AttributeName"]))) {
      std::string defs = "[";
      for (size_t i = 0; i < defined.size(); ++i) defs += (i ? ", " : "") + defined[i];
      return Invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: " +
                     AttributeNameList(schema) + ", AttributeDefinitions: " + defs + "]");
    }
  if (schema.Size() == 2 && StringOf(schema[0]["AttributeName"]) == StringOf(schema[1]["AttributeName"]))
    return Status::Validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  if (StringOf(schema[0]["KeyType"]) != "HASH")
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  bool seen_range = false;
  for (SizeType i = 0; i < schema.Size(); ++i) {
    const JsonValue& k = schema[i];
    bool hash = StringOf(k["KeyType"]) == "HASH";
    if (!global && i == 1 && hash)
      return Status::Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    if (hash && seen_range) return Invalid("All HASH key attributes must precede RANGE key attributes in the KeySchema");
    seen_range = seen_range || !hash;
    for (SizeType j = 0; j < i; ++j)
      if (StringOf(schema[j]["AttributeName"]) == StringOf(k["AttributeName"]))
        return Status::Validation("The KeySchema contains multiple key attributes with the same name");
    KeyAttribute attr = *table.FindDefinition(StringOf(k["AttributeName"]));
    (hash ? index->hash_keys : index->range_keys).push_back(std::move(attr));
  }
  if (index->hash_keys.size() > kMaxKeyAttributesPerRole)
    return Invalid("The KeySchema exceeds the maximum allowed number of HASH key attributes");
  if (index->range_keys.size() > kMaxKeyAttributesPerRole)
    return Invalid("The KeySchema exceeds the maximum allowed number of RANGE key attributes");
  if (!global) {
    if (index->range_keys.empty()) return Invalid("Index KeySchema does not have a range key for index: " + index->name);
    if (index->hash_keys[0].name != table.hash_key.name)
      return Invalid("Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
                     index->name + ". index hash key: " + index->hash_keys[0].name +
                     ", table hash key: " + table.hash_key.name);
  }
  return Status::OK();
}

Status ParseIndexProjectionAndThroughput(const JsonValue& spec, bool global, const TableInfo& table, IndexInfo* index) {
  const JsonValue& projection = spec["Projection"];
  const JsonValue* type = Member(projection, "ProjectionType");
  if (!type) return Invalid("Unknown ProjectionType: null");
  // The field table (kProjectionMembers) has checked the value against the enum already.
  std::optional<ProjectionType> parsed = ParseProjectionType(StringOf(*type));
  if (!parsed) return Invalid("Unknown ProjectionType: " + std::string(StringOf(*type)));
  index->projection_type = *parsed;
  const JsonValue* non_key = Member(projection, "NonKeyAttributes");
  if (index->projection_type == ProjectionType::kInclude && !non_key)
    return Invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  if (index->projection_type != ProjectionType::kInclude && non_key)
    return Invalid("ProjectionType is " + std::string(ProjectionTypeName(index->projection_type)) +
                   ", but NonKeyAttributes is specified");
  if (non_key) {
    for (const JsonValue& a : non_key->GetArray()) {
      std::string name(StringOf(a));
      if (std::find(index->non_key_attributes.begin(), index->non_key_attributes.end(), name) !=
          index->non_key_attributes.end())
        return Invalid("Duplicate element in NonKeyAttributes: " + name);
      index->non_key_attributes.push_back(std::move(name));
    }
  }
  if (!global) return Status::OK();
  const JsonValue* throughput = Member(spec, "ProvisionedThroughput");
  if (table.pay_per_request && throughput)
    return Invalid("ProvisionedThroughput should not be specified for index: " + index->name +
                   " when BillingMode is PAY_PER_REQUEST");
  if (!table.pay_per_request) {
    if (!throughput) return Invalid("ProvisionedThroughput is not specified for index: " + index->name);
    index->read_capacity = IntegerOf((*throughput)["ReadCapacityUnits"]);
    index->write_capacity = IntegerOf((*throughput)["WriteCapacityUnits"]);
  }
  return Status::OK();
}

}  // namespace dodb

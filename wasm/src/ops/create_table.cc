// CreateTable: HASH or HASH+RANGE tables with S/N/B keys, PROVISIONED or PAY_PER_REQUEST.
// The table is ACTIVE at once. Secondary indexes and streams come in later issues and are
// refused with a ValidationException until then.
#include <cstdint>

#include "operation.h"
#include "request_fields.h"
#include "table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kAttributeDefinitionMembers[] = {
    RequiredField("AttributeName", Kind::String),
    [] { Field f = RequiredField("AttributeType", Kind::String); f.enum_values = "[B, N, S]"; return f; }(),
};
constexpr Field kKeySchemaMembers[] = {
    RequiredField("AttributeName", Kind::String),
    [] { Field f = RequiredField("KeyType", Kind::String); f.enum_values = "[HASH, RANGE]"; return f; }(),
};
constexpr Field kThroughputMembers[] = {
    [] { Field f = RequiredField("ReadCapacityUnits", Kind::Long); f.min_value = 1; return f; }(),
    [] { Field f = RequiredField("WriteCapacityUnits", Kind::Long); f.min_value = 1; return f; }(),
};
constexpr Field kStreamMembers[] = {
    RequiredField("StreamEnabled", Kind::Boolean),
    EnumField("StreamViewType", "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]"),
};
constexpr Field kSseMembers[] = {
    Field{"Enabled", Kind::Boolean},
    EnumField("SSEType", "[AES256, KMS]"),
    Field{"KMSMasterKeyId", Kind::String},
};
constexpr Field kTagMembers[] = {
    [] { Field f = RequiredField("Key", Kind::String); f.min_length = 1; f.max_length = 128; return f; }(),
    [] { Field f = RequiredField("Value", Kind::String); f.max_length = 256; return f; }(),
};

constexpr Field kFields[] = {
    StructField("AttributeDefinitions", Kind::StructList, kAttributeDefinitionMembers, "AttributeDefinition", true),
    kTableNameField,
    [] {
      Field f = StructField("KeySchema", Kind::StructList, kKeySchemaMembers, "KeySchemaElement", true);
      f.min_length = 1;
      f.max_length = 2;
      return f;
    }(),
    EnumField("BillingMode", "[PROVISIONED, PAY_PER_REQUEST]"),
    StructField("ProvisionedThroughput", Kind::Struct, kThroughputMembers, "ProvisionedThroughput"),
    StructField("StreamSpecification", Kind::Struct, kStreamMembers, "StreamSpecification"),
    StructField("SSESpecification", Kind::Struct, kSseMembers, "SSESpecification"),
    StructField("Tags", Kind::StructList, kTagMembers, "Tag"),
    EnumField("TableClass", "[STANDARD, STANDARD_INFREQUENT_ACCESS]"),
    Field{"DeletionProtectionEnabled", Kind::Boolean},
};

constexpr int64_t kMaxCapacityUnits = 1000000000000;

std::string NameList(const JsonValue& list) {
  std::string s = "[";
  bool first = true;
  for (const JsonValue& e : list.GetArray()) {
    if (!first) s += ", ";
    first = false;
    s += StringOf(e["AttributeName"]);
  }
  return s + "]";
}

ValueType ParseScalarType(std::string_view t) {
  return t == "N" ? ValueType::N : t == "B" ? ValueType::B : ValueType::S;
}

Status CheckBilling(const JsonValue& request, TableInfo* table) {
  table->pay_per_request = StringOr(request, "BillingMode", "PROVISIONED") == "PAY_PER_REQUEST";
  const JsonValue* throughput = Member(request, "ProvisionedThroughput");
  if (table->pay_per_request) {
    if (throughput)
      return Status::Validation(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
          "specified when BillingMode is PAY_PER_REQUEST");
    return Status::OK();
  }
  if (!throughput)
    return Status::Validation(
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
        "specified when BillingMode is PROVISIONED");
  table->read_capacity = (*throughput)["ReadCapacityUnits"].GetInt64();
  table->write_capacity = (*throughput)["WriteCapacityUnits"].GetInt64();
  if (table->read_capacity > kMaxCapacityUnits)
    return Status::Validation("Given value " + std::to_string(table->read_capacity) +
                              " for ReadCapacityUnits is out of bounds");
  if (table->write_capacity > kMaxCapacityUnits)
    return Status::Validation("Given value " + std::to_string(table->write_capacity) +
                              " for WriteCapacityUnits is out of bounds");
  return Status::OK();
}

Status CheckKeySchema(const JsonValue& request, TableInfo* table) {
  const JsonValue& defs = request["AttributeDefinitions"];
  const JsonValue& schema = request["KeySchema"];
  if (schema.Size() > defs.Size())
    return Status::Validation("Invalid KeySchema: Some index key attribute have no definition");
  for (const JsonValue& d : defs.GetArray())
    table->attribute_definitions.push_back(
        KeyAttribute{std::string(StringOf(d["AttributeName"])), ParseScalarType(StringOf(d["AttributeType"]))});
  auto definition = [&](std::string_view name) -> const KeyAttribute* {
    for (const KeyAttribute& a : table->attribute_definitions)
      if (a.name == name) return &a;
    return nullptr;
  };
  for (const JsonValue& k : schema.GetArray())
    if (!definition(StringOf(k["AttributeName"])))
      return Status::Validation(
          "One or more parameter values were invalid: Some index key attributes are not defined in "
          "AttributeDefinitions. Keys: " + NameList(schema) + ", AttributeDefinitions: " + NameList(defs));
  if (schema.Size() == 2 && StringOf(schema[0]["AttributeName"]) == StringOf(schema[1]["AttributeName"]))
    return Status::Validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  if (StringOf(schema[0]["KeyType"]) != "HASH")
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  if (schema.Size() == 2 && StringOf(schema[1]["KeyType"]) != "RANGE")
    return Status::Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  if (schema.Size() != defs.Size())
    return Status::Validation(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
        "number of attributes defined in AttributeDefinitions");
  table->hash_key = *definition(StringOf(schema[0]["AttributeName"]));
  if (schema.Size() == 2) table->range_key = *definition(StringOf(schema[1]["AttributeName"]));
  return Status::OK();
}

// A version-4-shaped UUID derived from the table's identity (the engine has no entropy source).
std::string MakeTableId(uint32_t id, double now_ms, std::string_view name) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(now_ms) ^ (static_cast<uint64_t>(id) << 40);
  for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 0x100000001B3ull;
  auto mix = [](uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  uint64_t a = mix(h), b = mix(h + 0x9E3779B97F4A7C15ull);
  auto hex = [](uint64_t v, int digits) {
    std::string out(digits, '0');
    for (int i = digits - 1; i >= 0; --i, v >>= 4) out[i] = "0123456789abcdef"[v & 15];
    return out;
  };
  return hex(a >> 32, 8) + "-" + hex(a >> 16, 4) + "-4" + hex(a, 3) + "-" + hex(0x8000 | ((b >> 48) & 0x3FFF), 4) + "-" +
         hex(b, 12);
}

}  // namespace

Status CreateTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(CheckTypes(request, kFields, std::size(kFields)));
  if (!Member(request, "TableName"))
    return Status::Validation("The parameter 'TableName' is required but was not present in the request");
  ConstraintErrors errors;
  CheckConstraints(request, kFields, std::size(kFields), "", &errors);
  DODB_RETURN_IF_ERROR(errors.ToStatus());
  DODB_RETURN_IF_ERROR(RejectUnsupported(
      request, {"GlobalSecondaryIndexes", "LocalSecondaryIndexes", "OnDemandThroughput", "WarmThroughput",
                "ResourcePolicy"}));
  const JsonValue* stream = Member(request, "StreamSpecification");
  if (stream && (*stream)["StreamEnabled"].GetBool())
    return Status::Validation("StreamSpecification with StreamEnabled is not supported by do-dynamodb yet");

  TableInfo table;
  table.name.assign(StringOf(request["TableName"]));
  DODB_RETURN_IF_ERROR(CheckBilling(request, &table));
  DODB_RETURN_IF_ERROR(CheckKeySchema(request, &table));
  table.table_class.assign(StringOr(request, "TableClass", ""));
  if (const JsonValue* p = Member(request, "DeletionProtectionEnabled")) table.deletion_protection = p->GetBool();

  TableInfo existing;
  if (LoadTable(ctx.store, table.name, &existing))
    return Status::ResourceInUse("Table already exists: " + table.name);
  double now_ms = ctx.store.NowMs();
  table.creation_time = now_ms / 1000;
  table.id = AllocateTableId(ctx.store);
  table.table_id = MakeTableId(table.id, now_ms, table.name);
  SaveTable(ctx.store, table);

  WriteKey(out, "TableDescription");
  WriteTableDescription(out, table, "ACTIVE");
  return Status::OK();
}

}  // namespace dodb::ops

// CreateTable: HASH or HASH+RANGE tables with S/N/B keys, PROVISIONED or PAY_PER_REQUEST,
// with up to 5 local and 20 global secondary indexes (GSI keys of up to 4 HASH + 4 RANGE
// attributes). The table and its indexes are ACTIVE at once (there is nothing to backfill).
// StreamSpecification starts the table's stream (stream_log.h).
#include <algorithm>
#include <cstdint>

#include "request/validation.h"
#include "request/index_schema.h"
#include "ops/table_name_check.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/stream_log.h"
#include "request/table_description.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr Field kAttributeDefinitionMembers[] = {
    RequiredField("AttributeName", Kind::String),
    RequiredField("AttributeType", Kind::String).Enum("[B, N, S]"),
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
    RequiredField("Key", Kind::String).MinLength(1).MaxLength(128),
    RequiredField("Value", Kind::String).MaxLength(256),
};

const Field kFields[] = {
    StructField("AttributeDefinitions", Kind::StructList, kAttributeDefinitionMembers, "AttributeDefinition", true),
    kTableNameField,
    StructField("KeySchema", Kind::StructList, kKeySchemaMembers, "KeySchemaElement", true).MinLength(1).MaxLength(2),
    kLocalSecondaryIndexesField,
    kGlobalSecondaryIndexesField,
    EnumField("BillingMode", "[PROVISIONED, PAY_PER_REQUEST]"),
    StructField("ProvisionedThroughput", Kind::Struct, kThroughputMembers, "ProvisionedThroughput"),
    StructField("StreamSpecification", Kind::Struct, kStreamMembers, "StreamSpecification"),
    StructField("SSESpecification", Kind::Struct, kSseMembers, "SSESpecification"),
    StructField("Tags", Kind::StructList, kTagMembers, "Tag"),
    EnumField("TableClass", "[STANDARD, STANDARD_INFREQUENT_ACCESS]"),
    Field{"DeletionProtectionEnabled", Kind::Boolean},
};

constexpr int64_t kMaxCapacityUnits = 1000000000000;

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
  table->read_capacity = IntegerOf((*throughput)["ReadCapacityUnits"]);
  table->write_capacity = IntegerOf((*throughput)["WriteCapacityUnits"]);
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
  for (SizeType i = 0; i < defs.Size(); ++i)
    for (SizeType j = 0; j < i; ++j)
      if (StringOf(defs[i]["AttributeName"]) == StringOf(defs[j]["AttributeName"]))
        return Status::Validation("Attribute Name is duplicated: " + std::string(StringOf(defs[i]["AttributeName"])));
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
          "AttributeDefinitions. Keys: " + AttributeNameList(schema) + ", AttributeDefinitions: " + AttributeNameList(defs));
  if (schema.Size() == 2 && StringOf(schema[0]["AttributeName"]) == StringOf(schema[1]["AttributeName"]))
    return Status::Validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  if (StringOf(schema[0]["KeyType"]) != "HASH")
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  if (schema.Size() == 2 && StringOf(schema[1]["KeyType"]) != "RANGE")
    return Status::Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  table->hash_key = *definition(StringOf(schema[0]["AttributeName"]));
  if (schema.Size() == 2) table->range_key = *definition(StringOf(schema[1]["AttributeName"]));
  return Status::OK();
}

// Every attribute definition must be a key of the table or of an index.
Status CheckDefinitionsUsed(const JsonValue& request, const TableInfo& table, const std::vector<IndexInfo>& indexes) {
  std::vector<std::string> used = {table.hash_key.name};
  if (table.range_key) used.push_back(table.range_key->name);
  for (const IndexInfo& i : indexes)
    for (const auto* keys : {&i.hash_keys, &i.range_keys})
      for (const KeyAttribute& k : *keys)
        if (std::find(used.begin(), used.end(), k.name) == used.end()) used.push_back(k.name);
  bool all_used = true;
  for (const KeyAttribute& a : table.attribute_definitions)
    all_used = all_used && std::find(used.begin(), used.end(), a.name) != used.end();
  if (all_used) return Status::OK();
  if (indexes.empty())
    return Status::Validation(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
        "number of attributes defined in AttributeDefinitions");
  std::string keys = "[";
  for (size_t i = 0; i < used.size(); ++i) keys += (i ? ", " : "") + used[i];
  return Status::Validation("One or more parameter values were invalid: Some AttributeDefinitions are not used. "
                            "AttributeDefinitions: " + AttributeNameList(request["AttributeDefinitions"]) +
                            ", keys used: " + keys + "]");
}

Status ParseIndexes(const JsonValue& request, const TableInfo& table, std::vector<IndexInfo>* indexes) {
  const JsonValue* lsis = Member(request, "LocalSecondaryIndexes");
  const JsonValue* gsis = Member(request, "GlobalSecondaryIndexes");
  if (lsis && lsis->Empty())
    return Status::Validation("One or more parameter values were invalid: List of LocalSecondaryIndexes is empty");
  if (lsis && !table.range_key)
    return Status::Validation(
        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required "
        "when specifying a LocalSecondaryIndex");
  if (gsis && gsis->Empty())
    return Status::Validation("One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty");
  std::vector<const JsonValue*> specs;
  for (const JsonValue* list : {lsis, gsis}) {
    if (!list) continue;
    for (const JsonValue& spec : list->GetArray()) {
      IndexInfo index;
      DODB_RETURN_IF_ERROR(ParseIndexKeySchema(spec, list == gsis, table, &index));
      indexes->push_back(std::move(index));
      specs.push_back(&spec);
    }
  }
  DODB_RETURN_IF_ERROR(CheckDefinitionsUsed(request, table, *indexes));
  for (size_t i = 0; i < indexes->size(); ++i) {
    IndexInfo& index = (*indexes)[i];
    DODB_RETURN_IF_ERROR(ParseIndexProjectionAndThroughput(*specs[i], index.global, table, &index));
    for (size_t j = 0; j < i; ++j)
      if ((*indexes)[j].name == index.name)
        return Status::Validation("One or more parameter values were invalid: Duplicate index name: " + index.name);
  }
  if (lsis && lsis->Size() > kMaxLocalIndexes)
    return Status::Validation(
        "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
  if (gsis && gsis->Size() > kMaxGlobalIndexes)
    return Status::Validation(
        "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
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
  DODB_RETURN_IF_ERROR(ValidateTableRequest(request, kFields));
  DODB_RETURN_IF_ERROR(RejectUnsupported(request, {"OnDemandThroughput", "WarmThroughput", "ResourcePolicy"}));
  const JsonValue* stream = Member(request, "StreamSpecification");
  bool stream_enabled = stream && (*stream)["StreamEnabled"].GetBool();
  if (stream_enabled && !Member(*stream, "StreamViewType"))
    return Status::Validation(
        "One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is "
        "required");
  if (stream && !stream_enabled && Member(*stream, "StreamViewType"))
    return Status::Validation(
        "One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType "
        "should not be specified");

  TableInfo table;
  table.name.assign(StringOf(request["TableName"]));
  DODB_RETURN_IF_ERROR(CheckBilling(request, &table));
  DODB_RETURN_IF_ERROR(CheckKeySchema(request, &table));
  std::vector<IndexInfo> indexes;
  DODB_RETURN_IF_ERROR(ParseIndexes(request, table, &indexes));
  table.table_class.assign(StringOr(request, "TableClass", ""));
  if (const JsonValue* p = Member(request, "DeletionProtectionEnabled")) table.deletion_protection = p->GetBool();
  if (const JsonValue* tags = Member(request, "Tags"))
    for (const JsonValue& tag : tags->GetArray())
      table.tags.emplace_back(std::string(StringOf(tag["Key"])), std::string(StringOf(tag["Value"])));

  TableInfo existing;
  if (ctx.catalog.Load(table.name, &existing))
    return Status::ResourceInUse("Table already exists: " + table.name);
  double now_ms = ctx.store.NowMs();
  table.creation_time = now_ms / 1000;
  table.stats_time_ms = now_ms;  // an empty table's statistics are current
  table.id = ctx.catalog.AllocateId();
  for (IndexInfo& index : indexes) index.id = ctx.catalog.AllocateId();
  table.indexes = std::move(indexes);
  table.table_id = MakeTableId(table.id, now_ms, table.name);
  // From the shard router: this table's GSIs are partitioned by their own key (docs/SCALING.md).
  if (const JsonValue* n = ctx.from_router ? Member(request, "@IndexShards") : nullptr; n && n->IsInt64())
    table.index_shards = n->GetInt64();
  if (const JsonValue* o = ctx.from_router ? Member(request, "@IndexObjects") : nullptr; o && o->IsString())
    table.index_objects.assign(StringOf(*o));
  if (const JsonValue* j = ctx.from_router ? Member(request, "@IndexJurisdiction") : nullptr; j && j->IsString())
    table.index_jurisdiction.assign(StringOf(*j));
  if (stream_enabled) EnableStream(ctx.store, ctx.catalog, &table, StringOf((*stream)["StreamViewType"]));
  ctx.catalog.Save(table);

  WriteKey(out, "TableDescription");
  WriteTableDescription(out, table, "ACTIVE");
  return Status::OK();
}

}  // namespace dodb::ops

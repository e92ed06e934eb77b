// UpdateTable: billing mode and throughput, deletion protection, table class, enabling or
// disabling the table's stream (stream_log.h), and online global secondary index changes (one
// Create or Delete per request, as DynamoDB allows).
// A created index starts CREATING and is backfilled from the table's items in bounded batches
// by the maintenance operation (ops/maintain.cc, run by the Durable Object's alarm); a deleted
// index is DELETING until its entries are gone. Writes keep a CREATING index up to date.
#include <algorithm>

#include "request/validation.h"
#include "request/index_schema.h"
#include "storage/maintenance.h"
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
constexpr Field kIndexNameOnly[] = {RequiredField("IndexName", Kind::String).NamePattern().MinLength(3).MaxLength(255)};
const Field kIndexUpdateMembers[] = {
    kIndexNameOnly[0],
    StructField("ProvisionedThroughput", Kind::Struct, kThroughputMembers, "ProvisionedThroughput"),
};
const Field kGsiUpdateMembers[] = {
    StructField("Create", Kind::Struct, kGlobalIndexMembers, "CreateGlobalSecondaryIndexAction"),
    StructField("Update", Kind::Struct, kIndexUpdateMembers, "UpdateGlobalSecondaryIndexAction"),
    StructField("Delete", Kind::Struct, kIndexNameOnly, "DeleteGlobalSecondaryIndexAction"),
};
constexpr Field kStreamMembers[] = {
    RequiredField("StreamEnabled", Kind::Boolean),
    EnumField("StreamViewType", "[NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]"),
};

const Field kFields[] = {
    StructField("AttributeDefinitions", Kind::StructList, kAttributeDefinitionMembers, "AttributeDefinition"),
    kTableNameField,
    EnumField("BillingMode", "[PROVISIONED, PAY_PER_REQUEST]"),
    StructField("ProvisionedThroughput", Kind::Struct, kThroughputMembers, "ProvisionedThroughput"),
    StructField("GlobalSecondaryIndexUpdates", Kind::StructList, kGsiUpdateMembers, "GlobalSecondaryIndexUpdate"),
    StructField("StreamSpecification", Kind::Struct, kStreamMembers, "StreamSpecification"),
    EnumField("TableClass", "[STANDARD, STANDARD_INFREQUENT_ACCESS]"),
    Field{"DeletionProtectionEnabled", Kind::Boolean},
};

Status Invalid(const std::string& detail) {
  return Status::Validation("One or more parameter values were invalid: " + detail);
}

// The parameters DynamoDB names when a request changes nothing (those present are left out).
constexpr const char* kUpdatable[] = {
    "ProvisionedThroughput", "BillingMode", "UpdateStreamEnabled", "GlobalSecondaryIndexUpdates", "SSESpecification",
    "ReplicaUpdates", "MultiAccountReplicaReady", "ReplicaTransitRoleArn", "MultiRegionConsistency",
    "DeletionProtectionEnabled", "OnDemandThroughput", "WarmThroughput", "TableClass"};

Status NothingToUpdate(const JsonValue& request) {
  std::vector<std::string> names;
  for (const char* n : kUpdatable)
    if (!Member(request, n) && !(std::string_view(n) == "UpdateStreamEnabled" && Member(request, "StreamSpecification")))
      names.emplace_back(n);
  std::string list;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) list += i + 1 == names.size() ? " or " : ", ";
    list += names[i];
  }
  return Status::Validation("At least one of " + list + " is required");
}

Status ApplyBilling(const JsonValue& request, TableInfo* table) {
  const JsonValue* mode = Member(request, "BillingMode");
  const JsonValue* throughput = Member(request, "ProvisionedThroughput");
  bool pay_per_request = mode ? StringOf(*mode) == "PAY_PER_REQUEST" : table->pay_per_request;
  if (pay_per_request && throughput)
    return Invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  if (!pay_per_request && table->pay_per_request && !throughput)
    return Invalid("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  if (throughput) {
    int64_t read = IntegerOf((*throughput)["ReadCapacityUnits"]);
    int64_t write = IntegerOf((*throughput)["WriteCapacityUnits"]);
    // The same bounds as CreateTable (dynalite validations/updateTable.js:150-155).
    constexpr int64_t kMaxUnits = 1000000000000;
    if (read > kMaxUnits) return Status::Validation("Given value " + std::to_string(read) + " for ReadCapacityUnits is out of bounds");
    if (write > kMaxUnits) return Status::Validation("Given value " + std::to_string(write) + " for WriteCapacityUnits is out of bounds");
    if (!table->pay_per_request && read == table->read_capacity && write == table->write_capacity &&
        !Member(request, "GlobalSecondaryIndexUpdates"))
      return Status::Validation(
          "The provisioned throughput for the table will not change. The requested value equals the current value. "
          "Current ReadCapacityUnits provisioned for the table: " + std::to_string(read) +
          ". Requested ReadCapacityUnits: " + std::to_string(read) +
          ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(write) +
          ". Requested WriteCapacityUnits: " + std::to_string(write) +
          ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
    table->read_capacity = read;
    table->write_capacity = write;
  }
  table->pay_per_request = pay_per_request;
  return Status::OK();
}

Status ApplyIndexUpdates(const JsonValue& request, Catalog& catalog, TableInfo* table, bool* needs_maintenance) {
  const JsonValue& updates = request["GlobalSecondaryIndexUpdates"];
  if (updates.Empty()) return Invalid("List of GlobalSecondaryIndexUpdates is empty");
  int creates_or_deletes = 0;
  std::vector<std::string> touched;
  for (const JsonValue& u : updates.GetArray()) {
    int actions = (Member(u, "Create") != nullptr) + (Member(u, "Update") != nullptr) + (Member(u, "Delete") != nullptr);
    if (actions == 0)
      return Invalid("One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                     "GlobalSecondaryIndexUpdate.Delete must not be null");
    if (actions > 1) return Invalid("Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object");
    const JsonValue& action = Member(u, "Create") ? u["Create"] : Member(u, "Update") ? u["Update"] : u["Delete"];
    std::string name(StringOf(action["IndexName"]));
    if (std::find(touched.begin(), touched.end(), name) != touched.end())
      return Invalid("Only one global secondary index update per index is allowed simultaneously. Index: " + name);
    touched.push_back(name);
    if (!Member(u, "Update")) ++creates_or_deletes;
  }
  bool busy = table->IndexChangePending();
  if (creates_or_deletes > 1 || (creates_or_deletes == 1 && busy))
    return Status::LimitExceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");

  for (const JsonValue& u : updates.GetArray()) {
    if (const JsonValue* create = Member(u, "Create")) {
      std::string name(StringOf((*create)["IndexName"]));
      if (table->FindIndex(name)) return Status::Validation("Attempting to create an index which already exists");
      const JsonValue* defs = Member(request, "AttributeDefinitions");
      if (!defs) return Invalid("AttributeDefinitions is not specified for index: " + name);
      // Only the new index's attributes need definitions; they join the table's.
      TableInfo with_defs = *table;
      for (const JsonValue& d : defs->GetArray()) {
        std::string attr(StringOf(d["AttributeName"]));
        if (with_defs.FindDefinition(attr)) continue;
        std::string_view t = StringOf(d["AttributeType"]);
        with_defs.attribute_definitions.push_back(
            KeyAttribute{attr, t == "N" ? ValueType::N : t == "B" ? ValueType::B : ValueType::S});
      }
      IndexInfo index;
      DODB_RETURN_IF_ERROR(ParseIndexKeySchema(*create, true, with_defs, &index));
      if (!table->pay_per_request && !Member(*create, "ProvisionedThroughput"))
        return Invalid("Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: " + name);
      DODB_RETURN_IF_ERROR(ParseIndexProjectionAndThroughput(*create, true, with_defs, &index));
      size_t globals = 0;
      for (const IndexInfo& i : table->indexes) globals += i.global;
      if (globals + 1 > kMaxGlobalIndexes)
        return Invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
      for (const auto* keys : {&index.hash_keys, &index.range_keys})
        for (const KeyAttribute& k : *keys)
          if (!table->FindDefinition(k.name)) table->attribute_definitions.push_back(k);
      index.id = catalog.AllocateId();
      index.status = IndexStatus::kCreating;
      table->indexes.push_back(std::move(index));
      *needs_maintenance = true;
    } else if (const JsonValue* del = Member(u, "Delete")) {
      std::string name(StringOf((*del)["IndexName"]));
      auto it = std::find_if(table->indexes.begin(), table->indexes.end(), [&](const IndexInfo& i) { return i.name == name; });
      if (it == table->indexes.end())
        return Status::ResourceNotFound("Requested resource not found: Table: " + name + " not found");
      if (!it->global) return Status::Validation("Cannot delete an index that is not a GlobalSecondaryIndex: " + name);
      it->status = IndexStatus::kDeleting;
      *needs_maintenance = true;
    } else {
      const JsonValue& update = u["Update"];
      std::string name(StringOf(update["IndexName"]));
      auto it = std::find_if(table->indexes.begin(), table->indexes.end(), [&](const IndexInfo& i) { return i.name == name; });
      if (it == table->indexes.end())
        return Status::ResourceNotFound("Requested resource not found: Table: " + name + " not found");
      if (!it->global) return Status::Validation("Cannot update an index that is not a GlobalSecondaryIndex: " + name);
      if (const JsonValue* throughput = Member(update, "ProvisionedThroughput")) {
        if (table->pay_per_request)
          return Invalid("The only Updates for index: " + name +
                         " when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput");
        it->read_capacity = IntegerOf((*throughput)["ReadCapacityUnits"]);
        it->write_capacity = IntegerOf((*throughput)["WriteCapacityUnits"]);
      }
    }
  }
  // Attribute definitions no index uses any more are dropped (as DynamoDB prunes them).
  return Status::OK();
}

}  // namespace

Status UpdateTable(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateTableRequest(request, kFields));
  bool changes = false;
  for (const char* n : kUpdatable) changes = changes || Member(request, n);
  changes = changes || Member(request, "StreamSpecification");
  const JsonValue* gsi_updates = Member(request, "GlobalSecondaryIndexUpdates");
  if (!changes || (gsi_updates && gsi_updates->Empty() && !Member(request, "BillingMode") &&
                   !Member(request, "ProvisionedThroughput")))
    return NothingToUpdate(request);
  DODB_RETURN_IF_ERROR(RejectUnsupported(
      request, {"ReplicaUpdates", "SSESpecification", "OnDemandThroughput", "WarmThroughput", "MultiRegionConsistency"}));
  const JsonValue* stream = Member(request, "StreamSpecification");
  bool enable_stream = stream && (*stream)["StreamEnabled"].GetBool();
  if (stream) {
    if (enable_stream && !Member(*stream, "StreamViewType"))
      return Invalid("If stream is being enabled then UpdateViewType is required");
    if (!enable_stream && Member(*stream, "StreamViewType"))
      return Invalid("If stream is being disabled, then UpdateViewType must not be specified");
    if (Member(request, "ProvisionedThroughput")) return Invalid("You cannot modify stream status while updating table IOPS");
    bool index_change = false;
    if (gsi_updates)
      for (const JsonValue& u : gsi_updates->GetArray()) index_change = index_change || Member(u, "Create") || Member(u, "Delete");
    if (index_change) return Invalid("You cannot create or delete index while changing stream status");
  }

  TableInfo table;
  std::string name(StringOf(request["TableName"]));
  DODB_RETURN_IF_ERROR(LoadTable(ctx, name, &table, NotFoundWording::kTableOperation));
  if (Member(request, "BillingMode") || Member(request, "ProvisionedThroughput"))
    DODB_RETURN_IF_ERROR(ApplyBilling(request, &table));
  bool needs_maintenance = false;
  if (gsi_updates) DODB_RETURN_IF_ERROR(ApplyIndexUpdates(request, ctx.catalog, &table, &needs_maintenance));
  if (const JsonValue* p = Member(request, "DeletionProtectionEnabled")) table.deletion_protection = p->GetBool();
  if (const JsonValue* c = Member(request, "TableClass")) table.table_class.assign(StringOf(*c));
  if (stream) {
    if (enable_stream && table.stream_enabled)
      return Status::Validation("Table already has an enabled stream: TableName: " + table.name);
    if (!enable_stream && !table.stream_enabled)
      return Status::Validation("Table has no stream to disable: TableName: " + table.name);
    if (enable_stream)
      EnableStream(ctx.store, ctx.catalog, &table, StringOf((*stream)["StreamViewType"]));
    else
      DisableStream(ctx.store, &table);
    needs_maintenance = true;  // not for the table itself: the alarm must run to trim the stream
  }
  ctx.catalog.Save(table);
  if (needs_maintenance) RequestMaintenance(ctx.store, table.name);
  WriteKey(out, "TableDescription");
  WriteTableDescription(out, table, TableStatusOf(table));
  return Status::OK();
}

}  // namespace dodb::ops

// BatchWriteItem: up to 25 PutRequest / DeleteRequest entries over any tables. Every request is
// validated and prepared first (write_plan.h), so a bad one fails the whole batch with nothing
// written; the writes are then done in this one request, so UnprocessedItems is always empty.
#include <algorithm>

#include "capacity.h"
#include "item_codec.h"
#include "operation.h"
#include "request_fields.h"
#include "transaction.h"
#include "write_plan.h"

namespace dodb::ops {
namespace {

constexpr int kMaxRequests = 25;
// RequestItems (a map of lists) is checked by hand below.
const Field kFields[] = {kReturnConsumedCapacityField, kReturnItemCollectionMetricsField};

// A PutItem / DeleteItem request for one entry: {"TableName": table, "Item" | "Key": ...}.
void SingleRequest(std::string_view table, const char* member, const JsonValue& value, JsonDocument* doc) {
  auto& alloc = doc->GetAllocator();
  doc->SetObject();
  doc->AddMember("TableName", JsonValue(table.data(), static_cast<SizeType>(table.size()), alloc), alloc);
  doc->AddMember(JsonValue(rapidjson::StringRef(member)), JsonValue(value, alloc), alloc);
}

Status BatchKeyMessage(Status s) {
  // The batch reports every key mismatch with one message (dynalite test/batchWriteItem.js:352).
  const std::string& m = s.message();
  if (m.rfind("One or more parameter values were invalid: Missing the key", 0) == 0 ||
      m.rfind("One or more parameter values were invalid: Type mismatch for key", 0) == 0)
    return Status::Validation("The provided key element does not match the schema");
  return s;
}

}  // namespace

Status BatchWriteItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  const JsonValue* items = Member(request, "RequestItems");
  if (items && !items->IsObject()) return Status::Serialization("Unexpected field type");
  DODB_RETURN_IF_ERROR(CheckTypes(request, kFields, 2));
  if (!items) return Status::Validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  if (items->MemberCount() == 0) return Status::Validation("The requestItems parameter is required for BatchWriteItem");
  DODB_RETURN_IF_ERROR(CheckRequestItemsTableNames(*items));
  ConstraintErrors errors;
  CheckConstraints(request, kFields, 2, "", &errors);
  DODB_RETURN_IF_ERROR(errors.ToStatus());
  int total = 0;
  for (const auto& table : items->GetObject()) {
    if (!table.value.IsArray()) return Status::Serialization("Unexpected field type");
    if (table.value.Empty() || table.value.Size() > kMaxRequests)
      return Status::Validation("1 validation error detected: Value '{" + std::string(StringOf(table.name)) +
                                "=[...]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
                                "constraint: [Member must have length less than or equal to 25, Member must have "
                                "length greater than or equal to 1]");
    total += static_cast<int>(table.value.Size());
  }
  if (total > kMaxRequests) return Status::Validation("Too many items requested for the BatchWriteItem call");

  std::vector<TransactionAction> planned;
  for (const auto& table : items->GetObject()) {
    for (const JsonValue& entry : table.value.GetArray()) {
      const JsonValue* put = entry.IsObject() ? Member(entry, "PutRequest") : nullptr;
      const JsonValue* del = entry.IsObject() ? Member(entry, "DeleteRequest") : nullptr;
      if ((put == nullptr) == (del == nullptr))  // DynamoDB's own words for it (dynalite test/batchWriteItem.js:106)
        return Status::Validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
      JsonDocument single;
      planned.emplace_back();
      if (put) {
        const JsonValue* item = put->IsObject() ? Member(*put, "Item") : nullptr;
        if (!item) return Status::Validation("1 validation error detected: Value null at 'requestItems." + std::string(StringOf(table.name)) + ".member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null");
        SingleRequest(StringOf(table.name), "Item", *item, &single);
        DODB_RETURN_IF_ERROR(BatchKeyMessage(PlanPutItem(ctx, single, false, &planned.back().plan)));
      } else {
        const JsonValue* key = del->IsObject() ? Member(*del, "Key") : nullptr;
        if (!key) return Status::Validation("1 validation error detected: Value null at 'requestItems." + std::string(StringOf(table.name)) + ".member.1.member.deleteRequest.key' failed to satisfy constraint: Member must not be null");
        SingleRequest(StringOf(table.name), "Key", *key, &single);
        DODB_RETURN_IF_ERROR(PlanDeleteItem(ctx, single, true, &planned.back().plan));
      }
    }
  }
  for (size_t i = 0; i < planned.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (planned[i].plan.key == planned[j].plan.key)
        return Status::Validation("Provided list of item keys contains duplicates");
  for (const TransactionAction& t : planned) CommitWrite(ctx.store, t.plan);

  WriteKey(out, "UnprocessedItems");
  out.StartObject();
  out.EndObject();
  std::string_view capacity = StringOr(request, "ReturnConsumedCapacity", "NONE");
  if (capacity == "TOTAL" || capacity == "INDEXES") {
    TableUnits per_table;
    for (const TransactionAction& t : planned) AddTableUnits(&per_table, t.plan.table.name, PlanWriteUnits(t.plan));
    WriteConsumedCapacityList(out, capacity, per_table);
  }
  return Status::OK();
}

}  // namespace dodb::ops

// BatchWriteItem: up to 25 PutRequest / DeleteRequest entries over any tables. Every request is
// validated and prepared first (write_plan.h), so a bad one fails the whole batch with nothing
// written; the writes are then done in this one request. UnprocessedItems holds the entries whose
// item a transaction over several objects holds (docs/SCALING.md): DynamoDB's contract for an
// entry it could not write now, which clients retry.
#include <algorithm>

#include "request/capacity.h"
#include "request/item_collection.h"
#include "format/item_codec.h"
#include "request/operation.h"
#include "request/request_fields.h"
#include "request/transaction.h"
#include "request/write_plan.h"
#include "ops/delete_item.h"
#include "ops/put_item.h"

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
  if (s.item_scope() == ItemScope::kKeyMismatch)
    return Status::Validation("The provided key element does not match the schema");
  return s;
}

// Schema-free checks of every entry, before any table is looked up (dynalite's validations/
// pass; test/batchWriteItem.js:106-343): the null members of all entries as one list of
// violations (1-based entry positions), then the one-of rule, then each item or key's values.
Status CheckEntries(const JsonValue& items) {
  ConstraintErrors errors;
  for (const auto& table : items.GetObject()) {
    std::string base = "requestItems." + std::string(StringOf(table.name)) + ".member.";
    SizeType position = 0;
    for (const JsonValue& entry : table.value.GetArray()) {
      std::string path = base + std::to_string(++position) + ".member.";
      const JsonValue* put = entry.IsObject() ? Member(entry, "PutRequest") : nullptr;
      const JsonValue* del = entry.IsObject() ? Member(entry, "DeleteRequest") : nullptr;
      if (del && !(del->IsObject() && Member(*del, "Key"))) errors.Add("null", path + "deleteRequest.key", "Member must not be null");
      if (put && !(put->IsObject() && Member(*put, "Item"))) errors.Add("null", path + "putRequest.item", "Member must not be null");
    }
  }
  DODB_RETURN_IF_ERROR(errors.ToStatus());
  for (const auto& table : items.GetObject()) {
    for (const JsonValue& entry : table.value.GetArray()) {
      const JsonValue* put = entry.IsObject() ? Member(entry, "PutRequest") : nullptr;
      const JsonValue* del = entry.IsObject() ? Member(entry, "DeleteRequest") : nullptr;
      if ((put == nullptr) == (del == nullptr))  // DynamoDB's own words for it (dynalite test/batchWriteItem.js:106)
        return Status::Validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
      AttributeMap values;
      DODB_RETURN_IF_ERROR(DecodeAttributeMap(put ? (*put)["Item"] : (*del)["Key"], 1, &values));
      if (put && ItemSize(values) > kMaxItemBytes)
        return Status::Validation("Item size has exceeded the maximum allowed size");
    }
  }
  return Status::OK();
}

}  // namespace

Status BatchWriteItem(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  if (const JsonValue* dry = ctx.from_router ? Member(request, "@DryRun") : nullptr; dry && dry->IsBool() && dry->GetBool())
    ctx.unguarded = true;
  const JsonValue* items = Member(request, "RequestItems");
  // A list where the map belongs names the map's type (dynalite validations/index.js 'Map' case,
  // asserted against DynamoDB by its test/helpers.js assertType).
  if (items && items->IsArray())
    return Status::Serialization("Unrecognized collection type java.util.Map<java.lang.String, java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>");
  if (items && !items->IsObject()) return Status::Serialization("Unexpected field type");
  DODB_RETURN_IF_ERROR(CheckTypes(request, kFields, 2));
  ConstraintErrors errors;
  CheckConstraints(request, kFields, 2, "", &errors);
  if (!items) {  // listed after the bad enum values (dynalite test/batchWriteItem.js:74-83)
    errors.Add("null", "requestItems", "Member must not be null");
    return errors.ToStatus();
  }
  if (items->MemberCount() == 0) return Status::Validation("The requestItems parameter is required for BatchWriteItem");
  DODB_RETURN_IF_ERROR(CheckRequestItemsTableNames(*items));
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
  DODB_RETURN_IF_ERROR(CheckEntries(*items));

  std::vector<TransactionAction> planned;
  std::vector<std::pair<std::string_view, const JsonValue*>> held;  // (table, entry) to retry
  for (const auto& table : items->GetObject()) {
    for (const JsonValue& entry : table.value.GetArray()) {
      JsonDocument single;
      planned.emplace_back();
      Status s;
      if (const JsonValue* put = Member(entry, "PutRequest")) {
        SingleRequest(StringOf(table.name), "Item", (*put)["Item"], &single);
        s = BatchKeyMessage(PlanPutItem(ctx, single, false, &planned.back().plan));
      } else {
        SingleRequest(StringOf(table.name), "Key", entry["DeleteRequest"]["Key"], &single);
        s = PlanDeleteItem(ctx, single, true, &planned.back().plan);
      }
      if (s.type() == "TransactionConflictException") {
        held.emplace_back(StringOf(table.name), &entry);
        planned.back().plan.writes = false;
        continue;
      }
      DODB_RETURN_IF_ERROR(s);
    }
  }
  for (size_t i = 0; i < planned.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (planned[i].plan.key == planned[j].plan.key)
        return Status::Validation("Provided list of item keys contains duplicates");
  // Internal, from the shard router: validate the whole batch here (the database's own object,
  // which holds every table's definition), write nothing; each shard then writes its part.
  if (const JsonValue* dry = ctx.from_router ? Member(request, "@DryRun") : nullptr; dry && dry->IsBool() && dry->GetBool())
    return Status::OK();
  for (const TransactionAction& t : planned) CommitWrite(ctx.store, t.plan);

  WriteKey(out, "UnprocessedItems");
  out.StartObject();
  for (size_t i = 0; i < held.size(); ++i) {
    if (i > 0 && held[i].first == held[i - 1].first) continue;
    WriteKey(out, held[i].first);
    out.StartArray();
    for (size_t j = i; j < held.size() && held[j].first == held[i].first; ++j) held[j].second->Accept(out);
    out.EndArray();
  }
  out.EndObject();
  WriteMultiItemResponse(out, ctx.store, request, planned, 1);
  return Status::OK();
}

}  // namespace dodb::ops

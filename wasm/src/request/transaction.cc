#include "request/transaction.h"

#include "request/capacity.h"
#include "format/item_codec.h"
#include "request/item_collection.h"
#include "request/request_fields.h"

namespace dodb {

Status ClassifyActionStatus(Status s, TransactionAction* t) {
  if (s.ok()) return s;
  // An empty key value fails the whole transaction, in PutItem's wording whatever the action
  // (nubo-db/dynoxide CHANGELOG #98, captured against DynamoDB).
  if (s.item_scope() == ItemScope::kEmptyKey) {
    constexpr std::string_view kWere = "One or more parameter values were invalid:";
    std::string_view detail(s.message());
    if (detail.substr(0, kWere.size()) == kWere) detail.remove_prefix(kWere.size());
    return Status::Validation("One or more parameter values are not valid." + std::string(detail));
  }
  if (s.type() == "TransactionConflictException") {
    t->reason = "TransactionConflict";
    t->reason_message = s.message();
    constexpr std::string_view kStale = "\"@StaleTransaction\":\"";
    const std::string& extra = s.extra_json();
    if (extra.rfind(kStale, 0) == 0) t->stale_txn = extra.substr(kStale.size(), extra.size() - kStale.size() - 1);
    return Status::OK();
  }
  if (s.type() == "ConditionalCheckFailedException") {
    t->reason = "ConditionalCheckFailed";
    t->reason_message = s.message();
    // extra_json is "Item":{...} when the action asked for ALL_OLD; keep the object.
    const std::string& extra = s.extra_json();
    if (extra.rfind("\"Item\":", 0) == 0) t->item_json = extra.substr(7);
    return Status::OK();
  }
  // Validation failures DynamoDB reports as a ValidationError cancellation reason of the action
  // instead of failing the request (AWS TransactionCanceledException reference; nubo-db/dynoxide):
  // those marked where they are raised (util/status.h, ItemScope).
  if (s.item_scope() == ItemScope::kItem || s.item_scope() == ItemScope::kKeyMismatch) {
    t->reason = "ValidationError";
    t->reason_message = s.message();
    t->plan.key.clear();  // not an item of the transaction
    return Status::OK();
  }
  return s;
}

Status CheckDistinctItems(const std::vector<TransactionAction>& actions) {
  for (size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].plan.key.empty()) continue;
    for (size_t j = 0; j < i; ++j)
      if (actions[j].plan.key == actions[i].plan.key)  // storage keys embed the table id
        return Status::Validation("Transaction request cannot include multiple operations on one item");
  }
  return Status::OK();
}

Status CancellationIfAny(const std::vector<TransactionAction>& actions, bool name_stale) {
  bool cancelled = false;
  for (const TransactionAction& t : actions) cancelled = cancelled || t.reason != "None";
  if (!cancelled) return Status::OK();
  std::string codes;
  JsonWriter w;
  w.StartArray();
  for (const TransactionAction& t : actions) {
    codes += (codes.empty() ? "" : ", ") + t.reason;
    w.StartObject();
    WriteKey(w, "Code");
    WriteString(w, t.reason);
    if (!t.reason_message.empty()) {
      WriteKey(w, "Message");
      WriteString(w, t.reason_message);
    }
    if (!t.item_json.empty()) {
      WriteKey(w, "Item");
      w.RawValue(t.item_json.data(), t.item_json.size(), rapidjson::kObjectType);
    }
    w.EndObject();
  }
  w.EndArray();
  std::string reasons = w.Take();
  Status s = Status::TransactionCanceled("Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                                         codes + "]");
  std::string stale;
  for (const TransactionAction& t : actions)
    if (name_stale && !t.stale_txn.empty()) stale += (stale.empty() ? "\"" : ",\"") + t.stale_txn + "\"";
  s.set_extra_json("\"CancellationReasons\":" + reasons + (stale.empty() ? "" : ",\"@Stale\":[" + stale + "]"));
  return s;
}

void WriteMultiItemResponse(JsonWriter& out, Store& store, const JsonValue& request,
                            const std::vector<TransactionAction>& actions, double table_factor) {
  std::string_view capacity = StringOr(request, "ReturnConsumedCapacity", "NONE");
  if (capacity == "TOTAL" || capacity == "INDEXES") {
    TableConsumption per_table;
    for (const TransactionAction& t : actions) AddConsumption(&per_table, WriteConsumption(t.plan, table_factor));
    WriteConsumedCapacityList(out, capacity, per_table);
  }
  std::vector<const WritePlan*> plans;
  for (const TransactionAction& t : actions) plans.push_back(&t.plan);
  WriteItemCollectionMetricsByTable(out, StringOr(request, "ReturnItemCollectionMetrics", "NONE"), store, plans);
}

Status ReadTxnId(const JsonValue& request, std::string_view* txn) {
  const JsonValue* id = Member(request, "TxnId");
  if (!id || !id->IsString() || id->GetStringLength() == 0 || id->GetStringLength() > 64)
    return Status::Validation("internal: TxnId");
  *txn = StringOf(*id);
  for (char c : *txn)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'))
      return Status::Validation("internal: TxnId");
  return Status::OK();
}

}  // namespace dodb

#include "request/transaction.h"

#include "request/capacity.h"
#include "format/item_codec.h"

namespace dodb {
namespace {

// Validation failures DynamoDB reports as a ValidationError cancellation reason of the action
// instead of failing the request (AWS TransactionCanceledException reference; nubo-db/dynoxide).
bool IsPerActionValidation(const std::string& message) {
  static constexpr std::string_view kPrefixes[] = {
      "One or more parameter values were invalid: Type mismatch for key",
      "One or more parameter values were invalid: Missing the key",
      "One or more parameter values were invalid: Input collection",
      "Input collection contains duplicates",
      "Item size to update has exceeded the maximum allowed size",
      "An operand in the update expression has an incorrect data type",
      "The provided expression refers to an attribute that does not exist in the item",
      "The document path provided in the update expression is invalid for update",
      "The update expression attempted to update the secondary index key",
      "Number overflow",
      "Attempting to store more than 38 significant digits",
      "Type mismatch for attribute to update",
      "The provided key element does not match the schema",
  };
  for (std::string_view p : kPrefixes)
    if (message.compare(0, p.size(), p) == 0) return true;
  return false;
}

}  // namespace

Status ClassifyActionStatus(Status s, TransactionAction* t) {
  if (s.ok()) return s;
  // An empty key value fails the whole transaction, in PutItem's wording whatever the action
  // (nubo-db/dynoxide CHANGELOG #98, captured against DynamoDB).
  constexpr std::string_view kEmptyKey = "One or more parameter values were invalid: The AttributeValue for a key attribute";
  if (s.message().compare(0, kEmptyKey.size(), kEmptyKey) == 0)
    return Status::Validation("One or more parameter values are not valid." +
                              s.message().substr(std::string_view("One or more parameter values were invalid:").size()));
  if (s.type() == "ConditionalCheckFailedException") {
    t->reason = "ConditionalCheckFailed";
    t->reason_message = s.message();
    // extra_json is "Item":{...} when the action asked for ALL_OLD; keep the object.
    const std::string& extra = s.extra_json();
    if (extra.rfind("\"Item\":", 0) == 0) t->item_json = extra.substr(7);
    return Status::OK();
  }
  if (s.type() == "ValidationException" && IsPerActionValidation(s.message())) {
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

Status CancellationIfAny(const std::vector<TransactionAction>& actions) {
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
  s.set_extra_json("\"CancellationReasons\":" + reasons);
  return s;
}

}  // namespace dodb

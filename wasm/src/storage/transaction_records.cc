#include "storage/transaction_records.h"

#include "format/keyspace.h"

namespace dodb {
namespace {

std::string PartKey(std::string_view txn) { return std::string(1, kPreparedPartPrefix).append(txn); }
std::string DecisionKey(std::string_view txn) { return std::string(1, kDecisionPrefix).append(txn); }

}  // namespace

void KeepPreparedPart(Store& store, std::string_view txn, std::string_view record_json) {
  store.Put(PartKey(txn), record_json);
}

bool LoadPreparedPart(Store& store, std::string_view txn, std::string* record_json) {
  return store.Get(PartKey(txn), record_json);
}

void DropPreparedPart(Store& store, std::string_view txn) { store.Delete(PartKey(txn)); }

std::vector<KeyValue> PreparedParts(Store& store, std::string_view after, int limit) {
  std::string start = after.empty() ? std::string(1, kPreparedPartPrefix) : PartKey(after) + '\0';
  std::vector<KeyValue> parts = store.Scan(start, PrefixEnd(std::string(1, kPreparedPartPrefix)), false, limit);
  for (KeyValue& kv : parts) kv.key.erase(0, 1);
  return parts;
}

std::string Decide(Store& store, std::string_view txn, std::string_view decision) {
  std::string stored;
  if (store.Get(DecisionKey(txn), &stored)) return stored;
  store.Put(DecisionKey(txn), decision);
  return std::string(decision);
}

void ForgetDecision(Store& store, std::string_view txn) { store.Delete(DecisionKey(txn)); }

}  // namespace dodb

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

void SweepDecisions(Store& store, double before_ms) {
  std::string start(1, kDecisionPrefix);
  for (const KeyValue& kv : store.Scan(start, PrefixEnd(start), false, 4)) {
    double began = 0;
    for (size_t i = 1; i < kv.key.size() && i <= 12; ++i) {
      char c = kv.key[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return;
      began = began * 16 + d;
    }
    if (began >= before_ms) return;
    store.Delete(kv.key);
  }
}

}  // namespace dodb

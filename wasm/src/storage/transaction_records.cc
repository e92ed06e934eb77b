#include "storage/transaction_records.h"

#include "format/keyspace.h"

namespace dodb {
namespace {

constexpr std::string_view kStaging = "STAGING\n";

std::string PartKey(std::string_view txn) { return std::string(1, kPreparedPartPrefix).append(txn); }
std::string DecisionKey(std::string_view txn) { return std::string(1, kDecisionPrefix).append(txn); }

bool IsPart(std::string_view value) { return !value.empty() && value[0] == '{'; }

// The start time in an id's first 12 hex digits, or -1.
double StartOf(std::string_view txn) {
  double began = 0;
  for (size_t i = 0; i < 12; ++i) {
    char c = i < txn.size() ? txn[i] : 'x';
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return -1;
    began = began * 16 + d;
  }
  return began;
}

}  // namespace

PartState LoadPreparedPart(Store& store, std::string_view txn, std::string* record_json) {
  std::string value;
  if (!store.Get(PartKey(txn), &value)) return PartState::kNone;
  if (IsPart(value)) {
    *record_json = std::move(value);
    return PartState::kPrepared;
  }
  return value[0] == 'C' ? PartState::kCommitted : PartState::kAborted;
}

void KeepPreparedPart(Store& store, std::string_view txn, std::string_view record_json) {
  store.Put(PartKey(txn), record_json);
}

void EndPreparedPart(Store& store, std::string_view txn, PartState ended) {
  store.Put(PartKey(txn), ended == PartState::kCommitted ? "C" : "A");
}

void ForgetPreparedPart(Store& store, std::string_view txn) { store.Delete(PartKey(txn)); }

std::vector<KeyValue> PreparedParts(Store& store, std::string_view after, int limit) {
  std::string start = after.empty() ? std::string(1, kPreparedPartPrefix) : PartKey(after) + '\0';
  std::string end = PrefixEnd(std::string(1, kPreparedPartPrefix));
  std::vector<KeyValue> parts;
  while (static_cast<int>(parts.size()) < limit) {
    std::vector<KeyValue> batch = store.Scan(start, end, false, limit);
    for (KeyValue& kv : batch)
      if (IsPart(kv.value) && static_cast<int>(parts.size()) < limit) parts.push_back(KeyValue{kv.key.substr(1), std::move(kv.value)});
    if (static_cast<int>(batch.size()) < limit) break;
    start = batch.back().key + '\0';
  }
  return parts;
}

bool Stage(Store& store, std::string_view txn, std::string_view participants_json, std::string* existing) {
  if (store.Get(DecisionKey(txn), existing)) return false;
  store.Put(DecisionKey(txn), std::string(kStaging).append(participants_json));
  return true;
}

std::string Decide(Store& store, std::string_view txn, std::string_view decision, bool replace_staging) {
  std::string stored;
  if (store.Get(DecisionKey(txn), &stored) && !(replace_staging && stored.rfind(kStaging, 0) == 0)) return stored;
  store.Put(DecisionKey(txn), decision);
  return std::string(decision);
}

void Unstage(Store& store, std::string_view txn) {
  std::string stored;
  if (store.Get(DecisionKey(txn), &stored) && stored.rfind(kStaging, 0) == 0) store.Delete(DecisionKey(txn));
}

void SweepTransactionRecords(Store& store, char space, double before_ms) {
  std::string start(1, space);
  for (const KeyValue& kv : store.Scan(start, PrefixEnd(start), false, 4)) {
    double began = StartOf(std::string_view(kv.key).substr(1));
    if (began < 0 || began >= before_ms) return;
    if (space == kPreparedPartPrefix && IsPart(kv.value)) continue;  // a part ends by its transaction
    store.Delete(kv.key);
  }
}

}  // namespace dodb

// transaction_records.h: what a transaction over several Durable Objects keeps durably
// (docs/SCALING.md, "Transactions over shards").
// - In each participant, its prepared part, until the part commits or aborts: key space 0x07
//   (keyspace.h) + the transaction id; the value is JSON text the participant wrote at prepare
//   ({"Request": <its part>, "Keys": [<base64 storage keys>], "ExpiresMs": n, "Coordinator": {...}}).
// - In the coordinator (the database's own object), the decision: key space 0x08 + the id; the
//   value "COMMIT" or "ABORT". The first decision written stands (a router that commits and a
//   recovery that aborts cannot both win).
#ifndef DODB_STORAGE_TRANSACTION_RECORDS_H_
#define DODB_STORAGE_TRANSACTION_RECORDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/store.h"

namespace dodb {

void KeepPreparedPart(Store& store, std::string_view txn, std::string_view record_json);
bool LoadPreparedPart(Store& store, std::string_view txn, std::string* record_json);
void DropPreparedPart(Store& store, std::string_view txn);
// Prepared parts in id order, strictly after `after`, at most limit of them (key: the id).
std::vector<KeyValue> PreparedParts(Store& store, std::string_view after, int limit);

// Records `decision` unless one is recorded; returns the one that stands.
std::string Decide(Store& store, std::string_view txn, std::string_view decision);
// Drops up to a few of the oldest decisions whose transaction began before before_ms (an id
// starts with its start time in epoch ms, 12 hex digits).
void SweepDecisions(Store& store, double before_ms);

}  // namespace dodb

#endif  // DODB_STORAGE_TRANSACTION_RECORDS_H_

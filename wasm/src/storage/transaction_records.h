// transaction_records.h: what a transaction over several Durable Objects keeps durably
// (docs/SCALING.md, "Transactions over shards"). Transaction ids begin with their start time in
// epoch ms (12 hex digits: the router's newTransactionId), so old records are swept in id order.
// - In each participant, under key space 0x07 (keyspace.h) + the id: its prepared part until it
//   ends (JSON text, "{...}": {"Request": <its part>, "Keys": [<base64 storage keys>], "ExpiresMs":
//   n, "Coordinator": {...}}), then how it ended, for an hour: "C" (committed) or "A" (aborted, or
//   fenced: a prepare arriving later is refused).
// - In the coordinator (the database's own object), under 0x08 + the id: "STAGING\n<participants
//   JSON>" from the start of a transaction (it commits once every participant has prepared), then
//   "COMMIT" or "ABORT". The first decision written stands.
#ifndef DODB_STORAGE_TRANSACTION_RECORDS_H_
#define DODB_STORAGE_TRANSACTION_RECORDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/store.h"

namespace dodb {

inline constexpr double kTransactionRecordLifetimeMs = 60 * 60 * 1000;

// A participant's record of a transaction.
enum class PartState : unsigned char { kNone, kPrepared, kCommitted, kAborted };
PartState LoadPreparedPart(Store& store, std::string_view txn, std::string* record_json);
void KeepPreparedPart(Store& store, std::string_view txn, std::string_view record_json);
// Replaces the part (if any) by how it ended: kCommitted or kAborted.
void EndPreparedPart(Store& store, std::string_view txn, PartState ended);
// Removes every record of txn here (a part aborted before the transaction could commit).
void ForgetPreparedPart(Store& store, std::string_view txn);
// Prepared parts (not endings) in id order, strictly after `after`, at most limit of them (key: the id).
std::vector<KeyValue> PreparedParts(Store& store, std::string_view after, int limit);

// The coordinator's record. Stage writes STAGING unless a record exists (then *existing gets it).
bool Stage(Store& store, std::string_view txn, std::string_view participants_json, std::string* existing);
// Records `decision` ("COMMIT" / "ABORT") if there is no record, or only STAGING and replace_staging;
// returns the record that stands ("STAGING\n..." when STAGING stays).
std::string Decide(Store& store, std::string_view txn, std::string_view decision, bool replace_staging);
// Removes txn's record if it is STAGING (a transaction that can no longer commit).
void Unstage(Store& store, std::string_view txn);

// Drops up to a few of the oldest records of key space `space` (0x07 endings, 0x08 records) whose
// transaction began before before_ms.
void SweepTransactionRecords(Store& store, char space, double before_ms);

}  // namespace dodb

#endif  // DODB_STORAGE_TRANSACTION_RECORDS_H_

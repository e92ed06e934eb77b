// idempotency.h: ClientRequestToken for TransactWriteItems. A token is remembered for 10
// minutes after its transaction completes, with a fingerprint of the request's actions; a retry
// with the same token and actions succeeds without effect, different actions get
// IdempotentParameterMismatchException. Kept under the metadata key space (keyspace.h).
#ifndef DODB_IDEMPOTENCY_H_
#define DODB_IDEMPOTENCY_H_

#include <string>
#include <string_view>

#include "util/json.h"
#include "util/status.h"
#include "storage/store.h"

namespace dodb {

// A stable digest of a JSON value (object members in name order, so key order does not matter).
std::string Fingerprint(const JsonValue& value);

// *replay: the token was used by the same request less than 10 minutes ago.
Status CheckIdempotencyToken(Store& store, std::string_view token, const std::string& fingerprint, bool* replay);
void RecordIdempotencyToken(Store& store, std::string_view token, const std::string& fingerprint);

// A transaction over several objects (docs/SCALING.md) holds its token in the coordinator from
// before its first prepare until its decision: a retry meanwhile is TransactionInProgressException
// (a hold older than a minute is taken as abandoned: its transaction can only abort). *replay as
// above. EndTokenHold records the token as used if the transaction committed, else frees it.
Status HoldIdempotencyToken(Store& store, std::string_view token, const std::string& fingerprint, bool* replay);
void EndTokenHold(Store& store, std::string_view token, bool committed);

}  // namespace dodb

#endif  // DODB_IDEMPOTENCY_H_

#include "storage/idempotency.h"

#include <algorithm>
#include <vector>

#include "format/keyspace.h"

namespace dodb {
namespace {

constexpr double kTokenLifetimeMs = 10 * 60 * 1000;
constexpr double kHoldLifetimeMs = 60 * 1000;
// A held token's record: 'H' <held since, epoch ms> '\n' <fingerprint>; a used one's:
// <expires, epoch ms> '\n' <fingerprint>.
constexpr char kHeld = 'H';

void Hash(uint64_t* h, std::string_view bytes) {
  for (char c : bytes) *h = (*h ^ static_cast<uint8_t>(c)) * 1099511628211ull;  // FNV-1a 64
  *h = (*h ^ 0xFF) * 1099511628211ull;  // separator
}

void HashValue(uint64_t* h, const JsonValue& v) {
  if (v.IsObject()) {
    std::vector<const JsonValue::Member*> members;
    for (const auto& m : v.GetObject()) members.push_back(&m);
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return StringOf(a->name) < StringOf(b->name); });
    Hash(h, "{");
    for (const auto* m : members) {
      Hash(h, StringOf(m->name));
      HashValue(h, m->value);
    }
  } else if (v.IsArray()) {
    Hash(h, "[");
    for (const JsonValue& e : v.GetArray()) HashValue(h, e);
  } else if (v.IsString()) {
    Hash(h, StringOf(v));
  } else {
    JsonWriter w;
    v.Accept(w);
    Hash(h, w.view());
  }
}

std::string TokenKey(std::string_view token) { return MetaKey("txn-token:").append(token); }

}  // namespace

std::string Fingerprint(const JsonValue& value) {
  uint64_t h = 1469598103934665603ull;
  HashValue(&h, value);
  return std::to_string(h);
}

Status CheckIdempotencyToken(Store& store, std::string_view token, const std::string& fingerprint, bool* replay) {
  *replay = false;
  std::string stored;
  if (!store.Get(TokenKey(token), &stored)) return Status::OK();
  size_t nl = stored.find('\n');
  bool held = !stored.empty() && stored[0] == kHeld;
  double since_or_expires = 0;
  for (size_t i = held ? 1 : 0; i < nl && i < stored.size(); ++i) since_or_expires = since_or_expires * 10 + (stored[i] - '0');
  if (held) {
    if (since_or_expires + kHoldLifetimeMs <= store.NowMs()) return Status::OK();  // abandoned
    return Status::TransactionInProgress("The transaction with the given request token is already in progress.");
  }
  if (since_or_expires <= store.NowMs()) return Status::OK();  // expired: a new transaction
  if (stored.substr(nl + 1) != fingerprint)
    return Status::IdempotentParameterMismatch(
        "DynamoDB rejected the request because you retried a request with a different payload but with an "
        "idempotent token that was already used.");
  *replay = true;
  return Status::OK();
}

void RecordIdempotencyToken(Store& store, std::string_view token, const std::string& fingerprint) {
  uint64_t expires = static_cast<uint64_t>(store.NowMs() + kTokenLifetimeMs);
  store.Put(TokenKey(token), std::to_string(expires) + "\n" + fingerprint);
}

}  // namespace dodb

namespace dodb {

Status HoldIdempotencyToken(Store& store, std::string_view token, const std::string& fingerprint, bool* replay) {
  DODB_RETURN_IF_ERROR(CheckIdempotencyToken(store, token, fingerprint, replay));
  if (!*replay) store.Put(TokenKey(token), kHeld + std::to_string(static_cast<uint64_t>(store.NowMs())) + "\n" + fingerprint);
  return Status::OK();
}

void EndTokenHold(Store& store, std::string_view token, bool committed) {
  std::string held;
  if (!store.Get(TokenKey(token), &held) || held.empty() || held[0] != kHeld) return;
  if (committed) RecordIdempotencyToken(store, token, held.substr(held.find('\n') + 1));
  else store.Delete(TokenKey(token));
}

}  // namespace dodb

// item_locks.h: the locks a transaction over several Durable Objects holds on items here
// (docs/SCALING.md, "Transactions over shards"). One entry per locked item, under key space 0x06
// (keyspace.h) followed by the item's storage key; its value is text, one line per holder:
//   "W <transaction id> <expires epoch ms>"          a write prepared here, not yet decided
//   "R <transaction id> <expires epoch ms> <0|1>"    a TransactGetItems reading it (1: intact)
// A write lock blocks every other write and every transactional read of the item until its
// transaction commits or aborts (an expired one too: its transaction must be resolved first).
// A read lock blocks nothing: a write to the item breaks it, and the read then fails with a
// conflict, so the items a TransactGetItems returns were all unchanged at one moment.
#ifndef DODB_STORAGE_ITEM_LOCKS_H_
#define DODB_STORAGE_ITEM_LOCKS_H_

#include <optional>
#include <string>
#include <string_view>

#include "storage/store.h"

namespace dodb {

struct LockHolder {
  std::string txn;
  double expires_ms = 0;
};

// The locks of one store. Remembers, in memory, whether the store holds none at all, so that a
// write to an object without transactions in flight costs no lookup; like the catalog cache, this
// is valid because every write goes through this engine and a failed request discards it.
class ItemLocks {
 public:
  explicit ItemLocks(Store& store) : store_(store) {}

  // Before a write of item_key by transaction `own` ("" outside one): the transaction holding a
  // write lock on it other than `own`, if any. Otherwise breaks the item's read locks (the write
  // may happen) and returns nothing.
  std::optional<LockHolder> BeforeWrite(std::string_view item_key, std::string_view own);
  // Before a transactional read: the transaction holding a write lock on it, if any.
  std::optional<LockHolder> Writer(std::string_view item_key);

  void LockForWrite(std::string_view item_key, std::string_view txn, double expires_ms);
  void LockForRead(std::string_view item_key, std::string_view txn, double expires_ms);
  void ReleaseWrite(std::string_view item_key, std::string_view txn);
  // Removes txn's read lock; true if no write broke it meanwhile (false also if it is gone).
  bool ReleaseRead(std::string_view item_key, std::string_view txn);

 private:
  bool MayHoldAny();
  std::optional<std::string> Load(std::string_view item_key);
  void Save(std::string_view item_key, const std::string& lines);

  enum class Known : unsigned char { kUnknown, kNone, kSome };
  Store& store_;
  Known known_ = Known::kUnknown;
};

// Whether any transaction holds a lock on item_key (Time to Live sweeps skip such items).
bool IsItemLocked(Store& store, std::string_view item_key);

}  // namespace dodb

#endif  // DODB_STORAGE_ITEM_LOCKS_H_

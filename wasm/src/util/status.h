// status.h: the engine's error path (no exceptions). A Status is OK or a DynamoDB error: the
// error type (the text after '#' in "__type"), its message, and optional extra JSON fields that
// DynamoDB attaches to some errors (e.g. "Item" on ConditionalCheckFailedException).
// Errors become wire JSON in exactly one place: engine.cc (ErrorResponse).
#ifndef DODB_STATUS_H_
#define DODB_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace dodb {

// What a ValidationException about one item means to a request that carries several items
// (TransactWriteItems, BatchWriteItem). It is marked where the error is raised, so rewording a
// message never changes how a transaction treats it (request/transaction.cc).
enum class ItemScope : unsigned char {
  kRequest,      // fails the whole request: every error not marked otherwise
  kItem,         // the action's own item, key value or update is invalid: a transaction
                 // cancels, with a ValidationError reason for that action
  kKeyMismatch,  // a key attribute missing or of the wrong type: as kItem, and BatchWriteItem
                 // words it "The provided key element does not match the schema"
  kEmptyKey,     // an empty key value in GetItem's wording: a transaction fails whole, in PutItem's
};

class Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }

  // Named factories, one per DynamoDB error type the engine raises.
  static Status Validation(std::string msg) { return Status("ValidationException", std::move(msg)); }
  // A ValidationException about one item (see ItemScope).
  static Status ItemValidation(std::string msg, ItemScope scope = ItemScope::kItem) {
    Status s("ValidationException", std::move(msg));
    s.item_scope_ = scope;
    return s;
  }
  static Status Serialization(std::string msg) { return Status("SerializationException", std::move(msg)); }
  static Status ResourceNotFound(std::string msg) { return Status("ResourceNotFoundException", std::move(msg)); }
  static Status TableNotFound(std::string msg) { return Status("TableNotFoundException", std::move(msg)); }
  static Status ResourceInUse(std::string msg) { return Status("ResourceInUseException", std::move(msg)); }
  static Status UnknownOperation() { return Status("UnknownOperationException", ""); }
  static Status TransactionCanceled(std::string msg) { return Status("TransactionCanceledException", std::move(msg)); }
  static Status IdempotentParameterMismatch(std::string msg) {
    return Status("IdempotentParameterMismatchException", std::move(msg));
  }
  // An item held by a transaction in flight (docs/SCALING.md: cross-shard transactions), in
  // DynamoDB's words (also the TransactionConflict cancellation reason's message).
  static Status ItemInTransaction() {
    return Status("TransactionConflictException", "Transaction is ongoing for the item");
  }
  static Status TransactionInProgress(std::string msg) {
    return Status("TransactionInProgressException", std::move(msg));
  }
  static Status LimitExceeded(std::string msg) { return Status("LimitExceededException", std::move(msg)); }
  static Status ConditionalCheckFailed() {
    return Status("ConditionalCheckFailedException", "The conditional request failed");
  }
  // DynamoDB Streams.
  // PartiQL: an INSERT of an item whose key exists.
  static Status DuplicateItem() { return Status("DuplicateItemException", "Duplicate primary key exists in table"); }
  // An error another object answered, by its wire type (the part of "__type" after '#'):
  // PartiQL's steps run through the shard router come back as wire responses.
  static Status FromWire(std::string type, std::string msg) { return Status(std::move(type), std::move(msg)); }
  static Status ExpiredIterator(std::string msg) { return Status("ExpiredIteratorException", std::move(msg)); }
  static Status TrimmedDataAccess(std::string msg) { return Status("TrimmedDataAccessException", std::move(msg)); }
  static Status Internal(std::string msg) { return Status("InternalServerError", std::move(msg)); }

  bool ok() const { return type_.empty(); }
  const std::string& type() const { return type_; }
  const std::string& message() const { return message_; }
  // Extra members of the error body, as a JSON object's inner text ("\"Item\":{...}") or empty.
  const std::string& extra_json() const { return extra_json_; }
  ItemScope item_scope() const { return item_scope_; }
  void set_extra_json(std::string json) { extra_json_ = std::move(json); }

 private:
  Status(std::string type, std::string message) : type_(std::move(type)), message_(std::move(message)) {}
  std::string type_;
  std::string message_;
  std::string extra_json_;
  ItemScope item_scope_ = ItemScope::kRequest;
};

// Propagates a non-OK Status to the caller.
#define DODB_RETURN_IF_ERROR(expr)         \
  do {                                     \
    ::dodb::Status _dodb_status = (expr);  \
    if (!_dodb_status.ok()) return _dodb_status; \
  } while (0)

}  // namespace dodb

#endif  // DODB_STATUS_H_

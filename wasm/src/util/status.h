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

class Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }

  // Named factories, one per DynamoDB error type the engine raises.
  static Status Validation(std::string msg) { return Status("ValidationException", std::move(msg)); }
  static Status Serialization(std::string msg) { return Status("SerializationException", std::move(msg)); }
  static Status ResourceNotFound(std::string msg) { return Status("ResourceNotFoundException", std::move(msg)); }
  static Status TableNotFound(std::string msg) { return Status("TableNotFoundException", std::move(msg)); }
  static Status ResourceInUse(std::string msg) { return Status("ResourceInUseException", std::move(msg)); }
  static Status UnknownOperation() { return Status("UnknownOperationException", ""); }
  static Status TransactionCanceled(std::string msg) { return Status("TransactionCanceledException", std::move(msg)); }
  static Status IdempotentParameterMismatch(std::string msg) {
    return Status("IdempotentParameterMismatchException", std::move(msg));
  }
  static Status LimitExceeded(std::string msg) { return Status("LimitExceededException", std::move(msg)); }
  static Status ConditionalCheckFailed() {
    return Status("ConditionalCheckFailedException", "The conditional request failed");
  }
  // DynamoDB Streams.
  static Status ExpiredIterator(std::string msg) { return Status("ExpiredIteratorException", std::move(msg)); }
  static Status TrimmedDataAccess(std::string msg) { return Status("TrimmedDataAccessException", std::move(msg)); }
  static Status Internal(std::string msg) { return Status("InternalServerError", std::move(msg)); }

  bool ok() const { return type_.empty(); }
  const std::string& type() const { return type_; }
  const std::string& message() const { return message_; }
  // Extra members of the error body, as a JSON object's inner text ("\"Item\":{...}") or empty.
  const std::string& extra_json() const { return extra_json_; }
  void set_extra_json(std::string json) { extra_json_ = std::move(json); }

 private:
  Status(std::string type, std::string message) : type_(std::move(type)), message_(std::move(message)) {}
  std::string type_;
  std::string message_;
  std::string extra_json_;
};

// Propagates a non-OK Status to the caller.
#define DODB_RETURN_IF_ERROR(expr)         \
  do {                                     \
    ::dodb::Status _dodb_status = (expr);  \
    if (!_dodb_status.ok()) return _dodb_status; \
  } while (0)

}  // namespace dodb

#endif  // DODB_STATUS_H_

// engine.h: the engine's single entry point. Handle() takes a DynamoDB operation name and its
// request JSON (the wire format) and returns the HTTP status and response JSON. It reads and
// writes only through the Store it was given; the caller runs each call in one transaction.
#ifndef DODB_ENGINE_ENGINE_H_
#define DODB_ENGINE_ENGINE_H_

#include <string>
#include <string_view>

#include "util/status.h"
#include "storage/item_locks.h"
#include "storage/store.h"
#include "storage/table_catalog.h"

namespace dodb {

struct Response {
  int status = 200;  // 200, 400 (client error) or 500 (internal error)
  std::string body;  // JSON
};

class Engine {
 public:
  explicit Engine(Store& store) : store_(store), catalog_(store), locks_(store) {}
  Response Handle(std::string_view operation, std::string_view request_json);

 private:
  Store& store_;
  Catalog catalog_;
  ItemLocks locks_;
};

// The wire form of an error: {"__type":"<namespace>#<type>","message":"..."}.
Response ErrorResponse(const Status& status);

}  // namespace dodb

#endif  // DODB_ENGINE_ENGINE_H_

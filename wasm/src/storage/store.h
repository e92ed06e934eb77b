// store.h: the engine's view of its storage, "a persistent ordered map from keys to values"
// (byte strings, memcmp order). HostStore implements it over host.h's imports (the wasm
// build); MemoryStore over std::map (native tests, fuzzing). The host wraps each request in one
// transaction, so the engine never needs to undo its own writes.
#ifndef DODB_STORE_H_
#define DODB_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dodb {

struct KeyValue {
  std::string key;
  std::string value;
};

class Store {
 public:
  virtual ~Store() = default;
  // Returns true and fills *value if key is present.
  virtual bool Get(std::string_view key, std::string* value) = 0;
  virtual void Put(std::string_view key, std::string_view value) = 0;
  virtual void Delete(std::string_view key) = 0;
  // Entries with start <= key < end, ascending (descending if reverse), at most limit of them.
  virtual std::vector<KeyValue> Scan(std::string_view start, std::string_view end, bool reverse,
                                     int limit) = 0;
  // Milliseconds since the Unix epoch.
  virtual double NowMs() = 0;
};

}  // namespace dodb

#endif  // DODB_STORE_H_

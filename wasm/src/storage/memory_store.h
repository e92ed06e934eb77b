// memory_store.h: Store over an in-memory std::map (native tests and fuzzing).
#ifndef DODB_MEMORY_STORE_H_
#define DODB_MEMORY_STORE_H_

#include <map>

#include "storage/store.h"

namespace dodb {

class MemoryStore : public Store {
 public:
  bool Get(std::string_view key, std::string* value) override;
  void Put(std::string_view key, std::string_view value) override;
  void Delete(std::string_view key) override;
  std::vector<KeyValue> Scan(std::string_view start, std::string_view end, bool reverse,
                             int limit) override;
  double NowMs() override { return now_ms_; }

  void set_now_ms(double now_ms) { now_ms_ = now_ms; }
  const std::map<std::string, std::string, std::less<>>& entries() const { return map_; }

 private:
  std::map<std::string, std::string, std::less<>> map_;
  double now_ms_ = 1700000000000.0;
};

}  // namespace dodb

#endif  // DODB_MEMORY_STORE_H_

// host_store.h: Store over host.h's functions (the wasm build's imports).
#ifndef DODB_HOST_STORE_H_
#define DODB_HOST_STORE_H_

#include "storage/store.h"

namespace dodb {

class HostStore : public Store {
 public:
  bool Get(std::string_view key, std::string* value) override;
  void Put(std::string_view key, std::string_view value) override;
  void Delete(std::string_view key) override;
  std::vector<KeyValue> Scan(std::string_view start, std::string_view end, bool reverse,
                             int limit) override;
  double NowMs() override;
};

}  // namespace dodb

#endif  // DODB_HOST_STORE_H_

#include "storage/memory_store.h"

namespace dodb {

bool MemoryStore::Get(std::string_view key, std::string* value) {
  auto it = map_.find(key);
  if (it == map_.end()) return false;
  *value = it->second;
  return true;
}

void MemoryStore::Put(std::string_view key, std::string_view value) {
  map_.insert_or_assign(std::string(key), std::string(value));
}

void MemoryStore::Delete(std::string_view key) {
  auto it = map_.find(key);
  if (it != map_.end()) map_.erase(it);
}

std::vector<KeyValue> MemoryStore::Scan(std::string_view start, std::string_view end, bool reverse,
                                        int limit) {
  std::vector<KeyValue> out;
  auto lo = map_.lower_bound(start);
  auto hi = map_.lower_bound(end);
  if (!reverse) {
    for (auto it = lo; it != hi && static_cast<int>(out.size()) < limit; ++it)
      out.push_back({it->first, it->second});
  } else {
    for (auto it = hi; it != lo && static_cast<int>(out.size()) < limit;) {
      --it;
      out.push_back({it->first, it->second});
    }
  }
  return out;
}

}  // namespace dodb

#include "module/host_store.h"

#include "dodb/host.h"

namespace dodb {
namespace {
const uint8_t* Bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

uint32_t ReadU32LE(const std::string& buf, size_t pos) {
  return static_cast<uint32_t>(static_cast<uint8_t>(buf[pos])) |
         static_cast<uint32_t>(static_cast<uint8_t>(buf[pos + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(buf[pos + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(buf[pos + 3])) << 24;
}
}  // namespace

bool HostStore::Get(std::string_view key, std::string* value) {
  int32_t n = kv_get(Bytes(key), key.size());
  if (n < 0) return false;
  value->resize(n);
  if (n > 0) kv_take(reinterpret_cast<uint8_t*>(value->data()));
  return true;
}

void HostStore::Put(std::string_view key, std::string_view value) {
  kv_put(Bytes(key), key.size(), Bytes(value), value.size());
}

void HostStore::Delete(std::string_view key) { kv_delete(Bytes(key), key.size()); }

std::vector<KeyValue> HostStore::Scan(std::string_view start, std::string_view end, bool reverse,
                                      int limit) {
  std::vector<KeyValue> out;
  int32_t n = kv_scan(Bytes(start), start.size(), Bytes(end), end.size(), reverse ? 1 : 0, limit);
  if (n <= 0) return out;
  std::string buf(n, '\0');
  kv_take(reinterpret_cast<uint8_t*>(buf.data()));
  size_t pos = 0;
  while (pos + 4 <= buf.size()) {
    KeyValue kv;
    uint32_t klen = ReadU32LE(buf, pos);
    kv.key.assign(buf, pos + 4, klen);
    pos += 4 + klen;
    uint32_t vlen = ReadU32LE(buf, pos);
    kv.value.assign(buf, pos + 4, vlen);
    pos += 4 + vlen;
    out.push_back(std::move(kv));
  }
  return out;
}

double HostStore::NowMs() { return host_now_ms(); }

}  // namespace dodb

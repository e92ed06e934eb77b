// item_codec_fuzzer: the input is arbitrary bytes handed to DecodeItem, as if read back from the
// store. Decoding must not crash or over-read; when it succeeds, the encoding must be canonical:
// EncodeItem of the decoded item gives back exactly the input bytes, and the decoded item keeps
// the AttributeMap invariant (names strictly ascending, at every M level) that lookups rely on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "format/attribute_value.h"
#include "fuzz_check.h"
#include "format/item_codec.h"

namespace {

bool Sorted(const dodb::AttributeMap& map);

bool SortedValue(const dodb::AttributeValue& v) {
  if (v.type == dodb::ValueType::M) return Sorted(v.map);
  if (v.type == dodb::ValueType::L)
    for (const dodb::AttributeValue& e : v.list)
      if (!SortedValue(e)) return false;
  return true;
}

bool Sorted(const dodb::AttributeMap& map) {
  for (size_t i = 0; i < map.size(); ++i) {
    if (i > 0 && !(map[i - 1].name < map[i].name)) return false;
    if (!SortedValue(map[i].value)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dodb::AttributeMap item;
  // WriteStoredItem (Query pages write stored items without decoding them) accepts exactly what
  // DecodeItem accepts, and writes and sizes the item as WriteAttributeMap and ItemSize do.
  dodb::JsonWriter direct;
  size_t direct_size = 0;
  bool written = dodb::WriteStoredItem(bytes, &direct, &direct_size);
  bool decoded = dodb::DecodeItem(bytes, &item);
  FUZZ_CHECK(written == decoded, "WriteStoredItem and DecodeItem disagree on accepting the bytes");
  if (!decoded) return 0;
  dodb::JsonWriter via_map;
  dodb::WriteAttributeMap(via_map, item);
  FUZZ_CHECK(direct.view() == via_map.view(), "WriteStoredItem wrote " + std::string(direct.view()));
  FUZZ_CHECK(direct_size == dodb::ItemSize(item), "WriteStoredItem's size differs from ItemSize");
  FUZZ_CHECK(dodb::EncodeItem(item) == bytes, "decoded item re-encodes to the same bytes");
  FUZZ_CHECK(Sorted(item), "decoded attribute names are strictly ascending");
  return 0;
}

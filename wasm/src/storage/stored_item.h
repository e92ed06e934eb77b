// stored_item.h: reading an item from the store by storage key (item_key.h).
#ifndef DODB_STORED_ITEM_H_
#define DODB_STORED_ITEM_H_

#include <optional>
#include <string>

#include "format/attribute_value.h"
#include "format/item_codec.h"
#include "util/status.h"
#include "storage/store.h"

namespace dodb {

// *item is empty if there is no item at key; InternalServerError if the bytes are corrupt.
inline Status ReadStoredItem(Store& store, const std::string& key, std::optional<AttributeMap>* item) {
  std::string bytes;
  item->reset();
  if (!store.Get(key, &bytes)) return Status::OK();
  AttributeMap decoded;
  if (!DecodeItem(bytes, &decoded)) return Status::Internal("stored item is corrupt");
  *item = std::move(decoded);
  return Status::OK();
}

}  // namespace dodb

#endif  // DODB_STORED_ITEM_H_

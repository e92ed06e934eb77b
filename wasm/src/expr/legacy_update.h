// legacy_update.h: UpdateItem's pre-expression AttributeUpdates parameter
// ({"attr": {"Action": PUT|ADD|DELETE, "Value"?}}), with DynamoDB's messages.
#ifndef DODB_LEGACY_UPDATE_H_
#define DODB_LEGACY_UPDATE_H_

#include <string>
#include <vector>

#include "format/attribute_value.h"
#include "util/json.h"
#include "util/status.h"
#include "format/table_info.h"

namespace dodb {

struct LegacyUpdate {
  std::string attribute;
  std::string action;  // PUT, ADD or DELETE
  bool has_value = false;
  AttributeValue value;
};

// Decodes and validates the map (request-level checks, before the table is read).
Status DecodeAttributeUpdates(const JsonValue& updates, std::vector<LegacyUpdate>* out);
// "Cannot update attribute k. This attribute is part of the key".
Status CheckLegacyUpdateKeys(const std::vector<LegacyUpdate>& updates, const TableInfo& table);
Status ApplyLegacyUpdates(const std::vector<LegacyUpdate>& updates, AttributeMap* item);

}  // namespace dodb

#endif  // DODB_LEGACY_UPDATE_H_

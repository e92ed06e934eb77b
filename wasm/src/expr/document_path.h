// document_path.h: reading and writing values at document paths (a.b[2].c) inside an item.
#ifndef DODB_DOCUMENT_PATH_H_
#define DODB_DOCUMENT_PATH_H_

#include <string>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"

namespace dodb {

// The value at path, or nullptr if any step is missing or of the wrong type.
const AttributeValue* FindPath(const AttributeMap& item, const Path& path);

enum class PathWrite : uint8_t {
  kOk,
  kInvalidPath,  // a parent is missing or not a map/list ("document path ... invalid for update")
};

// Sets the value at path. A list index past the end appends; a missing map key is added.
PathWrite SetPath(AttributeMap* item, const Path& path, AttributeValue value);
// Removes the value at path if present (list elements after it shift down).
PathWrite RemovePath(AttributeMap* item, const Path& path);

// "[a, b, [2]]": how DynamoDB prints a path in update-expression messages.
std::string PathDisplay(const Path& path);

// Inserts or replaces an attribute in a sorted AttributeMap.
void PutAttribute(AttributeMap* map, std::string name, AttributeValue value);
// Removes an attribute from a sorted AttributeMap; false if absent.
bool EraseAttribute(AttributeMap* map, std::string_view name);
AttributeValue* FindMutableAttribute(AttributeMap* map, std::string_view name);

}  // namespace dodb

#endif  // DODB_DOCUMENT_PATH_H_

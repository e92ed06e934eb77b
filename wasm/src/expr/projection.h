// projection.h: the part of an item that a set of document paths selects, shaped as DynamoDB
// returns it (ProjectionExpression, UPDATED_OLD / UPDATED_NEW): maps keep their nesting with
// only the selected members; selected list elements come back as a packed list in ascending
// index order, several sub-paths of one element merged; missing paths are left out.
#ifndef DODB_PROJECTION_H_
#define DODB_PROJECTION_H_

#include <vector>

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "util/json.h"
#include "util/status.h"

namespace dodb {

AttributeMap Project(const AttributeMap& item, const std::vector<const Path*>& paths);

// The legacy AttributesToGet list as one-element paths, with DynamoDB's error for a duplicate.
Status AttributesToGetPaths(const JsonValue& names, std::vector<Path>* paths);

}  // namespace dodb

#endif  // DODB_PROJECTION_H_

// update_eval.h: applying a resolved UpdateExpression to an item. Every operand is read from
// the item as it was before the update (DynamoDB semantics), then the actions are applied in
// order. Errors use DynamoDB's UpdateExpression messages.
#ifndef DODB_UPDATE_EVAL_H_
#define DODB_UPDATE_EVAL_H_

#include "format/attribute_value.h"
#include "expr/expression_ast.h"
#include "util/status.h"
#include "format/table_info.h"

namespace dodb {

// Updating a key attribute is an error (the item-independent checks are made when the
// expression is prepared, expression_resolver.h).
Status CheckUpdateKeys(const UpdateExpression& update, const TableInfo& table);

// Applies update to *item (the old item, or the key attributes if there was none).
Status ApplyUpdate(const UpdateExpression& update, AttributeMap* item);

}  // namespace dodb

#endif  // DODB_UPDATE_EVAL_H_

// partiql_translate.h: a parsed PartiQL statement -> the DynamoDB operation request that does the
// same (a pure function of the statement, its parameters and the table's definition), so that
// PartiQL shares every operation's semantics, limits, capacity, indexes and sharding:
//   SELECT   -> Query when the WHERE fixes the partition key with '=' (a sort key condition, if
//               one has a key condition's form, goes with it), else Scan; in a batch or a
//               transaction, GetItem / Get on the full key
//   INSERT   -> PutItem with attribute_not_exists(<partition key>)
//   UPDATE   -> UpdateItem on the WHERE's key, with attribute_exists(<partition key>) AND the rest
//   DELETE   -> DeleteItem on the WHERE's key, with the rest as its condition
//   EXISTS   -> a transaction's ConditionCheck
// Conditions, paths and values become expressions with #n / :v placeholders.
#ifndef DODB_PARTIQL_PARTIQL_TRANSLATE_H_
#define DODB_PARTIQL_PARTIQL_TRANSLATE_H_

#include <string>
#include <string_view>

#include "format/table_info.h"
#include "partiql/partiql_ast.h"
#include "util/json.h"
#include "util/status.h"

namespace dodb::partiql {

// Where the statement runs: ExecuteStatement, one entry of BatchExecuteStatement, or one action
// of ExecuteTransaction.
enum class Mode { kStatement, kBatch, kTransaction };

// The request members that shape the translated request.
struct Options {
  const JsonValue* parameters = nullptr;      // the Parameters array, or nullptr
  bool consistent_read = false;
  int64_t limit = 0;                           // 0: none
  std::string_view exclusive_start_key;        // JSON object text (from NextToken), or empty
  std::string_view return_consumed_capacity;   // empty: not given
  std::string_view return_values_on_condition_check_failure;
};

struct Translated {
  // kStatement, kBatch: the operation ("Query", "PutItem", ...) and its request body (JSON).
  // kTransaction: the action ("Get", "Put", "Update", "Delete", "ConditionCheck") and its object.
  std::string operation;
  std::string body;
};

// REQUIRES: table is the definition of statement.table.
Status Translate(const Statement& statement, const TableInfo& table, Mode mode, const Options& options,
                 Translated* out);

// "Number of parameters in request and statement don't match." when the counts differ.
Status CheckParameterCount(const Statement& statement, const JsonValue* parameters);

}  // namespace dodb::partiql

#endif  // DODB_PARTIQL_PARTIQL_TRANSLATE_H_

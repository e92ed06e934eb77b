// table_description.h: DynamoDB's TableDescription (CreateTable, DescribeTable, UpdateTable,
// DeleteTable) written from a table's definition.
#ifndef DODB_REQUEST_TABLE_DESCRIPTION_H_
#define DODB_REQUEST_TABLE_DESCRIPTION_H_

#include <string_view>

#include "format/table_info.h"
#include "util/json.h"

namespace dodb {

// Writes the TableDescription object for table, with the given TableStatus.
void WriteTableDescription(JsonWriter& w, const TableInfo& table, std::string_view status);

}  // namespace dodb

#endif  // DODB_REQUEST_TABLE_DESCRIPTION_H_

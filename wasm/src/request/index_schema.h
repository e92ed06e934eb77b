// index_schema.h: validating the secondary index definitions of CreateTable and UpdateTable
// (key schema incl. multi-attribute GSI keys, projection, throughput) with DynamoDB's messages,
// and the request shapes (validation.h fields) they share.
#ifndef DODB_INDEX_SCHEMA_H_
#define DODB_INDEX_SCHEMA_H_

#include <string>
#include <vector>

#include "util/json.h"
#include "util/status.h"
#include "format/table_info.h"
#include "request/validation.h"

namespace dodb {

inline constexpr size_t kMaxGlobalIndexes = 20;
inline constexpr size_t kMaxLocalIndexes = 5;

extern const Field kLocalSecondaryIndexesField;
extern const Field kGlobalSecondaryIndexesField;
extern const Field kKeySchemaMembers[2];
extern const Field kThroughputMembers[2];
extern const Field kGlobalIndexMembers[4];  // IndexName, KeySchema, Projection, ProvisionedThroughput

// Checks one index's KeySchema against the attribute definitions and fills the key attributes.
Status ParseIndexKeySchema(const JsonValue& spec, bool global, const TableInfo& table, IndexInfo* index);
// Checks the Projection and (GSI) ProvisionedThroughput and fills them.
Status ParseIndexProjectionAndThroughput(const JsonValue& spec, bool global, const TableInfo& table, IndexInfo* index);

// "[a, b]" of the AttributeName members of a KeySchema or AttributeDefinitions list.
std::string AttributeNameList(const JsonValue& list);

}  // namespace dodb

#endif  // DODB_INDEX_SCHEMA_H_

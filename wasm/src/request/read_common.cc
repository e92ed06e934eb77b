#include "request/read_common.h"

#include "expr/legacy_condition.h"
#include "expr/projection.h"
#include "request/request_fields.h"
#include "storage/secondary_index.h"

namespace dodb {

constinit const Field kConditionMapMembers[2] = {
    Field{"AttributeValueList", Kind::AttributeValueList},
    RequiredField("ComparisonOperator", Kind::String).Enum("[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"),
};

Status ReadRequestChecks(const JsonValue& request, std::string_view filter_param, ReadParameters* params) {
  params->select = StringOr(request, "Select", "");
  bool has_projection = Member(request, "ProjectionExpression") || Member(request, "AttributesToGet");
  const char* projection_param = Member(request, "ProjectionExpression") ? "ProjectionExpression" : "AttributesToGet";
  if (params->select == "SPECIFIC_ATTRIBUTES" && !has_projection)
    return Status::Validation(std::string(params->is_query ? "1 validation error detected: " : "") +
                              "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                              "SPECIFIC_ATTRIBUTES");
  if (has_projection && !params->select.empty() && params->select != "SPECIFIC_ATTRIBUTES")
    return Status::Validation("Cannot specify the " + std::string(projection_param) + " when choosing to get " +
                              (params->select == "COUNT" ? std::string("only the Count") : std::string(params->select)));
  if (params->select == "ALL_PROJECTED_ATTRIBUTES" && !Member(request, "IndexName"))
    return Status::Validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  if (const JsonValue* filter = Member(request, std::string(filter_param).c_str())) {
    std::optional<Condition> c;
    DODB_RETURN_IF_ERROR(ExpectedToCondition(*filter, StringOr(request, "ConditionalOperator", "AND"), &c));
    params->filter = std::move(c);
  }
  if (const JsonValue* names = Member(request, "AttributesToGet")) {
    std::vector<Path> paths;
    DODB_RETURN_IF_ERROR(AttributesToGetPaths(*names, &paths));
    params->projection = std::move(paths);
  }
  if (const JsonValue* esk = Member(request, "ExclusiveStartKey")) {
    AttributeMap key;
    Status s = DecodeAttributeMap(*esk, 1, &key);
    if (!s.ok()) {
      // DynamoDB prefixes some value errors with the parameter, not others (dynalite test/query.js).
      const std::string& m = s.message();
      bool bare = m.find("contains duplicates") != std::string::npos || m.find("number set") != std::string::npos ||
                  m.find("numeric value") != std::string::npos || m.find("significant digits") != std::string::npos ||
                  m.find("number with magnitude") != std::string::npos;
      return bare ? s : Status::Validation("The provided starting key is invalid: " + m);
    }
    params->exclusive_start_key = std::move(key);
  }
  return Status::OK();
}

Status PrepareReadExpressions(const JsonValue& request, ExpressionContext* expressions, ReadParameters* params) {
  if (const JsonValue* text = Member(request, "FilterExpression")) {
    Condition c;
    DODB_RETURN_IF_ERROR(expressions->PrepareCondition("FilterExpression", StringOf(*text), &c));
    params->filter = std::move(c);
  }
  if (const JsonValue* text = Member(request, "ProjectionExpression")) {
    ProjectionExpression p;
    DODB_RETURN_IF_ERROR(expressions->PrepareProjection(StringOf(*text), &p));
    params->projection = std::move(p.paths);
  }
  return Status::OK();
}

Status ResolveReadTarget(const JsonValue& request, const TableInfo& table, ReadParameters* params, ReadRequest* read) {
  read->table = &table;
  if (const JsonValue* name = Member(request, "IndexName")) {
    read->index = table.FindIndex(StringOf(*name));
    if (!read->index || read->index->status == IndexStatus::kDeleting)
      return Status::Validation("The table does not have the specified index: " + std::string(StringOf(*name)));
  }
  const JsonValue* consistent = Member(request, "ConsistentRead");
  read->consistent = consistent && consistent->GetBool();
  const IndexInfo* index = read->index;
  if (index && index->global && read->consistent)
    return Status::Validation("Consistent reads are not supported on global secondary indexes");
  if (index && index->global && index->status != IndexStatus::kActive)
    return Status::Validation("Cannot read from backfilling global secondary index: " + index->name);
  std::string_view select = params->select;
  if (select.empty()) select = params->projection ? "SPECIFIC_ATTRIBUTES" : index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
  if (index && index->projection_type != ProjectionType::kAll && select == "ALL_ATTRIBUTES") {
    if (index->global)
      return Status::Validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
                                "for global secondary index " + index->name + " because its projection type is not ALL");
    read->fetch_table_item = true;  // an LSI fetches what it does not project from the table
    read->return_table_item = true;
  }
  if (index && !index->global && index->projection_type != ProjectionType::kAll && params->projection) {
    for (const Path& p : *params->projection)
      if (!IndexProjects(table, *index, p.elements[0].name)) read->fetch_table_item = true;
  }
  if (index && !index->global && params->filter) read->fetch_table_item = read->fetch_table_item || index->projection_type != ProjectionType::kAll;
  read->count_only = select == "COUNT";
  read->projection = std::move(params->projection);
  read->filter = std::move(params->filter);
  read->return_consumed_capacity = StringOr(request, "ReturnConsumedCapacity", "NONE");
  return Status::OK();
}

}  // namespace dodb

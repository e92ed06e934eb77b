// TagResource / UntagResource / ListTagsOfResource: a table's tags, kept in its catalog entry.
// Resources are named by table ARN (table_catalog.h: TableArn). Up to 50 tags per table.
#include <algorithm>

#include "request/operation.h"
#include "request/request_fields.h"
#include "storage/table_catalog.h"

namespace dodb::ops {
namespace {

constexpr size_t kMaxTags = 50;

constexpr Field kTagMembers[] = {
    RequiredField("Key", Kind::String).MinLength(1).MaxLength(128),
    RequiredField("Value", Kind::String).MaxLength(256),
};
constexpr Field ArnField() {
  Field f = RequiredField("ResourceArn", Kind::String);
  f.min_length = 1;
  f.max_length = 1283;
  return f;
}
const Field kTagFields[] = {ArnField(), StructField("Tags", Kind::StructList, kTagMembers, "Tag", true)};
const Field kUntagFields[] = {ArnField(), RequiredField("TagKeys", Kind::StringList)};
const Field kListFields[] = {ArnField(), Field{"NextToken", Kind::String}};

// The table an ARN names: "arn:aws:dynamodb:<region>:<account>:table/<name>".
Status TableForArn(OperationContext& ctx, const JsonValue& request, TableInfo* table) {
  std::string_view arn = StringOf(request["ResourceArn"]);
  size_t at = arn.find(":table/");
  if (arn.rfind("arn:", 0) != 0 || at == std::string_view::npos || arn.find('/', at + 7) != std::string_view::npos)
    return Status::Validation("Invalid TableArn: Invalid ResourceArn provided as input " + std::string(arn));
  if (!ctx.catalog.Load(arn.substr(at + 7), table))
    return Status::ResourceNotFound("Requested resource not found: ResourcArn: " + std::string(arn) + " not found");
  return Status::OK();
}

}  // namespace

Status TagResource(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kTagFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(TableForArn(ctx, request, &table));
  for (const JsonValue& tag : request["Tags"].GetArray()) {
    std::string key(StringOf(tag["Key"])), value(StringOf(tag["Value"]));
    auto it = std::find_if(table.tags.begin(), table.tags.end(), [&](const auto& t) { return t.first == key; });
    if (it != table.tags.end()) it->second = value;
    else table.tags.emplace_back(key, value);
  }
  if (table.tags.size() > kMaxTags)
    return Status::LimitExceeded("The number of tags for the resource exceeds the limit of 50");
  ctx.catalog.Save(table);
  return Status::OK();
}

Status UntagResource(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kUntagFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(TableForArn(ctx, request, &table));
  for (const JsonValue& key : request["TagKeys"].GetArray())
    table.tags.erase(std::remove_if(table.tags.begin(), table.tags.end(),
                                    [&](const auto& t) { return t.first == StringOf(key); }),
                     table.tags.end());
  ctx.catalog.Save(table);
  return Status::OK();
}

Status ListTagsOfResource(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  DODB_RETURN_IF_ERROR(ValidateRequest(request, kListFields));
  TableInfo table;
  DODB_RETURN_IF_ERROR(TableForArn(ctx, request, &table));
  WriteKey(out, "Tags");
  out.StartArray();
  for (const auto& [key, value] : table.tags) {
    out.StartObject();
    WriteKey(out, "Key");
    WriteString(out, key);
    WriteKey(out, "Value");
    WriteString(out, value);
    out.EndObject();
  }
  out.EndArray();
  return Status::OK();
}

// DescribeLimits: DynamoDB's default account and table quotas (on-demand tables are not bound
// by them; here nothing is provisioned).
Status DescribeLimits(OperationContext& ctx, const JsonValue& request, JsonWriter& out) {
  for (const char* member : {"AccountMaxReadCapacityUnits", "AccountMaxWriteCapacityUnits"}) {
    WriteKey(out, member);
    out.Int(80000);
  }
  for (const char* member : {"TableMaxReadCapacityUnits", "TableMaxWriteCapacityUnits"}) {
    WriteKey(out, member);
    out.Int(40000);
  }
  return Status::OK();
}

}  // namespace dodb::ops

// expression_parser_fuzzer: the input is one DynamoDB expression text. It is parsed as a
// ConditionExpression, an UpdateExpression and a ProjectionExpression (the raw parsers), then
// prepared (parsed + resolved) through an ExpressionContext initialised once from a fixed request
// whose ExpressionAttributeNames/Values cover every value type, and each expression that resolves
// is evaluated against a fixed item (condition evaluation, update application, projection). The
// property is only "no crash, no sanitizer report, no hang"; the results are not compared.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/condition_eval.h"
#include "expr/expression_parser.h"
#include "expr/expression_resolver.h"
#include "fuzz_check.h"
#include "format/item_codec.h"
#include "util/json.h"
#include "expr/projection.h"
#include "expr/update_eval.h"

namespace {

constexpr const char kRequest[] = R"({
  "ExpressionAttributeNames": {"#a": "a", "#b": "b", "#pk": "pk", "#l": "list", "#m": "map",
                               "#dot": "x.y", "#e": ""},
  "ExpressionAttributeValues": {
    ":s": {"S": "abc"}, ":s2": {"S": "b"}, ":e": {"S": ""}, ":n": {"N": "1"}, ":n2": {"N": "-2.5"},
    ":big": {"N": "9.9999999999999999999999999999999999999E+125"}, ":b": {"B": "AAEC"},
    ":t": {"BOOL": true}, ":null": {"NULL": true}, ":l": {"L": [{"S": "x"}, {"N": "2"}]},
    ":m": {"M": {"k": {"S": "v"}, "n": {"N": "3"}}}, ":ss": {"SS": ["a", "b"]},
    ":ns": {"NS": ["1", "2"]}, ":bs": {"BS": ["AA==", "AQ=="]}, ":type": {"S": "N"}
  }
})";

const dodb::AttributeMap& FixedItem() {
  static const dodb::AttributeMap* item = [] {
    dodb::JsonDocument doc;
    doc.Parse(R"({"pk": {"S": "k"}, "a": {"N": "5"}, "b": {"S": "bee"}, "list": {"L": [{"N": "1"},
      {"M": {"c": {"S": "d"}}}, {"L": []}]}, "map": {"M": {"a": {"SS": ["x"]}, "m": {"M": {}}}},
      "x.y": {"BOOL": false}, "ns": {"NS": ["7"]}, "bin": {"B": "/w=="}})");
    auto* m = new dodb::AttributeMap;
    FUZZ_CHECK(dodb::DecodeAttributeMap(doc, 1, m).ok(), "fixed item");
    return m;
  }();
  return *item;
}

const dodb::JsonDocument& FixedRequest() {
  static const dodb::JsonDocument* doc = [] {
    auto* d = new dodb::JsonDocument;
    d->Parse(kRequest);
    FUZZ_CHECK(!d->HasParseError(), "fixed request");
    return d;
  }();
  return *doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    dodb::Condition c;
    dodb::ParseCondition("ConditionExpression", text, &c);
    dodb::UpdateExpression u;
    dodb::ParseUpdate(text, &u);
    dodb::ProjectionExpression p;
    dodb::ParseProjection(text, &p);
  }

  dodb::ExpressionContext ctx;
  FUZZ_CHECK(ctx.Init(FixedRequest()).ok(), "ExpressionContext::Init on the fixed request");
  const dodb::AttributeMap& item = FixedItem();

  dodb::Condition condition;
  if (ctx.PrepareCondition("ConditionExpression", text, &condition).ok())
    dodb::EvaluateCondition(condition, item);

  dodb::UpdateExpression update;
  if (ctx.PrepareUpdate(text, &update).ok()) {
    dodb::AttributeMap updated = item;
    if (dodb::ApplyUpdate(update, &updated).ok()) {
      // An applied update must leave a well-formed item that survives the storage codec.
      dodb::AttributeMap decoded;
      FUZZ_CHECK(dodb::DecodeItem(dodb::EncodeItem(updated), &decoded), "updated item decodes");
      FUZZ_CHECK(decoded == updated, "updated item round-trips");
    }
  }

  dodb::ProjectionExpression projection;
  if (ctx.PrepareProjection(text, &projection).ok()) {
    std::vector<const dodb::Path*> paths;
    for (const dodb::Path& p : projection.paths) paths.push_back(&p);
    dodb::Project(item, paths);
  }
  ctx.CheckAllUsed();
  return 0;
}

// partiql_parser_fuzzer: the input is one PartiQL statement text. It is tokenized and parsed; a
// statement that parses is translated against a fixed table (pk S, sk N, a GSI) in each mode
// (ExecuteStatement, a batch entry, a transaction action), with as many parameters as it has '?'s
// (drawn in turn from a fixed list covering every value type). Properties: no crash, no
// sanitizer report, no hang; every translated request is a JSON object naming the table.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "partiql/partiql_parser.h"
#include "partiql/partiql_translate.h"
#include "util/json.h"

namespace {

constexpr const char kParameters[] = R"([{"S": "abc"}, {"N": "1"}, {"B": "AAEC"}, {"BOOL": true}, {"NULL": true},
  {"L": [{"S": "x"}]}, {"M": {"k": {"N": "2"}}}, {"SS": ["a"]}, {"NS": ["1"]}, {"BS": ["AA=="]}])";

const dodb::TableInfo& FixedTable() {
  static const dodb::TableInfo* table = [] {
    auto* t = new dodb::TableInfo;
    t->name = "tbl";
    t->hash_key = dodb::KeyAttribute{"pk"};
    t->range_key = dodb::KeyAttribute{"sk"};
    dodb::IndexInfo gsi;
    gsi.name = "gsi";
    gsi.hash_keys.push_back(dodb::KeyAttribute{"g"});
    gsi.range_keys.push_back(dodb::KeyAttribute{"sk"});
    t->indexes.push_back(gsi);
    return t;
  }();
  return *table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dodb::partiql::Statement statement;
  if (!dodb::partiql::ParseStatement(text, &statement).ok()) return 0;
  static dodb::JsonDocument pool = [] {
    dodb::JsonDocument d;
    d.Parse(kParameters);
    return d;
  }();
  dodb::JsonDocument parameters(rapidjson::kArrayType);
  for (size_t i = 0; i < statement.parameter_count && i < 10000; ++i)
    parameters.PushBack(dodb::JsonValue(pool[static_cast<dodb::SizeType>(i % pool.Size())], parameters.GetAllocator()),
                        parameters.GetAllocator());
  dodb::partiql::Options options;
  options.parameters = &parameters;
  for (auto mode : {dodb::partiql::Mode::kStatement, dodb::partiql::Mode::kBatch, dodb::partiql::Mode::kTransaction}) {
    dodb::partiql::Translated out;
    if (!dodb::partiql::Translate(statement, FixedTable(), mode, options, &out).ok()) continue;
    dodb::JsonDocument body;
    body.Parse(out.body.data(), out.body.size());
    FUZZ_CHECK(!body.HasParseError() && body.IsObject(), "translated request is a JSON object");
    FUZZ_CHECK(body.HasMember("TableName"), "translated request names the table");
  }
  return 0;
}

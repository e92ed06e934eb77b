// Native micro-benchmarks (Google Benchmark) of the engine's hot paths over the in-memory
// store: whole requests (PutItem, GetItem, UpdateItem, Query), expression parsing, the item
// codec and key encoding. Build: cmake -DDODB_BENCH=ON; run build/bench/engine_benchmark.
#include <benchmark/benchmark.h>

#include <string>

#include "format/attribute_value.h"
#include "engine.h"
#include "expr/expression_parser.h"
#include "format/item_codec.h"
#include "format/key_codec.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

constexpr const char* kCreate = R"({"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})";

std::string Item200(int i) {
  return R"({"TableName":"bench","Item":{"pk":{"S":"user#)" + std::to_string(i % 100) + R"("},"sk":{"N":")" +
         std::to_string(i) +
         R"("},"name":{"S":"Ada Lovelace"},"email":{"S":"ada@example.com"},"age":{"N":"36"},"tags":{"SS":["a","b","c"]},)"
         R"("profile":{"M":{"city":{"S":"London"},"score":{"N":"99.5"},"active":{"BOOL":true}}},"note":{"S":"0123456789012345678901234567890123456789"}}})";
}

void BM_PutItem(benchmark::State& state) {
  MemoryStore store;
  Engine engine(store);
  engine.Handle("CreateTable", kCreate);
  int i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(engine.Handle("PutItem", Item200(i++ % 1000)));
}
BENCHMARK(BM_PutItem);

void BM_GetItem(benchmark::State& state) {
  MemoryStore store;
  Engine engine(store);
  engine.Handle("CreateTable", kCreate);
  for (int i = 0; i < 1000; ++i) engine.Handle("PutItem", Item200(i));
  std::string get = R"({"TableName":"bench","Key":{"pk":{"S":"user#7"},"sk":{"N":"507"}}})";
  for (auto _ : state) benchmark::DoNotOptimize(engine.Handle("GetItem", get));
}
BENCHMARK(BM_GetItem);

void BM_UpdateItemAdd(benchmark::State& state) {
  MemoryStore store;
  Engine engine(store);
  engine.Handle("CreateTable", kCreate);
  engine.Handle("PutItem", Item200(7));
  std::string update = R"({"TableName":"bench","Key":{"pk":{"S":"user#7"},"sk":{"N":"7"}},
      "UpdateExpression":"ADD age :one SET #n = :n","ExpressionAttributeNames":{"#n":"name"},
      "ExpressionAttributeValues":{":one":{"N":"1"},":n":{"S":"Ada"}}})";
  for (auto _ : state) benchmark::DoNotOptimize(engine.Handle("UpdateItem", update));
}
BENCHMARK(BM_UpdateItemAdd);

void BM_Query100(benchmark::State& state) {
  MemoryStore store;
  Engine engine(store);
  engine.Handle("CreateTable", kCreate);
  for (int i = 0; i < 10000; ++i) engine.Handle("PutItem", Item200(i));  // 100 items per pk
  std::string query = R"({"TableName":"bench","KeyConditionExpression":"pk = :p","Limit":100,
      "ExpressionAttributeValues":{":p":{"S":"user#3"}}})";
  for (auto _ : state) benchmark::DoNotOptimize(engine.Handle("Query", query));
}
BENCHMARK(BM_Query100);

void BM_ParseCondition(benchmark::State& state) {
  for (auto _ : state) {
    Condition c;
    benchmark::DoNotOptimize(
        ParseCondition("ConditionExpression", "attribute_not_exists(pk) OR (#v < :max AND begins_with(sk, :p))", &c));
  }
}
BENCHMARK(BM_ParseCondition);

void BM_ItemEncodeDecode(benchmark::State& state) {
  JsonDocument d;
  std::string json = Item200(1);
  d.Parse(json.c_str());
  AttributeMap item;
  DecodeAttributeMap(d["Item"], 1, &item);
  for (auto _ : state) {
    std::string bytes = EncodeItem(item);
    AttributeMap back;
    benchmark::DoNotOptimize(DecodeItem(bytes, &back));
  }
}
BENCHMARK(BM_ItemEncodeDecode);

// The response side of Query/GetItem: one decoded item written back as DynamoDB JSON (the
// largest single cost of a 100-item Query page under callgrind).
void BM_ItemToJson(benchmark::State& state) {
  JsonDocument d;
  std::string json = Item200(1);
  d.Parse(json.c_str());
  AttributeMap item;
  DecodeAttributeMap(d["Item"], 1, &item);
  for (auto _ : state) {
    JsonWriter w;
    WriteAttributeMap(w, item);
    benchmark::DoNotOptimize(w.view().size());
  }
}
BENCHMARK(BM_ItemToJson);

// The request side: parsing a PutItem body into a DOM (a third of PutItem's instructions).
void BM_ParsePutItemJson(benchmark::State& state) {
  std::string json = Item200(1);
  for (auto _ : state) {
    JsonDocument d;
    d.Parse(json.c_str(), json.size());
    benchmark::DoNotOptimize(d.HasParseError());
  }
}
BENCHMARK(BM_ParsePutItemJson);

void BM_ConditionalPutFails(benchmark::State& state) {
  MemoryStore store;
  Engine engine(store);
  engine.Handle("CreateTable", kCreate);
  engine.Handle("PutItem", Item200(7));
  std::string put = Item200(7);
  put.insert(put.size() - 1, R"x(,"ConditionExpression":"attribute_not_exists(pk)")x");
  for (auto _ : state) benchmark::DoNotOptimize(engine.Handle("PutItem", put));
}
BENCHMARK(BM_ConditionalPutFails);

void BM_KeyEncodeNumber(benchmark::State& state) {
  AttributeValue v = AttributeValue::Scalar(ValueType::N, "-12345.6789");
  for (auto _ : state) {
    std::string out;
    AppendKeyValue(v, &out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_KeyEncodeNumber);

}  // namespace
}  // namespace dodb

BENCHMARK_MAIN();

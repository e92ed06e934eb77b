// handle_fuzzer: the whole engine, Engine::Handle over a MemoryStore. The input is one or more
// requests separated by NUL bytes (which valid JSON never contains); in each, the first byte picks
// the operation from operation.h's DODB_OPERATIONS list ((byte - '0') % count: '0' CreateTable,
// '1' DeleteTable, '2' DescribeTable, '3' ListTables, '4' PutItem, '5' GetItem, '6' DeleteItem,
// '7' UpdateItem, '8' Query, '9' Scan) and the rest is the request JSON. Every input starts from the same store, holding
// a few tables ("things" S/N, "bins" B/B, "nums" N) and items so item operations get far.
// Checked after every request: the status is 200 or 400 and the body is a JSON object (with
// "__type" on a 400); a 400 leaves MemoryStore::entries() byte-for-byte unchanged; and the store
// stays consistent: every catalog entry loads, every item belongs to a live table, decodes, has
// valid key attributes and is stored under the key ItemStorageKey computes from them.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine.h"
#include "fuzz_check.h"
#include "format/item_codec.h"
#include "storage/item_key.h"
#include "util/json.h"
#include "format/keyspace.h"
#include "storage/memory_store.h"
#include "ops/operations.h"
#include "storage/table_catalog.h"

namespace {

#define DODB_FUZZ_NAME(Name) #Name,
constexpr std::string_view kOperations[] = {DODB_OPERATIONS(DODB_FUZZ_NAME)};
#undef DODB_FUZZ_NAME
constexpr size_t kOperationCount = sizeof(kOperations) / sizeof(kOperations[0]);

constexpr const char* kSetup[][2] = {
    {"CreateTable", R"({"TableName":"things","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})"},
    {"CreateTable", R"({"TableName":"bins","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},
      "AttributeDefinitions":[{"AttributeName":"h","AttributeType":"B"},{"AttributeName":"r","AttributeType":"B"}],
      "KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}]})"},
    {"CreateTable", R"({"TableName":"nums","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"},
    {"PutItem", R"({"TableName":"things","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"s":{"S":"x"},"n":{"N":"5"},
      "l":{"L":[{"N":"1"},{"M":{"c":{"S":"d"}}}]},"m":{"M":{"a":{"SS":["x","y"]},"b":{"NULL":true}}},
      "ns":{"NS":["1","2"]},"bs":{"BS":["AQ=="]},"t":{"BOOL":true}}})"},
    {"PutItem", R"({"TableName":"things","Item":{"pk":{"S":"a"},"sk":{"N":"-2.5"}}})"},
    {"PutItem", R"({"TableName":"bins","Item":{"h":{"B":"AAE="},"r":{"B":"/w=="},"v":{"N":"1"}}})"},
    {"PutItem", R"({"TableName":"nums","Item":{"id":{"N":"0"},"count":{"N":"10"},"list":{"L":[]}}})"},
};

const dodb::MemoryStore& BaseStore() {
  static const dodb::MemoryStore* store = [] {
    auto* s = new dodb::MemoryStore;
    dodb::Engine engine(*s);
    for (const auto& call : kSetup) {
      dodb::Response r = engine.Handle(call[0], call[1]);
      FUZZ_CHECK(r.status == 200, r.body);
    }
    return s;
  }();
  return *store;
}

uint32_t TableIdOf(std::string_view item_key) {
  uint32_t id = 0;
  for (int i = 1; i <= 4; ++i) id = (id << 8) | static_cast<unsigned char>(item_key[i]);
  return id;
}

void CheckStoreConsistent(dodb::MemoryStore& store, std::string_view context) {
  std::map<uint32_t, dodb::TableInfo> tables;
  dodb::Catalog catalog(store);  // a fresh one: reads the stored definitions, not a cache
  for (const auto& [key, value] : store.entries()) {
    if (key.empty() || key[0] != dodb::kCatalogPrefix) continue;
    dodb::TableInfo table;
    FUZZ_CHECK(catalog.Load(std::string_view(key).substr(1), &table), context);
    FUZZ_CHECK(tables.emplace(table.id, table).second, context);
  }
  for (const auto& [key, value] : store.entries()) {
    if (key.empty() || key[0] != dodb::kItemPrefix) continue;
    FUZZ_CHECK(key.size() > 5, context);
    auto it = tables.find(TableIdOf(key));
    FUZZ_CHECK(it != tables.end(), "item of a missing table after " + std::string(context));
    dodb::AttributeMap item;
    FUZZ_CHECK(dodb::DecodeItem(value, &item), context);
    FUZZ_CHECK(dodb::CheckItemKey(it->second, item).ok(), context);
    FUZZ_CHECK(dodb::ItemStorageKey(it->second, item) == key, context);
  }
}

void CheckResponse(const dodb::Response& r, std::string_view context) {
  FUZZ_CHECK(r.status == 200 || r.status == 400, r.body);
  dodb::JsonDocument doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(r.body.data(), r.body.size());
  FUZZ_CHECK(!doc.HasParseError() && doc.IsObject(), r.body);
  if (r.status == 400) FUZZ_CHECK(doc.HasMember("__type"), r.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dodb::MemoryStore store = BaseStore();
  dodb::Engine engine(store);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int calls = 0; !input.empty() && calls < 8; ++calls) {
    size_t end = input.find('\0');
    std::string_view request = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    if (request.empty()) continue;
    std::string_view op = kOperations[static_cast<unsigned char>(request[0] - '0') % kOperationCount];
    std::string_view json = request.substr(1);

    auto before = store.entries();
    store.set_now_ms(store.NowMs() + 1000);
    dodb::Response r = engine.Handle(op, json);
    std::string context = std::string(op) + " " + std::string(json) + " -> " + r.body;
    CheckResponse(r, context);
    if (r.status == 400) FUZZ_CHECK(store.entries() == before, "a 400 changed the store: " + context);
    CheckStoreConsistent(store, context);
  }
  return 0;
}

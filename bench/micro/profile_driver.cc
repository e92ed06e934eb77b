// A driver for profiling one workload of bench/workloads.ts natively under callgrind: loads the
// same kind of table, then runs N requests of the workload inside Measured(), so
//   valgrind --tool=callgrind --toggle-collect='*Measured*' build/bench/profile_driver put 2000
// counts only the measured requests. Workloads: put, get, update-add, query100, gsi-put.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

constexpr const char* kCreate = R"({"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})";

constexpr const char* kCreateGsi = R"({"TableName":"gsi","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g1pk","AttributeType":"S"},
    {"AttributeName":"g1sk","AttributeType":"S"},{"AttributeName":"g2pk","AttributeType":"S"},{"AttributeName":"g2sk","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
  "GlobalSecondaryIndexes":[
    {"IndexName":"gsi1","KeySchema":[{"AttributeName":"g1pk","KeyType":"HASH"},{"AttributeName":"g1sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},
    {"IndexName":"gsi2","KeySchema":[{"AttributeName":"g2pk","KeyType":"HASH"},{"AttributeName":"g2sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]})";

// The 200-byte item of bench/workloads.ts (pk, n, flag, v).
std::string Item(const std::string& pk, const std::string& sk, const std::string& extra = "") {
  return R"({"pk":{"S":")" + pk + R"("},"sk":{"N":")" + sk + R"("},"n":{"N":"42"},"flag":{"BOOL":true},)" + extra +
         R"("v":{"S":")" + std::string(150, 'x') + R"("}})";
}

std::string Request(const std::string& workload, int i) {
  if (workload == "put") return R"({"TableName":"bench","Item":)" + Item("w" + std::to_string(i), "1") + "}";
  if (workload == "get") return R"({"TableName":"bench","Key":{"pk":{"S":"p)" + std::to_string(i % 10) + R"("},"sk":{"N":")" + std::to_string(i % 1000) + R"("}}})";
  if (workload == "update-add")
    return R"({"TableName":"bench","Key":{"pk":{"S":"p)" + std::to_string(i % 10) + R"("},"sk":{"N":")" + std::to_string(i % 1000) +
           R"("}},"UpdateExpression":"ADD cnt :one","ExpressionAttributeValues":{":one":{"N":"1"}}})";
  if (workload == "query100")
    return R"({"TableName":"bench","KeyConditionExpression":"pk = :p","Limit":100,"ExpressionAttributeValues":{":p":{"S":"p)" +
           std::to_string(i % 10) + R"("}}})";
  if (workload == "gsi-put") {
    std::string n = std::to_string(i);
    return R"({"TableName":"gsi","Item":)" +
           Item("w" + n, "1", R"("g1pk":{"S":"a)" + std::to_string(i % 50) + R"("},"g1sk":{"S":")" + n + R"("},"g2pk":{"S":"b)" +
                                  std::to_string(i % 7) + R"("},"g2sk":{"N":")" + n + R"("},)") + "}";
  }
  std::fprintf(stderr, "unknown workload %s\n", workload.c_str());
  std::exit(2);
}

std::string Op(const std::string& workload) {
  if (workload == "get") return "GetItem";
  if (workload == "update-add") return "UpdateItem";
  if (workload == "query100") return "Query";
  return "PutItem";
}

__attribute__((noinline)) size_t Measured(Engine& engine, const std::string& op, const std::string& workload, int n) {
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    Response r = engine.Handle(op, Request(workload, i));
    if (r.status != 200) {
      std::fprintf(stderr, "%s\n", r.body.c_str());
      std::exit(1);
    }
    bytes += r.body.size();
  }
  return bytes;
}

}  // namespace
}  // namespace dodb

int main(int argc, char** argv) {
  using namespace dodb;
  if (argc < 3) {
    std::fprintf(stderr, "usage: profile_driver put|get|update-add|query100|gsi-put N\n");
    return 2;
  }
  std::string workload = argv[1];
  int n = std::atoi(argv[2]);
  MemoryStore store;
  Engine engine(store);
  engine.Handle("CreateTable", kCreate);
  engine.Handle("CreateTable", kCreateGsi);
  for (int i = 0; i < 10000; ++i) {
    engine.Handle("PutItem", R"({"TableName":"bench","Item":)" + Item("p" + std::to_string(i % 10), std::to_string(i / 10)) + "}");
  }
  std::printf("%zu response bytes\n", Measured(engine, Op(workload), workload, n));
  return 0;
}

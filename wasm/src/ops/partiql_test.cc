// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction end to end, and the router's
// two-phase @PartiQL giving the same answer as ExecuteStatement.
#include <gtest/gtest.h>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

class PartiqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Call("CreateTable", R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})").status, 200);
  }
  std::string Call(std::string_view op, std::string_view body, int* status) {
    Response r = engine_.Handle(op, body);
    *status = r.status;
    return r.body;
  }
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  std::string Run(std::string_view statement) {
    std::string body = R"({"Statement":")" + std::string(statement) + R"("})";
    return Call("ExecuteStatement", body).body;
  }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(PartiqlTest, InsertSelectUpdateDelete) {
  EXPECT_EQ(Run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1, 'v': 'x'}"), R"({"Items":[]})");
  EXPECT_EQ(Run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}"),
            R"({"__type":"com.amazonaws.dynamodb.v20120810#DuplicateItemException","message":"Duplicate primary key exists in table"})");
  EXPECT_EQ(Run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 2, 'v': 'y'}"), R"({"Items":[]})");
  EXPECT_EQ(Run("SELECT v FROM tbl WHERE pk = 'a' ORDER BY sk DESC"), R"({"Items":[{"v":{"S":"y"}},{"v":{"S":"x"}}]})");
  EXPECT_EQ(Run("SELECT sk FROM tbl WHERE v = 'y'"), R"({"Items":[{"sk":{"N":"2"}}]})");
  EXPECT_EQ(Run("UPDATE tbl SET n = 1 WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *"),
            R"({"Items":[{"n":{"N":"1"},"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"x"}}]})");
  EXPECT_EQ(Run("UPDATE tbl SET n = 1 WHERE pk = 'zz' AND sk = 1"),
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})");
  EXPECT_EQ(Run("DELETE FROM tbl WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *"),
            R"({"Items":[{"n":{"N":"1"},"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"x"}}]})");
  EXPECT_EQ(Run("SELECT * FROM nope"),
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})");
}

TEST_F(PartiqlTest, ParametersLimitAndNextToken) {
  for (int i = 1; i <= 3; ++i) Run("INSERT INTO tbl VALUE {'pk': 'p', 'sk': " + std::to_string(i) + "}");
  Response r = Call("ExecuteStatement", R"({"Statement":"SELECT sk FROM tbl WHERE pk = ?","Parameters":[{"S":"p"}],"Limit":2})");
  ASSERT_EQ(r.status, 200);
  size_t at = r.body.find("\"NextToken\":\"");
  ASSERT_NE(at, std::string::npos) << r.body;
  std::string token = r.body.substr(at + 13, r.body.find('"', at + 13) - at - 13);
  EXPECT_EQ(Call("ExecuteStatement", R"({"Statement":"SELECT sk FROM tbl WHERE pk = ?","Parameters":[{"S":"p"}],"NextToken":")" + token + "\"}").body,
            R"({"Items":[{"sk":{"N":"3"}}]})");
  EXPECT_EQ(Call("ExecuteStatement", R"({"Statement":"SELECT * FROM tbl WHERE pk = ?"})").body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"Number of parameters in request and statement don't match."})");
}

TEST_F(PartiqlTest, BatchAnswersEachStatement) {
  Run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}");
  EXPECT_EQ(Call("BatchExecuteStatement", R"({"Statements":[{"Statement":"INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}"},
      {"Statement":"UPDATE tbl SET x = 1 WHERE pk = 'a' AND sk = 1"},{"Statement":"SELECT * FROM nope WHERE pk = 'a'"}]})").body,
            R"({"Responses":[{"Error":{"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"},"TableName":"tbl"},)"
            R"({"TableName":"tbl"},{"Error":{"Code":"ResourceNotFound","Message":"Requested resource not found"}}]})");
  EXPECT_EQ(Call("BatchExecuteStatement", R"({"Statements":[{"Statement":"SELECT x FROM tbl WHERE pk = 'a' AND sk = 1"}]})").body,
            R"({"Responses":[{"TableName":"tbl","Item":{"x":{"N":"1"}}}]})");
}

TEST_F(PartiqlTest, TransactionIsAllOrNothing) {
  Run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}");
  EXPECT_EQ(Call("ExecuteTransaction", R"({"TransactStatements":[{"Statement":"INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}"},
      {"Statement":"INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}"}]})").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled, please refer )"
            R"(cancellation reasons for specific reasons [None, DuplicateItem]","CancellationReasons":[{"Code":"None"},)"
            R"({"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"}]})");
  EXPECT_EQ(Run("SELECT * FROM tbl WHERE pk = 'b'"), R"({"Items":[]})");
  EXPECT_EQ(Call("ExecuteTransaction", R"J({"TransactStatements":[{"Statement":"EXISTS(SELECT * FROM tbl WHERE pk = 'a' AND sk = 1)"},
      {"Statement":"INSERT INTO tbl VALUE {'pk': 'b', 'sk': 1}"}]})J").body, "{}");
  EXPECT_EQ(Call("ExecuteTransaction", R"({"TransactStatements":[{"Statement":"SELECT * FROM tbl WHERE pk = 'b' AND sk = 1"}]})").body,
            R"({"Responses":[{"Item":{"pk":{"S":"b"},"sk":{"N":"1"}}}]})");
}

TEST_F(PartiqlTest, RouterPhasesGiveTheSameAnswer) {
  Run("INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}");
  Response plan = Call("@PartiQL", R"({"Operation":"ExecuteStatement","Request":{"Statement":"SELECT sk FROM tbl WHERE pk = 'a'"}})");
  EXPECT_EQ(plan.body, R"({"Requests":[{"Operation":"Query","Body":{"TableName":"tbl","KeyConditionExpression":"#n0 = :v0",)"
                       R"("ProjectionExpression":"#n1","ExpressionAttributeNames":{"#n0":"pk","#n1":"sk"},"ExpressionAttributeValues":{":v0":{"S":"a"}}}}]})");
  Response query = Call("Query", R"({"TableName":"tbl","KeyConditionExpression":"pk = :v0","ProjectionExpression":"sk",
      "ExpressionAttributeValues":{":v0":{"S":"a"}}})");
  EXPECT_EQ(Call("@PartiQL", R"({"Operation":"ExecuteStatement","Request":{"Statement":"SELECT sk FROM tbl WHERE pk = 'a'"},
      "Responses":[{"Status":200,"Body":)" + query.body + "}]}").body,
            Run("SELECT sk FROM tbl WHERE pk = 'a'"));
  EXPECT_EQ(Call("@PartiQL", R"({"Operation":"ExecuteStatement","Request":{"Statement":"INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}"},
      "Responses":[{"Status":400,"Body":{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"x"}}]})").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#DuplicateItemException","message":"Duplicate primary key exists in table"})");
}

}  // namespace
}  // namespace dodb

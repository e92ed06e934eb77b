// The PartiQL lexer, parser and translator: statements to ASTs, ASTs to operation requests.
#include "partiql/partiql_parser.h"

#include <gtest/gtest.h>

#include "partiql/partiql_translate.h"

namespace dodb::partiql {
namespace {

Statement Parse(std::string_view text) {
  Statement s;
  Status st = ParseStatement(text, &s);
  EXPECT_TRUE(st.ok()) << text << ": " << st.message();
  return s;
}

std::string Error(std::string_view text) {
  Statement s;
  Status st = ParseStatement(text, &s);
  return st.ok() ? "ok" : st.message();
}

TEST(PartiqlParser, Select) {
  Statement s = Parse(R"(SELECT a, "b c".d[2] FROM "tbl"."idx" WHERE pk = ? AND x >= 5 ORDER BY sk DESC)");
  EXPECT_EQ(s.kind, StatementKind::kSelect);
  EXPECT_EQ(s.table, "tbl");
  EXPECT_EQ(s.index, "idx");
  ASSERT_EQ(s.projection.size(), 2u);
  EXPECT_EQ(s.projection[1].steps.size(), 3u);
  EXPECT_EQ(s.projection[1].steps[0].name, "b c");
  EXPECT_TRUE(s.projection[1].steps[2].is_index);
  EXPECT_EQ(s.where.kind, NodeKind::kAnd);
  EXPECT_EQ(s.parameter_count, 1u);
  ASSERT_EQ(s.order_by.size(), 1u);
  EXPECT_TRUE(s.order_by[0].descending);
  EXPECT_TRUE(Parse("select * from t -- a comment\n where /* another */ a IS NOT MISSING").select_all);
}

TEST(PartiqlParser, Values) {
  Statement s = Parse(R"(INSERT INTO t VALUE {'pk': 'it''s', 'n': -1.5e3, 'l': [TRUE, NULL, ?], 'ss': <<'a', 'b'>>, 'm': {}})");
  ASSERT_EQ(s.item.kind, NodeKind::kStruct);
  EXPECT_EQ(s.item.children[1].text, "it's");
  EXPECT_EQ(s.item.children[3].text, "-1.5e3");
  EXPECT_EQ(s.item.children[5].children.size(), 3u);
  EXPECT_EQ(s.item.children[7].kind, NodeKind::kBag);
}

TEST(PartiqlParser, UpdateAndDelete) {
  Statement u = Parse("UPDATE t SET a = a + 1, b = list_append(b, [1]) REMOVE c SET d = set_add(d, <<1>>) "
                      "WHERE pk = 'k' AND a < 10 RETURNING MODIFIED NEW *");
  EXPECT_EQ(u.updates.size(), 4u);
  EXPECT_TRUE(u.updates[2].remove);
  EXPECT_EQ(u.returning, "UPDATED_NEW");
  Statement d = Parse("DELETE FROM t WHERE pk = 'k' RETURNING ALL OLD *");
  EXPECT_EQ(d.returning, "ALL_OLD");
  EXPECT_EQ(Parse("EXISTS(SELECT * FROM t WHERE pk = 'a')").kind, StatementKind::kExists);
}

TEST(PartiqlParser, Errors) {
  EXPECT_EQ(Error("DROP TABLE t"), "Statement wasn't well formed, can't be processed: Expected data manipulation");
  EXPECT_EQ(Error("SELECT * FROM t WHERE a = 'x"), "Statement wasn't well formed, can't be processed: Unterminated string literal");
  EXPECT_EQ(Error("SELECT * FROM t garbage"), "Statement wasn't well formed, can't be processed: Unexpected token after expression");
  EXPECT_EQ(Error("SELECT *, a FROM t"), "Other attributes should not be present in the projection when '*' is used.");
  EXPECT_EQ(Error("DELETE FROM t"), "Where clause does not contain a mandatory equality on all key attributes");
  EXPECT_EQ(Error("DELETE FROM t WHERE pk = 1 RETURNING ALL NEW *"),
            "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
  EXPECT_EQ(Error("INSERT INTO t VALUES {'a': 1}"),
            "Unsupported operation: Inserting multiple items in a single statement is not supported, use \"INSERT INTO tableName VALUE item\" instead");
  std::string deep = "SELECT * FROM t WHERE " + std::string(200, '(') + "a = 1" + std::string(200, ')');
  EXPECT_EQ(Error(deep), "Statement wasn't well formed, can't be processed: Expression nested too deeply");
}

TableInfo Table() {
  TableInfo t;
  t.name = "t";
  t.hash_key = KeyAttribute{"pk"};
  t.range_key = KeyAttribute{"sk"};
  return t;
}

std::string Translate(std::string_view text, Mode mode = Mode::kStatement, std::string* operation = nullptr) {
  Statement s = Parse(text);
  Translated out;
  Options o;
  Status st = partiql::Translate(s, Table(), mode, o, &out);
  if (!st.ok()) return st.message();
  if (operation) *operation = out.operation;
  return out.body;
}

TEST(PartiqlTranslate, SelectIsQueryWhenThePartitionKeyIsFixed) {
  std::string op;
  EXPECT_EQ(Translate("SELECT a FROM t WHERE pk = 'x' AND 5 < sk AND b = 1 ORDER BY sk DESC", Mode::kStatement, &op),
            (R"J({"TableName":"t","KeyConditionExpression":"#n0 = :v0 AND #n1 > :v1","ScanIndexForward":false,)J"
            R"J("FilterExpression":"(#n2 = :v2)","ProjectionExpression":"#n3","ExpressionAttributeNames":{"#n0":"pk","#n1":"sk","#n2":"b","#n3":"a"},)J"
            R"J("ExpressionAttributeValues":{":v0":{"S":"x"},":v1":{"N":"5"},":v2":{"N":"1"}}})J"));
  EXPECT_EQ(op, "Query");
  EXPECT_EQ(Translate("SELECT * FROM t WHERE pk = 'x' OR b = 1", Mode::kStatement, &op),
            (R"J({"TableName":"t","FilterExpression":"((#n0 = :v0) OR (#n1 = :v1))","ExpressionAttributeNames":{"#n0":"pk","#n1":"b"},)J"
            R"J("ExpressionAttributeValues":{":v0":{"S":"x"},":v1":{"N":"1"}}})J"));
  EXPECT_EQ(op, "Scan");
  EXPECT_EQ(Translate("SELECT * FROM t ORDER BY sk"), "Must have WHERE clause in the statement when using ORDER BY clause.");
  EXPECT_EQ(Translate("SELECT * FROM t.nope"), "The table does not have the specified index");
}

TEST(PartiqlTranslate, Writes) {
  std::string op;
  EXPECT_EQ(Translate("INSERT INTO t VALUE {'pk': 'a', 'sk': 1}", Mode::kStatement, &op),
            (R"J({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ConditionExpression":"attribute_not_exists(#n0)",)J"
            R"J("ExpressionAttributeNames":{"#n0":"pk"}})J"));
  EXPECT_EQ(op, "PutItem");
  EXPECT_EQ(Translate("UPDATE t SET a = a + 1 REMOVE b WHERE pk = 'a' AND sk = 1 AND a < 3 RETURNING ALL NEW *", Mode::kStatement, &op),
            (R"J({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET #n0 = #n0 + :v0 REMOVE #n1",)J"
            R"J("ConditionExpression":"attribute_exists(#n2) AND (#n0 < :v1)","ReturnValues":"ALL_NEW",)J"
            R"J("ExpressionAttributeNames":{"#n0":"a","#n1":"b","#n2":"pk"},"ExpressionAttributeValues":{":v0":{"N":"1"},":v1":{"N":"3"}}})J"));
  EXPECT_EQ(op, "UpdateItem");
  EXPECT_EQ(Translate("DELETE FROM t WHERE pk = 'a'"), "Where clause does not contain a mandatory equality on all key attributes");
  EXPECT_EQ(Translate("SELECT * FROM t WHERE pk = 'a'", Mode::kBatch),
            "Select statements within BatchExecuteStatement must specify the primary key in the where clause.");
  EXPECT_EQ(Translate("SELECT * FROM t WHERE pk = 'a' AND sk = 2", Mode::kTransaction, &op),
            (R"J({"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}})J"));
  EXPECT_EQ(op, "Get");
  EXPECT_EQ(Translate("INSERT INTO t VALUE {'pk': 'a', 'x': MISSING}"), "MISSING must be compared using IS operator");
  EXPECT_EQ(Translate("INSERT INTO t VALUE {'pk': 'a', 'x': <<1, 'a'>>}"),
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  EXPECT_EQ(Translate("INSERT INTO t VALUE ?"), "Number of parameters in request and statement don't match.");
}

}  // namespace
}  // namespace dodb::partiql

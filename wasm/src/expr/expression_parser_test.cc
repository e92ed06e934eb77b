#include "expr/expression_parser.h"

#include <gtest/gtest.h>

namespace dodb {
namespace {

std::string ConditionError(const char* text) {
  Condition c;
  Status s = ParseCondition("ConditionExpression", text, &c);
  return s.ok() ? "ok" : s.message();
}

std::string UpdateError(const char* text) {
  UpdateExpression u;
  Status s = ParseUpdate(text, &u);
  return s.ok() ? "ok" : s.message();
}

TEST(ExpressionParser, Precedence) {
  Condition c;
  ASSERT_TRUE(ParseCondition("ConditionExpression", "a = :a OR b = :b AND NOT c = :c", &c).ok());
  ASSERT_EQ(c.kind, Condition::Kind::kOr);
  EXPECT_EQ(c.children[1].kind, Condition::Kind::kAnd);
  EXPECT_EQ(c.children[1].children[1].kind, Condition::Kind::kNot);
  ASSERT_TRUE(ParseCondition("ConditionExpression", "(a = :a or b = :b) and c between :x AND :y", &c).ok());
  EXPECT_EQ(c.kind, Condition::Kind::kAnd);
  EXPECT_EQ(c.children[1].kind, Condition::Kind::kBetween);
}

TEST(ExpressionParser, Paths) {
  Condition c;
  ASSERT_TRUE(ParseCondition("ConditionExpression", "a.b[3].#c = :v", &c).ok());
  const Path& p = c.operands[0].path;
  ASSERT_EQ(p.elements.size(), 4u);
  EXPECT_EQ(p.elements[1].name, "b");
  EXPECT_TRUE(p.elements[2].is_index);
  EXPECT_EQ(p.elements[2].index, 3u);
  EXPECT_TRUE(p.elements[3].placeholder);
}

TEST(ExpressionParser, SyntaxErrorsNameTokenAndNeighbours) {
  EXPECT_EQ(ConditionError("a b"), "Invalid ConditionExpression: Syntax error; token: \"b\", near: \"a b\"");
  // Blanks between the last token and the end belong to "near" (moto test_dynamodb_expressions.py:89).
  EXPECT_EQ(ConditionError("a = "), "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
  EXPECT_EQ(ConditionError(""), "Invalid ConditionExpression: The expression can not be empty;");
  EXPECT_EQ(UpdateError("INVALID SYNTAX HERE"),
            "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
  EXPECT_EQ(UpdateError("ADD hits : incr"), "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
  EXPECT_EQ(UpdateError("SET a = b +"), "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"+\"");
}

TEST(ExpressionParser, NamesStartWithALetterAsInDynamoDbsTokenRules) {
  EXPECT_EQ(UpdateError("set _something = :v"),
            "Invalid UpdateExpression: Syntax error; token: \"_\", near: \"set _something\"");
  EXPECT_EQ(ConditionError("__typename <> :t"), "Invalid ConditionExpression: Syntax error; token: \"_\", near: \"__\"");
  EXPECT_EQ(UpdateError("SET 1a = :v"), "Invalid UpdateExpression: Syntax error; token: \"1\", near: \"SET 1a\"");
  EXPECT_EQ(ConditionError("a-b = :v"), "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"a-b\"");
  EXPECT_EQ(ConditionError("a$b = :v"), "Invalid ConditionExpression: Syntax error; token: \"$\", near: \"a$b\"");
  EXPECT_EQ(ConditionError("a[01] = :v"), "Invalid ConditionExpression: Syntax error; token: \"1\", near: \"01]\"");
  EXPECT_EQ(UpdateError("set a[1] = \"eight\""),
            "Invalid UpdateExpression: Syntax error; token: \"\"eight\"\", near: \"= \"eight\"\"");
  EXPECT_EQ(UpdateError("SET a = b-c, a_1 = :_v, #_x = :v2"), "ok");  // "-" is arithmetic; "_" inside names is fine
}

TEST(ExpressionParser, FunctionsOutsideTheirExpressionKind) {
  EXPECT_EQ(UpdateError("SET a = size(b)"),
            "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
  EXPECT_EQ(UpdateError("SET a = list_append(l, attribute_exists(b))"),
            "Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists");
  EXPECT_EQ(UpdateError("SET a = nope(b)"), "Invalid UpdateExpression: Invalid function name; function: nope");
  EXPECT_EQ(UpdateError("SET l = list_append(if_not_exists(l, :e), :v)"), "ok");
  EXPECT_EQ(ConditionError("a < if_not_exists(c, :v)"),
            "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists");
  EXPECT_EQ(ConditionError("list_append(a, :v)"),
            "Invalid ConditionExpression: The function is not allowed in a condition expression; function: list_append");
  EXPECT_EQ(ConditionError("size(contains(a, :b)) > :c"),
            "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: contains");
}

TEST(ExpressionParser, SemanticParseErrors) {
  EXPECT_EQ(ConditionError("name = :v"),
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
  EXPECT_EQ(ConditionError("attRIbute_exIsts(a)"),
            "Invalid ConditionExpression: Invalid function name; function: attRIbute_exIsts");
  EXPECT_EQ(ConditionError("begins_with(a, :b, :c)"),
            "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or "
            "function: begins_with, number of operands: 3");
  EXPECT_EQ(ConditionError("size(a)"),
            "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
            "function: size");
  EXPECT_EQ(ConditionError("((a = :a))"), "Invalid ConditionExpression: The expression has redundant parentheses;");
  EXPECT_EQ(ConditionError("(a = :a) AND (b = :b)"), "ok");
  EXPECT_EQ(UpdateError("SET a = :a SET b = :b"),
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
  EXPECT_EQ(UpdateError("set a = (b + :c) remove d[2], e add f :g delete h :i"), "ok");
}

TEST(ExpressionParser, Limits) {
  std::string many = "a < b";
  for (int i = 0; i < 150; ++i) many += " and a < b";  // 151 comparisons + 150 ANDs = 301
  EXPECT_EQ(ConditionError(many.c_str()),
            "Invalid ConditionExpression: The expression contains too many operators; operator count: 301");
  std::string deep(2100, '(');
  deep += "a = :a";
  deep += std::string(2100, ')');
  EXPECT_EQ(ConditionError(deep.c_str()),
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4206");
  std::string nested(1000, '(');
  nested += "a=:a" + std::string(1000, ')');
  EXPECT_EQ(ConditionError(nested.c_str()), "Invalid ConditionExpression: The expression has redundant parentheses;");
  std::string nots;
  for (int i = 0; i < 600; ++i) nots += "NOT ";
  nots += "a = :a";
  EXPECT_NE(ConditionError(nots.c_str()), "ok");
}

}  // namespace
}  // namespace dodb

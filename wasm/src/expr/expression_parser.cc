#include "expr/expression_parser.h"

#include <map>

#include "util/cold.h"
#include "expr/expression_lexer.h"
#include "expr/reserved_words.h"

namespace dodb {
namespace {

constexpr size_t kMaxExpressionBytes = 4096;
constexpr int kMaxOperators = 300;
// Nesting deeper than this needs either more than 300 operators or redundant parentheses,
// both errors; the bound keeps recursion (and the wasm stack) small.
constexpr int kMaxNesting = kMaxOperators + 2;

class Parser {
 public:
  Parser(std::string_view kind, std::string_view text) : kind_(kind), text_(text), tokens_(Tokenize(text)) {}

  Status Begin() {
    if (text_.size() > kMaxExpressionBytes)
      return InvalidExpression(kind_, "Expression size has exceeded the maximum allowed size; expression size: " +
                                          std::to_string(text_.size()));
    if (tokens_.size() == 1) return InvalidExpression(kind_, "The expression can not be empty;");
    return Status::OK();
  }

  Status Condition(dodb::Condition* out) {
    DODB_RETURN_IF_ERROR(Or(out));
    return ExpectEnd();
  }

  Status Update(UpdateExpression* out);
  Status Projection(ProjectionExpression* out);

 private:
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
  }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool Accept(TokenKind k) {
    if (Peek().kind != k) return false;
    Next();
    return true;
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!IsKeyword(Peek(), kw)) return false;
    Next();
    return true;
  }

  // DynamoDB's syntax error: the offending token, and the text around it, from the previous
  // token (or the start) through the next one (or the end: trailing blanks included), as in
  // aws/aws-sdk-js#1691 (near: "set _something") and moto's test_dynamodb_expressions.py.
  DODB_COLD Status SyntaxError() const {
    const Token& t = Peek();
    size_t from = pos_ > 0 ? tokens_[pos_ - 1].offset : 0;
    size_t to = text_.size();
    if (t.kind != TokenKind::kEnd && Peek(1).kind != TokenKind::kEnd) to = Peek(1).offset + Peek(1).text.size();
    return InvalidExpression(kind_, "Syntax error; token: \"" + std::string(t.text) + "\", near: \"" +
                                        std::string(text_.substr(from, to - from)) + "\"");
  }

  Status Expect(TokenKind k) { return Accept(k) ? Status::OK() : SyntaxError(); }
  Status ExpectEnd() { return Peek().kind == TokenKind::kEnd ? Status::OK() : SyntaxError(); }

  Status Or(dodb::Condition* out) {
    DODB_RETURN_IF_ERROR(And(out));
    while (AcceptKeyword("OR")) {
      ++operators_;
      dodb::Condition rhs;
      DODB_RETURN_IF_ERROR(And(&rhs));
      *out = Binary(dodb::Condition::Kind::kOr, std::move(*out), std::move(rhs));
    }
    return Status::OK();
  }

  Status And(dodb::Condition* out) {
    DODB_RETURN_IF_ERROR(Not(out));
    while (AcceptKeyword("AND")) {
      ++operators_;
      dodb::Condition rhs;
      DODB_RETURN_IF_ERROR(Not(&rhs));
      *out = Binary(dodb::Condition::Kind::kAnd, std::move(*out), std::move(rhs));
    }
    return Status::OK();
  }

  Status Not(dodb::Condition* out) {
    if (AcceptKeyword("NOT")) {
      ++operators_;
      if (++depth_ > kMaxNesting) return InvalidExpression(kind_, "The expression has redundant parentheses;");
      dodb::Condition inner;
      DODB_RETURN_IF_ERROR(Not(&inner));
      --depth_;
      out->kind = dodb::Condition::Kind::kNot;
      out->children.push_back(std::move(inner));
      return Status::OK();
    }
    return Primary(out);
  }

  static dodb::Condition Binary(dodb::Condition::Kind k, dodb::Condition a, dodb::Condition b) {
    dodb::Condition c;
    c.kind = k;
    c.children.push_back(std::move(a));
    c.children.push_back(std::move(b));
    return c;
  }

  Status Primary(dodb::Condition* out);
  Status ConditionFunction(dodb::Condition* out);
  Status Operand(dodb::Operand* out);
  Status UpdateValue(dodb::Operand* out);
  Status UpdateTerm(dodb::Operand* out);
  Status FunctionArgs(std::string_view name, std::vector<dodb::Operand>* args, bool update_terms);
  Status FunctionArgList(std::vector<dodb::Operand>* args, bool update_terms);
  Status PathOf(dodb::Path* out);
  Status ValueRef(dodb::Operand* out);
  // A condition names a function it has not: an update function is "not allowed in a condition
  // expression" (as DynamoDB answers "a < if_not_exists(c)"), anything else an invalid name.
  DODB_COLD Status UnknownConditionFunction(std::string_view name) const {
    if (name == "if_not_exists" || name == "list_append")
      return InvalidExpression(kind_, "The function is not allowed in a condition expression; function: " + std::string(name));
    return InvalidExpression(kind_, "Invalid function name; function: " + std::string(name));
  }

  std::string_view kind_;
  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::map<size_t, size_t> closing_paren_;
  int operators_ = 0;  // AND OR NOT comparators BETWEEN IN functions + -
  int depth_ = 0;

 public:
  // The 300-operator limit, checked once the whole expression is parsed.
  Status CheckOperatorCount() const {
    if (operators_ <= kMaxOperators) return Status::OK();
    return InvalidExpression(kind_, "The expression contains too many operators; operator count: " +
                                        std::to_string(operators_));
  }  // token index of '(' -> of its ')', for groups parsed
};

struct FunctionInfo {
  std::string_view name;
  dodb::Condition::Kind kind;
  size_t arity;
};
constexpr FunctionInfo kConditionFunctions[] = {
    {"attribute_exists", dodb::Condition::Kind::kAttributeExists, 1},
    {"attribute_not_exists", dodb::Condition::Kind::kAttributeNotExists, 1},
    {"attribute_type", dodb::Condition::Kind::kAttributeType, 2},
    {"begins_with", dodb::Condition::Kind::kBeginsWith, 2},
    {"contains", dodb::Condition::Kind::kContains, 2},
};

bool IsConditionFunction(std::string_view name) {
  for (const FunctionInfo& f : kConditionFunctions)
    if (f.name == name) return true;
  return name == "size";
}

Status WrongArity(std::string_view kind, std::string_view name, size_t n) {
  return InvalidExpression(kind, "Incorrect number of operands for operator or function; operator or function: " +
                                     std::string(name) + ", number of operands: " + std::to_string(n));
}

Status Parser::Primary(dodb::Condition* out) {
  if (Peek().kind == TokenKind::kLParen) {
    size_t open = pos_;
    Next();
    if (++depth_ > kMaxNesting) return InvalidExpression(kind_, "The expression has redundant parentheses;");
    DODB_RETURN_IF_ERROR(Or(out));
    --depth_;
    size_t close = pos_;
    DODB_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
    closing_paren_[open] = close;
    // "((x))": the inner group is the whole content of the outer one.
    auto inner = closing_paren_.find(open + 1);
    if (inner != closing_paren_.end() && inner->second + 1 == close)
      return InvalidExpression(kind_, "The expression has redundant parentheses;");
    return Status::OK();
  }
  if (Peek().kind == TokenKind::kIdentifier && Peek(1).kind == TokenKind::kLParen && Peek().text != "size")
    return ConditionFunction(out);
  dodb::Operand lhs;
  DODB_RETURN_IF_ERROR(Operand(&lhs));
  out->operands.push_back(std::move(lhs));
  TokenKind k = Peek().kind;
  static constexpr struct { TokenKind token; Comparator op; } kComparators[] = {
      {TokenKind::kEq, Comparator::kEq}, {TokenKind::kNe, Comparator::kNe}, {TokenKind::kLt, Comparator::kLt},
      {TokenKind::kLe, Comparator::kLe}, {TokenKind::kGt, Comparator::kGt}, {TokenKind::kGe, Comparator::kGe}};
  for (const auto& c : kComparators) {
    if (k != c.token) continue;
    Next();
    ++operators_;
    out->kind = dodb::Condition::Kind::kCompare;
    out->comparator = c.op;
    dodb::Operand rhs;
    DODB_RETURN_IF_ERROR(Operand(&rhs));
    out->operands.push_back(std::move(rhs));
    return Status::OK();
  }
  if (AcceptKeyword("BETWEEN")) {
    ++operators_;
    out->kind = dodb::Condition::Kind::kBetween;
    dodb::Operand lo, hi;
    DODB_RETURN_IF_ERROR(Operand(&lo));
    if (!AcceptKeyword("AND")) return SyntaxError();
    DODB_RETURN_IF_ERROR(Operand(&hi));
    out->operands.push_back(std::move(lo));
    out->operands.push_back(std::move(hi));
    return Status::OK();
  }
  if (AcceptKeyword("IN")) {
    ++operators_;
    out->kind = dodb::Condition::Kind::kIn;
    DODB_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
    do {
      dodb::Operand v;
      DODB_RETURN_IF_ERROR(Operand(&v));
      out->operands.push_back(std::move(v));
    } while (Accept(TokenKind::kComma));
    return Expect(TokenKind::kRParen);
  }
  if (out->operands[0].kind == dodb::Operand::Kind::kSize)
    return InvalidExpression(kind_, "The function is not allowed to be used this way in an expression; function: size");
  return SyntaxError();
}

Status Parser::ConditionFunction(dodb::Condition* out) {
  std::string_view name = Next().text;
  const FunctionInfo* info = nullptr;
  for (const FunctionInfo& f : kConditionFunctions)
    if (f.name == name) info = &f;
  if (!info) return UnknownConditionFunction(name);
  out->kind = info->kind;
  DODB_RETURN_IF_ERROR(FunctionArgs(name, &out->operands, false));
  if (out->operands.size() != info->arity) return WrongArity(kind_, name, out->operands.size());
  // A boolean function used as an operand: "attribute_exists(a) = :t".
  TokenKind next = Peek().kind;
  if (next == TokenKind::kEq || next == TokenKind::kNe || next == TokenKind::kLt || next == TokenKind::kLe ||
      next == TokenKind::kGt || next == TokenKind::kGe || IsKeyword(Peek(), "BETWEEN") || IsKeyword(Peek(), "IN"))
    return InvalidExpression(kind_, "The function is not allowed to be used this way in an expression; function: " +
                                        std::string(name));
  return Status::OK();
}

Status Parser::FunctionArgs(std::string_view name, std::vector<dodb::Operand>* args, bool update_terms) {
  ++operators_;
  if (++depth_ > kMaxNesting) return InvalidExpression(kind_, "The expression has redundant parentheses;");
  DODB_RETURN_IF_ERROR(FunctionArgList(args, update_terms));
  --depth_;
  return Status::OK();
}

Status Parser::FunctionArgList(std::vector<dodb::Operand>* args, bool update_terms) {
  DODB_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
  if (Peek().kind == TokenKind::kRParen) return SyntaxError();
  do {
    dodb::Operand a;
    DODB_RETURN_IF_ERROR(update_terms ? UpdateTerm(&a) : Operand(&a));
    args->push_back(std::move(a));
  } while (Accept(TokenKind::kComma));
  return Expect(TokenKind::kRParen);
}

Status Parser::Operand(dodb::Operand* out) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kValuePlaceholder) return ValueRef(out);
  if (t.kind == TokenKind::kIdentifier && Peek(1).kind == TokenKind::kLParen) {
    std::string_view name = t.text;
    if (name != "size") {
      for (const FunctionInfo& f : kConditionFunctions)
        if (f.name == name)
          return InvalidExpression(kind_, "The function is not allowed to be used this way in an expression; function: " +
                                              std::string(name));
      return UnknownConditionFunction(name);
    }
    Next();
    out->kind = dodb::Operand::Kind::kSize;
    DODB_RETURN_IF_ERROR(FunctionArgs(name, &out->args, false));
    if (out->args.size() != 1) return WrongArity(kind_, name, out->args.size());
    return Status::OK();
  }
  out->kind = dodb::Operand::Kind::kPath;
  return PathOf(&out->path);
}

Status Parser::ValueRef(dodb::Operand* out) {
  if (Peek().text.size() < 2) return SyntaxError();
  const Token& t = Next();
  out->kind = dodb::Operand::Kind::kValue;
  out->value_ref.assign(t.text);
  return Status::OK();
}

Status Parser::PathOf(dodb::Path* out) {
  auto name_element = [&](PathElement* e) -> Status {
    const Token& t = Peek();
    if (t.kind == TokenKind::kNamePlaceholder && t.text.size() > 1) {
      e->placeholder = true;
    } else if (t.kind == TokenKind::kIdentifier) {
      if (IsReservedWord(t.text))
        return InvalidExpression(kind_, "Attribute name is a reserved keyword; reserved keyword: " + std::string(t.text));
    } else {
      return SyntaxError();
    }
    e->name.assign(t.text);
    Next();
    return Status::OK();
  };
  PathElement first;
  DODB_RETURN_IF_ERROR(name_element(&first));
  out->elements.push_back(std::move(first));
  for (;;) {
    if (Accept(TokenKind::kDot)) {
      PathElement e;
      DODB_RETURN_IF_ERROR(name_element(&e));
      out->elements.push_back(std::move(e));
    } else if (Peek().kind == TokenKind::kLBracket) {
      Next();
      const Token& n = Peek();
      if (n.kind != TokenKind::kNumber) return SyntaxError();
      uint64_t index = 0;
      for (char c : n.text) {
        index = index * 10 + static_cast<uint64_t>(c - '0');
        if (index > 0xFFFFFFFFull) index = 0xFFFFFFFFull;
      }
      Next();
      DODB_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
      PathElement e;
      e.is_index = true;
      e.index = static_cast<uint32_t>(index);
      out->elements.push_back(std::move(e));
    } else {
      return Status::OK();
    }
  }
}

Status Parser::UpdateTerm(dodb::Operand* out) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kValuePlaceholder) return ValueRef(out);
  if (t.kind == TokenKind::kIdentifier && Peek(1).kind == TokenKind::kLParen) {
    std::string_view name = t.text;
    if (name == "if_not_exists" || name == "list_append") {
      Next();
      out->kind = name == "if_not_exists" ? dodb::Operand::Kind::kIfNotExists : dodb::Operand::Kind::kListAppend;
      DODB_RETURN_IF_ERROR(FunctionArgs(name, &out->args, true));
      if (out->args.size() != 2) return WrongArity("UpdateExpression", name, out->args.size());
      if (out->kind == dodb::Operand::Kind::kIfNotExists && out->args[0].kind != dodb::Operand::Kind::kPath)
        return InvalidExpression("UpdateExpression",
                                 "Operator or function requires a document path; operator or function: if_not_exists");
      return Status::OK();
    }
    if (IsConditionFunction(name))
      return InvalidExpression(kind_, "The function is not allowed in an update expression; function: " + std::string(name));
    return InvalidExpression(kind_, "Invalid function name; function: " + std::string(name));
  }
  out->kind = dodb::Operand::Kind::kPath;
  return PathOf(&out->path);
}

Status Parser::UpdateValue(dodb::Operand* out) {
  if (Peek().kind == TokenKind::kLParen) {  // SET a = (b + :c), one pair only
    Next();
    if (Peek().kind == TokenKind::kLParen) return SyntaxError();
    DODB_RETURN_IF_ERROR(UpdateValue(out));
    return Expect(TokenKind::kRParen);
  }
  dodb::Operand lhs;
  DODB_RETURN_IF_ERROR(UpdateTerm(&lhs));
  if (Peek().kind == TokenKind::kPlus || Peek().kind == TokenKind::kMinus) {
    out->kind = Next().kind == TokenKind::kPlus ? dodb::Operand::Kind::kPlus : dodb::Operand::Kind::kMinus;
    ++operators_;
    dodb::Operand rhs;
    DODB_RETURN_IF_ERROR(UpdateTerm(&rhs));
    out->args.push_back(std::move(lhs));
    out->args.push_back(std::move(rhs));
    return Status::OK();
  }
  *out = std::move(lhs);
  return Status::OK();
}

Status Parser::Update(UpdateExpression* out) {
  static constexpr struct { std::string_view keyword; UpdateAction::Kind kind; } kClauses[] = {
      {"SET", UpdateAction::Kind::kSet}, {"REMOVE", UpdateAction::Kind::kRemove},
      {"ADD", UpdateAction::Kind::kAdd}, {"DELETE", UpdateAction::Kind::kDelete}};
  bool seen[4] = {false, false, false, false};
  while (Peek().kind != TokenKind::kEnd) {
    int clause = -1;
    for (int i = 0; i < 4; ++i)
      if (IsKeyword(Peek(), kClauses[i].keyword)) clause = i;
    if (clause < 0) return SyntaxError();
    if (seen[clause])
      return InvalidExpression(kind_, "The \"" + std::string(kClauses[clause].keyword) +
                                          "\" section can only be used once in an update expression;");
    seen[clause] = true;
    Next();
    do {
      UpdateAction a;
      a.kind = kClauses[clause].kind;
      DODB_RETURN_IF_ERROR(PathOf(&a.path));
      switch (a.kind) {
        case UpdateAction::Kind::kSet:
          DODB_RETURN_IF_ERROR(Expect(TokenKind::kEq));
          DODB_RETURN_IF_ERROR(UpdateValue(&a.value));
          break;
        case UpdateAction::Kind::kRemove:
          break;
        case UpdateAction::Kind::kAdd:
        case UpdateAction::Kind::kDelete:
          if (Peek().kind != TokenKind::kValuePlaceholder) return SyntaxError();
          DODB_RETURN_IF_ERROR(ValueRef(&a.value));
          break;
      }
      out->actions.push_back(std::move(a));
    } while (Accept(TokenKind::kComma));
  }
  return Status::OK();
}

Status Parser::Projection(ProjectionExpression* out) {
  do {
    Path p;
    DODB_RETURN_IF_ERROR(PathOf(&p));
    out->paths.push_back(std::move(p));
  } while (Accept(TokenKind::kComma));
  return ExpectEnd();
}

}  // namespace

DODB_COLD Status InvalidExpression(std::string_view kind, std::string_view detail) {
  return Status::Validation("Invalid " + std::string(kind) + ": " + std::string(detail));
}

Status ParseCondition(std::string_view kind, std::string_view text, Condition* out) {
  Parser p(kind, text);
  DODB_RETURN_IF_ERROR(p.Begin());
  DODB_RETURN_IF_ERROR(p.Condition(out));
  return p.CheckOperatorCount();
}

Status ParseUpdate(std::string_view text, UpdateExpression* out) {
  Parser p("UpdateExpression", text);
  DODB_RETURN_IF_ERROR(p.Begin());
  DODB_RETURN_IF_ERROR(p.Update(out));
  return p.CheckOperatorCount();
}

Status ParseProjection(std::string_view text, ProjectionExpression* out) {
  Parser p("ProjectionExpression", text);
  DODB_RETURN_IF_ERROR(p.Begin());
  return p.Projection(out);
}

}  // namespace dodb

#include "partiql/partiql_parser.h"

#include <vector>

#include "partiql/partiql_lexer.h"

namespace dodb::partiql {
namespace {

// Nesting deeper than this is refused, so hostile input cannot exhaust the (wasm) stack.
constexpr int kMaxDepth = 64;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c += 32;
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Status Statement(partiql::Statement* s) {
    if (Keyword("SELECT")) {
      DODB_RETURN_IF_ERROR(Select(s));
    } else if (Keyword("INSERT")) {
      DODB_RETURN_IF_ERROR(Insert(s));
    } else if (Keyword("UPDATE")) {
      DODB_RETURN_IF_ERROR(Update(s));
    } else if (Keyword("DELETE")) {
      DODB_RETURN_IF_ERROR(Delete(s));
    } else if (Keyword("EXISTS")) {
      DODB_RETURN_IF_ERROR(Expect("("));
      if (!Keyword("SELECT")) return NotWellFormed("Expected SELECT in EXISTS");
      DODB_RETURN_IF_ERROR(Select(s));
      DODB_RETURN_IF_ERROR(Expect(")"));
      s->kind = StatementKind::kExists;
    } else {
      return NotWellFormed("Expected data manipulation");
    }
    Punct(";");
    if (Peek().kind != TokenKind::kEnd) return NotWellFormed("Unexpected token after expression");
    s->parameter_count = parameters_;
    return Status::OK();
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return t_[i < t_.size() ? i : t_.size() - 1];
  }
  bool IsKeyword(std::string_view upper, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && EqualsIgnoreCase(t.text, upper);
  }
  bool Keyword(std::string_view upper) {
    if (!IsKeyword(upper)) return false;
    ++pos_;
    return true;
  }
  bool IsPunct(std::string_view p, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kPunct && t.text == p;
  }
  bool Punct(std::string_view p) {
    if (!IsPunct(p)) return false;
    ++pos_;
    return true;
  }
  Status Expect(std::string_view p) {
    if (Punct(p)) return Status::OK();
    return NotWellFormed("Expected " + std::string(p));
  }
  Status ExpectKeyword(std::string_view upper) {
    if (Keyword(upper)) return Status::OK();
    return NotWellFormed("Expected " + std::string(upper));
  }

  // A name: an identifier, quoted or not.
  Status Name(std::string* out) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kQuotedIdentifier)
      return NotWellFormed("Expected identifier");
    *out = t.text;
    ++pos_;
    return Status::OK();
  }

  Status PathAfterName(std::string first, Path* path) {
    path->steps.push_back(PathStep{false, std::move(first), 0});
    for (;;) {
      if (Punct(".")) {
        PathStep step;
        DODB_RETURN_IF_ERROR(Name(&step.name));
        path->steps.push_back(std::move(step));
      } else if (Punct("[")) {
        const Token& t = Peek();
        if (t.kind != TokenKind::kNumber || t.text.find_first_not_of("0123456789") != std::string::npos || t.text.size() > 9)
          return NotWellFormed("Expected a list index");
        PathStep step;
        step.is_index = true;
        step.index = static_cast<uint32_t>(std::stoul(t.text));
        ++pos_;
        DODB_RETURN_IF_ERROR(Expect("]"));
        path->steps.push_back(std::move(step));
      } else {
        return Status::OK();
      }
    }
  }

  Status PathExpr(Path* path) {
    std::string first;
    DODB_RETURN_IF_ERROR(Name(&first));
    return PathAfterName(std::move(first), path);
  }

  Status Select(partiql::Statement* s) {
    s->kind = StatementKind::kSelect;
    if (Punct("*")) {
      s->select_all = true;
    } else {
      do {
        Path p;
        DODB_RETURN_IF_ERROR(PathExpr(&p));
        s->projection.push_back(std::move(p));
      } while (Punct(","));
    }
    if (IsPunct("*") || (s->select_all && IsPunct(",")))
      return Status::Validation("Other attributes should not be present in the projection when '*' is used.");
    DODB_RETURN_IF_ERROR(ExpectKeyword("FROM"));
    DODB_RETURN_IF_ERROR(Name(&s->table));
    if (Punct(".")) DODB_RETURN_IF_ERROR(Name(&s->index));
    if (IsPunct(".")) return Status::Validation("A path may contain at most 2 components in the FROM clause");
    if (Keyword("WHERE")) {
      s->has_where = true;
      DODB_RETURN_IF_ERROR(Expr(&s->where, 0));
    }
    if (Keyword("ORDER")) {
      DODB_RETURN_IF_ERROR(ExpectKeyword("BY"));
      do {
        OrderBy o;
        DODB_RETURN_IF_ERROR(Name(&o.attribute));
        if (Keyword("DESC")) o.descending = true;
        else Keyword("ASC");
        s->order_by.push_back(std::move(o));
      } while (Punct(","));
    }
    return Status::OK();
  }

  Status Insert(partiql::Statement* s) {
    s->kind = StatementKind::kInsert;
    DODB_RETURN_IF_ERROR(ExpectKeyword("INTO"));
    DODB_RETURN_IF_ERROR(Name(&s->table));
    if (Keyword("VALUES"))
      return Status::Validation("Unsupported operation: Inserting multiple items in a single statement is not supported, use \"INSERT INTO tableName VALUE item\" instead");
    DODB_RETURN_IF_ERROR(ExpectKeyword("VALUE"));
    DODB_RETURN_IF_ERROR(Expr(&s->item, 0));
    if (IsKeyword("RETURNING")) return Status::Validation("RETURNING is not supported in INSERT");
    return Status::OK();
  }

  Status Update(partiql::Statement* s) {
    s->kind = StatementKind::kUpdate;
    DODB_RETURN_IF_ERROR(Name(&s->table));
    for (;;) {
      if (Keyword("SET")) {
        do {
          UpdateAction a;
          DODB_RETURN_IF_ERROR(PathExpr(&a.path));
          DODB_RETURN_IF_ERROR(Expect("="));
          DODB_RETURN_IF_ERROR(Additive(&a.value, 0));
          s->updates.push_back(std::move(a));
        } while (Punct(","));
      } else if (Keyword("REMOVE")) {
        do {
          UpdateAction a;
          a.remove = true;
          DODB_RETURN_IF_ERROR(PathExpr(&a.path));
          s->updates.push_back(std::move(a));
        } while (Punct(","));
      } else {
        break;
      }
    }
    if (s->updates.empty()) return NotWellFormed("Expected SET or REMOVE");
    DODB_RETURN_IF_ERROR(Where(s));
    if (Keyword("RETURNING")) {
      bool all = Keyword("ALL");
      if (!all && !Keyword("MODIFIED")) return NotWellFormed("Expected ALL or MODIFIED after RETURNING");
      bool old = Keyword("OLD");
      if (!old && !Keyword("NEW")) return NotWellFormed("Expected OLD or NEW in RETURNING clause");
      if (!Punct("*")) return Status::Validation("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
      s->returning = std::string(all ? "ALL_" : "UPDATED_") + (old ? "OLD" : "NEW");
    }
    return Status::OK();
  }

  Status Delete(partiql::Statement* s) {
    s->kind = StatementKind::kDelete;
    DODB_RETURN_IF_ERROR(ExpectKeyword("FROM"));
    DODB_RETURN_IF_ERROR(Name(&s->table));
    DODB_RETURN_IF_ERROR(Where(s));
    if (Keyword("RETURNING")) {
      std::string words;
      while (Peek().kind == TokenKind::kIdentifier || IsPunct("*")) {
        if (!words.empty()) words += ' ';
        words += UpperAscii(Peek().text);
        ++pos_;
      }
      if (words != "ALL OLD *")
        return Status::Validation("Invalid returning clause: RETURNING " + words +
                                  ". Only RETURNING ALL OLD * is allowed in DELETE statements.");
      s->returning = "ALL_OLD";
    }
    return Status::OK();
  }

  // UPDATE's and DELETE's WHERE, which must name the item's key.
  Status Where(partiql::Statement* s) {
    if (!Keyword("WHERE")) return Status::Validation("Where clause does not contain a mandatory equality on all key attributes");
    s->has_where = true;
    return Expr(&s->where, 0);
  }

  Status Deeper(int depth) const {
    if (depth > kMaxDepth) return NotWellFormed("Expression nested too deeply");
    return Status::OK();
  }

  Status Expr(Node* out, int depth) {
    DODB_RETURN_IF_ERROR(Deeper(depth));
    DODB_RETURN_IF_ERROR(And(out, depth + 1));
    while (Keyword("OR")) {
      Node right;
      DODB_RETURN_IF_ERROR(And(&right, depth + 1));
      *out = Binary(NodeKind::kOr, "", std::move(*out), std::move(right));
    }
    return Status::OK();
  }

  Status And(Node* out, int depth) {
    DODB_RETURN_IF_ERROR(Not(out, depth));
    while (Keyword("AND")) {
      Node right;
      DODB_RETURN_IF_ERROR(Not(&right, depth));
      *out = Binary(NodeKind::kAnd, "", std::move(*out), std::move(right));
    }
    return Status::OK();
  }

  Status Not(Node* out, int depth) {
    DODB_RETURN_IF_ERROR(Deeper(depth));
    if (!Keyword("NOT")) return Predicate(out, depth);
    Node operand;
    DODB_RETURN_IF_ERROR(Not(&operand, depth + 1));
    *out = Unary(NodeKind::kNot, std::move(operand));
    return Status::OK();
  }

  Status Predicate(Node* out, int depth) {
    DODB_RETURN_IF_ERROR(Additive(out, depth));
    static constexpr std::string_view kComparisons[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
    for (std::string_view op : kComparisons) {
      if (!Punct(op)) continue;
      Node right;
      DODB_RETURN_IF_ERROR(Additive(&right, depth));
      *out = Binary(NodeKind::kCompare, op == "!=" ? "<>" : op, std::move(*out), std::move(right));
      return Status::OK();
    }
    if (Keyword("IS")) {
      Node is = Unary(NodeKind::kIs, std::move(*out));
      is.flag = Keyword("NOT");
      const Token& t = Peek();
      if (t.kind != TokenKind::kIdentifier) return NotWellFormed("Expected a type after IS");
      is.text = UpperAscii(t.text);
      ++pos_;
      *out = std::move(is);
      return Status::OK();
    }
    bool negated = IsKeyword("NOT") && (IsKeyword("BETWEEN", 1) || IsKeyword("IN", 1));
    if (negated) ++pos_;
    if (Keyword("BETWEEN")) {
      Node between = Unary(NodeKind::kBetween, std::move(*out));
      between.children.resize(3);
      DODB_RETURN_IF_ERROR(Additive(&between.children[1], depth));
      DODB_RETURN_IF_ERROR(ExpectKeyword("AND"));
      DODB_RETURN_IF_ERROR(Additive(&between.children[2], depth));
      *out = std::move(between);
    } else if (Keyword("IN")) {
      Node in = Unary(NodeKind::kIn, std::move(*out));
      in.children.resize(2);
      DODB_RETURN_IF_ERROR(Additive(&in.children[1], depth));
      *out = std::move(in);
    }
    if (negated) *out = Unary(NodeKind::kNot, std::move(*out));
    return Status::OK();
  }

  Status Additive(Node* out, int depth) {
    DODB_RETURN_IF_ERROR(Primary(out, depth));
    for (;;) {
      std::string op = IsPunct("+") ? "+" : IsPunct("-") ? "-" : "";
      if (op.empty()) {
        if (IsPunct("*") || IsPunct("/") || IsPunct("%") || IsPunct("||"))
          return Status::Validation("Unsupported operation: " + Peek().text);
        return Status::OK();
      }
      ++pos_;
      Node right;
      DODB_RETURN_IF_ERROR(Primary(&right, depth));
      *out = Binary(NodeKind::kArith, op, std::move(*out), std::move(right));
    }
  }

  // Elements up to the closing punctuation, separated by commas (none at all is allowed).
  Status Elements(std::string_view close, Node* out, int depth) {
    if (Punct(close)) return Status::OK();
    do {
      Node e;
      DODB_RETURN_IF_ERROR(Expr(&e, depth + 1));
      out->children.push_back(std::move(e));
      if (out->kind == NodeKind::kStruct) {
        DODB_RETURN_IF_ERROR(Expect(":"));
        Node v;
        DODB_RETURN_IF_ERROR(Expr(&v, depth + 1));
        out->children.push_back(std::move(v));
      }
    } while (Punct(","));
    return Expect(close);
  }

  Status Primary(Node* out, int depth) {
    DODB_RETURN_IF_ERROR(Deeper(depth));
    const Token& t = Peek();
    *out = Node{};
    switch (t.kind) {
      case TokenKind::kString:
        out->kind = NodeKind::kString;
        out->text = t.text;
        ++pos_;
        return Status::OK();
      case TokenKind::kNumber:
        out->kind = NodeKind::kNumber;
        out->text = t.text;
        ++pos_;
        return Status::OK();
      case TokenKind::kQuotedIdentifier:
        out->kind = NodeKind::kPath;
        return PathExpr(&out->path);
      case TokenKind::kIdentifier:
        return IdentifierPrimary(out, depth);
      case TokenKind::kEnd:
        return NotWellFormed("Unexpected end of statement");
      case TokenKind::kPunct:
        break;
    }
    if (Punct("?")) {
      out->kind = NodeKind::kParameter;
      out->parameter = parameters_++;
      return Status::OK();
    }
    if (Punct("(")) {
      DODB_RETURN_IF_ERROR(Expr(out, depth + 1));
      return Expect(")");
    }
    if (Punct("-")) {
      if (Peek().kind == TokenKind::kNumber) {
        out->kind = NodeKind::kNumber;
        out->text = "-" + Peek().text;
        ++pos_;
        return Status::OK();
      }
      return Status::Validation("Unsupported operation: -");
    }
    if (Punct("[")) {
      out->kind = NodeKind::kList;
      return Elements("]", out, depth);
    }
    if (Punct("{")) {
      out->kind = NodeKind::kStruct;
      return Elements("}", out, depth);
    }
    if (Punct("<<")) {
      out->kind = NodeKind::kBag;
      return Elements(">>", out, depth);
    }
    return NotWellFormed("Unexpected token " + t.text);
  }

  Status IdentifierPrimary(Node* out, int depth) {
    const Token& t = Peek();
    if (EqualsIgnoreCase(t.text, "TRUE") || EqualsIgnoreCase(t.text, "FALSE")) {
      out->kind = NodeKind::kBool;
      out->flag = EqualsIgnoreCase(t.text, "TRUE");
      ++pos_;
      return Status::OK();
    }
    if (EqualsIgnoreCase(t.text, "NULL") || EqualsIgnoreCase(t.text, "MISSING")) {
      out->kind = EqualsIgnoreCase(t.text, "NULL") ? NodeKind::kNull : NodeKind::kMissing;
      ++pos_;
      return Status::OK();
    }
    if (IsPunct("(", 1)) {
      out->kind = NodeKind::kCall;
      out->text = Lower(t.text);
      pos_ += 2;
      return Elements(")", out, depth);
    }
    out->kind = NodeKind::kPath;
    return PathExpr(&out->path);
  }

  static Node Unary(NodeKind kind, Node operand) {
    Node n;
    n.kind = kind;
    n.children.push_back(std::move(operand));
    return n;
  }
  static Node Binary(NodeKind kind, std::string_view text, Node left, Node right) {
    Node n = Unary(kind, std::move(left));
    n.text = std::string(text);
    n.children.push_back(std::move(right));
    return n;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
  size_t parameters_ = 0;
};

}  // namespace

Status ParseStatement(std::string_view text, Statement* out) {
  std::vector<Token> tokens;
  DODB_RETURN_IF_ERROR(Tokenize(text, &tokens));
  *out = Statement{};
  return Parser(std::move(tokens)).Statement(out);
}

}  // namespace dodb::partiql

#include "request/validation.h"

#include "util/base64.h"
#include "util/cold.h"

namespace dodb {

Status CheckAttributeValueTypesAt(const JsonValue& v, int depth);  // depth: enclosing M/L levels

namespace {

constexpr int kMaxReportedViolations = 10;
constexpr std::string_view kStartOfStructure = "Start of structure or map found where not expected";

// The deserializer's name for the JSON token it found.
DODB_COLD std::string TokenName(const JsonValue& v) {
  if (v.IsString()) return "STRING_VALUE";
  if (v.IsBool()) return v.GetBool() ? "TRUE_VALUE" : "FALSE_VALUE";
  if (v.IsInt64() || v.IsUint64()) return "NUMBER_VALUE";
  if (v.IsNumber()) return "DECIMAL_VALUE";
  return "VALUE_NULL";
}

Status Serialization(std::string msg) { return Status::Serialization(std::move(msg)); }

Status CheckScalar(const JsonValue& v, Kind kind) {
  if (v.IsNull()) return Status::OK();
  switch (kind) {
    case Kind::String:
      if (v.IsString()) return Status::OK();
      if (v.IsArray()) return Serialization("Unrecognized collection type class java.lang.String");
      if (v.IsObject()) return Serialization(std::string(kStartOfStructure));
      return Serialization(TokenName(v) + " cannot be converted to String");
    case Kind::Integer:
    case Kind::Long: {
      const char* java = kind == Kind::Integer ? "Integer" : "Long";
      if (v.IsNumber()) return Status::OK();
      if (v.IsArray()) return Serialization(std::string("Unrecognized collection type class java.lang.") + java);
      if (v.IsObject()) return Serialization(std::string(kStartOfStructure));
      return Serialization(TokenName(v) + " cannot be converted to " + java);
    }
    case Kind::Boolean:
      if (v.IsBool()) return Status::OK();
      if (v.IsString()) return Serialization("Unexpected token received from parser");
      if (v.IsArray()) return Serialization("Unrecognized collection type class java.lang.Boolean");
      if (v.IsObject()) return Serialization(std::string(kStartOfStructure));
      return Serialization(TokenName(v) + " cannot be converted to Boolean");
    default:
      return Status::OK();
  }
}

Status CheckBlob(const JsonValue& v) {
  if (v.IsNull()) return Status::OK();
  if (v.IsArray()) return Serialization("Unrecognized collection type class java.nio.ByteBuffer");
  if (v.IsObject()) return Serialization(std::string(kStartOfStructure));
  if (!v.IsString()) return Serialization("only base-64-encoded strings are convertible to bytes");
  std::string bytes;
  if (v.GetStringLength() % 4 != 0)
    return Serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                         std::to_string(v.GetStringLength()));
  if (!Base64Decode(StringOf(v), &bytes))
    return Serialization("Invalid last non-pad Base64 character dectected");
  return Status::OK();
}

Status CheckListShape(const JsonValue& v) {
  if (v.IsArray() || v.IsNull()) return Status::OK();
  if (v.IsObject()) return Serialization(std::string(kStartOfStructure));
  return Serialization("Unexpected field type");
}

Status CheckAttributeMapTypes(const JsonValue& v) {
  if (v.IsNull()) return Status::OK();
  if (v.IsArray())
    return Serialization(
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "com.amazonaws.dynamodb.v20120810.AttributeValue>");
  if (!v.IsObject()) return Serialization("Unexpected field type");
  for (const auto& m : v.GetObject()) DODB_RETURN_IF_ERROR(CheckAttributeValueTypes(m.value));
  return Status::OK();
}

Status CheckStructTypes(const JsonValue& v, const Field& f, bool list_element) {
  if (v.IsNull()) return Status::OK();
  if (v.IsArray())
    return Serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810." +
                         std::string(f.struct_name));
  if (!v.IsObject())
    return Serialization(list_element ? "Unexpected value type in payload" : "Unexpected field type");
  return CheckTypes(v, f.members, f.member_count);
}

Status CheckFieldTypes(const JsonValue& v, const Field& f) {
  switch (f.kind) {
    case Kind::String:
    case Kind::Integer:
    case Kind::Long:
    case Kind::Boolean:
      return CheckScalar(v, f.kind);
    case Kind::AttributeMap:
      return CheckAttributeMapTypes(v);
    case Kind::StringList:
      DODB_RETURN_IF_ERROR(CheckListShape(v));
      if (v.IsArray())
        for (const JsonValue& e : v.GetArray()) DODB_RETURN_IF_ERROR(CheckScalar(e, Kind::String));
      return Status::OK();
    case Kind::Struct:
      return CheckStructTypes(v, f, false);
    case Kind::StructList:
      DODB_RETURN_IF_ERROR(CheckListShape(v));
      if (v.IsArray())
        for (const JsonValue& e : v.GetArray()) DODB_RETURN_IF_ERROR(CheckStructTypes(e, f, true));
      return Status::OK();
    case Kind::AttributeValue:
      return CheckAttributeValueTypes(v);
    case Kind::AttributeValueList:
      DODB_RETURN_IF_ERROR(CheckListShape(v));
      if (v.IsArray())
        for (const JsonValue& e : v.GetArray()) DODB_RETURN_IF_ERROR(CheckAttributeValueTypes(e));
      return Status::OK();
    case Kind::StructMap:
      if (v.IsNull()) return Status::OK();
      if (v.IsArray())
        return Serialization("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810." +
                             std::string(f.struct_name) + ">");
      if (!v.IsObject()) return Serialization("Unexpected field type");
      for (const auto& m : v.GetObject()) DODB_RETURN_IF_ERROR(CheckStructTypes(m.value, f, true));
      return Status::OK();
    case Kind::StringMap:
      if (v.IsNull()) return Status::OK();
      if (v.IsArray())
        return Serialization("Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>");
      if (!v.IsObject()) return Serialization("Unexpected field type");
      for (const auto& m : v.GetObject()) DODB_RETURN_IF_ERROR(CheckScalar(m.value, Kind::String));
      return Status::OK();
  }
  return Status::OK();
}

// "tableName" from "TableName"; a path prefix joins with '.'.
std::string MemberPath(std::string_view prefix, std::string_view name) {
  std::string path(prefix);
  if (!path.empty()) path += '.';
  path += static_cast<char>(name[0] >= 'A' && name[0] <= 'Z' ? name[0] - 'A' + 'a' : name[0]);
  path.append(name.substr(1));
  return path;
}

}  // namespace

int64_t IntegerOf(const JsonValue& v) {
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsUint64()) return std::numeric_limits<int64_t>::max();
  double d = v.GetDouble();
  if (d >= 9.2e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d < 0 && d != static_cast<int64_t>(d) ? d - 1 : d);  // floor
}

namespace {

// How DynamoDB prints a value inside "Value '...' at".
// Java's toString of a model structure, as DynamoDB prints list elements in messages:
// "KeySchemaElement(attributeName=pk, keyType=HASH)".
std::string Display(const JsonValue& v, const Field* f = nullptr);

DODB_COLD std::string StructDisplay(const JsonValue& v, const Field& f) {
  std::string s(f.struct_name);
  s += '(';
  for (size_t i = 0; i < f.member_count; ++i) {
    const Field& m = f.members[i];
    if (i) s += ", ";
    s += static_cast<char>(m.name[0] >= 'A' && m.name[0] <= 'Z' ? m.name[0] - 'A' + 'a' : m.name[0]);
    s.append(m.name.substr(1));
    s += '=';
    const JsonValue* x = Member(v, m.name);
    s += x ? Display(*x, m.members ? &m : nullptr) : "null";
  }
  return s + ')';
}

DODB_COLD std::string Display(const JsonValue& v, const Field* f) {
  if (v.IsString()) return std::string(StringOf(v));
  if (v.IsNumber()) return std::to_string(IntegerOf(v));
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsArray()) {
    std::string s = "[";
    bool first = true;
    for (const JsonValue& e : v.GetArray()) {
      if (!first) s += ", ";
      first = false;
      if (e.IsObject() && f && f->members) s += StructDisplay(e, *f);
      else s += e.IsString() ? std::string(StringOf(e)) : Display(e);
    }
    return s + "]";
  }
  if (v.IsObject()) return f && f->members ? StructDisplay(v, *f) : "{}";
  return "null";
}

size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += c >= 0xF0 ? 2 : 1;            // 4-byte sequences are surrogate pairs in Java
  }
  return n;
}

bool InEnum(std::string_view value, std::string_view enum_display) {
  std::string_view rest = enum_display.substr(1, enum_display.size() - 2);
  while (!rest.empty()) {
    size_t comma = rest.find(", ");
    std::string_view member = rest.substr(0, comma);
    if (member == value) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 2);
  }
  return false;
}

void CheckFieldConstraints(const JsonValue* v, const Field& f, const std::string& path,
                           ConstraintErrors* errors) {
  if (!v) {
    if (f.not_null) errors->Add("null", path, "Member must not be null");
    return;
  }
  // How the value is shown in a message; computed only when there is one.
  struct LazyDisplay {
    const JsonValue& v;
    const Field& f;
    std::string text;
    bool done = false;
    operator std::string_view() {
      if (!done) text = Display(v, &f), done = true;
      return text;
    }
  } shown{*v, f};
  if (f.kind == Kind::String) {
    std::string_view s = StringOf(*v);
    if (!f.enum_values.empty() && !InEnum(s, f.enum_values))
      errors->Add(shown, path, "Member must satisfy enum value set: " + std::string(f.enum_values));
    if (f.name_pattern && !IsValidName(s))
      errors->Add(shown, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  int64_t length = -1;
  if (v->IsString()) length = static_cast<int64_t>(Utf16Length(StringOf(*v)));
  if (v->IsArray()) length = v->Size();
  if (v->IsObject() && f.kind != Kind::Struct && f.kind != Kind::AttributeValue) length = v->MemberCount();
  if (length >= 0 && f.min_length >= 0 && length < f.min_length)
    errors->Add(shown, path, "Member must have length greater than or equal to " + std::to_string(f.min_length));
  if (length >= 0 && f.max_length >= 0 && length > f.max_length)
    errors->Add(shown, path, "Member must have length less than or equal to " + std::to_string(f.max_length));
  if (v->IsNumber()) {
    int64_t n = IntegerOf(*v);
    if (n < f.min_value)
      errors->Add(shown, path, "Member must have value greater than or equal to " + std::to_string(f.min_value));
    if (n > f.max_value)
      errors->Add(shown, path, "Member must have value less than or equal to " + std::to_string(f.max_value));
  }
  if (f.kind == Kind::Struct && v->IsObject())
    CheckConstraints(*v, f.members, f.member_count, path, errors);
  if (f.kind == Kind::StructMap && v->IsObject())
    for (const auto& m : v->GetObject())
      if (m.value.IsObject()) CheckConstraints(m.value, f.members, f.member_count, path + "." + std::string(StringOf(m.name)) + ".member", errors);
  if (f.kind == Kind::StructList && v->IsArray()) {
    int i = 1;
    for (const JsonValue& e : v->GetArray()) {
      if (e.IsObject())
        CheckConstraints(e, f.members, f.member_count, path + "." + std::to_string(i) + ".member", errors);
      ++i;
    }
  }
}

}  // namespace

bool IsValidName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

DODB_COLD void ConstraintErrors::Add(std::string_view value_display, std::string_view path, std::string_view constraint) {
  ++count_;
  if (static_cast<int>(messages_.size()) >= kMaxReportedViolations) return;
  std::string m = "Value ";
  if (value_display == "null") {
    m += "null";
  } else {
    m += '\'';
    m.append(value_display);
    m += '\'';
  }
  m += " at '";
  m.append(path);
  m += "' failed to satisfy constraint: ";
  m.append(constraint);
  messages_.push_back(std::move(m));
}

DODB_COLD Status ConstraintErrors::ToStatus() const {
  if (messages_.empty()) return Status::OK();
  size_t n = messages_.size();
  std::string msg = std::to_string(n) + (n == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < n; ++i) {
    if (i) msg += "; ";
    msg += messages_[i];
  }
  return Status::Validation(std::move(msg));
}

Status CheckTypes(const JsonValue& request, const Field* fields, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const JsonValue* v = FindMemberValue(request, fields[i].name);
    if (!v) continue;
    DODB_RETURN_IF_ERROR(CheckFieldTypes(*v, fields[i]));
  }
  return Status::OK();
}

void CheckConstraints(const JsonValue& request, const Field* fields, size_t count,
                      std::string_view path_prefix, ConstraintErrors* errors) {
  for (size_t i = 0; i < count; ++i) {
    const Field& f = fields[i];
    const JsonValue* v = Member(request, f.name);
    if (!v && !f.not_null) continue;  // nothing to check (and no path to build)
    CheckFieldConstraints(v, f, MemberPath(path_prefix, f.name), errors);
  }
}

Status CheckAttributeValueTypes(const JsonValue& v) { return CheckAttributeValueTypesAt(v, 0); }

Status CheckAttributeValueTypesAt(const JsonValue& v, int depth) {
  if (v.IsNull()) return Status::OK();
  // Deeper than DynamoDB's 32 levels the decoder reports the nesting limit; stop recursing here.
  if (depth > 40) return Status::OK();
  if (v.IsArray())
    return Serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
  if (!v.IsObject()) return Serialization("Unexpected value type in payload");
  for (const auto& m : v.GetObject()) {
    std::string_view type = StringOf(m.name);
    const JsonValue& x = m.value;
    if (type == "S" || type == "N") {
      DODB_RETURN_IF_ERROR(CheckScalar(x, Kind::String));
    } else if (type == "B") {
      DODB_RETURN_IF_ERROR(CheckBlob(x));
    } else if (type == "BOOL" || type == "NULL") {
      DODB_RETURN_IF_ERROR(CheckScalar(x, Kind::Boolean));
    } else if (type == "SS" || type == "NS" || type == "BS" || type == "L") {
      DODB_RETURN_IF_ERROR(CheckListShape(x));
      if (!x.IsArray()) continue;
      for (const JsonValue& e : x.GetArray()) {
        if (type == "BS") {
          DODB_RETURN_IF_ERROR(CheckBlob(e));
        } else if (type == "L") {
          DODB_RETURN_IF_ERROR(CheckAttributeValueTypesAt(e, depth + 1));
        } else {
          DODB_RETURN_IF_ERROR(CheckScalar(e, Kind::String));
        }
      }
    } else if (type == "M") {
      if (x.IsObject())
        for (const auto& m : x.GetObject()) DODB_RETURN_IF_ERROR(CheckAttributeValueTypesAt(m.value, depth + 1));
      else
        DODB_RETURN_IF_ERROR(CheckAttributeMapTypes(x));
    }
  }
  return Status::OK();
}

}  // namespace dodb

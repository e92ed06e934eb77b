#include "format/item_codec.h"

#include "util/base64.h"
#include "util/number.h"

namespace dodb {
namespace {

constexpr char kFormatVersion = 0x01;
constexpr int kMaxDecodeDepth = 64;

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Accepts only PutVarint's own (shortest) form, so that a decoded item re-encodes to its bytes.
bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    uint8_t b = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    if (shift == 63 && b > 1) return false;  // more than 64 bits
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return b != 0 || shift == 0;  // a final 0x00 after 0x80.. is overlong
  }
  return false;
}

void PutBytes(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

bool GetBytes(std::string_view* in, std::string* s) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

void EncodeValue(const AttributeValue& v, std::string* out);

void EncodeAttributes(const AttributeMap& map, std::string* out) {
  PutVarint(out, map.size());
  for (const Attribute& a : map) {
    PutBytes(out, a.name);
    EncodeValue(a.value, out);
  }
}

void EncodeValue(const AttributeValue& v, std::string* out) {
  out->push_back(static_cast<char>(v.type));
  switch (v.type) {
    case ValueType::S:
    case ValueType::N:
    case ValueType::B: PutBytes(out, v.scalar); break;
    case ValueType::BOOL: out->push_back(v.boolean ? 1 : 0); break;
    case ValueType::NUL: break;
    case ValueType::M: EncodeAttributes(v.map, out); break;
    case ValueType::L:
      PutVarint(out, v.list.size());
      for (const AttributeValue& e : v.list) EncodeValue(e, out);
      break;
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS:
      PutVarint(out, v.set.size());
      for (const std::string& m : v.set) PutBytes(out, m);
      break;
  }
}

bool DecodeValue(std::string_view* in, int depth, AttributeValue* v);

bool DecodeAttributes(std::string_view* in, int depth, AttributeMap* map) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  map->resize(n);
  for (size_t i = 0; i < n; ++i) {
    Attribute& a = (*map)[i];
    if (!GetBytes(in, &a.name) || !DecodeValue(in, depth, &a.value)) return false;
    if (i > 0 && !((*map)[i - 1].name < a.name)) return false;  // sorted, unique (FindAttribute)
  }
  return true;
}

bool DecodeValue(std::string_view* in, int depth, AttributeValue* v) {
  if (in->empty() || depth > kMaxDecodeDepth) return false;
  uint8_t tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  if (tag < 1 || tag > 10) return false;
  v->type = static_cast<ValueType>(tag);
  uint64_t n;
  switch (v->type) {
    case ValueType::S:
    case ValueType::N:
    case ValueType::B: return GetBytes(in, &v->scalar);
    case ValueType::BOOL:
      if (in->empty() || static_cast<uint8_t>((*in)[0]) > 1) return false;
      v->boolean = (*in)[0] != 0;
      in->remove_prefix(1);
      return true;
    case ValueType::NUL: return true;
    case ValueType::M: return DecodeAttributes(in, depth + 1, &v->map);
    case ValueType::L:
      if (!GetVarint(in, &n) || n > in->size()) return false;
      v->list.resize(n);
      for (AttributeValue& e : v->list)
        if (!DecodeValue(in, depth + 1, &e)) return false;
      return true;
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS:
      if (!GetVarint(in, &n) || n > in->size()) return false;
      v->set.resize(n);
      for (std::string& m : v->set)
        if (!GetBytes(in, &m)) return false;
      return true;
  }
  return false;
}

// DynamoDB's size of a number (dynalite db/index.js models it): 1 byte, plus 1 per two
// significant digits, plus 1 when the digits do not pair up with the decimal point, plus 1 if
// negative. Reads the canonical text directly (no decimal parse).
size_t NumberSize(std::string_view canonical) {
  bool negative = !canonical.empty() && canonical[0] == '-';
  size_t point = canonical.find('.');
  size_t first = std::string_view::npos, last = 0;  // positions of the first and last non-zero digit
  for (size_t i = negative ? 1 : 0; i < canonical.size(); ++i) {
    if (canonical[i] == '.' || canonical[i] == '0') continue;
    if (first == std::string::npos) first = i;
    last = i;
  }
  if (first == std::string_view::npos) return 1;  // zero
  size_t digits = last - first + 1 - (point != std::string_view::npos && first < point && point < last ? 1 : 0);
  // The scientific exponent: how far the first significant digit is from the units digit.
  size_t units = point == std::string_view::npos ? canonical.size() - 1 : point - 1;
  long sci_exponent = first <= units ? static_cast<long>(units - first) : -static_cast<long>(first - units - 1);
  bool extra = digits % 2 == 0 && sci_exponent % 2 == 0;
  return 1 + (digits + 1) / 2 + (extra ? 1 : 0) + (negative ? 1 : 0);
}

// GetBytes without the copy.
bool GetView(std::string_view* in, std::string_view* s) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  *s = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}

// DecodeValue + WriteAttributeValue + AttributeValueSize in one walk over the bytes, accepting
// exactly what DecodeValue accepts.
bool WriteStoredAttributes(std::string_view* in, int depth, JsonWriter* w, size_t* size);

bool WriteStoredValue(std::string_view* in, int depth, JsonWriter* w, size_t* size) {
  if (in->empty() || depth > kMaxDecodeDepth) return false;
  uint8_t tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  if (tag < 1 || tag > 10) return false;
  ValueType type = static_cast<ValueType>(tag);
  if (w) {
    w->StartObject();
    w->Key(TypeName(type));
  }
  uint64_t n;
  std::string_view s;
  switch (type) {
    case ValueType::S:
    case ValueType::N:
    case ValueType::B:
      if (!GetView(in, &s)) return false;
      *size += type == ValueType::N ? NumberSize(s) : s.size();
      if (w) type == ValueType::B ? w->String(Base64Encode(s)) : w->String(s);
      break;
    case ValueType::BOOL:
      if (in->empty() || static_cast<uint8_t>((*in)[0]) > 1) return false;
      if (w) w->Bool((*in)[0] != 0);
      in->remove_prefix(1);
      *size += 1;
      break;
    case ValueType::NUL:
      if (w) w->Bool(true);
      *size += 1;
      break;
    case ValueType::M:
      // 3 + entries + ItemSize(entries), as AttributeValueSize counts a map.
      *size += 3;
      if (!WriteStoredAttributes(in, depth + 1, w, size)) return false;
      break;
    case ValueType::L:
      if (!GetVarint(in, &n) || n > in->size()) return false;
      if (w) w->StartArray();
      *size += 3 + n;
      for (uint64_t i = 0; i < n; ++i)
        if (!WriteStoredValue(in, depth + 1, w, size)) return false;
      if (w) w->EndArray();
      break;
    case ValueType::SS:
    case ValueType::NS:
    case ValueType::BS:
      if (!GetVarint(in, &n) || n > in->size()) return false;
      if (w) w->StartArray();
      for (uint64_t i = 0; i < n; ++i) {
        if (!GetView(in, &s)) return false;
        *size += type == ValueType::NS ? NumberSize(s) : s.size();
        if (w) type == ValueType::BS ? w->String(Base64Encode(s)) : w->String(s);
      }
      if (w) w->EndArray();
      break;
  }
  if (w) w->EndObject();
  return true;
}

// Adds entries + ItemSize(entries) when depth > 0 (a nested map's entry count is part of its
// size); a top-level item adds only ItemSize.
bool WriteStoredAttributes(std::string_view* in, int depth, JsonWriter* w, size_t* size) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  if (depth > 0) *size += n;
  if (w) w->StartObject();
  std::string_view name, previous;
  for (uint64_t i = 0; i < n; ++i) {
    if (!GetView(in, &name)) return false;
    if (i > 0 && !(previous < name)) return false;  // sorted, unique (as DecodeAttributes checks)
    previous = name;
    *size += name.size();
    if (w) w->Key(name);
    if (!WriteStoredValue(in, depth, w, size)) return false;
  }
  if (w) w->EndObject();
  return true;
}

}  // namespace

bool WriteStoredItem(std::string_view bytes, JsonWriter* w, size_t* item_size) {
  *item_size = 0;
  if (bytes.empty() || bytes[0] != kFormatVersion) return false;
  bytes.remove_prefix(1);
  return WriteStoredAttributes(&bytes, 0, w, item_size) && bytes.empty();
}

std::string EncodeItem(const AttributeMap& item) {
  std::string out;
  out.push_back(kFormatVersion);
  EncodeAttributes(item, &out);
  return out;
}

bool DecodeItem(std::string_view bytes, AttributeMap* item) {
  if (bytes.empty() || bytes[0] != kFormatVersion) return false;
  bytes.remove_prefix(1);
  return DecodeAttributes(&bytes, 0, item) && bytes.empty();
}

size_t AttributeValueSize(const AttributeValue& v) {
  size_t size = 0;
  switch (v.type) {
    case ValueType::S:
    case ValueType::B: return v.scalar.size();
    case ValueType::N: return NumberSize(v.scalar);
    case ValueType::BOOL:
    case ValueType::NUL: return 1;
    case ValueType::SS:
    case ValueType::BS:
      for (const std::string& m : v.set) size += m.size();
      return size;
    case ValueType::NS:
      for (const std::string& m : v.set) size += NumberSize(m);
      return size;
    case ValueType::L:
      size = 3;
      for (const AttributeValue& e : v.list) size += 1 + AttributeValueSize(e);
      return size;
    case ValueType::M:
      return 3 + v.map.size() + ItemSize(v.map);
  }
  return size;
}

size_t ItemSize(const AttributeMap& item) {
  size_t size = 0;
  for (const Attribute& a : item) size += a.name.size() + AttributeValueSize(a.value);
  return size;
}

}  // namespace dodb

// json_writer.h: the engine's JSON writer. Every response, stored table definition and stream
// record is written with it. Its output is byte for byte what RapidJSON's default
// Writer<StringBuffer> wrote before it (responses are compared as bytes by tests and clients):
//   - in strings, '"' '\\' and the control characters 0x00-0x1F are escaped (\b \t \n \f \r, the
//     others \u00XX with upper-case hex); every other byte, '/', DEL, U+2028/U+2029 and bytes that
//     are not UTF-8 included, is copied as is;
//   - numbers as RapidJSON writes them (its itoa and Grisu dtoa; a NaN or infinite double writes
//     nothing and returns false, as RapidJSON's default flags do);
//   - no whitespace.
// It differs in cost only: runs of bytes that need no escaping are found 8 bytes at a time and
// copied in bulk (RapidJSON tested and copied each byte), and nesting needs no level stack (one
// flag says whether the next value needs a ','). It implements RapidJSON's Handler concept, so
// JsonValue::Accept(writer) works. REQUIRES: calls form well-nested JSON (a Key before each
// object member); unlike RapidJSON's Writer it does not assert this.
#ifndef DODB_JSON_WRITER_H_
#define DODB_JSON_WRITER_H_

#include <rapidjson/rapidjson.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dodb {

class JsonWriter {
 public:
  using Ch = char;

  JsonWriter() = default;
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // The text written so far.
  std::string_view view() const { return std::string_view(buf_.data(), len_); }
  // Moves the text out; the writer is then empty and may start a new value.
  std::string Take() {
    buf_.resize(len_);
    len_ = 0;
    comma_ = false;
    return std::move(buf_);
  }

  // RapidJSON's Handler concept.
  bool Null() { return Raw("null", 4); }
  bool Bool(bool b) { return b ? Raw("true", 4) : Raw("false", 5); }
  bool Int(int i);
  bool Uint(unsigned u);
  bool Int64(int64_t i);
  bool Uint64(uint64_t u);
  bool Double(double d);
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy = false) {
    (void)copy;
    return String(s, n);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy = false) {
    (void)copy;
    Separate();
    AppendQuoted(s, n);
    comma_ = true;
    return true;
  }
  bool String(const char* s) { return String(std::string_view(s)); }
  bool String(const std::string& s) { return String(std::string_view(s)); }
  bool String(std::string_view s) {
    Separate();
    AppendQuoted(s.data(), s.size());
    comma_ = true;
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy = false) {
    (void)copy;
    return Key(std::string_view(s, n));
  }
  bool Key(const char* s) { return Key(std::string_view(s)); }
  bool Key(std::string_view s) {
    Separate();
    AppendQuoted(s.data(), s.size());
    Put(':');
    comma_ = false;
    return true;
  }
  bool StartObject() { return Open('{'); }
  bool EndObject(rapidjson::SizeType = 0) { return Close('}'); }
  bool StartArray() { return Open('['); }
  bool EndArray(rapidjson::SizeType = 0) { return Close(']'); }
  // Writes json (well-formed JSON text) as the next value. type is unused (RapidJSON's signature).
  bool RawValue(const char* json, size_t n, rapidjson::Type type) {
    (void)type;
    return Raw(json, n);
  }

 private:
  // buf_[0, len_) is the text; buf_'s size is its capacity, so appending is a bounds check and a
  // copy (std::string::append costs a call and its own checks per piece).
  void Reserve(size_t n) {
    if (buf_.size() - len_ < n) Grow(n);
  }
  void Grow(size_t n);
  void Put(char c) {
    Reserve(1);
    buf_[len_++] = c;
  }
  void Separate() {
    if (comma_) Put(',');
  }
  bool Raw(const char* s, size_t n) {
    Reserve(n + 1);
    if (comma_) buf_[len_++] = ',';
    std::memcpy(&buf_[len_], s, n);
    len_ += n;
    comma_ = true;
    return true;
  }
  bool Open(char c) {
    Reserve(2);
    if (comma_) buf_[len_++] = ',';
    buf_[len_++] = c;
    comma_ = false;
    return true;
  }
  bool Close(char c) {
    Put(c);
    comma_ = true;
    return true;
  }
  // Appends s quoted and escaped.
  void AppendQuoted(const char* s, size_t n);

  std::string buf_;
  size_t len_ = 0;
  bool comma_ = false;  // the next value or key follows another at the same level
};

// True if bytes is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF) and has no NUL byte. ASCII is checked 8 bytes at a time.
bool IsUtf8WithoutNul(std::string_view bytes);

}  // namespace dodb

#endif  // DODB_JSON_WRITER_H_

// json_fuzzer: the request JSON decoder on its own. The input is a request body, parsed the way
// Engine::Handle parses it (RapidJSON, iterative, validating UTF-8) and handed to Engine::Handle
// (ListTables over an empty MemoryStore, which reads only two members, so the decoder decides).
// Checked:
//   - Engine::Handle answers 200 or 400 with a JSON object that is valid UTF-8;
//   - it answers the bare SerializationException (no message) exactly when the body is not a JSON
//     object of valid UTF-8 (parse error, another top-level value, a raw NUL byte, or escapes that
//     decode to invalid UTF-8 such as a lone surrogate);
//   - the iterative parser agrees with the recursive one (same accept/reject, same document) where
//     nesting is shallow enough for recursion;
//   - an accepted document written back out re-parses (exactly) to the same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine.h"
#include "fuzz_check.h"
#include "util/json.h"
#include "storage/memory_store.h"

namespace {

constexpr unsigned kParseFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

// Writes doc; false if a string in it is not valid UTF-8.
bool WriteValid(const dodb::JsonValue& doc, std::string* out) {
  rapidjson::StringBuffer buf;
  // A number beyond double's range parses as infinity (as Jackson's does for DynamoDB, which then
  // ignores or rejects the member): write it as "Infinity" rather than failing.
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteValidateEncodingFlag | rapidjson::kWriteNanAndInfFlag>
      w(buf);
  if (!doc.Accept(w)) return false;
  out->assign(buf.GetString(), buf.GetSize());
  return true;
}

size_t MaxBracketDepth(std::string_view s) {
  size_t depth = 0, max = 0;
  for (char c : s) {
    if (c == '[' || c == '{') max = ++depth > max ? depth : max;
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  dodb::JsonDocument doc;
  doc.Parse<kParseFlags>(text.data(), text.size());
  std::string written;
  // A raw NUL byte ends RapidJSON's input early; JSON has none, so the engine refuses such bodies.
  bool accepted = !doc.HasParseError() && doc.IsObject() && WriteValid(doc, &written) &&
                  text.find('\0') == std::string_view::npos;

  // Iterative and recursive parsing agree (brackets inside strings only overestimate the depth).
  if (MaxBracketDepth(text) < 200) {
    dodb::JsonDocument rec;
    rec.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
    FUZZ_CHECK(rec.HasParseError() == doc.HasParseError(), "iterative and recursive parsers disagree");
    // Compared as written text: RapidJSON's operator== looks members up by name, so an object with
    // a repeated name never equals itself.
    std::string a, b;
    if (!doc.HasParseError() && WriteValid(doc, &a))
      FUZZ_CHECK(WriteValid(rec, &b) && a == b, "iterative and recursive parsers built different documents");
  }

  // The engine's writer (json_writer.h) writes any parsed document exactly as RapidJSON's default
  // Writer does, non-finite numbers and bytes that are not UTF-8 included.
  if (!doc.HasParseError()) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> theirs(buf);
    bool theirs_ok = doc.Accept(theirs);
    dodb::JsonWriter ours;
    bool ours_ok = doc.Accept(ours);
    FUZZ_CHECK(ours_ok == theirs_ok && ours.view() == std::string_view(buf.GetString(), buf.GetSize()),
               "JsonWriter and RapidJSON's Writer differ on " + std::string(ours.view()));
  }

  // Round trip of what is accepted.
  if (accepted) {
    dodb::JsonDocument again;
    // Full precision: the writer prints the shortest text of each double, which only the exact
    // parser reads back to the same double (the default parser may be off by an ulp).
    again.Parse<kParseFlags | rapidjson::kParseFullPrecisionFlag | rapidjson::kParseNanAndInfFlag>(written.data(),
                                                                                                   written.size());
    FUZZ_CHECK(!again.HasParseError(), written);
    std::string rewritten;
    FUZZ_CHECK(WriteValid(again, &rewritten) && rewritten == written, written);
  }

  // The engine's decision matches.
  dodb::MemoryStore store;
  dodb::Engine engine(store);
  dodb::Response r = engine.Handle("ListTables", text);
  FUZZ_CHECK(r.status == 200 || r.status == 400, r.body);
  dodb::JsonDocument body;
  body.Parse<kParseFlags>(r.body.data(), r.body.size());
  std::string body_text;
  FUZZ_CHECK(!body.HasParseError() && body.IsObject() && WriteValid(body, &body_text), r.body);
  bool bare_serialization = r.body == R"({"__type":"com.amazon.coral.service#SerializationException"})";
  FUZZ_CHECK(bare_serialization == !accepted, std::string(accepted ? "accepted" : "refused") + " body, engine said " + r.body);
  FUZZ_CHECK(store.entries().empty(), "ListTables wrote to the store");
  return 0;
}

#include "engine.h"

#include "util/json.h"
#include "ops/operations.h"

namespace dodb {
namespace {

// The namespace DynamoDB puts before '#' in "__type" for each error type.
std::string_view ErrorNamespace(const std::string& type) {
  if (type == "ValidationException") return "com.amazon.coral.validate";
  if (type == "SerializationException" || type == "UnknownOperationException" ||
      type == "InternalFailure")
    return "com.amazon.coral.service";
  return "com.amazonaws.dynamodb.v20120810";
}

// True if the JSON text has a \uDC00..\uDFFF escape that does not directly follow a \uD800..\uDBFF
// one. RapidJSON 1.1.0 rejects a lone high surrogate but decodes a lone low one into bytes that
// are not UTF-8, which would be stored and echoed back in responses (found by fuzzing).
bool HasLoneLowSurrogate(std::string_view json) {
  auto hex4 = [&](size_t i) {
    int v = 0;
    for (size_t k = i; k < i + 4; ++k) {
      char c = k < json.size() ? json[k] : 'x';
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  };
  bool after_high = false;
  // From one backslash to the next (memchr), not byte by byte; a low surrogate escape directly
  // follows a high one only if no other byte came between them.
  for (size_t i = 0;;) {
    size_t j = json.find('\\', i);
    if (j == std::string_view::npos || j + 1 >= json.size()) return false;
    if (j != i) after_high = false;
    int unit = json[j + 1] == 'u' ? hex4(j + 2) : -1;
    if (unit >= 0xDC00 && unit <= 0xDFFF && !after_high) return true;
    after_high = unit >= 0xD800 && unit <= 0xDBFF;
    i = j + (unit >= 0 ? 6 : 2);  // past the escape (an escaped backslash included)
  }
}

}  // namespace

Response ErrorResponse(const Status& status) {
  JsonWriter w;
  w.StartObject();
  WriteKey(w, "__type");
  std::string type(ErrorNamespace(status.type()));
  type += '#';
  type += status.type();
  WriteString(w, type);
  // Coral's own errors carry no message when they have none; SerializationException (dynalite
  // test/helpers.js) and TransactionCanceledException (nubo-db/dynoxide) spell it "Message".
  bool coral_service = ErrorNamespace(status.type()) == "com.amazon.coral.service";
  if (!(coral_service && status.message().empty())) {
    bool capital = status.type() == "SerializationException" || status.type() == "TransactionCanceledException";
    WriteKey(w, capital ? "Message" : "message");
    WriteString(w, status.message());
  }
  w.EndObject();
  std::string body = w.Take();
  if (!status.extra_json().empty()) {
    body.pop_back();  // '}'
    body += ',';
    body += status.extra_json();
    body += '}';
  }
  return Response{status.type() == "InternalServerError" ? 500 : 400, std::move(body)};
}

Response Engine::Handle(std::string_view operation, std::string_view request_json) {
  // DynamoDB rejects a body that is not JSON before it looks at the operation. Bytes that are not
  // UTF-8 make it not JSON wherever they are: outside strings no token has them, and inside they
  // are what RapidJSON's kParseValidateEncodingFlag refused; one pass over the whole body, 8 ASCII
  // bytes at a time, costs less than that flag's per-character check (json_writer_test.cc holds
  // the two to the same answers). RapidJSON stops at a NUL byte as at the end of input; JSON
  // allows none anywhere (a control character inside a string must be escaped), so a body with
  // one is not JSON either ("{}\0garbage"): the same pass refuses it.
  // RapidJSON's input stream skips a leading 0xEF, then 0xBB, then 0xBF, each on its own (a
  // UTF-8 byte order mark, or a piece of one), before parsing; the check skips the same bytes so
  // that such bodies are accepted as they were (json_fuzzer found "\xBF{...}").
  size_t bom = 0;
  for (unsigned char b : {0xEF, 0xBB, 0xBF})
    if (bom < request_json.size() && static_cast<unsigned char>(request_json[bom]) == b) ++bom;
  if (!IsUtf8WithoutNul(request_json.substr(bom))) return ErrorResponse(Status::Serialization(""));
  JsonDocument doc;
  // Iterative parsing: no recursion, so deeply nested input cannot exhaust the wasm stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(request_json.data(), request_json.size());
  if (doc.HasParseError() || !doc.IsObject() || HasLoneLowSurrogate(request_json))
    return ErrorResponse(Status::Serialization(""));
  constexpr std::string_view kFromRouter = "@Shard:";
  const bool from_router = operation.substr(0, kFromRouter.size()) == kFromRouter;
  const Operation* op = FindOperation(from_router ? operation.substr(kFromRouter.size()) : operation);
  if (!op) return ErrorResponse(Status::UnknownOperation());

  JsonWriter out;
  out.StartObject();
  OperationContext ctx{store_, catalog_, from_router, &locks_};
  Status s = op->run(ctx, doc, out);
  if (!s.ok()) return ErrorResponse(s);
  out.EndObject();
  return Response{200, out.Take()};
}

}  // namespace dodb

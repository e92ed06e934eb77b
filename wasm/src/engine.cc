#include "engine.h"

#include "json.h"
#include "operation.h"

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

}  // namespace

Response ErrorResponse(const Status& status) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteKey(w, "__type");
  std::string type(ErrorNamespace(status.type()));
  type += '#';
  type += status.type();
  WriteString(w, type);
  // Coral's own errors carry no message when they have none, and SerializationException spells
  // the member "Message" (dynalite test/helpers.js records both).
  bool coral_service = ErrorNamespace(status.type()) == "com.amazon.coral.service";
  if (!(coral_service && status.message().empty())) {
    WriteKey(w, status.type() == "SerializationException" ? "Message" : "message");
    WriteString(w, status.message());
  }
  w.EndObject();
  std::string body(buf.GetString(), buf.GetSize());
  if (!status.extra_json().empty()) {
    body.pop_back();  // '}'
    body += ',';
    body += status.extra_json();
    body += '}';
  }
  return Response{status.type() == "InternalServerError" ? 500 : 400, std::move(body)};
}

Response Engine::Handle(std::string_view operation, std::string_view request_json) {
  const Operation* op = FindOperation(operation);
  if (!op) return ErrorResponse(Status::UnknownOperation());

  JsonDocument doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(request_json.data(), request_json.size());
  if (doc.HasParseError() || !doc.IsObject())
    return ErrorResponse(Status::Serialization(""));

  rapidjson::StringBuffer buf;
  JsonWriter out(buf);
  out.StartObject();
  OperationContext ctx{store_};
  Status s = op->run(ctx, doc, out);
  if (!s.ok()) return ErrorResponse(s);
  out.EndObject();
  return Response{200, std::string(buf.GetString(), buf.GetSize())};
}

}  // namespace dodb

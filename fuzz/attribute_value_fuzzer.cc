// attribute_value_fuzzer: the input is wire JSON. Parsed as the engine parses requests, it is
// type-checked (CheckAttributeValueTypes) and decoded both as one AttributeValue and as an
// attribute map (an Item). A decoded map must survive the storage codec (EncodeItem ->
// DecodeItem gives an equal map, re-encoding gives the same bytes) and the wire writer
// (WriteAttributeMap -> parse -> DecodeAttributeMap gives an equal map and the same JSON).
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/attribute_value.h"
#include "fuzz_check.h"
#include "format/item_codec.h"
#include "util/json.h"
#include "request/validation.h"

namespace {

std::string WriteMap(const dodb::AttributeMap& map) {
  dodb::JsonWriter w;
  dodb::WriteAttributeMap(w, map);
  return w.Take();
}

void CheckMapRoundTrips(const dodb::AttributeMap& map) {
  dodb::ItemSize(map);
  std::string bytes = dodb::EncodeItem(map);
  dodb::AttributeMap decoded;
  FUZZ_CHECK(dodb::DecodeItem(bytes, &decoded), "EncodeItem output decodes");
  FUZZ_CHECK(decoded == map, "EncodeItem/DecodeItem round trip");
  FUZZ_CHECK(dodb::EncodeItem(decoded) == bytes, "re-encoding gives the same bytes");

  std::string json = WriteMap(map);
  dodb::JsonDocument doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  FUZZ_CHECK(!doc.HasParseError() && doc.IsObject(), json);
  dodb::AttributeMap reread;
  dodb::Status s = dodb::DecodeAttributeMap(doc, 1, &reread);
  FUZZ_CHECK(s.ok(), s.message() + " for " + json);
  FUZZ_CHECK(reread == map, json);
  FUZZ_CHECK(WriteMap(reread) == json, json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dodb::JsonDocument doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(reinterpret_cast<const char*>(data), size);
  if (doc.HasParseError() || !doc.IsObject()) return 0;
  // Engine::Handle refuses requests whose escapes decode to invalid UTF-8 (a lone low surrogate,
  // which RapidJSON 1.1.0 lets through); skip what it would refuse.
  rapidjson::StringBuffer check;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteValidateEncodingFlag>
      validator(check);
  if (!doc.Accept(validator)) return 0;

  // As one AttributeValue ({"S": "x"}), the way ExpressionAttributeValues members arrive.
  if (dodb::CheckAttributeValueTypes(doc).ok()) {
    dodb::AttributeValue v;
    if (dodb::DecodeAttributeValue(doc, 1, &v).ok()) {
      dodb::AttributeMap single;
      single.push_back(dodb::Attribute{"v", v});
      CheckMapRoundTrips(single);
    }
  }

  // As an attribute map ({"name": {"S": "x"}, ...}), the way Item and Key arrive.
  for (const auto& m : doc.GetObject())
    if (!dodb::CheckAttributeValueTypes(m.value).ok()) return 0;
  dodb::AttributeMap map;
  if (dodb::DecodeAttributeMap(doc, 1, &map).ok()) CheckMapRoundTrips(map);
  return 0;
}

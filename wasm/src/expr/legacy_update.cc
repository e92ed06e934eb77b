#include "expr/legacy_update.h"

#include <algorithm>

#include "expr/document_path.h"
#include "util/number.h"

namespace dodb {
namespace {

bool IsSet(ValueType t) { return t == ValueType::SS || t == ValueType::NS || t == ValueType::BS; }

Status Invalid(const std::string& detail) {
  return Status::Validation("One or more parameter values were invalid: " + detail);
}

}  // namespace

Status DecodeAttributeUpdates(const JsonValue& updates, std::vector<LegacyUpdate>* out) {
  for (const auto& m : updates.GetObject()) {
    LegacyUpdate u;
    u.attribute.assign(StringOf(m.name));
    const JsonValue* action = Member(m.value, "Action");
    u.action = action ? std::string(StringOf(*action)) : "PUT";
    if (const JsonValue* v = Member(m.value, "Value")) {
      u.has_value = true;
      DODB_RETURN_IF_ERROR(DecodeAttributeValue(*v, 1, &u.value));
    }
    std::string type(u.has_value ? TypeName(u.value.type) : "");
    if (!u.has_value && u.action != "DELETE")
      return Invalid("Only DELETE action is allowed when no attribute value is specified");
    if (u.has_value && u.action == "DELETE" && !IsSet(u.value.type))
      return Invalid("DELETE action with value is not supported for the type " + type);
    if (u.has_value && u.action == "ADD" && u.value.type != ValueType::N && !IsSet(u.value.type) &&
        u.value.type != ValueType::L)
      return Invalid("ADD action is not supported for the type " + type);
    out->push_back(std::move(u));
  }
  return Status::OK();
}

Status CheckLegacyUpdateKeys(const std::vector<LegacyUpdate>& updates, const TableInfo& table) {
  for (const LegacyUpdate& u : updates)
    if (u.attribute == table.hash_key.name || (table.range_key && u.attribute == table.range_key->name))
      return Invalid("Cannot update attribute " + u.attribute + ". This attribute is part of the key");
  return Status::OK();
}

Status ApplyLegacyUpdates(const std::vector<LegacyUpdate>& updates, AttributeMap* item) {
  const Status mismatch = Status::ItemValidation("Type mismatch for attribute to update");
  for (const LegacyUpdate& u : updates) {
    AttributeValue* current = FindMutableAttribute(item, u.attribute);
    if (u.action == "PUT") {
      PutAttribute(item, u.attribute, u.value);
    } else if (u.action == "DELETE") {
      if (!u.has_value) {
        EraseAttribute(item, u.attribute);
      } else if (current) {
        if (current->type != u.value.type) return mismatch;
        auto& set = current->set;
        set.erase(std::remove_if(set.begin(), set.end(),
                                 [&](const std::string& m) {
                                   return std::find(u.value.set.begin(), u.value.set.end(), m) != u.value.set.end();
                                 }),
                  set.end());
        if (set.empty()) EraseAttribute(item, u.attribute);
      }
    } else {  // ADD
      if (!current) {
        PutAttribute(item, u.attribute, u.value);
      } else if (current->type != u.value.type) {
        return mismatch;
      } else if (u.value.type == ValueType::N) {
        Decimal x, y, r;
        ParseDecimal(current->scalar, &x);
        ParseDecimal(u.value.scalar, &y);
        DODB_RETURN_IF_ERROR(AddDecimal(x, y, false, &r));
        current->scalar = r.ToString();
      } else if (u.value.type == ValueType::L) {
        for (const AttributeValue& e : u.value.list) current->list.push_back(e);
      } else {
        for (const std::string& m : u.value.set)
          if (std::find(current->set.begin(), current->set.end(), m) == current->set.end()) current->set.push_back(m);
      }
    }
  }
  return Status::OK();
}

}  // namespace dodb

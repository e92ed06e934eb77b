#include "expr/projection.h"

#include <map>
#include <optional>

#include "expr/document_path.h"

namespace dodb {
namespace {

// The selected paths merged into a tree.
struct Node {
  bool whole = false;  // this value is selected entirely
  std::map<std::string, Node> members;
  std::map<uint32_t, Node> elements;
};

std::optional<AttributeValue> ProjectValue(const AttributeValue& v, const Node& n) {
  if (n.whole) return v;
  AttributeValue out;
  out.type = v.type;
  if (v.type == ValueType::M && !n.members.empty()) {
    for (const auto& [name, child] : n.members)
      if (const AttributeValue* m = FindAttribute(v.map, name))
        if (std::optional<AttributeValue> p = ProjectValue(*m, child)) out.map.push_back(Attribute{name, std::move(*p)});
    if (!out.map.empty()) return out;
  } else if (v.type == ValueType::L && !n.elements.empty()) {
    for (const auto& [index, child] : n.elements)
      if (index < v.list.size())
        if (std::optional<AttributeValue> p = ProjectValue(v.list[index], child)) out.list.push_back(std::move(*p));
    if (!out.list.empty()) return out;
  }
  return std::nullopt;
}

}  // namespace

AttributeMap Project(const AttributeMap& item, const std::vector<const Path*>& paths) {
  Node root;
  for (const Path* path : paths) {
    Node* n = &root;
    for (const PathElement& e : path->elements) n = e.is_index ? &n->elements[e.index] : &n->members[e.name];
    n->whole = true;
  }
  AttributeMap out;
  for (const auto& [name, child] : root.members)  // std::map order = sorted names, as AttributeMap needs
    if (const AttributeValue* v = FindAttribute(item, name))
      if (std::optional<AttributeValue> p = ProjectValue(*v, child)) out.push_back(Attribute{name, std::move(*p)});
  return out;
}

Status AttributesToGetPaths(const JsonValue& names, std::vector<Path>* paths) {
  for (const JsonValue& n : names.GetArray()) {
    for (const Path& p : *paths)
      if (p.elements[0].name == StringOf(n))
        return Status::Validation("One or more parameter values were invalid: Duplicate value in attribute name: " +
                                  std::string(StringOf(n)));
    Path p;
    p.elements.emplace_back();
    p.elements[0].name.assign(StringOf(n));
    paths->push_back(std::move(p));
  }
  return Status::OK();
}

}  // namespace dodb

#include "expr/document_path.h"

#include <algorithm>

namespace dodb {
namespace {

AttributeMap::iterator LowerBound(AttributeMap* map, std::string_view name) {
  return std::lower_bound(map->begin(), map->end(), name,
                          [](const Attribute& a, std::string_view n) { return a.name < n; });
}

// The container that holds the last step of path, or nullptr.
AttributeValue* ParentOf(AttributeMap* item, const Path& path, AttributeValue* root_holder) {
  // root_holder wraps the item as an M value so every step is uniform.
  AttributeValue* cur = root_holder;
  for (size_t i = 0; i + 1 < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (e.is_index) {
      if (cur->type != ValueType::L || e.index >= cur->list.size()) return nullptr;
      cur = &cur->list[e.index];
    } else {
      if (cur->type != ValueType::M) return nullptr;
      cur = FindMutableAttribute(&cur->map, e.name);
      if (!cur) return nullptr;
    }
  }
  return cur;
}

template <typename Fn>
PathWrite WithParent(AttributeMap* item, const Path& path, Fn fn) {
  AttributeValue root;
  root.type = ValueType::M;
  root.map = std::move(*item);
  AttributeValue* parent = ParentOf(&root.map, path, &root);
  PathWrite result = PathWrite::kInvalidPath;
  if (parent) {
    const PathElement& last = path.elements.back();
    if (last.is_index ? parent->type == ValueType::L : parent->type == ValueType::M) result = fn(parent, last);
  }
  *item = std::move(root.map);
  return result;
}

}  // namespace

AttributeValue* FindMutableAttribute(AttributeMap* map, std::string_view name) {
  auto it = LowerBound(map, name);
  return it != map->end() && it->name == name ? &it->value : nullptr;
}

void PutAttribute(AttributeMap* map, std::string name, AttributeValue value) {
  auto it = LowerBound(map, name);
  if (it != map->end() && it->name == name)
    it->value = std::move(value);
  else
    map->insert(it, Attribute{std::move(name), std::move(value)});
}

bool EraseAttribute(AttributeMap* map, std::string_view name) {
  auto it = LowerBound(map, name);
  if (it == map->end() || it->name != name) return false;
  map->erase(it);
  return true;
}

const AttributeValue* FindPath(const AttributeMap& item, const Path& path) {
  const AttributeValue* cur = nullptr;
  for (size_t i = 0; i < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (i == 0) {
      if (e.is_index) return nullptr;
      cur = FindAttribute(item, e.name);
    } else if (e.is_index) {
      cur = cur->type == ValueType::L && e.index < cur->list.size() ? &cur->list[e.index] : nullptr;
    } else {
      cur = cur->type == ValueType::M ? FindAttribute(cur->map, e.name) : nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

PathWrite SetPath(AttributeMap* item, const Path& path, AttributeValue value) {
  return WithParent(item, path, [&](AttributeValue* parent, const PathElement& last) {
    if (last.is_index) {
      if (last.index < parent->list.size())
        parent->list[last.index] = std::move(value);
      else
        parent->list.push_back(std::move(value));
    } else {
      PutAttribute(&parent->map, last.name, std::move(value));
    }
    return PathWrite::kOk;
  });
}

PathWrite RemovePath(AttributeMap* item, const Path& path) {
  return WithParent(item, path, [&](AttributeValue* parent, const PathElement& last) {
    if (last.is_index) {
      if (last.index < parent->list.size()) parent->list.erase(parent->list.begin() + last.index);
    } else {
      EraseAttribute(&parent->map, last.name);
    }
    return PathWrite::kOk;
  });
}

std::string PathDisplay(const Path& path) {
  std::string s = "[";
  for (size_t i = 0; i < path.elements.size(); ++i) {
    if (i) s += ", ";
    const PathElement& e = path.elements[i];
    s += e.is_index ? "[" + std::to_string(e.index) + "]" : e.name;
  }
  return s + "]";
}

}  // namespace dodb

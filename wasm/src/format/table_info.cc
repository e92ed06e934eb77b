#include "format/table_info.h"

#include <algorithm>
#include <cstdlib>

#include "util/cold.h"

namespace dodb {
namespace {

// The ARN region and account a local table shows, as DynamoDB Local does.
constexpr std::string_view kArnPrefix = "arn:aws:dynamodb:ddblocal:000000000000:table/";
constexpr std::string_view kIndexStatusNames[] = {"CREATING", "ACTIVE", "DELETING"};
constexpr std::string_view kProjectionTypeNames[] = {"ALL", "KEYS_ONLY", "INCLUDE"};

template <typename Enum, size_t N>
std::optional<Enum> ParseName(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace

std::string_view IndexStatusName(IndexStatus status) { return kIndexStatusNames[static_cast<int>(status)]; }
std::optional<IndexStatus> ParseIndexStatus(std::string_view name) {
  return ParseName<IndexStatus>(kIndexStatusNames, name);
}
std::string_view ProjectionTypeName(ProjectionType type) { return kProjectionTypeNames[static_cast<int>(type)]; }
std::optional<ProjectionType> ParseProjectionType(std::string_view name) {
  return ParseName<ProjectionType>(kProjectionTypeNames, name);
}

const IndexInfo* TableInfo::FindIndex(std::string_view index_name) const {
  for (const IndexInfo& i : indexes)
    if (i.name == index_name) return &i;
  return nullptr;
}

const KeyAttribute* TableInfo::FindDefinition(std::string_view attribute) const {
  for (const KeyAttribute& a : attribute_definitions)
    if (a.name == attribute) return &a;
  return nullptr;
}

bool TableInfo::IndexChangePending() const {
  for (const IndexInfo& i : indexes)
    if (i.status != IndexStatus::kActive) return true;
  return false;
}

int64_t TableInfo::ShardCount() const {
  for (const auto& [key, value] : tags)
    if (key == kShardsTag) return std::max<int64_t>(1, std::strtoll(value.c_str(), nullptr, 10));
  return 1;
}

bool TableInfo::ItemsElsewhere() const {
  return ShardCount() > 1 || !ranges.empty() || split.phase != SplitPhase::kNone;
}

int64_t TableInfo::ObjectCount() const {
  const int64_t n = ranges.empty() ? ShardCount() : static_cast<int64_t>(ranges.size());
  return split.phase != SplitPhase::kNone ? std::max<int64_t>(n, 2) : n;
}

std::vector<ShardRange> TableInfo::ShardRanges() const {
  if (!ranges.empty()) return ranges;
  const uint64_t n = static_cast<uint64_t>(ShardCount());
  std::vector<ShardRange> out;
  for (uint64_t i = 0; i < n; ++i) {
    // Shard i holds the buckets b with floor(b * n / kBuckets) == i (js/shard/shard-map.ts).
    auto first = [n](uint64_t s) { return static_cast<uint32_t>((s * kBuckets + n - 1) / n); };
    out.push_back(ShardRange{BucketRange{first(i), first(i + 1)}, n == 1 ? "" : "/" + table_id + "/" + std::to_string(i)});
  }
  return out;
}

std::string TableArn(std::string_view table) { return std::string(kArnPrefix).append(table); }

DODB_COLD void WriteAttributeDefinition(JsonWriter& w, const KeyAttribute& k) {
  w.StartObject();
  WriteKey(w, "AttributeName");
  WriteString(w, k.name);
  WriteKey(w, "AttributeType");
  WriteString(w, TypeName(k.type));
  w.EndObject();
}

}  // namespace dodb

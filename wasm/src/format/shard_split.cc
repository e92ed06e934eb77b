#include "format/shard_split.h"

#include "util/base64.h"

namespace dodb {
namespace {

constexpr std::string_view kPhaseNames[] = {"NONE", "COPY", "DIRTY", "FENCED", "DROP"};

uint32_t UintMember(const JsonValue& v, const char* name) {
  const JsonValue* m = Member(v, name);
  return m && m->IsUint() ? m->GetUint() : 0;
}

std::string StringMember(const JsonValue& v, const char* name) {
  const JsonValue* m = Member(v, name);
  return m && m->IsString() ? std::string(StringOf(*m)) : std::string();
}

}  // namespace

std::string_view SplitPhaseName(SplitPhase phase) { return kPhaseNames[static_cast<int>(phase)]; }

SplitPhase ParseSplitPhase(std::string_view name) {
  for (int i = 0; i < 5; ++i)
    if (kPhaseNames[i] == name) return static_cast<SplitPhase>(i);
  return SplitPhase::kNone;
}

bool SplitState::Serves(uint32_t bucket) const {
  if (owned.empty()) return true;
  for (const BucketRange& r : owned)
    if (r.Contains(bucket)) return !(phase == SplitPhase::kDrop && moving.Contains(bucket));
  return false;
}

void WriteBucketRanges(JsonWriter& w, const std::vector<BucketRange>& ranges) {
  w.StartArray();
  for (const BucketRange& r : ranges) {
    w.StartArray();
    w.Uint(r.lo);
    w.Uint(r.hi);
    w.EndArray();
  }
  w.EndArray();
}

bool ReadBucketRanges(const JsonValue& v, std::vector<BucketRange>* ranges) {
  if (!v.IsArray()) return false;
  ranges->clear();
  for (const JsonValue& r : v.GetArray()) {
    if (!r.IsArray() || r.Size() != 2 || !r[0].IsUint() || !r[1].IsUint()) return false;
    BucketRange b{r[0].GetUint(), r[1].GetUint()};
    if (b.lo > b.hi || b.hi > kBuckets) return false;  // empty: an object that moved its range away
    ranges->push_back(b);
  }
  return true;
}

void WriteSplitState(JsonWriter& w, const SplitState& s) {
  w.StartObject();
  WriteKey(w, "Owned");
  WriteBucketRanges(w, s.owned);
  WriteKey(w, "Phase");
  WriteString(w, SplitPhaseName(s.phase));
  WriteKey(w, "MovingLo");
  w.Uint(s.moving.lo);
  WriteKey(w, "MovingHi");
  w.Uint(s.moving.hi);
  WriteKey(w, "Child");
  WriteString(w, s.child);
  WriteKey(w, "Self");
  WriteString(w, s.self);
  WriteKey(w, "Cursor");
  WriteString(w, Base64Encode(s.cursor));
  w.EndObject();
}

void ReadSplitState(const JsonValue& v, SplitState* s) {
  *s = SplitState{};
  if (!v.IsObject()) return;
  if (const JsonValue* owned = Member(v, "Owned")) ReadBucketRanges(*owned, &s->owned);
  s->phase = ParseSplitPhase(StringMember(v, "Phase"));
  s->moving = BucketRange{UintMember(v, "MovingLo"), UintMember(v, "MovingHi")};
  s->child = StringMember(v, "Child");
  s->self = StringMember(v, "Self");
  Base64Decode(StringMember(v, "Cursor"), &s->cursor);
}

void WriteShardRanges(JsonWriter& w, const std::vector<ShardRange>& ranges) {
  w.StartArray();
  for (const ShardRange& r : ranges) {
    w.StartObject();
    WriteKey(w, "Lo");
    w.Uint(r.buckets.lo);
    WriteKey(w, "Hi");
    w.Uint(r.buckets.hi);
    WriteKey(w, "Object");
    WriteString(w, r.object);
    w.EndObject();
  }
  w.EndArray();
}

void ReadShardRanges(const JsonValue& v, std::vector<ShardRange>* ranges) {
  ranges->clear();
  if (!v.IsArray()) return;
  for (const JsonValue& r : v.GetArray())
    ranges->push_back(ShardRange{BucketRange{UintMember(r, "Lo"), UintMember(r, "Hi")}, StringMember(r, "Object")});
}

}  // namespace dodb

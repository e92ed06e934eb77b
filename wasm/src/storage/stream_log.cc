#include "storage/stream_log.h"

#include <algorithm>
#include <cmath>

#include "format/item_codec.h"
#include "format/keyspace.h"

namespace dodb {
namespace {

const std::string& SequenceKey() {
  static const std::string key = MetaKey("stream_seq");
  return key;
}

uint64_t ParseU64(std::string_view text) {
  uint64_t v = 0;
  for (char c : text) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

std::string StreamKey(uint32_t id) { return PrefixWithId(kStreamPrefix, id); }

std::string Hex(uint64_t v, int digits) {
  std::string out(digits, '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[i] = "0123456789abcdef"[v & 15];
  return out;
}

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::string EncodeStream(const StreamInfo& s) {
  JsonWriter w;
  w.StartObject();
  WriteKey(w, "Id"); w.Uint(s.id);
  WriteKey(w, "Table"); WriteString(w, s.table);
  WriteKey(w, "Label"); WriteString(w, s.label);
  WriteKey(w, "ViewType"); WriteString(w, s.view_type);
  WriteKey(w, "HashKey"); WriteString(w, s.hash_key);
  WriteKey(w, "RangeKey"); WriteString(w, s.range_key);
  WriteKey(w, "Created"); w.Double(s.created_ms);
  WriteKey(w, "Enabled"); w.Bool(s.enabled);
  WriteKey(w, "Disabled"); w.Double(s.disabled_ms);
  WriteKey(w, "StartSeq"); w.Uint64(s.start_seq);
  WriteKey(w, "EndSeq"); w.Uint64(s.end_seq);
  WriteKey(w, "Trimmed"); w.Uint64(s.trimmed_through);
  w.EndObject();
  return w.Take();
}

bool DecodeStream(std::string_view json, StreamInfo* s) {
  JsonDocument d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) return false;
  s->id = d["Id"].GetUint();
  s->table.assign(StringOf(d["Table"]));
  s->label.assign(StringOf(d["Label"]));
  s->view_type.assign(StringOf(d["ViewType"]));
  s->hash_key.assign(StringOf(d["HashKey"]));
  s->range_key.assign(StringOf(d["RangeKey"]));
  s->created_ms = d["Created"].GetDouble();
  s->enabled = d["Enabled"].GetBool();
  s->disabled_ms = d["Disabled"].GetDouble();
  s->start_seq = d["StartSeq"].GetUint64();
  s->end_seq = d["EndSeq"].GetUint64();
  s->trimmed_through = d["Trimmed"].GetUint64();
  return true;
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

// Appends v (>= 0) in decimal, zero-padded to width digits, then sep (if not 0).
void Append(std::string* out, uint64_t v, int width, char sep = 0) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n < width) buf[n++] = '0';
  while (n > 0) out->push_back(buf[--n]);
  if (sep) out->push_back(sep);
}

std::string Pad(uint64_t v, int width) {
  std::string out;
  Append(&out, v, width);
  return out;
}

// The record's ApproximateCreationDateTime in milliseconds (0 if it cannot be read).
double RecordTimeMs(std::string_view json) {
  JsonDocument d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsObject()) return 0;
  const JsonValue* ddb = Member(d, "dynamodb");
  const JsonValue* t = ddb ? Member(*ddb, "ApproximateCreationDateTime") : nullptr;
  return t && t->IsNumber() ? t->GetDouble() * 1000 : 0;
}

void WriteKeys(JsonWriter& w, const StreamInfo& s, const AttributeMap& item, AttributeMap* keys) {
  for (const Attribute& a : item)
    if (a.name == s.hash_key || (!s.range_key.empty() && a.name == s.range_key)) keys->push_back(a);
  WriteAttributeMap(w, *keys);
}

}  // namespace

std::string StreamInfo::Arn() const { return TableArn(table) + "/stream/" + label; }

std::string StreamInfo::ShardId() const {
  std::string out = "shardId-";
  Append(&out, static_cast<uint64_t>(created_ms), 20, '-');
  return out + Hex(Mix(id ^ static_cast<uint64_t>(created_ms)), 8);
}

std::string StreamRecordPrefix(uint32_t stream_id) { return PrefixWithId(kStreamRecordPrefix, stream_id); }

std::string StreamRecordKey(uint32_t stream_id, uint64_t seq) {
  std::string k = StreamRecordPrefix(stream_id);
  for (int shift = 56; shift >= 0; shift -= 8) k.push_back(static_cast<char>((seq >> shift) & 0xFF));
  return k;
}

std::string FormatSequenceNumber(uint64_t seq) { return Pad(seq, 21); }

bool ParseSequenceNumber(std::string_view text, uint64_t* seq) {
  if (text.empty()) return false;
  size_t i = 0;
  while (i + 1 < text.size() && text[i] == '0') ++i;
  if (text.size() - i > 19) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  *seq = ParseU64(text.substr(i));
  return true;
}

uint64_t LastSequenceNumber(Store& store) {
  std::string text;
  return store.Get(SequenceKey(), &text) ? ParseU64(text) : 0;
}

bool LoadStream(Store& store, uint32_t id, StreamInfo* stream) {
  std::string json;
  return store.Get(StreamKey(id), &json) && DecodeStream(json, stream);
}

void SaveStream(Store& store, const StreamInfo& stream) { store.Put(StreamKey(stream.id), EncodeStream(stream)); }

std::vector<StreamInfo> ListStreamInfos(Store& store) {
  std::vector<StreamInfo> out;
  std::string start(1, kStreamPrefix);
  const std::string end(1, static_cast<char>(kStreamPrefix + 1));
  for (;;) {
    std::vector<KeyValue> batch = store.Scan(start, end, false, 128);
    for (const KeyValue& kv : batch) {
      StreamInfo s;
      if (DecodeStream(kv.value, &s)) out.push_back(std::move(s));
    }
    if (batch.size() < 128) break;
    start = batch.back().key + '\0';
  }
  return out;
}

bool IsStreamArnShape(std::string_view arn) {
  // arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
  int colons = 0;
  size_t pos = 0;
  for (; pos < arn.size() && colons < 5; ++pos) colons += arn[pos] == ':';
  if (colons < 5 || arn.substr(0, 17) != "arn:aws:dynamodb:") return false;
  std::string_view rest = arn.substr(pos);
  if (rest.substr(0, 6) != "table/") return false;
  size_t slash = rest.find("/stream/", 6);
  return slash != std::string_view::npos && slash > 6 && slash + 8 < rest.size();
}

bool FindStreamByArn(Store& store, std::string_view arn, StreamInfo* stream) {
  if (!IsStreamArnShape(arn)) return false;
  for (StreamInfo& s : ListStreamInfos(store))
    if (s.Arn() == arn) {
      *stream = std::move(s);
      return true;
    }
  return false;
}

void EnableStream(Store& store, Catalog& catalog, TableInfo* table, std::string_view view_type) {
  StreamInfo s;
  s.id = catalog.AllocateId();
  s.table = table->name;
  s.created_ms = std::floor(store.NowMs());
  s.label = IsoLabel(s.created_ms);
  // Labels name streams in ARNs: a table's next stream never reuses its last label.
  while (!table->stream_label.empty() && s.label <= table->stream_label) {
    s.created_ms += 1;
    s.label = IsoLabel(s.created_ms);
  }
  s.view_type.assign(view_type);
  s.hash_key = table->hash_key.name;
  if (table->range_key) s.range_key = table->range_key->name;
  s.start_seq = LastSequenceNumber(store) + 1;
  SaveStream(store, s);
  table->stream_enabled = true;
  table->stream_view_type = s.view_type;
  table->stream_id = s.id;
  table->stream_label = s.label;
}

void DisableStream(Store& store, TableInfo* table) {
  if (!table->stream_enabled) return;
  StreamInfo s;
  if (LoadStream(store, table->stream_id, &s)) {
    s.enabled = false;
    s.disabled_ms = store.NowMs();
    s.end_seq = LastSequenceNumber(store);
    SaveStream(store, s);
  }
  table->stream_enabled = false;
}

void AppendStreamRecord(Store& store, const TableInfo& table, const AttributeMap* old_item, const AttributeMap* new_item,
                        ChangeCause cause) {
  if (!table.stream_enabled || (!old_item && !new_item) || cause == ChangeCause::kSplit) return;
  if (old_item && new_item && EncodeItem(*old_item) == EncodeItem(*new_item)) return;  // changes nothing
  StreamInfo s;
  s.id = table.stream_id;
  s.table = table.name;
  s.hash_key = table.hash_key.name;
  if (table.range_key) s.range_key = table.range_key->name;
  const std::string& view = table.stream_view_type;
  bool with_new = new_item && (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES");
  bool with_old = old_item && (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES");

  uint64_t seq = LastSequenceNumber(store) + 1;
  store.Put(SequenceKey(), std::to_string(seq));
  double now = store.NowMs();

  JsonWriter w;
  w.StartObject();
  WriteKey(w, "eventID");
  WriteString(w, Hex(Mix(seq * 0x9E3779B97F4A7C15ull ^ s.id), 16) + Hex(Mix(seq + (uint64_t{s.id} << 32)), 16));
  WriteKey(w, "eventName");
  w.String(!old_item ? "INSERT" : !new_item ? "REMOVE" : "MODIFY");
  WriteKey(w, "eventVersion"); w.String("1.1");
  WriteKey(w, "eventSource"); w.String("aws:dynamodb");
  WriteKey(w, "awsRegion"); w.String("ddblocal");
  WriteKey(w, "dynamodb");
  w.StartObject();
  WriteKey(w, "ApproximateCreationDateTime"); w.Int64(static_cast<int64_t>(std::floor(now / 1000)));
  WriteKey(w, "Keys");
  AttributeMap keys;
  WriteKeys(w, s, new_item ? *new_item : *old_item, &keys);
  size_t size = ItemSize(keys);
  if (with_new) {
    WriteKey(w, "NewImage");
    WriteAttributeMap(w, *new_item);
    size += ItemSize(*new_item);
  }
  if (with_old) {
    WriteKey(w, "OldImage");
    WriteAttributeMap(w, *old_item);
    size += ItemSize(*old_item);
  }
  WriteKey(w, "SequenceNumber"); WriteString(w, FormatSequenceNumber(seq));
  WriteKey(w, "SizeBytes"); w.Uint64(size);
  WriteKey(w, "StreamViewType"); WriteString(w, view);
  w.EndObject();
  if (cause == ChangeCause::kTimeToLive) {
    // Member names as in the AWS model (Identity: PrincipalId, Type), which the SDKs read; Lambda
    // shows the same object to functions as {"principalId", "type"}.
    WriteKey(w, "userIdentity");
    w.StartObject();
    WriteKey(w, "PrincipalId"); w.String("dynamodb.amazonaws.com");
    WriteKey(w, "Type"); w.String("Service");
    w.EndObject();
  }
  w.EndObject();
  store.Put(StreamRecordKey(s.id, seq), w.view());
}

bool TrimStreams(Store& store, int* budget, double* next_ms) {
  *next_ms = 0;
  double now = store.NowMs();
  bool more = false;
  auto due = [&](double t) {
    if (*next_ms == 0 || t < *next_ms) *next_ms = t;
  };
  for (StreamInfo& s : ListStreamInfos(store)) {
    if (*budget <= 0) return true;
    const std::string prefix = StreamRecordPrefix(s.id);
    const std::string end = PrefixEnd(prefix);
    bool drop = !s.enabled && s.disabled_ms + kStreamRetentionMs <= now;
    bool changed = false;
    std::vector<KeyValue> batch = store.Scan(prefix, end, false, *budget);
    size_t i = 0;
    for (; i < batch.size(); ++i) {
      double t = RecordTimeMs(batch[i].value);
      if (!drop && t + kStreamRetentionMs > now) {
        due(t + kStreamRetentionMs);
        break;
      }
      store.Delete(batch[i].key);
      uint64_t seq = 0;
      for (size_t b = prefix.size(); b < batch[i].key.size(); ++b) seq = (seq << 8) | static_cast<uint8_t>(batch[i].key[b]);
      s.trimmed_through = std::max(s.trimmed_through, seq);
      changed = true;
    }
    *budget -= static_cast<int>(i);
    if (i == batch.size() && *budget <= 0) {
      more = true;  // the batch was all trimmed and the budget is spent: there may be more
    } else if (drop) {
      store.Delete(StreamKey(s.id));
      continue;
    }
    if (changed) SaveStream(store, s);
    if (!s.enabled) due(s.disabled_ms + kStreamRetentionMs);
  }
  return more;
}

namespace {
uint64_t Fnv64(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 0x100000001B3ull;
  return Mix(h);
}
}  // namespace

std::string EncodeShardIterator(const ShardIterator& it) {
  std::string text = it.stream_arn + "|" + it.shard_id + "|" + std::to_string(it.position) + "|" +
                     std::to_string(static_cast<int64_t>(it.issued_ms));
  return text + "|" + Hex(Fnv64(text), 16);
}

bool DecodeShardIterator(std::string_view text, ShardIterator* it) {
  size_t check = text.rfind('|');
  if (check == std::string_view::npos || text.substr(check + 1) != Hex(Fnv64(text.substr(0, check)), 16)) return false;
  std::string_view body = text.substr(0, check);
  size_t p3 = body.rfind('|');
  size_t p2 = p3 == std::string_view::npos ? p3 : body.rfind('|', p3 - 1);
  size_t p1 = p2 == std::string_view::npos || p2 == 0 ? std::string_view::npos : body.rfind('|', p2 - 1);
  if (p1 == std::string_view::npos) return false;
  it->stream_arn.assign(body.substr(0, p1));
  it->shard_id.assign(body.substr(p1 + 1, p2 - p1 - 1));
  it->position = ParseU64(body.substr(p2 + 1, p3 - p2 - 1));
  it->issued_ms = static_cast<double>(ParseU64(body.substr(p3 + 1)));
  return true;
}

std::string IsoLabel(double epoch_ms) {
  int64_t ms = static_cast<int64_t>(epoch_ms);
  int64_t days = ms / 86400000, rem = ms % 86400000;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  std::string out;
  Append(&out, y, 4, '-');
  Append(&out, m, 2, '-');
  Append(&out, d, 2, 'T');
  Append(&out, rem / 3600000, 2, ':');
  Append(&out, rem / 60000 % 60, 2, ':');
  Append(&out, rem / 1000 % 60, 2, '.');
  Append(&out, rem % 1000, 3);
  return out;
}

std::string JavaDateText(double epoch_ms) {
  static const char kDays[] = "ThuFriSatSunMonTueWed";
  static const char kMonths[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  int64_t ms = static_cast<int64_t>(epoch_ms);
  int64_t days = ms / 86400000, rem = ms % 86400000;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  std::string out(kDays + days % 7 * 3, 3);
  out.push_back(' ');
  out.append(kMonths + (m - 1) * 3, 3);
  out.push_back(' ');
  Append(&out, d, 2, ' ');
  Append(&out, rem / 3600000, 2, ':');
  Append(&out, rem / 60000 % 60, 2, ':');
  Append(&out, rem / 1000 % 60, 2);
  out.append(" UTC ");
  Append(&out, y, 1);
  return out;
}

}  // namespace dodb

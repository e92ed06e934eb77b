#include "storage/item_locks.h"

#include <cstdlib>
#include <vector>

#include "format/keyspace.h"

namespace dodb {
namespace {

struct Line {
  char kind = 'W';  // 'W' or 'R'
  std::string txn;
  double expires_ms = 0;
  bool intact = true;
};

std::string LockKey(std::string_view item_key) { return std::string(1, kItemLockPrefix).append(item_key); }

std::vector<Line> Parse(std::string_view text) {
  std::vector<Line> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view row = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    Line l;
    size_t a = row.find(' '), b = row.find(' ', a + 1);
    if (row.size() < 3 || a != 1 || b == std::string_view::npos) continue;
    l.kind = row[0];
    l.txn = std::string(row.substr(2, b - 2));
    size_t c = row.find(' ', b + 1);
    l.expires_ms = std::strtod(std::string(row.substr(b + 1, c - b - 1)).c_str(), nullptr);
    l.intact = c == std::string_view::npos || row.substr(c + 1) != "0";
    lines.push_back(std::move(l));
  }
  return lines;
}

std::string Format(const std::vector<Line>& lines) {
  std::string text;
  for (const Line& l : lines) {
    text += l.kind;
    text += ' ';
    text += l.txn;
    text += ' ';
    text += std::to_string(static_cast<uint64_t>(l.expires_ms));
    if (l.kind == 'R') text += l.intact ? " 1" : " 0";
    text += '\n';
  }
  return text;
}

}  // namespace

bool ItemLocks::MayHoldAny() {
  if (known_ == Known::kUnknown) {
    std::string start(1, kItemLockPrefix);
    known_ = store_.Scan(start, PrefixEnd(start), false, 1).empty() ? Known::kNone : Known::kSome;
  }
  return known_ == Known::kSome;
}

std::optional<std::string> ItemLocks::Load(std::string_view item_key) {
  if (!MayHoldAny()) return std::nullopt;
  std::string value;
  if (!store_.Get(LockKey(item_key), &value)) return std::nullopt;
  return value;
}

void ItemLocks::Save(std::string_view item_key, const std::string& lines) {
  if (lines.empty()) {
    store_.Delete(LockKey(item_key));
    known_ = Known::kUnknown;
  } else {
    store_.Put(LockKey(item_key), lines);
    known_ = Known::kSome;
  }
}

std::optional<LockHolder> ItemLocks::BeforeWrite(std::string_view item_key, std::string_view own) {
  std::optional<std::string> text = Load(item_key);
  if (!text) return std::nullopt;
  std::vector<Line> lines = Parse(*text);
  for (const Line& l : lines)
    if (l.kind == 'W' && l.txn != own) return LockHolder{l.txn, l.expires_ms};
  // Break the readers; drop the ones whose reads ended without releasing (expired).
  double now = store_.NowMs();
  std::vector<Line> kept;
  for (Line& l : lines) {
    if (l.kind == 'R' && l.expires_ms <= now) continue;
    if (l.kind == 'R') l.intact = false;
    kept.push_back(std::move(l));
  }
  std::string updated = Format(kept);
  if (updated != *text) Save(item_key, updated);
  return std::nullopt;
}

std::optional<LockHolder> ItemLocks::Writer(std::string_view item_key) {
  std::optional<std::string> text = Load(item_key);
  if (!text) return std::nullopt;
  for (const Line& l : Parse(*text))
    if (l.kind == 'W') return LockHolder{l.txn, l.expires_ms};
  return std::nullopt;
}

void ItemLocks::LockForWrite(std::string_view item_key, std::string_view txn, double expires_ms) {
  std::vector<Line> lines = Parse(Load(item_key).value_or(""));
  lines.push_back(Line{'W', std::string(txn), expires_ms, true});
  Save(item_key, Format(lines));
}

void ItemLocks::LockForRead(std::string_view item_key, std::string_view txn, double expires_ms) {
  std::vector<Line> lines = Parse(Load(item_key).value_or(""));
  double now = store_.NowMs();
  std::vector<Line> kept;
  for (Line& l : lines)
    if (!(l.kind == 'R' && l.expires_ms <= now)) kept.push_back(std::move(l));
  kept.push_back(Line{'R', std::string(txn), expires_ms, true});
  Save(item_key, Format(kept));
}

void ItemLocks::ReleaseWrite(std::string_view item_key, std::string_view txn) {
  std::optional<std::string> text = Load(item_key);
  if (!text) return;
  std::vector<Line> kept;
  for (Line& l : Parse(*text))
    if (!(l.kind == 'W' && l.txn == txn)) kept.push_back(std::move(l));
  Save(item_key, Format(kept));
}

bool ItemLocks::ReleaseRead(std::string_view item_key, std::string_view txn) {
  std::optional<std::string> text = Load(item_key);
  if (!text) return false;
  bool intact = false;
  std::vector<Line> kept;
  for (Line& l : Parse(*text)) {
    if (l.kind == 'R' && l.txn == txn) {
      intact = l.intact;
      continue;
    }
    kept.push_back(std::move(l));
  }
  Save(item_key, Format(kept));
  return intact;
}

bool IsItemLocked(Store& store, std::string_view item_key) {
  std::string value;
  return store.Get(LockKey(item_key), &value);
}

}  // namespace dodb

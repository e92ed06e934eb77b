/**
 * One page out of several objects' pages of one key order (docs/SCALING.md): a Query on a GSI
 * (every shard holds part of each index partition) and a Scan of a range that split (its objects
 * together hold one key order). Each object ran the same read (ExclusiveStartKey, Limit, what is
 * left of the 1 MB) and reported every entry it read, in order ("@Positions": position, key, size,
 * filter result; positions are hex of the stored keys after their table or index prefix, whose
 * byte order is the read's order). The merge takes entries in that order and cuts the page as one
 * object would: at Limit entries read, at the page's bytes, and never past the last entry of an
 * object that stopped early, as nothing is known beyond it.
 */
import { mergeConsumedCapacity } from "./merge.js";

interface Entry {
  P: string;
  K: unknown;
  S: number;
  M: boolean;
  from: number;
}

/** An object's answer to a read with "@Positions". */
export interface PositionedPage {
  Items?: unknown[];
  LastEvaluatedKey?: unknown;
  ConsumedCapacity?: unknown;
  "@Scanned": Omit<Entry, "from">[];
}

export interface MergedPage {
  items: unknown[];
  /** Entries that matched the filter, and all entries read. */
  count: number;
  scanned: number;
  bytes: number;
  /** Set when the page is cut (full, or an object stopped early): the last entry's key. */
  lastKey?: unknown;
  capacity: unknown;
}

export function mergePages(pages: PositionedPage[], forward: boolean, limit: number, pageBytes: number): MergedPage {
  const before = (a: string, b: string) => (forward ? a < b : a > b);
  const entries: Entry[] = pages.flatMap((p, from) => p["@Scanned"].map((e) => ({ ...e, from })));
  entries.sort((a, b) => (a.P === b.P ? 0 : before(a.P, b.P) ? -1 : 1));
  // The earliest last entry of the objects that stopped early: nothing beyond it is known.
  let boundary: string | undefined;
  for (const p of pages) {
    const last = p["@Scanned"].at(-1);
    if (p.LastEvaluatedKey !== undefined && last && (boundary === undefined || before(last.P, boundary))) boundary = last.P;
  }
  const taken: Entry[] = [];
  let bytes = 0;
  let full = false;
  for (const e of entries) {
    if (boundary !== undefined && before(boundary, e.P)) break;
    taken.push(e);
    bytes += e.S;
    if (taken.length >= limit || bytes >= pageBytes) {
      full = true;
      break;
    }
  }
  const next = pages.map(() => 0);
  const items: unknown[] = [];
  for (const e of taken) {
    if (!e.M) continue;
    const item = pages[e.from]!.Items?.[next[e.from]!++];
    if (item !== undefined) items.push(item);
  }
  let capacity: unknown;
  for (const p of pages) capacity = mergeConsumedCapacity(capacity, p.ConsumedCapacity);
  // One object ends a page with a LastEvaluatedKey when it is full; so does an object that stopped early.
  const cut = (full || boundary !== undefined) && taken.length > 0;
  return { items, count: taken.filter((e) => e.M).length, scanned: taken.length, bytes, lastKey: cut ? taken.at(-1)!.K : undefined, capacity };
}

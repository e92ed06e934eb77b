/**
 * Merging the answers of several shards into one response (docs/SCALING.md): ConsumedCapacity
 * (one object, or a list by table for batches) and ItemCollectionMetrics add up per table and
 * index, as one object would have reported the same work.
 */

interface Capacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: Record<string, number>;
  GlobalSecondaryIndexes?: Record<string, Record<string, number>>;
  LocalSecondaryIndexes?: Record<string, Record<string, number>>;
}

function addUnits(a: Record<string, number> | undefined, b: Record<string, number> | undefined) {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function addIndexes(a: Capacity["GlobalSecondaryIndexes"], b: Capacity["GlobalSecondaryIndexes"]) {
  if (!a) return b;
  if (!b) return a;
  const out = { ...a };
  for (const [name, units] of Object.entries(b)) out[name] = addUnits(out[name], units)!;
  return out;
}

function addCapacity(a: Capacity, b: Capacity): Capacity {
  const out: Capacity = { ...a };
  for (const key of ["CapacityUnits", "ReadCapacityUnits", "WriteCapacityUnits"] as const)
    if (a[key] !== undefined || b[key] !== undefined) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  if (a.Table || b.Table) out.Table = addUnits(a.Table, b.Table);
  if (a.GlobalSecondaryIndexes || b.GlobalSecondaryIndexes)
    out.GlobalSecondaryIndexes = addIndexes(a.GlobalSecondaryIndexes, b.GlobalSecondaryIndexes);
  if (a.LocalSecondaryIndexes || b.LocalSecondaryIndexes)
    out.LocalSecondaryIndexes = addIndexes(a.LocalSecondaryIndexes, b.LocalSecondaryIndexes);
  return out;
}

/** Two ConsumedCapacity members (an object each, or lists by table), added; undefined stays absent. */
export function mergeConsumedCapacity(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (Array.isArray(a) || Array.isArray(b)) {
    const byTable = new Map<string, Capacity>();
    for (const c of [...(Array.isArray(a) ? a : [a]), ...(Array.isArray(b) ? b : [b])] as Capacity[]) {
      const name = c.TableName ?? "";
      const seen = byTable.get(name);
      byTable.set(name, seen ? addCapacity(seen, c) : c);
    }
    return [...byTable.values()];
  }
  return addCapacity(a as Capacity, b as Capacity);
}

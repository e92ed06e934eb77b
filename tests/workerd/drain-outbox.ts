/**
 * Test support for GSIs partitioned by their own key (docs/SCALING.md): their reads are eventually
 * consistent, as DynamoDB's; suites written for one object (conformance through http-4-shards, the
 * ORMs' scenarios over 4 shards) read a GSI right after a write, so their Worker delivers the
 * table's index outboxes (every shard's deliverIndexOutbox()) before each GSI read.
 */
import type { EngineResponse, OperationTarget } from "../../js/engine/types.js";

interface OutboxObject {
  routerHandle(op: string, body: string): Promise<EngineResponse> | EngineResponse;
  deliverIndexOutbox(): Promise<boolean>;
}
interface Namespace {
  idFromName(name: string): unknown;
  get(id: any): unknown;
}

const decoder = new TextDecoder();

/** Delivers every outbox of `table`'s shards in database `db`; true once all are empty. */
export async function drainIndexOutboxes(ns: Namespace, db: string, table: string): Promise<boolean> {
  const object = (name: string) => ns.get(ns.idFromName(name)) as OutboxObject;
  const r = await object(db).routerHandle("@ShardMap", JSON.stringify({ TableName: table }));
  if (r.status !== 200) return true;
  const map = JSON.parse(r.body) as { Ranges: { Object: string }[]; IndexShards?: number };
  if (!map.IndexShards) return true;
  // Every object of the map (splits add ranges; "" is the database's own object).
  const shards = map.Ranges.map((range) => object(db + range.Object));
  for (let attempt = 0; attempt < 100; attempt++) {
    const drained = await Promise.all(shards.map((shard) => shard.deliverIndexOutbox()));
    if (drained.every(Boolean)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** The table a Query or Scan of an index names, or null (any other request). */
export function indexReadTable(op: string, body: string | Uint8Array): string | null {
  if (op !== "Query" && op !== "Scan") return null;
  try {
    const r = JSON.parse(typeof body === "string" ? body : decoder.decode(body)) as { TableName?: unknown; IndexName?: unknown };
    return typeof r.IndexName === "string" && typeof r.TableName === "string" ? r.TableName : null;
  } catch {
    return null;
  }
}

/** target, with the index outboxes of a table delivered before each read of one of its GSIs. */
export function drainingTarget(target: OperationTarget, ns: Namespace, db: string): OperationTarget {
  return {
    async handle(op, body) {
      const table = indexReadTable(op, body);
      if (table) await drainIndexOutboxes(ns, db, table);
      return target.handle(op, body);
    },
  };
}

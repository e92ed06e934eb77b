/**
 * The benchmark Worker: inside one Durable Object, N PutItem then N GetItem through the engine
 * (DynamoDBEngine.handle with request JSON: one transactionSync each), through the real
 * DocumentClient on the in-process handler, and the same puts and gets done directly with
 * ctx.storage.sql.exec on a raw BLOB table (the limit; puts also with one transactionSync each, the
 * engine's per-request overhead). The whole loop runs in one call, so the
 * Node -> Miniflare hop is not measured. POST /run?n=N answers the timings as JSON.
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBDurableObject as Base } from "../js/do/durable-object.js";
import { createInProcessClient } from "../js/sdk/request-handler.js";

export interface BenchRow {
  name: string;
  kind: "put" | "get";
  /** The raw sql.exec rows: the limit each path is compared with. */
  limit: boolean;
  ops: number;
  ms: number;
}

interface Env {
  DYNAMODB: DurableObjectNamespace<DynamoDBDurableObject>;
}

const VALUE = "x".repeat(100);
const enc = new TextEncoder();

type Row = Omit<BenchRow, "ms">;

function time(rows: BenchRow[], row: Row, fn: () => void): void {
  const start = performance.now();
  fn();
  rows.push({ ...row, ms: performance.now() - start });
}

async function timeAsync(rows: BenchRow[], row: Row, fn: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await fn();
  rows.push({ ...row, ms: performance.now() - start });
}

export class DynamoDBDurableObject extends Base<Env> {
  async run(n: number, round: string): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const engine = this.engine;
    const table = `bench-${round}`;
    const docTable = `bench-doc-${round}`;
    for (const name of [table, docTable]) {
      const r = engine.handle("CreateTable", JSON.stringify({
        TableName: name,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }));
      if (r.status !== 200) throw new Error(r.body);
    }
    const check = (r: { status: number; body: string }) => {
      if (r.status !== 200) throw new Error(r.body);
    };

    time(rows, { name: "engine PutItem (JSON)", kind: "put", limit: false, ops: n }, () => {
      for (let i = 0; i < n; i++) {
        check(engine.handle("PutItem", JSON.stringify({ TableName: table, Item: { pk: { S: `key-${i}` }, v: { S: VALUE } } })));
      }
    });
    time(rows, { name: "engine GetItem (JSON)", kind: "get", limit: false, ops: n }, () => {
      for (let i = 0; i < n; i++) {
        check(engine.handle("GetItem", JSON.stringify({ TableName: table, Key: { pk: { S: `key-${i}` } } })));
      }
    });

    const doc = DynamoDBDocumentClient.from(createInProcessClient(engine));
    await timeAsync(rows, { name: "DocumentClient put (in-process SDK)", kind: "put", limit: false, ops: n }, async () => {
      for (let i = 0; i < n; i++) await doc.send(new PutCommand({ TableName: docTable, Item: { pk: `key-${i}`, v: VALUE } }));
    });
    await timeAsync(rows, { name: "DocumentClient get (in-process SDK)", kind: "get", limit: false, ops: n }, async () => {
      for (let i = 0; i < n; i++) await doc.send(new GetCommand({ TableName: docTable, Key: { pk: `key-${i}` } }));
    });

    const sql = this.ctx.storage.sql;
    const raw = `raw_${round.replace(/\W/g, "_")}`;
    sql.exec(`CREATE TABLE IF NOT EXISTS ${raw} (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID`);
    const item = enc.encode(JSON.stringify({ pk: { S: "key-0" }, v: { S: VALUE } }));
    time(rows, { name: "sql.exec INSERT (limit)", kind: "put", limit: true, ops: n }, () => {
      for (let i = 0; i < n; i++) sql.exec(`INSERT OR REPLACE INTO ${raw} (k, v) VALUES (?, ?)`, enc.encode(`key-${i}`), item);
    });
    time(rows, { name: "sql.exec INSERT, one transactionSync each", kind: "put", limit: false, ops: n }, () => {
      for (let i = 0; i < n; i++) {
        this.ctx.storage.transactionSync(() => sql.exec(`INSERT OR REPLACE INTO ${raw} (k, v) VALUES (?, ?)`, enc.encode(`key-${i}`), item));
      }
    });
    time(rows, { name: "sql.exec SELECT (limit)", kind: "get", limit: true, ops: n }, () => {
      for (let i = 0; i < n; i++) {
        const row = sql.exec(`SELECT v FROM ${raw} WHERE k = ?`, enc.encode(`key-${i}`)).raw().next();
        if (row.done) throw new Error("missing row");
      }
    });
    return rows;
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== "/run") return new Response("POST /run?n=N\n", { status: 404 });
    const n = Number(url.searchParams.get("n") ?? "1000");
    const round = url.searchParams.get("round") ?? "main";
    const stub = env.DYNAMODB.get(env.DYNAMODB.idFromName("bench"));
    try {
      return Response.json(await stub.run(n, round));
    } catch (e) {
      return new Response(String(e), { status: 500 });
    }
  },
} satisfies ExportedHandler<Env>;

/**
 * The Worker used by the Miniflare tests: the production routes plus test-only ones under /__test/
 * that run work inside a Durable Object and answer JSON. Its DynamoDBDurableObject extends the real
 * one with a fault-injecting host and methods to run the SDK scenario in process, run the KvHost
 * conformance suite on the SQL host, and digest the kv table; the rpc route calls the object's RPC
 * method handle(op, body) with the request's bytes; the sdk-rpc route runs the scenario in
 * the Worker itself against a DO stub over RPC.
 */
import { DynamoDBDurableObject as Base } from "../../js/do/durable-object.js";
import { DynamoDBEngine } from "../../js/do/dynamodb-engine.js";
import engineModule from "../../js/do/engine-module.js";
import { placementFromEnv, routeToDatabase, shardsFromEnv } from "../../js/worker/database-router.js";
import { DynamoDBClient as PlainDynamoDBClient } from "../../js/client/client.js";
import { CreateTableCommand, GetItemCommand, PutItemCommand } from "../../js/index.js";
import { DynamoDBClient as ShardedDynamoDBClient } from "../../js/do/sharded-client.js";
import { shardedDatabase } from "../../js/shard/sharded-databases.js";
import { ShardedDatabase } from "../../js/shard/sharded-database.js";
import type { ShardNamespace } from "../../js/shard/shard-context.js";
import { handleDynamoDBHttp } from "../../js/http/dynamodb-http.js";
import { KV_HOST_CASES } from "../../js/hosts/kv-host-conformance.js";
import { SqlHost } from "../../js/hosts/sql-host.js";
import { createInProcessClient } from "../../js/sdk/request-handler.js";
import { createInProcessStreamsClient } from "../../js/sdk/streams-client.js";
import { runStreamsScenario } from "../scenarios/streams-cases.js";
import { makeContext, runAllCases, type CaseResult } from "../scenarios/sdk-cases.js";
import { FaultyHost } from "./faulty-host.js";
import { setIndexOutboxFaults } from "../../js/do/index-outbox.js";
import { drainIndexOutboxes, indexReadTable } from "./drain-outbox.js";
import { SOAK_TABLES, newTally, runSoak, type SoakTally } from "../soak/workload.js";

interface Env {
  DYNAMODB: DurableObjectNamespace<DynamoDBDurableObject>;
  DYNAMODB_SHARDS?: string;
  DYNAMODB_JURISDICTION?: string;
  DYNAMODB_LOCATION_HINT?: string;
}

export class DynamoDBDurableObject extends Base<Env> {
  /** Faults in the host the engine calls (a failure midway through a request). */
  #faulty: FaultyHost | null = null;
  /** Faults in the storage the held-back writes are applied to (a failure while committing). */
  #storageFaulty: FaultyHost | null = null;
  /** What engine.subscribe delivered: [operation, eventName, SequenceNumber, by TTL?] per record. */
  #delivered: Array<[string, string, string, boolean]> = [];

  protected override createEngine(): DynamoDBEngine {
    const engine = new DynamoDBEngine(this.ctx.storage, engineModule, {
      host: (host) => (this.#faulty = new FaultyHost(host)),
      storage: (sql) => (this.#storageFaulty = new FaultyHost(sql)),
    });
    engine.subscribe((records, op) => {
      for (const r of records) this.#delivered.push([op, r.eventName, r.dynamodb.SequenceNumber, r.userIdentity !== undefined]);
    });
    return engine;
  }

  /** The stream records engine.subscribe delivered to this object so far. */
  deliveredRecords(): Array<[string, string, string, boolean]> {
    void this.engine;
    return this.#delivered;
  }

  /** The streams scenario with both real SDK clients, in process, on this object's engine. */
  async runStreamsSdk(table: string): Promise<string[]> {
    return runStreamsScenario(createInProcessClient(this.engine), createInProcessStreamsClient(this.engine), table);
  }

  /** The shared SDK scenario with the real SDK, in process, on this object's engine. */
  runSdkCases(prefix: string): Promise<CaseResult[]> {
    return runAllCases(makeContext(createInProcessClient(this.engine), prefix));
  }

  /** The KvHost conformance suite on SqlHost (empties this object's kv table before each case). */
  runKvConformance(): CaseResult[] {
    const sql = this.ctx.storage.sql;
    const host = new SqlHost(sql);
    return KV_HOST_CASES.map((c) => {
      sql.exec("DELETE FROM kv");
      try {
        c.run(host);
        return { name: c.name, ok: true };
      } catch (e) {
        return { name: c.name, ok: false, error: String(e) };
      }
    });
  }

  /** n PutItems of {pk: "<prefix><i>", g: "g<i mod groups>", i} into table, inside this object. */
  bulkPut(table: string, n: number, groups: number, prefix: string): { ok: number } {
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const item = { pk: { S: `${prefix}${i}` }, g: { S: `g${i % groups}` }, i: { N: String(i) } };
      const r = this.engine.handle("PutItem", JSON.stringify({ TableName: table, Item: item }));
      if (r.status === 200) ok++;
    }
    return { ok };
  }

  /** Requests [from, from + n) of the soak workload, in this object (creating its tables first if setup). */
  soak(from: number, n: number, setup: boolean): { tally: SoakTally; memoryBytes: number } {
    if (setup) for (const t of SOAK_TABLES) this.engine.handle(t.op, JSON.stringify(t.body));
    const tally = newTally();
    runSoak((op, body) => this.engine.handle(op, body), from, n, tally);
    return { tally, memoryBytes: this.engine.memoryBytes() };
  }

  /** Makes the next put of the next request fail after writing. */
  failNextPut(): void {
    void this.engine;
    this.#faulty!.armed = true;
  }

  /**
   * Makes the k-th write (put or delete) from now fail after writing: a write the engine makes
   * (layer "engine"), or one applied to storage when the request commits (layer "storage").
   */
  failWriteAt(k: number, layer = "engine"): void {
    void this.engine;
    this.#layer(layer).failWriteAt(k);
  }

  /** Cancels failWriteAt; answers the writes of that layer made since it was armed. */
  disarmWrites(layer = "engine"): { writes: number } {
    void this.engine;
    return { writes: this.#layer(layer).disarm() };
  }

  #layer(layer: string): FaultyHost {
    return (layer === "storage" ? this.#storageFaulty : this.#faulty)!;
  }

  /** Row count and SHA-256 over every (k, v) of the kv table, in key order. */
  async kvDigest(): Promise<{ count: number; sha256: string }> {
    void this.engine; // creates the table if needed
    const parts: Uint8Array[] = [];
    let count = 0;
    for (const [k, v] of this.ctx.storage.sql.exec("SELECT k, v FROM kv ORDER BY k").raw()) {
      for (const blob of [k, v]) {
        const bytes = new Uint8Array(blob as ArrayBuffer);
        parts.push(new Uint8Array(new Uint32Array([bytes.length]).buffer), bytes);
      }
      count++;
    }
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
    return { count, sha256: Array.from(hash, (x) => x.toString(16).padStart(2, "0")).join("") };
  }
}

/** env.DYNAMODB whose stubs throw on the router's calls of the ops in `fail` to objects named ...suffix. */
function faultyNamespace(namespace: DurableObjectNamespace<DynamoDBDurableObject>, fail: Set<string>, suffix: string): ShardNamespace {
  const names = new Map<string, string>();
  return {
    idFromName(name: string) {
      const id = namespace.idFromName(name);
      names.set(id.toString(), name);
      return id;
    },
    get(id: DurableObjectId) {
      const stub = namespace.get(id);
      const name = names.get(id.toString()) ?? "";
      return {
        handle: (op: string, body: string | Uint8Array) => stub.handle(op, body),
        served: () => stub.served(),
        routerHandle: (op: string, body: string) => {
          if (fail.has(op) && name.endsWith(suffix)) throw new Error(`injected: ${op} on ${name}`);
          return stub.routerHandle(op, body);
        },
      };
    },
  };
}

function json(value: unknown): Response {
  return Response.json(value);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const [, scope, action, db = "default"] = url.pathname.split("/");
    if (scope !== "__test") return routeToDatabase(request, env.DYNAMODB, { shards: shardsFromEnv(env), ...placementFromEnv(env) });
    const stub = env.DYNAMODB.get(env.DYNAMODB.idFromName(db));
    const prefix = url.searchParams.get("prefix") ?? "test";
    switch (action) {
      case "do-client": {
        // do-dynamodb/do's DynamoDBClient with the shard option, and what it refuses.
        const refused = (make: () => unknown) => {
          try {
            make();
            return "accepted";
          } catch (e) {
            return (e as Error).message;
          }
        };
        const client = new ShardedDynamoDBClient({ doNamespace: env.DYNAMODB, database: db, shard: { count: 3, key: "pk" } });
        const def: ConstructorParameters<typeof CreateTableCommand>[0] = { TableName: "notes", BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] };
        await client.send(new CreateTableCommand(def));
        for (let i = 0; i < 30; i++) await client.send(new PutItemCommand({ TableName: "notes", Item: { pk: { S: `n${i}` } } }));
        const got = await client.send(new GetItemCommand({ TableName: "notes", Key: { pk: { S: "n7" } } }));
        const wrongKey = await client.send(new CreateTableCommand({ ...def, TableName: "other",
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }], KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] }))
          .then(() => "created", (e: Error) => `${e.name}: ${e.message}`);
        const shards = await shardedDatabase(env.DYNAMODB, db, { shards: 3, partitionKey: "pk" }).describeShards("notes");
        return json({
          got: got.Item,
          wrongKey,
          shardCount: shards.ShardCount,
          zeroShards: refused(() => new ShardedDynamoDBClient({ doNamespace: env.DYNAMODB, shard: { count: 0 } })),
          badKey: refused(() => new ShardedDynamoDBClient({ doNamespace: env.DYNAMODB, shard: { count: 2, key: "" } })),
          plainClient: refused(() => new PlainDynamoDBClient({ doNamespace: env.DYNAMODB, shard: { count: 2 } } as never)),
        });
      }
      case "sharded": {
        // The production route, with every table created from here on spread over 4 shards (or
        // ?shards=N: a router of its own, with its own cached maps).
        // A GSI read comes after the table's index outboxes are delivered (drain-outbox.ts).
        const inner = new URL(`/${db}`, url);
        const body = await request.arrayBuffer();
        const table = indexReadTable((request.headers.get("X-Amz-Target") ?? "").split(".")[1] ?? "", new Uint8Array(body));
        if (table) await drainIndexOutboxes(env.DYNAMODB, db, table);
        return routeToDatabase(new Request(inner, { method: request.method, headers: request.headers, body }), env.DYNAMODB,
          { shards: Number(url.searchParams.get("shards") ?? 4) });
      }
      case "faulty-shards": {
        // A router whose calls of the named phases (?fail=@TxnCommit,@TxnAbort) to the objects whose
        // names end with ?object= (default: every object) throw, as if the object or the router's
        // connection died; locks expire after ?timeout= ms (transaction-recovery.test.ts).
        const fail = new Set((url.searchParams.get("fail") ?? "").split(",").filter(Boolean));
        const router = new ShardedDatabase(faultyNamespace(env.DYNAMODB, fail, url.searchParams.get("object") ?? ""), db, engineModule, {
          shards: Number(url.searchParams.get("shards") ?? 4), transactionTimeoutMs: Number(url.searchParams.get("timeout") ?? 5000) });
        return handleDynamoDBHttp(new Request(new URL(`/${db}`, url), request), router);
      }
      case "sdk":
        return json(await stub.runSdkCases(prefix));
      case "sdk-rpc":
        return json(await runAllCases(makeContext(createInProcessClient(stub), prefix)));
      case "kv-conformance":
        return json(await stub.runKvConformance());
      case "fail-next-put":
        await stub.failNextPut();
        return json({ armed: true });
      case "fail-write":
        await stub.failWriteAt(Number(url.searchParams.get("k")), url.searchParams.get("layer") ?? "engine");
        return json({ armed: true });
      case "disarm-writes":
        return json(await stub.disarmWrites(url.searchParams.get("layer") ?? "engine"));
      case "bulk-put": {
        const q = url.searchParams;
        return json(await stub.bulkPut(q.get("table")!, Number(q.get("n")), Number(q.get("groups") ?? "10"), q.get("prefix") ?? "k"));
      }
      case "soak": {
        const q = url.searchParams;
        return json(await stub.soak(Number(q.get("from")), Number(q.get("n")), q.get("setup") === "1"));
      }
      case "kv-digest":
        return json(await stub.kvDigest());
      case "outbox-faults":
        // Faults in every object's index outbox deliveries (?fail=, ?duplicate= probabilities,
        // ?delay= ms); no parameters: none (js/do/index-outbox.ts).
        setIndexOutboxFaults(url.searchParams.size === 0 ? null : { fail: Number(url.searchParams.get("fail") ?? 0),
          duplicate: Number(url.searchParams.get("duplicate") ?? 0), delayMs: Number(url.searchParams.get("delay") ?? 0) });
        return json({ armed: url.searchParams.size > 0 });
      case "drain-index-outbox":
        // Delivers the index outbox of every shard of ?table= now; answers whether all are empty.
        return json({ drained: await drainIndexOutboxes(env.DYNAMODB, db, url.searchParams.get("table") ?? "") });
      case "kv-digest-sharded": {
        // Every object of the database: its own, and each shard of each spread table (the hostile
        // corpus through http-4-shards requires all of them unchanged).
        const listed = JSON.parse((await stub.handle("ListTables", "{}")).body) as { TableNames?: string[] };
        const digests = [await stub.kvDigest()];
        for (const table of listed.TableNames ?? []) {
          // Outboxes delivered first: a delivery finishing between two digests is not a change.
          await drainIndexOutboxes(env.DYNAMODB, db, table);
          const map = await stub.routerHandle("@ShardMap", JSON.stringify({ TableName: table }));
          const { Ranges } = JSON.parse(map.body) as { Ranges: { Object: string }[] };
          for (const range of Ranges)
            if (range.Object !== "") digests.push(await env.DYNAMODB.get(env.DYNAMODB.idFromName(db + range.Object)).kvDigest());
        }
        return json({ count: digests.reduce((n, d) => n + d.count, 0), sha256: digests.map((d) => d.sha256).join(",") });
      }
      case "restore": // RPC errors reach Node tests mangled (Miniflare quirk): report the message
        try {
          await stub.restoreToPointInTime(Number(url.searchParams.get("time")));
          return json({ restored: true });
        } catch (err) {
          return json({ restored: false, message: String((err as Error).message ?? err) });
        }
      case "restore-sharded":
        try {
          await shardedDatabase(env.DYNAMODB, db, { shards: 4 }).restoreToPointInTime(Number(url.searchParams.get("time")));
          return json({ restored: true });
        } catch (err) {
          return json({ restored: false, message: String((err as Error).message ?? err) });
        }
      case "streams-sdk":
        return json(await stub.runStreamsSdk(prefix));
      case "delivered":
        return json(await stub.deliveredRecords());
      case "rpc": {
        // The Durable Object's RPC method handle(op, body), with the request body as bytes; answers
        // the engine's {status, body} (errors arrive as the engine's answer, not as exceptions).
        // ?object= names another object than the database's (a shard: "<db>/<TableId>/<i>").
        const body = new Uint8Array(await request.arrayBuffer());
        const object = url.searchParams.get("object");
        const target = object ? env.DYNAMODB.get(env.DYNAMODB.idFromName(object)) : stub;
        return json(await target.handle(url.searchParams.get("op") ?? "", body));
      }
      default:
        return new Response("unknown test route\n", { status: 404 });
    }
  },
} satisfies ExportedHandler<Env>;

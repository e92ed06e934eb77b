/**
 * The benchmark's workloads, shared by every door (engine in the DO, Worker -> DO RPC, the real AWS
 * SDK in process, the SDK over HTTP against us and dynalite): each names its tables, how to fill
 * them, the DynamoDB request(s) of operation i, and the same logical work done directly on a raw
 * ordered key-value store (RawStore: sql.exec on a BLOB-keyed table, or ctx.storage.kv), which is
 * the limit the engine is compared with. Requests are in DynamoDB's low-level JSON (AttributeValue
 * maps), so the engine, RPC and HTTP doors send them as they are and the SDK door wraps them in
 * the matching Command. Keys of writes are unique per (door, round) through `tag`, so every write
 * inserts a new item, as in the raw baseline.
 */

export type Json = Record<string, unknown>;

/** One request: an operation and its input; `fails` names the error it must end with. */
export interface Request {
  op: string;
  input: Json;
  fails?: string;
}

/** The raw limit: an ordered map from byte-string keys (here as latin-1 strings) to bytes. */
export interface RawStore {
  get(key: string): Uint8Array | null;
  put(key: string, value: Uint8Array): void;
  /** Rows with start <= key < end in key order, at most limit (all if limit is 0). */
  scan(start: string, end: string, limit: number): number;
}

export interface Workload {
  name: string;
  /** Write workloads run in a transaction per operation through the engine (and "+ txn" raw). */
  writes: boolean;
  /** CreateTable inputs. */
  tables: Json[];
  /** Items to load before measuring: table -> items. */
  load: Array<{ table: string; items: Json[] }>;
  /** Raw rows to load: key -> value. */
  rawLoad: Array<[string, Uint8Array]>;
  /** The request of operation i (tag makes written keys unique per door and round). */
  request(i: number, tag: string): Request;
  /** For paged operations (Scan): the request of the next page, given the previous answer's LastEvaluatedKey. */
  paged?: boolean;
  /** The same logical work on a raw store (the limit). */
  raw(store: RawStore, i: number, tag: string): void;
}

const enc = new TextEncoder();
const S = (s: string) => ({ S: s });
const N = (n: number) => ({ N: String(n) });

function hashTable(name: string, extra: Json = {}): Json {
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    ...extra,
  };
}

const queryTable: Json = {
  TableName: "query",
  BillingMode: "PAY_PER_REQUEST",
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
};

const gsiTable: Json = hashTable("gsi", {
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "g1pk", AttributeType: "S" },
    { AttributeName: "g1sk", AttributeType: "S" },
    { AttributeName: "g2pk", AttributeType: "S" },
    { AttributeName: "g2sk", AttributeType: "N" },
  ],
  GlobalSecondaryIndexes: [
    { IndexName: "gsi1", KeySchema: [{ AttributeName: "g1pk", KeyType: "HASH" }, { AttributeName: "g1sk", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } },
    { IndexName: "gsi2", KeySchema: [{ AttributeName: "g2pk", KeyType: "HASH" }, { AttributeName: "g2sk", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } },
  ],
});

/** An item of about `size` bytes (DynamoDB's item size: names plus values). */
function item(pk: string, size: number, extra: Json = {}): Json {
  const base = { pk: S(pk), n: N(42), flag: { BOOL: true }, ...extra };
  const pad = Math.max(1, size - JSON.stringify(base).length / 2);
  return { ...base, v: S("x".repeat(pad)) };
}

const bytes = (x: unknown) => enc.encode(JSON.stringify(x));
const pad6 = (n: number) => String(n).padStart(6, "0");

const GET_ITEMS = 1000;
const PARTITIONS = 10;
const PER_PARTITION = 1000;
const SCAN_ITEMS = 10_000;

const getItems = Array.from({ length: GET_ITEMS }, (_, i) => item(`g${i}`, 200));
const updItems = Array.from({ length: GET_ITEMS }, (_, i) => item(`u${i}`, 200, { cnt: N(0) }));
const queryItems = Array.from({ length: PARTITIONS * PER_PARTITION }, (_, i) => ({
  ...item("", 200),
  pk: S(`p${i % PARTITIONS}`),
  sk: N(Math.floor(i / PARTITIONS)),
  c: N(Math.floor(i / PARTITIONS) % 10),
}));
const scanItems = Array.from({ length: SCAN_ITEMS }, (_, i) => item(`s${i}`, 200));
const value200 = bytes(item("k", 200));
const value4k = bytes(item("k", 4096));

/** Raw store key of a base item and its raw value. */
const rawRows = (prefix: string, items: Json[], key: (it: Json) => string) =>
  items.map((it): [string, Uint8Array] => [`${prefix}/${key(it)}`, bytes(it)]);

const pkOf = (it: Json) => (it.pk as { S: string }).S;

function put(size: number): Workload {
  const value = size > 1000 ? value4k : value200;
  return {
    name: `PutItem ${size > 1000 ? "4 KB" : "200 B"}`,
    writes: true,
    tables: [hashTable("put")],
    load: [],
    rawLoad: [],
    request: (i, tag) => ({ op: "PutItem", input: { TableName: "put", Item: item(`${tag}-${size}-${i}`, size) } }),
    raw: (store, i, tag) => store.put(`put/${tag}-${size}-${i}`, value),
  };
}

export const WORKLOADS: Workload[] = [
  put(200),
  put(4096),
  {
    name: "GetItem",
    writes: false,
    tables: [hashTable("get")],
    load: [{ table: "get", items: getItems }],
    rawLoad: rawRows("get", getItems, pkOf),
    request: (i) => ({ op: "GetItem", input: { TableName: "get", Key: { pk: S(`g${i % GET_ITEMS}`) } } }),
    raw: (store, i) => {
      if (store.get(`get/g${i % GET_ITEMS}`) === null) throw new Error("raw get: missing");
    },
  },
  {
    name: "UpdateItem SET",
    writes: true,
    tables: [hashTable("upd")],
    load: [{ table: "upd", items: updItems }],
    rawLoad: rawRows("upd", updItems, pkOf),
    request: (i) => ({
      op: "UpdateItem",
      input: {
        TableName: "upd", Key: { pk: S(`u${i % GET_ITEMS}`) },
        UpdateExpression: "SET #n = :n, #f = :f", ExpressionAttributeNames: { "#n": "n", "#f": "flag" },
        ExpressionAttributeValues: { ":n": N(i), ":f": { BOOL: i % 2 === 0 } },
      },
    }),
    raw: (store, i) => rmw(store, `upd/u${i % GET_ITEMS}`),
  },
  {
    name: "UpdateItem ADD",
    writes: true,
    tables: [hashTable("upd")],
    load: [],
    rawLoad: [],
    request: (i) => ({
      op: "UpdateItem",
      input: { TableName: "upd", Key: { pk: S(`u${i % GET_ITEMS}`) }, UpdateExpression: "ADD cnt :one", ExpressionAttributeValues: { ":one": N(1) } },
    }),
    raw: (store, i) => rmw(store, `upd/u${i % GET_ITEMS}`),
  },
  {
    name: "PutItem, condition fails",
    writes: true,
    tables: [hashTable("get")],
    load: [],
    rawLoad: [],
    request: (i) => ({
      op: "PutItem",
      input: { TableName: "get", Item: item(`g${i % GET_ITEMS}`, 200), ConditionExpression: "attribute_not_exists(pk)" },
      fails: "ConditionalCheckFailedException",
    }),
    raw: (store, i) => {
      if (store.get(`get/g${i % GET_ITEMS}`) === null) throw new Error("raw get: missing");
    },
  },
  {
    name: "Query, 100-item page",
    writes: false,
    tables: [queryTable],
    load: [{ table: "query", items: queryItems }],
    rawLoad: rawRows("q", queryItems, (it) => `${(it.pk as { S: string }).S}/${pad6(Number((it.sk as { N: string }).N))}`),
    request: (i) => ({
      op: "Query",
      input: { TableName: "query", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": S(`p${i % PARTITIONS}`) }, Limit: 100 },
    }),
    raw: (store, i) => {
      if (store.scan(`q/p${i % PARTITIONS}/`, `q/p${i % PARTITIONS}0`, 100) !== 100) throw new Error("raw query: short page");
    },
  },
  {
    name: "Query, filter keeps 10 of 100",
    writes: false,
    tables: [queryTable],
    load: [],
    rawLoad: [],
    request: (i) => ({
      op: "Query",
      input: {
        TableName: "query", KeyConditionExpression: "pk = :p", FilterExpression: "c = :c",
        ExpressionAttributeValues: { ":p": S(`p${i % PARTITIONS}`), ":c": N(i % 10) }, Limit: 100,
      },
    }),
    raw: (store, i) => {
      if (store.scan(`q/p${i % PARTITIONS}/`, `q/p${i % PARTITIONS}0`, 100) !== 100) throw new Error("raw query: short page");
    },
  },
  {
    name: "Scan, 10k items (all pages)",
    writes: false,
    tables: [hashTable("scan")],
    load: [{ table: "scan", items: scanItems }],
    rawLoad: rawRows("scan", scanItems, pkOf),
    paged: true,
    request: () => ({ op: "Scan", input: { TableName: "scan" } }),
    raw: (store) => {
      if (store.scan("scan/", "scan0", 0) !== SCAN_ITEMS) throw new Error("raw scan: wrong count");
    },
  },
  {
    name: "BatchWriteItem, 25 puts",
    writes: true,
    tables: [hashTable("put")],
    load: [],
    rawLoad: [],
    request: (i, tag) => ({
      op: "BatchWriteItem",
      input: { RequestItems: { put: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: item(`${tag}-b${i}-${j}`, 200) } })) } },
    }),
    raw: (store, i, tag) => {
      for (let j = 0; j < 25; j++) store.put(`put/${tag}-b${i}-${j}`, value200);
    },
  },
  {
    name: "TransactWriteItems, 10 puts",
    writes: true,
    tables: [hashTable("put")],
    load: [],
    rawLoad: [],
    request: (i, tag) => ({
      op: "TransactWriteItems",
      input: { TransactItems: Array.from({ length: 10 }, (_, j) => ({ Put: { TableName: "put", Item: item(`${tag}-t${i}-${j}`, 200) } })) },
    }),
    raw: (store, i, tag) => {
      for (let j = 0; j < 10; j++) store.put(`put/${tag}-t${i}-${j}`, value200);
    },
  },
  {
    name: "PutItem, table with 2 GSIs",
    writes: true,
    tables: [gsiTable],
    load: [],
    rawLoad: [],
    request: (i, tag) => ({
      op: "PutItem",
      input: { TableName: "gsi", Item: item(`${tag}-${i}`, 200, { g1pk: S(`a${i % 50}`), g1sk: S(`${tag}-${i}`), g2pk: S(`b${i % 7}`), g2sk: N(i) }) },
    }),
    // Read the old item (its stale index entries), write the item and one row per index.
    raw: (store, i, tag) => {
      store.get(`gsi/${tag}-${i}`);
      store.put(`gsi/${tag}-${i}`, value200);
      store.put(`gsi1/a${i % 50}/${tag}-${i}`, value200);
      store.put(`gsi2/b${i % 7}/${pad6(i)}/${tag}`, value200);
    },
  },
];

/** Read-modify-write of one raw row (what an UpdateItem must do at least). */
function rmw(store: RawStore, key: string): void {
  const old = store.get(key);
  if (old === null) throw new Error("raw update: missing");
  store.put(key, old);
}

/** Raw rows every workload loads (deduplicated by key). */
export function allRawRows(): Array<[string, Uint8Array]> {
  return WORKLOADS.flatMap((w) => w.rawLoad);
}

/** CreateTable inputs of every workload, deduplicated by name. */
export function allTables(): Json[] {
  const seen = new Map<string, Json>();
  for (const w of WORKLOADS) for (const t of w.tables) seen.set(t.TableName as string, t);
  return [...seen.values()];
}

/** Items to load, in BatchWriteItem requests of 25. */
export function loadRequests(): Json[] {
  const out: Json[] = [];
  for (const w of WORKLOADS) {
    for (const { table, items } of w.load) {
      for (let i = 0; i < items.length; i += 25) {
        out.push({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
      }
    }
  }
  return out;
}

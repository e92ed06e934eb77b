/**
 * Model-based test of secondary index maintenance in workerd: the production Worker under
 * Miniflare, driven over HTTP by the real AWS SDK. One table with
 *   gsiKeys  GSI  g (S) HASH, gr (N) RANGE              INCLUDE [a]
 *   gsiMulti GSI  m1 (S), m2 (N) HASH; r1 (S), r2 (N) RANGE   KEYS_ONLY (multi-attribute key)
 *   lsiAll   LSI  pk HASH, l (S) RANGE                  ALL
 * gets a seeded random sequence of PutItem / UpdateItem (setting, changing and removing index key
 * attributes) / DeleteItem over a small key space, plus writes that must fail (empty string in an
 * index key). Every few steps every partition of the table and of each index is queried (paged
 * with random Limits, both directions) and every index is scanned (sometimes in parallel
 * segments), and the answers are compared with an in-memory model: which items each index holds
 * (sparse: only items with every key attribute), in sort-key order (items with equal index sort
 * keys may come in any order, as in DynamoDB), with the attributes of the projection type.
 *
 * The seed is random unless INDEX_MODEL_SEED is set; a failure message starts with it.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBServiceException,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { httpClient } from "../support/clients.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

type Item = Record<string, AttributeValue>;

const TABLE = "model";
const STEPS = 300;
const CHECK_EVERY = 3;

interface IndexDef {
  name: string;
  hash: Array<{ name: string; type: "S" | "N" }>;
  range: Array<{ name: string; type: "S" | "N" }>;
  projection: "ALL" | "KEYS_ONLY" | { include: string[] };
  global: boolean;
}
const INDEXES: IndexDef[] = [
  { name: "gsiKeys", hash: [{ name: "g", type: "S" }], range: [{ name: "gr", type: "N" }], projection: { include: ["a"] }, global: true },
  {
    name: "gsiMulti",
    hash: [{ name: "m1", type: "S" }, { name: "m2", type: "N" }],
    range: [{ name: "r1", type: "S" }, { name: "r2", type: "N" }],
    projection: "KEYS_ONLY",
    global: true,
  },
  { name: "lsiAll", hash: [{ name: "pk", type: "S" }], range: [{ name: "l", type: "S" }], projection: "ALL", global: false },
];
const TABLE_KEYS = ["pk", "sk"];

// Value domains: small, so partitions and sort keys collide often.
const DOMAINS: Record<string, () => AttributeValue> = {
  g: () => ({ S: pickOne(["G0", "G1"]) }),
  gr: () => ({ N: String(int(3)) }),
  m1: () => ({ S: pickOne(["M0", "M1"]) }),
  m2: () => ({ N: pickOne(["0", "1"]) }),
  r1: () => ({ S: pickOne(["a", "b"]) }),
  r2: () => ({ N: pickOne(["-1", "0", "2", "10"]) }),
  l: () => ({ S: pickOne(["x", "y", "z"]) }),
  a: () => ({ N: String(int(100)) }),
  b: () => ({ S: `v${int(100)}` }),
  c: () => ({ L: [{ BOOL: int(2) === 0 }] }),
};
const ATTRS = Object.keys(DOMAINS);
const PKS = ["p0", "p1", "p2"];
const SKS = [0, 1, 2, 3];

// ---- seeded randomness (mulberry32)
let rngState = 0;
function random(): number {
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const pickOne = <T>(xs: T[]): T => xs[int(xs.length)]!;

// ---- the model
const model = new Map<string, Item>();
const keyOf = (pk: string, sk: number) => `${pk}#${sk}`;

function inIndex(ix: IndexDef, item: Item): boolean {
  return [...ix.hash, ...ix.range].every((k) => item[k.name] !== undefined);
}
function project(ix: IndexDef, item: Item): Item {
  if (ix.projection === "ALL") return { ...item };
  const keep = new Set([...TABLE_KEYS, ...ix.hash.map((k) => k.name), ...ix.range.map((k) => k.name)]);
  if (typeof ix.projection === "object") for (const a of ix.projection.include) keep.add(a);
  return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
}
function scalar(v: AttributeValue): string | number {
  if (v.N !== undefined) return Number(v.N);
  if (v.S !== undefined) return v.S;
  throw new Error(`not a key value: ${JSON.stringify(v)}`);
}
function compareScalars(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  // S keys order by UTF-8 bytes; the domains here are ASCII
  return a < b ? -1 : a > b ? 1 : 0;
}
/** The sort-key tuple of an item in an index (or the table). */
function sortKey(range: string[], item: Item): Array<string | number> {
  return range.map((r) => scalar(item[r]!));
}
function compareTuples(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareScalars(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
/** A canonical text for an item (attribute order does not matter). */
function canon(item: Item): string {
  const sortDeep = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortDeep)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, sortDeep(x)]),
          )
        : v;
  return JSON.stringify(sortDeep(item));
}

/**
 * Checks a query answer against the model's items: the same items, in order of the sort key; among
 * items with equal sort keys any order (DynamoDB orders those by an internal hash).
 */
function assertOrdered(label: string, range: string[], actual: Item[], expected: Item[], descending: boolean): void {
  const dir = descending ? -1 : 1;
  const want = [...expected].sort((x, y) => dir * compareTuples(sortKey(range, x), sortKey(range, y)));
  assert.deepEqual(
    actual.map((i) => JSON.stringify(sortKey(range, i))),
    want.map((i) => JSON.stringify(sortKey(range, i))),
    `${label}: sort-key sequence`,
  );
  assert.deepEqual(actual.map(canon).sort(), want.map(canon).sort(), `${label}: items`);
}

// ---- requests
let worker: StartedWorker;
let client: DynamoDBClient;
let log: string[] = [];

before(async () => {
  worker = await startWorker("worker");
});
after(() => worker.dispose());

async function createTable(): Promise<void> {
  const defs = new Map<string, string>([["pk", "S"], ["sk", "N"]]);
  for (const ix of INDEXES) for (const k of [...ix.hash, ...ix.range]) defs.set(k.name, k.type);
  const keySchema = (ix: IndexDef) => [
    ...ix.hash.map((k) => ({ AttributeName: k.name, KeyType: "HASH" as const })),
    ...ix.range.map((k) => ({ AttributeName: k.name, KeyType: "RANGE" as const })),
  ];
  const projection = (ix: IndexDef) =>
    typeof ix.projection === "object"
      ? { ProjectionType: "INCLUDE" as const, NonKeyAttributes: ix.projection.include }
      : { ProjectionType: ix.projection };
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [...defs].map(([AttributeName, t]) => ({ AttributeName, AttributeType: t as "S" | "N" })),
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: INDEXES.filter((i) => i.global).map((ix) => ({ IndexName: ix.name, KeySchema: keySchema(ix), Projection: projection(ix) })),
      LocalSecondaryIndexes: INDEXES.filter((i) => !i.global).map((ix) => ({ IndexName: ix.name, KeySchema: keySchema(ix), Projection: projection(ix) })),
    }),
  );
}

async function expectValidation(label: string, run: () => Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof DynamoDBServiceException, `${label}: ${String(e)}`);
    assert.equal(e.name, "ValidationException", `${label}: ${e.name} ${e.message}`);
    assert.match(e.message, message, label);
    return;
  }
  assert.fail(`${label}: succeeded, expected a ValidationException`);
}

async function step(n: number): Promise<void> {
  const pk = pickOne(PKS);
  const sk = pickOne(SKS);
  const key: Item = { pk: { S: pk }, sk: { N: String(sk) } };
  const id = keyOf(pk, sk);
  const r = random();
  if (r < 0.35) {
    const item: Item = { ...key };
    for (const a of ATTRS) if (random() < 0.65) item[a] = DOMAINS[a]!();
    if (random() < 0.05) {
      const bad = pickOne(["g", "m1", "r1", "l"]);
      log.push(`${n}: PutItem ${canon({ ...item, [bad]: { S: "" } })} (must fail)`);
      await expectValidation(`step ${n}`, () => client.send(new PutItemCommand({ TableName: TABLE, Item: { ...item, [bad]: { S: "" } } })), /empty string value/);
      return;
    }
    log.push(`${n}: PutItem ${canon(item)}`);
    await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    model.set(id, item);
  } else if (r < 0.85) {
    const set: Item = {};
    const remove: string[] = [];
    for (const a of ATTRS) {
      const x = random();
      if (x < 0.3) set[a] = DOMAINS[a]!();
      else if (x < 0.45) remove.push(a);
    }
    if (Object.keys(set).length === 0 && remove.length === 0) set.a = DOMAINS.a!();
    const names: Record<string, string> = {};
    const values: Item = {};
    const sets = Object.entries(set).map(([a, v], i) => {
      names[`#s${i}`] = a;
      values[`:v${i}`] = v;
      return `#s${i} = :v${i}`;
    });
    const removes = remove.map((a, i) => {
      names[`#r${i}`] = a;
      return `#r${i}`;
    });
    const expr = [sets.length ? `SET ${sets.join(", ")}` : "", removes.length ? `REMOVE ${removes.join(", ")}` : ""].filter(Boolean).join(" ");
    if (random() < 0.04) {
      const bad = pickOne(["g", "l"]);
      log.push(`${n}: UpdateItem ${id} SET ${bad} = "" (must fail)`);
      await expectValidation(
        `step ${n}`,
        () =>
          client.send(
            new UpdateItemCommand({
              TableName: TABLE,
              Key: key,
              UpdateExpression: "SET #x = :e",
              ExpressionAttributeNames: { "#x": bad },
              ExpressionAttributeValues: { ":e": { S: "" } },
            }),
          ),
        /empty string value/,
      );
      return;
    }
    log.push(`${n}: UpdateItem ${id} ${expr} ${canon(values)}`);
    const res = await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: expr,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
        ReturnValues: "ALL_NEW",
      }),
    );
    // An update of a missing item made only of removals creates nothing (issue #18: DynamoDB's rule,
    // tests/conformance/update-item.test.ts), so ALL_NEW returns no Attributes.
    const createsNothing = !model.has(id) && Object.keys(set).length === 0;
    const next: Item = { ...(model.get(id) ?? key), ...set };
    for (const a of remove) delete next[a];
    if (!createsNothing) model.set(id, next);
    assert.equal(canon(res.Attributes ?? {}), canon(createsNothing ? {} : next), `step ${n}: UpdateItem ALL_NEW`);
  } else {
    log.push(`${n}: DeleteItem ${id}`);
    await client.send(new DeleteItemCommand({ TableName: TABLE, Key: key }));
    model.delete(id);
  }
}

/** Every page of a Query, with a random Limit and direction; checks the LastEvaluatedKey shape. */
async function queryAll(label: string, ix: IndexDef | null, cond: string, values: Item, names: Record<string, string>, descending: boolean): Promise<Item[]> {
  const limit = random() < 0.5 ? undefined : 1 + int(3);
  const items: Item[] = [];
  let start: Item | undefined;
  const lekKeys = [...new Set([...(ix ? [...ix.hash, ...ix.range].map((k) => k.name) : []), ...TABLE_KEYS])].sort();
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 50, `${label}: too many pages`);
    const res = await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: ix?.name,
        KeyConditionExpression: cond,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: values,
        ScanIndexForward: !descending,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(res.Items ?? []));
    assert.equal(res.Count, res.Items?.length ?? 0, `${label}: Count`);
    if (!res.LastEvaluatedKey) break;
    assert.deepEqual(Object.keys(res.LastEvaluatedKey).sort(), lekKeys, `${label}: LastEvaluatedKey attributes`);
    start = res.LastEvaluatedKey;
  }
  return items;
}

async function scanAll(ix: IndexDef | null, segments: number): Promise<Item[]> {
  const items: Item[] = [];
  for (let segment = 0; segment < segments; segment++) {
    let start: Item | undefined;
    do {
      const res = await client.send(
        new ScanCommand({
          TableName: TABLE,
          IndexName: ix?.name,
          Segment: segments > 1 ? segment : undefined,
          TotalSegments: segments > 1 ? segments : undefined,
          Limit: random() < 0.5 ? undefined : 2 + int(4),
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

async function checkAll(n: number): Promise<void> {
  const all = [...model.values()];
  // the table, one partition at a time
  for (const pk of PKS) {
    const descending = random() < 0.3;
    const got = await queryAll(`step ${n} table ${pk}`, null, "pk = :p", { ":p": { S: pk } }, {}, descending);
    assertOrdered(`step ${n}: table partition ${pk}`, ["sk"], got, all.filter((i) => i.pk!.S === pk), descending);
  }
  for (const ix of INDEXES) {
    const held = all.filter((i) => inIndex(ix, i));
    const expected = held.map((i) => project(ix, i));
    // every partition the model knows of, and one that is (probably) empty
    const partitions = new Map<string, Item>();
    for (const i of held) partitions.set(canon(Object.fromEntries(ix.hash.map((k) => [k.name, i[k.name]!]))), i);
    const probe: Item = {};
    for (const k of ix.hash) probe[k.name] = DOMAINS[k.name]?.() ?? { S: pickOne(PKS) };
    partitions.set(canon(Object.fromEntries(ix.hash.map((k) => [k.name, probe[k.name]!]))), probe);
    for (const p of partitions.values()) {
      const names: Record<string, string> = {};
      const values: Item = {};
      const conds = ix.hash.map((k, i) => {
        names[`#h${i}`] = k.name;
        values[`:h${i}`] = p[k.name]!;
        return `#h${i} = :h${i}`;
      });
      const descending = random() < 0.3;
      const label = `step ${n}: ${ix.name} partition ${canon(values)}`;
      const got = await queryAll(label, ix, conds.join(" AND "), values, names, descending);
      const want = expected.filter((i) => ix.hash.every((k) => canon({ v: i[k.name]! }) === canon({ v: p[k.name]! })));
      assertOrdered(label, ix.range.map((k) => k.name), got, want, descending);
    }
    const segments = random() < 0.3 ? 2 + int(3) : 1;
    const scanned = await scanAll(ix, segments);
    assert.deepEqual(scanned.map(canon).sort(), expected.map(canon).sort(), `step ${n}: Scan ${ix.name} (${segments} segments)`);
  }
}

test("secondary indexes follow a random sequence of writes (model-based)", { timeout: 120_000 }, async () => {
  const seed = process.env.INDEX_MODEL_SEED ? Number(process.env.INDEX_MODEL_SEED) : Math.floor(Math.random() * 2 ** 31);
  rngState = seed;
  model.clear();
  log = [];
  client = httpClient(new URL(`/index-model-${seed}-${Date.now()}`, worker.url));
  try {
    await createTable();
    for (let n = 1; n <= STEPS; n++) {
      await step(n);
      if (n % CHECK_EVERY === 0 || n === STEPS) await checkAll(n);
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    assert.fail(`INDEX_MODEL_SEED=${seed}\n${detail}\nlast steps:\n  ${log.slice(-12).join("\n  ")}`);
  }
});

/**
 * Differential testing against dynalite: random (seeded) operation sequences run through the same
 * @aws-sdk/client-dynamodb client configuration against our engine (in-process handler over the
 * Node engine) and against dynalite (in-process HTTP server on 127.0.0.1:0). After normalising what
 * legitimately differs (request ids and $metadata, ConsumedCapacity, table timestamps/ARNs/sizes,
 * the order of set members, the order of Scan results, error messages), results and error types
 * must be equal. Known dynalite deviations (docs/DIFFERENTIAL.md, each with its AWS source) are
 * classified, counted and reported, not failed.
 *   node dist/tests/differential/differential.js [seeds] [ops-per-seed]   (`npm run differential`)
 */
import type { AddressInfo } from "node:net";
import * as ddb from "@aws-sdk/client-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { createNodeEngine } from "../../js/node.js";
import { createInProcessClient } from "../../js/sdk/request-handler.js";
import { seededRandom } from "../support/random.js";

const rng = seededRandom;

export interface Mismatch {
  seed: number;
  step: number;
  op: string;
  input: unknown;
  ours: unknown;
  theirs: unknown;
  /** Set when a known dynalite deviation explains it (docs/DIFFERENTIAL.md). */
  known?: string;
}

type Client = { send(command: unknown): Promise<unknown> };
type Outcome = { ok: unknown } | { error: string };

async function run(client: Client, op: string, input: unknown): Promise<Outcome> {
  const Command = (ddb as unknown as Record<string, new (i: unknown) => unknown>)[`${op}Command`]!;
  try {
    return { ok: normalise(await client.send(new Command(structuredClone(input)))) };
  } catch (e) {
    const err = e as Error & { CancellationReasons?: { Code?: string }[] };
    return { error: err.name + (err.CancellationReasons ? " " + err.CancellationReasons.map((r) => r.Code).join(",") : "") };
  }
}

/** Removes what legitimately differs; sorts set members. */
function normalise(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => normalise(x));
    return key === "SS" || key === "NS" || key === "BS" ? items.map((x) => (x instanceof Uint8Array ? Buffer.from(x).toString("base64") : x)).sort() : items;
  }
  if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      if (k === "$metadata" || k === "ConsumedCapacity" || k === "ItemCollectionMetrics") continue;
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) continue;
      out[k] = normalise(x, k);
    }
    return out;
  }
  return v;
}

const canon = (x: unknown) => JSON.stringify(x);

// ---------------------------------------------------------------------------------------------
// The random workload

const HASH = "dh"; // pk (S)
const RANGE = "dr"; // pk (S), sk (N)

const TABLES = [
  { TableName: HASH, BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] },
  {
    TableName: RANGE, BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  },
];

class Gen {
  constructor(readonly r: () => number) {}
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pk(): string {
    return `p${this.int(6)}`;
  }
  key(table: string): Record<string, unknown> {
    return table === HASH ? { pk: { S: this.pk() } } : { pk: { S: this.pk() }, sk: { N: String(this.int(6) - 1) } };
  }
  value(): Record<string, unknown> {
    switch (this.int(8)) {
      case 0: return { N: String(this.int(20) - 5) };
      case 1: return { N: `${this.int(100)}.${this.int(10)}` };
      case 2: return { S: this.pick(["", "a", "b", "ab", "é", "z"]) };
      case 3: return { SS: [...new Set(Array.from({ length: 1 + this.int(3) }, () => this.pick(["x", "y", "z", "w"])))] };
      case 4: return { NS: [...new Set(Array.from({ length: 1 + this.int(3) }, () => String(this.int(5))))] };
      case 5: return { L: Array.from({ length: this.int(3) }, () => ({ N: String(this.int(4)) })) };
      case 6: return { M: { x: { N: String(this.int(4)) }, y: { S: this.pick(["a", "b"]) } } };
      default: return this.pick([{ BOOL: true }, { BOOL: false }, { NULL: true }, { B: "AAE=" }]);
    }
  }
  item(table: string): Record<string, unknown> {
    const item: Record<string, unknown> = { ...this.key(table) };
    for (const a of ["a", "b", "c"]) if (this.chance(0.6)) item[a] = this.value();
    return item;
  }
  /** A condition over attributes a, b, c with its value placeholders. */
  condition(): { expr: string; values: Record<string, unknown>; names: Record<string, string> } {
    const a = this.pick(["a", "b", "c"]);
    const v = this.value();
    const forms = [
      () => ({ expr: `attribute_exists(#x)`, values: {} }),
      () => ({ expr: `attribute_not_exists(#x)`, values: {} }),
      () => ({ expr: `#x = :v`, values: { ":v": v } }),
      () => ({ expr: `#x <> :v`, values: { ":v": v } }),
      () => ({ expr: `#x < :v`, values: { ":v": v } }),
      () => ({ expr: `#x >= :v`, values: { ":v": v } }),
      () => ({ expr: `attribute_type(#x, :t)`, values: { ":t": { S: this.pick(["N", "S", "SS", "L", "M", "NULL"]) } } }),
      () => ({ expr: `begins_with(#x, :v)`, values: { ":v": { S: this.pick(["a", ""]) } } }),
      () => ({ expr: `contains(#x, :v)`, values: { ":v": this.pick([{ S: "x" }, { N: "1" }, { S: "a" }]) } }),
      () => ({ expr: `size(#x) > :n`, values: { ":n": { N: String(this.int(3)) } } }),
      () => ({ expr: `#x BETWEEN :lo AND :hi`, values: { ":lo": { N: "0" }, ":hi": { N: String(this.int(10)) } } }),
      () => ({ expr: `#x IN (:v, :w)`, values: { ":v": v, ":w": { N: "1" } } }),
    ];
    const c = this.pick(forms)();
    const expr = this.chance(0.2) ? `NOT (${c.expr})` : c.expr;
    return { expr, values: c.values, names: { "#x": a } };
  }
  update(): { expr: string; values: Record<string, unknown>; names: Record<string, string> } {
    const a = this.pick(["a", "b", "c"]);
    const forms = [
      () => ({ expr: "SET #x = :v", values: { ":v": this.value() } }),
      () => ({ expr: "SET #x = if_not_exists(#x, :v)", values: { ":v": this.value() } }),
      () => ({ expr: "SET #x = #x + :n", values: { ":n": { N: String(this.int(5)) } } }),
      () => ({ expr: "SET #x = :n - #x", values: { ":n": { N: "3" } } }),
      () => ({ expr: "SET #x = list_append(#x, :l)", values: { ":l": { L: [{ N: "9" }] } } }),
      () => ({ expr: "REMOVE #x", values: {} }),
      () => ({ expr: "REMOVE #x[0]", values: {} }),
      () => ({ expr: "SET #x.y = :v", values: { ":v": { S: "q" } } }),
      () => ({ expr: "ADD #x :n", values: { ":n": this.pick([{ N: "1" }, { SS: ["x", "q"] }, { NS: ["1"] }]) } }),
      () => ({ expr: "DELETE #x :s", values: { ":s": this.pick([{ SS: ["x"] }, { NS: ["1", "2"] }]) } }),
    ];
    const u = this.pick(forms)();
    return { ...u, names: { "#x": a } };
  }
}

/** Merges an optional condition into a write input. */
function withCondition(g: Gen, input: Record<string, unknown>, names: Record<string, string> = {}, values: Record<string, unknown> = {}): Record<string, unknown> {
  const out = { ...input };
  const allNames = { ...names };
  const allValues: Record<string, unknown> = { ...values };
  if (g.chance(0.5)) {
    const c = g.condition();
    // rename placeholders so they cannot clash with the update's
    const expr = c.expr.replaceAll("#x", "#cx").replace(/:(\w+)/g, ":c$1");
    out.ConditionExpression = expr;
    allNames["#cx"] = c.names["#x"]!;
    for (const [k, v] of Object.entries(c.values)) allValues[`:c${k.slice(1)}`] = v;
  }
  if (Object.keys(allNames).length) out.ExpressionAttributeNames = allNames;
  if (Object.keys(allValues).length) out.ExpressionAttributeValues = allValues;
  return out;
}

interface Step {
  op: string;
  input: Record<string, unknown>;
  /** Compare all pages' items as one unordered set (Scan: order is implementation-defined). */
  unorderedPages?: boolean;
}

function nextStep(g: Gen, transactions: boolean): Step {
  const table = g.chance(0.5) ? HASH : RANGE;
  const r = g.int(100);
  if (r < 22) return { op: "PutItem", input: withCondition(g, { TableName: table, Item: g.item(table), ReturnValues: g.pick(["NONE", "ALL_OLD"]) }) };
  if (r < 42) {
    const u = g.update();
    return {
      op: "UpdateItem",
      input: withCondition(g, { TableName: table, Key: g.key(table), UpdateExpression: u.expr, ReturnValues: g.pick(["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]) }, u.names, u.values),
    };
  }
  if (r < 50) return { op: "DeleteItem", input: withCondition(g, { TableName: table, Key: g.key(table), ReturnValues: g.pick(["NONE", "ALL_OLD"]) }) };
  if (r < 60) {
    const input: Record<string, unknown> = { TableName: table, Key: g.key(table), ConsistentRead: true };
    if (g.chance(0.3)) Object.assign(input, { ProjectionExpression: "#k, a, c", ExpressionAttributeNames: { "#k": "pk" } });
    return { op: "GetItem", input };
  }
  if (r < 72) {
    const values: Record<string, unknown> = { ":p": { S: g.pk() } };
    let kce = "pk = :p";
    const form = g.int(5);
    if (form === 1) (kce += " AND sk > :s"), (values[":s"] = { N: String(g.int(4) - 1) });
    if (form === 2) (kce += " AND sk BETWEEN :s AND :t"), (values[":s"] = { N: "0" }), (values[":t"] = { N: String(g.int(5)) });
    if (form === 3) (kce += " AND sk <= :s"), (values[":s"] = { N: String(g.int(5)) });
    const input: Record<string, unknown> = { TableName: RANGE, KeyConditionExpression: kce, ScanIndexForward: g.chance(0.5), ConsistentRead: true };
    if (g.chance(0.5)) input.Limit = 1 + g.int(3);
    if (g.chance(0.4)) {
      const c = g.condition();
      input.FilterExpression = c.expr;
      input.ExpressionAttributeNames = c.names;
      Object.assign(values, c.values);
    }
    if (g.chance(0.2)) input.Select = "COUNT";
    input.ExpressionAttributeValues = values;
    return { op: "Query", input };
  }
  if (r < 78) {
    const input: Record<string, unknown> = { TableName: table, ConsistentRead: true };
    if (g.chance(0.5)) input.Limit = 1 + g.int(4);
    if (g.chance(0.5)) {
      const c = g.condition();
      input.FilterExpression = c.expr;
      input.ExpressionAttributeNames = c.names;
      if (Object.keys(c.values).length) input.ExpressionAttributeValues = c.values;
    }
    return { op: "Scan", input, unorderedPages: true };
  }
  if (r < 85) {
    const keys = new Map<string, Record<string, unknown>>();
    for (let i = 0, n = 1 + g.int(4); i < n; i++) {
      const item = g.item(table);
      keys.set(canon([item.pk, item.sk]), g.chance(0.7) ? { PutRequest: { Item: item } } : { DeleteRequest: { Key: table === HASH ? { pk: item.pk } : { pk: item.pk, sk: item.sk } } });
    }
    return { op: "BatchWriteItem", input: { RequestItems: { [table]: [...keys.values()] } } };
  }
  if (r < 90) {
    const keys = new Map<string, Record<string, unknown>>();
    for (let i = 0, n = 1 + g.int(4); i < n; i++) {
      const k = g.key(table);
      keys.set(canon(k), k);
    }
    return { op: "BatchGetItem", input: { RequestItems: { [table]: { Keys: [...keys.values()], ConsistentRead: true } } } };
  }
  if (!transactions) return nextStep(g, transactions);
  // TransactWriteItems over distinct keys
  const used = new Set<string>();
  const items: Record<string, unknown>[] = [];
  for (let i = 0, n = 1 + g.int(3); i < n; i++) {
    const t = g.chance(0.5) ? HASH : RANGE;
    const key = g.key(t);
    const id = t + canon(key);
    if (used.has(id)) continue;
    used.add(id);
    const kind = g.int(4);
    if (kind === 0) items.push({ Put: withCondition(g, { TableName: t, Item: { ...g.item(t), ...key } }) });
    else if (kind === 1) {
      const u = g.update();
      items.push({ Update: withCondition(g, { TableName: t, Key: key, UpdateExpression: u.expr }, u.names, u.values) });
    } else if (kind === 2) items.push({ Delete: withCondition(g, { TableName: t, Key: key }) });
    else {
      const c = g.condition();
      items.push({ ConditionCheck: { TableName: t, Key: key, ConditionExpression: c.expr, ExpressionAttributeNames: c.names, ...(Object.keys(c.values).length ? { ExpressionAttributeValues: c.values } : {}) } });
    }
  }
  return { op: "TransactWriteItems", input: { TransactItems: items } };
}

/** Runs a Query/Scan to the end, page by page; answers the pages (or the merged items when unordered). */
async function runPaged(client: Client, step: Step): Promise<Outcome> {
  const pages: unknown[] = [];
  const all: string[] = [];
  let start: unknown;
  let count = 0;
  let scanned = 0;
  for (let page = 0; page < 200; page++) {
    const input = start ? { ...step.input, ExclusiveStartKey: start } : step.input;
    const out = await run(client, step.op, input);
    if ("error" in out) return out;
    const body = out.ok as { Items?: unknown[]; LastEvaluatedKey?: unknown; Count: number; ScannedCount: number };
    count += body.Count;
    scanned += body.ScannedCount;
    if (step.unorderedPages) for (const it of body.Items ?? []) all.push(canon(it));
    else pages.push(body);
    start = body.LastEvaluatedKey;
    if (!start) break;
  }
  return step.unorderedPages ? { ok: { items: all.sort(), count, scanned: step.input.FilterExpression ? undefined : scanned } } : { ok: pages };
}

/** BatchGetItem's Responses are unordered within a table. */
function sortBatchGet(out: Outcome): Outcome {
  if (!("ok" in out)) return out;
  const o = out.ok as { Responses?: Record<string, unknown[]> };
  for (const t of Object.keys(o.Responses ?? {})) o.Responses![t] = o.Responses![t]!.map(canon).sort().map((s) => JSON.parse(s));
  return out;
}

async function fullScan(client: Client, table: string): Promise<string> {
  const out = await runPaged(client, { op: "Scan", input: { TableName: table, ConsistentRead: true }, unorderedPages: true });
  return canon(out);
}

/** Classifies a mismatch as a documented dynalite deviation (docs/DIFFERENTIAL.md), or undefined. */
export function knownDeviation(step: Step, ours: Outcome, theirs: Outcome): string | undefined {
  const input = step.input as { UpdateExpression?: string; ReturnValues?: string };
  // D2: REMOVE of a list element under a missing attribute is a no-op in DynamoDB; dynalite refuses it.
  if (step.op === "UpdateItem" && /REMOVE #x\[0\]/.test(input.UpdateExpression ?? "") && "ok" in ours && "error" in theirs && theirs.error === "ValidationException")
    return "D2 REMOVE of a list element under a missing attribute";
  // D3: when an update returns nothing, DynamoDB leaves Attributes out; dynalite answers "Attributes": {}.
  if ("ok" in ours && "ok" in theirs && canon({ ...(theirs.ok as object), Attributes: undefined }) === canon(ours.ok) && canon((theirs.ok as { Attributes?: unknown }).Attributes) === "{}")
    return "D3 empty Attributes";
  // D4: dynalite orders sets, lists and maps (by their string form, so equal-typed ones compare as
  // equal); DynamoDB's <, <=, >, >= and BETWEEN are defined for numbers, strings and binaries only.
  const text = canon(step.input);
  const values = canon((step.input as { ExpressionAttributeValues?: unknown }).ExpressionAttributeValues ?? {});
  if (/(<|>|BETWEEN)/.test(text) && /\{"(SS|NS|BS|L|M|BOOL|NULL)":/.test(values)) return "D4 ordering of non-scalar values";
  // D5: dynalite treats an empty string (or binary) attribute as absent in attribute_type, IN and
  // BETWEEN; DynamoDB has stored empty non-key strings and binaries since 2020.
  const results = (canon(ours) + canon(theirs)).replaceAll("\\", "");
  if (/attribute_type|IN \(|BETWEEN/.test(text) && /\{"[SB]":""\}/.test(results)) return "D5 empty string treated as absent";
  // D6: dynalite compares maps and lists by object identity, so = / <> / IN never find two equal;
  // DynamoDB compares them by value.
  if (/ = | <> |IN \(/.test(text) && /\{"(L|M)":/.test(values)) return "D6 map and list equality";
  if (removalsOnly(step) && "ok" in ours && "ok" in theirs && (ours.ok as { Attributes?: unknown }).Attributes === undefined)
    return "D7 removals create no item";
  return undefined;
}

/** D7: an update made only of removals does not create a missing item in DynamoDB; dynalite creates
 * the key-only item (returned for ALL_NEW / UPDATED_NEW), even when both answer the same. */
function removalsOnly(step: Step): boolean {
  const expr = (step.input as { UpdateExpression?: string }).UpdateExpression ?? "";
  return step.op === "UpdateItem" && /^\s*(REMOVE|DELETE)\b/i.test(expr) && !/\b(SET|ADD)\b/i.test(expr);
}

/** Makes dynalite's copy of table equal to ours (after a deviation changed one side only). */
async function resync(t: Targets, table: string, keyNames: string[]): Promise<void> {
  const read = async (c: Client) => {
    const out = await runPaged(c, { op: "Scan", input: { TableName: table, ConsistentRead: true }, unorderedPages: true });
    return "ok" in out ? (out.ok as { items: string[] }).items.map((x) => JSON.parse(x) as Record<string, unknown>) : [];
  };
  const writes = [
    ...(await read(t.theirs)).map((it) => ({ DeleteRequest: { Key: Object.fromEntries(keyNames.map((k) => [k, it[k]])) } })),
  ];
  for (let i = 0; i < writes.length; i += 25) await run(t.theirs, "BatchWriteItem", { RequestItems: { [table]: writes.slice(i, i + 25) } });
  const puts = (await read(t.ours)).map((it) => ({ PutRequest: { Item: toWire(it) } }));
  for (let i = 0; i < puts.length; i += 25) await run(t.theirs, "BatchWriteItem", { RequestItems: { [table]: puts.slice(i, i + 25) } });
}

/** normalise() turned binaries into base64 strings; the SDK wants bytes back. */
function toWire(v: unknown, key = ""): any {
  if (key === "B" && typeof v === "string") return Buffer.from(v, "base64");
  if (key === "BS" && Array.isArray(v)) return v.map((x) => Buffer.from(x as string, "base64"));
  if (Array.isArray(v)) return v.map((x) => toWire(x));
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x, k)]));
  return v;
}

export interface DifferentialResult {
  steps: number;
  mismatches: Mismatch[];
}

export interface Targets {
  ours: Client;
  theirs: Client;
}

/** Starts dynalite on 127.0.0.1:0 and builds both clients; `close` stops dynalite. */
export async function startTargets(): Promise<Targets & { close(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const theirs = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", maxAttempts: 1,
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
  });
  const ours = createInProcessClient(createNodeEngine());
  return { ours, theirs, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One seeded sequence of `ops` steps; tables are named per seed, so seeds can share targets. */
export async function runSeed(t: Targets, seed: number, ops: number, transactions = false): Promise<DifferentialResult> {
  const g = new Gen(rng(seed));
  const suffix = `-${seed}`;
  const rename = (s: Step): Step => JSON.parse(canon(s).replaceAll(`"${HASH}"`, `"${HASH}${suffix}"`).replaceAll(`"${RANGE}"`, `"${RANGE}${suffix}"`)) as Step;
  const mismatches: Mismatch[] = [];
  for (const def of TABLES) {
    const input = { ...def, TableName: def.TableName + suffix };
    for (const c of [t.ours, t.theirs]) await run(c, "CreateTable", input);
  }
  for (let i = 0; i < ops; i++) {
    const step = rename(nextStep(g, transactions));
    const paged = step.op === "Query" || step.op === "Scan";
    let ours = paged ? await runPaged(t.ours, step) : await run(t.ours, step.op, step.input);
    let theirs = paged ? await runPaged(t.theirs, step) : await run(t.theirs, step.op, step.input);
    if (step.op === "BatchGetItem") (ours = sortBatchGet(ours)), (theirs = sortBatchGet(theirs));
    let diverged = false;
    if (canon(ours) !== canon(theirs)) {
      mismatches.push({ seed, step: i, op: step.op, input: step.input, ours, theirs, known: knownDeviation(step, ours, theirs) });
      diverged = !paged && step.op !== "GetItem" && step.op !== "BatchGetItem";
    } else if (removalsOnly(step)) {
      diverged = true;  // D7: dynalite may have created an item that DynamoDB does not
    }
    if (diverged || i % 25 === 24 || i === ops - 1) {
      for (const [table, keys] of [[HASH + suffix, ["pk"]], [RANGE + suffix, ["pk", "sk"]]] as const) {
        const [a, b] = [await fullScan(t.ours, table), await fullScan(t.theirs, table)];
        if (a !== b) {
          // A write that differed (known or not) changed one side: copy ours over and go on.
          if (!diverged) mismatches.push({ seed, step: i, op: "state", input: table, ours: a, theirs: b });
          await resync(t, table, [...keys]);
        }
      }
    }
  }
  return { steps: ops, mismatches };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = Number(process.argv[2] ?? 20);
  const ops = Number(process.argv[3] ?? 2000);
  const t = await startTargets();
  let steps = 0;
  const all: Mismatch[] = [];
  const start = Date.now();
  for (let s = 1; s <= seeds; s++) {
    const r = await runSeed(t, s, ops);
    steps += r.steps;
    all.push(...r.mismatches);
  }
  await t.close();
  const unknown = all.filter((m) => !m.known);
  const byKnown = new Map<string, number>();
  for (const m of all) if (m.known) byKnown.set(m.known, (byKnown.get(m.known) ?? 0) + 1);
  console.log(`differential: ${seeds} seeds, ${steps} operations in ${((Date.now() - start) / 1000).toFixed(1)} s; ${all.length} mismatches (${unknown.length} unexplained)`);
  for (const [k, n] of byKnown) console.log(`  known deviation ${k}: ${n}`);
  for (const m of unknown.slice(0, 20)) console.log(JSON.stringify(m));
  if (unknown.length > 0) process.exit(1);
}

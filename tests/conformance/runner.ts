/**
 * The conformance runner. Every case of a table runs through every front door of the registry
 * (tests/support/doors.ts), each (case, door) its own test on a fresh, empty database: the Node
 * doors (engine, SDK handler, real SDK client, our DynamoDBClient, our DocumentClient) and the
 * workerd doors (HTTP, DO RPC). A door that cannot carry a case (raw bytes through a typed client,
 * values that are not document values) or whose client refuses it before sending is reported as a
 * skip with the reason. One Miniflare instance serves the whole suite: node --test runs each file in
 * its own process, so the first file to start spawns tests/conformance/server.ts (detached, keyed by
 * the test runner's pid) and every file talks to it; the server exits when the test runner does.
 *
 * After every error case the store must be unchanged: the door's digest of every stored byte (the
 * MemoryHost's entries in Node, the Durable Object's kv table in workerd) is compared.
 *
 * A case marked `todo: "engine"` expects what real DynamoDB does (cited in the table) where the
 * engine is known to differ; node:test reports it as todo instead of failing. `doors` marks a
 * (case, door) pair as a known difference of that door (a TODO naming its issue), also todo.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import { NODE_DOORS, NotExpressible, Raw, workerdDoors, type Door } from "../support/doors.js";

// ---------------------------------------------------------------------------------------------
// Cases

/** A request body sent as is (not JSON-encoded): malformed JSON and the like. */
export { Raw };
export const raw = (text: string): Raw => new Raw(text);

export interface Step {
  op: string;
  /** The body, or a function of the parsed answers to the case's earlier setup steps, in order
   * (values known only at run time: a stream ARN, a shard iterator). */
  body: unknown | Derived;
}

/** A request body computed from the parsed answers of the case's setup steps. */
export type Derived = (answers: any[]) => unknown;
export const derived = (f: Derived): Derived => f;

/** A request run after the case's request, with its expected answer (state checks). */
export interface Check extends Step {
  expect: Expect;
}

export interface Expect {
  status: number;
  /** The expected body. Exact unless `subset`; may contain matchers (anyOf, re, ANY). */
  body: unknown;
  /** Only the keys given in expected objects are compared (arrays still compare element-wise). */
  subset?: boolean;
}

export interface Case {
  name: string;
  /** Requests run first; each must answer 200. */
  setup?: Step[];
  op: string;
  request: unknown | Derived;
  expect: Expect;
  /** Requests run afterwards, each with its expectation (e.g. GetItem to see what was stored). */
  after?: Check[];
  /** The engine is known to differ from DynamoDB here; report as todo, not failure. */
  todo?: "engine";
  /** Door name -> why that door answers differently (a TODO naming the issue); reported as todo. */
  doors?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Expectations and matchers

const TYPE_PREFIX: Record<string, string> = {
  ValidationException: "com.amazon.coral.validate#",
  SerializationException: "com.amazon.coral.service#",
  UnknownOperationException: "com.amazon.coral.service#",
};
const DYNAMO_PREFIX = "com.amazonaws.dynamodb.v20120810#";

/** The full `__type` of an error name. */
export function errorType(name: string): string {
  return (TYPE_PREFIX[name] ?? DYNAMO_PREFIX) + name;
}

/** 200 with exactly this body. */
export const ok = (body: unknown = {}): Expect => ({ status: 200, body });
/** 200 with a body containing at least these fields. */
export const okSubset = (body: unknown): Expect => ({ status: 200, body, subset: true });
/** 400 `{__type, message}` (message left out when undefined: protocol errors carry none). */
export function err(type: string, message?: string | Matcher, extra: Record<string, unknown> = {}): Expect {
  const body: Record<string, unknown> = { __type: errorType(type) };
  if (message !== undefined) body.message = message;
  return { status: 400, body: { ...body, ...extra } };
}
export const validation = (message: string | Matcher): Expect => err("ValidationException", message);
/** SerializationException for a wrong JSON type: capital `Message` (DL test/helpers.js:360-370). */
export const serialization = (message: string): Expect => ({
  status: 400,
  body: { __type: errorType("SerializationException"), Message: message },
});
export const conditionFailed = (item?: unknown): Expect =>
  err("ConditionalCheckFailedException", "The conditional request failed", item === undefined ? {} : { Item: item });
export const notFound = (message = "Requested resource not found"): Expect =>
  err("ResourceNotFoundException", message);

export abstract class Matcher {
  abstract test(actual: unknown): boolean;
  abstract describe(): string;
  toJSON(): string {
    return this.describe();
  }
}
class AnyOf extends Matcher {
  constructor(readonly options: unknown[]) {
    super();
  }
  test(actual: unknown): boolean {
    return this.options.some((o) => matches(actual, o, false));
  }
  describe(): string {
    return `anyOf(${this.options.map((o) => JSON.stringify(o)).join(" | ")})`;
  }
}
class Re extends Matcher {
  constructor(readonly re: RegExp) {
    super();
  }
  test(actual: unknown): boolean {
    return typeof actual === "string" && this.re.test(actual);
  }
  describe(): string {
    return String(this.re);
  }
}
class Present extends Matcher {
  test(actual: unknown): boolean {
    return actual !== undefined;
  }
  describe(): string {
    return "<any>";
  }
}
class Kind extends Matcher {
  constructor(readonly kind: string) {
    super();
  }
  test(actual: unknown): boolean {
    return typeof actual === this.kind;
  }
  describe(): string {
    return `<${this.kind}>`;
  }
}
class Absent extends Matcher {
  test(actual: unknown): boolean {
    return actual === undefined;
  }
  describe(): string {
    return "<absent>";
  }
}
/** "<n> validation error(s) detected: " + these violations joined by "; ", in any order (real
 * DynamoDB does not fix the order: DL test/helpers.js:566-572 compares them with matchAny). */
class Violations extends Matcher {
  constructor(readonly parts: string[]) {
    super();
  }
  test(actual: unknown): boolean {
    const n = this.parts.length;
    const prefix = `${n} validation error${n > 1 ? "s" : ""} detected: `;
    if (typeof actual !== "string" || !actual.startsWith(prefix)) return false;
    const got = actual.slice(prefix.length).split("; ").sort();
    const want = [...this.parts].sort();
    return got.length === want.length && got.every((g, i) => g === want[i]);
  }
  describe(): string {
    return `violations(${this.parts.join(" ;; ")})`;
  }
}
export const violations = (...parts: string[]): Matcher => new Violations(parts);
/** An array with these elements in any order (sets: DynamoDB does not keep members in order). */
class Unordered extends Matcher {
  constructor(readonly items: unknown[]) {
    super();
  }
  test(actual: unknown): boolean {
    if (!Array.isArray(actual) || actual.length !== this.items.length) return false;
    const left = [...actual];
    return this.items.every((e) => {
      const i = left.findIndex((a) => matches(a, e, false));
      return i >= 0 && left.splice(i, 1).length === 1;
    });
  }
  describe(): string {
    return `unordered(${JSON.stringify(this.items)})`;
  }
}
export const unordered = (...items: unknown[]): Matcher => new Unordered(items);
/** The key must be missing (in subset mode too). */
export const ABSENT: Matcher = new Absent();
/** Any one of these values (used where real DynamoDB's order is not deterministic). */
export const anyOf = (...options: unknown[]): Matcher => new AnyOf(options);
export const re = (r: RegExp): Matcher => new Re(r);
export const ANY: Matcher = new Present();
export const aNumber: Matcher = new Kind("number");

function matches(actual: unknown, expected: unknown, subset: boolean): boolean {
  if (expected instanceof Matcher) return expected.test(actual);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matches(actual[i], e, subset))
    );
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    if (!subset) {
      const ak = Object.keys(a).sort();
      const ek = Object.keys(e).sort();
      if (ak.length !== ek.length || ak.some((k, i) => k !== ek[i])) return false;
    }
    return Object.keys(e).every((k) => (e[k] === ABSENT ? !(k in a) : k in a && matches(a[k], e[k], subset)));
  }
  return Object.is(actual, expected);
}

function checkResponse(label: string, actual: { status: number; body: string }, expect: Expect): void {
  let parsed: unknown;
  try {
    parsed = actual.body === "" ? "" : JSON.parse(actual.body);
  } catch {
    parsed = actual.body;
  }
  const good = actual.status === expect.status && matches(parsed, expect.body, expect.subset ?? false);
  if (!good) {
    assert.fail(
      `${label}\n  expected: ${expect.status} ${JSON.stringify(expect.body)}${expect.subset ? " (subset)" : ""}\n` +
        `  actual:   ${actual.status} ${truncate(actual.body)}`,
    );
  }
}

function truncate(s: string): string {
  return s.length > 2000 ? s.slice(0, 2000) + `... (${s.length} chars)` : s;
}

// ---------------------------------------------------------------------------------------------
// Doors

/** The registry's doors: the Node ones, then the workerd ones on the shared server. */
const DOORS: readonly Door[] = [...NODE_DOORS, ...workerdDoors(sharedServer)];

/** A door's answer could not be had: skip this (case, door) with the reason. */
class Skip extends Error {}

async function runCase(c: Case, door: Door): Promise<void> {
  const label = `[${door.name}] ${c.name}`;
  const notHere = door.skipOp?.(c.op);
  if (notHere) throw new Skip(notHere);
  const session = await door.open();
  const answers: unknown[] = [];
  const bodyOf = (body: unknown): unknown => (typeof body === "function" ? (body as Derived)(answers) : body);
  const send = async (what: string, op: string, body: unknown) => {
    try {
      const r = await session.send(op, bodyOf(body));
      if (r.refused !== undefined) throw new Skip(`${what}: the client of door ${door.name} refuses it before sending (${r.refused})`);
      if (r.rewritten !== undefined) {
        if (door.carries === "sdk") throw new Skip(`${what}: the AWS SDK's serializer rewrites the request (${r.rewritten})`);
        assert.fail(`${label}: ${what}: the ${door.name} client sent another request: ${r.rewritten}`);
      }
      return r;
    } catch (e) {
      if (e instanceof NotExpressible) throw new Skip(`${what}: ${door.name} cannot carry it: ${e.message}`);
      throw e;
    }
  };
  for (const s of c.setup ?? []) {
    const r = await send(`setup ${s.op}`, s.op, s.body);
    if (r.status !== 200) assert.fail(`${label}: setup ${s.op} answered ${r.status} ${truncate(r.body)}`);
    answers.push(JSON.parse(r.body));
  }
  const isError = c.expect.status !== 200;
  const before = isError ? await session.digest() : "";
  const r = await send(c.op, c.op, c.request);
  checkResponse(`${label}: ${c.op}`, r, c.expect);
  if (isError) {
    const afterSnap = await session.digest();
    if (afterSnap !== before) assert.fail(`${label}: the failed ${c.op} changed the store`);
  }
  for (const [i, check] of (c.after ?? []).entries()) {
    checkResponse(`${label}: after[${i}] ${check.op}`, await send(`after[${i}] ${check.op}`, check.op, check.body), check.expect);
  }
}

// ---------------------------------------------------------------------------------------------
// The shared Miniflare server

let serverUrl: Promise<URL> | null = null;

function sharedServer(): Promise<URL> {
  return (serverUrl ??= connect());
}

async function connect(): Promise<URL> {
  const dir = join(tmpdir(), `dodb-conformance-${process.ppid}`);
  for (let attempt = 0; attempt < 2; attempt++) {
    let winner = false;
    try {
      mkdirSync(dir);
      winner = true;
    } catch {
      // another file of this run started (or is starting) the server
    }
    if (winner) {
      const script = fileURLToPath(new URL("./server.js", import.meta.url));
      const child = spawn(process.execPath, [script, String(process.ppid), dir], {
        detached: true,
        stdio: "ignore",
      });
      child.unref();
    }
    const urlFile = join(dir, "url");
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !existsSync(urlFile)) await new Promise((r) => setTimeout(r, 50));
    if (existsSync(urlFile)) {
      const url = new URL(readFileSync(urlFile, "utf8").trim());
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.ok) return url;
      } catch {
        // stale directory from an earlier run whose pid was reused: start over
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error("could not start or reach the shared Miniflare server");
}

// ---------------------------------------------------------------------------------------------
// Registration

/** Registers every case of a table with node:test: one suite per case, one test per door. */
export function conformance(title: string, cases: Case[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name: ${c.name}`);
    names.add(c.name);
    for (const d of Object.keys(c.doors ?? {})) if (!DOORS.some((door) => door.name === d)) throw new Error(`${c.name}: no door ${d}`);
  }
  describe(title, () => {
    for (const c of cases) {
      describe(c.name, () => {
        for (const door of DOORS) {
          const todo = c.todo ?? c.doors?.[door.name];
          test(door.name, todo ? { todo } : {}, async (t) => {
            try {
              await runCase(c, door);
            } catch (e) {
              if (!(e instanceof Skip)) throw e;
              t.skip(e.message);
            }
          });
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Fixtures shared by the tables

/** A PAY_PER_REQUEST table keyed by pk (S), optionally with a range key sk. */
export function createTable(name: string, range?: { name: string; type: "S" | "N" | "B" }, hashType = "S"): Step {
  const defs = [{ AttributeName: "pk", AttributeType: hashType }];
  const keys = [{ AttributeName: "pk", KeyType: "HASH" }];
  if (range) {
    defs.push({ AttributeName: range.name, AttributeType: range.type });
    keys.push({ AttributeName: range.name, KeyType: "RANGE" });
  }
  return {
    op: "CreateTable",
    body: { TableName: name, AttributeDefinitions: defs, KeySchema: keys, BillingMode: "PAY_PER_REQUEST" },
  };
}

/** Table "items": hash key pk (S). */
export const TABLE = "items";
export const HASH_TABLE: Step = createTable(TABLE);
/** Table "pairs": hash key pk (S), range key sk (N). */
export const PAIRS = "pairs";
export const PAIRS_TABLE: Step = createTable(PAIRS, { name: "sk", type: "N" });

export const put = (item: Record<string, unknown>, table = TABLE): Step => ({
  op: "PutItem",
  body: { TableName: table, Item: item },
});
export const get = (key: Record<string, unknown>, table = TABLE): Step => ({
  op: "GetItem",
  body: { TableName: table, Key: key, ConsistentRead: true },
});
/** A check that GetItem of key returns exactly item (or nothing when item is undefined). */
export const expectItem = (key: Record<string, unknown>, item?: Record<string, unknown>, table = TABLE): Check => ({
  ...get(key, table),
  expect: ok(item === undefined ? {} : { Item: item }),
});

export const S = (s: string) => ({ S: s });
export const N = (n: string) => ({ N: n });
export const pk = (s: string) => ({ pk: { S: s } });

/** One coral constraint violation (notes §0.2): value null unquoted, anything else in quotes. */
export function violation(value: string | null, path: string, constraint: string): string {
  return `Value ${value === null ? "null" : `'${value}'`} at '${path}' failed to satisfy constraint: ${constraint}`;
}
export const NOT_NULL = "Member must not be null";
export const NAME_PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
export const INVALID = "One or more parameter values were invalid: ";

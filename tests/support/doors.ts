/**
 * The front doors, as one registry for the test suites. A door is one way a request reaches the
 * engine; `open()` gives a session on a fresh, empty database, whose `send(op, body)` answers what
 * came back on the wire ({status, body text}, DynamoDB's JSON) and whose `digest()` pictures the
 * store's bytes (for "an error leaves the store unchanged").
 *
 * What a door can carry (`carries`):
 *   - "bytes": any body, malformed JSON and invalid UTF-8 included (the engine, the SDK request
 *     handler, HTTP, DO RPC);
 *   - "json": a JSON object, sent as given (our DynamoDBClient: its command input is the request);
 *   - "sdk": a JSON object as input to the real @aws-sdk/client-dynamodb, whose serializer follows
 *     the API model (it may refuse an input, or rewrite a value of the wrong type);
 *   - "document": requests whose attribute values are document values (our DynamoDBDocumentClient):
 *     the request, unmarshalled and marshalled back, must be the same request.
 * A request a door cannot carry makes send() throw NotExpressible with the reason; a request the
 * door's client refuses before sending answers `refused` (the client's error). Suites report either
 * as a skip of that (case, door), never silently. Typed doors answer the wire response they
 * received, after checking that their client agreed with it (resolved on 200; on an error, threw
 * an exception of the answer's type).
 *
 * SDK scenarios (tests/scenarios/sdk-cases.ts) need clients, not (op, body): a session that can
 * host them offers `clients()`; the doors inside workerd that run them in the Worker or the Durable
 * Object are SCENARIO_ROUTES (harness-worker.ts routes).
 */
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import * as sdk from "@aws-sdk/client-dynamodb";
import * as sdkStreams from "@aws-sdk/client-dynamodb-streams";
import { DynamoDBDocumentClient as SdkDocumentClient } from "@aws-sdk/lib-dynamodb";
import { COMMANDS, DynamoDBClient } from "../../js/index.js";
import { DOCUMENT_COMMANDS, DynamoDBDocumentClient, marshallInput, unmarshallOutput, type KeyNodes } from "../../js/lib/index.js";
import { MemoryHost } from "../../js/hosts/memory-host.js";
import { createNodeEngine } from "../../js/node.js";
import { InProcessRequestHandler, createInProcessClient } from "../../js/sdk/request-handler.js";
import { createInProcessStreamsClient } from "../../js/sdk/streams-client.js";
import type { EngineResponse, OperationTarget } from "../../js/engine/types.js";
import { httpClient } from "./clients.js";
import { DynamoDBServer } from "../../js/server/http-server.js";

/** A request body sent exactly as given (malformed JSON, invalid UTF-8): only "bytes" doors carry it. */
export class Raw {
  constructor(readonly data: string | Uint8Array) {}
}

export type Carries = "bytes" | "json" | "sdk" | "document";

/**
 * What came back on the wire. `refused` (status 0): the door's client refused to send the request.
 * `rewritten`: a typed client sent a request other than the one given (the real SDK's serializer
 * rewrites values of the wrong JSON type); the answer is to that request.
 */
export interface Answer {
  status: number;
  body: string;
  refused?: string;
  rewritten?: string;
}

/** The door cannot carry this request (raw bytes through a typed client, no such command, ...). */
export class NotExpressible extends Error {}

/** Clients for an SDK scenario: send(command) of @aws-sdk/client-dynamodb and lib-dynamodb commands. */
export interface ScenarioClients {
  client: sdk.DynamoDBClient;
  doc: SdkDocumentClient;
}

export interface Session {
  send(op: string, body: unknown): Promise<Answer>;
  /** Every byte of this session's store, hashed: equal digests, same store. */
  digest(): Promise<string>;
  /** Clients over this door, for the SDK scenarios (doors with `hostsClients`). */
  clients?(): ScenarioClients;
}

export interface Door {
  name: string;
  runtime: "node" | "workerd";
  carries: Carries;
  /** One line for tests/README.md. */
  summary: string;
  /** The door reaches the engine's internal operations ("@Maintain") by design. */
  internalOps?: boolean;
  /** Its sessions offer clients() (its users hold a client), so the SDK scenarios run through it. */
  hostsClients?: boolean;
  /** Why a case whose own request is op does not apply to this door (its setup may still use op). */
  skipOp?(op: string): string | undefined;
  open(): Promise<Session>;
}

// ---------------------------------------------------------------------------------------------
// Bodies

const utf8 = new TextEncoder();

/** The text or bytes a "bytes" door sends for a body. */
export function encodeBody(body: unknown): string | Uint8Array {
  return body instanceof Raw ? body.data : JSON.stringify(body);
}

function asBytes(body: unknown): Uint8Array {
  const b = encodeBody(body);
  return typeof b === "string" ? utf8.encode(b) : b;
}

/** The X-Amz-Target of an engine operation ("DynamoDBStreams.GetRecords": DynamoDB Streams). */
export function targetOf(op: string): string {
  return op.startsWith("DynamoDBStreams.")
    ? `DynamoDBStreams_20120810.${op.slice("DynamoDBStreams.".length)}`
    : `DynamoDB_20120810.${op}`;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A binary value's bytes; a string that is not base64 stays a string (the client sends what it does with it). */
function base64Bytes(s: string): Uint8Array | string {
  return BASE64.test(s) ? new Uint8Array(Buffer.from(s, "base64")) : s;
}

/**
 * A request as typed-client input: a JSON object, with every binary attribute value ({B} and the
 * members of {BS}, base64 on the wire) as bytes, as a user of the SDK's types passes them (a value
 * that is not base64 is left a string: what the client then sends is checked as any rewrite is).
 */
function typedInput(body: unknown): Record<string, unknown> {
  if (body instanceof Raw) throw new NotExpressible("raw bytes: a typed client takes an object");
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new NotExpressible("the request is not a JSON object");
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== "object" || v === null) return v;
    const keys = Object.keys(v);
    const o = v as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === "B" && typeof o.B === "string") return { B: base64Bytes(o.B) };
    if (keys.length === 1 && keys[0] === "BS" && Array.isArray(o.BS) && o.BS.every((x) => typeof x === "string")) {
      return { BS: o.BS.map(base64Bytes) };
    }
    return Object.fromEntries(keys.map((k) => [k, walk(o[k])]));
  };
  return walk(body) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Node doors: one engine over one MemoryHost per session

/** SHA-256 over every (key, value) of the host, in order, each length-prefixed. */
export function hostDigest(host: MemoryHost): string {
  const h = createHash("sha256");
  for (const [k, v] of host.entries()) {
    const len = Buffer.alloc(8);
    len.writeUInt32LE(k.length, 0);
    len.writeUInt32LE(v.length, 4);
    h.update(len).update(k).update(v);
  }
  return h.digest("hex");
}

/** An engine target that remembers the last request it got and answer it gave (a typed client's wire). */
class Recorder implements OperationTarget {
  last: EngineResponse | undefined;
  request: string | Uint8Array = "";
  constructor(readonly target: OperationTarget) {}
  handle(op: string, body: string | Uint8Array): EngineResponse {
    this.request = body;
    const r = this.target.handle(op, body) as EngineResponse;
    this.last = r;
    return r;
  }
}

function nodeSession(session: (engine: ReturnType<typeof createNodeEngine>) => Omit<Session, "digest">): () => Promise<Session> {
  return async () => {
    const host = new MemoryHost();
    const engine = createNodeEngine(host);
    return { ...session(engine), digest: async () => hostDigest(host) };
  };
}

function errorName(body: string): string | undefined {
  try {
    const t = (JSON.parse(body) as { __type?: unknown }).__type;
    return typeof t === "string" ? t.slice(t.indexOf("#") + 1) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one typed-client call over the recorder and answers what the engine answered, after
 * checking the client agreed with it; `refused` when no request reached the engine.
 */
async function typedSend(recorder: Recorder, given: unknown, call: () => Promise<unknown>): Promise<Answer> {
  recorder.last = undefined;
  let error: (Error & { name: string }) | undefined;
  try {
    await call();
  } catch (e) {
    error = e instanceof Error ? e : new Error(String(e));
  }
  const wire = recorder.last as EngineResponse | undefined;
  if (wire === undefined) return { status: 0, body: "", refused: `${error?.name}: ${error?.message}` };
  if (wire.status === 200 && error) throw new Error(`the client failed on a 200 answer: ${error.name}: ${error.message}`);
  if (wire.status !== 200) {
    if (!error) throw new Error(`the client resolved an error answer: ${wire.status} ${wire.body.slice(0, 300)}`);
    const type = errorName(wire.body);
    if (type !== undefined && error.name !== type) throw new Error(`the client raised ${error.name} for an answer of type ${type}`);
  }
  const sent = JSON.parse(typeof recorder.request === "string" ? recorder.request : new TextDecoder().decode(recorder.request)) as Record<string, unknown>;
  const want = JSON.parse(JSON.stringify(given)) as Record<string, unknown>;
  // The real SDK fills in TransactWriteItems' idempotency token when absent, as the API model says.
  if (!("ClientRequestToken" in want)) delete sent.ClientRequestToken;
  const same = isDeepStrictEqual(sent, want);
  return { status: wire.status, body: wire.body, ...(same ? {} : { rewritten: `sent ${JSON.stringify(sent).slice(0, 300)}` }) };
}

type AnyCommand = new (input: any) => any;

/** The real SDK's command class for an engine operation (DynamoDB Streams from its own client). */
function sdkCommand(op: string): { Command: AnyCommand; streams: boolean } {
  const streams = op.startsWith("DynamoDBStreams.");
  const name = `${streams ? op.slice("DynamoDBStreams.".length) : op}Command`;
  const Command = ((streams ? sdkStreams : sdk) as unknown as Record<string, AnyCommand | undefined>)[name];
  if (!Command) throw new NotExpressible(`the AWS SDK has no ${name}`);
  return { Command, streams };
}

/** Our command class whose engine operation is op ("GetRecords" is only DynamoDBStreams.GetRecords). */
function ourCommand(op: string): AnyCommand {
  const Command = (COMMANDS as Record<string, AnyCommand | undefined>)[op.replace(/^DynamoDBStreams\./, "")];
  if (!Command || (new Command({}) as { operation: string }).operation !== op) throw new NotExpressible(`do-dynamodb has no command for ${op}`);
  return Command;
}

/** Our document command and its input key nodes, by operation. */
const DOCUMENT_BY_OPERATION = new Map(
  (Object.values(DOCUMENT_COMMANDS) as unknown as AnyCommand[]).map((Command) => {
    const probe = new Command({}) as { operation: string; inputKeyNodes: KeyNodes };
    return [probe.operation, { Command, nodes: probe.inputKeyNodes }] as const;
  }),
);

/**
 * The request as document input: its attribute values as native values, or NotExpressible; an
 * operation with no document command goes as the low-level command (the document client takes both).
 */
function documentInput(op: string, body: unknown): { Command: AnyCommand; input: Record<string, unknown> } {
  const wire = typedInput(body);
  const doc = DOCUMENT_BY_OPERATION.get(op);
  if (!doc) return { Command: ourCommand(op), input: wire };
  const { Command, nodes } = doc;
  let native: Record<string, unknown>;
  let back: unknown;
  try {
    native = unmarshallOutput(wire, nodes, { wrapNumbers: true, convertWithoutMapWrapper: true });
    back = marshallInput(native, nodes, { convertTopLevelContainer: true });
  } catch (e) {
    throw new NotExpressible(`not document values: ${(e as Error).message}`);
  }
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(wire)))) {
    throw new NotExpressible("not document values: unmarshalled and marshalled back, the request changes");
  }
  return { Command, input: native };
}

const engineDoor: Door = {
  name: "engine",
  runtime: "node",
  carries: "bytes",
  internalOps: true,
  summary: "the wasm engine in Node (createNodeEngine over a MemoryHost): WasmEngine.handle(op, bytes)",
  open: nodeSession((engine) => ({ send: async (op, body) => engine.handle(op, encodeBody(body)) })),
};

const sdkHandlerDoor: Door = {
  name: "sdk-handler",
  runtime: "node",
  carries: "bytes",
  summary: "the in-process SDK request handler (InProcessRequestHandler.handle, the body as the SDK's HttpRequest carries it)",
  open: nodeSession((engine) => {
    const handler = new InProcessRequestHandler(engine);
    return {
      async send(op, body) {
        const { response } = await handler.handle({
          headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": targetOf(op) },
          body: asBytes(body),
        });
        return { status: response.statusCode, body: new TextDecoder().decode(response.body) };
      },
    };
  }),
};

const sdkClientDoor: Door = {
  name: "sdk-client",
  runtime: "node",
  carries: "sdk",
  hostsClients: true,
  summary: "the real @aws-sdk/client-dynamodb (and -streams) client over the in-process handler; lib-dynamodb's DocumentClient for scenarios",
  open: nodeSession((engine) => {
    const recorder = new Recorder(engine);
    const client = createInProcessClient(recorder);
    const streams = createInProcessStreamsClient(recorder);
    return {
      send(op, body) {
        const { Command, streams: isStreams } = sdkCommand(op);
        const input = typedInput(body);
        return typedSend(recorder, body, () => (isStreams ? streams.send(new Command(input)) : client.send(new Command(input))));
      },
      clients: () => ({ client, doc: SdkDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) }),
    };
  }),
};

const clientDoor: Door = {
  name: "client",
  runtime: "node",
  carries: "json",
  hostsClients: true,
  summary: "our DynamoDBClient (do-dynamodb) with the engine as its target; our DynamoDBDocumentClient for scenarios",
  open: nodeSession((engine) => {
    const recorder = new Recorder(engine);
    const client = new DynamoDBClient({ target: recorder });
    return {
      send(op, body) {
        const Command = ourCommand(op);
        const input = typedInput(body);
        return typedSend(recorder, body, () => client.send(new Command(input)));
      },
      clients() {
        // Our clients take the SDK's and lib-dynamodb's command objects (recognised by shape).
        const ours = new DynamoDBClient({ target: recorder });
        const doc = DynamoDBDocumentClient.from(ours, { marshallOptions: { removeUndefinedValues: true } });
        return { client: ours as unknown as sdk.DynamoDBClient, doc: doc as unknown as SdkDocumentClient };
      },
    };
  }),
};

const documentDoor: Door = {
  name: "document-client",
  runtime: "node",
  carries: "document",
  summary: "our DynamoDBDocumentClient (do-dynamodb/lib), for requests whose attribute values are document values",
  skipOp: (op) => (DOCUMENT_BY_OPERATION.has(op) ? undefined : `${op} has no document command`),
  open: nodeSession((engine) => {
    const recorder = new Recorder(engine);
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ target: recorder }), { unmarshallOptions: { wrapNumbers: true } });
    return {
      send(op, body) {
        const { Command, input } = documentInput(op, body);
        return typedSend(recorder, body, () => doc.send(new Command(input)));
      },
    };
  }),
};

/** The doors in this Node process, each session on its own engine and MemoryHost. */
// The local server (js/server/), in this process on a free port, in memory, auth off; one database per session.
const recentDatabases: string[] = [];
let localServer: Promise<{ url: URL; server: DynamoDBServer }> | null = null;

function startLocalServer(): Promise<{ url: URL; server: DynamoDBServer }> {
  return (localServer ??= (async () => {
    const server = new DynamoDBServer({ dataDir: null });
    const { port } = await server.listen(0, "127.0.0.1");
    server.http.unref();
    return { url: new URL(`http://127.0.0.1:${port}/`), server };
  })());
}

/** SHA-256 over every row of every object of database db in the local server (its own object and its shards'). */
function localServerDigest(server: DynamoDBServer, db: string): string {
  const h = createHash("sha256");
  const names = [...server.namespace.opened().keys()].filter((n) => n === db || n.startsWith(`${db}/`)).sort();
  for (const name of names) {
    const rows = server.namespace.opened().get(name)!.storage.host.db.all("SELECT k, v FROM kv ORDER BY k") as { k: Uint8Array; v: Uint8Array }[];
    if (rows.length > 0) h.update(name);  // an object opened by a request that wrote nothing is no change
    for (const row of rows) {
      h.update(String(row.k.length)).update(row.k).update(String(row.v.length)).update(row.v);
    }
  }
  return h.digest("hex");
}

const nodeServerDoor: Door = {
  name: "node-server",
  runtime: "node",
  carries: "bytes",
  hostsClients: true,
  summary: "DynamoDB's HTTP protocol over a socket into the local server (`npx do-dynamodb`: js/server/, in memory); the real SDK over HTTP for scenarios",
  async open() {
    const { url, server } = await startLocalServer();
    const db = `doors-${process.pid}-${++databases}`;
    // Sessions are never closed: keep the last few databases, drop older ones (each object holds an engine).
    recentDatabases.push(db);
    if (recentDatabases.length > 16) {
      const old = recentDatabases.shift()!;
      for (const name of [...server.namespace.opened().keys()]) if (name === old || name.startsWith(`${old}/`)) server.namespace.drop(name);
    }
    const endpoint = new URL(`/${db}`, url);
    return {
      async send(op, body) {
        const res = await fetch(endpoint, { method: "POST", headers: { "X-Amz-Target": targetOf(op), "Content-Type": "application/x-amz-json-1.0" }, body: encodeBody(body) });
        return { status: res.status, body: await res.text() };
      },
      digest: async () => localServerDigest(server, db),
      clients() {
        const client = httpClient(endpoint);
        return { client, doc: SdkDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) };
      },
    };
  },
};

export const NODE_DOORS: readonly Door[] = [engineDoor, sdkHandlerDoor, sdkClientDoor, clientDoor, documentDoor, nodeServerDoor];

// ---------------------------------------------------------------------------------------------
// workerd doors: the harness Worker under Miniflare (tests/workerd/harness-worker.ts), one
// database (one Durable Object) per session

let databases = 0;

function workerdSession(base: () => Promise<URL>, send: (url: URL, db: string, op: string, body: unknown) => Promise<Answer>,
  clients?: (url: URL) => ScenarioClients, digestRoute = "kv-digest") {
  return async (): Promise<Session> => {
    const url = await base();
    const db = `doors-${process.pid}-${++databases}`;
    return {
      send: (op, body) => send(url, db, op, body),
      async digest() {
        const res = await fetch(new URL(`/__test/${digestRoute}/${db}`, url));
        const d = (await res.json()) as { count: number; sha256: string };
        return `${d.count}:${d.sha256}`;
      },
      ...(clients ? { clients: () => clients(new URL(`/${db}`, url)) } : {}),
    };
  };
}

/**
 * The doors into workerd, given the harness Worker's base URL (started with DYNAMODB_AUTH "off"):
 * HTTP through the Worker's routes, and the Durable Object's RPC method handle(op, body) called
 * from the Worker's test route (errors arrive as answers, not as Miniflare's proxy exception).
 */
export function workerdDoors(base: () => Promise<URL>): Door[] {
  return [
    {
      name: "http",
      runtime: "workerd",
      carries: "bytes",
      hostsClients: true,
      summary: "DynamoDB's HTTP protocol into workerd (Miniflare): Worker routes -> Durable Object; the real SDK over HTTP for scenarios",
      open: workerdSession(
        base,
        async (url, db, op, body) => {
          const res = await fetch(new URL(`/${db}`, url), {
            method: "POST",
            headers: { "X-Amz-Target": targetOf(op), "Content-Type": "application/x-amz-json-1.0" },
            body: encodeBody(body),
          });
          return { status: res.status, body: await res.text() };
        },
        (endpoint) => {
          const client = httpClient(endpoint);
          return { client, doc: SdkDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) };
        },
      ),
    },
    {
      name: "http-4-shards",
      runtime: "workerd",
      carries: "bytes",
      summary: "HTTP into workerd as \"http\", every table spread over 4 Durable Objects (js/shard/)",
      skipOp: (op) =>
        op === "DynamoDBStreams.DescribeStream"
          ? "a spread table's stream has one stream shard per table shard, so DescribeStream lists 4 (tests/workerd/sharded.test.ts reads them)"
          : undefined,
      open: workerdSession(base, async (url, db, op, body) => {
        const res = await fetch(new URL(`/__test/sharded/${db}`, url), {
          method: "POST",
          headers: { "X-Amz-Target": targetOf(op), "Content-Type": "application/x-amz-json-1.0" },
          body: encodeBody(body),
        });
        return { status: res.status, body: await res.text() };
      }, undefined, "kv-digest-sharded"),
    },
    {
      name: "do-rpc",
      runtime: "workerd",
      carries: "bytes",
      summary: "the Durable Object's RPC method handle(op, body), called from a Worker in workerd",
      open: workerdSession(base, async (url, db, op, body) => {
        const res = await fetch(new URL(`/__test/rpc/${db}?op=${encodeURIComponent(op)}`, url), { method: "POST", body: encodeBody(body) });
        if (res.status !== 200) throw new Error(`the rpc route failed: ${res.status} ${await res.text()}`);
        return (await res.json()) as Answer;
      }),
    },
  ];
}

/**
 * Doors that run the SDK scenarios inside workerd (harness-worker.ts routes answering
 * [{name, ok, error}]): the real SDK inside the Durable Object on its own engine, and in the Worker
 * against a DO stub over RPC, both through the in-process request handler.
 */
export const SCENARIO_ROUTES: readonly { door: string; summary: string; route: string }[] = [
  { door: "in-do", summary: "the real SDK inside a Durable Object (in-process handler on its engine)", route: "/__test/sdk/in-do?prefix=in-do" },
  { door: "do-rpc", summary: "the real SDK in the Worker over DO RPC (in-process handler on a stub)", route: "/__test/sdk-rpc/rpc?prefix=rpc" },
];

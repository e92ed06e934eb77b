/**
 * The local endpoint in Node (`npx do-dynamodb`, `npm start`): DynamoDB's JSON protocol
 * (js/http/protocol.ts, the Worker's own) over node:http, routed as the Worker routes it
 * (`POST /` is the database "default", `POST /<name>` another) to a shard router per database
 * (js/shard/) over database objects in this process (node-objects.ts). HTTP is hardened here:
 * bodies over 16 MB get 413 while reading (read-body.ts), malformed requests and oversized heads
 * 400, a request that cannot be read in time 408; each of those closes its connection, nothing else.
 */
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { RequestAuthorizer } from "../http/auth.js";
import { type HttpAnswer, MAX_REQUEST_BYTES, type RequestHead, TOO_LARGE, answerDynamoDB, healthAnswer } from "../http/protocol.js";
import { engineModule } from "../node.js";
import { ShardedDatabase } from "../shard/sharded-database.js";
import { databaseFromPath } from "../worker/database-name.js";
import { NodeObjectNamespace } from "./node-objects.js";
import type { SplitSettings } from "../do/shard-split.js";
import { BodyBudget, readBody } from "./read-body.js";

export interface ServerOptions {
  /** Data directory (one SQLite file per object); null: in memory. */
  dataDir: string | null;
  /** Shards of each table created without the do-dynamodb:shards tag (DYNAMODB_SHARDS; default 1). */
  shards?: number;
  authorize?: RequestAuthorizer;
  /** When objects split (DYNAMODB_SPLIT_BYTES, DYNAMODB_SPLIT_RPS; docs/SCALING.md "Splits"). */
  split?: SplitSettings;
  /** Body bytes all requests together may hold while being read (default 256 MiB); past it, 503. */
  bodyBudgetBytes?: number;
}

/** Node's limit on a request's head (request line + headers); over it the request gets 400. */
export const MAX_HEADER_BYTES = 16 * 1024;
const NOT_FOUND: HttpAnswer = { status: 404, headers: { "Content-Type": "text/plain" }, body: new TextEncoder().encode("Not found\n") };
const SERVICE_UNAVAILABLE: HttpAnswer = {
  status: 503,
  headers: { "Content-Type": "application/x-amz-json-1.0" },
  body: new TextEncoder().encode('{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable","message":"The server is receiving too many large requests; retry"}'),
};

export class DynamoDBServer {
  readonly namespace: NodeObjectNamespace;
  readonly http: Server;
  readonly #routers = new Map<string, ShardedDatabase>();
  readonly #options: ServerOptions;
  readonly #budget: BodyBudget;

  constructor(options: ServerOptions) {
    this.#options = options;
    this.namespace = new NodeObjectNamespace(options.dataDir, options.split);
    this.#budget = new BodyBudget(options.bodyBudgetBytes ?? 256 * 1024 * 1024);
    this.http = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 120_000, headersTimeout: 30_000, keepAliveTimeout: 5_000 }, (req, res) => void this.#serve(req, res));
    this.http.on("clientError", refuseMalformed);
  }

  /** Body bytes held by requests being read now. */
  get bodyBytesHeld(): number {
    return this.#budget.held;
  }

  /** Starts listening; rejects with the socket error (EADDRINUSE, EACCES ...). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen({ port, host, backlog: 4096 }, () => {
        this.http.removeListener("error", reject);
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting, drops open connections, closes every object's database. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
    this.namespace.close();
  }

  /** The shard router of a database (one per name, so its shard maps stay cached). */
  database(name: string): ShardedDatabase {
    let router = this.#routers.get(name);
    if (!router) this.#routers.set(name, (router = new ShardedDatabase(this.namespace, name, engineModule(), { shards: this.#options.shards ?? 1 })));
    return router;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const database = databaseFromPath(query < 0 ? url : url.slice(0, query));
    const method = req.method ?? "";
    if (database === null) return send(res, NOT_FOUND, req);
    if (method === "GET" || method === "HEAD") return send(res, healthAnswer(method), req);
    const reading = readBody(req, MAX_REQUEST_BYTES, this.#budget);
    const result = await reading.done;
    try {
      if (!result.ok) {
        if (result.reason !== "aborted") send(res, result.reason === "too-large" ? TOO_LARGE : SERVICE_UNAVAILABLE, req, true);
        return;
      }
      const answer = await answerDynamoDB(requestHead(req, method, url), result.body, this.database(database), { authorize: this.#options.authorize });
      send(res, answer, req);
    } finally {
      reading.release();
    }
  }
}

/** The request as the protocol reads it (headers looked up in node's lower-cased header object). */
function requestHead(req: IncomingMessage, method: string, url: string): RequestHead {
  const h = req.headers;
  return {
    method,
    url: `http://${h.host ?? "localhost"}${url}`,
    headers: {
      get: (name) => {
        const v = h[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
      has: (name) => h[name.toLowerCase()] !== undefined,
    },
  };
}

/** Writes an answer; close: the request was not read to its end, so the connection cannot be reused. */
function send(res: ServerResponse, answer: HttpAnswer, req: IncomingMessage, close = false): void {
  if (res.destroyed) return;
  if (close) {
    res.shouldKeepAlive = false;
    res.setHeader("Connection", "close");
    res.once("finish", () => req.socket.destroySoon());
  }
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": answer.body.length });
  res.end(answer.body);
}

/** A request node:http could not parse (malformed, head over MAX_HEADER_BYTES) or read in time: 400 / 408, then close. */
function refuseMalformed(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const status = err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

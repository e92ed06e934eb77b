#!/usr/bin/env node
/**
 * `do-dynamodb [--port 8000] [--host 127.0.0.1] [--data DIR | --in-memory]`: serves DynamoDB's HTTP
 * API from this process (js/server/http-server.ts). Environment, as the Worker reads it:
 * DYNAMODB_SHARDS (shards of each new table), DYNAMODB_SPLIT_BYTES and DYNAMODB_SPLIT_RPS (when an
 * object splits: docs/SCALING.md), DYNAMODB_ACCESS_KEYS and DYNAMODB_AUTH (default
 * "required" when keys are configured, else "any-signature": any key and secret work, as with
 * DynamoDB Local); PORT when --port is absent. Exit codes: 0 stopped by a signal, 1 the server could
 * not start (port taken, data directory unusable), 2 bad arguments.
 */
import { splitSettingsFromEnv } from "../do/shard-split.js";
import { parseArgs } from "node:util";
import { authorizerFromEnv } from "../http/auth.js";
import { shardsFromEnv } from "../shard/shard-map.js";
import { claimDataDir } from "./data-dir.js";
import { DynamoDBServer } from "./http-server.js";

const USAGE = "usage: do-dynamodb [--port 8000] [--host 127.0.0.1] [--data DIR | --in-memory]";

function fail(code: number, message: string): never {
  console.error(`do-dynamodb: ${message}`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({ options: { port: { type: "string" }, host: { type: "string" }, data: { type: "string" }, "in-memory": { type: "boolean" }, help: { type: "boolean" } } }).values;
} catch (err) {
  fail(2, `${(err as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.data !== undefined && args["in-memory"]) fail(2, `--data and --in-memory exclude each other\n${USAGE}`);
const port = Number(args.port ?? process.env.PORT ?? 8000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(2, `--port must be a port number: ${args.port ?? process.env.PORT}`);
const host = args.host ?? "127.0.0.1";

let data: ReturnType<typeof claimDataDir> | null = null;
if (args.data !== undefined) {
  try {
    data = claimDataDir(args.data);
  } catch (err) {
    fail(1, (err as Error).message);
  }
}
const env = process.env;
const auth = env.DYNAMODB_AUTH || (env.DYNAMODB_ACCESS_KEYS?.trim() ? "required" : "any-signature");
const server = new DynamoDBServer({
  dataDir: data?.path ?? null,
  shards: shardsFromEnv(env),
  split: splitSettingsFromEnv(env),
  authorize: authorizerFromEnv({ DYNAMODB_AUTH: auth, DYNAMODB_ACCESS_KEYS: env.DYNAMODB_ACCESS_KEYS }),
});
try {
  await server.listen(port, host);
} catch (err) {
  data?.unlock();
  const code = (err as NodeJS.ErrnoException).code;
  fail(1, code === "EADDRINUSE" ? `port ${port} on ${host} is already in use; pick another with --port`
    : `cannot listen on ${host}:${port}: ${(err as Error).message}`);
}
const address = server.http.address() as { port: number };
const where = data ? `data in ${data.path}` : "in memory";
const shards = shardsFromEnv(env);
console.log(`do-dynamodb: DynamoDB endpoint at http://${host}:${address.port} (${where}; auth ${auth}${shards > 1 ? `; new tables over ${shards} shards` : ""}), ready in ${Math.round(performance.now())} ms`);

// The stored objects open after the server listens (ready sooner); their alarms then run (TTL sweeps).
setImmediate(() => {
  try {
    server.namespace.openAll();
  } catch (err) {
    console.error(`do-dynamodb: cannot open the data in ${data?.path}: ${(err as Error).message}`);
  }
});

const stop = () => {
  void server.close().finally(() => {
    data?.unlock();
    process.exit(0);
  });
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

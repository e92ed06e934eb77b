/**
 * Starts Miniflare on a bundled Worker (dist/bundles/<name>, made by `npm run build:js`), serving on
 * 127.0.0.1 at a free port, with the DynamoDBDurableObject class bound as DYNAMODB on SQLite
 * storage. Optionally persists Durable Object storage to a directory, so a test can restart
 * Miniflare and read back what it wrote. The Worker's variables default to DYNAMODB_AUTH
 * "any-signature" (any well-formed SigV4 signature, as DynamoDB Local and `npm start`); pass
 * `bindings` to change them (e.g. "required" with DYNAMODB_ACCESS_KEYS, or "off").
 */
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import type { BundleName } from "../../js/tools/bundle.js";

export interface StartedWorker {
  mf: Miniflare;
  /** The worker's base URL, e.g. http://127.0.0.1:38211/ */
  url: URL;
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Directory for Durable Object storage; in memory when absent. */
  persistTo?: string;
  /** Text bindings (Worker variables), merged over { DYNAMODB_AUTH: "any-signature" }. */
  bindings?: Record<string, string>;
  /** Durable Object bindings; default { DYNAMODB: DynamoDBDurableObject }. */
  durableObjects?: Record<string, { className: string; useSQLite: true }>;
}

const ROOT = new URL("../../../", import.meta.url); // dist/tests/workerd/ -> repository root

export async function startWorker(name: BundleName, options: StartOptions = {}): Promise<StartedWorker> {
  const mf = new Miniflare({
    scriptPath: fileURLToPath(new URL(`dist/bundles/${name}/index.js`, ROOT)),
    modules: true,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-26",
    durableObjects: options.durableObjects ?? { DYNAMODB: { className: "DynamoDBDurableObject", useSQLite: true } },
    durableObjectsPersist: options.persistTo ?? false,
    bindings: { DYNAMODB_AUTH: "any-signature", ...options.bindings },
    compatibilityFlags: name === "worker" ? [] : ["nodejs_compat"],
    host: "127.0.0.1",
    port: 0,
  });
  const url = await mf.ready;
  return { mf, url, dispose: () => mf.dispose() };
}

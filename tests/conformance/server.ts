/**
 * The one Miniflare instance of a conformance run (spawned by runner.ts, detached), on the harness
 * Worker (the production routes plus its /__test/ routes, which the DO RPC door and digests use):
 * `node server.js <test runner pid> <dir>`. Starts the Worker, writes its URL to
 * <dir>/url, and disposes of it and removes <dir> once the test runner has exited (or after 15 min).
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startWorker } from "../workerd/miniflare.js";

const [ownerArg, dir] = process.argv.slice(2);
const owner = Number(ownerArg);
if (!dir || !Number.isInteger(owner)) throw new Error("usage: server.js <owner pid> <dir>");

const worker = await startWorker("harness", { bindings: { DYNAMODB_AUTH: "off" } }); // cases POST unsigned; test routes for DO RPC and kv digests
writeFileSync(join(dir, "url.tmp"), String(worker.url));
renameSync(join(dir, "url.tmp"), join(dir, "url"));

const started = Date.now();
const timer = setInterval(() => {
  let alive = true;
  try {
    process.kill(owner, 0);
  } catch {
    alive = false;
  }
  if (!alive || Date.now() - started > 15 * 60_000) {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
    void worker.dispose().finally(() => process.exit(0));
  }
}, 250);

/**
 * The hostile-input corpus (tests/hostile/corpus.ts) through the front doors into workerd
 * (workerdDoors of tests/support/doors.ts: HTTP through the Worker's routes, the Durable Object's
 * RPC method), under one Miniflare instance with the harness Worker; each door has its own database
 * holding the fixture, and the kv table's digest must not change.
 */
import { after } from "node:test";
import { workerdDoors } from "../support/doors.js";
import { hostileSuite } from "../hostile/run.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

let worker: Promise<StartedWorker> | undefined;
const url = async () => (await (worker ??= startWorker("harness", { bindings: { DYNAMODB_AUTH: "off" } }))).url;
after(async () => (await worker)?.dispose());

for (const door of workerdDoors(url)) hostileSuite(door);

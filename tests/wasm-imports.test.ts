/**
 * The engine must import nothing but the six host functions of wasm/include/dodb/host.h (no WASI:
 * Workers provide none), and export what js/engine/wasm-engine.ts calls.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ENGINE_WASM_PATH, engineModule } from "../js/node.js";

const HOST_IMPORTS = ["kv_delete", "kv_get", "kv_put", "kv_scan", "kv_take", "host_now_ms"].sort();
const EXPORTS = ["memory", "_initialize", "dodb_alloc", "dodb_free", "dodb_handle", "dodb_response_ptr", "dodb_response_len"];

test("engine.wasm imports only the env host functions", () => {
  const imports = WebAssembly.Module.imports(engineModule());
  const unexpected = imports.filter((i) => i.module !== "env" || !HOST_IMPORTS.includes(i.name));
  assert.deepEqual(unexpected, [], `unexpected imports: ${unexpected.map((i) => `${i.module}.${i.name}`).join(", ")}`);
  for (const i of imports) assert.equal(i.kind, "function", `${i.name} is a function import`);
  assert.deepEqual(imports.map((i) => i.name).sort(), HOST_IMPORTS);
});

test("engine.wasm exports the engine ABI", () => {
  const exports = new Map(WebAssembly.Module.exports(engineModule()).map((e) => [e.name, e.kind]));
  for (const name of EXPORTS) assert.ok(exports.has(name), `exports ${name}`);
  assert.equal(exports.get("memory"), "memory");
});

test("engine.wasm is small enough to ship in a Worker", () => {
  const size = readFileSync(ENGINE_WASM_PATH).length;
  assert.ok(size < 3 * 1024 * 1024, `engine.wasm is ${size} bytes`);
});

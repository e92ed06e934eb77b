/**
 * The operation table against the engine's: the operations with a `run` in js/engine/operations.ts
 * are exactly those of the engine's X-macro lists DODB_OPERATIONS and DODB_STREAMS_OPERATIONS (the
 * Streams ones as "DynamoDBStreams.<name>"), found in whichever header under wasm/src defines them;
 * and the facts agree with each other (what runs without a transaction needs only read permission,
 * a held-back item write needs write permission).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { ENGINE_OPERATIONS, allOperationFacts, operationFacts } from "./operations.js";

const WASM_SRC = fileURLToPath(new URL("../../../wasm/src/", import.meta.url)); // dist/js/engine/ -> repository root

/** The text of the one header under dir that defines macro (`#define <macro>(`). */
function headerDefining(dir: string, macro: string): string {
  const found = (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".h"))
    .map((file) => readFileSync(join(dir, file), "utf8"))
    .filter((text) => text.includes(`#define ${macro}(`));
  assert.equal(found.length, 1, `exactly one header under ${dir} defines ${macro}`);
  return found[0]!;
}

/** The names an X-macro list passes to X: the `X(Name)` of its definition's continued lines. */
function xMacroNames(header: string, macro: string): string[] {
  const lines = header.slice(header.indexOf(`#define ${macro}(`)).split("\n");
  const end = lines.findIndex((line) => !line.trimEnd().endsWith("\\"));
  const definition = lines.slice(0, end + 1).join("\n");
  return [...definition.matchAll(/\bX\((\w+)\)/g)].map((m) => m[1]!);
}

test("the operations with a `run` are the engine's operation table", () => {
  const header = headerDefining(WASM_SRC, "DODB_OPERATIONS");
  const dynamodb = xMacroNames(header, "DODB_OPERATIONS");
  const streams = xMacroNames(header, "DODB_STREAMS_OPERATIONS");
  assert.ok(dynamodb.length > 20 && streams.length > 0, "the X-macro lists were found and read");
  const engine = [...dynamodb, ...streams.map((op) => `DynamoDBStreams.${op}`)];
  assert.deepEqual([...ENGINE_OPERATIONS].sort(), engine.sort());
});

test("the facts agree with each other", () => {
  for (const [op, facts] of allOperationFacts()) {
    if (facts.run === "read-only") assert.equal(facts.access, "read", `${op} runs without a transaction, so it only reads`);
    if (facts.run === "held-back-write") assert.equal(facts.access, "write", `${op} is an item write`);
    if (facts.maintenance) assert.ok(facts.run, `${op} leaves maintenance work, so the engine runs it`);
  }
  assert.deepEqual(ENGINE_OPERATIONS, allOperationFacts().filter(([, facts]) => facts.run).map(([op]) => op), "the engine's have a run, the others none");
});

test("operationFacts knows DynamoDB's names only", () => {
  assert.equal(operationFacts("Query")?.access, "read");
  assert.equal(operationFacts("ExecuteStatement")?.access, "write");
  assert.equal(operationFacts("ExecuteStatement")?.run, "held-back-write");
  assert.equal(operationFacts("CreateBackup")?.run, undefined);
  for (const name of ["constructor", "toString", "__proto__", "@Maintain", "FlyToTheMoon", "DynamoDBStreams.PutItem"]) {
    assert.equal(operationFacts(name), undefined, name);
  }
});

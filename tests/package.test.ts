/**
 * The package as users get it: every `exports` entry resolves (types and code) in the built dist;
 * the Node-loadable entries import by name through the exports map; "./do" (which imports
 * cloudflare:workers and the wasm) bundles from dist as wrangler would; and the facade's size
 * without the AWS SDK: ".", "./lib" and both together, esbuild-minified and gzipped, each within
 * the 25 KB budget, with no module of the AWS SDK or any other package inside.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)); // dist/tests/ -> repository root
const BUDGET_GZIP = 25 * 1024;

type Exports = Record<string, string | { types: string; default: string }>;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; exports: Exports };

test("every exports entry exists in dist (code and declarations)", () => {
  assert.deepEqual(Object.keys(pkg.exports), [".", "./lib", "./do", "./sdk", "./node", "./package.json"]);
  for (const [entry, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === "string" ? [target] : [target.types, target.default]) {
      assert.ok(existsSync(join(ROOT, file)), `${entry}: ${file}`);
    }
  }
  assert.ok(existsSync(join(ROOT, "dist/build/wasm/engine.wasm")), "the engine ships beside dist/js");
});

test("the Node entries import by package name", async () => {
  const main = await import("do-dynamodb");
  const lib = await import("do-dynamodb/lib");
  const node = await import("do-dynamodb/node");
  const sdk = await import("do-dynamodb/sdk");
  assert.equal(typeof main.DynamoDBClient, "function");
  assert.equal(typeof main.PutItemCommand, "function");
  assert.equal(typeof lib.DynamoDBDocumentClient.from, "function");
  assert.equal(typeof sdk.createInProcessClient, "function");
  const doc = lib.DynamoDBDocumentClient.from(new main.DynamoDBClient({ target: node.createNodeEngine() }));
  assert.deepEqual((await doc.send(new main.ListTablesCommand({}))).TableNames, []);
});

test('"./do" bundles from dist for Workers, with the engine as a wasm module import', async () => {
  const out = mkdtempSync(join(tmpdir(), "do-dynamodb-do-"));
  try {
    const result = await build({
      entryPoints: [join(ROOT, "dist/js/do/index.js")], bundle: true, format: "esm", platform: "browser",
      conditions: ["workerd", "worker", "browser"], external: ["cloudflare:*"], loader: { ".wasm": "copy" },
      outdir: out, logLevel: "silent", metafile: true,
    });
    assert.ok(Object.keys(result.metafile.inputs).some((f) => f.endsWith("dist/build/wasm/engine.wasm")));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

const MEASURED = {
  ".": 'export * from "./js/index.ts";',
  "./lib": 'export * from "./js/lib/index.ts";',
  '"." + "./lib"': 'export * from "./js/index.ts"; export * from "./js/lib/index.ts";',
};

for (const [name, contents] of Object.entries(MEASURED)) {
  test(`size of ${name} without the AWS SDK: within ${BUDGET_GZIP / 1024} KB gzipped`, async (t) => {
    const result = await build({
      stdin: { contents, resolveDir: ROOT, loader: "ts" }, bundle: true, minify: true, format: "esm",
      platform: "browser", target: "es2022", write: false, metafile: true, logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((f) => f.includes("node_modules")), [], "nothing from node_modules (the SDK's types are type-only)");
    const code = result.outputFiles[0]!.contents;
    const gzipped = gzipSync(code, { level: 9 }).length;
    const line = `${name}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_GZIP / 1024} KB)`;
    t.diagnostic(line);
    console.log(line);
    assert.ok(gzipped <= BUDGET_GZIP, line);
  });
}

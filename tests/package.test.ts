/**
 * The package as users get it: every `exports` entry resolves (types and code) in the built dist;
 * the Node-loadable entries import by name through the exports map; "./do" (which imports
 * cloudflare:workers and the wasm) bundles from dist as wrangler would; and the facade's size
 * without the AWS SDK: ".", "./lib" and both together, esbuild-minified and gzipped, each within
 * the 25 KB budget, with no module of the AWS SDK or any other package inside. And the tarball
 * (`npm pack --dry-run --json`): the code, declarations, engine and documents it must ship, every
 * relative import of a shipped module shipped too, and nothing of tests or build leftovers; the
 * metadata a publish needs. (tests/package/ installs the tarball into Worker projects.)
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)); // dist/tests/ -> repository root
const BUDGET_GZIP = 25 * 1024;

type Exports = Record<string, string | { types: string; default: string }>;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string; version: string; license: string; private?: boolean; exports: Exports; scripts: Record<string, string>;
};

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

/** What `npm pack` would put in the tarball (lifecycle scripts skipped: the test run has built dist). */
function tarball(): { files: string[]; size: number; unpackedSize: number } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, env, encoding: "utf8" });
  const [packed] = JSON.parse(out) as [{ files: { path: string }[]; size: number; unpackedSize: number }];
  return { files: packed.files.map((f) => f.path).sort(), size: packed.size, unpackedSize: packed.unpackedSize };
}

test("the tarball: code, declarations, engine and documents, every relative import shipped, no tests or leftovers", (t) => {
  const { files, size, unpackedSize } = tarball();
  const shipped = new Set(files);
  const line = `tarball: ${files.length} files, ${(size / 1024).toFixed(1)} KB packed, ${(unpackedSize / 1024).toFixed(1)} KB unpacked`;
  t.diagnostic(line);
  console.log(line);
  for (const required of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/build/wasm/engine.wasm"]) {
    assert.ok(shipped.has(required), required);
  }
  for (const target of Object.values(pkg.exports)) {
    for (const file of typeof target === "string" ? [target] : [target.types, target.default]) assert.ok(shipped.has(file.slice(2)), file);
  }
  const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/build\/wasm\/engine\.wasm|dist\/js\/[\w/.-]+\.(js|d\.ts))$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], "only the allowed kinds of file");
  assert.deepEqual(files.filter((f) => /\.test\.|\/tools\/|conformance|\/tests?\//.test(f)), [], "nothing of tests or build tools");
  for (const file of files.filter((f) => /\.(js|d\.ts)$/.test(f))) {
    const code = readFileSync(join(ROOT, file), "utf8");
    assert.doesNotMatch(code, /sourceMappingURL/, `${file} points at a source map the tarball does not ship`);
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec!));
      const candidates = file.endsWith(".d.ts") ? [target, target.replace(/\.js$/, ".d.ts")] : [target];
      assert.ok(candidates.some((c) => shipped.has(c)), `${file} imports ${spec}, which is not shipped`);
    }
  }
});

test("publish metadata: version, MIT license, not private, a changelog entry for the version, prepack builds", () => {
  assert.equal(pkg.private, undefined);
  assert.equal(pkg.license, "MIT");
  assert.match(readFileSync(join(ROOT, "LICENSE"), "utf8"), /^MIT License\n/);
  assert.match(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8"), new RegExp(`^## ${pkg.version.replace(/\./g, "\\.")}$`, "m"));
  assert.match(pkg.scripts.prepack ?? "", /scripts\/build\.sh --wasm-only && npm run build:js/);
});

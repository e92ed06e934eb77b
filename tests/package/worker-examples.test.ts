/**
 * The package as a user installs it, in Worker projects: the tarball `npm pack` makes is installed
 * into a temporary copy of examples/quickstart (wrangler from the registry, as its package.json pins
 * it), bundled by `wrangler deploy --dry-run` and run under Miniflare, which must answer real requests
 * (the declared table created on first use, an item put and read back). The README's first Worker
 * example must be that project, file for file. Every other README Worker example (a ```ts block
 * with a default export) runs verbatim the same way, in the same project, with the configuration
 * and requests of its row below; then all of them typecheck against the installed declarations.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import ts from "typescript";
import { addPackages, bundle, installProject, packPackage, ROOT, serve } from "./worker-project.js";

const QUICKSTART = "examples/quickstart";
const QUICKSTART_FILES = ["package.json", "wrangler.toml", "src/index.ts"];
/** The AWS SDK version the README's SDK example runs with (the repository's devDependency). */
const SDK = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> })
  .devDependencies["@aws-sdk/client-dynamodb"]!;

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const workerBlocks = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => /^export default\b/m.test(code));

interface ReadmeWorker {
  /** Picks the README block: a string only it contains. */
  marks: string;
  /** Where the block goes in the project, and the wrangler config that bundles it. */
  file: string;
  wrangler: string;
  /** Sends requests to the served Worker; throws if an answer is wrong. */
  check(url: URL): Promise<void>;
}

async function json(url: URL, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

const README_WORKERS: ReadmeWorker[] = [
  {
    marks: "withDynamoDB(DurableObject, { tables:",
    file: "src/agent.ts",
    wrangler: 'name = "agent"\nmain = "src/agent.ts"\ncompatibility_date = "2026-04-26"\n' +
      'durable_objects.bindings = [{ name = "AGENTS", class_name = "Agent" }]\nmigrations = [{ tag = "v1", new_sqlite_classes = ["Agent"] }]\n',
    async check(url) {
      assert.deepEqual(await json(url, { method: "POST", body: "first" }), { pk: "me", latest: "first", notes: 1 });
      assert.deepEqual(await json(url, { method: "POST", body: "second" }), { pk: "me", latest: "second", notes: 2 });
    },
  },
  {
    marks: "createInProcessClient(db)",
    file: "src/sdk.ts",
    wrangler: readFileSync(join(ROOT, QUICKSTART, "wrangler.toml"), "utf8").replace('main = "src/index.ts"', 'main = "src/sdk.ts"'),
    async check(url) {
      assert.deepEqual(await json(url), { pk: "a", text: "hello" });
    },
  },
];

let tarball: string;
let project: string;
before(async () => {
  tarball = await packPackage();
  project = await installProject(QUICKSTART, tarball);
}, { timeout: 300_000 });
after(() => {
  for (const dir of [tarball && dirname(tarball), project && dirname(project)]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Bundles the project with this wrangler config, serves it under Miniflare, and runs check against it. */
async function bundleAndServe(config: string, check: (url: URL) => Promise<void>): Promise<void> {
  const served = await serve(project, await bundle(project, config), config);
  try {
    await check(served.url);
  } finally {
    await served.dispose();
  }
}

test("the README's first Worker example is examples/quickstart, file for file", () => {
  for (const file of QUICKSTART_FILES) {
    const path = `${QUICKSTART}/${file}`;
    const shown = README.match(new RegExp("`" + path.replace(/[./]/g, "\\$&") + "`\\n```\\w+\\n([\\s\\S]*?)```"));
    assert.ok(shown, `the README shows ${path}`);
    assert.equal(shown[1], readFileSync(join(ROOT, path), "utf8"), `${path} as the README shows it`);
  }
  assert.equal(workerBlocks[0], readFileSync(join(ROOT, QUICKSTART, "src/index.ts"), "utf8"), "it is the first");
});

test("the quickstart from the tarball: its declared table created on first use, an item put and read back", { timeout: 120_000 }, () =>
  bundleAndServe("wrangler.toml", async (url) => {
    assert.deepEqual(await json(new URL("/a", url), { method: "PUT", body: "hello" }), { pk: "a", text: "hello" });
    assert.deepEqual(await json(new URL("/a", url)), { pk: "a", text: "hello" });
    const missing = await fetch(new URL("/b", url));
    assert.deepEqual([missing.status, await missing.json()], [404, null]);
  }));

describe("the README's other Worker examples, verbatim in the quickstart project", { concurrency: false }, () => {
  before(() => addPackages(project, [`@aws-sdk/client-dynamodb@${SDK}`, `@aws-sdk/lib-dynamodb@${SDK}`]), { timeout: 300_000 });

  test("each README Worker example has its row here", () => {
    const rows = workerBlocks.slice(1).map((code) => README_WORKERS.filter((w) => code.includes(w.marks)).length);
    assert.deepEqual(rows, README_WORKERS.map(() => 1), "each block matched by exactly one row, each row by a block");
  });

  for (const worker of README_WORKERS) {
    test(`${worker.file}: the block with ${worker.marks}`, { timeout: 120_000 }, () => {
      writeFileSync(join(project, worker.file), workerBlocks.find((c) => c.includes(worker.marks))!);
      const config = `wrangler.${worker.file.replace(/\W/g, "-")}.toml`;
      writeFileSync(join(project, config), worker.wrangler);
      return bundleAndServe(config, worker.check);
    });
  }

  test("all of them typecheck against the installed package's declarations; a wrong table definition does not", () => {
    writeFileSync(join(project, "src/wrong.ts"), 'import type { TableDefinition } from "do-dynamodb/do";\n' +
      'export const tables: TableDefinition[] = [{ TableName: "t", KeySchema: [{ AttributeName: "pk", KeyType: "PRIMARY" }] }];\n');
    const files = ["src/index.ts", ...README_WORKERS.map((w) => w.file), "src/wrong.ts"].map((f) => join(project, f));
    const program = ts.createProgram([...files, join(ROOT, "node_modules/@cloudflare/workers-types/index.d.ts")], {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ["lib.es2023.d.ts"], types: [],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) =>
      `${d.file ? d.file.fileName.slice(project.length + 1) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    assert.equal(errors.length, 1, errors.join("\n"));
    assert.match(errors[0]!, /^src\/wrong\.ts: Type '"PRIMARY"' is not assignable to type 'KeyType/);
  });
});

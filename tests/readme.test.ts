/**
 * The README's Node snippets for the package run as written: each ```ts block that imports
 * "do-dynamodb/node" is transpiled (esbuild) into dist/ (so "do-dynamodb" resolves through the
 * package's exports map) and run with node; it must exit 0 and print what its comments promise.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { transform } from "esbuild";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const blocks = [...readFileSync(join(ROOT, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .filter((code) => code.includes('from "do-dynamodb/node"'));

test("the README has Node snippets for the package", () => assert.ok(blocks.length >= 2));

for (const [i, code] of blocks.entries()) {
  test(`README snippet ${i + 1} runs`, async () => {
    const file = join(ROOT, "dist", `readme-snippet-${i + 1}.mjs`);
    writeFileSync(file, (await transform(code, { loader: "ts", format: "esm" })).code);
    try {
      const out = execFileSync(process.execPath, ["--no-warnings", file], { encoding: "utf8" });
      if (code.includes("// { pk: { S: \"a\" } } 400")) assert.match(out, /\{ pk: \{ S: 'a' \} \} 400/);
    } finally {
      rmSync(file, { force: true });
    }
  });
}

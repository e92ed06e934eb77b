/**
 * Bundles the Workers scripts that Miniflare runs in tests and benchmarks, from the TypeScript
 * sources, into dist/bundles/<name>/index.js with engine.wasm copied beside each (esbuild's copy
 * loader keeps the import, which Miniflare's CompiledWasm module rule then loads). Resolution follows
 * workerd's conditions, so the AWS SDK's browser build (fetch, WebCrypto) is the one bundled.
 * Run from the repository root after tsc: `node dist/js/tools/bundle.js`.
 */
import { builtinModules, createRequire } from "node:module";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { build, type BuildOptions } from "esbuild";

export const BUNDLES = {
  worker: "worker/index.ts",
  harness: "tests/workerd/harness-worker.ts",
  "bench-worker": "bench/bench-worker.ts",
  ecosystem: "tests/workerd/ecosystem-worker.ts",
  facade: "tests/workerd/facade-worker.ts",
  "declared-tables": "tests/workerd/declared-tables-worker.ts",
  "example-agent-memory": "examples/agent-memory/worker.ts",
  "example-orders": "examples/orders/worker.ts",
} as const;

export type BundleName = keyof typeof BUNDLES;

/** The ES-module build of a package's entry (a package's "module" field). */
function esmEntry(pkg: string): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${pkg}/package.json`);
  return `${dirname(manifest)}/${(require(manifest) as { module: string }).module}`;
}

/**
 * Per-bundle options. ecosystem: ElectroDB and @mastra/dynamodb require() lib-dynamodb, whose
 * CommonJS build pulls Node modules, so it and util-dynamodb resolve to their dist-es builds; and
 * @mastra/core imports bare Node builtins ("events", "crypto"), left to workerd's nodejs_compat.
 */
const EXTRA: Partial<Record<BundleName, () => BuildOptions>> = {
  ecosystem: () => ({
    alias: {
      "@aws-sdk/lib-dynamodb": esmEntry("@aws-sdk/lib-dynamodb"),
      "@aws-sdk/util-dynamodb": esmEntry("@aws-sdk/util-dynamodb"),
    },
    external: ["cloudflare:*", "node:*", ...builtinModules],
  }),
};

async function bundle(name: BundleName): Promise<void> {
  await build({
    entryPoints: { index: BUNDLES[name] },
    outdir: `dist/bundles/${name}`,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    sourcemap: "linked",
    keepNames: true,
    logLevel: "warning",
    ...EXTRA[name]?.(),
  });
}

/** The package's layout: dist/js/do/engine-module.js and dist/js/node.js load dist/build/wasm/engine.wasm. */
function copyEngineIntoDist(): void {
  mkdirSync("dist/build/wasm", { recursive: true });
  copyFileSync("build/wasm/engine.wasm", "dist/build/wasm/engine.wasm");
}

copyEngineIntoDist();
await Promise.all((Object.keys(BUNDLES) as BundleName[]).map(bundle));

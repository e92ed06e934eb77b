/**
 * Bundles the Workers scripts that Miniflare runs in tests and benchmarks, from the TypeScript
 * sources, into dist/bundles/<name>/index.js with engine.wasm copied beside each (esbuild's copy
 * loader keeps the import, which Miniflare's CompiledWasm module rule then loads). Resolution follows
 * workerd's conditions, so the AWS SDK's browser build (fetch, WebCrypto) is the one bundled.
 * Run from the repository root after tsc: `node dist/js/tools/bundle.js`.
 */
import { build } from "esbuild";

export const BUNDLES = {
  worker: "worker/index.ts",
  harness: "tests/workerd/harness-worker.ts",
  "bench-worker": "bench/bench-worker.ts",
} as const;

export type BundleName = keyof typeof BUNDLES;

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
  });
}

await Promise.all((Object.keys(BUNDLES) as BundleName[]).map(bundle));

/**
 * A Worker project as a user has it, on the package as published: packPackage() packs this
 * repository (`npm pack` of the built dist; lifecycle scripts skipped, since the test run has just
 * built it and prepack would rebuild dist under the running tests), installProject() copies a project
 * into a temporary directory and `npm install`s the tarball there (wrangler and the rest come from the
 * registry, through npm's cache when it has them), bundle() runs `wrangler deploy --dry-run --outdir`,
 * and serve() runs the bundle under Miniflare, bound as the project's wrangler config says.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Miniflare, type WorkerOptions } from "miniflare";

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url)); // dist/tests/package/ -> repository root

/** The environment without what an enclosing `npm run` sets (npm_config_*, npm_package_*), so nested npm runs stand alone. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", ...extra };
}

async function npm(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run("npm", args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** `npm pack` of this repository into a new temporary directory; the tarball's path. */
export async function packPackage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "do-dynamodb-pack-"));
  const [{ filename }] = JSON.parse(await npm(ROOT, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir])) as [{ filename: string }];
  return join(dir, filename);
}

/**
 * Copies the project at `source` (relative to the repository) into a new temporary directory and
 * installs the tarball there, with `packages` besides (e.g. "@aws-sdk/lib-dynamodb@3.1162.0").
 */
export async function installProject(source: string, tarball: string, packages: string[] = []): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), "do-dynamodb-project-")), "project");
  cpSync(join(ROOT, source), dir, { recursive: true });
  await npm(dir, ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...packages]);
  return dir;
}

/** Installs `packages` into an installed project, leaving its package.json as it is. */
export async function addPackages(project: string, packages: string[]): Promise<void> {
  await npm(project, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-save", ...packages]);
}

/** `wrangler deploy --dry-run` of the project (its wrangler config, or `config`); the output directory. */
export async function bundle(project: string, config = "wrangler.toml"): Promise<string> {
  const out = join(project, `dist-${config.replace(/\W/g, "-")}`);
  const wrangler = join(project, "node_modules", ".bin", "wrangler");
  await run(wrangler, ["deploy", "--dry-run", "--config", config, "--outdir", out], { cwd: project, env: cleanEnv() });
  return out;
}

export interface ServedBundle {
  url: URL;
  dispose(): Promise<void>;
}

/**
 * Runs wrangler's output under Miniflare, with the compatibility settings and bindings wrangler
 * itself reads from the project's config (the installed wrangler's unstable_getMiniflareWorkerOptions).
 */
export async function serve(project: string, bundleDir: string, config = "wrangler.toml"): Promise<ServedBundle> {
  const wrangler = pathToFileURL(join(project, "node_modules", "wrangler", "wrangler-dist", "cli.js")).href;
  const { unstable_getMiniflareWorkerOptions } = (await import(wrangler)) as {
    unstable_getMiniflareWorkerOptions(path: string): { workerOptions: Pick<WorkerOptions, "compatibilityDate" | "compatibilityFlags" | "durableObjects" | "bindings"> };
  };
  const { compatibilityDate, compatibilityFlags, durableObjects, bindings } = unstable_getMiniflareWorkerOptions(join(project, config)).workerOptions;
  const script = readdirSync(bundleDir).find((f) => f.endsWith(".js"))!;
  const mf = new Miniflare({
    scriptPath: join(bundleDir, script),
    modulesRoot: bundleDir,
    modules: true,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate, compatibilityFlags, durableObjects, bindings,
    host: "127.0.0.1",
    port: 0,
  });
  return { url: await mf.ready, dispose: () => mf.dispose() };
}

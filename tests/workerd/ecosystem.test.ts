/**
 * Libraries users bring, run unmodified in workerd inside a Durable Object against its engine
 * (in-process client): ElectroDB, dynamodb-toolbox v2 and @mastra/dynamodb's DynamoDBStore. Each
 * scenario case is its own node:test test; a case failing for a known engine gap is a `todo` with
 * the reason. The bundle (dist/bundles/ecosystem, `npm run build:js`) is started with its modules
 * listed explicitly: @mastra/core has a computed dynamic import() that Miniflare's module discovery
 * (scriptPath + modules: true) refuses.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { Miniflare } from "miniflare";
import type { EcoResult } from "../scenarios/ecosystem-common.js";
import { ELECTRODB_CASES } from "../scenarios/ecosystem-electrodb.js";
import { MASTRA_CASES } from "../scenarios/ecosystem-mastra.js";
import { TOOLBOX_CASES } from "../scenarios/ecosystem-toolbox.js";

const BUNDLE = fileURLToPath(new URL("../../bundles/ecosystem/", import.meta.url)); // from dist/tests/workerd/

/** Cases that fail because of an engine gap, with the reason (reported as todo, not failure). */
const KNOWN_GAPS: Record<string, string> = {};
/** The same, on tables spread over 4 shards. */
const KNOWN_SHARDED_GAPS: Record<string, string> = {};

/** Where each suite runs: inside the Durable Object, and in the Worker over 4-shard tables. */
const PLACES = [
  { route: "eco", label: "", gaps: KNOWN_GAPS },
  { route: "eco-4-shards", label: ", tables over 4 shards", gaps: KNOWN_SHARDED_GAPS },
] as const;

const SUITES = [
  { suite: "electrodb", title: "ElectroDB in a Durable Object", cases: ELECTRODB_CASES },
  { suite: "toolbox", title: "dynamodb-toolbox v2 in a Durable Object", cases: TOOLBOX_CASES },
  { suite: "mastra", title: "@mastra/dynamodb DynamoDBStore in a Durable Object", cases: MASTRA_CASES },
] as const;

function formatFailure(r: EcoResult): string {
  const refused = (r.refused ?? []).map((q) => `  ${q.op} ${q.request}\n  -> ${q.status} ${q.response}`).join("\n");
  return `${r.error ?? "failed"}${refused ? `\nrequests the engine refused during the case:\n${refused}` : ""}`;
}

describe("ecosystem libraries in workerd", () => {
  let mf: Miniflare;
  let url: URL;
  before(async () => {
    const wasm = readdirSync(BUNDLE).filter((f) => f.endsWith(".wasm"));
    mf = new Miniflare({
      modulesRoot: BUNDLE,
      modules: [
        { type: "ESModule", path: `${BUNDLE}index.js` },
        ...wasm.map((f) => ({ type: "CompiledWasm" as const, path: `${BUNDLE}${f}` })),
      ],
      compatibilityDate: "2026-04-26",
      compatibilityFlags: ["nodejs_compat"],
      durableObjects: { DYNAMODB: { className: "DynamoDBDurableObject", useSQLite: true } },
      host: "127.0.0.1",
      port: 0,
    });
    url = await mf.ready;
  });
  after(() => mf?.dispose());

  for (const { suite, title, cases } of SUITES) for (const { route, label, gaps } of PLACES) {
    describe(title + label, () => {
      let results: Map<string, EcoResult>;
      before(async () => {
        const res = await fetch(new URL(`/__test/${route}/${suite}/${route}-${suite}?prefix=${suite}`, url));
        const text = await res.text();
        assert.equal(res.status, 200, text);
        results = new Map((JSON.parse(text) as EcoResult[]).map((r) => [r.name, r]));
      });
      for (const c of cases) {
        const todo = gaps[c.name];
        test(c.name, todo ? { todo } : {}, () => {
          const r = results.get(c.name);
          assert.ok(r, "the case ran");
          assert.ok(r.ok, formatFailure(r));
        });
      }
    });
  }
});

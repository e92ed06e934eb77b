/**
 * The short differential run (part of `npm test`): three seeds of 150 random operations each, run
 * against our engine and dynalite through the same SDK client configuration. Every mismatch must be
 * a documented dynalite deviation (docs/DIFFERENTIAL.md). The long run: `npm run differential`.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runSeed, startTargets } from "./differential.js";

let targets: Awaited<ReturnType<typeof startTargets>>;
before(async () => {
  targets = await startTargets();
});
after(() => targets.close());

for (const seed of [101, 202, 303]) {
  test(`seed ${seed}: 150 operations agree with dynalite up to documented deviations`, { timeout: 120_000 }, async () => {
    const r = await runSeed(targets, seed, 150);
    assert.equal(r.steps, 150);
    const unexplained = r.mismatches.filter((m) => !m.known);
    assert.deepEqual(unexplained.map((m) => JSON.stringify(m).slice(0, 1500)), []);
  });
}

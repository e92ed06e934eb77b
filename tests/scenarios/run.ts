/**
 * Runs the shared SDK scenario (sdk-cases.ts) in this Node process through one door of the registry
 * (tests/support/doors.ts) that hosts clients: one session (one database), every case a test, each
 * creating its own tables under the door's name as prefix. Doors that run the scenario inside
 * workerd are SCENARIO_ROUTES (tests/workerd/sdk-in-do.test.ts).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Door, ScenarioClients } from "../support/doors.js";
import { SDK_CASES, makeContext } from "./sdk-cases.js";

export function scenarioSuite(door: Door): void {
  describe(`SDK scenario: ${door.name} (${door.summary})`, () => {
    let clients: ScenarioClients;
    before(async () => {
      const session = await door.open();
      assert.ok(session.clients, `${door.name} hosts no clients`);
      clients = session.clients();
    });
    for (const c of SDK_CASES) test(c.name, () => c.run(makeContext(clients.client, door.name, clients.doc)));
  });
}

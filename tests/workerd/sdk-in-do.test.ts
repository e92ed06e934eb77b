/**
 * The real AWS SDK bundled into a Worker, with no HTTP and no network: the shared SDK scenario
 * through the doors that run it inside workerd (SCENARIO_ROUTES of tests/support/doors.ts): inside a
 * Durable Object on its own engine, and in the Worker against a DO stub over RPC, both through the
 * in-process request handler.
 */
import { SDK_CASES } from "../scenarios/sdk-cases.js";
import { SCENARIO_ROUTES } from "../support/doors.js";
import { describeRouteCases } from "./route-cases.js";

for (const { door, summary, route } of SCENARIO_ROUTES) describeRouteCases(`SDK scenario: ${door} (${summary})`, route, SDK_CASES);

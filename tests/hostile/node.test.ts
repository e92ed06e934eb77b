/**
 * The hostile-input corpus (corpus.ts) through every front door in Node (NODE_DOORS of
 * tests/support/doors.ts: the engine, the in-process SDK handler, the real SDK client, our
 * DynamoDBClient, our DocumentClient), each on its own MemoryHost holding the fixture.
 */
import { NODE_DOORS } from "../support/doors.js";
import { hostileSuite } from "./run.js";

for (const door of NODE_DOORS) hostileSuite(door);

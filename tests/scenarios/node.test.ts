/**
 * The shared SDK scenario (sdk-cases.ts) through every Node door of the registry that hosts clients
 * (tests/support/doors.ts): the real SDK client and lib-dynamodb's DocumentClient over the
 * in-process handler (sdk-client), and our DynamoDBClient and DynamoDBDocumentClient sent the same
 * SDK command objects (client). Each door's session is one engine on a MemoryHost.
 */
import { NODE_DOORS } from "../support/doors.js";
import { scenarioSuite } from "./run.js";

for (const door of NODE_DOORS) if (door.hostsClients) scenarioSuite(door);

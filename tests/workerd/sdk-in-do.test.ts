/**
 * The real AWS SDK bundled into a Worker, with no HTTP and no network: the shared SDK scenario run
 * inside a Durable Object on its own engine, and run in the Worker against a DO stub over RPC, both
 * through the in-process request handler.
 */
import { SDK_CASES } from "../scenarios/sdk-cases.js";
import { describeRouteCases } from "./route-cases.js";

describeRouteCases("SDK scenario inside a Durable Object (in-process handler)", "/__test/sdk/in-do?prefix=in-do", SDK_CASES);
describeRouteCases("SDK scenario in the Worker over DO RPC (in-process handler)", "/__test/sdk-rpc/rpc?prefix=rpc", SDK_CASES);

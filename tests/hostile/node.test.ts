/**
 * The hostile-input corpus (corpus.ts) through the Node front doors, all over one MemoryHost per
 * door holding the same fixture:
 *   - the wasm engine itself (WasmEngine.handle, bytes in),
 *   - the in-process SDK request handler (InProcessRequestHandler.handle, the raw body as the SDK's
 *     HttpRequest would carry it),
 *   - the real @aws-sdk/client-dynamodb client over that handler (where the SDK accepts the input;
 *     what it refuses itself is asserted as refused before anything is sent).
 * Every request must get the case's error, and the host's whole contents must be byte-for-byte the
 * same before and after it.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import * as sdk from "@aws-sdk/client-dynamodb";
import { createNodeEngine } from "../../js/node.js";
import { MemoryHost } from "../../js/hosts/memory-host.js";
import { InProcessRequestHandler, createInProcessClient } from "../../js/sdk/request-handler.js";
import type { EngineResponse } from "../../js/engine/types.js";
import { CORPUS, FIXTURE, bodyBytes, mismatch, type HostileCase } from "./corpus.js";

/** SHA-256 over every (key, value) of the host, in order, each length-prefixed. */
export function hostDigest(host: MemoryHost): string {
  const h = createHash("sha256");
  for (const [k, v] of host.entries()) {
    const len = Buffer.alloc(8);
    len.writeUInt32LE(k.length, 0);
    len.writeUInt32LE(v.length, 4);
    h.update(len).update(k).update(v);
  }
  return h.digest("hex");
}

function freshStore() {
  const host = new MemoryHost();
  const engine = createNodeEngine(host);
  for (const step of FIXTURE) {
    const r = engine.handle(step.op, JSON.stringify(step.body));
    assert.equal(r.status, 200, `fixture ${step.op}: ${r.body}`);
  }
  return { host, engine };
}

describe("hostile corpus: Node engine", () => {
  const { host, engine } = freshStore();
  for (const c of CORPUS) {
    // The engine's own handle() is internal API and runs internal operations ("@Maintain") by design.
    test(c.name, c.op.startsWith("@") ? { skip: "internal operation: allowed on the engine itself" } : c.todo ? { todo: c.todo } : {}, () => {
      const before = hostDigest(host);
      const r = engine.handle(c.op, bodyBytes(c.body));
      const bad = mismatch(c, r.status, r.body);
      assert.equal(hostDigest(host), before, "the store changed");
      if (bad) assert.fail(bad);
    });
  }
});

describe("hostile corpus: in-process SDK request handler", () => {
  const { host, engine } = freshStore();
  const handler = new InProcessRequestHandler(engine);
  for (const c of CORPUS) {
    test(c.name, c.todo ? { todo: c.todo } : {}, async () => {
      const before = hostDigest(host);
      const { response } = await handler.handle({
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `DynamoDB_20120810.${c.op}` },
        body: bodyBytes(c.body),
      });
      const text = new TextDecoder().decode(response.body);
      const bad = mismatch(c, response.statusCode, text);
      assert.equal(hostDigest(host), before, "the store changed");
      if (bad) assert.fail(bad);
    });
  }
});

describe("hostile corpus: real AWS SDK client", () => {
  const { host, engine } = freshStore();
  let reached = 0;
  const counting = { handle: (op: string, body: string | Uint8Array): EngineResponse => (reached++, engine.handle(op, body)) };
  const client = createInProcessClient(counting);
  const commands = sdk as unknown as Record<string, new (input: unknown) => sdk.DynamoDBClient extends { send(c: infer C): unknown } ? C : never>;
  for (const c of CORPUS) {
    const Command = commands[`${c.op}Command`];
    const skip = c.sdk === "skip" || !Command || typeof c.body === "string" || c.body instanceof Uint8Array;
    test(c.name, skip ? { skip: "not expressible as SDK input" } : c.todo ? { todo: c.todo } : {}, async () => {
      const before = hostDigest(host);
      const reachedBefore = reached;
      let error: unknown;
      try {
        await client.send(new Command!(structuredClone(c.body)));
      } catch (e) {
        error = e;
      }
      assert.equal(hostDigest(host), before, "the store changed");
      assert.ok(error instanceof Error, "the SDK call succeeded");
      const sent = reached > reachedBefore;
      if (c.sdk === "transformed") {
        assert.ok(sent, `the SDK refused it before sending: ${error.name}: ${error.message}`);
        assert.equal((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 400, `${error.name}: ${error.message}`);
      } else if (c.sdk === "client") {
        // The SDK refuses the input itself, or sends it and gets DynamoDB's error.
        if (sent) assert.equal(error.name, c.type, `sent, got ${error.name}: ${error.message}`);
      } else {
        assert.ok(sent, `the SDK refused it before sending: ${error.name}: ${error.message}`);
        assert.equal(error.name, c.type, `${error.name}: ${error.message}`);
        const $metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
        assert.equal($metadata?.httpStatusCode, c.status ?? 400);
      }
    });
  }
});

/** Cases of the corpus (exported for the workerd doors). */
export type { HostileCase };

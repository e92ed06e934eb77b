/**
 * Runs the hostile corpus (corpus.ts) through one front door of the registry (tests/support/doors.ts):
 * one session holding the fixture, every case a test; each request must get the case's error, and
 * the door's digest of the store must be the same before and after it. A case the door cannot carry
 * (raw bytes through a typed client, not document values, no such command, marked not SDK input) is
 * a skip with the reason. Through the real SDK ("sdk" doors) a case's `sdk` field says what the
 * SDK's own validation and serializer do with it; every other door must answer exactly as DynamoDB.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { NotExpressible, Raw, type Answer, type Door, type Session } from "../support/doors.js";
import { CORPUS, FIXTURE, fullType, mismatch, type HostileCase } from "./corpus.js";

/** Why this door cannot carry this case, known before sending; undefined if it may. */
function staticSkip(c: HostileCase, door: Door): string | undefined {
  if (c.op.startsWith("@") && door.internalOps) return "internal operation: allowed on the engine itself";
  if (door.carries !== "bytes" && (typeof c.body === "string" || c.body instanceof Uint8Array)) return "raw bytes: a typed client takes an object";
  if (door.carries === "sdk" && c.sdk === "skip") return "not expressible as SDK input";
  return door.skipOp?.(c.op);
}

/** Through the real SDK: what the case's `sdk` field allows; null if the answer fits. */
function sdkMismatch(c: HostileCase, r: Answer): string | null {
  if (r.refused !== undefined) return c.sdk === "client" ? null : `the SDK refused it before sending: ${r.refused}`;
  if (r.status === 200) return `the SDK call succeeded: ${r.body.slice(0, 300)}`;
  if (c.sdk === "transformed") return r.status === 400 ? null : `expected 400 for the rewritten request, got ${r.status} ${r.body.slice(0, 300)}`;
  const type = (JSON.parse(r.body) as { __type?: string }).__type;
  if (type !== fullType(c.type)) return `sent, got ${r.status} ${r.body.slice(0, 300)}`;
  if (c.sdk !== "client" && r.status !== (c.status ?? 400)) return `expected status ${c.status ?? 400}, got ${r.status}`;
  return null;
}

function answerMismatch(c: HostileCase, door: Door, r: Answer): string | null {
  if (door.carries === "sdk") return sdkMismatch(c, r);
  if (r.refused !== undefined) return `the client refused it before sending: ${r.refused}`;
  if (r.rewritten !== undefined) return `the client sent another request: ${r.rewritten}`;
  return mismatch(c, r.status, r.body);
}

export function hostileSuite(door: Door): void {
  describe(`hostile corpus: ${door.name} (${door.summary})`, () => {
    let session: Session;
    before(async () => {
      session = await door.open();
      for (const step of FIXTURE) {
        const r = await session.send(step.op, step.body);
        assert.equal(r.status, 200, `fixture ${step.op}: ${r.body}`);
      }
    });
    for (const c of CORPUS) {
      const skip = staticSkip(c, door);
      test(c.name, skip ? { skip } : c.todo ? { todo: c.todo } : {}, async (t) => {
        const digest = await session.digest();
        let r: Answer;
        try {
          r = await session.send(c.op, typeof c.body === "string" || c.body instanceof Uint8Array ? new Raw(c.body) : c.body);
        } catch (e) {
          if (!(e instanceof NotExpressible)) throw e;
          t.skip(`${door.name} cannot carry it: ${e.message}`);
          return;
        }
        const bad = answerMismatch(c, door, r);
        assert.equal(await session.digest(), digest, "the store changed");
        if (bad) assert.fail(bad);
      });
    }
  });
}

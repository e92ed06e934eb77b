/**
 * Reads a request body in the Node server under two limits, while reading: DynamoDB's 16 MB per
 * request (a larger Content-Length is refused before a byte of the body is read, a chunked body as
 * soon as it passes the limit), and a budget of body bytes held by all requests at once (what
 * bounds the server's memory when many large requests arrive together). Nothing past either limit
 * is kept.
 */
import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; body: Uint8Array } | { ok: false; reason: "too-large" | "over-budget" | "aborted" };

export class BodyBudget {
  #held = 0;
  constructor(readonly limitBytes: number) {}
  get held(): number {
    return this.#held;
  }
  take(n: number): boolean {
    if (this.#held + n > this.limitBytes) return false;
    this.#held += n;
    return true;
  }
  give(n: number): void {
    this.#held -= n;
  }
}

/**
 * The body of req, at most maxBytes; the bytes count against budget until release() is called
 * (after the answer is sent). A refusal stops reading: the caller answers and closes the connection.
 */
export function readBody(req: IncomingMessage, maxBytes: number, budget: BodyBudget): { done: Promise<BodyResult>; release(): void } {
  let held = 0;
  const release = () => {
    budget.give(held);
    held = 0;
  };
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) return { done: Promise.resolve({ ok: false, reason: "too-large" }), release };
  const done = new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    const stop = (result: BodyResult) => {
      req.removeListener("data", onData);
      req.pause();
      release();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (held + chunk.length > maxBytes) return stop({ ok: false, reason: "too-large" });
      if (!budget.take(chunk.length)) return stop({ ok: false, reason: "over-budget" });
      held += chunk.length;
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, held) }));
    req.once("close", () => {
      if (!req.complete) stop({ ok: false, reason: "aborted" });
    });
  });
  return { done, release };
}

/**
 * The local server (js/server/) against hostile HTTP, through real sockets (raw TCP for what no
 * HTTP client sends): bodies over 16 MB by Content-Length and chunked (413 while reading, nothing
 * buffered past the limit), heads over the limit and malformed requests (400), clients that
 * trickle or vanish mid-request, keep-alive on and off, 1,000 connections at once, and the budget
 * of body bytes held at once. After each, the server must still answer, and hold no body bytes.
 */
import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { MAX_REQUEST_BYTES } from "../../js/http/protocol.js";
import { DynamoDBServer, MAX_HEADER_BYTES } from "../../js/server/http-server.js";

let server: DynamoDBServer;
let port = 0;

before(async () => {
  server = new DynamoDBServer({ dataDir: null, bodyBudgetBytes: 64 * 1024 * 1024 });
  ({ port } = await server.listen(0, "127.0.0.1"));
});
after(() => server.close());

const LIST_TABLES = '{"Limit":1}';
const head = (extra: string, length?: number) =>
  `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\n${extra}` +
  (length === undefined ? "" : `Content-Length: ${length}\r\n`) + "\r\n";

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
}

/** Everything the server sends until it closes the connection (or `until` matches what came). */
function received(s: Socket, until?: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    s.on("data", (d) => {
      text += d.toString("latin1");
      if (until?.test(text)) resolve(text);
    });
    s.on("close", () => resolve(text));
    s.on("error", () => {});
  });
}

/** The server still answers a normal request, and holds no body bytes (unless a request is being read: busy). */
async function stillServing(busy = false): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0" }, body: LIST_TABLES });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { TableNames: [] });
  if (!busy) assert.equal(server.bodyBytesHeld, 0);
}

describe("local server: hostile HTTP", () => {
  it("a Content-Length over 16 MB (50 MB) gets 413 before any of the body is sent, and the connection closes", async () => {
    const s = await open();
    const answer = received(s);
    s.write(head("", 50 * 1024 * 1024));
    const text = await answer;
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.match(text, /connection: close/i);
    await stillServing();
  });

  it("a chunked body is refused with 413 as soon as it passes 16 MB, and nothing past the limit is kept", async () => {
    const s = await open();
    const answer = received(s, /\r\n\r\n/);
    s.write(head("Transfer-Encoding: chunked\r\n"));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    let peak = 0;
    const writing = (async () => {
      while (sent <= MAX_REQUEST_BYTES + chunk.length && !s.destroyed) {
        s.write(`${chunk.length.toString(16)}\r\n`);
        s.write(chunk);
        if (!s.write("\r\n")) await new Promise((r) => s.once("drain", r).once("close", r));
        sent += chunk.length;
        peak = Math.max(peak, server.bodyBytesHeld);
      }
    })().catch(() => {});
    assert.match(await answer, /^HTTP\/1\.1 413 /);
    s.destroy();
    await writing;
    assert.ok(peak <= MAX_REQUEST_BYTES, `held ${peak} bytes`);
    await stillServing();
  });

  it("a body within the limit, chunked, is served", async () => {
    const s = await open();
    const answer = received(s, /\r\n\r\n[\s\S]*\}/);
    s.write(head("Transfer-Encoding: chunked\r\n") + `${LIST_TABLES.length.toString(16)}\r\n${LIST_TABLES}\r\n0\r\n\r\n`);
    const text = await answer;
    assert.match(text, /^HTTP\/1\.1 200 /);
    assert.match(text, /\{"TableNames":\[\]\}/);
    s.destroy();
  });

  it(`a head over ${MAX_HEADER_BYTES} bytes gets 400 and the connection closes`, async () => {
    const s = await open();
    const answer = received(s);
    s.write(head(`X-Big: ${"a".repeat(MAX_HEADER_BYTES + 100)}\r\n`, LIST_TABLES.length) + LIST_TABLES);
    assert.match(await answer, /^HTTP\/1\.1 400 /);
    await stillServing();
  });

  for (const [name, bytes] of [
    ["a request line that is not HTTP", "GARBAGE\r\n\r\n"],
    ["a header without a colon", "POST / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"],
    ["Content-Length and chunked together", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"],
    ["a Content-Length that is not a number", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n"],
    ["a bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"],
  ] as const) {
    it(`malformed HTTP (${name}) gets 400 and the connection closes`, async () => {
      const s = await open();
      const answer = received(s);
      s.write(bytes);
      assert.match(await answer, /^HTTP\/1\.1 400 /);
      await stillServing();
    });
  }

  it("a client that disconnects mid-body leaves nothing held", async () => {
    for (let i = 0; i < 20; i++) {
      const s = await open();
      s.write(head("", 100_000) + "x".repeat(50_000));
      await new Promise((r) => setTimeout(r, 5));
      s.destroy();
    }
    await new Promise((r) => setTimeout(r, 50));
    await stillServing();
  });

  it("a body that trickles does not hold up other clients", async () => {
    const s = await open();
    const answer = received(s, /\r\n\r\n[\s\S]*\}/);
    s.write(head("", LIST_TABLES.length));
    let i = 0;
    const trickle = setInterval(() => { if (i < LIST_TABLES.length) s.write(LIST_TABLES[i++]!); }, 30);
    const start = performance.now();
    for (let n = 0; n < 5; n++) await stillServing(true);
    assert.ok(performance.now() - start < 250 + 30 * LIST_TABLES.length, "other clients waited for the trickle");
    assert.match(await answer, /^HTTP\/1\.1 200 /);
    clearInterval(trickle);
    s.destroy();
  });

  it("keep-alive: several requests on one connection; Connection: close ends it after the answer", async () => {
    const s = await open();
    const answers = received(s);
    s.write(head("", LIST_TABLES.length) + LIST_TABLES + head("", LIST_TABLES.length) + LIST_TABLES + head("Connection: close\r\n", LIST_TABLES.length) + LIST_TABLES);
    const text = await answers;  // resolves on close: the server closed after the third
    assert.equal(text.match(/HTTP\/1\.1 200 /g)?.length, 3);
  });

  it("1,000 connections at once are all answered, with bounded memory", async () => {
    const rss0 = process.memoryUsage().rss;
    const sockets = await Promise.all(Array.from({ length: 1000 }, () => open()));
    const answers = sockets.map((s) => received(s, /\}$/));
    for (const s of sockets) s.write(head("", LIST_TABLES.length) + LIST_TABLES);
    const texts = await Promise.all(answers);
    assert.equal(texts.filter((t) => t.startsWith("HTTP/1.1 200 ")).length, 1000);
    const grown = (process.memoryUsage().rss - rss0) / 1024 / 1024;
    for (const s of sockets) s.destroy();
    // Client and server share this process: both sides' sockets count.
    assert.ok(grown < 200, `RSS grew ${grown.toFixed(0)} MiB`);
    await stillServing();
  });

  it("past the budget of body bytes held at once, a request gets 503 (retryable), and the server recovers", async () => {
    const small = new DynamoDBServer({ dataDir: null, bodyBudgetBytes: 1024 * 1024 });
    const { port: p } = await small.listen(0, "127.0.0.1");
    try {
      const a = connect(p, "127.0.0.1");
      a.write(head("", 900_000) + "x".repeat(800_000));  // holds ~800 KB, unfinished
      await new Promise((r) => setTimeout(r, 100));
      const b = connect(p, "127.0.0.1");
      const answer = received(b);
      b.write(head("", 400_000) + "x".repeat(400_000));
      assert.match(await answer, /^HTTP\/1\.1 503 [\s\S]*ServiceUnavailable/);
      a.destroy();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(small.bodyBytesHeld, 0);
    } finally {
      await small.close();
    }
  });
});

/**
 * Durable Object storage survives a restart: write with Miniflare persisting to a temporary
 * directory, dispose it, start a new Miniflare on the same directory and read everything back.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createTable } from "../scenarios/sdk-cases.js";
import { httpClient } from "../support/clients.js";
import { startWorker } from "./miniflare.js";

const dir = mkdtempSync(join(tmpdir(), "do-dynamodb-persist-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("tables and items persist across a Miniflare restart", async () => {
  const item = { pk: { S: "kept" }, n: { N: "3.25" }, l: { L: [{ BOOL: true }] } };
  const first = await startWorker("worker", { persistTo: dir });
  try {
    const client = httpClient(new URL("/persisted", first.url));
    await createTable(client, "persisted-items");
    await client.send(new PutItemCommand({ TableName: "persisted-items", Item: item }));
  } finally {
    await first.dispose();
  }

  const second = await startWorker("worker", { persistTo: dir });
  try {
    const client = httpClient(new URL("/persisted", second.url));
    const tables = await client.send(new ListTablesCommand({}));
    assert.deepEqual(tables.TableNames, ["persisted-items"]);
    const described = await client.send(new DescribeTableCommand({ TableName: "persisted-items" }));
    assert.equal(described.Table?.TableStatus, "ACTIVE");
    const got = await client.send(new GetItemCommand({ TableName: "persisted-items", Key: { pk: { S: "kept" } } }));
    assert.deepEqual(got.Item, item);
  } finally {
    await second.dispose();
  }
});

test("restoreToPointInTime: Miniflare's storage refuses it, and nothing changes", async () => {
  // Deployed Durable Objects keep 30 days of history (getBookmarkForTime); Miniflare does not, so
  // locally the method must fail loudly with the platform's reason and leave the data alone.
  const worker = await startWorker("harness");
  try {
    const client = httpClient(new URL("/pitr", worker.url));
    await createTable(client, "pitr-items");
    await client.send(new PutItemCommand({ TableName: "pitr-items", Item: { pk: { S: "a" } } }));
    const digest = async () => (await fetch(new URL("/__test/kv-digest/pitr", worker.url))).json();
    const before = await digest();
    const res = await fetch(new URL(`/__test/restore/pitr?time=${Date.now() - 60_000}`, worker.url));
    const outcome = (await res.json()) as { restored: boolean; message?: string };
    assert.equal(outcome.restored, false);
    assert.match(outcome.message ?? "", /does not implement point-in-time recovery/);
    assert.deepEqual(await digest(), before);
    const got = await client.send(new GetItemCommand({ TableName: "pitr-items", Key: { pk: { S: "a" } } }));
    assert.deepEqual(got.Item, { pk: { S: "a" } });
  } finally {
    await worker.dispose();
  }
});

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

/**
 * Query and Scan stream from the host's ordered scan in bounded batches: scanning a 100,000-item
 * table page by page (1 MB pages) keeps the wasm heap bounded by the page size, not the table.
 * The figures are printed for the record.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createNodeEngine } from "../js/node.js";

test("scanning 100,000 items page by page keeps wasm memory bounded", { timeout: 300_000 }, () => {
  const engine = createNodeEngine();
  const call = (op: string, body: unknown): Record<string, any> => {
    const r = engine.handle(op, JSON.stringify(body));
    assert.equal(r.status, 200, r.body);
    return JSON.parse(r.body) as Record<string, any>;
  };
  call("CreateTable", {
    TableName: "big", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  });
  const pad = "x".repeat(100);
  for (let i = 0; i < 100_000; i++) call("PutItem", { TableName: "big", Item: { pk: { S: `p${i % 100}` }, sk: { N: String(i) }, pad: { S: pad } } });
  const afterWrites = engine.memoryBytes();
  const scanAll = (): { items: number; pages: number } => {
    let start: unknown;
    let items = 0;
    let pages = 0;
    do {
      const page = call("Scan", { TableName: "big", ExclusiveStartKey: start });
      items += page.Count as number;
      pages++;
      start = page.LastEvaluatedKey;
    } while (start);
    return { items, pages };
  };
  const first = scanAll();
  const afterFirstScan = engine.memoryBytes();
  for (let i = 0; i < 3; i++) assert.equal(scanAll().items, 100_000);
  const afterMoreScans = engine.memoryBytes();
  console.log(`wasm memory: ${afterWrites} B after 100k puts, ${afterFirstScan} B after a ${first.pages}-page scan, ${afterMoreScans} B after three more`);
  assert.equal(first.items, 100_000);
  assert.ok(first.pages > 10, `pages: ${first.pages}`);
  // Bounded: memory depends on the page size (1 MB), not on the table or the number of scans.
  assert.equal(afterMoreScans, afterFirstScan);
  assert.ok(afterFirstScan <= 16 * 1024 * 1024, `wasm memory ${afterFirstScan} B`);
});

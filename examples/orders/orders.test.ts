/**
 * The orders example in Node (in workerd: tests/workerd/examples.test.ts): an order that fits takes
 * its stock; one that does not leaves every stock unchanged and raises TransactionCanceledException
 * with one reason per action; a repeated order id is refused.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DynamoDBClient, TransactionCanceledException } from "do-dynamodb";
import { createNodeEngine } from "do-dynamodb/node";
import { OrderRejected, Shop } from "./orders.js";
import { main } from "./node.js";

test("orders: stock is taken all or nothing", async () => {
  const shop = new Shop(new DynamoDBClient({ target: createNodeEngine() }));
  await shop.setUp();
  await shop.restock("apple", 5);
  await shop.restock("pear", 1);
  await shop.placeOrder("o1", [{ sku: "apple", qty: 2 }, { sku: "pear", qty: 1 }]);
  assert.deepEqual([await shop.stock("apple"), await shop.stock("pear")], [3, 0]);

  const refused = await shop.placeOrder("o2", [{ sku: "apple", qty: 3 }, { sku: "pear", qty: 1 }]).catch((e: unknown) => e);
  assert.ok(refused instanceof OrderRejected);
  assert.deepEqual(refused.shortSkus, ["pear"]);
  assert.ok(refused.cause instanceof TransactionCanceledException);
  assert.deepEqual(refused.cause.CancellationReasons?.map((r) => r.Code), ["None", "ConditionalCheckFailed", "None"]);
  assert.deepEqual(refused.cause.CancellationReasons?.[1]?.Item, { sku: { S: "pear" }, stock: { N: "0" } });
  assert.match(refused.cause.message, /^Transaction cancelled, please refer cancellation reasons for specific reasons \[None, ConditionalCheckFailed, None\]$/);
  assert.deepEqual([await shop.stock("apple"), await shop.stock("pear")], [3, 0], "a refused order leaves stock unchanged");

  const duplicate = await shop.placeOrder("o1", [{ sku: "apple", qty: 1 }]).catch((e: unknown) => e);
  assert.ok(duplicate instanceof OrderRejected && duplicate.duplicate);
  assert.equal(await shop.stock("apple"), 3);

  const lines: string[] = [];
  await main((l) => lines.push(l));
  assert.deepEqual(lines, ["o1 placed: apple 2, pear 0", "o2 refused (TransactionCanceledException: None, ConditionalCheckFailed, None): apple 2, pear 0"]);
});

/**
 * Orders in Node: `npm run build:js && node dist/examples/orders/node.js`.
 */
import { DynamoDBClient } from "do-dynamodb";
import { createNodeEngine } from "do-dynamodb/node";
import { OrderRejected, Shop } from "./orders.js";

export async function main(log: (line: string) => void = console.log): Promise<void> {
  const shop = new Shop(new DynamoDBClient({ target: createNodeEngine() }));
  await shop.setUp();
  await shop.restock("apple", 5);
  await shop.restock("pear", 1);
  await shop.placeOrder("o1", [{ sku: "apple", qty: 3 }, { sku: "pear", qty: 1 }]);
  log(`o1 placed: apple ${await shop.stock("apple")}, pear ${await shop.stock("pear")}`);
  try {
    await shop.placeOrder("o2", [{ sku: "apple", qty: 1 }, { sku: "pear", qty: 1 }]);
  } catch (err) {
    if (!(err instanceof OrderRejected)) throw err;
    log(`o2 refused (${err.cause.name}: ${err.cause.CancellationReasons?.map((r) => r.Code).join(", ")}): apple ${await shop.stock("apple")}, pear ${await shop.stock("pear")}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

/**
 * Orders in a Worker: the shop's tables live in the database "shop", one DynamoDBDurableObject
 * reached over RPC through the namespace binding (new DynamoDBClient({ doNamespace, database })).
 * Routes: PUT /stock/<sku> {stock}; GET /stock/<sku>; POST /orders {orderId, lines} -> 201, or 409
 * with the refused SKUs and the TransactionCanceledException's reasons.
 */
import { DynamoDBClient } from "do-dynamodb";
import { Shop, OrderRejected, type OrderLine } from "./orders.js";

export { DynamoDBDurableObject } from "do-dynamodb/do";

interface Env {
  DYNAMODB: DurableObjectNamespace;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const shop = new Shop(new DynamoDBClient({ doNamespace: env.DYNAMODB, database: "shop" }));
    await shop.setUp();
    const url = new URL(request.url);
    const sku = /^\/stock\/([^/]+)$/.exec(url.pathname)?.[1];
    if (sku && request.method === "PUT") {
      await shop.restock(sku, ((await request.json()) as { stock: number }).stock);
      return new Response(null, { status: 204 });
    }
    if (sku) return Response.json({ sku, stock: await shop.stock(sku) ?? null });
    if (url.pathname === "/orders" && request.method === "POST") {
      const { orderId, lines } = (await request.json()) as { orderId: string; lines: OrderLine[] };
      try {
        await shop.placeOrder(orderId, lines);
        return Response.json({ orderId }, { status: 201 });
      } catch (err) {
        if (!(err instanceof OrderRejected)) throw err;
        return Response.json({
          error: err.cause.name, message: err.message, shortSkus: err.shortSkus, duplicate: err.duplicate,
          reasons: err.cause.CancellationReasons?.map((r) => r.Code),
        }, { status: 409 });
      }
    }
    return new Response("Not found\n", { status: 404 });
  },
};

/**
 * Orders and inventory in one transaction: placing an order decrements each line's stock on the
 * condition that enough is left, and writes the order on the condition that its id is new, all or
 * nothing (TransactWriteItems). A line that cannot be served cancels the whole order, leaves every
 * stock unchanged and raises TransactionCanceledException, whose CancellationReasons say which
 * action failed (one reason per action, in order; the failing stock item attached).
 */
import { CreateTableCommand, ResourceInUseException, TransactionCanceledException, type DynamoDBClient } from "do-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from "do-dynamodb/lib";

export const INVENTORY = "Inventory";
export const ORDERS = "Orders";

export interface OrderLine {
  sku: string;
  qty: number;
}

/** Why an order was refused: the SKUs short of stock, and whether the order id was taken. */
export class OrderRejected extends Error {
  constructor(readonly shortSkus: string[], readonly duplicate: boolean, override readonly cause: TransactionCanceledException) {
    super(duplicate ? "order already placed" : `not enough stock for ${shortSkus.join(", ")}`);
  }
}

export class Shop {
  readonly #doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient) {
    this.#doc = DynamoDBDocumentClient.from(client);
  }

  async setUp(): Promise<void> {
    for (const [TableName, key] of [[INVENTORY, "sku"], [ORDERS, "orderId"]] as const) {
      try {
        await this.#doc.send(new CreateTableCommand({
          TableName, BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: key, AttributeType: "S" }],
          KeySchema: [{ AttributeName: key, KeyType: "HASH" }],
        }));
      } catch (err) {
        if (!(err instanceof ResourceInUseException)) throw err;
      }
    }
  }

  async restock(sku: string, stock: number): Promise<void> {
    await this.#doc.send(new PutCommand({ TableName: INVENTORY, Item: { sku, stock } }));
  }

  async stock(sku: string): Promise<number | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: INVENTORY, Key: { sku }, ConsistentRead: true }));
    return Item?.stock;
  }

  /** Places the order, or throws OrderRejected (stock untouched). */
  async placeOrder(orderId: string, lines: OrderLine[]): Promise<void> {
    try {
      await this.#doc.send(new TransactWriteCommand({
        TransactItems: [
          ...lines.map((line) => ({
            Update: {
              TableName: INVENTORY,
              Key: { sku: line.sku },
              UpdateExpression: "SET stock = stock - :qty",
              ConditionExpression: "stock >= :qty",
              ExpressionAttributeValues: { ":qty": line.qty },
              ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
            },
          })),
          {
            Put: {
              TableName: ORDERS,
              Item: { orderId, lines, placedAt: new Date().toISOString() },
              ConditionExpression: "attribute_not_exists(orderId)",
            },
          },
        ],
      }));
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const shortSkus = lines.filter((_, i) => reasons[i]?.Code === "ConditionalCheckFailed").map((l) => l.sku);
      throw new OrderRejected(shortSkus, reasons[lines.length]?.Code === "ConditionalCheckFailed", err);
    }
  }
}

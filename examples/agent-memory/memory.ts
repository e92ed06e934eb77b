/**
 * The agent-memory pattern: an agent's conversation turns in one table, partition key the user
 * (PK), sort key `conversation#<timestamp>` (SK), so "the latest N turns" is one Query read
 * backwards with a Limit. Each turn carries a Time to Live attribute (expiresAt, epoch seconds):
 * DynamoDB deletes expired turns in the background, and reads filter out those not yet swept.
 * Runs on any do-dynamodb client: a Durable Object's own (worker.ts) or a Node engine (node.ts).
 */
import { CreateTableCommand, ResourceInUseException, UpdateTimeToLiveCommand, type DynamoDBClient } from "do-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "do-dynamodb/lib";

export const TABLE = "Memory";

export interface Turn {
  role: "user" | "assistant";
  text: string;
  /** When the turn was said (ms since the epoch). */
  at: number;
}

export class ConversationMemory {
  readonly #doc: DynamoDBDocumentClient;
  readonly #ttlSeconds: number;
  #lastAt = 0;

  constructor(client: DynamoDBClient, options: { ttlSeconds?: number } = {}) {
    this.#doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.#ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
  }

  /** Creates the table with Time to Live on expiresAt (once; later calls find it there). */
  async setUp(): Promise<void> {
    try {
      await this.#doc.send(new CreateTableCommand({
        TableName: TABLE,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "PK", AttributeType: "S" }, { AttributeName: "SK", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "PK", KeyType: "HASH" }, { AttributeName: "SK", KeyType: "RANGE" }],
      }));
      await this.#doc.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
  }

  /** Records a turn; timestamps are made unique per memory so two turns never share a key. */
  async remember(user: string, role: Turn["role"], text: string, at = Date.now()): Promise<Turn> {
    at = this.#lastAt = Math.max(at, this.#lastAt + 1);
    await this.#doc.send(new PutCommand({
      TableName: TABLE,
      Item: { PK: user, SK: `conversation#${new Date(at).toISOString()}`, role, text, at, expiresAt: Math.floor(at / 1000) + this.#ttlSeconds },
    }));
    return { role, text, at };
  }

  /** The latest n unexpired turns of user's conversation, oldest first. */
  async recall(user: string, n: number, now = Date.now()): Promise<Turn[]> {
    const { Items = [] } = await this.#doc.send(new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: "PK = :user AND begins_with(SK, :prefix)",
      FilterExpression: "expiresAt > :now",
      ExpressionAttributeValues: { ":user": user, ":prefix": "conversation#", ":now": Math.floor(now / 1000) },
      ScanIndexForward: false,
      Limit: n,
    }));
    return Items.reverse().map((item) => ({ role: item.role, text: item.text, at: item.at }));
  }
}

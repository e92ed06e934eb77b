import { DynamoDBClient } from "do-dynamodb";
import { DynamoDBDurableObject, type TableDefinition } from "do-dynamodb/do";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "do-dynamodb/lib";

// A DynamoDB database per object; declared tables are created (or updated) before its first request.
export class Database extends DynamoDBDurableObject {
  static override tables: TableDefinition[] = [{ TableName: "Notes", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    TimeToLiveAttribute: "expiresAt" }];
}

export default {
  async fetch(request: Request, env: { DATABASE: DurableObjectNamespace<Database> }) {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ doNamespace: env.DATABASE, database: "notes" }));
    const pk = new URL(request.url).pathname.slice(1);
    if (request.method === "PUT") await doc.send(new PutCommand({ TableName: "Notes", Item: { pk, text: await request.text() } }));
    const { Item } = await doc.send(new GetCommand({ TableName: "Notes", Key: { pk } }));
    return Response.json(Item ?? null, { status: Item ? 200 : 404 });
  },
};

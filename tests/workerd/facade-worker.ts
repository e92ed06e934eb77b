/**
 * The Worker for tests/workerd/facade.test.ts: the do-dynamodb facade bundled for workerd. Routes run
 * cases in the Worker against a DynamoDBDurableObject reached through the namespace client, and drive
 * Reminders, a Durable Object with its own alarm given DynamoDB by withDynamoDB.
 */
import { DurableObject } from "cloudflare:workers";
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, ConditionalCheckFailedException, ResourceNotFoundException, UpdateTimeToLiveCommand, DynamoDBServiceException } from "do-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, paginateQuery } from "do-dynamodb/lib";
import { withDynamoDB } from "do-dynamodb/do";
import type { CaseResult } from "../scenarios/sdk-cases.js";

export { DynamoDBDurableObject } from "do-dynamodb/do";

interface Env {
  DYNAMODB: DurableObjectNamespace;
  REMINDERS: DurableObjectNamespace<Reminders>;
}

/** An existing Durable Object with its own alarm (counts its firings)... */
class RemindersBase extends DurableObject {
  /** Schedules this object's own alarm in ms. */
  async schedule(ms: number): Promise<number | null> {
    await this.ctx.storage.setAlarm(Date.now() + ms);
    return this.ctx.storage.getAlarm();
  }

  override async alarm(): Promise<void> {
    this.ctx.storage.kv.put("fired", ((this.ctx.storage.kv.get("fired") as number | undefined) ?? 0) + 1);
  }
}

/** ...given DynamoDB on its own storage. */
export class Reminders extends withDynamoDB(RemindersBase) {
  /** A TTL table with an item already expired, so the engine's maintenance alarm has work. */
  async setUpExpiring(): Promise<void> {
    await this.dynamodb.send(new CreateTableCommand({
      TableName: "notes", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    }));
    const doc = DynamoDBDocumentClient.from(this.dynamodb);
    await doc.send(new PutCommand({ TableName: "notes", Item: { pk: "old", expiresAt: Math.floor(Date.now() / 1000) - 60 } }));
    await doc.send(new PutCommand({ TableName: "notes", Item: { pk: "keep" } }));
    await this.dynamodb.send(new UpdateTimeToLiveCommand({ TableName: "notes", TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
  }

  async status(): Promise<{ fired: number; ownAlarm: number | null; old: boolean; keep: boolean }> {
    const get = async (pk: string) => (await this.dynamodb.send(new GetItemCommand({ TableName: "notes", Key: { pk: { S: pk } } }))).Item !== undefined;
    return {
      fired: (this.ctx.storage.kv.get("fired") as number | undefined) ?? 0,
      ownAlarm: await this.ctx.storage.getAlarm(),
      old: await get("old"),
      keep: await get("keep"),
    };
  }
}

type Case = [string, (env: Env) => Promise<void>];

function check(ok: unknown, message: string): void {
  if (!ok) throw new Error(message);
}

const CASES: Case[] = [
  ["namespace client: create, put, get, errors", async (env) => {
    const client = new DynamoDBClient({ doNamespace: env.DYNAMODB, database: "facade" });
    await client.send(new CreateTableCommand({
      TableName: "things", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    }));
    await client.send(new PutItemCommand({ TableName: "things", Item: { pk: { S: "a" }, sk: { N: "1" }, b: { B: new Uint8Array([7]) } } }));
    const { Item } = await client.send(new GetItemCommand({ TableName: "things", Key: { pk: { S: "a" }, sk: { N: "1" } } }));
    check(Item?.b?.B instanceof Uint8Array && Item.b.B[0] === 7, `binary round trip: ${JSON.stringify(Item)}`);
    const err = await client.send(new PutItemCommand({ TableName: "things", Item: { pk: { S: "a" }, sk: { N: "1" } }, ConditionExpression: "attribute_not_exists(pk)" })).catch((e) => e);
    check(err instanceof ConditionalCheckFailedException && err.$metadata.httpStatusCode === 400, `condition: ${err}`);
    const missing = await client.send(new GetItemCommand({ TableName: "nothing", Key: { pk: { S: "a" } } })).catch((e) => e);
    check(missing instanceof ResourceNotFoundException && missing instanceof DynamoDBServiceException, `missing: ${missing}`);
  }],
  ["namespace client: the database is the object the HTTP route /<database> reaches", async (env) => {
    const other = new DynamoDBClient({ doNamespace: env.DYNAMODB, database: "elsewhere" });
    const err = await other.send(new GetItemCommand({ TableName: "things", Key: { pk: { S: "a" } } })).catch((e) => e);
    check(err instanceof ResourceNotFoundException, "another database does not see the table");
  }],
  ["document client and paginateQuery over the namespace", async (env) => {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ doNamespace: env.DYNAMODB, database: "facade" }));
    for (let sk = 2; sk < 9; sk++) await doc.send(new PutCommand({ TableName: "things", Item: { pk: "a", sk, tags: new Set(["x"]) } }));
    let items = 0;
    let pages = 0;
    for await (const page of paginateQuery({ client: doc, pageSize: 3 }, { TableName: "things", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "a" } })) {
      items += page.Items?.length ?? 0;
      pages++;
    }
    check(items === 8 && pages === 3, `paged ${items} items in ${pages} pages`);
    const { Item } = await doc.send(new GetCommand({ TableName: "things", Key: { pk: "a", sk: 2 } }));
    check(Item?.tags instanceof Set && Item.tags.has("x"), "sets unmarshalled");
    const q = await doc.send(new QueryCommand({ TableName: "things", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "a" }, Select: "COUNT" }));
    check(q.Count === 8, `count ${q.Count}`);
  }],
];

async function runCases(env: Env): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [name, run] of CASES) {
    try {
      await run(env);
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: String((e as Error)?.stack ?? e) });
    }
  }
  return results;
}

export const FACADE_CASES = CASES.map(([name]) => ({ name }));

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/cases") return Response.json(await runCases(env));
    const reminders = env.REMINDERS.get(env.REMINDERS.idFromName(url.searchParams.get("name") ?? "r"));
    switch (url.pathname) {
      case "/reminders/schedule":
        return Response.json(await reminders.schedule(Number(url.searchParams.get("ms"))));
      case "/reminders/set-up":
        await reminders.setUpExpiring();
        return Response.json({ ok: true });
      case "/reminders/status":
        return Response.json(await reminders.status());
    }
    return new Response("Not found\n", { status: 404 });
  },
};

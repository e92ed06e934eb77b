/**
 * The Worker for tests/workerd/declared-tables.test.ts. DeclaredDatabase is a DynamoDBDurableObject
 * whose `static tables` come from the TABLES binding (JSON), so restarting Miniflare with another
 * value is a deploy with a changed declaration; it counts the storage writes (SQL statements that
 * write, alarm changes) made while its engine was made, i.e. while the declarations were applied.
 * DeclaredAgent declares its tables through withDynamoDB(Base, { tables }).
 * Routes: POST /db/<Operation> (the request's JSON) answers { status, body } or { error };
 * GET /db/declaration-writes; POST /agent/note (body: text) answers the item read back.
 */
import { DurableObject } from "cloudflare:workers";
import { DynamoDBDurableObject, withDynamoDB, type TableDefinition } from "do-dynamodb/do";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "do-dynamodb/lib";

interface Env {
  TABLES: string;
  DECLARED: DurableObjectNamespace<DeclaredDatabase>;
  AGENT: DurableObjectNamespace<DeclaredAgent>;
}

/** Counts the writes made through storage: SQL statements other than reads, and alarm changes. */
function countWrites(storage: DurableObjectStorage): { count: number } {
  const counter = { count: 0 };
  const sql = storage.sql;
  const counted = {
    exec: (query: string, ...bindings: unknown[]) => {
      if (/^\s*(INSERT|UPDATE|DELETE|REPLACE)/i.test(query)) counter.count++;
      return sql.exec(query, ...bindings);
    },
  };
  const setAlarm = storage.setAlarm.bind(storage);
  const deleteAlarm = storage.deleteAlarm.bind(storage);
  const own = {
    sql: counted,
    setAlarm: (time: number | Date) => (counter.count++, setAlarm(time)),
    deleteAlarm: () => (counter.count++, deleteAlarm()),
  };
  for (const [name, value] of Object.entries(own)) Object.defineProperty(storage, name, { value, configurable: true });
  return counter;
}

export class DeclaredDatabase extends DynamoDBDurableObject<Env> {
  static override tables: TableDefinition[] = [];
  readonly #writes: { count: number };
  #declarationWrites: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    DeclaredDatabase.tables = JSON.parse(env.TABLES) as TableDefinition[];
    this.#writes = countWrites(ctx.storage);
  }

  protected override createEngine() {
    const before = this.#writes.count;
    const engine = super.createEngine();
    this.#declarationWrites = this.#writes.count - before;
    return engine;
  }

  /** The writes made while this instance's engine was made (null: not made yet). */
  declarationWrites(): number | null {
    return this.#declarationWrites;
  }
}

const AGENT_TABLES: TableDefinition[] = [{
  TableName: "Turns", BillingMode: "PAY_PER_REQUEST", TimeToLiveAttribute: "expiresAt",
  AttributeDefinitions: [{ AttributeName: "user", AttributeType: "S" }, { AttributeName: "at", AttributeType: "N" }],
  KeySchema: [{ AttributeName: "user", KeyType: "HASH" }, { AttributeName: "at", KeyType: "RANGE" }],
}];

export class DeclaredAgent extends withDynamoDB(DurableObject, { tables: AGENT_TABLES }) {
  async note(text: string): Promise<unknown> {
    const doc = DynamoDBDocumentClient.from(this.dynamodb);
    await doc.send(new PutCommand({ TableName: "Turns", Item: { user: "ada", at: 1, text } }));
    return (await doc.send(new GetCommand({ TableName: "Turns", Key: { user: "ada", at: 1 } }))).Item;
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const database = env.DECLARED.get(env.DECLARED.idFromName("default"));
    try {
      if (url.pathname === "/db/declaration-writes") return Response.json(await database.declarationWrites());
      if (url.pathname.startsWith("/db/")) return Response.json(await database.handle(url.pathname.slice(4), await request.text()));
      if (url.pathname === "/agent/note") {
        return Response.json(await env.AGENT.get(env.AGENT.idFromName("a")).note(await request.text()));
      }
    } catch (err) {
      return Response.json({ error: String((err as Error).message ?? err) });
    }
    return new Response("Not found\n", { status: 404 });
  },
};

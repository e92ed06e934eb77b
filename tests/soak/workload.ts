/**
 * The soak workload: request number i of a deterministic mix over two tables (a hash table and a
 * hash+range table with a GSI), keys drawn from a bounded key space so the store stops growing:
 * puts, gets, updates (ADD, SET, list_append capped by REMOVE), queries (forward, backward, GSI,
 * filters, Limit), scans with Limit, deletes, conditional writes that fail, batch writes and gets,
 * transactions (some cancelled), and requests that fail validation or name a missing table.
 * Used by the soak script (1M requests) and its short version in `npm test`, in Node and inside a
 * Durable Object.
 */

export const SOAK_TABLES: { op: string; body: Record<string, unknown> }[] = [
  {
    op: "CreateTable",
    body: {
      TableName: "soak-h", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    },
  },
  {
    op: "CreateTable",
    body: {
      TableName: "soak-r", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }, { AttributeName: "g", AttributeType: "S" },
      ],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } }],
    },
  },
];

/** 32-bit mix of i (splitmix-style): request i is a pure function of i. */
function hash(i: number, salt: number): number {
  let x = (i * 0x9e3779b1 + salt * 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const HASH_KEYS = 5000;
const PARTITIONS = 200;
const SORTS = 50;

/** What kind of answer a request of the mix expects. */
export type Outcome = "ok" | "error";

export interface SoakRequest {
  op: string;
  body: string;
  expect: Outcome;
}

/** Request i of the mix. */
export function soakRequest(i: number): SoakRequest {
  const r = hash(i, 1) % 1000;
  const h = `h${hash(i, 2) % HASH_KEYS}`;
  const p = `p${hash(i, 3) % PARTITIONS}`;
  const s = hash(i, 4) % SORTS;
  const g = `g${hash(i, 5) % 20}`;
  const pad = "x".repeat(hash(i, 6) % 600);
  const ok = (op: string, body: unknown): SoakRequest => ({ op, body: JSON.stringify(body), expect: "ok" });
  const fail = (op: string, body: unknown): SoakRequest => ({ op, body: JSON.stringify(body), expect: "error" });
  if (r < 200) return ok("PutItem", { TableName: "soak-h", Item: { pk: { S: h }, n: { N: String(i) }, pad: { S: pad }, tags: { SS: ["a", `t${i % 7}`] } } });
  if (r < 300) return ok("PutItem", { TableName: "soak-r", Item: { pk: { S: p }, sk: { N: String(s) }, g: { S: g }, v: { N: String(i % 1000) }, pad: { S: pad } } });
  if (r < 450) return ok("GetItem", { TableName: r % 2 ? "soak-h" : "soak-r", Key: r % 2 ? { pk: { S: h } } : { pk: { S: p }, sk: { N: String(s) } }, ConsistentRead: r % 3 === 0 });
  if (r < 550)
    return r % 2
      ? ok("UpdateItem", { TableName: "soak-h", Key: { pk: { S: h } }, UpdateExpression: "ADD c :one SET l = list_append(if_not_exists(l, :e), :l)", ExpressionAttributeValues: { ":one": { N: "1" }, ":e": { L: [] }, ":l": { L: [{ N: String(i) }] } }, ReturnValues: "ALL_NEW" })
      : ok("UpdateItem", { TableName: "soak-h", Key: { pk: { S: h } }, UpdateExpression: "REMOVE l SET #m = if_not_exists(#m, :m)", ExpressionAttributeNames: { "#m": "m" }, ExpressionAttributeValues: { ":m": { M: { k: { S: pad } } } }, ReturnValues: "UPDATED_OLD" });
  if (r < 650) {
    const forward = r % 2 === 0;
    if (r % 5 === 0) return ok("Query", { TableName: "soak-r", IndexName: "byG", KeyConditionExpression: "g = :g AND sk > :s", ExpressionAttributeValues: { ":g": { S: g }, ":s": { N: String(s) } }, Limit: 25 });
    return ok("Query", { TableName: "soak-r", KeyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b", FilterExpression: "v > :v", ExpressionAttributeValues: { ":p": { S: p }, ":a": { N: "0" }, ":b": { N: String(s) }, ":v": { N: "100" } }, ScanIndexForward: forward, Limit: 20 });
  }
  if (r < 680) return ok("Scan", { TableName: r % 2 ? "soak-h" : "soak-r", Limit: 40, FilterExpression: "attribute_exists(#pad)", ExpressionAttributeNames: { "#pad": "pad" }, ExclusiveStartKey: r % 2 ? { pk: { S: h } } : undefined });
  if (r < 780) return ok("DeleteItem", r % 2 ? { TableName: "soak-h", Key: { pk: { S: h } }, ReturnValues: "ALL_OLD" } : { TableName: "soak-r", Key: { pk: { S: p }, sk: { N: String(s) } } });
  if (r < 830) return fail("PutItem", { TableName: "soak-h", Item: { pk: { S: h } }, ConditionExpression: "attribute_exists(pk) AND n < :z", ExpressionAttributeValues: { ":z": { N: "-1" } }, ReturnValuesOnConditionCheckFailure: "ALL_OLD" });
  if (r < 860) return fail("UpdateItem", { TableName: "soak-h", Key: { pk: { S: h } }, UpdateExpression: "SET n = :n", ExpressionAttributeValues: { ":n": { N: "1e200" } } });
  if (r < 880) return fail("GetItem", { TableName: "soak-missing", Key: { pk: { S: h } } });
  if (r < 900) return fail("Query", { TableName: "soak-r", KeyConditionExpression: "pk = :p AND (", ExpressionAttributeValues: { ":p": { S: p } } });
  if (r < 940)
    return ok("BatchWriteItem", {
      RequestItems: {
        "soak-h": Array.from({ length: 1 + (r % 10) }, (_, k) => (k % 3 === 2 ? { DeleteRequest: { Key: { pk: { S: `h${(hash(i, 7) + k) % HASH_KEYS}` } } } } : { PutRequest: { Item: { pk: { S: `h${(hash(i, 7) + k) % HASH_KEYS}` }, b: { B: "AAEC" }, pad: { S: pad } } } })),
      },
    });
  if (r < 970) return ok("BatchGetItem", { RequestItems: { "soak-h": { Keys: Array.from({ length: 1 + (r % 20) }, (_, k) => ({ pk: { S: `h${(hash(i, 8) + k) % HASH_KEYS}` } })), ProjectionExpression: "pk, n" } } });
  const cancel = r % 3 === 0;
  const items = [
    { Put: { TableName: "soak-h", Item: { pk: { S: `tx${i % 300}` }, n: { N: String(i) } } } },
    { Update: { TableName: "soak-r", Key: { pk: { S: p }, sk: { N: String(s) } }, UpdateExpression: "ADD v :one SET g = :g", ExpressionAttributeValues: { ":one": { N: "1" }, ":g": { S: g } } } },
    cancel
      ? { ConditionCheck: { TableName: "soak-h", Key: { pk: { S: "never-there" } }, ConditionExpression: "attribute_exists(pk)" } }
      : { Delete: { TableName: "soak-h", Key: { pk: { S: `tx${(i + 150) % 300}` } } } },
  ];
  return cancel ? fail("TransactWriteItems", { TransactItems: items }) : ok("TransactWriteItems", { TransactItems: items });
}

export interface SoakTally {
  requests: number;
  ok: number;
  errors: number;
  /** Requests whose answer was not the kind expected (should stay 0). */
  unexpected: number;
  /** First few unexpected answers, for the report. */
  samples: string[];
}

export function newTally(): SoakTally {
  return { requests: 0, ok: 0, errors: 0, unexpected: 0, samples: [] };
}

/** Runs requests [from, from + n) of the mix on handle, adding to tally. */
export function runSoak(
  handle: (op: string, body: string) => { status: number; body: string },
  from: number,
  n: number,
  tally: SoakTally,
): void {
  for (let i = from; i < from + n; i++) {
    const req = soakRequest(i);
    const r = handle(req.op, req.body);
    tally.requests++;
    if (r.status === 200) tally.ok++;
    else tally.errors++;
    const got: Outcome = r.status === 200 ? "ok" : "error";
    if (got !== req.expect || r.status >= 500) {
      tally.unexpected++;
      if (tally.samples.length < 5) tally.samples.push(`#${i} ${req.op} ${req.body.slice(0, 200)} -> ${r.status} ${r.body.slice(0, 300)}`);
    }
  }
}

/**
 * applyDeclaredTables against the real engine in Node (a MemoryHost whose writes are counted): what
 * each change of a declaration does to the stored table, that an unchanged declaration writes
 * nothing, and the errors for conflicting or malformed declarations (nothing written before them).
 * The same behaviour inside workerd, through DynamoDBDurableObject and withDynamoDB, is in
 * tests/workerd/declared-tables.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryHost } from "../hosts/memory-host.js";
import { createNodeEngine, drainMaintenance } from "../node.js";
import { applyDeclaredTables, TableDeclarationError, type TableDefinition } from "./declared-tables.js";

/** A MemoryHost counting the writes it receives. */
class CountingHost extends MemoryHost {
  writes = 0;
  override put(key: Uint8Array, value: Uint8Array): void {
    this.writes++;
    super.put(key, value);
  }
  override delete(key: Uint8Array): void {
    this.writes++;
    super.delete(key);
  }
}

function setUp() {
  const host = new CountingHost();
  const engine = createNodeEngine(host);
  const call = (op: string, body: object) => {
    const r = engine.handle(op, JSON.stringify(body));
    return { status: r.status, ...(JSON.parse(r.body) as Record<string, any>) } as Record<string, any>;
  };
  const table = (name: string) => call("DescribeTable", { TableName: name }).Table;
  return { host, engine, call, table };
}

const NOTES: TableDefinition = {
  TableName: "Notes", BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
};
const BY_TAG = { IndexName: "byTag", KeySchema: [{ AttributeName: "tag", KeyType: "HASH" as const }], Projection: { ProjectionType: "ALL" as const } };
const BY_OWNER = { IndexName: "byOwner", KeySchema: [{ AttributeName: "owner", KeyType: "HASH" as const }], Projection: { ProjectionType: "KEYS_ONLY" as const } };
/** NOTES with these global indexes (and their key attributes' definitions, all strings). */
function notesWith(...indexes: (typeof BY_TAG | typeof BY_OWNER)[]): TableDefinition {
  const definitions = indexes.map((i) => ({ AttributeName: i.KeySchema[0]!.AttributeName, AttributeType: "S" as const }));
  return { ...NOTES, AttributeDefinitions: [...NOTES.AttributeDefinitions!, ...definitions], GlobalSecondaryIndexes: indexes };
}
const globalIndexes = (t: any) => (t.GlobalSecondaryIndexes ?? []).map((i: any) => `${i.IndexName}:${i.IndexStatus}`).sort();

test("a missing table is created with its indexes, stream and Time to Live", () => {
  const { engine, call, table } = setUp();
  const waiting = applyDeclaredTables(engine, [{ ...notesWith(BY_TAG),
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" }, TimeToLiveAttribute: "expiresAt" }]);
  assert.equal(waiting, false);
  const t = table("Notes");
  assert.deepEqual(globalIndexes(t), ["byTag:ACTIVE"]);
  assert.equal(t.StreamSpecification.StreamViewType, "NEW_IMAGE");
  assert.deepEqual(call("DescribeTimeToLive", { TableName: "Notes" }).TimeToLiveDescription, { TimeToLiveStatus: "ENABLED", AttributeName: "expiresAt" });
});

test("an unchanged declaration reads and writes nothing more; an undeclared table is kept", () => {
  const { host, engine, call, table } = setUp();
  const declared = [{ ...notesWith(BY_TAG), TimeToLiveAttribute: "expiresAt",
    StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" as const } }];
  applyDeclaredTables(engine, declared);
  call("CreateTable", { ...NOTES, TableName: "Scratch", AttributeDefinitions: NOTES.AttributeDefinitions!.slice(0, 2) });
  drainMaintenance(engine);
  const before = host.writes;
  assert.equal(applyDeclaredTables(engine, declared), false);
  assert.equal(applyDeclaredTables(createNodeEngine(host), declared), false, "a fresh engine: a cold start");
  assert.equal(host.writes, before, "no write when nothing changed");
  assert.equal(table("Scratch").TableStatus, "ACTIVE", "a table no longer declared is not deleted");
});

test("global indexes added and removed online, one change at a time per table", () => {
  const { engine, table } = setUp();
  applyDeclaredTables(engine, [NOTES]);
  assert.equal(applyDeclaredTables(engine, [notesWith(BY_TAG, BY_OWNER)]), true, "byOwner waits for byTag");
  assert.deepEqual(globalIndexes(table("Notes")), ["byTag:CREATING"]);
  assert.equal(applyDeclaredTables(engine, [notesWith(BY_TAG, BY_OWNER)]), true, "still backfilling");
  drainMaintenance(engine);
  assert.equal(applyDeclaredTables(engine, [notesWith(BY_TAG, BY_OWNER)]), false);
  drainMaintenance(engine);
  assert.deepEqual(globalIndexes(table("Notes")), ["byOwner:ACTIVE", "byTag:ACTIVE"]);
  applyDeclaredTables(engine, [notesWith(BY_OWNER)]);
  assert.deepEqual(globalIndexes(table("Notes")), ["byOwner:ACTIVE", "byTag:DELETING"]);
  drainMaintenance(engine);
  assert.deepEqual(globalIndexes(table("Notes")), ["byOwner:ACTIVE"]);
});

test("stream view type, Time to Live attribute, billing and deletion protection follow the declaration", () => {
  const { engine, call, table } = setUp();
  applyDeclaredTables(engine, [{ ...NOTES, StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" }, TimeToLiveAttribute: "a" }]);
  const firstStream = table("Notes").LatestStreamArn;
  applyDeclaredTables(engine, [{ ...NOTES, BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
    DeletionProtectionEnabled: true, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" }, TimeToLiveAttribute: "b" }]);
  let t = table("Notes");
  assert.equal(t.StreamSpecification.StreamViewType, "NEW_AND_OLD_IMAGES");
  assert.notEqual(t.LatestStreamArn, firstStream, "a new stream");
  assert.deepEqual([t.ProvisionedThroughput.ReadCapacityUnits, t.ProvisionedThroughput.WriteCapacityUnits, t.BillingModeSummary], [3, 4, undefined]);
  assert.equal(t.DeletionProtectionEnabled, true);
  assert.equal(call("DescribeTimeToLive", { TableName: "Notes" }).TimeToLiveDescription.AttributeName, "b");
  applyDeclaredTables(engine, [NOTES]);
  t = table("Notes");
  assert.equal(t.StreamSpecification, undefined, "left out: the stream is disabled");
  assert.equal(t.BillingModeSummary.BillingMode, "PAY_PER_REQUEST");
  assert.equal(t.DeletionProtectionEnabled, false);
  assert.deepEqual(call("DescribeTimeToLive", { TableName: "Notes" }).TimeToLiveDescription, { TimeToLiveStatus: "DISABLED" });
});

test("a conflict with the stored table is an error naming it, and nothing is changed", () => {
  const { host, engine } = setUp();
  const lsi = { IndexName: "bySk", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" as const }, { AttributeName: "tag", KeyType: "RANGE" as const }],
    Projection: { ProjectionType: "ALL" as const } };
  const stored = { ...notesWith(BY_TAG), LocalSecondaryIndexes: [lsi] };
  applyDeclaredTables(engine, [stored]);
  const before = host.writes;
  const [pk, sk, tag] = stored.AttributeDefinitions!;
  const conflicts: [string, TableDefinition, RegExp][] = [
    ["key schema", { ...stored, KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [pk!, tag!] },
      /table Notes: KeySchema is pk HASH, sk RANGE in the stored table, pk HASH in the declaration/],
    ["attribute type", { ...stored, AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "N" }, sk!, tag!] },
      /the type of attribute pk is S in the stored table, N in the declaration/],
    ["local indexes", notesWith(BY_TAG), /LocalSecondaryIndexes is bySk \(pk HASH, tag RANGE; ALL\) in the stored table, none in the declaration/],
    ["a reshaped global index", { ...stored, GlobalSecondaryIndexes: [{ ...BY_TAG, Projection: { ProjectionType: "KEYS_ONLY" } }] },
      /global secondary index byTag is \(tag HASH; ALL\) in the stored table, \(tag HASH; KEYS_ONLY\) in the declaration \(.*new name/],
  ];
  for (const [what, declared, message] of conflicts) {
    assert.throws(() => applyDeclaredTables(engine, [{ ...declared, TimeToLiveAttribute: "x" }]),
      (err: Error) => err instanceof TableDeclarationError && message.test(err.message) && /fixed when it is created/.test(err.message), what);
  }
  assert.equal(host.writes, before, "nothing written (not even the declared Time to Live)");
});

test("malformed declarations: every problem listed, before anything is written", () => {
  const { host, engine } = setUp();
  const bad = [
    NOTES, { ...NOTES, AttributeDefinitions: [] }, { TableName: "" }, { ...NOTES, TableName: "Other", TimeToLiveAttribute: "" },
    { ...NOTES, TableName: "Idx", GlobalSecondaryIndexes: [{ ...BY_TAG, KeySchema: [{ AttributeName: "nope", KeyType: "HASH" as const }] }] },
    { ...NOTES, TableName: "Unused", AttributeDefinitions: [...NOTES.AttributeDefinitions!, { AttributeName: "spare", AttributeType: "S" }] },
  ] as TableDefinition[];
  assert.throws(() => applyDeclaredTables(engine, bad), (err: Error) => err instanceof TableDeclarationError &&
    /table Notes is declared twice/.test(err.message) && /table Notes: key attribute pk has no AttributeDefinitions entry/.test(err.message) &&
    /tables\[2\] has no TableName/.test(err.message) && /table Other: TimeToLiveAttribute must be an attribute name/.test(err.message) &&
    /table Idx: key attribute nope has no AttributeDefinitions entry/.test(err.message) &&
    /table Unused: AttributeDefinitions entry spare is no key/.test(err.message));
  assert.throws(() => applyDeclaredTables(engine, {} as TableDefinition[]), /tables must be an array/);
  assert.equal(host.writes, 0);
});

test("a change the engine refuses is an error naming the table, the request and DynamoDB's message", () => {
  const { engine } = setUp();
  applyDeclaredTables(engine, [NOTES]);
  const badProjection = { ...BY_TAG, Projection: { ProjectionType: "SOME" as "ALL" } };
  assert.throws(() => applyDeclaredTables(engine, [notesWith(badProjection)]),
    (err: Error) => err instanceof TableDeclarationError && /^do-dynamodb: table Notes: UpdateTable was refused: ValidationException: .*projectionType.*\[ALL, INCLUDE, KEYS_ONLY\]/.test(err.message));
});

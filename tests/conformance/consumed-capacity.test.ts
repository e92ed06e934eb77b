/**
 * ReturnConsumedCapacity with index arms, and ReturnItemCollectionMetrics. Sources: AWS
 * developer guide "Provisioned throughput considerations for global secondary indexes" (a new
 * index entry costs one write, a moved index key two, a removed entry one, an untouched index
 * nothing) and dynoxide src/actions/index_capacity.rs ("DX", rules captured against DynamoDB in
 * eu-west-2: sizes are those of the projected entry; an unchanged projection costs nothing;
 * transactions double the table arm only). ItemCollectionMetrics: API reference (only for
 * tables with local secondary indexes; SizeEstimateRangeGB is a [lower, upper] pair).
 */
import { ABSENT, N, S, conformance, okSubset, ok, pk, type Case, type Step } from "./runner.js";

const GSI_TABLE = "indexed";
const LSI_TABLE = "local";

// indexed: pk (S); GSI byG on g (ALL), GSI keysOnly on k (KEYS_ONLY).
const CREATE_GSI: Step = {
  op: "CreateTable",
  body: {
    TableName: GSI_TABLE,
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "g", AttributeType: "S" },
      { AttributeName: "k", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
    GlobalSecondaryIndexes: [
      { IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } },
      { IndexName: "keysOnly", KeySchema: [{ AttributeName: "k", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } },
    ],
  },
};
// local: pk (S) + sk (S); LSI byL on l (ALL).
const CREATE_LSI: Step = {
  op: "CreateTable",
  body: {
    TableName: LSI_TABLE,
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "l", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    BillingMode: "PAY_PER_REQUEST",
    LocalSecondaryIndexes: [
      { IndexName: "byL", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "l", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } },
    ],
  },
};
const setup = [CREATE_GSI, CREATE_LSI];
const putStep = (item: Record<string, unknown>, table = GSI_TABLE): Step => ({ op: "PutItem", body: { TableName: table, Item: item } });
const BIG = "x".repeat(1500); // 1.5 KB: two write units wherever it is stored

const indexes = (mode: string) => ({ ReturnConsumedCapacity: mode });
const capacity = (units: number, table: number, gsi?: Record<string, number>, lsi?: Record<string, number>, name = GSI_TABLE) => ({
  ConsumedCapacity: {
    TableName: name,
    CapacityUnits: units,
    Table: { CapacityUnits: table },
    GlobalSecondaryIndexes: gsi ? Object.fromEntries(Object.entries(gsi).map(([k, v]) => [k, { CapacityUnits: v }])) : ABSENT,
    LocalSecondaryIndexes: lsi ? Object.fromEntries(Object.entries(lsi).map(([k, v]) => [k, { CapacityUnits: v }])) : ABSENT,
  },
});

const cases: Case[] = [
  // ---- single writes on a table with GSIs
  {
    name: "a new item in one GSI costs one write there",
    setup,
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: { ...pk("a"), g: S("g1") }, ...indexes("INDEXES") },
    expect: okSubset(capacity(2, 1, { byG: 1 })),
  },
  {
    name: "TOTAL counts the index writes",
    setup,
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: { ...pk("a"), g: S("g1"), k: S("k1") }, ...indexes("TOTAL") },
    expect: ok({ ConsumedCapacity: { TableName: GSI_TABLE, CapacityUnits: 3 } }),
  },
  {
    name: "an item in no index costs only the table",
    setup,
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: pk("a"), ...indexes("INDEXES") },
    expect: okSubset(capacity(1, 1)),
  },
  {
    name: "the index entry is sized on its projection (KEYS_ONLY leaves the big attribute out)",
    setup,
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: { ...pk("a"), k: S("k1"), big: S(BIG) }, ...indexes("INDEXES") },
    expect: okSubset(capacity(3, 2, { keysOnly: 1 })),
  },
  {
    name: "an ALL projection carries the big attribute",
    setup,
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: { ...pk("a"), g: S("g1"), big: S(BIG) }, ...indexes("INDEXES") },
    expect: okSubset(capacity(4, 2, { byG: 2 })),
  },
  {
    name: "moving a GSI key costs a delete and a put",
    setup: [...setup, putStep({ ...pk("a"), g: S("g1") })],
    op: "UpdateItem",
    request: {
      TableName: GSI_TABLE,
      Key: pk("a"),
      UpdateExpression: "SET g = :g",
      ExpressionAttributeValues: { ":g": S("g2") },
      ...indexes("INDEXES"),
    },
    expect: okSubset(capacity(3, 1, { byG: 2 })),
  },
  {
    name: "changing an attribute a KEYS_ONLY index does not project costs it nothing",
    setup: [...setup, putStep({ ...pk("a"), k: S("k1"), n: N("1") })],
    op: "UpdateItem",
    request: { TableName: GSI_TABLE, Key: pk("a"), UpdateExpression: "SET n = :n", ExpressionAttributeValues: { ":n": N("2") }, ...indexes("INDEXES") },
    expect: okSubset(capacity(1, 1)),
  },
  {
    name: "changing a projected attribute in place costs one write",
    setup: [...setup, putStep({ ...pk("a"), g: S("g1"), n: N("1") })],
    op: "UpdateItem",
    request: { TableName: GSI_TABLE, Key: pk("a"), UpdateExpression: "SET n = :n", ExpressionAttributeValues: { ":n": N("2") }, ...indexes("INDEXES") },
    expect: okSubset(capacity(2, 1, { byG: 1 })),
  },
  {
    name: "rewriting the same item leaves the index untouched",
    setup: [...setup, putStep({ ...pk("a"), g: S("g1"), ss: { SS: ["x", "y"] } })],
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: { ...pk("a"), g: S("g1"), ss: { SS: ["y", "x"] } }, ...indexes("INDEXES") },
    expect: okSubset(capacity(1, 1)),
  },
  {
    name: "removing the index key deletes the entry: one write",
    setup: [...setup, putStep({ ...pk("a"), g: S("g1") })],
    op: "UpdateItem",
    request: { TableName: GSI_TABLE, Key: pk("a"), UpdateExpression: "REMOVE g", ...indexes("INDEXES") },
    expect: okSubset(capacity(2, 1, { byG: 1 })),
  },
  {
    name: "deleting an item in two indexes",
    setup: [...setup, putStep({ ...pk("a"), g: S("g1"), k: S("k1") })],
    op: "DeleteItem",
    request: { TableName: GSI_TABLE, Key: pk("a"), ...indexes("INDEXES") },
    expect: okSubset(capacity(3, 1, { byG: 1, keysOnly: 1 })),
  },
  {
    name: "an LSI arm is listed under LocalSecondaryIndexes",
    setup,
    op: "PutItem",
    request: { TableName: LSI_TABLE, Item: { ...pk("a"), sk: S("1"), l: S("x") }, ...indexes("INDEXES") },
    expect: okSubset(capacity(2, 1, undefined, { byL: 1 }, LSI_TABLE)),
  },

  // ---- batches and transactions
  {
    name: "BatchWriteItem sums the index arms per table",
    setup,
    op: "BatchWriteItem",
    request: {
      RequestItems: { [GSI_TABLE]: [{ PutRequest: { Item: { ...pk("a"), g: S("g") } } }, { PutRequest: { Item: { ...pk("b"), g: S("g"), k: S("k") } } }] },
      ...indexes("INDEXES"),
    },
    expect: okSubset({
      ConsumedCapacity: [{ TableName: GSI_TABLE, CapacityUnits: 5, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { byG: { CapacityUnits: 2 }, keysOnly: { CapacityUnits: 1 } } }],
    }),
  },
  {
    name: "TransactWriteItems doubles the table arm, not the index arm (DX capture)",
    setup,
    op: "TransactWriteItems",
    request: { TransactItems: [{ Put: { TableName: GSI_TABLE, Item: { ...pk("a"), g: S("g") } } }], ...indexes("INDEXES") },
    expect: okSubset({ ConsumedCapacity: [{ TableName: GSI_TABLE, CapacityUnits: 3, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { byG: { CapacityUnits: 1 } } }] }),
  },

  // ---- ItemCollectionMetrics
  {
    name: "PutItem SIZE on a table with an LSI",
    setup,
    op: "PutItem",
    request: { TableName: LSI_TABLE, Item: { ...pk("a"), sk: S("1"), l: S("x") }, ReturnItemCollectionMetrics: "SIZE" },
    expect: ok({ ItemCollectionMetrics: { ItemCollectionKey: pk("a"), SizeEstimateRangeGB: [0, 1] } }),
  },
  {
    name: "SIZE on a table without LSIs returns nothing",
    setup,
    op: "PutItem",
    request: { TableName: GSI_TABLE, Item: pk("a"), ReturnItemCollectionMetrics: "SIZE" },
    expect: ok({}),
  },
  {
    name: "UpdateItem and DeleteItem SIZE",
    setup: [...setup, putStep({ ...pk("a"), sk: S("1") }, LSI_TABLE)],
    op: "DeleteItem",
    request: { TableName: LSI_TABLE, Key: { ...pk("a"), sk: S("1") }, ReturnItemCollectionMetrics: "SIZE" },
    expect: ok({ ItemCollectionMetrics: { ItemCollectionKey: pk("a"), SizeEstimateRangeGB: [0, 1] } }),
  },
  {
    name: "BatchWriteItem SIZE lists the LSI table's items",
    setup,
    op: "BatchWriteItem",
    request: {
      RequestItems: {
        [LSI_TABLE]: [{ PutRequest: { Item: { ...pk("a"), sk: S("1") } } }, { PutRequest: { Item: { ...pk("b"), sk: S("1") } } }],
        [GSI_TABLE]: [{ PutRequest: { Item: pk("a") } }],
      },
      ReturnItemCollectionMetrics: "SIZE",
    },
    expect: ok({
      UnprocessedItems: {},
      ItemCollectionMetrics: {
        [LSI_TABLE]: [
          { ItemCollectionKey: pk("a"), SizeEstimateRangeGB: [0, 1] },
          { ItemCollectionKey: pk("b"), SizeEstimateRangeGB: [0, 1] },
        ],
      },
    }),
  },
  {
    name: "TransactWriteItems SIZE",
    setup,
    op: "TransactWriteItems",
    request: { TransactItems: [{ Put: { TableName: LSI_TABLE, Item: { ...pk("a"), sk: S("1") } } }], ReturnItemCollectionMetrics: "SIZE" },
    expect: ok({ ItemCollectionMetrics: { [LSI_TABLE]: [{ ItemCollectionKey: pk("a"), SizeEstimateRangeGB: [0, 1] }] } }),
  },
];

conformance("ConsumedCapacity and ItemCollectionMetrics", cases);

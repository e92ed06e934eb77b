/**
 * dynamodb-toolbox v2 (unmodified) over the in-process client: a Table with a GSI and an LSI, an
 * Entity with computed keys, Put/Get/Update/Delete commands with conditions (toolbox parenthesises
 * every condition), Query on the table, the GSI and the LSI (ranges, filters, reverse, pagination),
 * parallel Scan segments, BatchWrite/BatchGet and write/get transactions.
 */
import assert from "node:assert/strict";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Entity } from "dynamodb-toolbox/entity";
import { BatchDeleteRequest } from "dynamodb-toolbox/entity/actions/batchDelete";
import { BatchGetRequest } from "dynamodb-toolbox/entity/actions/batchGet";
import { BatchPutRequest } from "dynamodb-toolbox/entity/actions/batchPut";
import { DeleteItemCommand } from "dynamodb-toolbox/entity/actions/delete";
import { GetItemCommand } from "dynamodb-toolbox/entity/actions/get";
import { PutItemCommand } from "dynamodb-toolbox/entity/actions/put";
import { ConditionCheck } from "dynamodb-toolbox/entity/actions/transactCheck";
import { DeleteTransaction } from "dynamodb-toolbox/entity/actions/transactDelete";
import { execute as executeTransactGet, GetTransaction } from "dynamodb-toolbox/entity/actions/transactGet";
import { PutTransaction } from "dynamodb-toolbox/entity/actions/transactPut";
import { UpdateTransaction } from "dynamodb-toolbox/entity/actions/transactUpdate";
import { execute as executeTransactWrite } from "dynamodb-toolbox/entity/actions/transactWrite";
import { $add, $append, $remove, UpdateItemCommand } from "dynamodb-toolbox/entity/actions/update";
import { boolean } from "dynamodb-toolbox/schema/boolean";
import { item } from "dynamodb-toolbox/schema/item";
import { list } from "dynamodb-toolbox/schema/list";
import { map } from "dynamodb-toolbox/schema/map";
import { number } from "dynamodb-toolbox/schema/number";
import { set } from "dynamodb-toolbox/schema/set";
import { string } from "dynamodb-toolbox/schema/string";
import { Table } from "dynamodb-toolbox/table";
import { BatchGetCommand, execute as executeBatchGet } from "dynamodb-toolbox/table/actions/batchGet";
import { BatchWriteCommand, execute as executeBatchWrite } from "dynamodb-toolbox/table/actions/batchWrite";
import { QueryCommand } from "dynamodb-toolbox/table/actions/query";
import { ScanCommand } from "dynamodb-toolbox/table/actions/scan";
import { rejection, type EcoCase, type EcoContext } from "./ecosystem-common.js";

function makeModel(ctx: EcoContext) {
  const table = new Table({
    name: `${ctx.prefix}-toolbox`,
    partitionKey: { name: "pk", type: "string" },
    sortKey: { name: "sk", type: "string" },
    indexes: {
      bySpecies: { type: "global", partitionKey: { name: "species", type: "string" }, sortKey: { name: "level", type: "number" } },
      byName: { type: "local", sortKey: { name: "name", type: "string" } },
    },
    documentClient: ctx.doc,
  });
  const Pokemon = new Entity({
    name: "Pokemon",
    table,
    schema: item({
      trainer: string().key(),
      pokemonId: string().key(),
      name: string(),
      species: string(),
      level: number(),
      shiny: boolean().optional(),
      types: set(string()).optional(),
      moves: list(string()).optional(),
      stats: map({ hp: number(), speed: number() }).optional(),
    }),
    computeKey: ({ trainer, pokemonId }) => ({ pk: `TRAINER#${trainer}`, sk: `POKEMON#${pokemonId}` }),
  });
  return { table, Pokemon };
}

type Model = ReturnType<typeof makeModel>;
let model: Model | null = null;
const m = () => model!;

const pid = (i: number) => `p${String(i).padStart(3, "0")}`;
const SPECIES = ["pikachu", "charmander", "bulbasaur"] as const;

function pokemon(i: number) {
  return {
    trainer: "misty",
    pokemonId: pid(i),
    name: `mon-${String(40 - i).padStart(2, "0")}`,
    species: SPECIES[i % 3]!,
    level: (i * 7) % 50,
    types: new Set(i % 2 === 0 ? ["water"] : ["water", "fire"]),
  };
}

function isCheckFailed(e: unknown): boolean {
  return (e as Error)?.name === "ConditionalCheckFailedException";
}

export const TOOLBOX_CASES: EcoCase[] = [
  {
    name: "toolbox: table with a GSI and an LSI",
    async run(ctx) {
      await ctx.client.send(
        new CreateTableCommand({
          TableName: `${ctx.prefix}-toolbox`,
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          AttributeDefinitions: [
            { AttributeName: "pk", AttributeType: "S" },
            { AttributeName: "sk", AttributeType: "S" },
            { AttributeName: "species", AttributeType: "S" },
            { AttributeName: "level", AttributeType: "N" },
            { AttributeName: "name", AttributeType: "S" },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: "bySpecies",
              KeySchema: [
                { AttributeName: "species", KeyType: "HASH" },
                { AttributeName: "level", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
          LocalSecondaryIndexes: [
            {
              IndexName: "byName",
              KeySchema: [
                { AttributeName: "pk", KeyType: "HASH" },
                { AttributeName: "name", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
        }),
      );
      model = makeModel(ctx);
    },
  },
  {
    name: "toolbox: PutItemCommand/GetItemCommand round-trip with entity and timestamp attributes",
    async run(ctx) {
      const input = {
        trainer: "ash",
        pokemonId: "pika",
        name: "Pikachu",
        species: "pikachu",
        level: 5,
        shiny: false,
        types: new Set(["electric"]),
        moves: ["tackle", "growl"],
        stats: { hp: 35, speed: 90 },
      };
      await m().Pokemon.build(PutItemCommand).item(input).send();
      const { Item } = await m().Pokemon.build(GetItemCommand).key({ trainer: "ash", pokemonId: "pika" }).send();
      assert.ok(Item);
      const { created, modified, ...rest } = Item;
      assert.deepEqual(rest, input);
      assert.match(created, /^\d{4}-\d\d-\d\dT/);
      assert.ok(modified >= created, `modified ${modified} >= created ${created}`);
      const raw = await ctx.doc.send(new GetCommand({ TableName: `${ctx.prefix}-toolbox`, Key: { pk: "TRAINER#ash", sk: "POKEMON#pika" } }));
      assert.equal(raw.Item?._et, "Pokemon");
      assert.equal(raw.Item?.pk, "TRAINER#ash");
    },
  },
  {
    name: "toolbox: PutItemCommand condition (exists: false) refuses an overwrite",
    async run() {
      const err = await rejection(
        m()
          .Pokemon.build(PutItemCommand)
          .item({ trainer: "ash", pokemonId: "pika", name: "Impostor", species: "ditto", level: 1 })
          .options({ condition: { attr: "pokemonId", exists: false } })
          .send(),
      );
      assert.ok(isCheckFailed(err), String(err));
      const { Item } = await m().Pokemon.build(GetItemCommand).key({ trainer: "ash", pokemonId: "pika" }).send();
      assert.equal(Item?.name, "Pikachu");
    },
  },
  {
    name: "toolbox: UpdateItemCommand $add/$append/$remove under a compound condition",
    async run() {
      const { Attributes } = await m()
        .Pokemon.build(UpdateItemCommand)
        .item({ trainer: "ash", pokemonId: "pika", level: $add(3), moves: $append(["thunderbolt"]), shiny: $remove() })
        .options({
          condition: { and: [{ attr: "level", between: [1, 10] }, { attr: "name", beginsWith: "Pik" }, { attr: "types", contains: "electric" }] },
          returnValues: "ALL_NEW",
        })
        .send();
      assert.equal(Attributes?.level, 8);
      assert.deepEqual(Attributes?.moves, ["tackle", "growl", "thunderbolt"]);
      assert.equal(Attributes?.shiny, undefined);
      assert.ok(String(Attributes?.modified) >= String(Attributes?.created));
    },
  },
  {
    name: "toolbox: UpdateItemCommand refuses when the condition is false (or/size/not)",
    async run() {
      const err = await rejection(
        m()
          .Pokemon.build(UpdateItemCommand)
          .item({ trainer: "ash", pokemonId: "pika", level: 99 })
          .options({
            condition: { or: [{ attr: "level", gt: 50 }, { size: "moves", gte: 4 }, { not: { attr: "species", eq: "pikachu" } }] },
            returnValuesOnConditionFalse: "ALL_OLD",
          })
          .send(),
      );
      assert.ok(isCheckFailed(err), String(err));
      assert.equal((err as { Item?: Record<string, unknown> }).Item?.level !== undefined, true, "ALL_OLD item on the exception");
      const { Item } = await m().Pokemon.build(GetItemCommand).key({ trainer: "ash", pokemonId: "pika" }).send();
      assert.equal(Item?.level, 8);
    },
  },
  {
    name: "toolbox: nested updates (map path, list index), COUNT and projected attributes",
    async run() {
      const { Attributes } = await m()
        .Pokemon.build(UpdateItemCommand)
        .item({ trainer: "ash", pokemonId: "pika", stats: { hp: $add(5) }, moves: { 0: "quick attack" } })
        .options({ returnValues: "UPDATED_NEW" })
        .send();
      assert.deepEqual(Attributes?.stats, { hp: 40 });
      assert.deepEqual(Attributes?.moves, ["quick attack"]);
      const { Item } = await m().Pokemon.build(GetItemCommand).key({ trainer: "ash", pokemonId: "pika" }).options({ attributes: ["name", "stats.speed", "moves[2]"] }).send();
      assert.deepEqual(Item, { name: "Pikachu", stats: { speed: 90 }, moves: ["thunderbolt"] });
      const count = await m().table.build(QueryCommand).query({ partition: "TRAINER#ash" }).options({ select: "COUNT" }).send();
      assert.equal(count.Count, 1);
      assert.deepEqual(count.Items ?? [], []); // toolbox always hands back an Items array
    },
  },
  {
    name: "toolbox: BatchWrite puts 40 items in two commands, BatchGet reads some back",
    async run() {
      for (const chunk of [Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 20 }, (_, i) => i + 20)]) {
        const cmd = m()
          .table.build(BatchWriteCommand)
          .requests(...chunk.map((i) => m().Pokemon.build(BatchPutRequest).item(pokemon(i))));
        const out = await executeBatchWrite(cmd);
        assert.deepEqual(out.UnprocessedItems ?? {}, {});
      }
      const get = m()
        .table.build(BatchGetCommand)
        .requests(
          m().Pokemon.build(BatchGetRequest).key({ trainer: "misty", pokemonId: pid(3) }),
          m().Pokemon.build(BatchGetRequest).key({ trainer: "misty", pokemonId: pid(39) }),
          m().Pokemon.build(BatchGetRequest).key({ trainer: "misty", pokemonId: "missing" }),
        );
      const { Responses } = await executeBatchGet(get);
      const [items] = Responses;
      assert.equal(items.length, 3);
      assert.equal(items[0]?.name, pokemon(3).name);
      assert.equal(items[1]?.level, pokemon(39).level);
      assert.equal(items[2], undefined);
    },
  },
  {
    name: "toolbox: QueryCommand beginsWith/between, reverse, limit and paginate",
    async run() {
      const all = await m().table.build(QueryCommand).entities(m().Pokemon).query({ partition: "TRAINER#misty", range: { beginsWith: "POKEMON#" } }).send();
      assert.deepEqual(
        all.Items?.map((p) => p.pokemonId),
        Array.from({ length: 40 }, (_, i) => pid(i)),
      );
      const between = await m()
        .table.build(QueryCommand)
        .entities(m().Pokemon)
        .query({ partition: "TRAINER#misty", range: { between: [`POKEMON#${pid(10)}`, `POKEMON#${pid(13)}`] } })
        .options({ reverse: true })
        .send();
      assert.deepEqual(
        between.Items?.map((p) => p.pokemonId),
        [13, 12, 11, 10].map(pid),
      );
      const pages: string[][] = [];
      for await (const page of m().table.build(QueryCommand).entities(m().Pokemon).query({ partition: "TRAINER#misty" }).options({ limit: 15 }).paginate()) {
        pages.push(page.Items?.map((p) => p.pokemonId) ?? []);
      }
      assert.deepEqual(
        pages.map((p) => p.length),
        [15, 15, 10],
      );
      assert.deepEqual(
        pages.flat(),
        Array.from({ length: 40 }, (_, i) => pid(i)),
      );
      const maxPages = await m().table.build(QueryCommand).entities(m().Pokemon).query({ partition: "TRAINER#misty" }).options({ limit: 7, maxPages: Infinity }).send();
      assert.equal(maxPages.Items?.length, 40);
    },
  },
  {
    name: "toolbox: QueryCommand on the GSI (numeric range) and the LSI, with entity filters",
    async run() {
      const gsi = await m()
        .table.build(QueryCommand)
        .entities(m().Pokemon)
        .query({ index: "bySpecies", partition: "charmander", range: { gte: 20 } })
        .send();
      const expected = Array.from({ length: 40 }, (_, i) => pokemon(i))
        .filter((p) => p.species === "charmander" && p.level >= 20)
        .sort((a, b) => a.level - b.level || 0);
      assert.deepEqual(
        gsi.Items?.map((p) => p.level),
        expected.map((p) => p.level),
      );
      const lsi = await m()
        .table.build(QueryCommand)
        .entities(m().Pokemon)
        .query({ index: "byName", partition: "TRAINER#misty", range: { lte: "mon-05" } })
        .options({ filters: { Pokemon: { attr: "types", contains: "fire" } } })
        .send();
      // names run mon-40 (p000) down to mon-01 (p039); "mon-01".."mon-05" are p039..p035; fire is odd i.
      assert.deepEqual(
        lsi.Items?.map((p) => p.name),
        ["mon-01", "mon-03", "mon-05"],
      );
    },
  },
  {
    name: "toolbox: ScanCommand with 4 parallel segments covers every item exactly once",
    async run() {
      const segments = await Promise.all(
        [0, 1, 2, 3].map((segment) =>
          m()
            .table.build(ScanCommand)
            .entities(m().Pokemon)
            .options({ segment, totalSegments: 4, maxPages: Infinity, limit: 9 })
            .send(),
        ),
      );
      const ids = segments.flatMap((s) => s.Items?.map((p) => `${p.trainer}/${p.pokemonId}`) ?? []);
      assert.equal(ids.length, 41);
      assert.equal(new Set(ids).size, 41);
      assert.ok(segments.filter((s) => (s.Items?.length ?? 0) > 0).length >= 2, "items spread over segments");
      const filtered = await m()
        .table.build(ScanCommand)
        .entities(m().Pokemon)
        .options({ filters: { Pokemon: { and: [{ attr: "species", eq: "bulbasaur" }, { attr: "level", lt: 10 }] } } })
        .send();
      const expected = Array.from({ length: 40 }, (_, i) => pokemon(i)).filter((p) => p.species === "bulbasaur" && p.level < 10);
      assert.deepEqual(filtered.Items?.map((p) => p.pokemonId).sort(), expected.map((p) => p.pokemonId).sort());
    },
  },
  {
    name: "toolbox: transaction of put/update/check/delete commits together",
    async run() {
      await executeTransactWrite(
        m().Pokemon.build(PutTransaction).item({ trainer: "brock", pokemonId: "onix", name: "Onix", species: "onix", level: 14 }),
        m()
          .Pokemon.build(UpdateTransaction)
          .item({ trainer: "ash", pokemonId: "pika", level: $add(1) })
          .options({ condition: { attr: "level", eq: 8 } }),
        m()
          .Pokemon.build(ConditionCheck)
          .key({ trainer: "misty", pokemonId: pid(1) })
          .condition({ attr: "species", eq: "charmander" }),
        m().Pokemon.build(DeleteTransaction).key({ trainer: "misty", pokemonId: pid(0) }),
      );
      const { Responses } = await executeTransactGet(
        m().Pokemon.build(GetTransaction).key({ trainer: "brock", pokemonId: "onix" }),
        m().Pokemon.build(GetTransaction).key({ trainer: "ash", pokemonId: "pika" }),
        m().Pokemon.build(GetTransaction).key({ trainer: "misty", pokemonId: pid(0) }),
      );
      assert.equal(Responses?.[0]?.Item?.name, "Onix");
      assert.equal(Responses?.[1]?.Item?.level, 9);
      assert.equal(Responses?.[2]?.Item, undefined);
    },
  },
  {
    name: "toolbox: a failing ConditionCheck cancels the whole transaction",
    async run() {
      const err = await rejection(
        executeTransactWrite(
          m().Pokemon.build(PutTransaction).item({ trainer: "brock", pokemonId: "geodude", name: "Geodude", species: "geodude", level: 12 }),
          m().Pokemon.build(UpdateTransaction).item({ trainer: "ash", pokemonId: "pika", level: $add(100) }),
          m()
            .Pokemon.build(ConditionCheck)
            .key({ trainer: "misty", pokemonId: pid(1) })
            .condition({ attr: "level", gt: 1000 }),
        ),
      );
      assert.equal((err as Error).name, "TransactionCanceledException");
      const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((r) => r.Code);
      assert.deepEqual(reasons, ["None", "None", "ConditionalCheckFailed"]);
      const { Item: geodude } = await m().Pokemon.build(GetItemCommand).key({ trainer: "brock", pokemonId: "geodude" }).send();
      assert.equal(geodude, undefined);
      const { Item: pika } = await m().Pokemon.build(GetItemCommand).key({ trainer: "ash", pokemonId: "pika" }).send();
      assert.equal(pika?.level, 9);
    },
  },
  {
    name: "toolbox: DeleteItemCommand with condition and ALL_OLD, BatchDelete",
    async run() {
      const err = await rejection(
        m()
          .Pokemon.build(DeleteItemCommand)
          .key({ trainer: "brock", pokemonId: "onix" })
          .options({ condition: { attr: "level", lt: 10 } })
          .send(),
      );
      assert.ok(isCheckFailed(err), String(err));
      const { Attributes } = await m()
        .Pokemon.build(DeleteItemCommand)
        .key({ trainer: "brock", pokemonId: "onix" })
        .options({ condition: { attr: "level", gte: 10 }, returnValues: "ALL_OLD" })
        .send();
      assert.equal(Attributes?.name, "Onix");
      const cmd = m()
        .table.build(BatchWriteCommand)
        .requests(...[1, 2, 3].map((i) => m().Pokemon.build(BatchDeleteRequest).key({ trainer: "misty", pokemonId: pid(i) })));
      await executeBatchWrite(cmd);
      const rest = await m().table.build(QueryCommand).entities(m().Pokemon).query({ partition: "TRAINER#misty" }).send();
      assert.deepEqual(
        rest.Items?.map((p) => p.pokemonId),
        Array.from({ length: 36 }, (_, i) => pid(i + 4)),
      );
    },
  },
];

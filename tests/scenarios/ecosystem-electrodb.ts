/**
 * ElectroDB (unmodified) over the in-process client: two entities in one single-table service with a
 * collection across both on gsi1, CRUD with its conditions (create, patch), key-condition queries
 * (begins_with, between, ordering), cursor pagination, filters, batch get/put/delete and
 * transactions through service.transaction.write/get. Expectations are DynamoDB's real behaviour.
 */
import assert from "node:assert/strict";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, Service } from "electrodb";
import { rejection, type EcoCase, type EcoContext } from "./ecosystem-common.js";

/** A single table keyed by pk/sk (S) with GSIs gsi1..gsi<n> on gsi<i>pk/gsi<i>sk (S), ALL projected. */
export async function createSingleTable(client: DynamoDBClient, name: string, gsis: number): Promise<void> {
  const names = Array.from({ length: gsis }, (_, i) => `gsi${i + 1}`);
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: ["pk", "sk", ...names.flatMap((g) => [`${g}pk`, `${g}sk`])].map((a) => ({ AttributeName: a, AttributeType: "S" })),
      ...(gsis > 0
        ? {
            GlobalSecondaryIndexes: names.map((g) => ({
              IndexName: g,
              KeySchema: [
                { AttributeName: `${g}pk`, KeyType: "HASH" as const },
                { AttributeName: `${g}sk`, KeyType: "RANGE" as const },
              ],
              Projection: { ProjectionType: "ALL" as const },
            })),
          }
        : {}),
    }),
  );
}

function makeService(ctx: EcoContext) {
  const table = `${ctx.prefix}-electro`;
  const config = { table, client: ctx.doc };
  const employee = new Entity(
    {
      model: { entity: "employee", version: "1", service: "taskapp" },
      attributes: {
        employeeId: { type: "string", required: true },
        office: { type: "string", required: true },
        name: { type: "string", required: true },
        title: { type: "string" },
        salary: { type: "number" },
        hired: { type: "string", required: true },
        skills: { type: "set", items: "string" },
        address: { type: "map", properties: { city: { type: "string" }, zip: { type: "string" } } },
      },
      indexes: {
        employee: { pk: { field: "pk", composite: ["employeeId"] }, sk: { field: "sk", composite: [] } },
        byOffice: {
          index: "gsi1",
          collection: "office",
          pk: { field: "gsi1pk", composite: ["office"] },
          sk: { field: "gsi1sk", composite: ["hired", "employeeId"] },
        },
      },
    },
    config,
  );
  const task = new Entity(
    {
      model: { entity: "task", version: "1", service: "taskapp" },
      attributes: {
        project: { type: "string", required: true },
        taskId: { type: "string", required: true },
        office: { type: "string", required: true },
        employeeId: { type: "string" },
        status: { type: ["open", "done"] as const, default: "open" },
        points: { type: "number", required: true },
        tags: { type: "list", items: { type: "string" } },
      },
      indexes: {
        task: { pk: { field: "pk", composite: ["project"] }, sk: { field: "sk", composite: ["taskId"] } },
        byOffice: {
          index: "gsi1",
          collection: "office",
          pk: { field: "gsi1pk", composite: ["office"] },
          sk: { field: "gsi1sk", composite: ["taskId"] },
        },
        byAssignee: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["employeeId"] },
          sk: { field: "gsi2sk", composite: ["status", "points"] },
        },
      },
    },
    config,
  );
  const service = new Service({ employee, task }, config);
  return { table, employee, task, service };
}

type Svc = ReturnType<typeof makeService>;
let svc: Svc | null = null;
const s = () => svc!;

const taskId = (i: number) => `t-${String(i).padStart(3, "0")}`;

export const ELECTRODB_CASES: EcoCase[] = [
  {
    name: "electrodb: table and service",
    async run(ctx) {
      await createSingleTable(ctx.client, `${ctx.prefix}-electro`, 2);
      svc = makeService(ctx);
    },
  },
  {
    name: "electrodb: put/get round-trips sets, maps and numbers",
    async run() {
      const item = {
        employeeId: "e1",
        office: "gamma",
        name: "Ada",
        title: "engineer",
        salary: 100,
        hired: "2020-01-15",
        skills: ["c++", "rust"],
        address: { city: "Zurich", zip: "8000" },
      };
      await s().employee.put(item).go();
      const { data } = await s().employee.get({ employeeId: "e1" }).go();
      assert.ok(data);
      assert.deepEqual({ ...data, skills: [...(data.skills ?? [])].sort() }, item);
    },
  },
  {
    name: "electrodb: create refuses an existing item (attribute_not_exists)",
    async run() {
      const err = await rejection(s().employee.create({ employeeId: "e1", office: "x", name: "Dup", hired: "2021-01-01" }).go());
      assert.match(String((err as Error).message), /conditional request failed/i);
      const { data } = await s().employee.get({ employeeId: "e1" }).go();
      assert.equal(data?.name, "Ada");
    },
  },
  {
    name: "electrodb: update set/add/append/remove with ALL_NEW",
    async run() {
      const { data } = await s()
        .employee.update({ employeeId: "e1" })
        .set({ title: "staff engineer" })
        .add({ salary: 25, skills: ["go"] })
        .remove(["address"])
        .go({ response: "all_new" });
      assert.equal(data.title, "staff engineer");
      assert.equal(data.salary, 125);
      assert.deepEqual([...(data.skills ?? [])].sort(), ["c++", "go", "rust"]);
      assert.equal(data.address, undefined);
    },
  },
  {
    name: "electrodb: patch updates an existing item and refuses a missing one",
    async run() {
      await s().employee.patch({ employeeId: "e1" }).set({ name: "Ada L." }).go();
      assert.equal((await s().employee.get({ employeeId: "e1" }).go()).data?.name, "Ada L.");
      const err = await rejection(s().employee.patch({ employeeId: "nobody" }).set({ name: "Ghost" }).go());
      assert.match(String((err as Error).message), /conditional request failed/i);
      assert.equal((await s().employee.get({ employeeId: "nobody" }).go()).data, null);
    },
  },
  {
    name: "electrodb: conditional update with where() succeeds and fails",
    async run() {
      await s()
        .employee.update({ employeeId: "e1" })
        .set({ salary: 200 })
        .where(({ salary }, { eq }) => eq(salary, 125))
        .go();
      const err = await rejection(
        s()
          .employee.update({ employeeId: "e1" })
          .set({ salary: 1 })
          .where(({ salary }, { lt }) => lt(salary, 100))
          .go(),
      );
      assert.match(String((err as Error).message), /conditional request failed/i);
      assert.equal((await s().employee.get({ employeeId: "e1" }).go()).data?.salary, 200);
    },
  },
  {
    name: "electrodb: upsert and data() with ifNotExists/subtract/delete-from-set",
    async run() {
      await s().employee.upsert({ employeeId: "e9", office: "omega", name: "Niklaus", hired: "2017-07-07", salary: 50 }).go();
      await s().employee.upsert({ employeeId: "e9", office: "omega", name: "Niklaus W.", hired: "2017-07-07" }).go();
      const up = (await s().employee.get({ employeeId: "e9" }).go()).data;
      assert.equal(up?.name, "Niklaus W.");
      assert.equal(up?.salary, 50);
      const { data } = await s()
        .employee.update({ employeeId: "e9" })
        .data(({ salary, title, skills }, { subtract, ifNotExists, add }) => {
          subtract(salary, 8);
          ifNotExists(title, "professor");
          add(skills, ["pascal", "modula"]);
        })
        .go({ response: "all_new" });
      assert.equal(data.salary, 42);
      assert.equal(data.title, "professor");
      const { data: after } = await s().employee.update({ employeeId: "e9" }).delete({ skills: ["pascal"] }).go({ response: "all_new" });
      assert.deepEqual([...(after.skills ?? [])], ["modula"]);
      await s().employee.delete({ employeeId: "e9" }).go();
    },
  },
  {
    name: "electrodb: batch put 30 tasks, batch get them back",
    async run() {
      const tasks = Array.from({ length: 30 }, (_, i) => ({
        project: "apollo",
        taskId: taskId(i),
        office: i % 2 === 0 ? "gamma" : "delta",
        employeeId: i % 3 === 0 ? "e1" : "e2",
        status: i % 4 === 0 ? ("done" as const) : ("open" as const),
        points: i % 8,
        tags: [`tag${i % 5}`],
      }));
      const put = await s().task.put(tasks).go();
      assert.deepEqual(put.unprocessed, []);
      const keys = [5, 0, 29, 17, 100].map((i) => ({ project: "apollo", taskId: taskId(i) }));
      const got = await s().task.get(keys).go();
      assert.deepEqual(got.unprocessed, []);
      assert.deepEqual(got.data.map((t) => t.taskId).sort(), [0, 5, 17, 29].map(taskId));
      const t17 = got.data.find((t) => t.taskId === taskId(17));
      assert.deepEqual(t17, tasks[17]);
    },
  },
  {
    name: "electrodb: query begins_with, between, gte and reverse order",
    async run() {
      const begins = await s().task.query.task({ project: "apollo" }).begins({ taskId: "t-01" }).go();
      assert.deepEqual(
        begins.data.map((t) => t.taskId),
        Array.from({ length: 10 }, (_, i) => taskId(10 + i)),
      );
      const between = await s().task.query.task({ project: "apollo" }).between({ taskId: taskId(3) }, { taskId: taskId(6) }).go();
      assert.deepEqual(
        between.data.map((t) => t.taskId),
        [3, 4, 5, 6].map(taskId),
      );
      const gte = await s().task.query.task({ project: "apollo" }).gte({ taskId: taskId(27) }).go({ order: "desc" });
      assert.deepEqual(
        gte.data.map((t) => t.taskId),
        [29, 28, 27].map(taskId),
      );
    },
  },
  {
    name: "electrodb: query with a filter (where) and a GSI with numeric sort composite",
    async run() {
      const filtered = await s()
        .task.query.task({ project: "apollo" })
        .where(({ points, status }, { gte, eq }) => `${gte(points, 6)} AND ${eq(status, "open")}`)
        .go();
      const expected = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 8 >= 6 && i % 4 !== 0);
      assert.deepEqual(
        filtered.data.map((t) => t.taskId),
        expected.map(taskId),
      );
      const byAssignee = await s().task.query.byAssignee({ employeeId: "e1", status: "open" }).go();
      const e1Open = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 === 0 && i % 4 !== 0);
      assert.deepEqual(
        byAssignee.data.map((t) => t.taskId).sort(),
        e1Open.map(taskId).sort(),
      );
      // gsi2sk is "$task_1#status_open#points_<n>", one digit here: ordered by points.
      const points = byAssignee.data.map((t) => t.points);
      assert.deepEqual(points, [...points].sort((a, b) => a - b));
    },
  },
  {
    name: "electrodb: cursor pagination visits every item once, in order",
    async run() {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { data: { taskId: string }[]; cursor: string | null } = await s()
          .task.query.task({ project: "apollo" })
          .go({ limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((t) => t.taskId));
        cursor = page.cursor;
        pages++;
        assert.ok(pages < 20, "pagination terminates");
      } while (cursor);
      assert.deepEqual(
        seen,
        Array.from({ length: 30 }, (_, i) => taskId(i)),
      );
      assert.ok(pages >= 5, `expected at least 5 pages, got ${pages}`);
      const all = await s().task.query.task({ project: "apollo" }).go({ pages: "all", limit: 4 });
      assert.equal(all.data.length, 30);
    },
  },
  {
    name: "electrodb: collection across employee and task on gsi1",
    async run() {
      await s().employee.put({ employeeId: "e2", office: "gamma", name: "Grace", hired: "2019-06-01" }).go();
      await s().employee.put({ employeeId: "e3", office: "delta", name: "Linus", hired: "2018-02-02" }).go();
      const { data } = await s().service.collections.office({ office: "gamma" }).go();
      assert.deepEqual(data.employee.map((e) => e.employeeId).sort(), ["e1", "e2"]);
      assert.deepEqual(
        data.task.map((t) => t.taskId),
        Array.from({ length: 15 }, (_, i) => taskId(i * 2)),
      );
      const delta = await s().service.collections.office({ office: "delta" }).go();
      assert.deepEqual(
        delta.data.employee.map((e) => e.name),
        ["Linus"],
      );
      assert.equal(delta.data.task.length, 15);
    },
  },
  {
    name: "electrodb: transaction.write commits all writes",
    async run() {
      const result = await s()
        .service.transaction.write(({ employee, task }) => [
          employee.create({ employeeId: "e4", office: "gamma", name: "Barbara", hired: "2022-03-03" }).commit(),
          task.patch({ project: "apollo", taskId: taskId(1) }).set({ status: "done", employeeId: "e4", points: 1 }).commit(), // byAssignee key: all its composites
          task.delete({ project: "apollo", taskId: taskId(2) }).commit(),
          employee.check({ employeeId: "e1" }).where(({ salary }, { eq }) => eq(salary, 200)).commit(),
        ])
        .go();
      assert.equal(result.canceled, false);
      assert.equal((await s().employee.get({ employeeId: "e4" }).go()).data?.name, "Barbara");
      const t1 = (await s().task.get({ project: "apollo", taskId: taskId(1) }).go()).data;
      assert.equal(t1?.status, "done");
      assert.equal(t1?.employeeId, "e4");
      assert.equal((await s().task.get({ project: "apollo", taskId: taskId(2) }).go()).data, null);
    },
  },
  {
    name: "electrodb: transaction.write cancels as a whole with reasons",
    async run() {
      const result = await s()
        .service.transaction.write(({ employee, task }) => [
          employee.create({ employeeId: "e5", office: "gamma", name: "Edsger", hired: "2022-04-04" }).commit(),
          task.patch({ project: "apollo", taskId: taskId(3) }).set({ status: "done", employeeId: "e1", points: 3 }).commit(),
          employee.create({ employeeId: "e1", office: "gamma", name: "Dup", hired: "2022-04-04" }).commit({ response: "all_old" }),
        ])
        .go();
      assert.equal(result.canceled, true);
      assert.deepEqual(
        result.data.map((r) => [r.rejected, r.code]),
        [
          [false, "None"],
          [false, "None"],
          [true, "ConditionalCheckFailed"],
        ],
      );
      // ReturnValuesOnConditionCheckFailure: ALL_OLD hands back the existing item.
      assert.equal((result.data[2]?.item as { name?: string } | null)?.name, "Ada L.");
      assert.equal((await s().employee.get({ employeeId: "e5" }).go()).data, null);
      assert.equal((await s().task.get({ project: "apollo", taskId: taskId(3) }).go()).data?.status, "open");
    },
  },
  {
    name: "electrodb: transaction.get reads several entities",
    async run() {
      const result = await s()
        .service.transaction.get(({ employee, task }) => [
          employee.get({ employeeId: "e4" }).commit(),
          task.get({ project: "apollo", taskId: taskId(1) }).commit(),
          employee.get({ employeeId: "nobody" }).commit(),
        ])
        .go();
      assert.equal(result.canceled, false);
      assert.equal((result.data[0]?.item as { name?: string } | null)?.name, "Barbara");
      assert.equal((result.data[1]?.item as { status?: string } | null)?.status, "done");
      assert.equal(result.data[2]?.item, null);
    },
  },
  {
    name: "electrodb: delete, batch delete and scan",
    async run() {
      await s().employee.delete({ employeeId: "e3" }).go();
      assert.equal((await s().employee.get({ employeeId: "e3" }).go()).data, null);
      const keys = Array.from({ length: 30 }, (_, i) => ({ project: "apollo", taskId: taskId(i) })).filter((_, i) => i >= 20);
      const del = await s().task.delete(keys).go();
      assert.deepEqual(del.unprocessed, []);
      const remaining = await s().task.query.task({ project: "apollo" }).go({ pages: "all" });
      assert.equal(remaining.data.length, 19); // 30 - 1 (transaction) - 10 (batch delete)
      const employees = await s().employee.scan.go({ pages: "all" });
      assert.deepEqual(employees.data.map((e) => e.employeeId).sort(), ["e1", "e2", "e4"]);
    },
  },
];

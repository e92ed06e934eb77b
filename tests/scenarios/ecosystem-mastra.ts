/**
 * @mastra/dynamodb's DynamoDBStore (unmodified; ElectroDB underneath) over the in-process client, on a
 * single table with gsi1..gsi7 as its entities query them: threads, messages, resources and
 * workflow snapshots through the memory and workflows domains.
 */
import assert from "node:assert/strict";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBStore } from "@mastra/dynamodb";
import { createSingleTable } from "./ecosystem-electrodb.js";
import type { EcoCase, EcoContext } from "./ecosystem-common.js";

async function makeStore(ctx: EcoContext) {
  const client = DynamoDBDocumentClient.from(ctx.client, { marshallOptions: { removeUndefinedValues: true } });
  const store = new DynamoDBStore({ name: "eco", config: { id: "eco", tableName: `${ctx.prefix}-mastra`, client } });
  await store.init();
  const memory = await store.getStore("memory");
  const workflows = await store.getStore("workflows");
  assert.ok(memory, "memory domain");
  assert.ok(workflows, "workflows domain");
  return { store, memory, workflows };
}

type Stores = Awaited<ReturnType<typeof makeStore>>;
let stores: Stores | null = null;
const st = () => stores!;

type SaveMessagesInput = Parameters<Stores["memory"]["saveMessages"]>[0]["messages"];
type Snapshot = Parameters<Stores["workflows"]["persistWorkflowSnapshot"]>[0]["snapshot"];

const t0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

function message(id: string, threadId: string, minutes: number, text: string, role: "user" | "assistant" = "user"): SaveMessagesInput[number] {
  return {
    id,
    threadId,
    resourceId: "user-1",
    role,
    createdAt: at(minutes),
    content: { format: 2, parts: [{ type: "text", text }] },
  } as SaveMessagesInput[number];
}

function textOf(m: { content: unknown }): string {
  const parts = (m.content as { parts?: { type: string; text?: string }[] }).parts ?? [];
  return parts.map((p) => p.text ?? "").join("");
}

function snapshot(runId: string, status: string, value: Record<string, unknown>): Snapshot {
  return {
    runId,
    status,
    value,
    context: { input: { n: 1 }, step1: { status: "success", output: { x: 1 }, startedAt: t0, endedAt: t0 + 5 } },
    serializedStepGraph: [],
    activePaths: [],
    activeStepsPath: {},
    suspendedPaths: {},
    resumeLabels: {},
    waitingPaths: {},
    timestamp: t0,
  } as unknown as Snapshot;
}

export const MASTRA_CASES: EcoCase[] = [
  {
    name: "mastra: init refuses a missing table (first: a store repoints the shared entities' table)",
    async run(ctx) {
      const client = DynamoDBDocumentClient.from(ctx.client);
      const store = new DynamoDBStore({ name: "missing", config: { id: "missing", tableName: `${ctx.prefix}-nope`, client } });
      await assert.rejects(store.init(), /INIT|does not exist/i);
    },
  },
  {
    name: "mastra: table with gsi1..gsi7 and DynamoDBStore.init",
    async run(ctx) {
      await createSingleTable(ctx.client, `${ctx.prefix}-mastra`, 7);
      stores = await makeStore(ctx);
    },
  },
  {
    name: "mastra: saveThread/getThreadById/updateThread",
    async run() {
      const { memory } = st();
      await memory.saveThread({ thread: { id: "th-1", resourceId: "user-1", title: "First", metadata: { topic: "a" }, createdAt: at(0), updatedAt: at(0) } });
      await memory.saveThread({ thread: { id: "th-2", resourceId: "user-1", title: "Second", metadata: { topic: "b" }, createdAt: at(10), updatedAt: at(10) } });
      await memory.saveThread({ thread: { id: "th-3", resourceId: "user-2", title: "Other", metadata: {}, createdAt: at(5), updatedAt: at(5) } });
      const th1 = await memory.getThreadById({ threadId: "th-1" });
      assert.ok(th1);
      assert.equal(th1.title, "First");
      assert.equal(th1.resourceId, "user-1");
      assert.deepEqual(th1.metadata, { topic: "a" });
      assert.equal(new Date(th1.createdAt).toISOString(), at(0).toISOString());
      const updated = await memory.updateThread({ id: "th-1", title: "First (renamed)", metadata: { extra: true } });
      assert.equal(updated.title, "First (renamed)");
      assert.deepEqual(updated.metadata, { topic: "a", extra: true });
      const again = await memory.getThreadById({ threadId: "th-1" });
      assert.equal(again?.title, "First (renamed)");
      assert.equal(await memory.getThreadById({ threadId: "th-none" }), null);
    },
  },
  {
    name: "mastra: listThreads by resource (gsi1) and by scan, ordered and paginated",
    async run() {
      const { memory } = st();
      const byResource = await memory.listThreads({ filter: { resourceId: "user-1" }, orderBy: { field: "createdAt", direction: "ASC" } });
      assert.deepEqual(
        byResource.threads.map((t) => t.id),
        ["th-1", "th-2"],
      );
      assert.equal(byResource.total, 2);
      const all = await memory.listThreads({ perPage: 2, page: 0, orderBy: { field: "createdAt", direction: "DESC" } });
      assert.deepEqual(
        all.threads.map((t) => t.id),
        ["th-2", "th-3"],
      );
      assert.equal(all.total, 3);
      assert.equal(all.hasMore, true);
      const byMeta = await memory.listThreads({ filter: { metadata: { topic: "b" } } });
      assert.deepEqual(
        byMeta.threads.map((t) => t.id),
        ["th-2"],
      );
    },
  },
  {
    name: "mastra: saveMessages/listMessages (gsi1 by thread) in createdAt order, paginated",
    async run() {
      const { memory } = st();
      const msgs = [
        message("m-3", "th-1", 3, "third", "assistant"),
        message("m-1", "th-1", 1, "first"),
        message("m-2", "th-1", 2, "second", "assistant"),
        message("m-4", "th-1", 4, "fourth"),
        message("m-x", "th-2", 1, "elsewhere"),
      ];
      const saved = await memory.saveMessages({ messages: msgs });
      assert.equal(saved.messages.length, 5);
      const listed = await memory.listMessages({ threadId: "th-1", perPage: false });
      assert.deepEqual(
        listed.messages.map((m) => m.id),
        ["m-1", "m-2", "m-3", "m-4"],
      );
      assert.deepEqual(
        listed.messages.map(textOf),
        ["first", "second", "third", "fourth"],
      );
      assert.deepEqual(
        listed.messages.map((m) => m.role),
        ["user", "assistant", "assistant", "user"],
      );
      const page = await memory.listMessages({ threadId: "th-1", perPage: 2, page: 1 });
      assert.deepEqual(
        page.messages.map((m) => m.id),
        ["m-3", "m-4"],
      );
      const desc = await memory.listMessages({ threadId: "th-1", perPage: false, orderBy: { field: "createdAt", direction: "DESC" } });
      assert.deepEqual(
        desc.messages.map((m) => m.id),
        ["m-4", "m-3", "m-2", "m-1"],
      );
      const byIds = await memory.listMessagesById({ messageIds: ["m-x", "m-2"] });
      assert.deepEqual(byIds.messages.map((m) => m.id).sort(), ["m-2", "m-x"]);
    },
  },
  {
    name: "mastra: updateMessages and deleteMessages",
    async run() {
      const { memory } = st();
      await memory.updateMessages({ messages: [{ id: "m-2", content: { content: "edited", metadata: { edited: true } } }] } as unknown as Parameters<typeof memory.updateMessages>[0]);
      const [m2] = (await memory.listMessagesById({ messageIds: ["m-2"] })).messages;
      assert.ok(m2);
      assert.equal((m2.content as { metadata?: { edited?: boolean } }).metadata?.edited, true);
      assert.equal(textOf(m2), "second");
      await memory.deleteMessages(["m-4"]);
      const listed = await memory.listMessages({ threadId: "th-1", perPage: false });
      assert.deepEqual(
        listed.messages.map((m) => m.id),
        ["m-1", "m-2", "m-3"],
      );
    },
  },
  {
    name: "mastra: deleteThread removes the thread and its messages",
    async run() {
      const { memory } = st();
      await memory.deleteThread({ threadId: "th-2" });
      assert.equal(await memory.getThreadById({ threadId: "th-2" }), null);
      assert.deepEqual((await memory.listMessagesById({ messageIds: ["m-x"] })).messages, []);
      const left = await memory.listThreads({ filter: { resourceId: "user-1" } });
      assert.deepEqual(
        left.threads.map((t) => t.id),
        ["th-1"],
      );
    },
  },
  {
    name: "mastra: saveResource/getResourceById/updateResource",
    async run() {
      const { memory } = st();
      await memory.saveResource({ resource: { id: "user-1", workingMemory: "# Notes\n- likes tea", metadata: { plan: "pro" }, createdAt: at(0), updatedAt: at(0) } });
      const r = await memory.getResourceById({ resourceId: "user-1" });
      assert.ok(r);
      assert.equal(r.workingMemory, "# Notes\n- likes tea");
      assert.deepEqual(r.metadata, { plan: "pro" });
      const u = await memory.updateResource({ resourceId: "user-1", workingMemory: "# Notes\n- likes coffee", metadata: { seats: 3 } });
      assert.equal(u.workingMemory, "# Notes\n- likes coffee");
      assert.deepEqual(u.metadata, { plan: "pro", seats: 3 });
      assert.equal((await memory.getResourceById({ resourceId: "user-1" }))?.workingMemory, "# Notes\n- likes coffee");
      assert.equal(await memory.getResourceById({ resourceId: "nobody" }), null);
    },
  },
  {
    name: "mastra: workflow snapshots persist, load, list, get by run id and delete",
    async run() {
      const { workflows } = st();
      await workflows.persistWorkflowSnapshot({ workflowName: "wf-a", runId: "run-1", resourceId: "user-1", snapshot: snapshot("run-1", "running", { step1: "x" }), createdAt: at(1), updatedAt: at(1) });
      await workflows.persistWorkflowSnapshot({ workflowName: "wf-a", runId: "run-2", snapshot: snapshot("run-2", "success", {}), createdAt: at(2), updatedAt: at(2) });
      await workflows.persistWorkflowSnapshot({ workflowName: "wf-b", runId: "run-3", snapshot: snapshot("run-3", "suspended", {}), createdAt: at(3), updatedAt: at(3) });
      // Upsert: the same run again replaces its snapshot.
      await workflows.persistWorkflowSnapshot({ workflowName: "wf-a", runId: "run-1", resourceId: "user-1", snapshot: snapshot("run-1", "success", { step1: "y" }), createdAt: at(1), updatedAt: at(4) });
      const loaded = await workflows.loadWorkflowSnapshot({ workflowName: "wf-a", runId: "run-1" });
      assert.equal(loaded?.status, "success");
      assert.deepEqual(loaded?.value, { step1: "y" });
      assert.equal(await workflows.loadWorkflowSnapshot({ workflowName: "wf-a", runId: "run-9" }), null);
      const runsA = await workflows.listWorkflowRuns({ workflowName: "wf-a" });
      assert.deepEqual(runsA.runs.map((r) => r.runId).sort(), ["run-1", "run-2"]);
      assert.equal(runsA.total, 2);
      const all = await workflows.listWorkflowRuns();
      assert.equal(all.total, 3);
      const byStatus = await workflows.listWorkflowRuns({ status: "suspended" });
      assert.deepEqual(
        byStatus.runs.map((r) => r.runId),
        ["run-3"],
      );
      const run3 = await workflows.getWorkflowRunById({ runId: "run-3" });
      assert.equal(run3?.workflowName, "wf-b");
      await workflows.deleteWorkflowRunById({ runId: "run-2", workflowName: "wf-a" });
      assert.equal(await workflows.getWorkflowRunById({ runId: "run-2", workflowName: "wf-a" }), null);
      assert.equal((await workflows.listWorkflowRuns({ workflowName: "wf-a" })).total, 1);
    },
  },
];

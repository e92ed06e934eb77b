/**
 * The agent-memory example in Node (the same module runs inside a Durable Object in
 * tests/workerd/examples.test.ts): latest N turns, oldest first, per user; expired turns hidden.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DynamoDBClient } from "do-dynamodb";
import { createNodeEngine } from "do-dynamodb/node";
import { ConversationMemory } from "./memory.js";
import { main } from "./node.js";

test("agent memory: the latest n turns of a user's conversation, oldest first", async () => {
  const memory = new ConversationMemory(new DynamoDBClient({ target: createNodeEngine() }), { ttlSeconds: 60 });
  await memory.setUp();
  await memory.setUp(); // a second call finds the table
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 5; i++) await memory.remember("ada", i % 2 ? "assistant" : "user", `turn ${i}`, t0 + i);
  await memory.remember("bob", "user", "other user", t0);
  assert.deepEqual((await memory.recall("ada", 3, t0)).map((t) => t.text), ["turn 2", "turn 3", "turn 4"]);
  assert.deepEqual((await memory.recall("bob", 3, t0)).map((t) => t.text), ["other user"]);
  assert.deepEqual(await memory.recall("ada", 3, t0 + 61_000), [], "expired turns are not recalled");
  const lines: string[] = [];
  await main((l) => lines.push(l));
  assert.deepEqual(lines, ["user: what did I say first?", "assistant: you said hi"]);
});

/**
 * The agent-memory pattern in Node: `npm run build:js && node dist/examples/agent-memory/node.js`.
 */
import { DynamoDBClient } from "do-dynamodb";
import { createNodeEngine } from "do-dynamodb/node";
import { ConversationMemory } from "./memory.js";

export async function main(log: (line: string) => void = console.log): Promise<void> {
  const memory = new ConversationMemory(new DynamoDBClient({ target: createNodeEngine() }));
  await memory.setUp();
  const start = Date.UTC(2026, 0, 1);
  const lines = ["hi", "hello! how can I help?", "what did I say first?", "you said hi"];
  for (const [i, text] of lines.entries()) await memory.remember("ada", i % 2 ? "assistant" : "user", text, start + i * 1000);
  for (const turn of await memory.recall("ada", 2, start)) log(`${turn.role}: ${turn.text}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

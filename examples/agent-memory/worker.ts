/**
 * The agent-memory pattern in a Worker: one AgentMemory Durable Object per agent, each with its own
 * isolated DynamoDB on its own storage through withDynamoDB (no RPC hop, no shared table). Routes:
 * POST /agents/<agent>/turns {user, role, text}; GET /agents/<agent>/turns?user=<u>&n=<n>.
 */
import { DurableObject } from "cloudflare:workers";
import { withDynamoDB } from "do-dynamodb/do";
import { ConversationMemory, type Turn } from "./memory.js";

interface Env {
  AGENTS: DurableObjectNamespace<AgentMemory>;
}

export class AgentMemory extends withDynamoDB(DurableObject) {
  readonly #memory = new ConversationMemory(this.dynamodb);
  #ready: Promise<void> | null = null;

  async remember(user: string, role: Turn["role"], text: string): Promise<Turn> {
    await (this.#ready ??= this.#memory.setUp());
    return this.#memory.remember(user, role, text);
  }

  async recall(user: string, n: number): Promise<Turn[]> {
    await (this.#ready ??= this.#memory.setUp());
    return this.#memory.recall(user, n);
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const match = /^\/agents\/([^/]+)\/turns$/.exec(url.pathname);
    if (!match) return new Response("Not found\n", { status: 404 });
    const agent = env.AGENTS.get(env.AGENTS.idFromName(decodeURIComponent(match[1]!)));
    if (request.method === "POST") {
      const { user, role, text } = (await request.json()) as { user: string; role: Turn["role"]; text: string };
      return Response.json(await agent.remember(user, role, text), { status: 201 });
    }
    return Response.json(await agent.recall(url.searchParams.get("user") ?? "", Number(url.searchParams.get("n") ?? 10)));
  },
};

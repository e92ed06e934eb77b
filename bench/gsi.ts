/**
 * `npm run bench:gsi`: GSIs partitioned by their own key (docs/SCALING.md), through the Worker's
 * HTTP door (harness Worker under Miniflare, DYNAMODB_AUTH=off):
 * - propagation lag: on a table of 16 shards with a GSI, `writers` clients keep writing (PutItem,
 *   random index keys: the write load); meanwhile one client puts an item under a fresh index key
 *   and, from the moment its PutItem is acknowledged, queries the GSI for that key every `poll` ms
 *   until the item is there: the lag, write acknowledged -> visible in a GSI Query; p50 / p99 / max
 *   over `samples`, and the write rate the load reached;
 * - a Query on the GSI (one index partition of ~40 items) on that 16-shard table against the same
 *   on a one-shard table, in alternating blocks so both see the same machine load: medians of µs
 *   per Query and the ratio; the same for a PutItem that moves an item's GSI entry (on 16 shards:
 *   its outbox record, version, and the delivery that follows, which Miniflare runs on the same
 *   cores). For comparison, the Query on a 16-shard table laid out as before partitioned GSIs
 *   (created as the previous version did: each shard keeps its items' GSI entries, and a GSI Query
 *   asks all 16 and merges).
 * Usage: node dist/bench/gsi.js [samples] [writers] [poll ms]
 */
import { postOp } from "../tests/support/clients.js";
import { startWorker, type StartedWorker } from "../tests/workerd/miniflare.js";

const [samplesArg = "200", writersArg = "4", pollArg = "2"] = process.argv.slice(2);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const median = (xs: number[]) => percentile(xs, 0.5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const table = (shards: number) => ({
  TableName: "bench",
  BillingMode: "PAY_PER_REQUEST",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "g", AttributeType: "S" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
  Tags: [{ Key: "do-dynamodb:shards", Value: String(shards) }],
});
const pad = "x".repeat(150);
const byG = (g: string) => ({ TableName: "bench", IndexName: "byG", KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": { S: g } } });

async function ok(answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const r = await answer;
  if (r.status !== 200) throw new Error(`bench request failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function lag(w: StartedWorker, samples: number, writers: number, pollMs: number): Promise<void> {
  let stop = false;
  let writes = 0;
  const load = Array.from({ length: writers }, async (_, k) => {
    for (let i = 0; !stop; i++, writes++)
      await ok(postOp(w.url, "PutItem", { TableName: "bench", Item: { pk: { S: `load-${k}-${i % 5000}` }, g: { S: `g${i % 50}` }, pad: { S: pad } } }));
  });
  const started = performance.now();
  const lags: number[] = [];
  for (let s = 0; s < samples; s++) {
    const g = `lag-${s}`;
    await ok(postOp(w.url, "PutItem", { TableName: "bench", Item: { pk: { S: `probe-${s}` }, g: { S: g } } }));
    const acked = performance.now();
    for (;;) {
      const r = await ok(postOp(w.url, "Query", byG(g)));
      if (r.Count === 1) break;
      if (performance.now() - acked > 30_000) throw new Error(`item ${g} not visible after 30 s`);
      await sleep(pollMs);
    }
    lags.push(performance.now() - acked);
  }
  const seconds = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(load);
  console.log(`propagation lag, 16 shards, ${writers} writers (${(writes / seconds).toFixed(0)} writes/s), ${samples} samples: ` +
    `p50 ${median(lags).toFixed(1)} ms, p99 ${percentile(lags, 0.99).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms`);
}

/** The table as the previous version created it over 16 shards (the harness's rpc route reaches each object). */
async function createOldLayout(w: StartedWorker): Promise<void> {
  const rpc = async (op: string, body: unknown, object?: string) => {
    const r = await fetch(new URL(`/__test/rpc/default?op=${op}${object ? `&object=${encodeURIComponent(object)}` : ""}`, w.url),
      { method: "POST", body: JSON.stringify(body) });
    const answer = (await r.json()) as { status: number; body: string };
    if (answer.status !== 200) throw new Error(`${op}: ${answer.body}`);
    return JSON.parse(answer.body) as { Table: { TableId: string } };
  };
  const { Tags: _tags, ...definition } = { ...table(16), TableName: "old" };
  await rpc("CreateTable", { ...definition, Tags: table(16).Tags });
  const { TableId } = (await rpc("DescribeTable", { TableName: "old" })).Table;
  for (let i = 0; i < 16; i++) await rpc("CreateTable", definition, `default/${TableId}/${i}`);
}

async function queryRatio(sharded: StartedWorker, single: StartedWorker): Promise<void> {
  await createOldLayout(sharded);
  for (let i = 0; i < 2000; i += 25)
    await ok(postOp(sharded.url, "BatchWriteItem", { RequestItems: { old: Array.from({ length: 25 }, (_, k) =>
      ({ PutRequest: { Item: { pk: { S: `q${i + k}` }, g: { S: `q${(i + k) % 50}` }, pad: { S: pad } } } })) } }));
  for (const w of [sharded, single]) {
    for (let i = 0; i < 2000; i += 25)
      await ok(postOp(w.url, "BatchWriteItem", { RequestItems: { bench: Array.from({ length: 25 }, (_, k) =>
        ({ PutRequest: { Item: { pk: { S: `q${i + k}` }, g: { S: `q${(i + k) % 50}` }, pad: { S: pad } } } })) } }));
  }
  // Every entry delivered before timing.
  for (;;) {
    const r = await ok(postOp(sharded.url, "Query", { ...byG("q49"), Select: "COUNT" }));
    if (r.Count === 40) break;
    await sleep(50);
  }
  const us: [number[], number[], number[]] = [[], [], []];
  const targets = [[sharded, "bench"], [single, "bench"], [sharded, "old"]] as const;
  for (let block = 0; block < 9; block++)
    for (const [k, [w, name]] of targets.entries()) {
      const t = performance.now();
      for (let i = 0; i < 100; i++) {
        const r = await ok(postOp(w.url, "Query", { ...byG(`q${i % 50}`), TableName: name }));
        if (r.Count !== 40) throw new Error(`Query answered ${String(r.Count)} items`);
      }
      us[k]!.push(((performance.now() - t) * 1000) / 100);
    }
  const [a, b, old] = [median(us[0]), median(us[1]), median(us[2])];
  console.log(`Query on a GSI (40 items of ~200 bytes): 16 shards ${a.toFixed(0)} µs, one shard ${b.toFixed(0)} µs: ${(a / b).toFixed(2)}x; ` +
    `16 shards laid out as before (every shard asked, merged) ${old.toFixed(0)} µs: ${(old / b).toFixed(2)}x`);
  const puts: [number[], number[]] = [[], []];
  for (let block = 0; block < 9; block++)
    for (const [k, w] of [sharded, single].entries()) {
      const t = performance.now();
      for (let i = 0; i < 100; i++)
        await ok(postOp(w.url, "PutItem", { TableName: "bench", Item: { pk: { S: `q${i}` }, g: { S: `m${block}-${i % 50}` }, pad: { S: pad } } }));
      puts[k]!.push(((performance.now() - t) * 1000) / 100);
    }
  const [c, d] = [median(puts[0]), median(puts[1])];
  console.log(`PutItem moving a GSI entry: 16 shards ${c.toFixed(0)} µs, one shard ${d.toFixed(0)} µs: ${(c / d).toFixed(2)}x`);
}

const env = { DYNAMODB_AUTH: "off" };
const [sharded, single] = [await startWorker("harness", { bindings: env }), await startWorker("harness", { bindings: env })];
try {
  await ok(postOp(sharded.url, "CreateTable", table(16)));
  await ok(postOp(single.url, "CreateTable", table(1)));
  await queryRatio(sharded, single);
  await lag(sharded, Number(samplesArg), Number(writersArg), Number(pollArg));
} finally {
  await Promise.all([sharded.dispose(), single.dispose()]);
}

/**
 * What it takes to bring one stored table to its declaration, as a pure comparison of the declared
 * definition with what "@DescribeTableDefinition" answered (js/do/declared-tables.ts applies it):
 * the requests to send now, how many index changes wait for the one in progress (DynamoDB creates
 * or deletes one global secondary index at a time per table), and the conflicts no request can
 * resolve. The declaration is the table's whole definition: a stream, Time to Live, global index,
 * deletion protection or table class it leaves out is off, removed or the default.
 */
import type {
  CreateTableCommandInput,
  KeySchemaElement,
  Projection,
  TableDescription,
} from "../client/sdk-types.js";

/** An index as declared or described: what decides whether two are the same index. */
interface IndexShape {
  IndexName?: string;
  KeySchema?: KeySchemaElement[];
  Projection?: Projection;
}

/** A table declared in code: CreateTable's input, plus the attribute Time to Live reads (absent: off). */
export type TableDefinition = CreateTableCommandInput & { TimeToLiveAttribute?: string };

/** What "@DescribeTableDefinition" answers for a stored table. */
export interface StoredDefinition {
  Table: TableDescription;
  TimeToLiveAttribute?: string;
}

/** One engine request: operation name and its JSON body. */
export interface EngineRequest {
  op: string;
  body: Record<string, unknown>;
}

export interface TablePlan {
  /** Requests to send now, in order. */
  steps: EngineRequest[];
  /** Global index changes left for after the one in progress (or the one sent now) completes. */
  waiting: number;
  /** Differences from the stored table that no request can resolve, each one sentence. */
  conflicts: string[];
}

/** The requests that create a declared table that is not stored. */
export function planCreate(declared: TableDefinition): EngineRequest[] {
  const { TimeToLiveAttribute, ...create } = declared;
  const steps: EngineRequest[] = [{ op: "CreateTable", body: create }];
  if (TimeToLiveAttribute !== undefined) steps.push(timeToLive(declared.TableName!, TimeToLiveAttribute, true));
  return steps;
}

/** The requests that bring the stored table to its declaration, or the conflicts that prevent it. */
export function planUpdate(declared: TableDefinition, stored: StoredDefinition): TablePlan {
  const conflicts = fixedAtCreation(declared, stored.Table);
  if (conflicts.length > 0) return { steps: [], waiting: 0, conflicts };
  const name = declared.TableName!;
  const steps: EngineRequest[] = [];
  const settings = settingsUpdate(declared, stored.Table);
  if (settings) steps.push({ op: "UpdateTable", body: { TableName: name, ...settings } });
  steps.push(...replace(streamOf(stored.Table.StreamSpecification), streamOf(declared.StreamSpecification), (view, on) =>
    ({ op: "UpdateTable", body: { TableName: name, StreamSpecification: on ? { StreamEnabled: true, StreamViewType: view } : { StreamEnabled: false } } })));
  steps.push(...replace(stored.TimeToLiveAttribute ?? null, declared.TimeToLiveAttribute ?? null, (attr, on) => timeToLive(name, attr, on)));
  const indexChanges = globalIndexChanges(declared, stored.Table);
  const busy = (stored.Table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexStatus === "CREATING" || i.IndexStatus === "DELETING");
  if (!busy && indexChanges.length > 0) steps.push(indexChanges.shift()!);
  return { steps, waiting: indexChanges.length, conflicts: [] };
}

/** Key schema, key attribute types and local indexes: DynamoDB fixes them when the table is created. */
function fixedAtCreation(declared: TableDefinition, stored: TableDescription): string[] {
  const conflicts: string[] = [];
  const differ = (what: string, have: string, want: string) => {
    if (have !== want) conflicts.push(`${what} is ${have || "none"} in the stored table, ${want || "none"} in the declaration`);
  };
  differ("KeySchema", keys(stored.KeySchema), keys(declared.KeySchema));
  const storedTypes = new Map((stored.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
  for (const d of declared.AttributeDefinitions ?? []) {
    const type = storedTypes.get(d.AttributeName);
    if (type !== undefined) differ(`the type of attribute ${d.AttributeName}`, type, d.AttributeType ?? "");
  }
  differ("LocalSecondaryIndexes", indexList(stored.LocalSecondaryIndexes), indexList(declared.LocalSecondaryIndexes));
  const storedGlobal = new Map((stored.GlobalSecondaryIndexes ?? []).filter((i) => i.IndexStatus !== "DELETING").map((i) => [i.IndexName, i]));
  for (const index of declared.GlobalSecondaryIndexes ?? []) {
    const have = storedGlobal.get(index.IndexName);
    if (have && indexShape(have) !== indexShape(index)) {
      conflicts.push(`global secondary index ${index.IndexName} is ${indexShape(have)} in the stored table, ${indexShape(index)} in the ` +
        "declaration (an index's keys and projection cannot change: declare it under a new name, which creates it online, and the old one is deleted)");
    }
  }
  return conflicts;
}

/** Billing, throughput, deletion protection and table class, as one UpdateTable's members (or null). */
function settingsUpdate(declared: TableDefinition, stored: TableDescription): Record<string, unknown> | null {
  const update: Record<string, unknown> = {};
  const mode = declared.BillingMode ?? "PROVISIONED";
  if (mode !== (stored.BillingModeSummary?.BillingMode ?? "PROVISIONED")) update.BillingMode = mode;
  const throughput = declared.ProvisionedThroughput;
  const current = stored.ProvisionedThroughput;
  if (mode === "PROVISIONED" && throughput &&
      (throughput.ReadCapacityUnits !== current?.ReadCapacityUnits || throughput.WriteCapacityUnits !== current?.WriteCapacityUnits)) {
    update.ProvisionedThroughput = { ReadCapacityUnits: throughput.ReadCapacityUnits, WriteCapacityUnits: throughput.WriteCapacityUnits };
  }
  const protection = declared.DeletionProtectionEnabled ?? false;
  if (protection !== (stored.DeletionProtectionEnabled ?? false)) update.DeletionProtectionEnabled = protection;
  const tableClass = declared.TableClass ?? "STANDARD";
  if (tableClass !== (stored.TableClassSummary?.TableClass ?? "STANDARD")) update.TableClass = tableClass;
  return Object.keys(update).length > 0 ? update : null;
}

/** Deletions of stored global indexes the declaration no longer names, then creations of new ones. */
function globalIndexChanges(declared: TableDefinition, stored: TableDescription): EngineRequest[] {
  const name = declared.TableName!;
  const live = (stored.GlobalSecondaryIndexes ?? []).filter((i) => i.IndexStatus !== "DELETING");
  const wanted = declared.GlobalSecondaryIndexes ?? [];
  const deletes = live.filter((i) => !wanted.some((w) => w.IndexName === i.IndexName)).map((i) =>
    ({ op: "UpdateTable", body: { TableName: name, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: i.IndexName } }] } }));
  const creates = wanted.filter((w) => !live.some((i) => i.IndexName === w.IndexName)).map((index) => {
    const keyNames = new Set((index.KeySchema ?? []).map((k) => k.AttributeName));
    const definitions = (declared.AttributeDefinitions ?? []).filter((d) => keyNames.has(d.AttributeName));
    return { op: "UpdateTable", body: { TableName: name, AttributeDefinitions: definitions, GlobalSecondaryIndexUpdates: [{ Create: index }] } };
  });
  return [...deletes, ...creates];
}

/** Turns `have` off and `want` on where they differ (a stream view type or a TTL attribute). */
function replace(have: string | null, want: string | null, request: (value: string, on: boolean) => EngineRequest): EngineRequest[] {
  if (have === want) return [];
  return [...(have !== null ? [request(have, false)] : []), ...(want !== null ? [request(want, true)] : [])];
}

function timeToLive(table: string, attribute: string, enabled: boolean): EngineRequest {
  return { op: "UpdateTimeToLive", body: { TableName: table, TimeToLiveSpecification: { AttributeName: attribute, Enabled: enabled } } };
}

function streamOf(spec: { StreamEnabled?: boolean; StreamViewType?: string } | undefined): string | null {
  return spec?.StreamEnabled ? spec.StreamViewType ?? "" : null;
}

/** "pk HASH, sk RANGE" */
function keys(schema: KeySchemaElement[] | undefined): string {
  return (schema ?? []).map((k) => `${k.AttributeName} ${k.KeyType}`).join(", ");
}

/** "(pk HASH, sk RANGE; INCLUDE a b)": keys and projection, non-key attributes in any order. */
function indexShape(index: IndexShape): string {
  const projection = index.Projection ?? {};
  const attributes = [...(projection.NonKeyAttributes ?? [])].sort().join(" ");
  return `(${keys(index.KeySchema)}; ${projection.ProjectionType ?? "ALL"}${attributes ? ` ${attributes}` : ""})`;
}

/** "byDate (pk HASH, date RANGE; ALL), ..." by index name. */
function indexList(indexes: readonly IndexShape[] | undefined): string {
  return [...(indexes ?? [])].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)))
    .map((i) => `${i.IndexName} ${indexShape(i)}`).join(", ");
}

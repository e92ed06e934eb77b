/**
 * Where a document command's input and output hold native values: lib-dynamodb's "key nodes". A key
 * node maps a member name to what lies below it: SELF (null: the member is one value), ALL_VALUES
 * ({}: every member of an object or array is a value) or ALL_MEMBERS ([]: the same), a nested
 * object of key nodes, or {"*": node} for every member at that level. Traversal follows
 * @aws-sdk/lib-dynamodb's, functions dropped and all. The same walk runs for commands built by
 * lib-dynamodb itself (they carry inputKeyNodes/outputKeyNodes), so a DynamoDBDocumentClient runs
 * them too (document-marshalling.ts).
 */
import { marshall, type marshallOptions } from "./marshall.js";
import { unmarshall, type unmarshallOptions } from "./unmarshall.js";

export type KeyNodes = null | readonly [] | { readonly [member: string]: KeyNodes };
export const SELF = null;
export const ALL_VALUES: KeyNodes = Object.freeze({});
export const ALL_MEMBERS: KeyNodes = Object.freeze([]) as readonly [];
const NEXT_LEVEL = "*";

type Fn = (value: any) => any;

function processObj(obj: any, fn: Fn, keyNodes: KeyNodes | undefined): any {
  if (obj === undefined) return undefined;
  if (keyNodes == null) return fn(obj);
  const keys = Object.keys(keyNodes);
  if (keys.length === 0) return processAllKeysInObj(obj, fn, SELF);
  if (keys.length === 1 && keys[0] === NEXT_LEVEL) {
    const next = (keyNodes as Record<string, KeyNodes>)[NEXT_LEVEL];
    const acc: any = Array.isArray(obj) ? [] : {};
    for (const [k, v] of Object.entries(obj ?? {})) if (typeof v !== "function") acc[k] = processObj(v, fn, next);
    return acc;
  }
  return processKeysInObj(obj, fn, keyNodes as Record<string, KeyNodes>);
}

function processKeysInObj(obj: any, fn: Fn, keyNodes: Record<string, KeyNodes>): any {
  let acc: any;
  if (Array.isArray(obj)) acc = obj.filter((item) => typeof item !== "function");
  else {
    acc = {};
    for (const [k, v] of Object.entries(obj)) if (typeof v !== "function") acc[k] = v;
  }
  for (const [nodeKey, nodes] of Object.entries(keyNodes)) {
    if (typeof obj[nodeKey] === "function") continue;
    const processed = processObj(obj[nodeKey], fn, nodes);
    if (processed !== undefined && typeof processed !== "function") acc[nodeKey] = processed;
  }
  return acc;
}

function processAllKeysInObj(obj: any, fn: Fn, keyNodes: KeyNodes): any {
  if (Array.isArray(obj)) return obj.filter((item) => typeof item !== "function").map((item) => processObj(item, fn, keyNodes));
  const acc: any = {};
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === "function") continue;
    const processed = processObj(value, fn, keyNodes);
    if (processed !== undefined && typeof processed !== "function") acc[key] = processed;
  }
  return acc;
}

export function marshallInput(obj: object, keyNodes: KeyNodes, options?: marshallOptions): any {
  return processKeysInObj(obj, (v) => marshall(v, options), keyNodes as Record<string, KeyNodes>);
}

export function unmarshallOutput(obj: object, keyNodes: KeyNodes, options?: unmarshallOptions): any {
  return processKeysInObj(obj, (v) => unmarshall(v, options), keyNodes as Record<string, KeyNodes>);
}

/**
 * Authentication and per-key permissions for the HTTP endpoint, configured from two Worker
 * variables (see README "Authentication"):
 *
 * - DYNAMODB_AUTH: "required" (the default, also for an unknown value: every request must carry a
 *   valid SigV4 signature by a configured key; with no keys configured nothing is served),
 *   "any-signature" (any well-formed SigV4 Authorization header is accepted, the secret, signature
 *   and clock are not checked: DynamoDB Local's behaviour, what `npm start` uses), or "off" (no
 *   authentication at all: local experiments only).
 * - DYNAMODB_ACCESS_KEYS: JSON, access key id -> secret, or -> {"secret": ..., "permissions":
 *   {"*": "read-write", "Orders": "read"}}. A permission is "read-write", "read" or "none"; a
 *   table's own entry wins over "*"; a key without permissions may do everything. Operations that
 *   name no table (ListTables) are checked against "*". A configuration that does not parse
 *   leaves no usable key (fail closed) and is reported with console.error.
 *
 * Denied requests get DynamoDB's AccessDeniedException (HTTP 400, `Message` with a capital M as
 * DynamoDB's front layer writes it) naming the user, the dynamodb:<Operation> action and the table.
 */
import type { EngineResponse } from "../engine/types.js";
import { SERIALIZATION_ERROR } from "./errors.js";
import { isReadOperation, tablesInRequest } from "./operations.js";
import { verifySigV4 } from "./sigv4.js";
import type { RequestHead } from "./protocol.js";

export type AuthMode = "required" | "any-signature" | "off";
export type Permission = "read-write" | "read" | "none";

export interface AccessKey {
  secret: string;
  /** Table name (or "*") -> permission; null when the key may do everything. */
  permissions: ReadonlyMap<string, Permission> | null;
}

export interface AuthEnv {
  DYNAMODB_AUTH?: string;
  DYNAMODB_ACCESS_KEYS?: string;
}

export interface AuthConfig {
  mode: AuthMode;
  keys: ReadonlyMap<string, AccessKey>;
  /** What was wrong with the configuration (already acted on by failing closed). */
  problems: string[];
}

/** What the HTTP layer does with a request: refuse it, or pass on body (possibly re-encoded). */
export type AuthDecision = { ok: false; error: EngineResponse } | { ok: true; body: Uint8Array };

/** Checks one request (op is a DynamoDB operation name; body the request's bytes). */
export type RequestAuthorizer = (request: RequestHead, op: string, body: Uint8Array) => Promise<AuthDecision>;

const MODES: ReadonlySet<string> = new Set(["required", "any-signature", "off"]);
const PERMISSIONS: ReadonlySet<string> = new Set(["read-write", "read", "none"]);

/** Reads the configuration from the Worker's variables; never throws. */
export function parseAuthConfig(env: AuthEnv): AuthConfig {
  const problems: string[] = [];
  let mode: AuthMode = "required";
  const rawMode = env.DYNAMODB_AUTH?.trim();
  if (rawMode !== undefined && rawMode !== "") {
    if (MODES.has(rawMode)) mode = rawMode as AuthMode;
    else problems.push(`DYNAMODB_AUTH must be "required", "any-signature" or "off", not ${JSON.stringify(rawMode)}; using "required"`);
  }
  let keys = new Map<string, AccessKey>();
  const raw = env.DYNAMODB_ACCESS_KEYS;
  if (raw !== undefined && raw.trim() !== "") {
    try {
      keys = parseAccessKeys(raw);
    } catch (e) {
      problems.push(`DYNAMODB_ACCESS_KEYS is not usable (${(e as Error).message}); no access key is accepted`);
    }
  }
  return { mode, keys, problems };
}

function parseAccessKeys(raw: string): Map<string, AccessKey> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error("expected a JSON object of access key id -> secret");
  }
  const keys = new Map<string, AccessKey>();
  for (const [id, entry] of Object.entries(parsed)) {
    if (!/^[A-Za-z0-9_.+=@-]{1,128}$/.test(id)) throw new Error(`access key id ${JSON.stringify(id)} is not valid`);
    if (typeof entry === "string") {
      if (entry === "") throw new Error(`the secret of ${id} is empty`);
      keys.set(id, { secret: entry, permissions: null });
      continue;
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new Error(`the entry of ${id} must be a secret string or {"secret", "permissions"}`);
    }
    const { secret, permissions, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw new Error(`the entry of ${id} has unknown members: ${Object.keys(rest).join(", ")}`);
    if (typeof secret !== "string" || secret === "") throw new Error(`the entry of ${id} needs a non-empty "secret"`);
    if (permissions === undefined) {
      keys.set(id, { secret, permissions: null });
      continue;
    }
    if (typeof permissions !== "object" || permissions === null || Array.isArray(permissions)) {
      throw new Error(`the permissions of ${id} must be an object of table name (or "*") -> permission`);
    }
    const map = new Map<string, Permission>();
    for (const [table, level] of Object.entries(permissions)) {
      if (typeof level !== "string" || !PERMISSIONS.has(level)) {
        throw new Error(`permission ${JSON.stringify(level)} of ${id} on ${table} must be "read-write", "read" or "none"`);
      }
      map.set(table, level as Permission);
    }
    const allAccess = map.size === 1 && map.get("*") === "read-write";
    keys.set(id, { secret, permissions: allAccess ? null : map });
  }
  return keys;
}

const ACCOUNT = "000000000000";
const TABLE_ARN_PREFIX = `arn:aws:dynamodb:ddblocal:${ACCOUNT}:table/`;

/** DynamoDB's AccessDeniedException for op on table (or on every table, "*"). */
export function accessDenied(accessKeyId: string, op: string, table: string): EngineResponse {
  const message =
    `User: arn:aws:iam::${ACCOUNT}:user/${accessKeyId} is not authorized to perform: dynamodb:${op} ` +
    `on resource: ${TABLE_ARN_PREFIX}${table} because no identity-based policy allows the dynamodb:${op} action`;
  return { status: 400, body: JSON.stringify({ __type: "com.amazon.coral.service#AccessDeniedException", Message: message }) };
}

/** Whether a key with these permissions may run op (read or write) on table. */
export function permits(permissions: ReadonlyMap<string, Permission> | null, op: string, table: string): boolean {
  if (permissions === null) return true;
  const level = permissions.get(table) ?? permissions.get("*") ?? "none";
  return level === "read-write" || (level === "read" && isReadOperation(op));
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The authorizer for a configuration. */
export function createAuthorizer(config: AuthConfig): RequestAuthorizer {
  const { mode, keys } = config;
  if (mode === "off") return async (_request, _op, body) => ({ ok: true, body });
  const checkSecret = mode === "required";
  const secretFor = (id: string) => keys.get(id)?.secret;
  return async (request, op, body) => {
    const verified = await verifySigV4(request, body, { secretFor, checkSecret });
    if (!verified.ok) return verified;
    const permissions = checkSecret ? (keys.get(verified.accessKeyId)?.permissions ?? null) : null;
    if (permissions === null) return { ok: true, body };
    // A restricted key: the tables come from the body, and the engine is given the very JSON that
    // was checked (re-encoded), so no parser difference (duplicate members, ...) can name another table.
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(body));
    } catch {
      return { ok: false, error: SERIALIZATION_ERROR };
    }
    const tables = tablesInRequest(parsed);
    for (const table of tables.length > 0 ? tables : ["*"]) {
      if (!permits(permissions, op, table)) return { ok: false, error: accessDenied(verified.accessKeyId, op, table) };
    }
    return { ok: true, body: encoder.encode(JSON.stringify(parsed)) };
  };
}

let cached: { mode: string | undefined; keys: string | undefined; authorizer: RequestAuthorizer } | null = null;

/**
 * The authorizer for a Worker's env, built once per isolate (again only if the variables change).
 * Configuration problems are logged once, with console.error, and the Worker fails closed.
 */
export function authorizerFromEnv(env: AuthEnv): RequestAuthorizer {
  if (cached === null || cached.mode !== env.DYNAMODB_AUTH || cached.keys !== env.DYNAMODB_ACCESS_KEYS) {
    const config = parseAuthConfig(env);
    for (const problem of config.problems) console.error(`do-dynamodb: ${problem}`);
    if (config.mode === "required" && config.keys.size === 0) {
      console.error(
        "do-dynamodb: DYNAMODB_AUTH is \"required\" and no access key is configured " +
          "(wrangler secret put DYNAMODB_ACCESS_KEYS): every request is refused",
      );
    }
    cached = { mode: env.DYNAMODB_AUTH, keys: env.DYNAMODB_ACCESS_KEYS, authorizer: createAuthorizer(config) };
  }
  return cached.authorizer;
}

/**
 * AWS Signature Version 4 verification for DynamoDB's HTTP endpoint, with WebCrypto only
 * (crypto.subtle HMAC/SHA-256), so it runs in Workers and in Node 20.
 *
 * verifySigV4 checks an `Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/dynamodb/
 * aws4_request, SignedHeaders=..., Signature=...` header in the order DynamoDB does and answers
 * with DynamoDB's own error types and messages (see /work/notes/dynamodb-messages.md §8 item 9):
 * the authentication errors come from the coral front layer, so their namespace is
 * com.amazon.coral.service and their HTTP status 400.
 *
 * The canonical request is AWS's: method, the URI path normalized and URI-encoded twice (as
 * SigV4 does for every service but S3), the canonical query string (every parameter but
 * X-Amz-Signature, encoded and sorted), the SignedHeaders (lower-case names, values trimmed with
 * inner whitespace runs collapsed), the signed header list, and the hex SHA-256 of the body. A
 * request carrying x-amz-content-sha256 must give exactly the body's hash (so UNSIGNED-PAYLOAD
 * and a changed body are both refused). Query-string (presigned) authentication is not accepted.
 */
import type { EngineResponse } from "../engine/types.js";
import type { RequestHead } from "./protocol.js";

const CORAL = "com.amazon.coral.service#";
const ALGORITHM = "AWS4-HMAC-SHA256";
const SERVICE = "dynamodb";
const TERMINATOR = "aws4_request";
/** DynamoDB refuses signatures dated more than 15 minutes before or after its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export const MISSING_TOKEN_MESSAGE = "Request is missing Authentication Token";
export const UNRECOGNIZED_CLIENT_MESSAGE = "The security token included in the request is invalid.";
export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
  "Access Key and signing method. Consult the service documentation for details.";

/** A DynamoDB front-layer error body (`{"__type": "com.amazon.coral.service#<type>", "message": ...}`). */
export function coralError(type: string, message: string): EngineResponse {
  return { status: 400, body: JSON.stringify({ __type: CORAL + type, message }) };
}

export interface VerifyOptions {
  /**
   * The secret for an access key id, or undefined for a key that is not known (answered with
   * UnrecognizedClientException). Not called when checkSecret is false.
   */
  secretFor(accessKeyId: string): string | undefined;
  /**
   * false accepts any well-formed signature without looking the key up or checking the signature
   * or the clock (DynamoDB Local's behaviour); true (the default) checks everything.
   */
  checkSecret?: boolean;
  /** The current time; Date.now() when absent (tests pass a fixed one). */
  now?: number;
}

export type VerifyResult = { ok: true; accessKeyId: string } | { ok: false; error: EngineResponse };

/** The parts of an Authorization header, as DynamoDB splits it: "<algorithm> k=v, k=v, ...". */
interface AuthorizationParts {
  algorithm: string;
  params: Map<string, string>;
}

function parseAuthorization(header: string): AuthorizationParts {
  const tokens = header.trim().split(/[,\s]+/).filter(Boolean);
  const params = new Map<string, string>();
  for (const token of tokens.slice(1)) {
    const eq = token.indexOf("=");
    if (eq > 0) params.set(token.slice(0, eq), token.slice(eq + 1));
  }
  return { algorithm: tokens[0] ?? "", params };
}

const fail = (type: string, message: string): VerifyResult => ({ ok: false, error: coralError(type, message) });

/**
 * Verifies request's SigV4 signature over body (the request's bytes, already read). Never throws
 * for a malformed request: every refusal is DynamoDB's error response.
 */
export async function verifySigV4(request: RequestHead, body: Uint8Array, options: VerifyOptions): Promise<VerifyResult> {
  // Parsed only when needed: a query string to look into, or a signature to check (any-signature
  // mode checks neither for the SDK's requests, which have no query string).
  let parsedUrl: URL | null = null;
  const url = () => (parsedUrl ??= new URL(request.url));
  const header = request.headers.get("authorization");
  const hasQueryAuth = request.url.includes("?") && url().searchParams.has("X-Amz-Algorithm");
  if (header !== null && hasQueryAuth) {
    return fail(
      "InvalidSignatureException",
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (header === null || !header.trim().startsWith("AWS4-")) {
    // Presigned (query-string) requests are not supported: treated as carrying no token.
    return fail("MissingAuthenticationTokenException", MISSING_TOKEN_MESSAGE);
  }

  const { algorithm, params } = parseAuthorization(header);
  const amzDate = request.headers.get("x-amz-date");
  const httpDate = request.headers.get("date");
  let incomplete = "";
  for (const name of ["Credential", "Signature", "SignedHeaders"]) {
    if (!params.get(name)) incomplete += `Authorization header requires '${name}' parameter. `;
  }
  if (amzDate === null && httpDate === null) {
    incomplete += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (incomplete) return fail("IncompleteSignatureException", incomplete + "Authorization=" + header);

  // The request time: X-Amz-Date in ISO-8601 basic format, else the HTTP Date header.
  const dateText = amzDate ?? httpDate ?? "";
  const time = amzDate !== null ? parseBasicIso8601(amzDate) : Date.parse(httpDate ?? "");
  if (time === null || Number.isNaN(time)) {
    return fail(
      "IncompleteSignatureException",
      `Date must be in ISO-8601 'basic format'. Got '${dateText}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const longDate = formatBasic(time);
  const checkSecret = options.checkSecret ?? true;
  if (checkSecret) {
    const now = options.now ?? Date.now();
    if (time < now - MAX_CLOCK_SKEW_MS) {
      return fail(
        "InvalidSignatureException",
        `Signature expired: ${longDate} is now earlier than ${formatBasic(now - MAX_CLOCK_SKEW_MS)} ` +
          `(${formatBasic(now)} - 15 min.)`,
      );
    }
    if (time > now + MAX_CLOCK_SKEW_MS) {
      return fail(
        "InvalidSignatureException",
        `Signature not yet current: ${longDate} is still later than ${formatBasic(now + MAX_CLOCK_SKEW_MS)} ` +
          `(${formatBasic(now)} + 15 min.)`,
      );
    }
  }

  const signedHeaders = (params.get("SignedHeaders") ?? "").split(";");
  if (!signedHeaders.some((h) => h.toLowerCase() === "host")) {
    return fail("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (algorithm !== ALGORITHM) {
    return fail(
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `,
    );
  }
  const credential = (params.get("Credential") ?? "").replace(/\/+$/, "");
  const scopeParts = credential.split("/");
  if (scopeParts.length !== 5) {
    return fail(
      "IncompleteSignatureException",
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
        `got '${credential}'`,
    );
  }
  const [accessKeyId = "", scopeDate = "", region = "", service = "", terminator = ""] = scopeParts;
  const scopeErrors: string[] = [];
  if (!/^[a-z0-9-]+$/.test(region)) scopeErrors.push(`Credential should be scoped to a valid region, not '${region}'.`);
  if (service !== SERVICE) scopeErrors.push(`Credential should be scoped to correct service: '${SERVICE}'.`);
  if (terminator !== TERMINATOR) {
    scopeErrors.push(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`);
  }
  if (scopeDate !== longDate.slice(0, 8)) {
    scopeErrors.push(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        `'${scopeDate}' != '${longDate.slice(0, 8)}', from '${dateText}'.`,
    );
  }
  if (scopeErrors.length > 0) return fail("InvalidSignatureException", scopeErrors.join(" "));

  if (!checkSecret) return { ok: true, accessKeyId };

  const secret = options.secretFor(accessKeyId);
  if (secret === undefined) return fail("UnrecognizedClientException", UNRECOGNIZED_CLIENT_MESSAGE);

  const bodyHash = toHex(await crypto.subtle.digest("SHA-256", body));
  const declaredHash = request.headers.get("x-amz-content-sha256");
  const canonical = canonicalRequest(request.method, url(), request.headers, signedHeaders, declaredHash ?? bodyHash);
  const scope = `${scopeDate}/${region}/${service}/${terminator}`;
  const stringToSign = [ALGORITHM, amzDate ?? longDate, scope, toHex(await sha256(canonical))].join("\n");
  const key = await signingKey(secret, scopeDate, region, service);
  const expected = toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(stringToSign)));
  const given = params.get("Signature") ?? "";
  // The declared payload hash is part of what was signed; it must also be the body's real hash.
  const bodyMatches = declaredHash === null || constantTimeEqual(declaredHash, bodyHash);
  if (!constantTimeEqual(expected, given.toLowerCase()) || !bodyMatches) {
    return fail("InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
  }
  if (request.headers.has("x-amz-security-token")) {
    // Configured keys are long-term keys: a session token can never be valid for them.
    return fail("UnrecognizedClientException", "The security token included in the request is invalid");
  }
  return { ok: true, accessKeyId };
}

/** The canonical request string for the given signed header names (SigV4, non-S3 rules). */
export function canonicalRequest(
  method: string,
  url: URL,
  headers: RequestHead["headers"],
  signedHeaders: string[],
  payloadHash: string,
): string {
  const names = signedHeaders.map((h) => h.toLowerCase());
  const canonicalHeaders = names
    .map((name) => `${name}:${(headers.get(name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  return [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    canonicalHeaders,
    names.join(";"),
    payloadHash,
  ].join("\n");
}

/** The path with empty, "." and ".." segments resolved, then URI-encoded (again) with "/" kept. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
  const normalized = "/" + segments.join("/") + trailing;
  return uriEncode(normalized).replace(/%2F/g, "/");
}

/** Every query parameter but X-Amz-Signature, name and value URI-encoded, sorted by name then value. */
export function canonicalQuery(search: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : decodeQueryPart(part.slice(eq + 1));
    if (name.toLowerCase() === "x-amz-signature") continue;
    pairs.push([uriEncode(name), uriEncode(value)]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join("&");
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper-case hex, UTF-8). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** YYYYMMDDTHHMMSSZ -> epoch ms, or null when the text is not in that form. */
export function parseBasicIso8601(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

/** epoch ms -> YYYYMMDDTHHMMSSZ. */
export function formatBasic(ms: number): string {
  const iso = new Date(ms).toISOString();
  // YYYY-MM-DDTHH:MM:SS.sssZ (a 4-digit year; others carry a sign and 6 digits, kept as they print).
  if (iso.length === 24) {
    return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19) + "Z";
  }
  return iso.replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

const encoder = new TextEncoder();

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

function hmacKey(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

async function hmac(key: BufferSource, data: string): Promise<ArrayBuffer> {
  return crypto.subtle.sign("HMAC", await hmacKey(key), encoder.encode(data));
}

/** Derived signing keys by secret, date, region and service; a few per isolate, dropped oldest first. */
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 64;

/** HMAC("AWS4" + secret, date) -> region -> service -> "aws4_request", as a CryptoKey for the last step. */
function signingKey(secret: string, date: string, region: string, service: string): Promise<CryptoKey> {
  const cacheKey = JSON.stringify([secret, date, region, service]);
  let key = keyCache.get(cacheKey);
  if (key === undefined) {
    key = (async () => {
      let k = await hmac(encoder.encode("AWS4" + secret), date);
      for (const part of [region, service, TERMINATOR]) k = await hmac(k, part);
      return hmacKey(k);
    })();
    keyCache.set(cacheKey, key);
    key.catch(() => keyCache.delete(cacheKey));
    if (keyCache.size > KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
  }
  return key;
}

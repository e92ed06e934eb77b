/**
 * SigV4 verification against requests signed by the AWS SDK's own signer (@smithy/signature-v4),
 * at a fixed time: a good signature passes; a changed body, signed header, secret, path or time
 * fails with DynamoDB's error; malformed Authorization headers get DynamoDB's exact messages.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { signDynamoDBRequest, signedRequest, type SignInput } from "../../tests/support/sigv4.js";
import {
  SIGNATURE_MISMATCH_MESSAGE,
  canonicalQuery,
  canonicalUri,
  constantTimeEqual,
  formatBasic,
  verifySigV4,
  type VerifyOptions,
  type VerifyResult,
} from "./sigv4.js";

const SIGNED_AT = new Date("2026-03-01T12:00:00Z");
const NOW = SIGNED_AT.getTime() + 60_000;
const KEYS: Record<string, string> = { AKIDEXAMPLE: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const BODY = '{"TableName":"Orders","Key":{"pk":{"S":"a"}}}';
const BASE: SignInput = {
  url: "http://127.0.0.1:8000/",
  op: "GetItem",
  body: BODY,
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: KEYS.AKIDEXAMPLE!,
  date: SIGNED_AT,
};
const OPTIONS: VerifyOptions = { secretFor: (id) => KEYS[id], now: NOW };

async function verify(request: Request, options: Partial<VerifyOptions> = {}): Promise<VerifyResult> {
  const body = new Uint8Array(await request.clone().arrayBuffer());
  return verifySigV4(request, body, { ...OPTIONS, ...options });
}

function errorOf(result: VerifyResult): { __type: string; message: string } {
  assert.equal(result.ok, false, "expected a refusal");
  if (result.ok) throw new Error("unreachable");
  assert.equal(result.error.status, 400);
  return JSON.parse(result.error.body) as { __type: string; message: string };
}

function assertError(result: VerifyResult, type: string, message: string | RegExp): void {
  const e = errorOf(result);
  assert.equal(e.__type, `com.amazon.coral.service#${type}`);
  if (typeof message === "string") assert.equal(e.message, message);
  else assert.match(e.message, message);
}

/** A request with the signed headers of `signedWith` but method/url/body/header overrides. */
async function tampered(changes: { body?: string; headers?: Record<string, string>; url?: string }): Promise<Request> {
  const headers = await signDynamoDBRequest(BASE);
  return new Request(changes.url ?? String(BASE.url), {
    method: "POST",
    headers: { ...headers, ...changes.headers },
    body: changes.body ?? BODY,
  });
}

describe("SigV4 verification (requests signed by @smithy/signature-v4)", () => {
  test("a correctly signed request passes and names its access key", async () => {
    assert.deepEqual(await verify(await signedRequest(BASE)), { ok: true, accessKeyId: "AKIDEXAMPLE" });
  });

  test("a fixed vector (signature computed independently) passes, and the SDK's signer agrees", async () => {
    const FIXED =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/dynamodb/aws4_request, " +
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, " +
      "Signature=1b8078aa9282cc7fb9d1015fc31de4b7485fd3b3f9bf28211fbc7311376fb83f";
    const request = new Request("http://127.0.0.1:8000/", {
      method: "POST",
      headers: {
        host: "127.0.0.1:8000",
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "DynamoDB_20120810.GetItem",
        "x-amz-date": "20260301T120000Z",
        authorization: FIXED,
      },
      body: BODY,
    });
    assert.deepEqual(await verify(request), { ok: true, accessKeyId: "AKIDEXAMPLE" });
    assert.equal((await signDynamoDBRequest(BASE)).authorization, FIXED);
  });

  test("a database path, a query string and another region pass", async () => {
    const input = { ...BASE, url: "http://127.0.0.1:8000/my.db-1?b=2&a=x%20y&a=1", region: "eu-west-3" };
    assert.equal((await verify(await signedRequest(input))).ok, true);
  });

  test("a changed body fails", async () => {
    const r = await verify(await tampered({ body: BODY.replace('"a"', '"b"') }));
    assertError(r, "InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
  });

  test("a changed signed header fails", async () => {
    const r = await verify(await tampered({ headers: { "x-amz-target": "DynamoDB_20120810.DeleteItem" } }));
    assertError(r, "InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
  });

  test("a changed path (another database) fails", async () => {
    const r = await verify(await tampered({ url: "http://127.0.0.1:8000/other" }));
    assertError(r, "InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
  });

  test("an unsigned header may change", async () => {
    assert.equal((await verify(await tampered({ headers: { "user-agent": "x" } }))).ok, true);
  });

  test("a wrong secret fails", async () => {
    const r = await verify(await signedRequest({ ...BASE, secretAccessKey: "not-the-secret" }));
    assertError(r, "InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
  });

  test("an unknown access key is UnrecognizedClientException", async () => {
    const r = await verify(await signedRequest({ ...BASE, accessKeyId: "AKIDUNKNOWN" }));
    assertError(r, "UnrecognizedClientException", "The security token included in the request is invalid.");
  });

  test("a signature more than 15 minutes old has expired", async () => {
    const request = await signedRequest(BASE);
    const now = SIGNED_AT.getTime() + 15 * 60_000 + 1000;
    assertError(
      await verify(request, { now }),
      "InvalidSignatureException",
      "Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z (20260301T121501Z - 15 min.)",
    );
    assert.equal((await verify(request, { now: SIGNED_AT.getTime() + 15 * 60_000 })).ok, true);
  });

  test("a signature more than 15 minutes ahead is not yet current", async () => {
    const now = SIGNED_AT.getTime() - 16 * 60_000;
    assertError(
      await verify(await signedRequest(BASE), { now }),
      "InvalidSignatureException",
      "Signature not yet current: 20260301T120000Z is still later than 20260301T115900Z (20260301T114400Z + 15 min.)",
    );
  });

  test("x-amz-content-sha256 must be the body's hash", async () => {
    const sha = "b5ad3b0e2a0ec2e9d4b1f0a9e2a36b3f2ef9c2c0a24c8dbf7c0a1e2e7a4d0a11"; // not the body's hash
    const real = (await import("node:crypto")).createHash("sha256").update(BODY).digest("hex");
    assert.equal((await verify(await signedRequest({ ...BASE, headers: { "x-amz-content-sha256": real } }))).ok, true);
    for (const value of [sha, "UNSIGNED-PAYLOAD"]) {
      const r = await verify(await signedRequest({ ...BASE, headers: { "x-amz-content-sha256": value } }));
      assertError(r, "InvalidSignatureException", SIGNATURE_MISMATCH_MESSAGE);
    }
  });

  test("checkSecret false accepts any well-formed signature, key and time", async () => {
    const request = await signedRequest({ ...BASE, accessKeyId: "anything", secretAccessKey: "whatever" });
    const r = await verify(request, { checkSecret: false, now: NOW + 86_400_000, secretFor: () => undefined });
    assert.deepEqual(r, { ok: true, accessKeyId: "anything" });
    assertError(await verify(new Request("http://x/", { method: "POST", body: "{}" }), { checkSecret: false }),
      "MissingAuthenticationTokenException", "Request is missing Authentication Token");
  });
});

describe("SigV4 errors for malformed requests (DynamoDB's messages)", () => {
  const raw = (headers: Record<string, string>, url = "http://127.0.0.1/") =>
    verify(new Request(url, { method: "POST", headers, body: "{}" }));

  test("no Authorization header, or one not starting AWS4-", async () => {
    for (const headers of [{}, { Authorization: "AWS4" }, { Authorization: "Bearer x" }] as Array<Record<string, string>>) {
      assertError(await raw(headers), "MissingAuthenticationTokenException", "Request is missing Authentication Token");
    }
  });

  test("Authorization header and X-Amz-Algorithm query together", async () => {
    assertError(
      await raw({ Authorization: "X" }, "http://127.0.0.1/?X-Amz-Algorithm"),
      "InvalidSignatureException",
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  });

  test("missing parts are listed", async () => {
    assertError(
      await raw({ Authorization: "AWS4-" }),
      "IncompleteSignatureException",
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of " +
        "either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-",
    );
    for (const auth of ["AWS4- Signature=b Credential=a", "AWS4- Signature=b,Credential=a", "AWS4- Signature=b, Credential=a"]) {
      assertError(
        await raw({ Authorization: auth, Date: "a" }),
        "IncompleteSignatureException",
        `Authorization header requires 'SignedHeaders' parameter. Authorization=${auth}`,
      );
    }
  });

  test("a date not in ISO-8601 basic format", async () => {
    assertError(
      await raw({ Authorization: "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=c", "X-Amz-Date": "201" }),
      "IncompleteSignatureException",
      "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601",
    );
  });

  const amzDate = { "X-Amz-Date": "20260301T120000Z" };
  test("Host must be signed", async () => {
    assertError(
      await raw({ Authorization: "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x-amz-date, Signature=c", ...amzDate }),
      "InvalidSignatureException",
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });

  test("an unsupported algorithm", async () => {
    assertError(
      await raw({ Authorization: "AWS4-HMAC-SHA25 Credential=a/b/c/d/e, SignedHeaders=host, Signature=c", ...amzDate }),
      "IncompleteSignatureException",
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). ",
    );
  });

  test("a credential without five parts", async () => {
    assertError(
      await raw({ Authorization: "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=c", ...amzDate }),
      "IncompleteSignatureException",
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
    );
  });

  test("a credential scope for another service, terminator and date", async () => {
    assertError(
      await raw({ Authorization: "AWS4-HMAC-SHA256 Credential=a/b/us-east-1/d/e, SignedHeaders=host, Signature=c", ...amzDate }),
      "InvalidSignatureException",
      "Credential should be scoped to correct service: 'dynamodb'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'e'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        "'b' != '20260301', from '20260301T120000Z'.",
    );
  });
});

describe("SigV4 canonical forms", () => {
  test("URI paths are normalized and encoded twice", () => {
    assert.equal(canonicalUri("/"), "/");
    assert.equal(canonicalUri(""), "/");
    assert.equal(canonicalUri("/orders"), "/orders");
    assert.equal(canonicalUri("/a/./b/../c/"), "/a/c/");
    assert.equal(canonicalUri("/a%20b"), "/a%2520b");
  });

  test("query parameters are encoded and sorted, the signature left out", () => {
    assert.equal(canonicalQuery("?b=2&a=x%20y&a=1&X-Amz-Signature=zz&c"), "a=1&a=x%20y&b=2&c=");
    assert.equal(canonicalQuery(""), "");
  });

  test("constant-time comparison", () => {
    assert.equal(constantTimeEqual("abc", "abc"), true);
    assert.equal(constantTimeEqual("abc", "abd"), false);
    assert.equal(constantTimeEqual("abc", "ab"), false);
    assert.equal(constantTimeEqual("", ""), true);
  });
});

test("formatBasic: YYYYMMDDTHHMMSSZ, the same as the regex form for every year", () => {
  const regexForm = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  assert.equal(formatBasic(Date.UTC(2026, 10, 22, 6, 5, 9, 123)), "20261122T060509Z");
  for (const ms of [0, Date.UTC(2026, 10, 22, 6, 5, 9, 123), Date.UTC(12026, 0, 2, 3, 4, 5), Date.UTC(-1, 0, 1), Date.UTC(99, 11, 31, 23, 59, 59, 999)]) {
    assert.equal(formatBasic(ms), regexForm(ms));
  }
});

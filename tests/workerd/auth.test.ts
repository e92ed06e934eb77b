/**
 * SigV4 authentication of the production Worker under Miniflare, through the real AWS SDK v3, raw
 * fetch and (when installed) the AWS CLI: DYNAMODB_AUTH "required" with keys, "required" with no
 * keys, "any-signature" (the tests' and `npm start`'s default) and "off".
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createTable } from "../scenarios/sdk-cases.js";
import { postOp } from "../support/clients.js";
import { postSigned } from "../support/sigv4.js";
import { startWorker, type StartedWorker } from "./miniflare.js";

const KEYS = {
  AKIDFULL: "full-secret",
  AKIDREAD: { secret: "read-secret", permissions: { "*": "read" } },
};
const CORAL = "com.amazon.coral.service#";
const MISSING = { __type: `${CORAL}MissingAuthenticationTokenException`, message: "Request is missing Authentication Token" };
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key " +
  "and signing method. Consult the service documentation for details.";

function client(endpoint: URL, accessKeyId: string, secretAccessKey: string, extra: Record<string, unknown> = {}): DynamoDBClient {
  return new DynamoDBClient({ endpoint: String(endpoint), region: "us-east-1", credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1, ...extra });
}

async function rejects(promise: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('DYNAMODB_AUTH "required" with keys (Miniflare)', () => {
  let worker: StartedWorker;
  let url: URL;
  before(async () => {
    worker = await startWorker("worker", { bindings: { DYNAMODB_AUTH: "required", DYNAMODB_ACCESS_KEYS: JSON.stringify(KEYS) } });
    url = new URL("/auth-required", worker.url);
  });
  after(() => worker?.dispose());

  test("a good signature works: create, put, get", async () => {
    const full = client(url, "AKIDFULL", "full-secret");
    await createTable(full, "authed");
    await full.send(new PutItemCommand({ TableName: "authed", Item: { pk: { S: "a" }, v: { N: "1" } } }));
    const got = await full.send(new GetItemCommand({ TableName: "authed", Key: { pk: { S: "a" } } }));
    assert.deepEqual(got.Item, { pk: { S: "a" }, v: { N: "1" } });
  });

  test("an unsigned request is MissingAuthenticationTokenException", async () => {
    const r = await postOp(url, "ListTables", {});
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, MISSING);
  });

  test("an unknown access key is UnrecognizedClientException", async () => {
    await rejects(
      client(url, "AKIDNOBODY", "full-secret").send(new ListTablesCommand({})),
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  });

  test("a wrong secret is InvalidSignatureException", async () => {
    await rejects(client(url, "AKIDFULL", "wrong-secret").send(new ListTablesCommand({})), "InvalidSignatureException", MISMATCH);
  });

  test("a timestamp 20 minutes old is InvalidSignatureException (expired)", async () => {
    const stale = client(url, "AKIDFULL", "full-secret", { systemClockOffset: -20 * 60_000 });
    await rejects(
      stale.send(new ListTablesCommand({})),
      "InvalidSignatureException",
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    const raw = await postSigned({
      url, op: "ListTables", body: "{}", accessKeyId: "AKIDFULL", secretAccessKey: "full-secret",
      date: new Date(Date.now() - 16 * 60_000),
    });
    assert.equal(raw.body.__type, `${CORAL}InvalidSignatureException`);
    assert.match(String(raw.body.message), /^Signature expired: /);
  });

  test("a signed body that was changed on the way is InvalidSignatureException", async () => {
    const { signDynamoDBRequest } = await import("../support/sigv4.js");
    const headers = await signDynamoDBRequest({ url, op: "ListTables", body: "{}", accessKeyId: "AKIDFULL", secretAccessKey: "full-secret" });
    delete headers.host;
    const res = await fetch(url, { method: "POST", headers, body: '{"Limit":1}' });
    assert.deepEqual(await res.json(), { __type: `${CORAL}InvalidSignatureException`, message: MISMATCH });
  });

  test("a read-only key gets AccessDeniedException on PutItem but can GetItem", async () => {
    const reader = client(url, "AKIDREAD", "read-secret");
    await rejects(
      reader.send(new PutItemCommand({ TableName: "authed", Item: { pk: { S: "b" } } })),
      "AccessDeniedException",
      "User: arn:aws:iam::000000000000:user/AKIDREAD is not authorized to perform: dynamodb:PutItem on resource: " +
        "arn:aws:dynamodb:ddblocal:000000000000:table/authed because no identity-based policy allows the dynamodb:PutItem action",
    );
    const got = await reader.send(new GetItemCommand({ TableName: "authed", Key: { pk: { S: "a" } } }));
    assert.deepEqual(got.Item, { pk: { S: "a" }, v: { N: "1" } });
    const missing = await reader.send(new GetItemCommand({ TableName: "authed", Key: { pk: { S: "b" } } }));
    assert.equal(missing.Item, undefined, "the denied PutItem wrote nothing");
    assert.deepEqual((await reader.send(new ListTablesCommand({}))).TableNames, ["authed"]);
  });

  const hasAws = !spawnSync("aws", ["--version"], { stdio: "ignore" }).error;
  test("the AWS CLI's signature verifies; a wrong secret does not", { skip: hasAws ? false : "aws not on PATH" }, async () => {
    const run = promisify(execFile);
    const aws = (secret: string) =>
      run("aws", ["dynamodb", "list-tables", "--endpoint-url", String(url).replace(/\/$/, ""), "--region", "us-east-1", "--output", "json"], {
        env: {
          ...process.env, AWS_ACCESS_KEY_ID: "AKIDFULL", AWS_SECRET_ACCESS_KEY: secret, AWS_CONFIG_FILE: "/nonexistent/c",
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/s", AWS_PAGER: "", AWS_EC2_METADATA_DISABLED: "true", AWS_MAX_ATTEMPTS: "1",
        },
        timeout: 60_000,
      });
    const ok = await aws("full-secret");
    assert.deepEqual(JSON.parse(ok.stdout).TableNames, ["authed"]);
    await assert.rejects(aws("wrong"), (e: { stderr?: string }) => /InvalidSignatureException/.test(e.stderr ?? ""));
  });
});

describe('DYNAMODB_AUTH "required" with no keys (Miniflare)', () => {
  let worker: StartedWorker;
  before(async () => {
    worker = await startWorker("worker", { bindings: { DYNAMODB_AUTH: "required" } });
  });
  after(() => worker?.dispose());

  test("serves nothing: every signed request is UnrecognizedClientException, unsigned ones lack a token", async () => {
    for (const [id, secret] of [["AKIDFULL", "full-secret"], ["local", "local"]] as const) {
      await rejects(
        client(worker.url, id, secret).send(new ListTablesCommand({})),
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      );
    }
    assert.deepEqual((await postOp(worker.url, "ListTables", {})).body, MISSING);
  });
});

describe('DYNAMODB_AUTH "any-signature", the default for tests and npm start (Miniflare)', () => {
  let worker: StartedWorker;
  before(async () => {
    worker = await startWorker("worker");
  });
  after(() => worker?.dispose());

  test("any key and secret work", async () => {
    const url = new URL("/any", worker.url);
    await createTable(client(url, "whoever", "whatever"), "any-key");
    const other = await client(url, "someone-else", "x").send(new ListTablesCommand({}));
    assert.deepEqual(other.TableNames, ["any-key"]);
  });

  test("an unsigned request still lacks a token; a malformed header is IncompleteSignatureException", async () => {
    assert.deepEqual((await postOp(worker.url, "ListTables", {})).body, MISSING);
    const res = await fetch(worker.url, {
      method: "POST",
      headers: { "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0", Authorization: "AWS4-" },
      body: "{}",
    });
    assert.equal(((await res.json()) as { __type: string }).__type, `${CORAL}IncompleteSignatureException`);
  });
});

describe('DYNAMODB_AUTH "off" (Miniflare)', () => {
  let worker: StartedWorker;
  before(async () => {
    worker = await startWorker("worker", { bindings: { DYNAMODB_AUTH: "off" } });
  });
  after(() => worker?.dispose());

  test("unsigned requests are served", async () => {
    const r = await postOp(worker.url, "ListTables", {});
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { TableNames: [] });
  });
});

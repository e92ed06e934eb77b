/**
 * The AWS CLI (botocore: SigV4-signed requests, CRC-32 checked responses) against the Worker under
 * Miniflare: table and item lifecycle, and an error's exit code and message. Skipped, with a
 * message, only when `aws` is not on PATH.
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { startWorker, type StartedWorker } from "./miniflare.js";

const run = promisify(execFile);
const hasAws = !spawnSync("aws", ["--version"], { stdio: "ignore" }).error;
const skip = hasAws ? false : "the AWS CLI (`aws`) is not on PATH; install awscli to run these tests";

let worker: StartedWorker;
const ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "AKIDLOCAL",
  AWS_SECRET_ACCESS_KEY: "local-secret",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/nonexistent/aws-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
  AWS_PAGER: "",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_MAX_ATTEMPTS: "1", // a failure shows at once instead of after botocore's retries
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function aws(...args: string[]): Promise<CliResult> {
  const argv = ["dynamodb", ...args, "--endpoint-url", worker.url.href.replace(/\/$/, "") + "/cli", "--region", "us-east-1", "--output", "json"];
  try {
    const { stdout, stderr } = await run("aws", argv, { env: ENV, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}

async function awsJson(...args: string[]): Promise<Record<string, unknown>> {
  const r = await aws(...args);
  assert.equal(r.code, 0, `aws ${args[0]} failed: ${r.stderr}`);
  return r.stdout.trim() === "" ? {} : (JSON.parse(r.stdout) as Record<string, unknown>);
}

describe("AWS CLI against the Worker", { skip }, () => {
  before(async () => {
    worker = await startWorker("worker");
  });
  after(() => worker?.dispose());

  test("table and item lifecycle", async () => {
    const created = await awsJson(
      "create-table",
      "--table-name", "cli-items",
      "--attribute-definitions", "AttributeName=pk,AttributeType=S",
      "--key-schema", "AttributeName=pk,KeyType=HASH",
      "--billing-mode", "PAY_PER_REQUEST",
    );
    assert.equal((created.TableDescription as { TableName: string }).TableName, "cli-items");
    const listed = await awsJson("list-tables");
    assert.deepEqual(listed.TableNames, ["cli-items"]);
    const item = { pk: { S: "a" }, n: { N: "1.5" }, ss: { SS: ["x"] } };
    await awsJson("put-item", "--table-name", "cli-items", "--item", JSON.stringify(item));
    const got = await awsJson("get-item", "--table-name", "cli-items", "--key", '{"pk":{"S":"a"}}');
    assert.deepEqual(got.Item, item);
    const described = await awsJson("describe-table", "--table-name", "cli-items");
    assert.equal((described.Table as { TableStatus: string }).TableStatus, "ACTIVE");
    await awsJson("delete-item", "--table-name", "cli-items", "--key", '{"pk":{"S":"a"}}');
    const gone = await awsJson("get-item", "--table-name", "cli-items", "--key", '{"pk":{"S":"a"}}');
    assert.equal(gone.Item, undefined);
    await awsJson("delete-table", "--table-name", "cli-items");
    assert.deepEqual((await awsJson("list-tables")).TableNames, []);
  });

  test("a missing table fails with ResourceNotFoundException", async () => {
    const r = await aws("describe-table", "--table-name", "no-such-table");
    assert.ok(r.code === 254 || r.code === 255, `exit code ${r.code}`);
    assert.match(r.stderr, /ResourceNotFoundException/);
  });
});

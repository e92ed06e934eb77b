/** SqliteFileHost against the shared KvHost conformance suite; FileEngine persistence and rollback. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { FileEngine } from "../node.js";
import { KV_HOST_CASES } from "./kv-host-conformance.js";
import { SqliteFileHost } from "./sqlite-file-host.js";

const dir = mkdtempSync(join(tmpdir(), "do-dynamodb-file-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("SqliteFileHost conformance", () => {
  let n = 0;
  for (const c of KV_HOST_CASES) {
    test(c.name, () => {
      const host = new SqliteFileHost(join(dir, `conformance-${n++}.db`));
      try {
        c.run(host);
      } finally {
        host.close();
      }
    });
  }
});

const CREATE = JSON.stringify({
  TableName: "notes",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  BillingMode: "PAY_PER_REQUEST",
});

describe("FileEngine", () => {
  test("tables and items survive closing and reopening the file", () => {
    const path = join(dir, "persist.db");
    const first = new FileEngine(path);
    assert.equal(first.handle("CreateTable", CREATE).status, 200);
    const put = { TableName: "notes", Item: { pk: { S: "a" }, n: { N: "1.50" } } };
    assert.equal(first.handle("PutItem", JSON.stringify(put)).status, 200);
    first.close();

    const second = new FileEngine(path);
    const got = second.handle("GetItem", JSON.stringify({ TableName: "notes", Key: { pk: { S: "a" } } }));
    assert.deepEqual(JSON.parse(got.body), { Item: { pk: { S: "a" }, n: { N: "1.5" } } });
    second.close();
  });

  test("a host failure mid-request rolls back every write of that request", () => {
    const engine = new FileEngine(join(dir, "rollback.db"));
    engine.handle("CreateTable", CREATE);
    const rows = () => engine.host.db.all("SELECT hex(k) AS k, hex(v) AS v FROM kv ORDER BY k");
    const before = rows();
    const put = engine.host.put.bind(engine.host);
    let calls = 0;
    engine.host.put = (k, v) => {
      put(k, v); // the write happens, then the host fails
      if (++calls === 1) throw new Error("disk full");
    };
    const batch = { RequestItems: { notes: [{ PutRequest: { Item: { pk: { S: "x" } } } }, { PutRequest: { Item: { pk: { S: "y" } } } }] } };
    assert.throws(() => engine.handle("BatchWriteItem", JSON.stringify(batch)), /disk full/);
    assert.deepEqual(rows(), before);
    engine.host.put = put;
    assert.equal(engine.handle("BatchWriteItem", JSON.stringify(batch)).status, 200);
    assert.equal(rows().length, before.length + 2);
    engine.close();
  });
});

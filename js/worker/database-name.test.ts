/** Which database a URL path names. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { databaseFromPath } from "./database-name.js";

test("the root is the default database", () => {
  assert.equal(databaseFromPath("/"), "default");
  assert.equal(databaseFromPath(""), "default");
});

test("one path segment names a database", () => {
  assert.equal(databaseFromPath("/orders"), "orders");
  assert.equal(databaseFromPath("/orders/"), "orders");
  assert.equal(databaseFromPath("/My_db.v2-1"), "My_db.v2-1");
});

test("anything else is not a database path", () => {
  assert.equal(databaseFromPath("/a/b"), null);
  assert.equal(databaseFromPath("/bad%20name"), null);
  assert.equal(databaseFromPath("/" + "x".repeat(129)), null);
});

/**
 * SharedAlarm over a fake storage: the real alarm is always the earliest owner's time, due owners are
 * taken once, deleting one owner leaves the other's, and the schedule survives a new instance (it is
 * read back from the SQL table). withDynamoDB itself runs in workerd (tests/workerd/facade.test.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SharedAlarm, type AlarmStorage } from "./shared-alarm.js";

class FakeStorage implements AlarmStorage {
  rows = new Map<string, number>();
  alarm: number | null = null;
  sql = {
    exec: (query: string, ...b: unknown[]) => {
      if (query.startsWith("INSERT")) this.rows.set(b[0] as string, b[1] as number);
      if (query.startsWith("DELETE")) this.rows.delete(b[0] as string);
      const rows = query.startsWith("SELECT") ? [...this.rows].map(([owner, at]) => ({ owner, at })) : [];
      return { toArray: () => rows };
    },
  };
  async setAlarm(t: number | Date) {
    this.alarm = +t;
  }
  async deleteAlarm() {
    this.alarm = null;
  }
}

test("SharedAlarm keeps the real alarm at the earliest owner's time", async () => {
  const storage = new FakeStorage();
  const shared = new SharedAlarm(storage);
  await shared.set("object", 5000);
  assert.equal(storage.alarm, 5000);
  await shared.set("engine", 1000);
  assert.equal(storage.alarm, 1000);
  assert.equal(shared.get("object"), 5000);
  assert.deepEqual(shared.takeDue(1000), ["engine"]);
  assert.deepEqual(shared.takeDue(1000), []);
  await shared.arm();
  assert.equal(storage.alarm, 5000);
  await shared.set("engine", 9000);
  const reloaded = new SharedAlarm(storage);
  assert.equal(reloaded.get("object"), 5000);
  await reloaded.delete("object");
  assert.equal(storage.alarm, 9000);
  assert.deepEqual(reloaded.takeDue(10_000), ["engine"]);
  await reloaded.arm();
  assert.equal(storage.alarm, null);
});

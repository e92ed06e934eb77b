/**
 * The wire format helpers: stringifyRequest's fast path (no replacer when nothing needs replacing)
 * gives exactly the replacer's output, and parseResponse revives B/BS/DateTime but leaves an
 * answer holding only BOOLs (or attributes named B) as JSON.parse made it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseResponse, stringifyRequest } from "./wire.js";

/** The replacer path on its own (the fast path's reference). */
function withReplacer(input: unknown): string {
  return JSON.stringify(input ?? {}, function (this: Record<string, unknown>, key, value) {
    const raw = key === "" ? value : this[key];
    if (ArrayBuffer.isView(raw)) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64");
    if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("base64");
    if (raw instanceof Date) return raw.getTime() / 1000;
    return value;
  });
}

test("stringifyRequest: plain requests, bytes and Dates at any depth, toJSON objects", () => {
  const bytes = new Uint8Array([1, 2, 250]);
  const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { M: { a: nested(depth - 1, leaf) } });
  const cases: unknown[] = [
    undefined,
    null,
    {},
    { TableName: "t", Key: { pk: { S: "x" } }, Limit: 3, ConsistentRead: true, Nothing: null, Skip: undefined },
    { Item: { b: { B: bytes } } },
    { Item: { bs: { BS: [bytes, new Uint8Array(bytes.buffer, 1, 2)] } } },
    { Item: { ab: { B: bytes.buffer } } },
    { Item: { buf: { B: Buffer.from("hello") } } },
    { Item: { l: { L: [{ S: "a" }, { B: bytes }] } } },
    { ExportTime: new Date(1_700_000_000_500) },
    { Custom: { toJSON: () => ({ B: bytes }) } },
    { Custom: { toJSON: () => "text" } },
    { Item: nested(40, { B: bytes }) },
    { Item: nested(80, { B: bytes }) },
    { Item: nested(80, { S: "deep" }) },
    Object.assign(Object.create({ inherited: { B: bytes } }), { own: { S: "x" } }),
    { Items: [1, "two", [3, { four: 4 }], , null] },
  ];
  for (const input of cases) assert.equal(stringifyRequest(input), withReplacer(input));
});

test("stringifyRequest: a cycle throws as JSON.stringify does", () => {
  const cyclic: Record<string, unknown> = { a: { b: {} } };
  (cyclic.a as Record<string, Record<string, unknown>>).b!.c = cyclic;
  assert.throws(() => stringifyRequest(cyclic), TypeError);
});

test("parseResponse: B and BS become bytes, DateTime members Dates", () => {
  const out = parseResponse('{"Item":{"b":{"B":"AQL6"},"bs":{"BS":["AQ=="]},"f":{"BOOL":true}},"CreationDateTime":1700000000.5}');
  assert.deepEqual(out.Item.b.B, new Uint8Array([1, 2, 250]));
  assert.deepEqual(out.Item.bs.BS, [new Uint8Array([1])]);
  assert.equal(out.Item.f.BOOL, true);
  assert.deepEqual(out.CreationDateTime, new Date(1_700_000_000_500));
});

test("parseResponse: BOOLs and an attribute named B are left as parsed", () => {
  const text = '{"Item":{"B":{"S":"not bytes"},"BOOL":{"BOOL":false},"BS":{"N":"1"}}}';
  assert.deepEqual(parseResponse(text), JSON.parse(text));
});

test("parseResponse: binary members are found with whitespace around the colon", () => {
  const out = parseResponse('{ "Item" : { "b" : { "B" : "AQ==" }, "bs" : { "BS" : [ "AQ==" ] } } }');
  assert.deepEqual(out.Item.b.B, new Uint8Array([1]));
  assert.deepEqual(out.Item.bs.BS, [new Uint8Array([1])]);
});

test("parseResponse: members ending in B, and B members holding objects, are not bytes", () => {
  for (const text of ['{"AB":"x","Item":{"B":{"M":{}}}}', '{"Item":{"xB":{"S":"B\\":\\"x"}}}', '{"B" : {"S":"x"}}']) {
    assert.deepEqual(parseResponse(text), JSON.parse(text));
  }
  assert.deepEqual(parseResponse('{"Item":{"b":{"B"\n:\t"AQ=="}}}').Item.b.B, new Uint8Array([1]));
});

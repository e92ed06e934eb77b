/**
 * Differential test against @aws-sdk/util-dynamodb: thousands of seeded random values (every type
 * marshall distinguishes, nested, with the awkward cases: undefined, functions, empty strings, sets
 * and binaries, unsafe and special numbers, class instances, null-prototype objects, NumberValue)
 * under random option combinations must marshall to equal AttributeValues or fail with equal error
 * messages; and random AttributeValues (valid and not) must unmarshall alike under every
 * wrapNumbers / convertWithoutMapWrapper setting. Values are built twice from one seed, each side with
 * its own NumberValue class.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Util from "@aws-sdk/util-dynamodb";
import * as Ours from "./index.js";
import { seededRandom } from "../../tests/support/random.js";

const SEED = 0x5eed_d00d;
const VALUES = 3000;

const rng = seededRandom;

type NV = new (v: any) => object;

class Point {
  constructor(public x: number, public y?: number) {}
  get norm(): number {
    return this.x;
  }
}
(Point.prototype as any).inherited = "from-prototype";

const NUMBERS = [0, -0, 1, -7, 3.25, 1e-7, 2 ** 53 - 1, 2 ** 53, -(2 ** 53) - 2, 1e21, 1.5e300, NaN, Infinity, -Infinity, Number.MIN_VALUE];
const STRINGS = ["", "a", "hello", "ü∑", "0", "NaN", "__proto__", "x".repeat(40)];
const NUMBER_TEXTS = ["0", "1", "-1.5", "12345678901234567890", "9007199254740993", "1e400", "-1e400", "1E-130", "3.14", "abc", "1.0e5", " 7"];

/** A random JavaScript value, built from r with the given NumberValue class. */
function value(r: () => number, NumberValue: NV, depth: number): any {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const kind = Math.floor(r() * (depth > 3 ? 14 : 22));
  switch (kind) {
    case 0: return undefined;
    case 1: return null;
    case 2: return r() < 0.5;
    case 3: case 4: return pick(NUMBERS);
    case 5: return pick(STRINGS);
    case 6: return BigInt(Math.floor(r() * 1e6)) * (r() < 0.5 ? 1n : 10n ** 20n);
    case 7: return new Uint8Array(Math.floor(r() * 3));
    case 8: return pick([() => Buffer.from("ab"), () => new ArrayBuffer(2), () => new Int16Array(1), () => new Uint8Array(0), () => new DataView(new ArrayBuffer(1)), () => new Float64Array(0)])();
    case 9: return new NumberValue(pick(NUMBER_TEXTS.filter((t) => !/ |abc/.test(t))));
    case 10: return pick([new Boolean(true), new Number(4), new String(""), new String("s"), () => 1, Symbol.for("s")]);
    case 11: return set(r, NumberValue, pick);
    case 12: return pick([new Date(0), new Point(1, 2), new Point(3), /re/g, new Error("e")]);
    case 13: return pick([Object.create(null), Object.assign(Object.create(null), { a: 1 }), {}]);
    case 14: case 15: case 16: {
      const n = Math.floor(r() * 4);
      return Array.from({ length: n }, () => value(r, NumberValue, depth + 1));
    }
    case 17: case 18: case 19: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) o[pick(["a", "b", "c", "", "d e"])] = value(r, NumberValue, depth + 1);
      return o;
    }
    case 20: return new Map(Array.from({ length: Math.floor(r() * 3) }, (_, i) => [`k${i}`, value(r, NumberValue, depth + 1)]));
    default: return pick([new Set(), new Set([undefined]), new Set([1, undefined])]);
  }
}

function set(r: () => number, NumberValue: NV, pick: <T>(xs: readonly T[]) => T): Set<unknown> {
  const n = Math.floor(r() * 4);
  const member = pick([
    () => pick(STRINGS),
    () => pick(NUMBERS),
    () => BigInt(Math.floor(r() * 100)),
    () => new Uint8Array(Math.floor(r() * 2)),
    () => new NumberValue(String(Math.floor(r() * 100))),
    () => pick<unknown>([true, null, undefined, "s", 1, {}]),
  ]);
  return new Set(Array.from({ length: n }, member));
}

const MARSHALL_FLAGS = ["removeUndefinedValues", "convertEmptyValues", "convertClassInstanceToMap", "convertTopLevelContainer", "allowImpreciseNumbers"] as const;

function options<K extends string>(r: () => number, flags: readonly K[]): Partial<Record<K, boolean>> | undefined {
  if (r() < 0.1) return undefined;
  const o: Partial<Record<K, boolean>> = {};
  for (const f of flags) if (r() < 0.5) o[f] = r() < 0.8;
  return o;
}

/** The outcome of f: its value, or its error's class and message. NumberValues compared by text. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: normalise(f()) };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

function normalise(v: any): any {
  if (v?.constructor?.name === "NumberValue") return { NumberValue: v.value };
  if (v instanceof Set) return { Set: [...v].map(normalise) };
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object" && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) {
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(v) === null ? null : Object.prototype);
    for (const k of Object.keys(v)) out[k] = normalise(v[k]);
    return out;
  }
  return v;
}

describe("marshall and unmarshall behave as @aws-sdk/util-dynamodb", () => {
  test(`marshall and convertToAttr: ${VALUES} values x random options`, () => {
    const r = rng(SEED);
    const seen = { values: 0, errors: 0 };
    for (let i = 0; i < VALUES; i++) {
      const seed = Math.floor(r() * 2 ** 32);
      const opts = options(r, MARSHALL_FLAGS);
      const ours = value(rng(seed), Ours.NumberValue, 0);
      const theirs = value(rng(seed), Util.NumberValueImpl as unknown as NV, 0);
      const a = outcome(() => Ours.marshall(ours, opts));
      const b = outcome(() => Util.marshall(theirs, opts as Util.marshallOptions));
      assert.deepEqual(a, b, `value #${i} (seed ${seed}) options ${JSON.stringify(opts)}`);
      assert.deepEqual(outcome(() => Ours.convertToAttr(ours, opts)), outcome(() => Util.convertToAttr(theirs, opts as Util.marshallOptions)));
      if ("error" in (b as object)) seen.errors++;
      else seen.values++;
    }
    // Both outcomes must be well represented, or the test proves little.
    assert.ok(seen.values > VALUES / 5 && seen.errors > VALUES / 10, JSON.stringify(seen));
  });

  test(`unmarshall and convertToNative: ${VALUES} attribute values x every option`, () => {
    const r = rng(SEED + 1);
    const wrapFns = [undefined, false, true, (s: string) => `wrapped:${s}`];
    for (let i = 0; i < VALUES; i++) {
      const seed = Math.floor(r() * 2 ** 32);
      let av: any;
      try {
        av = Util.marshall(value(rng(seed), Util.NumberValueImpl as unknown as NV, 0), { removeUndefinedValues: true, convertClassInstanceToMap: true, allowImpreciseNumbers: true, convertTopLevelContainer: r() < 0.5 });
      } catch {
        av = rawAttributeValue(r);
      }
      if (r() < 0.3) av = rawAttributeValue(r);
      for (const wrapNumbers of wrapFns) {
        for (const convertWithoutMapWrapper of [undefined, true]) {
          const opts = { wrapNumbers, convertWithoutMapWrapper };
          const a = outcome(() => Ours.unmarshall(structuredClone(av), opts));
          const b = outcome(() => Util.unmarshall(structuredClone(av), opts));
          assert.deepEqual(a, b, `attribute value #${i} ${JSON.stringify(av, (_, v) => (typeof v === "bigint" ? String(v) : v))} ${JSON.stringify(opts)}`);
        }
        const c = outcome(() => Ours.convertToNative(structuredClone(av), { wrapNumbers }));
        const d = outcome(() => Util.convertToNative(structuredClone(av), { wrapNumbers }));
        assert.deepEqual(c, d);
      }
    }
  });

  test("NumberValue: the same text, bigint and errors", () => {
    for (const v of [...NUMBER_TEXTS, 5, 2 ** 60, NaN, -Infinity, 10n ** 30n, { N: "17" }]) {
      assert.deepEqual(outcome(() => String(new Ours.NumberValue(v as never))), outcome(() => String(new Util.NumberValueImpl(v as never))));
      assert.deepEqual(
        outcome(() => new Ours.NumberValue(v as never).toBigInt()),
        outcome(() => new Util.NumberValueImpl(v as never).toBigInt()),
      );
    }
    // lib-dynamodb's NumberValue marshalls with ours too.
    assert.deepEqual(Ours.marshall({ n: new Util.NumberValueImpl("12345678901234567890") }), { n: { N: "12345678901234567890" } });
  });
});

function rawAttributeValue(r: () => number): any {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const leaf = () =>
    pick<any>([
      { N: pick(NUMBER_TEXTS) }, { NS: [pick(NUMBER_TEXTS), pick(NUMBER_TEXTS)] }, { S: "s" }, { SS: ["a", "b"] },
      { B: new Uint8Array([1]) }, { BS: [new Uint8Array(0)] }, { NULL: true }, { NULL: false }, { BOOL: false },
      { X: 1 }, {}, { S: undefined, N: "2" }, { L: [] }, { M: {} },
    ]);
  const n = Math.floor(r() * 3);
  return pick([
    () => leaf(),
    () => ({ M: Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, leaf()])) }),
    () => ({ L: Array.from({ length: n }, leaf) }),
    () => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, leaf()])),
  ])();
}

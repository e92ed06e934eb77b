/**
 * JavaScript values to DynamoDB AttributeValues, with the behaviour (and the error messages) of
 * @aws-sdk/util-dynamodb's marshall/convertToAttr: objects and Maps become M, arrays L, Sets SS/NS/BS,
 * binary types B, and the options removeUndefinedValues, convertEmptyValues,
 * convertClassInstanceToMap, convertTopLevelContainer and allowImpreciseNumbers. A seeded
 * differential test (marshall.test.ts) holds it to the real package. Types are recognised by
 * constructor name, as the original does, so values from another realm are treated alike.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { NumberValue } from "./number-value.js";

/** Any JavaScript value marshall() accepts (util-dynamodb declares it as wide). */
export type NativeAttributeValue = any;

export interface marshallOptions {
  /** Empty strings, binaries and sets become NULL. */
  convertEmptyValues?: boolean;
  /** undefined in a map, list or set is dropped instead of an error. */
  removeUndefinedValues?: boolean;
  /** Class instances (Date, your own classes) become maps of their enumerable properties. */
  convertClassInstanceToMap?: boolean;
  /** marshall() answers {M: ...} / {L: ...} for an object or array instead of its contents. */
  convertTopLevelContainer?: boolean;
  /** Numbers beyond Number.MAX_SAFE_INTEGER are written as they print instead of an error. */
  allowImpreciseNumbers?: boolean;
}

const UNDEFINED = `Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.`;

export function convertToAttr(data: NativeAttributeValue, options?: marshallOptions): AttributeValue {
  if (data === undefined) throw new Error(UNDEFINED);
  const ctor: string | undefined = data?.constructor?.name;
  if (data === null && typeof data === "object") return nullAttr();
  if (Array.isArray(data)) return listAttr(data, options);
  if (ctor === "Set") return setAttr(data, options);
  if (ctor === "Map") return mapAttr(data, options);
  if (ctor === "Object" || (!data.constructor && typeof data === "object")) return mapAttr(propsOf(data), options);
  if (isBinary(data)) return data.length === 0 && options?.convertEmptyValues ? nullAttr() : { B: data };
  if (typeof data === "boolean" || ctor === "Boolean") return { BOOL: data.valueOf() };
  if (typeof data === "number" || ctor === "Number") return numberAttr(data, options);
  if (isNumberValue(data)) return data.toAttributeValue();
  if (typeof data === "bigint") return { N: data.toString() };
  if (typeof data === "string" || ctor === "String") {
    return data.length === 0 && options?.convertEmptyValues ? nullAttr() : { S: data.toString() };
  }
  if (options?.convertClassInstanceToMap && typeof data === "object") return mapAttr(propsOf(data), options);
  throw new Error(
    `Unsupported type passed: ${data}. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.`,
  );
}

/**
 * An object, array or value to its AttributeValue form: the contents of M or L for an object or
 * array (the whole {M}/{L} with convertTopLevelContainer), the AttributeValue for anything else.
 */
export function marshall(data: NativeAttributeValue, options?: marshallOptions): any {
  const attributeValue = convertToAttr(data, options) as unknown as Record<string, unknown>;
  const [key, value] = Object.entries(attributeValue)[0]!;
  return (key === "M" || key === "L") && !options?.convertTopLevelContainer ? value : attributeValue;
}

// A fresh object each time: callers may mutate what they get.
const nullAttr = (): AttributeValue => ({ NULL: true });

const listAttr = (data: unknown[], options?: marshallOptions): AttributeValue => ({
  L: data
    .filter((item) => typeof item !== "function" && (!options?.removeUndefinedValues || item !== undefined))
    .map((item) => convertToAttr(item, options)),
});

function setAttr(set: Set<any>, options?: marshallOptions): AttributeValue {
  const values = options?.removeUndefinedValues ? new Set([...set].filter((v) => v !== undefined)) : set;
  if (!options?.removeUndefinedValues && values.has(undefined)) throw new Error(UNDEFINED);
  if (values.size === 0) {
    if (options?.convertEmptyValues) return nullAttr();
    throw new Error(`Pass a non-empty set, or options.convertEmptyValues=true.`);
  }
  const first = values.values().next().value;
  const all = Array.from(values);
  if (isNumberValue(first)) return { NS: all.map((v) => v.toString()) };
  if (typeof first === "number") return { NS: all.map((v) => numberAttr(v, options).N!) };
  if (typeof first === "bigint") return { NS: all.map((v) => v.toString()) };
  if (typeof first === "string") return { SS: all.map((v) => v.toString()) };
  if (isBinary(first)) return { BS: all };
  throw new Error(`Only Number Set (NS), Binary Set (BS) or String Set (SS) are allowed.`);
}

/** Enumerable properties, own and inherited (for...in), as entries. */
function propsOf(data: any): Iterable<[string, unknown]> {
  const entries: [string, unknown][] = [];
  for (const key in data) entries.push([key, data[key]]);
  return entries;
}

function mapAttr(entries: Iterable<[string, unknown]>, options?: marshallOptions): AttributeValue {
  const map: Record<string, AttributeValue> = {};
  for (const [key, value] of entries) {
    if (typeof value !== "function" && (value !== undefined || !options?.removeUndefinedValues)) {
      map[key] = convertToAttr(value, options);
    }
  }
  return { M: map };
}

function numberAttr(num: number | Number, options?: marshallOptions): { N: string } {
  const text = num.toString();
  if (text === "NaN" || text === "Infinity" || text === "-Infinity") {
    throw new Error(`Special numeric value ${text} is not allowed`);
  }
  if (!options?.allowImpreciseNumbers) {
    const n = Number(num);
    if (n > Number.MAX_SAFE_INTEGER) {
      throw new Error(`Number ${text} is greater than Number.MAX_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`);
    }
    if (n < Number.MIN_SAFE_INTEGER) {
      throw new Error(`Number ${text} is lesser than Number.MIN_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`);
    }
  }
  return { N: text };
}

const BINARY_TYPES = new Set([
  "ArrayBuffer", "Blob", "Buffer", "DataView", "File", "Int8Array", "Uint8Array", "Uint8ClampedArray",
  "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array",
  "BigInt64Array", "BigUint64Array",
]);

/** Ours, or lib-dynamodb's (a user may mix them): the class of that name with toAttributeValue. */
function isNumberValue(data: any): data is NumberValue {
  return data instanceof NumberValue || (data?.constructor?.name === "NumberValue" && typeof data.toAttributeValue === "function");
}

function isBinary(data: any): boolean {
  return data?.constructor ? BINARY_TYPES.has(data.constructor.name) : false;
}

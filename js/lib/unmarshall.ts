/**
 * DynamoDB AttributeValues to JavaScript values, with the behaviour (and the error messages) of
 * @aws-sdk/util-dynamodb's unmarshall/convertToNative: N to number (bigint beyond the safe integers,
 * or NumberValue / your function's value with wrapNumbers), SS/NS/BS to Sets, B as given, and
 * convertWithoutMapWrapper for unmarshalling a single AttributeValue.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { NumberValue } from "./number-value.js";
import type { NativeAttributeValue } from "./marshall.js";

export interface unmarshallOptions {
  /** Numbers as NumberValue (true) or as what the function makes of their text. */
  wrapNumbers?: boolean | ((value: string) => unknown);
  /** unmarshall() takes one AttributeValue instead of a map of them. */
  convertWithoutMapWrapper?: boolean;
}

export function convertToNative(data: AttributeValue, options?: unmarshallOptions): NativeAttributeValue {
  for (const [key, value] of Object.entries(data) as [string, any][]) {
    if (value === undefined) continue;
    switch (key) {
      case "NULL":
        return null;
      case "BOOL":
        return Boolean(value);
      case "N":
        return convertNumber(value, options);
      case "B":
      case "S":
        return value;
      case "L":
        return value.map((item: AttributeValue) => convertToNative(item, options));
      case "M":
        return convertMap(value, options);
      case "NS":
        return new Set(value.map((item: string) => convertNumber(item, options)));
      case "BS":
      case "SS":
        return new Set(value);
      default:
        throw new Error(`Unsupported type passed: ${key}`);
    }
  }
  throw new Error(`No value defined: ${JSON.stringify(data)}`);
}

/** A map of AttributeValues (or one AttributeValue with convertWithoutMapWrapper) to JavaScript. */
export function unmarshall(data: Record<string, AttributeValue> | AttributeValue, options?: unmarshallOptions): Record<string, NativeAttributeValue> {
  if (options?.convertWithoutMapWrapper) return convertToNative(data as AttributeValue, options);
  return convertToNative({ M: data } as AttributeValue, options);
}

function convertMap(map: Record<string, AttributeValue>, options?: unmarshallOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) out[key] = convertToNative(value, options);
  return out;
}

function convertNumber(text: string, options?: unmarshallOptions): unknown {
  if (typeof options?.wrapNumbers === "function") return options.wrapNumbers(text);
  if (options?.wrapNumbers) return NumberValue.from(text);
  const num = Number(text);
  const large = (num > Number.MAX_SAFE_INTEGER || num < Number.MIN_SAFE_INTEGER) && Math.abs(num) !== Infinity;
  if (large) {
    try {
      return BigInt(text);
    } catch {
      throw new Error(`${text} can't be converted to BigInt. Set options.wrapNumbers to get string value.`);
    }
  }
  return num;
}

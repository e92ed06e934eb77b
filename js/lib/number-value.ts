/**
 * NumberValue: a DynamoDB number kept as its exact decimal text, for numbers a JavaScript number
 * cannot hold (more than 15-17 significant digits, beyond Number.MAX_SAFE_INTEGER). Behaves as
 * @aws-sdk/util-dynamodb's NumberValue, including its error for an imprecise number.
 */
export class NumberValue {
  value: string;

  constructor(value: number | Number | bigint | string | { N: string }) {
    if (typeof value === "object" && "N" in value) this.value = String(value.N);
    else this.value = String(value);
    const v = (value as { valueOf(): unknown }).valueOf();
    const valueOf = typeof v === "number" ? v : 0;
    const imprecise =
      valueOf > Number.MAX_SAFE_INTEGER || valueOf < Number.MIN_SAFE_INTEGER || Math.abs(valueOf) === Infinity || Number.isNaN(valueOf);
    if (imprecise) {
      throw new Error(`NumberValue should not be initialized with an imprecise number=${valueOf}. Use a string instead.`);
    }
  }

  static from(value: number | Number | bigint | string | { N: string }): NumberValue {
    return new NumberValue(value);
  }

  toAttributeValue(): { N: string } {
    return { N: this.toString() };
  }

  toBigInt(): bigint {
    return BigInt(this.toString());
  }

  toString(): string {
    return String(this.value);
  }

  valueOf(): string {
    return this.toString();
  }
}

/**
 * Request ids shaped like DynamoDB's x-amzn-RequestId: 52 characters of upper-case letters and
 * digits (39 random bytes in base64, upper-cased, '+' and '/' replaced by '0').
 *
 * One id per response or client call, so it is on every request's path: random bytes are drawn
 * for POOL_IDS ids at a time (one getRandomValues call instead of one per id, which cost ~12 µs
 * of a 20 µs GetItem in Node) and mapped to characters through a table, without btoa or a regex.
 */
const ID_BYTES = 39;
const POOL_IDS = 256;
/** Base64's alphabet upper-cased, with '+' and '/' as '0': the old btoa(...).toUpperCase() mapping. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ012345678900";

let pool = new Uint8Array(0);
let at = 0;

export function newRequestId(): string {
  // Drawn on first use, never at module load (Workers refuse random values in global scope).
  if (at + ID_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(ID_BYTES * POOL_IDS));
    at = 0;
  }
  let id = "";
  for (let i = at, end = at + ID_BYTES; i < end; i += 3) {
    const n = (pool[i]! << 16) | (pool[i + 1]! << 8) | pool[i + 2]!;
    id += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  at += ID_BYTES;
  return id;
}

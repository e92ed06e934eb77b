/**
 * Request ids shaped like DynamoDB's x-amzn-RequestId: 52 characters of upper-case letters and
 * digits (39 random bytes in base64, upper-cased, '+' and '/' replaced by '0').
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(39));
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).toUpperCase().replace(/[+/]/g, "0");
}

/**
 * Parses DynamoDB's X-Amz-Target header ("DynamoDB_20120810.PutItem") into the operation name, or
 * null when the service prefix is missing or wrong. Operation names are passed on unchecked beyond
 * their shape: the engine answers UnknownOperationException for names it does not implement.
 */
const PREFIX = "DynamoDB_20120810.";
const OPERATION = /^[A-Za-z]{1,64}$/;

export function operationFromTarget(target: string | null | undefined): string | null {
  if (!target || !target.startsWith(PREFIX)) return null;
  const op = target.slice(PREFIX.length);
  return OPERATION.test(op) ? op : null;
}

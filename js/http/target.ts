/**
 * Parses the X-Amz-Target header into the operation name the engine knows, or null when the
 * service prefix is missing or wrong. DynamoDB's own ("DynamoDB_20120810.PutItem") become "PutItem";
 * DynamoDB Streams' ("DynamoDBStreams_20120810.GetRecords", served on the same endpoint) become
 * "DynamoDBStreams.GetRecords", a name no DynamoDB target can produce. Operation names are passed on
 * unchecked beyond their shape: the engine answers UnknownOperationException for names it does not
 * implement.
 */
const PREFIX = "DynamoDB_20120810.";
const STREAMS_PREFIX = "DynamoDBStreams_20120810.";
const OPERATION = /^[A-Za-z]{1,64}$/;

export function operationFromTarget(target: string | null | undefined): string | null {
  if (!target) return null;
  if (target.startsWith(STREAMS_PREFIX)) {
    const op = target.slice(STREAMS_PREFIX.length);
    return OPERATION.test(op) ? `DynamoDBStreams.${op}` : null;
  }
  if (!target.startsWith(PREFIX)) return null;
  const op = target.slice(PREFIX.length);
  return OPERATION.test(op) ? op : null;
}

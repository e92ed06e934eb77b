/**
 * Parses the X-Amz-Target header into the operation name the engine knows, or null when the
 * service prefix is missing or wrong. DynamoDB's own ("DynamoDB_20120810.PutItem") become "PutItem";
 * DynamoDB Streams' ("DynamoDBStreams_20120810.GetRecords", served on the same endpoint) become
 * "DynamoDBStreams.GetRecords", a name no DynamoDB target can produce; do-dynamodb's own
 * ("DoDynamoDB_20261207.DescribeShards") become "DoDynamoDB.DescribeShards". Operation names are passed on
 * unchecked beyond their shape: the engine answers UnknownOperationException for names it does not
 * implement.
 */
const PREFIX = "DynamoDB_20120810.";
const STREAMS_PREFIX = "DynamoDBStreams_20120810.";
/** do-dynamodb's own operations (docs/SCALING.md: DescribeShards), as "DoDynamoDB.<name>". */
const OWN_PREFIX = "DoDynamoDB_20261207.";
const OPERATION = /^[A-Za-z]{1,64}$/;

export function operationFromTarget(target: string | null | undefined): string | null {
  if (!target) return null;
  if (target.startsWith(STREAMS_PREFIX)) {
    const op = target.slice(STREAMS_PREFIX.length);
    return OPERATION.test(op) ? `DynamoDBStreams.${op}` : null;
  }
  if (target.startsWith(OWN_PREFIX)) {
    const op = target.slice(OWN_PREFIX.length);
    return OPERATION.test(op) ? `DoDynamoDB.${op}` : null;
  }
  if (!target.startsWith(PREFIX)) return null;
  const op = target.slice(PREFIX.length);
  return OPERATION.test(op) ? op : null;
}

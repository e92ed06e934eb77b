import assert from "node:assert/strict";
import { test } from "node:test";
import { isDynamoDBOperation, isReadOperation, tablesInRequest } from "./operations.js";
import { operationFromTarget } from "./target.js";

test("DynamoDB and DynamoDB Streams targets map to engine operation names", () => {
  assert.equal(operationFromTarget("DynamoDB_20120810.PutItem"), "PutItem");
  assert.equal(operationFromTarget("DynamoDBStreams_20120810.GetRecords"), "DynamoDBStreams.GetRecords");
  assert.equal(operationFromTarget("DynamoDBStreams_20120810.Get.Records"), null);
  assert.equal(operationFromTarget("DynamoDBStreams_20120810."), null);
  assert.equal(operationFromTarget("Kinesis_20131202.GetRecords"), null);
  assert.equal(operationFromTarget(undefined), null);
});

test("the Streams operations are known reads and name their table", () => {
  for (const op of ["ListStreams", "DescribeStream", "GetShardIterator", "GetRecords"]) {
    assert.ok(isDynamoDBOperation(`DynamoDBStreams.${op}`));
    assert.ok(isReadOperation(`DynamoDBStreams.${op}`));
  }
  assert.ok(!isDynamoDBOperation("DynamoDBStreams.PutItem"));
  const arn = "arn:aws:dynamodb:ddblocal:000000000000:table/Orders/stream/2026-11-22T03:21:18.123";
  assert.deepEqual(tablesInRequest({ StreamArn: arn }), ["Orders"]);
  assert.deepEqual(tablesInRequest({ ShardIterator: `${arn}|shardId-1|0|1|abc` }), ["Orders"]);
  assert.deepEqual(tablesInRequest({ TableName: "Orders", Limit: 5 }), ["Orders"]);
});

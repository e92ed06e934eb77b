// The phases of transactions over several objects (transaction_participant.cc,
// transaction_coordinator.cc): locks against every kind of write and transactional read,
// commit, abort, read marks, expiry and the coordinator's decisions and tokens.
#include <gtest/gtest.h>

#include <string>

#include "engine.h"
#include "storage/memory_store.h"

namespace dodb {
namespace {

constexpr double kNow = 1700000000000.0;

class TransactionPhasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.set_now_ms(kNow);
    ASSERT_EQ(Call("CreateTable", R"({"TableName":"ttt","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})").status, 200);
    ASSERT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})").status, 200);
  }
  Response Call(std::string_view op, std::string_view body) { return engine_.Handle(op, body); }
  // Prepares "SET n = n + 1" on a, and a put of b (another object's, unless both_mine).
  Response Prepare(const std::string& txn, double expires = kNow + 5000, bool both_mine = false) {
    return Call("@TxnPrepare", R"({"TxnId":")" + txn + R"(","ExpiresMs":)" + std::to_string(static_cast<long long>(expires)) +
                                   R"(,"@Mine":)" + (both_mine ? "[0,1]" : "[0]") +
                                   R"(,"Coordinator":{"Database":"db","Jurisdiction":null,"Object":"db/1/0"},"TransactItems":[
        {"Update":{"TableName":"ttt","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET n = n + :one","ConditionExpression":"n < :ten",
                   "ExpressionAttributeValues":{":one":{"N":"1"},":ten":{"N":"10"}}}},
        {"Put":{"TableName":"ttt","Item":{"pk":{"S":"b"}}}}],"ReturnConsumedCapacity":"TOTAL"})");
  }
  std::string GetA() { return Call("GetItem", R"({"TableName":"ttt","Key":{"pk":{"S":"a"}}})").body; }
  MemoryStore store_;
  Engine engine_{store_};
};

TEST_F(TransactionPhasesTest, PreparedItemsRefuseWritesUntilCommit) {
  // Bytes: the new items' sizes of this object's actions (the 4 MB limit is the router's sum).
  ASSERT_EQ(Prepare("00000000001-x").body, R"({"Prepared":true,"Bytes":6})");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"}}})").body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionConflictException","message":"Transaction is ongoing for the item"})");
  EXPECT_EQ(Call("DeleteItem", R"({"TableName":"ttt","Key":{"pk":{"S":"a"}}})").status, 400);
  EXPECT_EQ(Call("UpdateItem", R"({"TableName":"ttt","Key":{"pk":{"S":"a"}},"UpdateExpression":"REMOVE n"})").status, 400);
  // BatchWriteItem hands the held entry back, and writes the rest.
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"ttt":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"PutRequest":{"Item":{"pk":{"S":"c"}}}}]}})").body,
            R"({"UnprocessedItems":{"ttt":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"ttt","Key":{"pk":{"S":"c"}}})").body, R"({"Item":{"pk":{"S":"c"}}})");
  // A transaction on this object meets the lock as a TransactionConflict reason.
  EXPECT_NE(Call("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"ttt","Item":{"pk":{"S":"a"}}}}]})")
                .body.find(R"("CancellationReasons":[{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}])"),
            std::string::npos);
  EXPECT_NE(Call("TransactGetItems", R"({"TransactItems":[{"Get":{"TableName":"ttt","Key":{"pk":{"S":"a"}}}}]})")
                .body.find(R"([TransactionConflict])"),
            std::string::npos);
  // Reads outside transactions see the last committed item.
  EXPECT_EQ(GetA(), R"({"Item":{"n":{"N":"1"},"pk":{"S":"a"}}})");
  EXPECT_EQ(Call("@TxnCommit", R"({"TxnId":"00000000001-x"})").body,
            R"({"Committed":true,"ConsumedCapacity":[{"TableName":"ttt","CapacityUnits":2.0}]})");
  EXPECT_EQ(GetA(), R"({"Item":{"n":{"N":"2"},"pk":{"S":"a"}}})");
  // The put of b was another object's: not written here.
  EXPECT_EQ(Call("GetItem", R"({"TableName":"ttt","Key":{"pk":{"S":"b"}}})").body, "{}");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"}}})").status, 200);
  EXPECT_EQ(Call("@TxnCommit", R"({"TxnId":"00000000001-x"})").body, R"({"Committed":false})");
}

TEST_F(TransactionPhasesTest, AbortReleasesAndWritesNothing) {
  ASSERT_EQ(Prepare("00000000002-x", kNow + 5000, true).status, 200);
  EXPECT_EQ(Call("@TxnAbort", R"({"TxnId":"00000000002-x"})").body, R"({"Aborted":true})");
  EXPECT_EQ(GetA(), R"({"Item":{"n":{"N":"1"},"pk":{"S":"a"}}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"ttt","Key":{"pk":{"S":"b"}}})").body, "{}");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"b"}}})").status, 200);
  EXPECT_EQ(Call("@TxnCommit", R"({"TxnId":"00000000002-x"})").body, R"({"Committed":false})");
}

TEST_F(TransactionPhasesTest, FailedPrepareLocksNothingAndNamesItsCause) {
  ASSERT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"},"n":{"N":"10"}}})").status, 200);
  Response r = Prepare("00000000003-x");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"("CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},{"Code":"None"}],"@Action":-1,"@Bytes":0)"),
            std::string::npos) << r.body;
  EXPECT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"}}})").status, 200);
  // A request-level error names the action that raised it, by its place in the whole request.
  r = Call("@TxnPrepare", R"({"TxnId":"00000000004-x","ExpiresMs":1,"@Mine":[1],"TransactItems":[
      {"Put":{"TableName":"ttt","Item":{"pk":{"S":"z"}}}},{"Put":{"TableName":"nope","Item":{"pk":{"S":"y"}}}}]})");
  EXPECT_NE(r.body.find(R"(ResourceNotFoundException)"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("@Action":1)"), std::string::npos) << r.body;
}

TEST_F(TransactionPhasesTest, SecondTransactionConflictsAndExpiredLocksAreNamed) {
  ASSERT_EQ(Prepare("00000000005-x", kNow + 100).status, 200);
  Response r = Prepare("00000000006-y");
  EXPECT_NE(r.body.find(R"([TransactionConflict, None])"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("@Stale"), std::string::npos);
  EXPECT_EQ(Call("@TxnPending", "{}").body, R"({"Expired":[],"NextMs":1700000000100.0})");
  store_.set_now_ms(kNow + 200);
  r = Prepare("00000000006-y");
  EXPECT_NE(r.body.find(R"("@Stale":["00000000005-x"])"), std::string::npos) << r.body;
  EXPECT_NE(Call("@Shard:PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"}}})").body.find(R"("@StaleTransaction":"00000000005-x")"),
            std::string::npos);
  // Outside the router's door, the expired lock is not named.
  EXPECT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"}}})").body.find("@Stale"), std::string::npos);
  EXPECT_EQ(Call("@TxnPending", "{}").body,
            R"({"Expired":[{"TxnId":"00000000005-x","Coordinator":{"Database":"db","Jurisdiction":null,"Object":"db/1/0"}}]})");
  EXPECT_EQ(Call("@TxnAbort", R"({"TxnId":"00000000005-x"})").status, 200);
  EXPECT_EQ(Prepare("00000000006-y").status, 200);
}

TEST_F(TransactionPhasesTest, ReadMarksBreakOnWrite) {
  const std::string read = R"({"TxnId":"00000000007-r","ExpiresMs":1800000000000,"@Mine":[0],"TransactItems":[
      {"Get":{"TableName":"ttt","Key":{"pk":{"S":"a"}}}},{"Get":{"TableName":"ttt","Key":{"pk":{"S":"elsewhere"}}}}]})";
  EXPECT_EQ(Call("@TxnRead", read).body, R"({"Responses":[{"Item":{"n":{"N":"1"},"pk":{"S":"a"}}}]})");
  EXPECT_EQ(Call("@TxnReadEnd", read).body, R"({"Intact":true})");
  ASSERT_EQ(Call("@TxnRead", read).status, 200);
  // Reads do not block writes: the write breaks the mark.
  ASSERT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})").status, 200);
  EXPECT_EQ(Call("@TxnReadEnd", read).body, R"({"Intact":false})");
  // A prepared write blocks the read.
  ASSERT_EQ(Prepare("00000000008-x").status, 200);
  EXPECT_NE(Call("@TxnRead", read).body.find("[TransactionConflict, None]"), std::string::npos);
}

TEST_F(TransactionPhasesTest, CoordinatorDecidesOnceAndHoldsTokens) {
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"00000000009-x","Decision":"ABORT"})").body, R"({"Decision":"ABORT"})");
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"00000000009-x","Decision":"COMMIT"})").body, R"({"Decision":"ABORT"})");
  const char* begin = R"({"TxnId":"0000000000a-x","Participants":["db/1/0","db/1/1"],"ClientRequestToken":"tok","TransactItems":[{"Put":{"TableName":"ttt","Item":{"pk":{"S":"q"}}}}]})";
  EXPECT_EQ(Call("@TxnStage", begin).body, R"({"Staged":true})");
  EXPECT_EQ(Call("@TxnStage", begin).body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionInProgressException","message":"The transaction with the given request token is already in progress."})");
  EXPECT_EQ(Call("TransactWriteItems", R"({"ClientRequestToken":"tok","TransactItems":[{"Put":{"TableName":"ttt","Item":{"pk":{"S":"q"}}}}]})").status, 400);
  // Staged: a plain recovery's ask learns the participants, to ask them; a resolved decision stands.
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"0000000000a-x","Decision":"ABORT"})").body,
            R"({"Decision":"STAGING","Participants":["db/1/0","db/1/1"]})");
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"0000000000a-x","Decision":"COMMIT","Resolved":true,"ClientRequestToken":"tok"})").body, R"({"Decision":"COMMIT"})");
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"0000000000a-x","Decision":"ABORT","Resolved":true})").body, R"({"Decision":"COMMIT"})");
  EXPECT_EQ(Call("@TxnStage", R"({"TxnId":"0000000000c-x","Participants":[],"ClientRequestToken":"tok","TransactItems":[{"Put":{"TableName":"ttt","Item":{"pk":{"S":"q"}}}}]})").body, R"({"Replay":true})");
  EXPECT_NE(Call("@TxnStage", R"({"TxnId":"0000000000c-x","Participants":[],"ClientRequestToken":"tok","TransactItems":[]})").body.find("IdempotentParameterMismatchException"), std::string::npos);
  // A refused transaction frees its token and leaves no record.
  EXPECT_EQ(Call("@TxnStage", R"({"TxnId":"0000000000b-x","Participants":[],"ClientRequestToken":"tok2","TransactItems":[]})").body, R"({"Staged":true})");
  EXPECT_EQ(Call("@TxnRelease", R"({"TxnId":"0000000000b-x","ClientRequestToken":"tok2"})").status, 200);
  EXPECT_EQ(Call("@TxnStage", R"({"TxnId":"0000000000d-x","Participants":[],"ClientRequestToken":"tok2","TransactItems":[]})").body, R"({"Staged":true})");
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"0000000000b-x","Decision":"ABORT"})").body, R"({"Decision":"ABORT"})");
}

TEST_F(TransactionPhasesTest, StatusFencesAndRepeatsAreRefused) {
  EXPECT_EQ(Call("@TxnStatus", R"({"TxnId":"0000000000e-x"})").body, R"({"Status":"ABSENT"})");
  // Fenced: the late prepare is refused and locks nothing.
  EXPECT_NE(Prepare("0000000000e-x").body.find("TransactionConflictException"), std::string::npos);
  EXPECT_EQ(Call("@TxnStatus", R"({"TxnId":"0000000000e-x"})").body, R"({"Status":"ABORTED"})");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"ttt","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})").status, 200);
  ASSERT_EQ(Prepare("0000000000f-x").status, 200);
  EXPECT_EQ(Call("@TxnStatus", R"({"TxnId":"0000000000f-x"})").body, R"({"Status":"PREPARED"})");
  ASSERT_EQ(Call("@TxnCommit", R"({"TxnId":"0000000000f-x"})").status, 200);
  EXPECT_EQ(Call("@TxnStatus", R"({"TxnId":"0000000000f-x"})").body, R"({"Status":"COMMITTED"})");
  EXPECT_NE(Prepare("0000000000f-x").body.find("TransactionConflictException"), std::string::npos);
  // An abort without a fence leaves nothing behind.
  ASSERT_EQ(Prepare("00000000010-x").status, 200);
  EXPECT_EQ(Call("@TxnAbort", R"({"TxnId":"00000000010-x","Fence":false})").body, R"({"Aborted":true})");
  EXPECT_EQ(Call("@TxnStatus", R"({"TxnId":"00000000010-x"})").body, R"({"Status":"ABSENT"})");
}

TEST_F(TransactionPhasesTest, OldDecisionsAreSwept) {
  // Ids begin with their start time (12 hex digits of epoch ms).
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"000000000001-old","Decision":"COMMIT"})").status, 200);
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"018bcfe56800-new","Decision":"COMMIT"})").status, 200);
  // The old one is gone (a recovery asking now would decide), the new one stands.
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"000000000001-old","Decision":"ABORT"})").body, R"({"Decision":"ABORT"})");
  EXPECT_EQ(Call("@TxnDecide", R"({"TxnId":"018bcfe56800-new","Decision":"ABORT"})").body, R"({"Decision":"COMMIT"})");
}

}  // namespace
}  // namespace dodb

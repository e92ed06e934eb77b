/**
 * DescribeContinuousBackups / UpdateContinuousBackups and DescribeEndpoints. Sources: API
 * reference (ContinuousBackupsDescription, PointInTimeRecoverySpecification with
 * RecoveryPeriodInDays 1..35, TableNotFoundException); scylladb test/alternator/test_backup.py
 * ("ALT": a new table describes DISABLED / {PointInTimeRecoveryStatus: DISABLED}, an unknown
 * table is TableNotFoundException, a missing TableName a ValidationException); AWS CLI
 * update-continuous-backups example output.
 */
import { ABSENT, ANY, HASH_TABLE, TABLE, aNumber, conformance, err, ok, okSubset, validation, violation, violations, NOT_NULL, type Case } from "./runner.js";

const enable = (extra: Record<string, unknown> = {}) => ({
  TableName: TABLE,
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, ...extra },
});
const ENABLE_STEP = { op: "UpdateContinuousBackups", body: enable() };

const cases: Case[] = [
  {
    name: "a new table has PITR disabled", // ALT
    setup: [HASH_TABLE],
    op: "DescribeContinuousBackups",
    request: { TableName: TABLE },
    expect: ok({ ContinuousBackupsDescription: { ContinuousBackupsStatus: "DISABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "DISABLED" } } }),
  },
  {
    name: "an unknown table", // ALT (type); the message is moto's and the AWS CLI's wording
    setup: [HASH_TABLE],
    op: "DescribeContinuousBackups",
    request: { TableName: "nope" },
    expect: err("TableNotFoundException", "Table not found: nope"),
  },
  {
    name: "a missing TableName", // ALT (type)
    setup: [HASH_TABLE],
    op: "DescribeContinuousBackups",
    request: {},
    expect: validation(violations(violation(null, "tableName", NOT_NULL))),
  },
  {
    name: "enabling PITR", // AWS CLI example output
    setup: [HASH_TABLE],
    op: "UpdateContinuousBackups",
    request: enable(),
    expect: okSubset({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: "ENABLED",
        PointInTimeRecoveryDescription: {
          PointInTimeRecoveryStatus: "ENABLED",
          EarliestRestorableDateTime: aNumber,
          LatestRestorableDateTime: aNumber,
          RecoveryPeriodInDays: 35,
        },
      },
    }),
    after: [
      {
        op: "DescribeContinuousBackups",
        body: { TableName: TABLE },
        expect: okSubset({ ContinuousBackupsDescription: { ContinuousBackupsStatus: "ENABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "ENABLED" } } }),
      },
    ],
  },
  {
    name: "a recovery period",
    setup: [HASH_TABLE],
    op: "UpdateContinuousBackups",
    request: enable({ RecoveryPeriodInDays: 7 }),
    expect: okSubset({ ContinuousBackupsDescription: { PointInTimeRecoveryDescription: { RecoveryPeriodInDays: 7 } } }),
  },
  {
    name: "disabling PITR",
    setup: [HASH_TABLE, ENABLE_STEP],
    op: "UpdateContinuousBackups",
    request: { TableName: TABLE, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } },
    expect: ok({ ContinuousBackupsDescription: { ContinuousBackupsStatus: "DISABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "DISABLED" } } }),
  },
  {
    name: "a recovery period over 35 days",
    setup: [HASH_TABLE],
    op: "UpdateContinuousBackups",
    request: enable({ RecoveryPeriodInDays: 36 }),
    expect: validation(violations(violation("36", "pointInTimeRecoverySpecification.recoveryPeriodInDays", "Member must have value less than or equal to 35"))),
  },
  {
    name: "a missing specification",
    setup: [HASH_TABLE],
    op: "UpdateContinuousBackups",
    request: { TableName: TABLE },
    expect: validation(violations(violation(null, "pointInTimeRecoverySpecification", NOT_NULL))),
  },
  {
    name: "a specification without PointInTimeRecoveryEnabled",
    setup: [HASH_TABLE],
    op: "UpdateContinuousBackups",
    request: { TableName: TABLE, PointInTimeRecoverySpecification: {} },
    expect: validation(violations(violation(null, "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled", NOT_NULL))),
  },
  {
    name: "UpdateContinuousBackups on an unknown table",
    setup: [HASH_TABLE],
    op: "UpdateContinuousBackups",
    request: { ...enable(), TableName: "nope" },
    expect: err("TableNotFoundException", "Table not found: nope"),
  },
  {
    name: "DescribeEndpoints", // API reference: Endpoints [{Address, CachePeriodInMinutes}]
    op: "DescribeEndpoints",
    request: {},
    expect: ok({ Endpoints: [{ Address: ANY, CachePeriodInMinutes: 1440 }] }),
  },
];
void ABSENT;

conformance("Continuous backups and endpoints", cases);

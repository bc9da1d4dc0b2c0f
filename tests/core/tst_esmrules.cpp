// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ruletest.h"

// Event source mapping rules (aws-semantics.md §4, §5, §9, §14). Each row is a project that
// breaks an AWS rule and a near-identical project that keeps it; the expectations follow AWS's
// documentation (Lambda API reference, Lambda and SQS developer guides), not the output.

class tst_esmrules : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rule_data();
    void rule() { ruletest::check(); }
    void fixIntroducesNoError_data() { rule_data(); }
    void fixIntroducesNoError();
    void rulesAreRegistered();
    void quickFixesAddUniqueIds();
    void examplesStayFreeOfEsmErrors();
};

namespace {

using namespace ruletest;

QByteArray project(const QByteArray &components, const QByteArray &connections)
{
    return "eventwright: 1\ncomponents:\n" + components + "connections:\n"
           + (connections.isEmpty() ? QByteArray("  []\n") : connections);
}

const QByteArray Fn = comp("f", "lambda-function", "Runtime: python3.13\nTimeout: 10\n");

QByteArray fn(const QByteArray &props)
{
    return comp("f", "lambda-function", "Runtime: python3.13\n" + props);
}

/// SQS queue 'q' (visibility 60 s, with a dead-letter queue) triggering 'f' (timeout 10 s).
QByteArray sqs(const QByteArray &trigger, const QByteArray &queueProps = "VisibilityTimeout: 60\n",
               const QByteArray &function = Fn)
{
    return project(comp("q", "sqs-queue", queueProps) + comp("dlq", "sqs-queue") + function,
                   conn("q", "f", "trigger", trigger) + conn("q", "dlq", "dead-letter", "maxReceiveCount: 5\n"));
}

QByteArray fifo(const QByteArray &trigger, const QByteArray &function = Fn)
{
    return project(comp("q", "sqs-queue", "QueueName: orders.fifo\nFifoQueue: true\nVisibilityTimeout: 60\n")
                       + comp("dlq", "sqs-queue", "QueueName: orders-dlq.fifo\nFifoQueue: true\n") + function,
                   conn("q", "f", "trigger", trigger) + conn("q", "dlq", "dead-letter", "maxReceiveCount: 5\n"));
}

/// Kinesis stream 's' triggering 'f', with an on-failure queue 'fail' available.
QByteArray kinesis(const QByteArray &trigger, const QByteArray &streamProps = "ShardCount: 2\n",
                   const QByteArray &function = Fn, const QByteArray &extra = {})
{
    return project(comp("s", "kinesis-stream", streamProps) + comp("fail", "sqs-queue") + function + extra,
                   conn("s", "f", "trigger", trigger));
}

QByteArray dynamo(const QByteArray &trigger, const QByteArray &tableProps = "PartitionKey: id:S\nStreamViewType: NEW_AND_OLD_IMAGES\n")
{
    return project(comp("t", "dynamodb-table", tableProps) + comp("fail", "sqs-queue") + Fn,
                   conn("t", "f", "trigger", trigger));
}

QByteArray msk(const QByteArray &trigger, const QByteArray &function = Fn)
{
    return project(comp("k", "msk-cluster", "ClusterName: payments\n") + comp("fail", "sqs-queue") + function,
                   conn("k", "f", "trigger", trigger));
}

const QByteArray Latest = "StartingPosition: LATEST\nMaximumRetryAttempts: 3\nOnFailure: fail\n";
const QByteArray KafkaTrigger = "Topics: [payments]\nStartingPosition: LATEST\nOnFailure: fail\n";

/// n functions f1..fn, each triggered by stream 's' with the given trigger properties.
QByteArray manyKinesisTriggers(int n, int withFanOut)
{
    QByteArray components = comp("s", "kinesis-stream", "ShardCount: 2\n") + comp("fail", "sqs-queue");
    QByteArray connections;
    for (int i = 1; i <= n; ++i) {
        const QByteArray id = "f" + QByteArray::number(i);
        components += comp(id, "lambda-function", "Runtime: python3.13\n");
        connections += conn("s", id, "trigger", Latest + (i <= withFanOut ? "Consumer: true\n" : ""));
    }
    return project(components, connections);
}

QByteArray manyTableTriggers(int n)
{
    QByteArray components = comp("t", "dynamodb-table", "PartitionKey: id:S\nStreamViewType: NEW_IMAGE\n") + comp("fail", "sqs-queue");
    QByteArray connections;
    for (int i = 1; i <= n; ++i) {
        const QByteArray id = "f" + QByteArray::number(i);
        components += comp(id, "lambda-function", "Runtime: python3.13\n");
        connections += conn("t", id, "trigger", Latest);
    }
    return project(components, connections);
}

/// The rule ids that rule_data() has rows for (a row's name starts with its rule id).
QSet<QString> &coveredRules()
{
    static QSet<QString> ids;
    return ids;
}

QTestData &row(const char *name)
{
    coveredRules().insert(QString::fromLatin1(name).section(QLatin1Char(' '), 0, 0));
    return QTest::newRow(name);
}

QByteArray patterns(int n)
{
    QByteArray out = "FilterPatterns:\n";
    for (int i = 0; i < n; ++i)
        out += "  - body:\n      type: [t" + QByteArray::number(i) + "]\n";
    return out;
}

} // namespace

void tst_esmrules::initTestCase()
{
    // ESM-GEN-013 compares timestamps with the validation date.
    qputenv("EW_VALIDATION_DATE", "2026-11-23");
}

void tst_esmrules::rule_data()
{
    ruletest::addColumns();
    const QString qf = QStringLiteral("q->f");
    const QString sf = QStringLiteral("s->f");
    const QString tf = QStringLiteral("t->f");
    const QString kf = QStringLiteral("k->f");

    // --- ESM-GEN ---------------------------------------------------------------------------
    // API_CreateEventSourceMapping: BatchSize 1-10,000; MaximumBatchingWindowInSeconds 0-300.
    row("ESM-GEN-001 batch size above 10,000")
        << sqs("BatchSize: 10001\nMaximumBatchingWindowInSeconds: 1\n")
        << sqs("BatchSize: 10000\nMaximumBatchingWindowInSeconds: 1\n") << "ESM-GEN-001" << qf;
    row("ESM-GEN-001 batch size 0 on a stream")
        << kinesis(Latest + "BatchSize: 0\n") << kinesis(Latest + "BatchSize: 1\n") << "ESM-GEN-001" << sf;
    row("ESM-GEN-001 window above 300 s")
        << sqs("MaximumBatchingWindowInSeconds: 301\n") << sqs("MaximumBatchingWindowInSeconds: 300\n")
        << "ESM-GEN-001" << qf;
    // services-sqs-parameters: BatchSize > 10 needs a window of at least 1 s (standard queues).
    row("ESM-GEN-002 batch 20 without window")
        << sqs("BatchSize: 20\n") << sqs("BatchSize: 20\nMaximumBatchingWindowInSeconds: 1\n") << "ESM-GEN-002" << qf;
    row("ESM-GEN-002 window 0 given")
        << sqs("BatchSize: 11\nMaximumBatchingWindowInSeconds: 0\n") << sqs("BatchSize: 10\nMaximumBatchingWindowInSeconds: 0\n")
        << "ESM-GEN-002" << qf;
    row("ESM-GEN-003 parallelization above 10")
        << kinesis(Latest + "ParallelizationFactor: 11\n") << kinesis(Latest + "ParallelizationFactor: 10\n")
        << "ESM-GEN-003" << sf;
    row("ESM-GEN-003 tumbling window above 900 s")
        << dynamo(Latest + "TumblingWindowInSeconds: 901\n") << dynamo(Latest + "TumblingWindowInSeconds: 900\n")
        << "ESM-GEN-003" << tf;
    row("ESM-GEN-003 parallelization on SQS")
        << sqs("ParallelizationFactor: 2\n") << sqs("BatchSize: 5\n") << "ESM-GEN-003" << qf;
    row("ESM-GEN-003 tumbling window on Kafka")
        << msk(KafkaTrigger + "TumblingWindowInSeconds: 60\n") << msk(KafkaTrigger) << "ESM-GEN-003" << kf;
    row("ESM-GEN-004 retries on SQS")
        << sqs("MaximumRetryAttempts: 3\n") << sqs("BatchSize: 5\n") << "ESM-GEN-004" << qf;
    row("ESM-GEN-004 bisect on SQS")
        << sqs("BisectBatchOnFunctionError: true\n") << sqs({}) << "ESM-GEN-004" << qf;
    row("ESM-GEN-005 retries above 10,000")
        << kinesis("StartingPosition: LATEST\nOnFailure: fail\nMaximumRetryAttempts: 10001\n")
        << kinesis("StartingPosition: LATEST\nOnFailure: fail\nMaximumRetryAttempts: 10000\n")
        << "ESM-GEN-005" << sf;
    row("ESM-GEN-005 retries below -1")
        << dynamo("StartingPosition: LATEST\nOnFailure: fail\nMaximumRetryAttempts: -2\n")
        << dynamo("StartingPosition: LATEST\nOnFailure: fail\nMaximumRetryAttempts: -1\n") << "ESM-GEN-005" << tf;
    // -1 or 60-604,800 (API; TF-16113: 1-59 rejected by the service).
    row("ESM-GEN-005 record age 30 s")
        << kinesis(Latest + "MaximumRecordAgeInSeconds: 30\n") << kinesis(Latest + "MaximumRecordAgeInSeconds: 60\n")
        << "ESM-GEN-005" << sf;
    row("ESM-GEN-005 record age above 7 days")
        << kinesis(Latest + "MaximumRecordAgeInSeconds: 604801\n") << kinesis(Latest + "MaximumRecordAgeInSeconds: 604800\n")
        << "ESM-GEN-005" << sf;
    row("ESM-GEN-005 Kafka record age 0")
        << msk(KafkaTrigger + "MaximumRecordAgeInSeconds: 0\n") << msk(KafkaTrigger + "MaximumRecordAgeInSeconds: -1\n")
        << "ESM-GEN-005" << kf;
    row("ESM-GEN-006 OnSuccess on a stream")
        << kinesis(Latest + "OnSuccess: fail\n") << kinesis(Latest) << "ESM-GEN-006" << sf;
    row("ESM-GEN-007 OnFailure on SQS")
        << project(comp("q", "sqs-queue", "VisibilityTimeout: 60\n") + comp("dlq", "sqs-queue") + Fn,
                   conn("q", "f", "trigger", "OnFailure: dlq\n"))
        << project(comp("q", "sqs-queue", "VisibilityTimeout: 60\n") + comp("dlq", "sqs-queue") + Fn,
                   conn("q", "f", "trigger") + conn("q", "dlq", "dead-letter", "maxReceiveCount: 5\n"))
        << "ESM-GEN-007" << qf;
    row("ESM-GEN-008 FIFO queue as OnFailure")
        << kinesis("StartingPosition: LATEST\nMaximumRetryAttempts: 3\nOnFailure: ffail\n", "ShardCount: 2\n", Fn,
                   comp("ffail", "sqs-queue", "FifoQueue: true\n"))
        << kinesis("StartingPosition: LATEST\nMaximumRetryAttempts: 3\nOnFailure: fail\n", "ShardCount: 2\n", Fn,
                   comp("ffail", "sqs-queue", "FifoQueue: true\n"))
        << "ESM-GEN-008" << sf;
    row("ESM-GEN-008 FIFO topic as OnFailure")
        << dynamo("StartingPosition: LATEST\nOnFailure: topic\n").replace("connections:", comp("topic", "sns-topic", "FifoTopic: true\n") + "connections:")
        << dynamo("StartingPosition: LATEST\nOnFailure: topic\n").replace("connections:", comp("topic", "sns-topic") + "connections:")
        << "ESM-GEN-008" << tf;
    // DG-KIN: by default a failing batch is retried until the records expire.
    row("ESM-GEN-009 stream without retry limit or OnFailure")
        << kinesis("StartingPosition: LATEST\n") << kinesis("StartingPosition: LATEST\nMaximumRetryAttempts: 3\n")
        << "ESM-GEN-009" << sf;
    row("ESM-GEN-009 DynamoDB, OnFailure keeps a record")
        << dynamo("StartingPosition: LATEST\n") << dynamo("StartingPosition: LATEST\nOnFailure: fail\n")
        << "ESM-GEN-009" << tf;
    row("ESM-GEN-009 Kafka")
        << msk("Topics: [payments]\nStartingPosition: LATEST\n")
        << msk("Topics: [payments]\nStartingPosition: LATEST\nMaximumRecordAgeInSeconds: 3600\n") << "ESM-GEN-009" << kf;
    row("ESM-GEN-010 Kinesis without StartingPosition")
        << kinesis("MaximumRetryAttempts: 3\nOnFailure: fail\n") << kinesis(Latest) << "ESM-GEN-010" << sf;
    row("ESM-GEN-010 Kafka without StartingPosition")
        << msk("Topics: [payments]\nOnFailure: fail\n") << msk(KafkaTrigger) << "ESM-GEN-010" << kf;
    row("ESM-GEN-010 timestamp without StartingPosition")
        << kinesis("StartingPositionTimestamp: 1767225600\nMaximumRetryAttempts: 3\nOnFailure: fail\n")
        << kinesis("StartingPosition: AT_TIMESTAMP\nStartingPositionTimestamp: 1767225600\nMaximumRetryAttempts: 3\nOnFailure: fail\n")
        << "ESM-GEN-010" << sf;
    row("ESM-GEN-011 StartingPosition on SQS")
        << sqs("StartingPosition: LATEST\n") << sqs({}) << "ESM-GEN-011" << qf;
    row("ESM-GEN-012 AT_TIMESTAMP on DynamoDB")
        << dynamo("StartingPosition: AT_TIMESTAMP\nOnFailure: fail\n") << dynamo("StartingPosition: TRIM_HORIZON\nOnFailure: fail\n")
        << "ESM-GEN-012" << tf;
    row("ESM-GEN-013 AT_TIMESTAMP without timestamp")
        << kinesis("StartingPosition: AT_TIMESTAMP\nMaximumRetryAttempts: 3\nOnFailure: fail\n")
        << kinesis("StartingPosition: AT_TIMESTAMP\nStartingPositionTimestamp: 1767225600\nMaximumRetryAttempts: 3\nOnFailure: fail\n")
        << "ESM-GEN-013" << sf;
    row("ESM-GEN-013 timestamp with LATEST")
        << kinesis(Latest + "StartingPositionTimestamp: 1767225600\n") << kinesis(Latest) << "ESM-GEN-013" << sf;
    row("ESM-GEN-013 timestamp in the future")
        << msk("Topics: [payments]\nStartingPosition: AT_TIMESTAMP\nStartingPositionTimestamp: 4102444800\nOnFailure: fail\n")
        << msk("Topics: [payments]\nStartingPosition: AT_TIMESTAMP\nStartingPositionTimestamp: 1767225600\nOnFailure: fail\n")
        << "ESM-GEN-013" << kf;
    row("ESM-GEN-014 unknown response type")
        << sqs("FunctionResponseTypes: [ReportFailures]\n") << sqs("FunctionResponseTypes: [ReportBatchItemFailures]\n")
        << "ESM-GEN-014" << qf;
    row("ESM-GEN-014 two entries")
        << kinesis(Latest + "FunctionResponseTypes: [ReportBatchItemFailures, ReportBatchItemFailures]\n")
        << kinesis(Latest + "FunctionResponseTypes: [ReportBatchItemFailures]\n") << "ESM-GEN-014" << sf;
    row("ESM-GEN-015 SQS without partial batch responses")
        << sqs({}) << sqs("FunctionResponseTypes: [ReportBatchItemFailures]\n") << "ESM-GEN-015" << qf;
    row("ESM-GEN-015 batch of one needs none")
        << sqs("BatchSize: 2\n") << sqs("BatchSize: 1\n") << "ESM-GEN-015" << qf;
    row("ESM-GEN-015 stream")
        << kinesis(Latest) << kinesis(Latest + "FunctionResponseTypes: [ReportBatchItemFailures]\n") << "ESM-GEN-015" << sf;
    row("ESM-GEN-016 MaximumConcurrency 1")
        << sqs("MaximumConcurrency: 1\n") << sqs("MaximumConcurrency: 2\n") << "ESM-GEN-016" << qf;
    row("ESM-GEN-016 MaximumConcurrency above 1,000")
        << sqs("MaximumConcurrency: 1001\n") << sqs("MaximumConcurrency: 1000\n") << "ESM-GEN-016" << qf;
    row("ESM-GEN-016 MaximumConcurrency on a stream")
        << kinesis(Latest + "MaximumConcurrency: 5\n") << kinesis(Latest + "ParallelizationFactor: 5\n") << "ESM-GEN-016" << sf;
    row("ESM-GEN-017 MaximumConcurrency with provisioned mode")
        << sqs("MaximumConcurrency: 10\nProvisionedPollerConfig:\n  MinimumPollers: 2\n  MaximumPollers: 20\n")
        << sqs("ProvisionedPollerConfig:\n  MinimumPollers: 2\n  MaximumPollers: 20\n") << "ESM-GEN-017" << qf;
    row("ESM-GEN-018 provisioned mode on Kinesis")
        << kinesis(Latest + "ProvisionedPollerConfig:\n  MinimumPollers: 2\n") << kinesis(Latest) << "ESM-GEN-018" << sf;
    row("ESM-GEN-018 SQS minimum pollers 1")
        << sqs("ProvisionedPollerConfig:\n  MinimumPollers: 1\n") << sqs("ProvisionedPollerConfig:\n  MinimumPollers: 2\n")
        << "ESM-GEN-018" << qf;
    row("ESM-GEN-018 Kafka maximum pollers above 2,000")
        << msk(KafkaTrigger + "ProvisionedPollerConfig:\n  MinimumPollers: 1\n  MaximumPollers: 2001\n")
        << msk(KafkaTrigger + "ProvisionedPollerConfig:\n  MinimumPollers: 1\n  MaximumPollers: 2000\n") << "ESM-GEN-018" << kf;
    row("ESM-GEN-018 minimum above maximum")
        << sqs("ProvisionedPollerConfig:\n  MinimumPollers: 50\n  MaximumPollers: 10\n")
        << sqs("ProvisionedPollerConfig:\n  MinimumPollers: 10\n  MaximumPollers: 50\n") << "ESM-GEN-018" << qf;

    // --- ESM-SQS ---------------------------------------------------------------------------
    row("ESM-SQS-001 FIFO batch 11")
        << fifo("BatchSize: 11\n") << fifo("BatchSize: 10\n") << "ESM-SQS-001" << qf;
    row("ESM-SQS-002 FIFO batching window")
        << fifo("MaximumBatchingWindowInSeconds: 5\n") << fifo("BatchSize: 10\n") << "ESM-SQS-002" << qf;
    // services-sqs-configure: VisibilityTimeout >= function Timeout (defaults 30 s and 3 s).
    row("ESM-SQS-003 default visibility, 60 s function")
        << sqs({}, "QueueName: orders\n", fn("Timeout: 60\n"))
        << sqs({}, "QueueName: orders\nVisibilityTimeout: 360\n", fn("Timeout: 60\n")) << "ESM-SQS-003" << qf;
    row("ESM-SQS-003 defaults are fine")
        << sqs({}, "VisibilityTimeout: 2\n", fn({})) << sqs({}, "QueueName: orders\n", fn({})) << "ESM-SQS-003" << qf;
    row("ESM-SQS-004 below 6 x timeout")
        << sqs({}, "VisibilityTimeout: 100\n", fn("Timeout: 20\n"))
        << sqs({}, "VisibilityTimeout: 120\n", fn("Timeout: 20\n")) << "ESM-SQS-004" << qf;
    row("ESM-SQS-004 plus batching window")
        << sqs("MaximumBatchingWindowInSeconds: 5\n", "VisibilityTimeout: 120\n", fn("Timeout: 20\n"))
        << sqs("MaximumBatchingWindowInSeconds: 5\n", "VisibilityTimeout: 125\n", fn("Timeout: 20\n")) << "ESM-SQS-004" << qf;
    row("ESM-SQS-005 no dead-letter queue")
        << project(comp("q", "sqs-queue", "VisibilityTimeout: 60\n") + comp("dlq", "sqs-queue") + Fn, conn("q", "f", "trigger"))
        << sqs({}) << "ESM-SQS-005" << "q";
    row("ESM-SQS-005 FIFO without dead-letter queue")
        << project(comp("q", "sqs-queue", "QueueName: orders.fifo\nFifoQueue: true\nVisibilityTimeout: 60\n") + Fn,
                   conn("q", "f", "trigger"))
        << fifo({}) << "ESM-SQS-005" << "q";
    row("ESM-SQS-005 maxReceiveCount 3")
        << project(comp("q", "sqs-queue", "VisibilityTimeout: 60\n") + comp("dlq", "sqs-queue") + Fn,
                   conn("q", "f", "trigger") + conn("q", "dlq", "dead-letter", "maxReceiveCount: 3\n"))
        << sqs({}) << "ESM-SQS-005" << "q->dlq";
    row("ESM-SQS-006 FIFO queue, standard dead-letter queue")
        << project(comp("q", "sqs-queue", "QueueName: orders.fifo\nFifoQueue: true\nVisibilityTimeout: 60\n")
                       + comp("dlq", "sqs-queue", "QueueName: orders-dlq\n") + Fn,
                   conn("q", "f", "trigger") + conn("q", "dlq", "dead-letter", "maxReceiveCount: 5\n"))
        << fifo({}) << "ESM-SQS-006" << "q->dlq";
    row("ESM-SQS-006 standard queue, FIFO dead-letter queue")
        << project(comp("q", "sqs-queue") + comp("dlq", "sqs-queue", "FifoQueue: true\n"),
                   conn("q", "dlq", "dead-letter"))
        << project(comp("q", "sqs-queue") + comp("dlq", "sqs-queue"), conn("q", "dlq", "dead-letter"))
        << "ESM-SQS-006" << "q->dlq";
    row("ESM-SQS-007 FIFO name without .fifo")
        << project(comp("q", "sqs-queue", "QueueName: orders\nFifoQueue: true\n"), {})
        << project(comp("q", "sqs-queue", "QueueName: orders.fifo\nFifoQueue: true\n"), {}) << "ESM-SQS-007" << "q";
    row("ESM-SQS-007 .fifo name on a standard queue")
        << project(comp("q", "sqs-queue", "QueueName: orders.fifo\n"), {})
        << project(comp("q", "sqs-queue", "QueueName: orders\n"), {}) << "ESM-SQS-007" << "q";
    row("ESM-SQS-007 deduplication on a standard queue")
        << project(comp("q", "sqs-queue", "ContentBasedDeduplication: true\n"), {})
        << project(comp("q", "sqs-queue", "ContentBasedDeduplication: true\nFifoQueue: true\n"), {}) << "ESM-SQS-007" << "q";
    row("ESM-SQS-007 name characters")
        << project(comp("q", "sqs-queue", "QueueName: orders queue\n"), {})
        << project(comp("q", "sqs-queue", "QueueName: orders_queue\n"), {}) << "ESM-SQS-007" << "q";
    row("ESM-SQS-007 name longer than 80")
        << project(comp("q", "sqs-queue", "QueueName: " + QByteArray(81, 'a') + "\n"), {})
        << project(comp("q", "sqs-queue", "QueueName: " + QByteArray(80, 'a') + "\n"), {}) << "ESM-SQS-007" << "q";
    row("ESM-SQS-008 reserved below MaximumConcurrency")
        << sqs("MaximumConcurrency: 10\n", "VisibilityTimeout: 60\n", fn("Timeout: 10\nReservedConcurrentExecutions: 5\n"))
        << sqs("MaximumConcurrency: 10\n", "VisibilityTimeout: 60\n", fn("Timeout: 10\nReservedConcurrentExecutions: 10\n"))
        << "ESM-SQS-008" << "f";
    row("ESM-SQS-009 FIFO with partial batch responses")
        << fifo("FunctionResponseTypes: [ReportBatchItemFailures]\n") << fifo("BatchSize: 1\n") << "ESM-SQS-009" << qf;
    row("ESM-SQS-009 customer managed key")
        << sqs({}, "VisibilityTimeout: 60\nKmsMasterKeyId: alias/orders-key\n")
        << sqs({}, "VisibilityTimeout: 60\nKmsMasterKeyId: alias/aws/sqs\n") << "ESM-SQS-009" << qf;

    // --- ESM-KIN / ESM-DDB -----------------------------------------------------------------
    row("ESM-KIN-001 21 enhanced fan-out consumers")
        << manyKinesisTriggers(21, 21) << manyKinesisTriggers(21, 20) << "ESM-KIN-001" << "s";
    row("ESM-KIN-002 six shared readers")
        << manyKinesisTriggers(6, 0) << manyKinesisTriggers(6, 1) << "ESM-KIN-002" << "s";
    row("ESM-KIN-003 shards x parallelization above reserved")
        << kinesis(Latest + "ParallelizationFactor: 2\n", "ShardCount: 4\n", fn("ReservedConcurrentExecutions: 5\n"))
        << kinesis(Latest + "ParallelizationFactor: 2\n", "ShardCount: 4\n", fn("ReservedConcurrentExecutions: 8\n"))
        << "ESM-KIN-003" << sf;
    row("ESM-DDB-001 table without stream")
        << dynamo("StartingPosition: LATEST\nOnFailure: fail\n", "PartitionKey: id:S\n")
        << dynamo("StartingPosition: LATEST\nOnFailure: fail\n", "PartitionKey: id:S\nStreamViewType: KEYS_ONLY\n")
        << "ESM-DDB-001" << tf;
    row("ESM-DDB-002 three readers")
        << manyTableTriggers(3) << manyTableTriggers(2) << "ESM-DDB-002" << "t";

    // --- ESM-KAF ---------------------------------------------------------------------------
    row("ESM-KAF-001 two topics")
        << msk("Topics: [payments, refunds]\nStartingPosition: LATEST\nOnFailure: fail\n") << msk(KafkaTrigger)
        << "ESM-KAF-001" << kf;
    row("ESM-KAF-001 no topic")
        << msk("Topics: []\nStartingPosition: LATEST\nOnFailure: fail\n") << msk(KafkaTrigger) << "ESM-KAF-001" << kf;
    row("ESM-KAF-001 invalid topic name")
        << msk("Topics: [pay ments]\nStartingPosition: LATEST\nOnFailure: fail\n")
        << msk("Topics: [pay.ments_v2-eu]\nStartingPosition: LATEST\nOnFailure: fail\n") << "ESM-KAF-001" << kf;
    row("ESM-KAF-002 shared consumer group")
        << project(comp("k", "msk-cluster") + comp("fail", "sqs-queue") + Fn + comp("g", "lambda-function"),
                   conn("k", "g", "trigger", KafkaTrigger + "ConsumerGroupId: payments\n")
                       + conn("k", "f", "trigger", KafkaTrigger + "ConsumerGroupId: payments\n"))
        << project(comp("k", "msk-cluster") + comp("fail", "sqs-queue") + Fn + comp("g", "lambda-function"),
                   conn("k", "g", "trigger", KafkaTrigger + "ConsumerGroupId: payments\n")
                       + conn("k", "f", "trigger", KafkaTrigger + "ConsumerGroupId: payments-audit\n"))
        << "ESM-KAF-002" << kf;
    row("ESM-KAF-002 empty group id")
        << msk(KafkaTrigger + "ConsumerGroupId: \"\"\n") << msk(KafkaTrigger + "ConsumerGroupId: payments\n")
        << "ESM-KAF-002" << kf;
    row("ESM-KAF-002 group id longer than 200")
        << msk(KafkaTrigger + "ConsumerGroupId: " + QByteArray(201, 'g') + "\n")
        << msk(KafkaTrigger + "ConsumerGroupId: " + QByteArray(200, 'g') + "\n") << "ESM-KAF-002" << kf;
    row("ESM-KAF-005 timeout 15 min")
        << msk(KafkaTrigger, fn("Timeout: 900\n")) << msk(KafkaTrigger, fn("Timeout: 840\n")) << "ESM-KAF-005" << kf;

    // --- FILTER ----------------------------------------------------------------------------
    row("FILTER-001 six patterns")
        << sqs(patterns(6)) << sqs(patterns(5)) << "FILTER-001" << qf;
    row("FILTER-001 eleven patterns")
        << sqs(patterns(11)) << sqs(patterns(1)) << "FILTER-001" << qf;
    row("FILTER-002 single value instead of a list")
        << dynamo(Latest + "FilterPatterns:\n  - eventName: INSERT\n")
        << dynamo(Latest + "FilterPatterns:\n  - eventName: [INSERT]\n") << "FILTER-002" << tf;
    row("FILTER-002 nested single value")
        << sqs("FilterPatterns:\n  - body:\n      status: SHIPPED\n      total:\n        - numeric: [\">\", 100]\n")
        << sqs("FilterPatterns:\n  - body:\n      status: [SHIPPED]\n      total:\n        - numeric: [\">\", 100]\n")
        << "FILTER-002" << qf;
    row("FILTER-002 empty list")
        << sqs("FilterPatterns:\n  - body:\n      status: []\n") << sqs("FilterPatterns:\n  - body:\n      status: [NEW]\n")
        << "FILTER-002" << qf;
    {
        QByteArray values;
        for (int i = 0; i < 600; ++i)
            values += (i ? ", " : "") + QByteArray("v") + QByteArray::number(1000 + i);
        QByteArray few;
        for (int i = 0; i < 300; ++i)
            few += (i ? ", " : "") + QByteArray("v") + QByteArray::number(1000 + i);
        // 600 x 8 characters ("v1000",) is over 4,096 characters of JSON; 300 x 8 is under.
        row("FILTER-002 longer than 4,096 characters")
            << sqs("FilterPatterns:\n  - body:\n      code: [" + values + "]\n")
            << sqs("FilterPatterns:\n  - body:\n      code: [" + few + "]\n") << "FILTER-002" << qf;
    }
    // with-sqs-filtering / with-kinesis-filtering / with-ddb-filtering / kafka-filtering.
    row("FILTER-003 SQS pattern on data")
        << sqs("FilterPatterns:\n  - data:\n      type: [order]\n") << sqs("FilterPatterns:\n  - body:\n      type: [order]\n")
        << "FILTER-003" << qf;
    row("FILTER-003 Kinesis pattern on body")
        << kinesis(Latest + "FilterPatterns:\n  - body:\n      type: [order]\n")
        << kinesis(Latest + "FilterPatterns:\n  - data:\n      type: [order]\n") << "FILTER-003" << sf;
    row("FILTER-003 Kinesis pattern inside kinesis")
        << kinesis(Latest + "FilterPatterns:\n  - kinesis:\n      partitionKey: [\"1\"]\n")
        << kinesis(Latest + "FilterPatterns:\n  - partitionKey: [\"1\"]\n") << "FILTER-003" << sf;
    row("FILTER-003 DynamoDB image outside dynamodb")
        << dynamo(Latest + "FilterPatterns:\n  - NewImage:\n      status:\n        S: [SHIPPED]\n")
        << dynamo(Latest + "FilterPatterns:\n  - dynamodb:\n      NewImage:\n        status:\n          S: [SHIPPED]\n")
        << "FILTER-003" << tf;
    row("FILTER-003 NewImage on a KEYS_ONLY stream")
        << dynamo(Latest + "FilterPatterns:\n  - dynamodb:\n      NewImage:\n        status:\n          S: [SHIPPED]\n",
                  "PartitionKey: id:S\nStreamViewType: KEYS_ONLY\n")
        << dynamo(Latest + "FilterPatterns:\n  - dynamodb:\n      NewImage:\n        status:\n          S: [SHIPPED]\n",
                  "PartitionKey: id:S\nStreamViewType: NEW_IMAGE\n")
        << "FILTER-003" << tf;
    row("FILTER-003 Kafka pattern on body")
        << msk(KafkaTrigger + "FilterPatterns:\n  - body:\n      type: [order]\n")
        << msk(KafkaTrigger + "FilterPatterns:\n  - value:\n      type: [order]\n") << "FILTER-003" << kf;
    row("FILTER-004 any SQS filter")
        << sqs("FilterPatterns:\n  - body:\n      type: [order]\n") << sqs("BatchSize: 10\n") << "FILTER-004" << qf;
}

/// Applying a row's quick fix must not create an error that was not there before: a fix that
/// trades one rejected deployment for another would be worse than none.
void tst_esmrules::fixIntroducesNoError()
{
    QFETCH(QByteArray, bad);
    QFETCH(QString, rule);
    using ew::core::Diagnostic;
    auto key = [](const Diagnostic &d) {
        return d.rule + u' ' + (d.connection ? d.connection->from + QStringLiteral("->") + d.connection->to : d.component);
    };
    const QList<Diagnostic> before = ruletest::validate(bad);
    QSet<QString> known;
    for (const Diagnostic &d : before)
        known.insert(key(d));
    for (const Diagnostic &d : before) {
        if (d.rule != rule || !d.quickFix)
            continue;
        ew::core::ProjectLoadResult r = ew::core::ProjectSerializer::load(bad);
        QVERIFY(ew::core::applyQuickFix(*r.data, *d.quickFix));
        for (const Diagnostic &a : ew::core::Validator::validate(*r.data, ew::core::Catalog::builtin())) {
            QVERIFY2(a.severity != ew::core::Severity::Error || known.contains(key(a)),
                     qPrintable(QStringLiteral("'%1' introduced %2: %3").arg(d.quickFix->text, a.rule, a.message)));
        }
    }
}

void tst_esmrules::rulesAreRegistered()
{
    const QStringList ids = {
        "ESM-GEN-001", "ESM-GEN-002", "ESM-GEN-003", "ESM-GEN-004", "ESM-GEN-005", "ESM-GEN-006",
        "ESM-GEN-007", "ESM-GEN-008", "ESM-GEN-009", "ESM-GEN-010", "ESM-GEN-011", "ESM-GEN-012",
        "ESM-GEN-013", "ESM-GEN-014", "ESM-GEN-015", "ESM-GEN-016", "ESM-GEN-017", "ESM-GEN-018",
        "ESM-SQS-001", "ESM-SQS-002", "ESM-SQS-003", "ESM-SQS-004", "ESM-SQS-005", "ESM-SQS-006",
        "ESM-SQS-007", "ESM-SQS-008", "ESM-SQS-009", "ESM-KIN-001", "ESM-KIN-002", "ESM-KIN-003",
        "ESM-DDB-001", "ESM-DDB-002", "ESM-KAF-001", "ESM-KAF-002", "ESM-KAF-005", "FILTER-001",
        "FILTER-002", "FILTER-003", "FILTER-004"};
    QStringList registered;
    for (const ew::core::RuleInfo &r : ew::core::Validator::rules()) {
        if (r.id.startsWith(QStringLiteral("ESM-")) || r.id.startsWith(QStringLiteral("FILTER-"))) {
            registered << r.id;
            QVERIFY2(r.url.startsWith(QStringLiteral("https://docs.aws.amazon.com/")), qPrintable(r.id));
        }
    }
    QCOMPARE(registered, ids);

    // Every rule has at least one row (rule_data() has run for rule() by now).
    if (coveredRules().isEmpty())
        QSKIP("run together with rule()");
    for (const QString &id : ids)
        QVERIFY2(coveredRules().contains(id), qPrintable(id + QStringLiteral(" has no test row")));
}

void tst_esmrules::quickFixesAddUniqueIds()
{
    // 'q-dlq' is taken, so the dead-letter queue the fix adds gets another id.
    const QByteArray text = project(comp("q", "sqs-queue", "VisibilityTimeout: 60\n") + comp("q-dlq", "sqs-queue") + Fn,
                                    conn("q", "f", "trigger"));
    const QList<ew::core::Diagnostic> ds = ruletest::validate(text);
    const ew::core::Diagnostic *d = ruletest::find(ds, QStringLiteral("ESM-SQS-005"));
    QVERIFY(d && d->quickFix);
    QCOMPARE(d->quickFix->edits.front().componentId, QStringLiteral("q-dlq-2"));
    QVERIFY(d->quickFix->safe);
}

void tst_esmrules::examplesStayFreeOfEsmErrors()
{
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    for (const QString &f : dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(f));
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const ew::core::Diagnostic &d : ruletest::validate(file.readAll())) {
            const bool mine = d.rule.startsWith(QStringLiteral("ESM-")) || d.rule.startsWith(QStringLiteral("FILTER-"));
            QVERIFY2(!mine || d.severity != ew::core::Severity::Error,
                     qPrintable(f + QStringLiteral(": ") + d.rule + QLatin1Char(' ') + d.message));
        }
    }
}

QTEST_GUILESS_MAIN(tst_esmrules)
#include "tst_esmrules.moc"

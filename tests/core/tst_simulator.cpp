// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT

// The simulator against AWS's documented behaviour. Where AWS is exact the counts are exact;
// each test names the documentation it follows (SIMULATOR.md §5 has the sources).

#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/simulation/awsnumbers.h>
#include <core/simulation/eventmatch.h>
#include <core/simulation/simulator.h>

#include <QtTest>

using namespace ew::core;
using namespace ew::core::sim;

namespace {

DiagramData project(const QByteArray &yaml)
{
    const ProjectLoadResult r = ProjectSerializer::load("eventwright: 1\n" + yaml);
    if (!r.ok())
        qFatal("test project does not load: %s", qPrintable(r.error.format(QStringLiteral("<test>"))));
    return *r.data;
}

Result run(const DiagramData &data, Options options = {})
{
    QString error;
    const std::optional<Workload> w = workloadOf(data, &error);
    if (!w)
        qFatal("workload: %s", qPrintable(error));
    options.keepEntries = true;
    options.trace = true;
    return simulate(data, Catalog::builtin(), *w, options);
}

qint64 fate(const Result &r, Fate f) { return r.fates[size_t(f)]; }

const ComponentStats &statsOf(const DiagramData &d, const Result &r, const QString &id)
{
    for (size_t i = 0; i < d.components.size(); ++i)
        if (d.components[i].id == id)
            return r.components[i];
    qFatal("no component %s", qPrintable(id));
}

int indexOf(const DiagramData &d, const QString &id)
{
    for (size_t i = 0; i < d.components.size(); ++i)
        if (d.components[i].id == id)
            return int(i);
    return -1;
}

/// Times of the steps with this action at this component.
QList<double> times(const DiagramData &d, const Result &r, Action a, const QString &id)
{
    QList<double> out;
    const int c = indexOf(d, id);
    for (const TraceStep &s : r.trace)
        if (s.action == a && s.component == c)
            out << s.time;
    return out;
}

const QByteArray AsyncFailing = R"(components:
  - id: uploads
    kind: s3-bucket
  - id: worker
    kind: lambda-function
    properties:
      Timeout: 10
      MaximumRetryAttempts: 2
  - id: failures
    kind: sqs-queue
connections:
  - from: uploads
    to: worker
    role: trigger
  - from: worker
    to: failures
    role: on-failure
simulation:
  sources:
    uploads:
      count: 1
  functions:
    worker:
      error-rate: 1
)";

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
private slots:
    void asyncRetriesTwiceThenOnFailure();
    void asyncRetryAttemptsZero();
    void asyncWithoutDestinationIsLost();
    void asyncMaximumEventAge();
    void asyncReservedZeroGoesStraightToFailure();
    void sqsMaxReceiveCountThenDlq();
    void sqsPartialBatchResponse();
    void sqsWholeBatchFailsWithoutPartialResponse();
    void sqsVisibilityShorterThanRunTimeDuplicates();
    void fifoGroupBlocksBehindFailure();
    void streamPoisonBlocksShard();
    void streamBisectAndBoundedRetries();
    void syncIntegrationTimeout();
    void syncThrottledByReservedConcurrency();
    void snsFanOutMakesOneEntryPerSubscription();
    void recursiveLoopStopsAfterSixteen();
    void emitsAlongWriteEdges();
    void eventBridgeUnavailableUsesTargetDlq();
    void workloadErrorsNameTheKey();
    void workloadRoundTrip();
    void conservationAndDeterminismOnRandomDesigns();
    void jsonHasTheContractKeys();
    void numbersHaveSources();
    void filterPoliciesAndEventPatterns();
    void eventMatcher_data();
    void eventMatcher();
};

// Lambda async: "retries twice, ~1 min then ~2 min" then the on-failure destination
// (invocation-async-error-handling).
void TestSimulator::asyncRetriesTwiceThenOnFailure()
{
    const DiagramData d = project(AsyncFailing);
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(r.injected, 1);
    QCOMPARE(statsOf(d, r, "worker").invocations, 3);
    QCOMPARE(statsOf(d, r, "worker").errors, 3);
    QCOMPARE(fate(r, Fate::ToOnFailure), 1);
    QCOMPARE(fate(r, Fate::Succeeded), 0);
    QCOMPARE(statsOf(d, r, "failures").received, 1);   // the record reached the queue
    const QList<double> start = times(d, r, Action::Invoke, "worker");
    const QList<double> end = times(d, r, Action::Fail, "worker");
    QCOMPARE(start.size(), 3);
    QCOMPARE(end.size(), 3);
    // Each retry waits from the end of the failed attempt: 1 minute, then 2 minutes.
    QVERIFY(qAbs(start[1] - end[0] - 60) < 1e-6);
    QVERIFY(qAbs(start[2] - end[1] - 120) < 1e-6);
    QCOMPARE(r.entries.front().fate, Fate::ToOnFailure);
}

void TestSimulator::asyncRetryAttemptsZero()
{
    const DiagramData d = project(QByteArray(AsyncFailing).replace("MaximumRetryAttempts: 2", "MaximumRetryAttempts: 0"));
    const Result r = run(d);
    QCOMPARE(statsOf(d, r, "worker").invocations, 1);
    QCOMPARE(fate(r, Fate::ToOnFailure), 1);
}

void TestSimulator::asyncWithoutDestinationIsLost()
{
    QByteArray yaml = AsyncFailing;
    yaml.replace("  - from: worker\n    to: failures\n    role: on-failure\n", "");
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QCOMPARE(statsOf(d, r, "worker").invocations, 3);
    QCOMPARE(fate(r, Fate::Discarded), 1);
    QCOMPARE(statsOf(d, r, "worker").asyncDropped, 1);

    // A function DLQ instead: dead-lettered.
    yaml = AsyncFailing;
    yaml.replace("role: on-failure", "role: dead-letter");
    const DiagramData d2 = project(yaml);
    const Result r2 = run(d2);
    QCOMPARE(fate(r2, Fate::DeadLettered), 1);
    QCOMPARE(statsOf(d2, r2, "failures").received, 1);
}

// MaximumEventAgeInSeconds 60: the first retry (after ~1 min) would be older than 60 s, so
// the event goes to the destination after one attempt.
void TestSimulator::asyncMaximumEventAge()
{
    QByteArray yaml = AsyncFailing;
    yaml.replace("      MaximumRetryAttempts: 2\n", "      MaximumRetryAttempts: 2\n      MaximumEventAgeInSeconds: 60\n");
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QCOMPARE(statsOf(d, r, "worker").invocations, 1);
    QCOMPARE(fate(r, Fate::ToOnFailure), 1);
}

// Reserved concurrency 0: async events go straight to the DLQ / on-failure destination
// (aws-semantics.md, CONC-004).
void TestSimulator::asyncReservedZeroGoesStraightToFailure()
{
    QByteArray yaml = AsyncFailing;
    yaml.replace("      Timeout: 10\n", "      Timeout: 10\n      ReservedConcurrentExecutions: 0\n");
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QCOMPARE(statsOf(d, r, "worker").invocations, 0);
    QVERIFY(statsOf(d, r, "worker").throttles >= 1);
    QCOMPARE(fate(r, Fate::ToOnFailure), 1);
}

const QByteArray SqsDesign = R"(components:
  - id: jobs
    kind: sqs-queue
    properties:
      VisibilityTimeout: 30
  - id: jobs-dlq
    kind: sqs-queue
  - id: worker
    kind: lambda-function
    properties:
      Timeout: 5
connections:
  - from: jobs
    to: worker
    role: trigger
    properties:
      BatchSize: 1
  - from: jobs
    to: jobs-dlq
    role: dead-letter
    properties:
      maxReceiveCount: 3
simulation:
  sources:
    jobs:
      count: 1
  functions:
    worker:
      error-rate: 1
)";

// maxReceiveCount 3: received exactly 3 times, then moved to the DLQ (SQS redrive policy).
void TestSimulator::sqsMaxReceiveCountThenDlq()
{
    const DiagramData d = project(SqsDesign);
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(statsOf(d, r, "worker").invocations, 3);
    QCOMPARE(fate(r, Fate::DeadLettered), 1);
    QCOMPARE(statsOf(d, r, "jobs-dlq").received, 1);
    QCOMPARE(statsOf(d, r, "jobs-dlq").depthAtEnd, 1);
    QCOMPARE(r.entries.front().receives, 3);
    // Each receive starts a visibility timeout of 30 s: receives at 0, 30, 60.
    const QList<double> t = times(d, r, Action::Receive, "jobs");
    QCOMPARE(t.size(), 3);
    QVERIFY(qAbs(t[1] - 30) < 1e-6 && qAbs(t[2] - 60) < 1e-6);
}

const QByteArray BatchDesign = R"(components:
  - id: payments
    kind: sqs-queue
    properties:
      VisibilityTimeout: 60
  - id: payments-dlq
    kind: sqs-queue
  - id: process-payment
    kind: lambda-function
    properties:
      Timeout: 10
connections:
  - from: payments
    to: process-payment
    role: trigger
    properties:
      BatchSize: 10
      FunctionResponseTypes: [ReportBatchItemFailures]
  - from: payments
    to: payments-dlq
    role: dead-letter
    properties:
      maxReceiveCount: 3
simulation:
  sources:
    payments:
      count: 10
  functions:
    process-payment:
      poison-every: 10
)";

// TRAINING S07 / SIMULATOR.md §6: one malformed payment in a batch of 10 with partial batch
// responses: 9 processed once, 1 in the DLQ after maxReceiveCount, 0 duplicates.
void TestSimulator::sqsPartialBatchResponse()
{
    const DiagramData d = project(BatchDesign);
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(r.injected, 10);
    QCOMPARE(fate(r, Fate::Succeeded), 9);
    QCOMPARE(fate(r, Fate::DeadLettered), 1);
    QCOMPARE(statsOf(d, r, "process-payment").duplicates, 0);
    QCOMPARE(statsOf(d, r, "process-payment").invocations, 3);   // the batch, then the poison twice
    QCOMPARE(statsOf(d, r, "process-payment").errors, 0);        // a partial response is no error
}

void TestSimulator::sqsWholeBatchFailsWithoutPartialResponse()
{
    QByteArray yaml = BatchDesign;
    yaml.replace("      FunctionResponseTypes: [ReportBatchItemFailures]\n", "");
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QCOMPARE(fate(r, Fate::Succeeded), 0);
    QCOMPARE(fate(r, Fate::DeadLettered), 10);
    QCOMPARE(statsOf(d, r, "process-payment").invocations, 3);
    QCOMPARE(statsOf(d, r, "process-payment").errors, 3);
}

// A visibility timeout shorter than the run time: the message becomes visible while the first
// invocation still runs, is received again and processed twice (services-sqs-configure).
void TestSimulator::sqsVisibilityShorterThanRunTimeDuplicates()
{
    const DiagramData d = project(R"(components:
  - id: jobs
    kind: sqs-queue
    properties:
      VisibilityTimeout: 30
  - id: worker
    kind: lambda-function
    properties:
      Timeout: 60
connections:
  - from: jobs
    to: worker
    role: trigger
    properties:
      BatchSize: 1
simulation:
  sources:
    jobs:
      count: 1
  functions:
    worker:
      duration-ms: 40000
)");
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(statsOf(d, r, "worker").invocations, 2);
    QCOMPARE(statsOf(d, r, "worker").duplicates, 1);
    QCOMPARE(fate(r, Fate::Succeeded), 1);
    QCOMPARE(statsOf(d, r, "worker").maxConcurrency, 2);
}

// FIFO: a failed message blocks the later messages of its group until it leaves (here to the
// DLQ); order within the group is kept (services-sqs-scaling, with-sqs FIFO).
void TestSimulator::fifoGroupBlocksBehindFailure()
{
    const DiagramData d = project(R"(components:
  - id: orders
    kind: sqs-queue
    properties:
      QueueName: orders.fifo
      FifoQueue: true
      VisibilityTimeout: 30
  - id: orders-dlq
    kind: sqs-queue
    properties:
      QueueName: orders-dlq.fifo
      FifoQueue: true
  - id: apply
    kind: lambda-function
    properties:
      Timeout: 5
connections:
  - from: orders
    to: apply
    role: trigger
    properties:
      BatchSize: 1
  - from: orders
    to: orders-dlq
    role: dead-letter
    properties:
      maxReceiveCount: 2
simulation:
  sources:
    orders:
      count: 5
      keys: 1
  functions:
    apply:
      poison-every: 2
)");
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(fate(r, Fate::Succeeded), 3);
    QCOMPARE(fate(r, Fate::DeadLettered), 2);
    // Entries 1..5 are the messages in order; 2 and 4 are poison.
    QCOMPARE(r.entries[1].fate, Fate::DeadLettered);
    QCOMPARE(r.entries[3].fate, Fate::DeadLettered);
    // Message 3 succeeds only after message 2 left for the DLQ, message 5 after message 4.
    QVERIFY(r.entries[2].finished >= r.entries[1].finished);
    QVERIFY(r.entries[4].finished >= r.entries[3].finished);
    QVERIFY(r.entries[2].finished >= 60);   // two receives 30 s apart before the move

    // Batches of 10 with partial batch responses: the function reports what follows a failed
    // message in its group as failed too, so nothing is processed twice.
    DiagramData batched = d;
    for (Connection &c : batched.connections)
        if (c.role == u"trigger") {
            c.properties.set(QStringLiteral("BatchSize"), Value::integer(10));
            c.properties.set(QStringLiteral("FunctionResponseTypes"),
                             Value::list({Value::scalar(QStringLiteral("ReportBatchItemFailures"))}));
        }
    const Result rb = run(batched);
    QVERIFY(rb.conserved);
    QCOMPARE(statsOf(batched, rb, "apply").duplicates, 0);
    QCOMPARE(rb.entries[0].fate, Fate::Succeeded);
    QCOMPARE(rb.entries[1].fate, Fate::DeadLettered);
}

const QByteArray StreamDesign = R"(components:
  - id: clicks
    kind: kinesis-stream
    properties:
      ShardCount: 1
  - id: aggregate
    kind: lambda-function
    properties:
      Timeout: 10
  - id: failures
    kind: sqs-queue
connections:
  - from: clicks
    to: aggregate
    role: trigger
    properties:
      StartingPosition: LATEST
      BatchSize: 100
simulation:
  sources:
    clicks:
      count: 100
  functions:
    aggregate:
      poison-every: 50
)";

// A poison record with the default infinite retries blocks its shard: nothing behind it is
// processed and the iterator age grows with time (with-kinesis, error handling).
void TestSimulator::streamPoisonBlocksShard()
{
    const DiagramData d = project(StreamDesign);
    for (double duration : {600.0, 1200.0}) {
        QString error;
        Workload w = *workloadOf(d, &error);
        w.duration = duration;
        const Result r = simulate(d, Catalog::builtin(), w, {});
        QVERIFY(r.conserved);
        QCOMPARE(fate(r, Fate::Succeeded), 0);
        QCOMPARE(fate(r, Fate::InFlight), 100);
        QVERIFY2(statsOf(d, r, "clicks").maxIteratorAge >= duration - 10,
                 qPrintable(QString::number(statsOf(d, r, "clicks").maxIteratorAge)));
        QVERIFY(statsOf(d, r, "aggregate").invocations > 100);   // retried again and again
    }
}

// BisectBatchOnFunctionError + MaximumRetryAttempts 2 + OnFailure: the good records are
// processed, the two poison records go to the on-failure destination.
void TestSimulator::streamBisectAndBoundedRetries()
{
    QByteArray yaml = StreamDesign;
    yaml.replace("      BatchSize: 100\n", "      BatchSize: 100\n      BisectBatchOnFunctionError: true\n"
                                            "      MaximumRetryAttempts: 2\n      OnFailure: failures\n");
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(fate(r, Fate::Succeeded), 98);
    QCOMPARE(fate(r, Fate::ToOnFailure), 2);
    QCOMPARE(statsOf(d, r, "failures").received, 2);
    QCOMPARE(r.entries[49].fate, Fate::ToOnFailure);
    QCOMPARE(r.entries[99].fate, Fate::ToOnFailure);

    // A partial batch response checkpoints at the failed record: no bisect needed.
    yaml = StreamDesign;
    yaml.replace("      BatchSize: 100\n", "      BatchSize: 100\n      FunctionResponseTypes: [ReportBatchItemFailures]\n"
                                            "      MaximumRetryAttempts: 1\n");
    const DiagramData d2 = project(yaml);
    const Result r2 = run(d2);
    // The 49 records before the poison one succeed once and are not processed again.
    QCOMPARE(fate(r2, Fate::Succeeded), 49);
    for (int i = 0; i < 49; ++i)
        QCOMPARE(r2.entries[size_t(i)].fate, Fate::Succeeded);
    QVERIFY(r2.entries[49].fate != Fate::Succeeded);
    QCOMPARE(statsOf(d2, r2, "aggregate").duplicates, 0);
    QCOMPARE(fate(r2, Fate::InFlight), 0);   // retries exhausted: the rest is discarded

    // Without it the whole batch is retried and nothing succeeds.
    yaml.replace("      FunctionResponseTypes: [ReportBatchItemFailures]\n", "");
    const DiagramData d3 = project(yaml);
    const Result r3 = run(d3);
    QCOMPARE(fate(r3, Fate::Succeeded), 0);
    QCOMPARE(statsOf(d3, r3, "aggregate").invocations, 2);   // the try and one retry
}

// REST API integration timeout 29 s: the caller gets 504 while the function runs on.
void TestSimulator::syncIntegrationTimeout()
{
    const DiagramData d = project(R"(components:
  - id: api
    kind: apigateway-rest
  - id: slow
    kind: lambda-function
    properties:
      Timeout: 60
connections:
  - from: api
    to: slow
    role: trigger
    properties:
      Method: GET
      Path: /report
simulation:
  sources:
    api:
      count: 1
  functions:
    slow:
      duration-ms: 35000
)");
    const Result r = run(d);
    QCOMPARE(fate(r, Fate::Rejected), 1);
    QCOMPARE(statsOf(d, r, "slow").invocations, 1);
    QCOMPARE(statsOf(d, r, "slow").errors, 0);
    QVERIFY(qAbs(r.entries.front().finished - 29.0) < 1e-6);
}

// Reserved concurrency 1, five requests at once: one runs, four get 429 (no retry for sync).
void TestSimulator::syncThrottledByReservedConcurrency()
{
    const DiagramData d = project(R"(components:
  - id: api
    kind: apigateway-http
  - id: fn
    kind: lambda-function
    properties:
      ReservedConcurrentExecutions: 1
connections:
  - from: api
    to: fn
    role: trigger
simulation:
  sources:
    api:
      count: 5
  functions:
    fn:
      duration-ms: 1000
)");
    const Result r = run(d);
    QCOMPARE(fate(r, Fate::Succeeded), 1);
    QCOMPARE(fate(r, Fate::Rejected), 4);
    QCOMPARE(statsOf(d, r, "fn").throttles, 4);
    QCOMPARE(statsOf(d, r, "fn").maxConcurrency, 1);
}

void TestSimulator::snsFanOutMakesOneEntryPerSubscription()
{
    const DiagramData d = project(R"(components:
  - id: topic
    kind: sns-topic
  - id: a
    kind: lambda-function
  - id: b
    kind: lambda-function
  - id: c
    kind: lambda-function
connections:
  - {from: topic, to: a, role: trigger}
  - {from: topic, to: b, role: trigger}
  - {from: topic, to: c, role: trigger}
simulation:
  sources:
    topic:
      count: 4
)");
    const Result r = run(d);
    QCOMPARE(r.injected, 12);
    QCOMPARE(fate(r, Fate::Succeeded), 12);
    QCOMPARE(statsOf(d, r, "b").invocations, 4);
}

// A function that writes to the queue that triggers it: with RecursiveLoop Terminate (the
// default) Lambda stops the chain after about 16 invocations (invocation-recursion).
void TestSimulator::recursiveLoopStopsAfterSixteen()
{
    const QByteArray yaml = R"(components:
  - id: q
    kind: sqs-queue
  - id: f
    kind: lambda-function
connections:
  - {from: q, to: f, role: trigger}
  - {from: f, to: q, role: access, properties: {Access: write}}
simulation:
  duration: 120
  sources:
    q:
      count: 1
)";
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(statsOf(d, r, "f").invocations, qint64(awsNumber("lambda.recursion-limit")));
    QCOMPARE(fate(r, Fate::Discarded), 1);   // no DLQ: the stopped message is dropped

    const DiagramData allow = project(QByteArray(yaml).replace("    kind: lambda-function\n",
                                                              "    kind: lambda-function\n    properties:\n      RecursiveLoop: Allow\n"));
    const Result r2 = run(allow);
    QVERIFY(statsOf(allow, r2, "f").invocations > 100);
}

void TestSimulator::emitsAlongWriteEdges()
{
    const QByteArray yaml = R"(components:
  - id: api
    kind: apigateway-http
  - id: ingest
    kind: lambda-function
  - id: orders
    kind: sqs-queue
  - id: process
    kind: lambda-function
  - id: table
    kind: dynamodb-table
connections:
  - {from: api, to: ingest, role: trigger}
  - {from: ingest, to: orders, role: access, properties: {Access: write}}
  - {from: ingest, to: table, role: access, properties: {Access: read}}
  - {from: orders, to: process, role: trigger, properties: {BatchSize: 10, MaximumBatchingWindowInSeconds: 5}}
simulation:
  sources:
    api:
      rate: 10
      stop: 10
)";
    const DiagramData d = project(yaml);
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(statsOf(d, r, "ingest").invocations, 100);
    QCOMPARE(statsOf(d, r, "orders").received, 100);
    QCOMPARE(r.injected, 200);
    QCOMPARE(fate(r, Fate::Succeeded), 200);
    // A 5 s window at 10 messages per second fills batches of 10 before it closes.
    QVERIFY2(statsOf(d, r, "process").invocations <= 11,
             qPrintable(QString::number(statsOf(d, r, "process").invocations)));

    const DiagramData quiet = project(QByteArray(yaml).append("  functions:\n    ingest:\n      emits: false\n"));
    const Result r2 = run(quiet);
    QCOMPARE(statsOf(quiet, r2, "orders").received, 0);
}

// The Invoke API unavailable: EventBridge retries by the target's retry policy, then the
// target DLQ (eb-rule-dlq).
void TestSimulator::eventBridgeUnavailableUsesTargetDlq()
{
    const DiagramData d = project(R"(components:
  - id: rule
    kind: eventbridge-rule
    properties:
      EventPattern: {source: [app]}
  - id: fn
    kind: lambda-function
  - id: rule-dlq
    kind: sqs-queue
connections:
  - from: rule
    to: fn
    role: trigger
    properties:
      RetryPolicyMaximumRetryAttempts: 3
      DeadLetterQueue: rule-dlq
simulation:
  sources:
    rule:
      count: 1
  functions:
    fn:
      unavailable: {start: 0, stop: 600}
)");
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(statsOf(d, r, "fn").invocations, 0);
    QCOMPARE(fate(r, Fate::DeadLettered), 1);
    QCOMPARE(statsOf(d, r, "rule-dlq").received, 1);
    QCOMPARE(r.entries.front().receives, 4);   // the first try and 3 retries
}

void TestSimulator::workloadErrorsNameTheKey()
{
    const struct { QByteArray yaml; QString expect; } rows[] = {
        {"simulation:\n  durration: 5\n", "unknown key 'durration'"},
        {"simulation:\n  sources:\n    q:\n      rate: fast\n", "source 'q' 'rate' must be a number"},
        {"simulation:\n  functions:\n    f:\n      error-rate: 2\n", "'error-rate' must be between 0 and 1"},
        {"simulation:\n  functions:\n    f:\n      outage: {start: 10}\n", "needs 'stop'"},
        {"simulation: [1, 2]\n", "must be a map"},
    };
    for (const auto &row : rows) {
        const ProjectLoadResult loaded = ProjectSerializer::load("eventwright: 1\n" + row.yaml);
        QVERIFY(loaded.ok());
        QString error;
        QVERIFY(!workloadOf(*loaded.data, &error));
        QVERIFY2(error.contains(row.expect), qPrintable(error));
    }
}

void TestSimulator::workloadRoundTrip()
{
    const DiagramData d = project(AsyncFailing);
    QString error;
    const Workload w = *workloadOf(d, &error);
    QCOMPARE(w.sources.size(), size_t(1));
    QCOMPARE(*w.sources.front().count, 1);
    const Value v = workloadToValue(w);
    const Workload back = *workloadFromValue(v, &error);
    QVERIFY(back == w);
    QVERIFY(workloadOf(project("components: []\n"), &error)->defaulted);
}

// Random designs from the catalog's allowed connections and random workloads: the ledger adds
// up, every entry ends exactly once, and the same seed gives the same bytes.
void TestSimulator::conservationAndDeterminismOnRandomDesigns()
{
    const Catalog &catalog = Catalog::builtin();
    QRandomGenerator rng(20261204);
    const std::vector<KindSpec> &kinds = catalog.kinds();
    for (int round = 0; round < 150; ++round) {
        DiagramData d;
        const int n = 3 + rng.bounded(8);
        for (int i = 0; i < n; ++i) {
            Component c;
            c.id = QStringLiteral("c%1").arg(i);
            c.kind = i % 3 == 0 ? QStringLiteral("lambda-function") : kinds[size_t(rng.bounded(int(kinds.size())))].id;
            if (c.kind == u"sqs-queue" && rng.bounded(3) == 0)
                c.properties.set(QStringLiteral("FifoQueue"), Value::boolean(true));
            if (c.kind == u"lambda-function" && rng.bounded(4) == 0)
                c.properties.set(QStringLiteral("ReservedConcurrentExecutions"), Value::integer(rng.bounded(3)));
            if (c.kind == u"lambda-function" && rng.bounded(4) == 0)
                c.properties.set(QStringLiteral("RecursiveLoop"), Value::scalar(QStringLiteral("Allow")));
            d.components.push_back(c);
        }
        for (int k = 0; k < n * 2; ++k) {
            const Component &from = d.components[size_t(rng.bounded(n))];
            const Component &to = d.components[size_t(rng.bounded(n))];
            const KindSpec *ks = catalog.kind(from.kind);
            if (!ks || ks->connections.empty())
                continue;
            const RoleSpec &role = ks->connections[size_t(rng.bounded(int(ks->connections.size())))];
            if (!role.to.contains(to.kind) || from.id == to.id)
                continue;
            Connection c;
            c.id = quint64(k + 1);
            c.from = from.id;
            c.to = to.id;
            c.role = role.role;
            if (role.property(QStringLiteral("BatchSize")))
                c.properties.set(QStringLiteral("BatchSize"), Value::integer(1 + rng.bounded(20)));
            if (role.property(QStringLiteral("FunctionResponseTypes")) && rng.bounded(2))
                c.properties.set(QStringLiteral("FunctionResponseTypes"),
                                 Value::list({Value::scalar(QStringLiteral("ReportBatchItemFailures"))}));
            if (role.property(QStringLiteral("BisectBatchOnFunctionError")) && rng.bounded(2))
                c.properties.set(QStringLiteral("BisectBatchOnFunctionError"), Value::boolean(true));
            if (role.property(QStringLiteral("MaximumRetryAttempts")) && rng.bounded(2))
                c.properties.set(QStringLiteral("MaximumRetryAttempts"), Value::integer(rng.bounded(3)));
            d.connections.push_back(c);
        }
        Workload w;
        w.duration = 60 + rng.bounded(600);
        w.seed = rng.generate();
        for (const Component &c : d.components) {
            if (c.kind == u"lambda-function") {
                FunctionBehaviour f;
                f.component = c.id;
                f.durationMs = 10 + rng.bounded(5000);
                f.errorRate = rng.bounded(4) == 0 ? rng.generateDouble() : 0;
                f.poisonEvery = rng.bounded(3) == 0 ? 1 + rng.bounded(7) : 0;
                if (rng.bounded(5) == 0)
                    f.throttle = Window{10, 40};
                if (rng.bounded(6) == 0)
                    f.unavailable = Window{0, 30};
                w.functions.push_back(f);
            } else if (rng.bounded(2)) {
                SourceLoad s;
                s.component = c.id;
                if (rng.bounded(2))
                    s.count = rng.bounded(50);
                else
                    s.rate = rng.bounded(20), s.poisson = rng.bounded(2), s.stop = rng.bounded(100);
                s.duplicateRate = rng.bounded(3) == 0 ? 0.2 : 0;
                s.keys = 1 + rng.bounded(4);
                w.sources.push_back(s);
            }
        }
        Options o;
        o.keepEntries = true;
        const Result a = simulate(d, catalog, w, o);
        const Result b = simulate(d, catalog, w, o);
        const QByteArray ja = toJson(d, a);
        QVERIFY2(a.conserved, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(QString::fromUtf8(ja))));
        QCOMPARE(ja, toJson(d, b));
        qint64 sum = 0, open = 0;
        for (qint64 f : a.fates)
            sum += f;
        QCOMPARE(sum, a.injected);
        for (const EntryRecord &e : a.entries)
            open += e.finished < 0 ? 1 : 0;
        QCOMPARE(open, a.fates[size_t(Fate::InFlight)]);
        QCOMPARE(qint64(a.entries.size()), a.injected);
    }
}

void TestSimulator::jsonHasTheContractKeys()
{
    const DiagramData d = project(BatchDesign);
    const Result r = run(d);
    const QJsonDocument doc = QJsonDocument::fromJson(toJson(d, r));
    QVERIFY(doc.isObject());
    const QJsonObject o = doc.object();
    QCOMPARE(o.value("duration_s").toDouble(), 600.0);
    QCOMPARE(o.value("seed").toInteger(), 1);
    const QJsonObject events = o.value("events").toObject();
    for (const char *k : {"injected", "succeeded", "to_on_failure", "dead_lettered", "discarded", "rejected", "in_flight"})
        QVERIFY2(events.contains(k), k);
    QCOMPARE(events.value("succeeded").toInteger(), 9);
    const QJsonObject fn = o.value("components").toObject().value("process-payment").toObject();
    for (const char *k : {"invocations", "errors", "throttles", "timeouts", "max_concurrency", "duplicates"})
        QVERIFY2(fn.contains(k), k);
    const QJsonObject q = o.value("components").toObject().value("payments").toObject();
    QVERIFY(q.contains("max_queue_depth") && q.contains("max_age_of_oldest_s"));
    QCOMPARE(q.value("max_queue_depth").toInteger(), 10);
}

// Every number has its documentation page and the date it was checked; keys are unique.
void TestSimulator::numbersHaveSources()
{
    QSet<QString> keys;
    for (const AwsNumber &n : awsNumbers()) {
        QVERIFY2(!keys.contains(QString::fromLatin1(n.key)), n.key);
        keys.insert(QString::fromLatin1(n.key));
        QVERIFY2(QByteArray(n.source).startsWith("https://docs.aws.amazon.com/"), n.key);
        QVERIFY2(QDate::fromString(QString::fromLatin1(n.checked), Qt::ISODate).isValid(), n.key);
        QVERIFY2(n.value > 0, n.key);
    }
    // The figures the tests above pin, as AWS documents them.
    QCOMPARE(awsNumber("async.retry-delay-1"), 60.0);
    QCOMPARE(awsNumber("async.retry-delay-2"), 120.0);
    QCOMPARE(awsNumber("sqs.initial-batches"), 5.0);
    QCOMPARE(awsNumber("lambda.account-concurrency"), 1000.0);
}

// SNS subscriptions with filter policies get only the events they match; an EventBridge rule
// only the events its pattern matches (sns-message-filtering, eb-event-patterns).
void TestSimulator::filterPoliciesAndEventPatterns()
{
    const DiagramData d = project(R"(components:
  - id: topic
    kind: sns-topic
  - id: orders
    kind: lambda-function
  - id: refunds
    kind: lambda-function
  - id: everything
    kind: lambda-function
  - id: rule
    kind: eventbridge-rule
    properties:
      EventPattern:
        source: [shop]
        detail:
          amount: [{numeric: [">", 100]}]
  - id: big
    kind: lambda-function
connections:
  - {from: topic, to: orders, role: trigger, properties: {FilterPolicy: {type: [order]}}}
  - {from: topic, to: refunds, role: trigger, properties: {FilterPolicy: {type: [refund]}}}
  - {from: topic, to: everything, role: trigger}
  - {from: rule, to: big, role: trigger}
simulation:
  sources:
    topic:
      count: 9
      events:
        - {type: order}
        - {type: order}
        - {type: refund}
    rule:
      count: 4
      events:
        - {source: shop, detail: {amount: 50}}
        - {source: shop, detail: {amount: 500}}
)");
    const Result r = run(d);
    QVERIFY(r.conserved);
    QCOMPARE(statsOf(d, r, "orders").invocations, 6);
    QCOMPARE(statsOf(d, r, "refunds").invocations, 3);
    QCOMPARE(statsOf(d, r, "everything").invocations, 9);
    QCOMPARE(statsOf(d, r, "topic").filteredOut, 9);   // 3 to orders, 6 to refunds
    QCOMPARE(statsOf(d, r, "big").invocations, 2);
    QCOMPARE(statsOf(d, r, "rule").filteredOut, 2);
    QCOMPARE(r.injected, 6 + 3 + 9 + 2);
    QVERIFY(toJson(d, r).contains("\"topic\":{\"filtered_out\":9}"));
}

void TestSimulator::eventMatcher_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << QByteArray("{a: [x, y]}") << QByteArray("{a: y}") << true;
    QTest::newRow("exact no") << QByteArray("{a: [x]}") << QByteArray("{a: z}") << false;
    QTest::newRow("missing key") << QByteArray("{a: [x]}") << QByteArray("{b: x}") << false;
    QTest::newRow("number") << QByteArray("{n: [5]}") << QByteArray("{n: 5.0}") << true;
    QTest::newRow("list value") << QByteArray("{a: [x]}") << QByteArray("{a: [w, x]}") << true;
    QTest::newRow("prefix") << QByteArray("{a: [{prefix: img/}]}") << QByteArray("{a: img/1.png}") << true;
    QTest::newRow("suffix no") << QByteArray("{a: [{suffix: .png}]}") << QByteArray("{a: 1.jpg}") << false;
    QTest::newRow("anything-but") << QByteArray("{a: [{anything-but: [x, y]}]}") << QByteArray("{a: z}") << true;
    QTest::newRow("anything-but no") << QByteArray("{a: [{anything-but: x}]}") << QByteArray("{a: x}") << false;
    QTest::newRow("exists false") << QByteArray("{a: [{exists: false}]}") << QByteArray("{b: 1}") << true;
    QTest::newRow("exists true no") << QByteArray("{a: [{exists: true}]}") << QByteArray("{b: 1}") << false;
    QTest::newRow("numeric range") << QByteArray("{n: [{numeric: ['>=', 10, '<', 20]}]}") << QByteArray("{n: 15}") << true;
    QTest::newRow("numeric range no") << QByteArray("{n: [{numeric: ['>=', 10, '<', 20]}]}") << QByteArray("{n: 20}") << false;
    QTest::newRow("nested") << QByteArray("{detail: {state: [stopped]}}") << QByteArray("{detail: {state: stopped}}") << true;
    QTest::newRow("nested no") << QByteArray("{detail: {state: [stopped]}}") << QByteArray("{detail: running}") << false;
    QTest::newRow("ignore case") << QByteArray("{a: [{equals-ignore-case: ABC}]}") << QByteArray("{a: abc}") << true;
}

void TestSimulator::eventMatcher()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, event);
    QFETCH(bool, matches);
    const DiagramData d = project("components:\n  - id: r\n    kind: eventbridge-rule\n    properties:\n      EventPattern: "
                                  + pattern + "\nsimulation:\n  sources:\n    r:\n      count: 1\n      events:\n        - " + event + "\n");
    QString error;
    const Workload w = *workloadOf(d, &error);
    QCOMPARE(eventMatches(*d.components.front().properties.find(QStringLiteral("EventPattern")), w.sources.front().events.front()),
             matches);
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"

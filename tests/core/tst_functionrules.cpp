// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ruletest.h"

// FN-*, ASYNC-* and CONC-* (aws-semantics.md §2, §2.1, §6, §8, §14). Each row is a project that
// breaks a rule by AWS's documented behaviour and a near-identical one that does not.

class tst_functionrules : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rule_data();
    void rule() { ruletest::check(); }
    void intrinsicsAreNotJudged_data();
    void intrinsicsAreNotJudged();
    void outOfRangeHasAClampingFix();
    void codeUriMayBeAnS3Location();
    void intrinsicLayersStillCount();
    void everyRuleHasARow();

private:
    QSet<QString> m_covered;
};

namespace {

QByteArray project(const QByteArray &components, const QByteArray &connections = {})
{
    return "eventwright: 1\ncomponents:\n" + components + "connections:"
           + (connections.isEmpty() ? QByteArray(" []\n") : "\n" + connections);
}

/// One component; props are "Name: value" lines (nested lines may carry their own indent).
QByteArray component(const char *id, const char *kind, const QList<QByteArray> &props = {})
{
    QByteArray out = QByteArray("  - id: ") + id + "\n    kind: " + kind + "\n";
    if (!props.isEmpty()) {
        out += "    properties:\n";
        for (const QByteArray &p : props)
            out += "      " + p + "\n";
    }
    return out;
}

QByteArray fn(const char *id, const QList<QByteArray> &props = {})
{
    return component(id, "lambda-function", props);
}

QByteArray connection(const char *from, const char *to, const char *role, const QList<QByteArray> &props = {})
{
    QByteArray out = QByteArray("  - from: ") + from + "\n    to: " + to + "\n    role: " + role + "\n";
    if (!props.isEmpty()) {
        out += "    properties:\n";
        for (const QByteArray &p : props)
            out += "      " + p + "\n";
    }
    return out;
}

/// An S3 bucket triggering `function` asynchronously, with an on-failure queue: a function that
/// is invoked asynchronously and keeps its failed events.
QByteArray asyncSetup()
{
    return component("uploads", "s3-bucket") + component("failures", "sqs-queue");
}
QByteArray asyncLinks(const char *function = "f")
{
    return connection("uploads", function, "trigger") + connection(function, "failures", "on-failure");
}

QByteArray environment(const QList<QPair<QByteArray, int>> &variables)
{
    QByteArray out = "Environment:";
    for (const auto &v : variables)
        out += "\n        " + v.first + ": " + QByteArray(v.second, 'x');
    return out;
}

QByteArray layers(int n)
{
    QByteArray out = "Layers:";
    for (int i = 1; i <= n; ++i)
        out += "\n        - arn:aws:lambda:eu-west-1:123456789012:layer:lib" + QByteArray::number(i) + ":1";
    return out;
}

} // namespace

void tst_functionrules::initTestCase()
{
    // The runtime rules compare aws-semantics.md §2.1's dates with the validation date.
    qputenv("EW_VALIDATION_DATE", "2026-11-23");
}

void tst_functionrules::rule_data()
{
    ruletest::addColumns();
    const auto row = [this](const char *name, const QByteArray &bad, const QByteArray &good, const char *rule,
                            const char *subject) {
        QTest::newRow(name) << bad << good << QString::fromLatin1(rule) << QString::fromLatin1(subject);
        m_covered.insert(QString::fromLatin1(rule));
    };
    const QByteArray s3f = asyncSetup();
    const QByteArray s3links = asyncLinks();

    // --- Function limits (API-LMB CreateFunction, DG-QUOTA) -----------------------------------
    row("FN-001 timeout above 900 s", project(fn("f", {"Timeout: 901"})), project(fn("f", {"Timeout: 900"})),
        "FN-001", "f");
    row("FN-001 timeout 0", project(fn("f", {"Timeout: 0"})), project(fn("f", {"Timeout: 1"})), "FN-001", "f");
    row("FN-002 memory above 10,240 MB", project(fn("f", {"MemorySize: 10241"})),
        project(fn("f", {"MemorySize: 10240"})), "FN-002", "f");
    row("FN-002 memory below 128 MB", project(fn("f", {"MemorySize: 64"})), project(fn("f", {"MemorySize: 128"})),
        "FN-002", "f");
    row("FN-003 ephemeral storage below 512 MB", project(fn("f", {"EphemeralStorage: 256"})),
        project(fn("f", {"EphemeralStorage: 512"})), "FN-003", "f");
    row("FN-003 ephemeral storage above 10,240 MB", project(fn("f", {"EphemeralStorage: 10241"})),
        project(fn("f", {"EphemeralStorage: 10240"})), "FN-003", "f");
    row("FN-004 one large variable", project(fn("f", {environment({{"CERT", 4200}})})),
        project(fn("f", {environment({{"CERT", 3000}})})), "FN-004", "f");
    row("FN-004 many variables add up", project(fn("f", {environment({{"A", 1400}, {"B", 1400}, {"C", 1400}})})),
        project(fn("f", {environment({{"A", 1000}, {"B", 1000}, {"C", 1000}})})), "FN-004", "f");
    row("FN-005 six layers", project(fn("f", {layers(6)})), project(fn("f", {layers(5)})), "FN-005", "f");

    // --- Runtimes, on 2026-11-23 (§2.1) --------------------------------------------------------
    row("FN-006 python3.9 creation blocked 2026-06-01", project(fn("f", {"Runtime: python3.9"})),
        project(fn("f", {"Runtime: python3.13"})), "FN-006", "f");
    row("FN-006 nodejs16.x creation and update blocked", project(fn("f", {"Runtime: nodejs16.x"})),
        project(fn("f", {"Runtime: nodejs24.x"})), "FN-006", "f");
    row("FN-006 go1.x", project(fn("f", {"Runtime: go1.x"})), project(fn("f", {"Runtime: provided.al2023"})),
        "FN-006", "f");
    row("FN-007 dotnet8 deprecated 2026-11-10, blocked from 2026-12-10", project(fn("f", {"Runtime: dotnet8"})),
        project(fn("f", {"Runtime: dotnet10"})), "FN-007", "f");
    row("FN-008 nodejs22.x deprecated 2027-04-30", project(fn("f", {"Runtime: nodejs22.x"})),
        project(fn("f", {"Runtime: nodejs24.x"})), "FN-008", "f");
    row("FN-008 ruby3.3 deprecated 2027-03-31", project(fn("f", {"Runtime: ruby3.3"})),
        project(fn("f", {"Runtime: ruby3.4"})), "FN-008", "f");
    row("FN-009 typo", project(fn("f", {"Runtime: pyhton3.13"})), project(fn("f", {"Runtime: python3.13"})),
        "FN-009", "f");
    row("FN-009 capitalised", project(fn("f", {"Runtime: Python3.13"})), project(fn("f", {"Runtime: python3.13"})),
        "FN-009", "f");
    row("FN-009 version AWS does not offer", project(fn("f", {"Runtime: python3.15"})),
        project(fn("f", {"Runtime: python3.14"})), "FN-009", "f");
    row("FN-009 no close match", project(fn("f", {"Runtime: cobol"})),
        project(fn("f", {"Runtime: provided.al2023"})), "FN-009", "f");

    // --- Asynchronous invocation (§6) ---------------------------------------------------------
    row("ASYNC-001 three retries", project(fn("f", {"MaximumRetryAttempts: 3"}) + s3f, s3links),
        project(fn("f", {"MaximumRetryAttempts: 2"}) + s3f, s3links), "ASYNC-001", "f");
    row("ASYNC-002 event age below 60 s", project(fn("f", {"MaximumEventAgeInSeconds: 30"}) + s3f, s3links),
        project(fn("f", {"MaximumEventAgeInSeconds: 60"}) + s3f, s3links), "ASYNC-002", "f");
    row("ASYNC-002 event age above 6 h", project(fn("f", {"MaximumEventAgeInSeconds: 21601"}) + s3f, s3links),
        project(fn("f", {"MaximumEventAgeInSeconds: 21600"}) + s3f, s3links), "ASYNC-002", "f");

    const QByteArray bucket = component("uploads", "s3-bucket");
    const QByteArray trigger = connection("uploads", "f", "trigger");
    // Issue 10, item 8: the §14 id, not MODEL-005.
    row("ASYNC-003 S3 bucket as on-success destination",
        project(fn("f") + s3f + component("archive", "s3-bucket"), s3links + connection("f", "archive", "on-success")),
        project(fn("f") + s3f + component("archive", "s3-bucket"), s3links + connection("f", "archive", "on-failure")),
        "ASYNC-003", "f->archive");
    row("ASYNC-004 FIFO queue as on-failure destination",
        project(fn("f") + bucket + component("failures", "sqs-queue", {"QueueName: failures.fifo", "FifoQueue: true"}),
                trigger + connection("f", "failures", "on-failure")),
        project(fn("f") + bucket + component("failures", "sqs-queue", {"QueueName: failures"}),
                trigger + connection("f", "failures", "on-failure")),
        "ASYNC-004", "f->failures");
    row("ASYNC-004 FIFO topic as on-success destination",
        project(fn("f") + bucket + component("done", "sns-topic", {"FifoTopic: true"})
                    + component("failures", "sqs-queue"),
                trigger + connection("f", "done", "on-success") + connection("f", "failures", "on-failure")),
        project(fn("f") + bucket + component("done", "sns-topic") + component("failures", "sqs-queue"),
                trigger + connection("f", "done", "on-success") + connection("f", "failures", "on-failure")),
        "ASYNC-004", "f->done");
    row("ASYNC-004 FIFO queue that is also a trigger (no automatic fix)",
        project(fn("f") + fn("g") + bucket + component("orders", "sqs-queue", {"FifoQueue: true"}),
                trigger + connection("f", "orders", "on-success") + connection("orders", "g", "trigger")
                    + connection("f", "orders", "on-failure")),
        project(fn("f") + fn("g") + bucket + component("orders", "sqs-queue"),
                trigger + connection("f", "orders", "on-success") + connection("orders", "g", "trigger")
                    + connection("f", "orders", "on-failure")),
        "ASYNC-004", "f->orders");
    row("ASYNC-005 FIFO queue as dead-letter queue",
        project(fn("f") + bucket + component("dlq", "sqs-queue", {"FifoQueue: true", "ContentBasedDeduplication: true"}),
                trigger + connection("f", "dlq", "dead-letter")),
        project(fn("f") + bucket + component("dlq", "sqs-queue"), trigger + connection("f", "dlq", "dead-letter")),
        "ASYNC-005", "f->dlq");
    row("ASYNC-005 FIFO topic as dead-letter queue",
        project(fn("f") + bucket + component("dlq", "sns-topic", {"TopicName: dlq.fifo", "FifoTopic: true"}),
                trigger + connection("f", "dlq", "dead-letter")),
        project(fn("f") + bucket + component("dlq", "sns-topic", {"TopicName: dlq"}),
                trigger + connection("f", "dlq", "dead-letter")),
        "ASYNC-005", "f->dlq");

    row("ASYNC-006 S3-triggered function without failure destination", project(fn("f") + s3f, trigger),
        project(fn("f") + s3f, s3links), "ASYNC-006", "f");
    row("ASYNC-006 SNS subscriber; a dead-letter queue also keeps failures",
        project(fn("f") + component("events", "sns-topic") + component("dlq", "sqs-queue"),
                connection("events", "f", "trigger")),
        project(fn("f") + component("events", "sns-topic") + component("dlq", "sqs-queue"),
                connection("events", "f", "trigger") + connection("f", "dlq", "dead-letter")),
        "ASYNC-006", "f");
    row("ASYNC-006 schedule; the new queue's id is unique",
        project(fn("f") + component("nightly", "eventbridge-schedule", {"ScheduleExpression: rate(1 day)"})
                    + component("f-failures", "sqs-queue"),
                connection("nightly", "f", "trigger")),
        project(fn("f") + component("nightly", "eventbridge-schedule", {"ScheduleExpression: rate(1 day)"})
                    + component("f-failures", "sqs-queue"),
                connection("nightly", "f", "trigger") + connection("f", "f-failures", "on-failure")),
        "ASYNC-006", "f");
    row("ASYNC-006 function invoked as another function's destination",
        project(fn("f") + fn("audit") + s3f, s3links + connection("f", "audit", "on-success")),
        project(fn("f") + fn("audit") + s3f,
                s3links + connection("f", "audit", "on-success") + connection("audit", "failures", "on-failure")),
        "ASYNC-006", "audit");

    const QByteArray queue = component("orders", "sqs-queue", {"VisibilityTimeout: 60"});
    const QByteArray sqsTrigger = connection("orders", "f", "trigger");
    row("ASYNC-007 async retry setting on an SQS-triggered function",
        project(fn("f", {"MaximumRetryAttempts: 1"}) + queue, sqsTrigger),
        project(fn("f", {"MaximumRetryAttempts: 1"}) + queue), "ASYNC-007", "f");
    row("ASYNC-007 event age on an API function",
        project(fn("f", {"MaximumEventAgeInSeconds: 600"}) + component("api", "apigateway-http"),
                connection("api", "f", "trigger")),
        project(fn("f") + component("api", "apigateway-http"), connection("api", "f", "trigger")), "ASYNC-007", "f");
    row("ASYNC-007 on-failure destination of an API function",
        project(fn("f") + component("api", "apigateway-rest") + component("failures", "sqs-queue"),
                connection("api", "f", "trigger") + connection("f", "failures", "on-failure")),
        project(fn("f") + component("uploads", "s3-bucket") + component("failures", "sqs-queue"),
                connection("uploads", "f", "trigger") + connection("f", "failures", "on-failure")),
        "ASYNC-007", "f->failures");
    row("ASYNC-007 dead-letter queue of an SQS-triggered function",
        project(fn("f") + queue + component("dlq", "sqs-queue"), sqsTrigger + connection("f", "dlq", "dead-letter")),
        project(fn("f") + queue + component("dlq", "sqs-queue"),
                sqsTrigger + connection("orders", "dlq", "dead-letter", {"maxReceiveCount: 5"})),
        "ASYNC-007", "f->dlq");

    row("ASYNC-008 two functions as each other's destinations",
        project(fn("a") + fn("b") + component("uploads", "s3-bucket") + component("failures", "sqs-queue"),
                connection("uploads", "a", "trigger") + connection("a", "b", "on-success")
                    + connection("b", "a", "on-failure") + connection("a", "failures", "on-failure")),
        project(fn("a") + fn("b") + component("uploads", "s3-bucket") + component("failures", "sqs-queue"),
                connection("uploads", "a", "trigger") + connection("a", "b", "on-success")
                    + connection("b", "failures", "on-failure") + connection("a", "failures", "on-failure")),
        "ASYNC-008", "a->b");
    row("ASYNC-008 function is its own on-failure destination",
        project(fn("a") + component("uploads", "s3-bucket"),
                connection("uploads", "a", "trigger") + connection("a", "a", "on-failure")),
        project(fn("a") + fn("b") + component("uploads", "s3-bucket"),
                connection("uploads", "a", "trigger") + connection("a", "b", "on-failure")),
        "ASYNC-008", "a->a");
    row("ASYNC-008 three-function cycle found across the graph",
        project(fn("a") + fn("b") + fn("c") + component("events", "sns-topic"),
                connection("events", "a", "trigger") + connection("a", "b", "on-success")
                    + connection("b", "c", "on-success") + connection("c", "a", "on-success")),
        project(fn("a") + fn("b") + fn("c") + component("events", "sns-topic"),
                connection("events", "a", "trigger") + connection("a", "b", "on-success")
                    + connection("b", "c", "on-success") + connection("a", "c", "on-success")),
        "ASYNC-008", "a->b");

    // --- Concurrency (§8) ------------------------------------------------------------------------
    row("CONC-001 reservations leave 99 unreserved",
        project(fn("a", {"ReservedConcurrentExecutions: 500"}) + fn("b", {"ReservedConcurrentExecutions: 401"})),
        project(fn("a", {"ReservedConcurrentExecutions: 500"}) + fn("b", {"ReservedConcurrentExecutions: 400"})),
        "CONC-001", "a");
    row("CONC-001 one function reserves 950",
        project(fn("a", {"ReservedConcurrentExecutions: 950"}) + fn("b")),
        project(fn("a", {"ReservedConcurrentExecutions: 900"}) + fn("b")), "CONC-001", "a");
    row("CONC-003 provisioned above reserved",
        project(fn("f", {"ReservedConcurrentExecutions: 5", "ProvisionedConcurrentExecutions: 10"})),
        project(fn("f", {"ReservedConcurrentExecutions: 5", "ProvisionedConcurrentExecutions: 5"})), "CONC-003", "f");
    row("CONC-003 provisioned with reserved 0",
        project(fn("f", {"ReservedConcurrentExecutions: 0", "ProvisionedConcurrentExecutions: 2"})),
        project(fn("f", {"ProvisionedConcurrentExecutions: 2"})), "CONC-003", "f");
    row("CONC-004 reserved concurrency 0", project(fn("f", {"ReservedConcurrentExecutions: 0"})),
        project(fn("f", {"ReservedConcurrentExecutions: 1"})), "CONC-004", "f");
    row("CONC-004 async function throttled to its destinations",
        project(fn("f", {"ReservedConcurrentExecutions: 0"}) + s3f, s3links),
        project(fn("f", {"ReservedConcurrentExecutions: 10"}) + s3f, s3links), "CONC-004", "f");
}

void tst_functionrules::intrinsicsAreNotJudged_data()
{
    QTest::addColumn<QByteArray>("properties");
    // Issue 10, item 1: CloudFormation resolves intrinsics at deploy time, so their type and
    // range are unknown here (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
    QTest::newRow("Layers [!Sub ...]") << QByteArray("Layers:\n        - {Fn::Sub: 'arn:aws:lambda:${AWS::Region}:123456789012:layer:x:1'}");
    QTest::newRow("Layers [!Ref, text]") << QByteArray("Layers:\n        - {Ref: DepsLayer}\n        - arn:aws:lambda:eu-west-1:123456789012:layer:y:1");
    QTest::newRow("Layers [!FindInMap]") << QByteArray("Layers:\n        - {Fn::FindInMap: [M, {Ref: AWS::Region}, Arn]}");
    QTest::newRow("Timeout !Ref") << QByteArray("Timeout: {Ref: TimeoutParam}");
    QTest::newRow("MemorySize !If") << QByteArray("MemorySize: {Fn::If: [Big, 2048, 128]}");
}

// A number past Lambda's bounds is reported as typed (FN-001: 1 to 900 s) and the quick fix,
// applied on request (not by `validate --fix`), sets the nearest accepted value.
void tst_functionrules::outOfRangeHasAClampingFix()
{
    const QList<ew::core::Diagnostic> high = ruletest::validate(project(fn("f", {"Timeout: 1000"})));
    const ew::core::Diagnostic *d = ruletest::find(high, QStringLiteral("FN-001"));
    QVERIFY2(d, qPrintable(ruletest::list(high)));
    QVERIFY(d->message.contains(QStringLiteral("it is 1000")));
    QVERIFY(d->quickFix);
    QVERIFY(!d->quickFix->safe);
    QCOMPARE(d->quickFix->edits.size(), size_t(1));
    QCOMPARE(d->quickFix->edits.front().name, QStringLiteral("Timeout"));
    QCOMPARE(d->quickFix->edits.front().value->toInteger(), std::optional<qint64>(900));
    const QList<ew::core::Diagnostic> low = ruletest::validate(project(fn("f", {"MemorySize: 64"})));
    const ew::core::Diagnostic *m = ruletest::find(low, QStringLiteral("FN-002"));
    QVERIFY2(m && m->quickFix, qPrintable(ruletest::list(low)));
    QCOMPARE(m->quickFix->edits.front().value->toInteger(), std::optional<qint64>(128));
}

// SAM's CodeUri is a String or a FunctionCode object {Bucket, Key, Version}, whose parts may
// be intrinsics; other objects are still ill-typed (MODEL-003).
void tst_functionrules::codeUriMayBeAnS3Location()
{
    const QList<ew::core::Diagnostic> s3 = ruletest::validate(
        project(fn("f", {"CodeUri: {Bucket: {Ref: CodeBucket}, Key: {'Fn::Sub': 'code/${Version}.zip'}, Version: '3'}"})));
    QVERIFY2(!ruletest::find(s3, QStringLiteral("MODEL-003")), qPrintable(ruletest::list(s3)));
    const QList<ew::core::Diagnostic> other = ruletest::validate(project(fn("f", {"CodeUri: {Path: src}"})));
    QVERIFY2(ruletest::find(other, QStringLiteral("MODEL-003")), qPrintable(ruletest::list(other)));
    const QList<ew::core::Diagnostic> nested = ruletest::validate(project(fn("f", {"CodeUri: {Bucket: [a, b]}"})));
    QVERIFY2(ruletest::find(nested, QStringLiteral("MODEL-003")), qPrintable(ruletest::list(nested)));
}

void tst_functionrules::intrinsicsAreNotJudged()
{
    QFETCH(QByteArray, properties);
    bool loaded = false;
    const QList<ew::core::Diagnostic> ds = ruletest::validate(project(fn("f", {properties})), &loaded);
    QVERIFY(loaded);
    for (const ew::core::Diagnostic &d : ds)
        QVERIFY2(d.severity != ew::core::Severity::Error, qPrintable(ruletest::list(ds)));
}

void tst_functionrules::intrinsicLayersStillCount()
{
    QByteArray six = "Layers:";
    for (int i = 0; i < 6; ++i)
        six += "\n        - {Ref: Layer" + QByteArray::number(i) + "}";
    QVERIFY(ruletest::find(ruletest::validate(project(fn("f", {six}))), QStringLiteral("FN-005")));
}

void tst_functionrules::everyRuleHasARow()
{
    // Every rule this group describes is exercised by rule_data() above.
    QStringList missing;
    for (const ew::core::RuleInfo &r : ew::core::Validator::rules()) {
        const bool ours = r.id.startsWith(QStringLiteral("FN-")) || r.id.startsWith(QStringLiteral("ASYNC-"))
                          || r.id.startsWith(QStringLiteral("CONC-"));
        if (ours && !m_covered.contains(r.id))
            missing << r.id;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
}

QTEST_GUILESS_MAIN(tst_functionrules)
#include "tst_functionrules.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ruletest.h"

#include <QElapsedTimer>

// Push integrations and graph rules: SYNC-*, S3-*, SNS-*, EB-*, SCHED-*, LOOP-*. Each row pairs
// a project that breaks AWS's rules with a near-identical one that does not (aws-semantics.md
// §7, §9, §14 and the AWS pages the rules cite).
class tst_integrationrules : public QObject
{
    Q_OBJECT
private slots:
    void rule_data();
    void rule() { ruletest::check(); }
    void quickFixesAddNoError_data() { rule_data(); }
    void quickFixesAddNoError();
    void groupRulesAreDescribed();
    void s3LoopIsReportedOnce();
    void loopMessageNamesEveryMember();
    void streamLoopIsNotStoppedByAws();
    void longCycleIsFoundIteratively();
};

namespace {

using namespace ruletest;

/// A component; `props` are YAML lines relative to `properties:`.
QByteArray c(const QByteArray &id, const QByteArray &kind, const QByteArray &props = {})
{
    QByteArray out = "  - id: " + id + "\n    kind: " + kind + "\n";
    if (!props.isEmpty())
        out += "    properties:\n" + indent(props, 6);
    return out;
}

QByteArray fn(const QByteArray &id, const QByteArray &props = {})
{
    return c(id, "lambda-function", "Runtime: python3.13\nHandler: app.handler\n" + props);
}

/// A connection; `props` are YAML lines relative to `properties:`.
QByteArray l(const QByteArray &from, const QByteArray &to, const QByteArray &role, const QByteArray &props = {})
{
    QByteArray out = "  - from: " + from + "\n    to: " + to + "\n    role: " + role + "\n";
    if (!props.isEmpty())
        out += "    properties:\n" + indent(props, 6);
    return out;
}

QByteArray project(const QByteArray &components, const QByteArray &connections = {})
{
    return "eventwright: 1\ncomponents:\n" + components
           + (connections.isEmpty() ? QByteArray() : "connections:\n" + connections);
}

void row(const char *name, const QByteArray &bad, const QByteArray &good, const char *rule, const char *subject)
{
    QTest::newRow(name) << bad << good << QString::fromLatin1(rule) << QString::fromLatin1(subject);
}

// Recurring pieces.
QByteArray s3Pair(const QByteArray &first, const QByteArray &second)
{
    return project(c("media", "s3-bucket") + fn("resize") + fn("index"),
                   l("media", "resize", "trigger", first) + l("media", "index", "trigger", second));
}

QByteArray schedule(const QByteArray &expression, const QByteArray &extra = {}, const QByteArray &trigger = {})
{
    return project(c("nightly", "eventbridge-schedule", "ScheduleExpression: " + expression + "\n" + extra)
                       + fn("report") + c("failed-runs", "sqs-queue") + c("ordered", "sqs-queue", "FifoQueue: true\nQueueName: ordered.fifo\n"),
                   l("nightly", "report", "trigger", trigger));
}

QByteArray ebRule(const QByteArray &ruleProps, const QByteArray &trigger = {})
{
    return project(c("stopped", "eventbridge-rule", ruleProps) + fn("alert")
                       + c("rule-dlq", "sqs-queue")
                       + c("rule-dlq-fifo", "sqs-queue", "FifoQueue: true\nQueueName: rule-dlq.fifo\n"),
                   l("stopped", "alert", "trigger", trigger));
}

const QByteArray Ec2Pattern = "EventPattern:\n  source:\n    - aws.ec2\n";

/// A rule on the default bus whose function reaches the bus `busName`.
QByteArray ebLoop(const QByteArray &pattern, const QByteArray &busName, const QByteArray &role,
                  const QByteArray &props = {})
{
    return project(c("orders-rule", "eventbridge-rule", pattern) + fn("enrich")
                       + c("bus", "eventbridge-bus", "Name: " + busName + "\n"),
                   l("orders-rule", "enrich", "trigger") + l("enrich", "bus", role, props));
}

} // namespace

void tst_integrationrules::rule_data()
{
    ruletest::addColumns();

    // ---- SYNC -------------------------------------------------------------------------------
    // REST APIs wait at most 29 s, HTTP APIs 30 s (§7); the function Timeout defaults to 3 s.
    row("SYNC-001 REST API and a 60 s function",
        project(c("api", "apigateway-rest") + fn("slow", "Timeout: 60\n"), l("api", "slow", "trigger")),
        project(c("api", "apigateway-rest") + fn("slow", "Timeout: 29\n"), l("api", "slow", "trigger")),
        "SYNC-001", "api->slow");
    row("SYNC-001 HTTP API and a 31 s function",
        project(c("api", "apigateway-http") + fn("slow", "Timeout: 31\n"), l("api", "slow", "trigger")),
        project(c("api", "apigateway-http") + fn("slow", "Timeout: 30\n"), l("api", "slow", "trigger")),
        "SYNC-001", "api->slow");
    row("SYNC-001 shorter integration timeout than the function",
        project(c("api", "apigateway-rest") + fn("slow", "Timeout: 15\n"),
                l("api", "slow", "trigger", "TimeoutInMillis: 10000\n")),
        project(c("api", "apigateway-rest") + fn("slow", "Timeout: 10\n"),
                l("api", "slow", "trigger", "TimeoutInMillis: 10000\n")),
        "SYNC-001", "api->slow");
    row("SYNC-001 default 3 s timeout against a 2 s integration",
        project(c("api", "apigateway-http") + fn("quick"), l("api", "quick", "trigger", "TimeoutInMillis: 2000\n")),
        project(c("api", "apigateway-http") + fn("quick"), l("api", "quick", "trigger", "TimeoutInMillis: 3000\n")),
        "SYNC-001", "api->quick");
    row("SYNC-002 REST integration timeout above 29 s",
        project(c("api", "apigateway-rest") + fn("h"), l("api", "h", "trigger", "TimeoutInMillis: 30000\n")),
        project(c("api", "apigateway-rest") + fn("h"), l("api", "h", "trigger", "TimeoutInMillis: 29000\n")),
        "SYNC-002", "api->h");
    row("SYNC-002 HTTP integration timeout below 50 ms",
        project(c("api", "apigateway-http") + fn("h"), l("api", "h", "trigger", "TimeoutInMillis: 40\n")),
        project(c("api", "apigateway-http") + fn("h"), l("api", "h", "trigger", "TimeoutInMillis: 50\n")),
        "SYNC-002", "api->h");
    row("SYNC-003 payload format 3.0",
        project(c("api", "apigateway-http") + fn("h"), l("api", "h", "trigger", "PayloadFormatVersion: \"3.0\"\n")),
        project(c("api", "apigateway-http") + fn("h"), l("api", "h", "trigger", "PayloadFormatVersion: \"1.0\"\n")),
        "SYNC-003", "api->h");

    // ---- S3 ---------------------------------------------------------------------------------
    // S3 User Guide, "Configuring event notifications using object key name filtering".
    row("S3-001 ObjectCreated:* and :Put with nested prefixes",
        s3Pair("Events: [\"s3:ObjectCreated:*\"]\nFilterPrefix: images/\n",
               "Events: [\"s3:ObjectCreated:Put\"]\nFilterPrefix: images/cats/\n"),
        s3Pair("Events: [\"s3:ObjectCreated:*\"]\nFilterPrefix: images/\n",
               "Events: [\"s3:ObjectCreated:Put\"]\nFilterPrefix: logs/\n"),
        "S3-001", "media->index");
    row("S3-001 suffixes jpg and pg overlap",
        s3Pair("FilterSuffix: jpg\n", "FilterSuffix: pg\n"),
        s3Pair("FilterSuffix: .jpg\n", "FilterSuffix: .png\n"),
        "S3-001", "media->index");
    row("S3-001 no filter overlaps every prefix",
        s3Pair("Events: [\"s3:ObjectCreated:*\"]\n", "Events: [\"s3:ObjectCreated:*\"]\nFilterPrefix: images/\n"),
        s3Pair("Events: [\"s3:ObjectRemoved:*\"]\n", "Events: [\"s3:ObjectCreated:*\"]\nFilterPrefix: images/\n"),
        "S3-001", "media->index");
    row("S3-001 a prefix filter and a suffix filter",
        s3Pair("FilterPrefix: uploads/\n", "FilterSuffix: .jpg\n"),
        s3Pair("FilterPrefix: uploads/\nFilterSuffix: .jpg\n", "FilterPrefix: logs/\nFilterSuffix: .jpg\n"),
        "S3-001", "media->index");
    row("S3-002 prefix longer than 1,024 characters",
        project(c("media", "s3-bucket") + fn("h"),
                l("media", "h", "trigger", "FilterPrefix: " + QByteArray(1025, 'a') + "\n")),
        project(c("media", "s3-bucket") + fn("h"),
                l("media", "h", "trigger", "FilterPrefix: " + QByteArray(1024, 'a') + "\n")),
        "S3-002", "media->h");
    row("S3-003 function writes back into its unfiltered bucket",
        project(c("photos", "s3-bucket") + fn("convert"),
                l("photos", "convert", "trigger") + l("convert", "photos", "access")),
        project(c("photos", "s3-bucket") + fn("convert"),
                l("photos", "convert", "trigger") + l("convert", "photos", "access", "Access: read\n")),
        "S3-003", "photos->convert");
    row("S3-003 Put events, a suffix filter keeps the output out",
        project(c("photos", "s3-bucket") + fn("convert"),
                l("photos", "convert", "trigger", "Events: [\"s3:ObjectCreated:Put\"]\n")
                    + l("convert", "photos", "access", "Access: write\n")),
        project(c("photos", "s3-bucket") + fn("convert"),
                l("photos", "convert", "trigger", "Events: [\"s3:ObjectCreated:Put\"]\nFilterSuffix: .raw\n")
                    + l("convert", "photos", "access", "Access: write\n")),
        "S3-003", "photos->convert");

    // ---- SNS --------------------------------------------------------------------------------
    const QByteArray sub = l("orders", "ship", "trigger");
    row("SNS-001 FIFO topic subscribed by a function",
        project(c("orders", "sns-topic", "TopicName: orders.fifo\nFifoTopic: true\n") + fn("ship"), sub),
        project(c("orders", "sns-topic", "TopicName: orders\nFifoTopic: false\n") + fn("ship"), sub),
        "SNS-001", "orders->ship");
    row("SNS-002 FIFO topic without .fifo",
        project(c("orders", "sns-topic", "TopicName: orders\nFifoTopic: true\n")),
        project(c("orders", "sns-topic", "TopicName: orders.fifo\nFifoTopic: true\n")),
        "SNS-002", "orders");
    row("SNS-002 standard topic named .fifo",
        project(c("orders", "sns-topic", "TopicName: orders.fifo\n")),
        project(c("orders", "sns-topic", "TopicName: orders\n")),
        "SNS-002", "orders");
    row("SNS-002 space in the name",
        project(c("orders", "sns-topic", "TopicName: order events\n")),
        project(c("orders", "sns-topic", "TopicName: order-events\n")),
        "SNS-002", "orders");
    row("SNS-003 subscription without a dead-letter queue",
        project(c("orders", "sns-topic") + fn("ship") + c("undelivered", "sqs-queue"), sub),
        project(c("orders", "sns-topic") + fn("ship") + c("undelivered", "sqs-queue"),
                l("orders", "ship", "trigger", "DeadLetterQueue: undelivered\n")),
        "SNS-003", "orders->ship");
    row("SNS-003 quick fix reuses the topic's dead-letter queue",
        project(c("orders", "sns-topic") + fn("ship") + c("orders-dlq", "sqs-queue"), sub),
        project(c("orders", "sns-topic") + fn("ship") + c("orders-dlq", "sqs-queue"),
                l("orders", "ship", "trigger", "DeadLetterQueue: orders-dlq\n")),
        "SNS-003", "orders->ship");
    row("SNS-003 FIFO dead-letter queue for a standard topic",
        project(c("orders", "sns-topic") + fn("ship") + c("undelivered", "sqs-queue", "FifoQueue: true\nQueueName: u.fifo\n"),
                l("orders", "ship", "trigger", "DeadLetterQueue: undelivered\n")),
        project(c("orders", "sns-topic") + fn("ship") + c("undelivered", "sqs-queue", "QueueName: u\n"),
                l("orders", "ship", "trigger", "DeadLetterQueue: undelivered\n")),
        "SNS-003", "orders->ship");

    // ---- EventBridge schedules: EB-001..003, SCHED-001..003 -----------------------------------
    row("EB-001 rate(1 minutes)", schedule("rate(1 minutes)"), schedule("rate(1 minute)"), "EB-001", "nightly");
    row("EB-001 rate(5 minute)", schedule("rate(5 minute)"), schedule("rate(5 minutes)"), "EB-001", "nightly");
    row("EB-001 rate(0 hours)", schedule("rate(0 hours)"), schedule("rate(2 hours)"), "EB-001", "nightly");
    row("EB-001 seconds", schedule("rate(30 seconds)"), schedule("rate(1 minute)"), "EB-001", "nightly");
    row("EB-002 five-field Unix cron", schedule("cron(0 2 * * *)"), schedule("cron(0 2 * * ? *)"), "EB-002", "nightly");
    row("EB-002 five-field cron with week days", schedule("cron(0 9 * * MON-FRI)"),
        schedule("cron(0 9 ? * MON-FRI *)"), "EB-002", "nightly");
    row("EB-002 hour 24", schedule("cron(0 24 * * ? *)"), schedule("cron(0 23 * * ? *)"), "EB-002", "nightly");
    row("EB-002 sixth week", schedule("cron(0 9 ? * MON#6 *)"), schedule("cron(0 9 ? * MON#1 *)"), "EB-002", "nightly");
    row("EB-002 year before 1970", schedule("cron(0 9 ? * MON-FRI 1969)"), schedule("cron(0 9 ? * MON-FRI 2030)"),
        "EB-002", "nightly");
    row("EB-002 W outside day-of-month", schedule("cron(0 9 ? * 3W *)"), schedule("cron(0 9 3W * ? *)"), "EB-002", "nightly");
    row("EB-003 both day fields *", schedule("cron(0 2 * * * *)"), schedule("cron(0 2 * * ? *)"), "EB-003", "nightly");
    row("EB-003 day 1 and Mondays", schedule("cron(0 9 1 * MON *)"), schedule("cron(0 9 1 * ? *)"), "EB-003", "nightly");
    row("SCHED-001 not an expression", schedule("every 5 minutes"), schedule("rate(5 minutes)"), "SCHED-001", "nightly");
    row("SCHED-001 month 13 in at()", schedule("at(2026-13-01T10:00:00)"), schedule("at(2026-12-01T10:00:00)"),
        "SCHED-001", "nightly");
    row("SCHED-001 at() without T and seconds", schedule("at(2026-12-01 10:00)"), schedule("at(2026-12-01T10:00:00)"),
        "SCHED-001", "nightly");
    row("SCHED-002 FLEXIBLE without a window",
        schedule("rate(1 hour)", "FlexibleTimeWindowMode: FLEXIBLE\n"),
        schedule("rate(1 hour)", "FlexibleTimeWindowMode: FLEXIBLE\nFlexibleTimeWindowMaximumWindowInMinutes: 15\n"),
        "SCHED-002", "nightly");
    row("SCHED-002 window above 1,440 minutes",
        schedule("rate(1 day)", "FlexibleTimeWindowMode: FLEXIBLE\nFlexibleTimeWindowMaximumWindowInMinutes: 1441\n"),
        schedule("rate(1 day)", "FlexibleTimeWindowMode: FLEXIBLE\nFlexibleTimeWindowMaximumWindowInMinutes: 1440\n"),
        "SCHED-002", "nightly");
    row("SCHED-003 186 retries", schedule("rate(1 hour)", {}, "RetryPolicyMaximumRetryAttempts: 186\n"),
        schedule("rate(1 hour)", {}, "RetryPolicyMaximumRetryAttempts: 185\n"), "SCHED-003", "nightly->report");
    row("SCHED-003 Input is not JSON", schedule("rate(1 hour)", {}, "Input: run the report\n"),
        schedule("rate(1 hour)", {}, "Input: '{\"report\": \"daily\"}'\n"), "SCHED-003", "nightly->report");
    row("SCHED-003 FIFO dead-letter queue", schedule("rate(1 hour)", {}, "DeadLetterQueue: ordered\n"),
        schedule("rate(1 hour)", {}, "DeadLetterQueue: failed-runs\n"), "SCHED-003", "nightly->report");

    // ---- EventBridge rules -------------------------------------------------------------------
    {
        QByteArray six, five;
        QByteArray links;
        for (const char *f : {"f1", "f2", "f3"}) {
            six += fn(f);
            links += l("hub", f, "trigger");
        }
        for (const char *q : {"q1", "q2"}) {
            six += c(q, "sqs-queue");
            links += l("hub", q, "target");
        }
        six += c("t1", "sns-topic");
        const QByteArray base = c("hub", "eventbridge-rule", Ec2Pattern);
        row("EB-004 six targets", project(base + six, links + l("hub", "t1", "target")),
            project(base + six, links), "EB-004", "hub");
    }
    row("EB-005 rule without a pattern", ebRule("EventBusName: default\n"), ebRule(Ec2Pattern), "EB-005", "stopped");
    row("EB-005 single value instead of a list", ebRule("EventPattern:\n  source: aws.ec2\n"), ebRule(Ec2Pattern),
        "EB-005", "stopped");
    row("EB-005 nested single value",
        ebRule(Ec2Pattern + "  detail:\n    state: stopped\n"),
        ebRule(Ec2Pattern + "  detail:\n    state:\n      - stopped\n"), "EB-005", "stopped");
    row("EB-005 empty list", ebRule(Ec2Pattern + "  detail-type: []\n"),
        ebRule(Ec2Pattern + "  detail-type:\n    - EC2 Instance State-change Notification\n"), "EB-005", "stopped");
    row("EB-006 186 retries", ebRule(Ec2Pattern, "RetryPolicyMaximumRetryAttempts: 186\n"),
        ebRule(Ec2Pattern, "RetryPolicyMaximumRetryAttempts: 185\n"), "EB-006", "stopped->alert");
    row("EB-006 event age below 60 s", ebRule(Ec2Pattern, "RetryPolicyMaximumEventAgeInSeconds: 59\n"),
        ebRule(Ec2Pattern, "RetryPolicyMaximumEventAgeInSeconds: 60\n"), "EB-006", "stopped->alert");
    row("EB-006 FIFO dead-letter queue", ebRule(Ec2Pattern, "DeadLetterQueue: rule-dlq-fifo\n"),
        ebRule(Ec2Pattern, "DeadLetterQueue: rule-dlq\n"), "EB-006", "stopped->alert");
    row("EB-006 Input is not JSON", ebRule(Ec2Pattern, "Input: stopped\n"),
        ebRule(Ec2Pattern, "Input: '\"stopped\"'\n"), "EB-006", "stopped->alert");
    const QByteArray ordersPattern = "EventPattern:\n  source:\n    - com.example.orders\n";
    row("EB-008 function writes to the bus its rule listens on",
        ebLoop(ordersPattern, "default", "access"), ebLoop(ordersPattern, "audit", "access"),
        "EB-008", "enrich->bus");
    row("EB-008 code cannot send aws.* sources",
        ebLoop("EventPattern:\n  source:\n    - prefix: com.example\n", "default", "access", "Access: write\n"),
        ebLoop("EventPattern:\n  source:\n    - prefix: aws.ec2\n", "default", "access", "Access: write\n"),
        "EB-008", "enrich->bus");
    row("EB-008 success records match the pattern",
        ebLoop("EventPattern:\n  source:\n    - lambda\n", "default", "on-success"),
        ebLoop("EventPattern:\n  source:\n    - lambda\n  detail-type:\n"
               "    - Lambda Function Invocation Result - Failure\n",
               "default", "on-success"),
        "EB-008", "enrich->bus");
    row("EB-008 a disabled rule matches nothing",
        ebLoop(ordersPattern, "default", "access"), ebLoop(ordersPattern + "State: DISABLED\n", "default", "access"),
        "EB-008", "enrich->bus");
    row("EB-008 rule sends its events to its own bus",
        project(c("fwd", "eventbridge-rule", ordersPattern + "EventBusName: orders\n")
                    + c("orders-bus", "eventbridge-bus", "Name: orders\n"),
                l("fwd", "orders-bus", "target")),
        project(c("fwd", "eventbridge-rule", ordersPattern + "EventBusName: orders\n")
                    + c("orders-bus", "eventbridge-bus", "Name: archive\n"),
                l("fwd", "orders-bus", "target")),
        "EB-008", "fwd->orders-bus");

    // ---- LOOP --------------------------------------------------------------------------------
    // Access defaults to read-write, which writes.
    row("LOOP-001 SQS -> function -> same SQS",
        project(c("jobs", "sqs-queue") + fn("worker"), l("jobs", "worker", "trigger") + l("worker", "jobs", "access")),
        project(c("jobs", "sqs-queue") + fn("worker"),
                l("jobs", "worker", "trigger") + l("worker", "jobs", "access", "Access: read\n")),
        "LOOP-001", "worker");
    row("LOOP-001 SNS -> function -> same SNS",
        project(c("events", "sns-topic") + fn("router"),
                l("events", "router", "trigger") + l("router", "events", "access", "Access: write\n")),
        project(c("events", "sns-topic") + fn("router"),
                l("events", "router", "trigger", "FilterPolicy:\n  type:\n    - raw\n")
                    + l("router", "events", "access", "Access: write\n")),
        "LOOP-001", "router");
    const QByteArray table = c("orders", "dynamodb-table", "PartitionKey: id:S\nStreamViewType: NEW_IMAGE\n");
    const QByteArray stream = "StartingPosition: LATEST\n";
    row("LOOP-001 DynamoDB stream -> function -> same table",
        project(table + fn("stamp"),
                l("orders", "stamp", "trigger", stream) + l("stamp", "orders", "access", "Access: write\n")),
        project(table + fn("stamp"),
                l("orders", "stamp", "trigger", stream + "Enabled: false\n")
                    + l("stamp", "orders", "access", "Access: write\n")),
        "LOOP-001", "stamp");
    row("LOOP-001 three functions chained by destinations",
        project(fn("a") + fn("b") + fn("c") + c("parked", "sqs-queue"),
                l("a", "b", "on-success") + l("b", "c", "on-success") + l("c", "a", "on-failure")),
        project(fn("a") + fn("b") + fn("c") + c("parked", "sqs-queue"),
                l("a", "b", "on-success") + l("b", "c", "on-success") + l("c", "parked", "on-failure")),
        "LOOP-001", "a");
    // Three functions and three resources; every function's neighbours differ from its source.
    const QByteArray sixHops = c("inbox", "sqs-queue") + fn("parse") + c("parsed", "sns-topic") + fn("score")
                               + c("scores", "kinesis-stream") + fn("act") + c("outbox", "sqs-queue");
    const QByteArray sixLinks = l("inbox", "parse", "trigger") + l("parse", "parsed", "access", "Access: write\n")
                                + l("parsed", "score", "trigger") + l("score", "scores", "access", "Access: write\n")
                                + l("scores", "act", "trigger", stream);
    row("LOOP-001 three hops through SQS, SNS and Kinesis",
        project(sixHops, sixLinks + l("act", "inbox", "access", "Access: write\n")),
        project(sixHops, sixLinks + l("act", "outbox", "access", "Access: write\n")),
        "LOOP-001", "parse");
    row("LOOP-001 through S3 and SQS",
        project(c("raw", "s3-bucket") + fn("split") + c("parts", "sqs-queue") + fn("merge"),
                l("raw", "split", "trigger") + l("split", "parts", "access") + l("parts", "merge", "trigger")
                    + l("merge", "raw", "access", "Access: write\n")),
        project(c("raw", "s3-bucket") + fn("split") + c("parts", "sqs-queue") + fn("merge"),
                l("raw", "split", "trigger", "FilterPrefix: incoming/\n") + l("split", "parts", "access")
                    + l("parts", "merge", "trigger") + l("merge", "raw", "access", "Access: write\n")),
        "LOOP-001", "split");
    row("LOOP-001 function is its own success destination",
        project(fn("again"), l("again", "again", "on-success")),
        project(fn("again") + c("done", "sqs-queue"), l("again", "done", "on-success")),
        "LOOP-001", "again");
    row("LOOP-002 RecursiveLoop Allow in an SQS loop",
        project(c("jobs", "sqs-queue") + fn("worker", "RecursiveLoop: Allow\n"),
                l("jobs", "worker", "trigger") + l("worker", "jobs", "access")),
        project(c("jobs", "sqs-queue") + fn("worker", "RecursiveLoop: Terminate\n"),
                l("jobs", "worker", "trigger") + l("worker", "jobs", "access")),
        "LOOP-002", "worker");
    row("LOOP-002 RecursiveLoop Allow in an S3 loop",
        project(c("photos", "s3-bucket") + fn("convert", "RecursiveLoop: Allow\n"),
                l("photos", "convert", "trigger") + l("convert", "photos", "access")),
        project(c("photos", "s3-bucket") + fn("convert", "RecursiveLoop: Allow\n"),
                l("photos", "convert", "trigger", "FilterPrefix: in/\n") + l("convert", "photos", "access")),
        "LOOP-002", "convert");
}

void tst_integrationrules::quickFixesAddNoError()
{
    QFETCH(QByteArray, bad);
    const auto errors = [](const QList<ew::core::Diagnostic> &ds) {
        QStringList out;
        for (const ew::core::Diagnostic &d : ds) {
            if (d.severity == ew::core::Severity::Error)
                out << d.rule + u' ' + (d.connection ? d.connection->from + QStringLiteral("->") + d.connection->to : d.component);
        }
        return out;
    };
    const QList<ew::core::Diagnostic> before = ruletest::validate(bad);
    for (const ew::core::Diagnostic &d : before) {
        static const QRegularExpression group(QStringLiteral("^(SYNC|S3|SNS|EB|SCHED|LOOP)-"));
        if (!d.quickFix || !group.match(d.rule).hasMatch())
            continue;
        ew::core::ProjectLoadResult r = ew::core::ProjectSerializer::load(bad);
        QVERIFY(ew::core::applyQuickFix(*r.data, *d.quickFix));
        const QList<ew::core::Diagnostic> after = ew::core::Validator::validate(*r.data, ew::core::Catalog::builtin());
        const QStringList old = errors(before);
        for (const QString &e : errors(after))
            QVERIFY2(old.contains(e), qPrintable(QStringLiteral("'%1' adds %2").arg(d.quickFix->text, e)));
    }
}

void tst_integrationrules::groupRulesAreDescribed()
{
    // §14's ids, including S3-NNN, whose group name holds a digit.
    const QRegularExpression id(QStringLiteral("^[A-Z][A-Z0-9]*(-[A-Z]+)?-\\d{3}$"));
    QStringList seen;
    for (const ew::core::RuleInfo &r : ew::core::Validator::rules()) {
        QVERIFY2(!seen.contains(r.id), qPrintable(r.id));
        seen << r.id;
        QVERIFY2(id.match(r.id).hasMatch(), qPrintable(r.id));
    }
    for (const char *expected : {"SYNC-001", "SYNC-002", "SYNC-003", "S3-001", "S3-002", "S3-003", "SNS-001",
                                 "SNS-002", "SNS-003", "EB-001", "EB-002", "EB-003", "EB-004", "EB-005", "EB-006",
                                 "EB-008", "SCHED-001", "SCHED-002", "SCHED-003", "LOOP-001", "LOOP-002"}) {
        const ew::core::RuleInfo *r = ew::core::Validator::rule(QLatin1String(expected));
        QVERIFY2(r, expected);
        QVERIFY(!r->summary.isEmpty());
        QVERIFY(r->explanation.size() > r->summary.size());
        QVERIFY(r->explanation.count(u'.') >= 2);   // a few sentences, not a label
        QVERIFY(r->url.startsWith(QStringLiteral("https://docs.aws.amazon.com/")));
    }
    // A design cannot get these wrong in format 1 (the exporters generate permissions and roles;
    // S3 and SNS only trigger functions; rules are pattern rules).
    for (const char *absent : {"PERM-001", "IAM-001", "S3-004", "S3-005", "SNS-004", "EB-007"})
        QVERIFY2(!seen.contains(QLatin1String(absent)), absent);
}

void tst_integrationrules::s3LoopIsReportedOnce()
{
    const auto ds = ruletest::validate(project(c("photos", "s3-bucket") + fn("convert"),
                                               l("photos", "convert", "trigger") + l("convert", "photos", "access")));
    QVERIFY(ruletest::find(ds, QStringLiteral("S3-003")));
    QVERIFY2(!ruletest::find(ds, QStringLiteral("LOOP-001")), qPrintable(ruletest::list(ds)));
}

void tst_integrationrules::loopMessageNamesEveryMember()
{
    const auto ds = ruletest::validate(project(
        c("inbox", "sqs-queue") + fn("parse") + c("parsed", "sns-topic") + fn("score") + c("scores", "sqs-queue"),
        l("inbox", "parse", "trigger") + l("parse", "parsed", "access") + l("parsed", "score", "trigger")
            + l("score", "scores", "access") + l("scores", "parse", "trigger")
            + l("score", "inbox", "access")));
    int loops = 0;
    for (const ew::core::Diagnostic &d : ds) {
        if (d.rule != u"LOOP-001")
            continue;
        ++loops;
        for (const char *member : {"inbox", "parse", "parsed", "score", "scores"})
            QVERIFY2(d.message.contains(QLatin1String(member)), qPrintable(d.message));
        QVERIFY2(d.message.contains(u"16 invocations"), qPrintable(d.message));
    }
    QCOMPARE(loops, 1);   // two cycles sharing functions: one strongly connected group, one report
}

void tst_integrationrules::streamLoopIsNotStoppedByAws()
{
    const auto ds = ruletest::validate(project(
        c("orders", "dynamodb-table", "PartitionKey: id:S\nStreamViewType: NEW_IMAGE\n")
            + fn("stamp", "RecursiveLoop: Allow\n"),
        l("orders", "stamp", "trigger", "StartingPosition: LATEST\n") + l("stamp", "orders", "access")));
    const ew::core::Diagnostic *loop = ruletest::find(ds, QStringLiteral("LOOP-001"));
    QVERIFY(loop);
    QVERIFY2(loop->message.contains(u"does not detect"), qPrintable(loop->message));
    // Lambda's loop detection does not cover DynamoDB streams: Allow changes nothing there.
    QVERIFY(!ruletest::find(ds, QStringLiteral("LOOP-002")));
}

void tst_integrationrules::longCycleIsFoundIteratively()
{
    // 20,000 functions in one ring of success destinations: no recursion, linear time.
    const int n = 20000;
    QByteArray components, connections;
    for (int i = 0; i < n; ++i) {
        components += "  - id: f" + QByteArray::number(i) + "\n    kind: lambda-function\n";
        connections += "  - from: f" + QByteArray::number(i) + "\n    to: f" + QByteArray::number((i + 1) % n)
                       + "\n    role: on-success\n";
    }
    QElapsedTimer timer;
    timer.start();
    const auto ds = ruletest::validate(project(components, connections));
    int loops = 0;
    for (const ew::core::Diagnostic &d : ds) {
        if (d.rule != u"LOOP-001")
            continue;
        ++loops;
        QVERIFY2(d.message.size() < 1000, qPrintable(d.message.left(2000)));   // names the first hops only
        QVERIFY2(d.message.contains(u"more"), qPrintable(d.message));
    }
    QCOMPARE(loops, 1);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(tst_integrationrules)
#include "tst_integrationrules.moc"

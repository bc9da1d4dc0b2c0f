// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rulegroups.h"

#include "core/catalog/propertycheck.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

// Event source mappings: the triggers from SQS queues, Kinesis streams, DynamoDB streams and MSK
// clusters to Lambda functions (aws-semantics.md §4, §4.1, §5, §9, §14). Pure range checks are
// catalog data (`rule:` on the property) and are reported by the model group under these ids.

namespace ew::core::rules {

// AWS documentation the rules cite (aws-semantics.md §0).
static const QString ApiEsm =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html");
static const QString ApiPollers =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html");
static const QString DgSqs = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html");
static const QString DgSqsConfigure =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html");
static const QString DgSqsParameters =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html");
static const QString DgSqsScaling =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html");
static const QString DgKinesis = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html");
static const QString DgDynamoDb = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html");
static const QString DgMsk = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html");
static const QString DgMskParameters =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/msk-esm-parameters.html");
static const QString DgFilter =
    QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html");
static const QString SqsDeadLetter = QStringLiteral(
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html");
static const QString SqsCreateQueue =
    QStringLiteral("https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html");
static const QString KinesisQuotas =
    QStringLiteral("https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html");
static const QString DdbStreams =
    QStringLiteral("https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html");

const QList<RuleInfo> &esmRules()
{
    static const QList<RuleInfo> list = {
        {QStringLiteral("ESM-GEN-001"), Severity::Error, QStringLiteral("Batch size or batching window out of range"),
         QStringLiteral("A trigger hands records to the function in batches of 1 to 10,000 and may wait 0 to 300 "
                        "seconds to fill a batch. Lambda rejects a mapping with values outside these ranges, so "
                        "the trigger is not created and the deployment fails."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-002"), Severity::Error, QStringLiteral("SQS batch above 10 without a batching window"),
         QStringLiteral("When an SQS trigger's BatchSize is above 10, Lambda needs a batching window "
                        "(MaximumBatchingWindowInSeconds) of at least 1 second to gather the larger batch from "
                        "several receive calls. Without it Lambda rejects the mapping and the deployment fails. "
                        "Kinesis and DynamoDB triggers are not affected: they read 100 records by default without "
                        "a window."),
         DgSqsParameters},
        {QStringLiteral("ESM-GEN-003"), Severity::Error, QStringLiteral("Stream-only setting on the wrong source or out of range"),
         QStringLiteral("ParallelizationFactor (1 to 10 batches per shard at once) and TumblingWindowInSeconds "
                        "(0 to 900 seconds) exist only for Kinesis and DynamoDB Streams triggers. Lambda rejects "
                        "them on SQS and Kafka triggers, and rejects values outside their ranges."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-004"), Severity::Error, QStringLiteral("Retry, record-age or bisect setting on an SQS trigger"),
         QStringLiteral("MaximumRetryAttempts, MaximumRecordAgeInSeconds and BisectBatchOnFunctionError control how "
                        "a stream or Kafka trigger retries a failing batch. SQS works differently: a failed "
                        "message becomes visible again after the visibility timeout and moves to the queue's "
                        "dead-letter queue after maxReceiveCount receives. Lambda rejects these settings on an SQS "
                        "mapping."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-005"), Severity::Error, QStringLiteral("Retry count or record age out of range"),
         QStringLiteral("MaximumRetryAttempts must be -1 (retry until the record expires) or 0 to 10,000, and "
                        "MaximumRecordAgeInSeconds must be -1 (no limit) or 60 to 604,800 seconds (7 days). Lambda "
                        "rejects other values when it creates the mapping, so the deployment fails."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-006"), Severity::Error, QStringLiteral("On-success destination on a trigger"),
         QStringLiteral("An event source mapping can record the batches it gives up on in an on-failure "
                        "destination, but it has no on-success destination. Lambda rejects a mapping that names "
                        "one; to pass successful records on, let the function send them itself."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-007"), Severity::Error, QStringLiteral("On-failure destination on an SQS trigger"),
         QStringLiteral("An SQS trigger has no on-failure destination: a failed message stays in the queue, returns "
                        "after the visibility timeout, and the queue's own redrive policy moves it to a dead-letter "
                        "queue after maxReceiveCount receives. Lambda rejects DestinationConfig on an SQS mapping; "
                        "use a dead-letter connection from the queue instead."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-008"), Severity::Error, QStringLiteral("Unsupported on-failure destination"),
         QStringLiteral("A stream or Kafka trigger can send a note about a discarded batch only to a standard SQS "
                        "queue, a standard SNS topic or an S3 bucket. FIFO queues and topics are not supported as "
                        "destinations, so Lambda rejects the mapping."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-009"), Severity::Warning, QStringLiteral("A failing record can block its shard"),
         QStringLiteral("By default a Kinesis, DynamoDB Streams or Kafka trigger retries a failing batch until its "
                        "records expire, and meanwhile it reads nothing newer from that shard or partition. One bad "
                        "record can stall processing for the whole retention period (24 hours by default), after "
                        "which the records are gone without a trace. Limit MaximumRetryAttempts or "
                        "MaximumRecordAgeInSeconds and add an OnFailure destination that records what was skipped."),
         DgKinesis},
        {QStringLiteral("ESM-GEN-010"), Severity::Error, QStringLiteral("StartingPosition missing"),
         QStringLiteral("A Kinesis, DynamoDB Streams or Kafka trigger must say where to start reading the first "
                        "time: TRIM_HORIZON (the oldest record still kept), LATEST (only new records) or, for Kinesis "
                        "and Kafka, AT_TIMESTAMP. AWS has no default and rejects the mapping without it."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-011"), Severity::Error, QStringLiteral("StartingPosition on an SQS trigger"),
         QStringLiteral("A queue has no position to start reading from: Lambda receives whatever messages are "
                        "available. StartingPosition and StartingPositionTimestamp are rejected on an SQS mapping, "
                        "so the deployment fails."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-012"), Severity::Error, QStringLiteral("Starting position the source does not support"),
         QStringLiteral("DynamoDB Streams triggers accept only TRIM_HORIZON and LATEST as starting position; "
                        "AT_TIMESTAMP exists for Kinesis, Kafka and DocumentDB only. Lambda rejects any other value "
                        "when it creates the mapping."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-013"), Severity::Error, QStringLiteral("AT_TIMESTAMP and StartingPositionTimestamp do not match"),
         QStringLiteral("StartingPositionTimestamp is the moment to start reading from. It is used only with "
                        "StartingPosition AT_TIMESTAMP, AT_TIMESTAMP requires it, and it must lie in the past. Lambda "
                        "rejects a mapping where the two do not go together or the time is in the future."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-014"), Severity::Error, QStringLiteral("Invalid FunctionResponseTypes"),
         QStringLiteral("FunctionResponseTypes takes a single value, ReportBatchItemFailures, which lets the function "
                        "report which records of a batch failed. Lambda rejects any other value or more than one "
                        "entry when it creates the mapping."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-015"), Severity::Info, QStringLiteral("Partial batch responses not enabled"),
         QStringLiteral("Without ReportBatchItemFailures, one failing record makes Lambda retry the whole batch, so "
                        "records that were already processed are processed again. With it, the function returns the "
                        "ids of the records that failed and only those are retried; the function's code must then "
                        "return a batchItemFailures list."),
         DgSqs},
        {QStringLiteral("ESM-GEN-016"), Severity::Error, QStringLiteral("MaximumConcurrency on a non-SQS trigger or out of range"),
         QStringLiteral("MaximumConcurrency (ScalingConfig) limits how many function instances one SQS trigger may "
                        "keep busy, from 2 to 1,000. Streams scale by their shards and ParallelizationFactor "
                        "instead, so Lambda rejects MaximumConcurrency on other sources and outside that range."),
         ApiEsm},
        {QStringLiteral("ESM-GEN-017"), Severity::Error, QStringLiteral("MaximumConcurrency together with provisioned mode"),
         QStringLiteral("An SQS trigger in provisioned mode (ProvisionedPollerConfig) scales between its minimum and "
                        "maximum number of pollers and cannot also have a MaximumConcurrency. Lambda rejects the "
                        "combination, so the deployment fails."),
         DgSqsScaling},
        {QStringLiteral("ESM-GEN-018"), Severity::Error, QStringLiteral("Provisioned mode on an unsupported source or out of range"),
         QStringLiteral("Provisioned mode keeps a minimum number of event pollers ready and exists for SQS and Kafka "
                        "triggers only. SQS allows 2 to 200 minimum and 2 to 10,000 maximum pollers, Kafka 1 to 200 "
                        "and 1 to 2,000, and the minimum cannot exceed the maximum. Lambda rejects other settings."),
         ApiPollers},
        {QStringLiteral("ESM-SQS-001"), Severity::Error, QStringLiteral("FIFO queue batch above 10"),
         QStringLiteral("A trigger on a FIFO queue receives at most 10 messages per batch, because a FIFO receive "
                        "returns at most 10 messages in order. Lambda rejects a larger BatchSize, so the deployment "
                        "fails."),
         ApiEsm},
        {QStringLiteral("ESM-SQS-002"), Severity::Error, QStringLiteral("Batching window on a FIFO queue"),
         QStringLiteral("Lambda does not support a batching window on FIFO queues: it invokes the function as soon "
                        "as messages are available, keeping each message group in order. A "
                        "MaximumBatchingWindowInSeconds on a FIFO trigger is rejected."),
         DgSqsParameters},
        {QStringLiteral("ESM-SQS-003"), Severity::Error, QStringLiteral("Queue visibility timeout shorter than the function timeout"),
         QStringLiteral("While the function works on a batch, its messages are hidden from other consumers for the "
                        "queue's visibility timeout. If the function could run longer, the messages would reappear "
                        "and be processed twice, so Lambda refuses to create the trigger when VisibilityTimeout is "
                        "below the function's Timeout (defaults: 30 s and 3 s)."),
         DgSqsConfigure},
        {QStringLiteral("ESM-SQS-004"), Severity::Warning, QStringLiteral("Queue visibility timeout below six times the function timeout"),
         QStringLiteral("AWS recommends a visibility timeout of at least six times the function's timeout, plus the "
                        "batching window. Lambda retries throttled and failed invocations while the batch is still "
                        "in flight, and a shorter visibility timeout lets messages reappear and be processed twice."),
         DgSqsConfigure},
        {QStringLiteral("ESM-SQS-005"), Severity::Warning, QStringLiteral("Queue without a dead-letter queue"),
         QStringLiteral("A message that keeps failing returns to the queue after every visibility timeout until its "
                        "retention period ends (4 days by default), invoking the function each time, and then "
                        "disappears. A redrive policy moves it to a dead-letter queue after maxReceiveCount receives; "
                        "AWS recommends at least 5, so that throttled or briefly failing messages get a few chances "
                        "first."),
         DgSqs},
        {QStringLiteral("ESM-SQS-006"), Severity::Error, QStringLiteral("Dead-letter queue of the wrong type"),
         QStringLiteral("The dead-letter queue of a FIFO queue must also be a FIFO queue, and that of a standard queue "
                        "a standard queue. SQS rejects a redrive policy that mixes the two, so the deployment "
                        "fails."),
         SqsDeadLetter},
        {QStringLiteral("ESM-SQS-007"), Severity::Error, QStringLiteral("Invalid queue name or attributes for its type"),
         QStringLiteral("A queue name has at most 80 letters, digits, hyphens and underscores; a FIFO queue's name must "
                        "end in .fifo, and only a FIFO queue's name may. ContentBasedDeduplication, "
                        "DeduplicationScope and FifoThroughputLimit exist only on FIFO queues. SQS rejects a queue "
                        "that breaks these rules."),
         SqsCreateQueue},
        {QStringLiteral("ESM-SQS-008"), Severity::Warning, QStringLiteral("Reserved concurrency below the triggers' maximum concurrency"),
         QStringLiteral("Each SQS trigger may run as many function instances as its MaximumConcurrency. When the "
                        "function's reserved concurrency is lower than their sum, Lambda throttles the extra "
                        "invocations; throttled messages go back to the queue and count as receives, so they can "
                        "reach the dead-letter queue without ever being processed."),
         DgSqsScaling},
        {QStringLiteral("ESM-SQS-009"), Severity::Info, QStringLiteral("SQS trigger advice: encryption and FIFO partial batches"),
         QStringLiteral("A queue encrypted with a customer managed KMS key can only be read by a function whose "
                        "execution role may use kms:Decrypt on that key. With a FIFO queue and "
                        "ReportBatchItemFailures, the function must stop at the first failed message and report it "
                        "and every later message of the batch, or messages of a group are processed out of order."),
         DgSqs},
        {QStringLiteral("ESM-KIN-001"), Severity::Warning, QStringLiteral("Too many enhanced fan-out consumers"),
         QStringLiteral("A Kinesis stream can have at most 20 enhanced fan-out consumers (50 for On-demand Advantage "
                        "streams). Each trigger with Consumer: true registers one; registering more fails, and those "
                        "triggers cannot read the stream."),
         KinesisQuotas},
        {QStringLiteral("ESM-KIN-002"), Severity::Warning, QStringLiteral("Too many shared-throughput readers on a stream"),
         QStringLiteral("Triggers without enhanced fan-out share each shard's read limits: 5 read calls per second "
                        "and 2 MB/s. Lambda polls every shard about once a second for each trigger, so more than five "
                        "such readers are throttled and fall behind. Enhanced fan-out (Consumer: true) gives a "
                        "trigger its own throughput."),
         DgKinesis},
        {QStringLiteral("ESM-KIN-003"), Severity::Info, QStringLiteral("Stream concurrency above the function's reserved concurrency"),
         QStringLiteral("A Kinesis trigger runs up to ShardCount x ParallelizationFactor batches at once. When the "
                        "function's reserved concurrency is lower, the extra batches are throttled and wait, so the "
                        "trigger falls behind the stream (its iterator age grows)."),
         DgKinesis},
        {QStringLiteral("ESM-DDB-001"), Severity::Error, QStringLiteral("DynamoDB trigger on a table without a stream"),
         QStringLiteral("Lambda reads a table's changes from its DynamoDB stream, which exists only when the table "
                        "has a StreamViewType. Without a stream there is nothing for the trigger to read, and the "
                        "deployment fails."),
         DgDynamoDb},
        {QStringLiteral("ESM-DDB-002"), Severity::Warning, QStringLiteral("More than two readers on a DynamoDB stream"),
         QStringLiteral("DynamoDB Streams serve about two simultaneous readers per shard; more readers are throttled, "
                        "which slows every trigger on the table. Let one function fan the changes out, or stream the "
                        "table into Kinesis Data Streams when many consumers need them."),
         DdbStreams},
        {QStringLiteral("ESM-KAF-001"), Severity::Error, QStringLiteral("Kafka trigger needs exactly one valid topic"),
         QStringLiteral("A Kafka trigger reads exactly one topic, whose name has 1 to 249 letters, digits, dots, "
                        "underscores and hyphens. Lambda rejects a mapping with no topic, several topics or an "
                        "invalid name; use one trigger per topic."),
         DgMskParameters},
        {QStringLiteral("ESM-KAF-002"), Severity::Error, QStringLiteral("Invalid or shared consumer group id"),
         QStringLiteral("ConsumerGroupId names the Kafka consumer group Lambda joins to read the topic. It must have "
                        "1 to 200 characters and be unique among your Kafka triggers: triggers in one group would "
                        "split the topic's partitions, so each function would see only part of the records."),
         DgMskParameters},
        {QStringLiteral("ESM-KAF-005"), Severity::Warning, QStringLiteral("Function timeout above 14 minutes for a Kafka trigger"),
         QStringLiteral("Kafka triggers (like Amazon MQ and DocumentDB ones) support functions with a timeout of at "
                        "most 14 minutes (840 s), so that the mapping can handle errors and retries within "
                        "Lambda's limits. A longer timeout is outside what AWS supports for these triggers."),
         DgMsk},
        {QStringLiteral("FILTER-001"), Severity::Error, QStringLiteral("Too many filter patterns"),
         QStringLiteral("By default a trigger accepts at most 5 filter patterns; a quota increase allows up to 10. "
                        "Lambda rejects a mapping with more patterns than the account's quota. Patterns are "
                        "alternatives, so several can often be merged into one with several values per field."),
         DgFilter},
        {QStringLiteral("FILTER-002"), Severity::Error, QStringLiteral("Invalid filter pattern"),
         QStringLiteral("Each filter pattern reaches Lambda as a JSON string of at most 4,096 characters, and each field "
                        "in it holds a non-empty list of values or operators (for example status: [SHIPPED]) or "
                        "nested fields. Lambda rejects a longer or malformed pattern with \"Invalid filter pattern "
                        "definition\"."),
         DgFilter},
        {QStringLiteral("FILTER-003"), Severity::Warning, QStringLiteral("Filter tests a field the records never have"),
         QStringLiteral("Each source puts its payload under its own key: SQS body, Kinesis data, DynamoDB dynamodb, "
                        "Kafka value. A pattern on a field the records never have matches nothing, so the records "
                        "it was meant to let through are dropped without invoking the function (SQS deletes them). "
                        "The same happens when a DynamoDB pattern reads NewImage or OldImage that the table's "
                        "StreamViewType leaves out."),
         DgFilter},
        // §14 gives FILTER-004 two variants: a warning when the body format differs from a
        // declared message format, and info for any SQS filter. The project format declares no
        // message format, so only the info variant exists here.
        {QStringLiteral("FILTER-004"), Severity::Info, QStringLiteral("Filtered-out SQS messages are deleted"),
         QStringLiteral("When an SQS trigger has filter patterns, Lambda deletes every message that matches none of "
                        "them: the message is gone, not left for another consumer. A plain-text body never matches "
                        "a pattern on JSON fields, and a JSON body never matches a plain-text pattern."),
         DgFilter},
    };
    return list;
}

namespace {

enum class Source { Sqs, Kinesis, DynamoDb, Kafka };

std::optional<Source> sourceOf(const QString &kind)
{
    if (kind == u"sqs-queue")
        return Source::Sqs;
    if (kind == u"kinesis-stream")
        return Source::Kinesis;
    if (kind == u"dynamodb-table")
        return Source::DynamoDb;
    if (kind == u"msk-cluster")
        return Source::Kafka;
    return std::nullopt;
}

/// One trigger connection from a poll source to a function: an event source mapping.
struct Esm
{
    int index = -1;
    const Connection *connection = nullptr;
    const Component *source = nullptr;
    const Component *function = nullptr;
    Source kind = Source::Sqs;
};

const QString Trigger = QStringLiteral("trigger");
const QString DeadLetter = QStringLiteral("dead-letter");
const QString ReportBatchItemFailures = QStringLiteral("ReportBatchItemFailures");

QString seconds(double v)
{
    return Value::number(v).text() + QStringLiteral(" s");
}

/// "4 days", "14 days", "6 hours" for retention periods.
QString duration(double secondsValue)
{
    const qint64 s = qint64(secondsValue);
    if (s % 86400 == 0)
        return QStringLiteral("%1 day%2").arg(s / 86400).arg(s == 86400 ? "" : "s");
    if (s % 3600 == 0)
        return QStringLiteral("%1 hour%2").arg(s / 3600).arg(s == 3600 ? "" : "s");
    return seconds(double(s));
}

QString quotedList(const QStringList &names)
{
    QStringList q;
    for (const QString &n : names)
        q << QLatin1Char('\'') + n + QLatin1Char('\'');
    return q.join(QStringLiteral(", "));
}

/// A value as compact JSON, the way the exporters write a filter pattern: scalars keep their
/// YAML type (plain numbers, booleans and null stay unquoted).
QString jsonOf(const Value &v)
{
    static const QRegularExpression jsonNumber(
        QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Scalar: {
        if (!v.isQuoted()) {
            if (v.isPlainNull())
                return QStringLiteral("null");
            if (const std::optional<bool> b = v.toBool())
                return *b ? QStringLiteral("true") : QStringLiteral("false");
            if (jsonNumber.match(v.text()).hasMatch())
                return v.text();
        }
        const QByteArray quoted = QJsonDocument(QJsonArray{v.text()}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(quoted.mid(1, quoted.size() - 2));
    }
    case Value::Type::List: {
        QStringList items;
        for (const Value &item : v.items())
            items << jsonOf(item);
        return QLatin1Char('[') + items.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case Value::Type::Map: {
        QStringList entries;
        for (const MapEntry &e : v.entries())
            entries << jsonOf(Value::scalar(e.key, true)) + QLatin1Char(':') + jsonOf(e.value);
        return QLatin1Char('{') + entries.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    }
    return {};
}

/// Structural problems of a filter pattern (a map): every field holds a non-empty list of
/// values/operators or nested fields. DG-FILTER's filter rule syntax puts every match value in
/// a list; a bare value is rejected at deploy time with "Invalid filter pattern definition"
/// (reported against CloudFormation in github.com/aws/aws-cdk/issues/23057). `fixable` stays true when the only problems are single
/// values that a list around them repairs.
void patternProblems(const Value &map, const QString &prefix, QStringList &problems, bool &fixable)
{
    if (map.entries().empty()) {
        problems << (prefix.isEmpty() ? QStringLiteral("it is empty")
                                      : QStringLiteral("'%1' has no fields").arg(prefix));
        fixable = false;
        return;
    }
    for (const MapEntry &e : map.entries()) {
        const QString path = prefix.isEmpty() ? e.key : prefix + QLatin1Char('.') + e.key;
        if (e.value.isMap()) {
            patternProblems(e.value, path, problems, fixable);
        } else if (e.value.isList()) {
            if (e.value.items().empty()) {
                problems << QStringLiteral("'%1' has an empty list").arg(path);
                fixable = false;
            } else if (std::any_of(e.value.items().begin(), e.value.items().end(),
                                   [](const Value &item) { return item.isList(); })) {
                problems << QStringLiteral("'%1' has a list inside its list").arg(path);
                fixable = false;
            }
        } else {
            problems << QStringLiteral("'%1' holds the single value %2 instead of a list such as [%2]")
                            .arg(path, e.value.display());
        }
    }
}

/// The pattern with every single value put into a one-element list.
Value wrapSingleValues(const Value &map)
{
    Value out = map;
    for (MapEntry &e : out.entries()) {
        if (e.value.isMap())
            e.value = wrapSingleValues(e.value);
        else if (!e.value.isList())
            e.value = Value::list({e.value});
    }
    return out;
}

class Run
{
public:
    explicit Run(ValidationContext &context)
        : m_ctx(context)
    {
    }

    void run();

private:
    // Values: the value as written when it passes the catalog's type and range check (else the
    // model group has reported it and this group stays quiet), or the catalog default.
    bool number(const Connection &c, const QString &name, double &out) const;
    bool number(const Esm &e, const QString &name, double &out) const { return number(*e.connection, name, out); }
    bool number(const Component &c, const QString &name, double &out) const;
    const Value *given(const Esm &e, const QString &name) const
    {
        return m_ctx.explicitValue(*e.connection, name);
    }
    bool isExplicit(const Component &c, const QString &name) const { return m_ctx.explicitValue(c, name); }
    QString validText(const Component &c, const QString &name) const;

    QString trigger(const Esm &e) const
    {
        return QStringLiteral("The trigger from %1 to %2")
            .arg(m_ctx.describe(e.source->id), m_ctx.describe(e.function->id));
    }
    QString describe(const QString &id) const { return m_ctx.describe(id); }
    void report(const QString &rule, const QString &message, const Esm &e, const QString &advice,
                std::optional<QuickFix> fix = std::nullopt)
    {
        m_ctx.report(rule, message, e.source->id, e.index, advice, std::move(fix));
    }

    /// A component id not used in the project nor proposed by another fix of this run.
    QString newId(const QString &base);
    static FixEdit removeComponentProperty(const QString &componentId, const QString &name)
    {
        FixEdit e = ValidationContext::setProperty(componentId, name, Value());
        e.value.reset();
        return e;
    }
    static FixEdit addComponent(const QString &id, const QString &kind, const QString &label, const Value &properties)
    {
        FixEdit e;
        e.kind = FixEdit::Kind::AddComponent;
        e.componentId = id;
        e.kindId = kind;
        e.label = label;
        e.properties = properties;
        return e;
    }
    static FixEdit addConnection(const QString &from, const QString &to, const QString &role, const Value &properties)
    {
        FixEdit e;
        e.kind = FixEdit::Kind::AddConnection;
        e.from = from;
        e.to = to;
        e.role = role;
        e.properties = properties;
        return e;
    }
    /// A new standard queue for a trigger's OnFailure destination, and the trigger pointing at it.
    QuickFix addOnFailureQueue(const Esm &e, const QString &text);

    void checkMisplacedSettings(const Esm &e);
    void checkSqsTrigger(const Esm &e);
    void checkStreamTrigger(const Esm &e);
    void checkStartingPosition(const Esm &e);
    void checkPollers(const Esm &e);
    void checkPartialBatch(const Esm &e);
    void checkFilters(const Esm &e);
    void checkPatternFields(const Esm &e, int number, const Value &pattern);
    void checkQueues();
    void checkRedrive();
    void checkReservedConcurrency();
    void checkStreamReaders();
    void checkConsumerGroups();

    ValidationContext &m_ctx;
    std::vector<Esm> m_esms;
    QSet<QString> m_newIds;
};

bool Run::number(const Connection &c, const QString &name, double &out) const
{
    if (const Value *v = m_ctx.explicitValue(c, name)) {
        const Component *source = m_ctx.component(c.from);
        const RoleSpec *role = source ? m_ctx.catalog().roleSpec(source->kind, c.role) : nullptr;
        const PropertySpec *spec = role ? role->property(name) : nullptr;
        if (!spec || checkPropertyValue(*spec, *v).kind != PropertyProblem::None)
            return false;
    }
    const Value *v = m_ctx.value(c, name);
    const std::optional<double> n = v ? v->toNumber() : std::nullopt;
    if (!n)
        return false;
    out = *n;
    return true;
}

bool Run::number(const Component &c, const QString &name, double &out) const
{
    if (const Value *v = m_ctx.explicitValue(c, name)) {
        const KindSpec *kind = m_ctx.kindOf(c);
        const PropertySpec *spec = kind ? kind->property(name) : nullptr;
        if (!spec || checkPropertyValue(*spec, *v).kind != PropertyProblem::None)
            return false;
    }
    const Value *v = m_ctx.value(c, name);
    const std::optional<double> n = v ? v->toNumber() : std::nullopt;
    if (!n)
        return false;
    out = *n;
    return true;
}

QString Run::validText(const Component &c, const QString &name) const
{
    const Value *v = m_ctx.explicitValue(c, name);
    if (!v)
        return {};
    const KindSpec *kind = m_ctx.kindOf(c);
    const PropertySpec *spec = kind ? kind->property(name) : nullptr;
    if (!spec || checkPropertyValue(*spec, *v).kind != PropertyProblem::None)
        return {};
    return v->text();
}

QString Run::newId(const QString &base)
{
    QString stem = base.left(56);   // room for "-NN" within the 63 characters an id may have
    while (stem.endsWith(QLatin1Char('-')))
        stem.chop(1);
    QString id = stem;
    for (int n = 2; m_ctx.component(id) || m_newIds.contains(id); ++n)
        id = stem + QLatin1Char('-') + QString::number(n);
    m_newIds.insert(id);
    return id;
}

QuickFix Run::addOnFailureQueue(const Esm &e, const QString &text)
{
    const QString id = newId(e.source->id + QStringLiteral("-failures"));
    Value properties = Value::map();
    properties.set(QStringLiteral("MessageRetentionPeriod"), Value::integer(1209600));
    QuickFix fix{text.arg(id), false, {}};
    fix.edits.push_back(addComponent(id, QStringLiteral("sqs-queue"),
                                     QStringLiteral("Discarded batches of %1").arg(e.source->displayName()),
                                     properties));
    fix.edits.push_back(ValidationContext::setConnectionProperty(e.index, QStringLiteral("OnFailure"),
                                                                 Value::string(id)));
    return fix;
}

void Run::run()
{
    const DiagramData &data = m_ctx.data();
    for (int i = 0; i < int(data.connections.size()); ++i) {
        const Connection &c = data.connections[size_t(i)];
        if (c.role != Trigger)
            continue;
        const Component *source = m_ctx.component(c.from);
        const Component *function = m_ctx.component(c.to);
        if (!source || !function || function->kind != u"lambda-function" || !m_ctx.kindOf(*source))
            continue;
        const std::optional<Source> kind = sourceOf(source->kind);
        if (!kind)
            continue;
        m_esms.push_back(Esm{i, &c, source, function, *kind});
    }
    for (const Esm &e : m_esms) {
        checkMisplacedSettings(e);
        if (e.kind == Source::Sqs)
            checkSqsTrigger(e);
        else
            checkStreamTrigger(e);
        checkPartialBatch(e);
        checkFilters(e);
    }
    checkQueues();
    checkRedrive();
    checkReservedConcurrency();
    checkStreamReaders();
    checkConsumerGroups();
}

// Settings that exist in AWS::Lambda::EventSourceMapping but not for this source. The format
// does not know them for the source either (MODEL-007 says they are not exported); these rules
// say that AWS would reject them. Removing them changes nothing that is deployed: safe.
void Run::checkMisplacedSettings(const Esm &e)
{
    auto present = [&](std::initializer_list<const char *> names) {
        QStringList out;
        for (const char *n : names) {
            if (given(e, QLatin1String(n)))
                out << QLatin1String(n);
        }
        return out;
    };
    auto removal = [&](const QStringList &names) {
        QuickFix fix{QStringLiteral("Remove %1 from the trigger.").arg(names.join(QStringLiteral(" and "))), true, {}};
        for (const QString &n : names)
            fix.edits.push_back(ValidationContext::removeConnectionProperty(e.index, n));
        return fix;
    };
    const bool sqs = e.kind == Source::Sqs;
    const bool stream = e.kind == Source::Kinesis || e.kind == Source::DynamoDb;

    if (!stream) {
        if (const QStringList names = present({"ParallelizationFactor", "TumblingWindowInSeconds"}); !names.isEmpty()) {
            report(QStringLiteral("ESM-GEN-003"),
                   QStringLiteral("%1 sets %2, which only Kinesis and DynamoDB Streams triggers have; Lambda "
                                  "rejects the mapping, so the function is never invoked.")
                       .arg(trigger(e), names.join(QStringLiteral(" and "))),
                   e, {}, removal(names));
        }
    }
    if (sqs) {
        if (const QStringList names = present({"MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError"});
            !names.isEmpty()) {
            report(QStringLiteral("ESM-GEN-004"),
                   QStringLiteral("%1 sets %2, which SQS triggers do not have (a failed message returns to the "
                                  "queue after its visibility timeout); Lambda rejects the mapping.")
                       .arg(trigger(e), names.join(QStringLiteral(", "))),
                   e, {}, removal(names));
        }
        if (const QStringList names = present({"StartingPosition", "StartingPositionTimestamp"}); !names.isEmpty()) {
            report(QStringLiteral("ESM-GEN-011"),
                   QStringLiteral("%1 sets %2, but a queue has no position to start from; Lambda rejects the "
                                  "mapping, so the function is never invoked.")
                       .arg(trigger(e), names.join(QStringLiteral(" and "))),
                   e, {}, removal(names));
        }
        if (const Value *onFailure = given(e, QStringLiteral("OnFailure"))) {
            // The redrive policy is SQS's failure path (aws-semantics.md §4: DestinationConfig "—
            // (use queue redrive DLQ)"). Moving a same-type queue there keeps the intent.
            const Component *target = m_ctx.component(onFailure->text());
            const bool movable = target && target->kind == u"sqs-queue" && target->id != e.source->id
                                 && m_ctx.isFifo(*target) == m_ctx.isFifo(*e.source)
                                 && m_ctx.outgoing(e.source->id, DeadLetter).empty();
            QuickFix fix = removal({QStringLiteral("OnFailure")});
            if (movable) {
                Value properties = Value::map();
                properties.set(QStringLiteral("maxReceiveCount"), Value::integer(5));
                fix = QuickFix{QStringLiteral("Remove OnFailure and make '%1' the dead-letter queue of '%2' "
                                              "(maxReceiveCount 5).")
                                   .arg(target->id, e.source->id),
                               false,
                               {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("OnFailure")),
                                addConnection(e.source->id, target->id, DeadLetter, properties)}};
            }
            report(QStringLiteral("ESM-GEN-007"),
                   QStringLiteral("%1 names an OnFailure destination, which SQS triggers do not have; Lambda "
                                  "rejects the mapping, and failed messages would anyway stay in the queue.")
                       .arg(trigger(e)),
                   e, {}, fix);
        }
    } else if (given(e, QStringLiteral("MaximumConcurrency"))) {
        report(QStringLiteral("ESM-GEN-016"),
               QStringLiteral("%1 sets MaximumConcurrency, which only SQS triggers have (stream and Kafka triggers "
                              "scale with their shards or partitions); Lambda rejects the mapping.")
                   .arg(trigger(e)),
               e, {}, removal({QStringLiteral("MaximumConcurrency")}));
    }
    if (stream && given(e, QStringLiteral("ProvisionedPollerConfig"))) {
        report(QStringLiteral("ESM-GEN-018"),
               QStringLiteral("%1 sets ProvisionedPollerConfig, but provisioned mode exists only for SQS and Kafka "
                              "triggers; Lambda rejects the mapping.")
                   .arg(trigger(e)),
               e, {}, removal({QStringLiteral("ProvisionedPollerConfig")}));
    }
    if (const QStringList names = present({"OnSuccess"}); !names.isEmpty()) {
        report(QStringLiteral("ESM-GEN-006"),
               QStringLiteral("%1 names an OnSuccess destination, but triggers that poll a source only have an "
                              "on-failure destination; Lambda rejects the mapping.")
                   .arg(trigger(e)),
               e, {}, removal(names));
    }
}

void Run::checkSqsTrigger(const Esm &e)
{
    const Component &queue = *e.source;
    const bool fifo = m_ctx.isFifo(queue);
    double batch = 0;
    const bool hasBatch = number(e, QStringLiteral("BatchSize"), batch);
    double window = 0;
    const bool hasWindow = number(e, QStringLiteral("MaximumBatchingWindowInSeconds"), window);

    if (!fifo && hasBatch && batch > 10 && hasWindow && window < 1) {
        report(QStringLiteral("ESM-GEN-002"),
               QStringLiteral("%1 takes batches of %2 messages without a batching window; above 10 messages Lambda "
                              "needs a window of at least 1 second and rejects the mapping.")
                   .arg(trigger(e), Value::number(batch).text()),
               e, {},
               QuickFix{QStringLiteral("Set MaximumBatchingWindowInSeconds to 1 s."), true,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("MaximumBatchingWindowInSeconds"),
                                                                  Value::integer(1))}});
    }
    if (fifo && hasBatch && batch > 10) {
        report(QStringLiteral("ESM-SQS-001"),
               QStringLiteral("%1 takes batches of %2 messages, but %3 is a FIFO queue, which hands out at most 10 "
                              "at a time; Lambda rejects the mapping.")
                   .arg(trigger(e), Value::number(batch).text(), describe(queue.id)),
               e, {},
               QuickFix{QStringLiteral("Set BatchSize to 10."), true,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("BatchSize"), Value::integer(10))}});
    }
    if (fifo && given(e, QStringLiteral("MaximumBatchingWindowInSeconds")) && hasWindow && window > 0) {
        report(QStringLiteral("ESM-SQS-002"),
               QStringLiteral("%1 waits up to %2 to fill a batch, but %3 is a FIFO queue, for which Lambda "
                              "supports no batching window; Lambda rejects the mapping.")
                   .arg(trigger(e), seconds(window), describe(queue.id)),
               e, {},
               QuickFix{QStringLiteral("Remove MaximumBatchingWindowInSeconds from the trigger."), true,
                        {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("MaximumBatchingWindowInSeconds"))}});
    }

    double visibility = 0;
    double timeout = 0;
    if (number(queue, QStringLiteral("VisibilityTimeout"), visibility)
        && number(*e.function, QStringLiteral("Timeout"), timeout)) {
        const double extra = hasWindow ? window : 0;
        const double recommended = std::min(43200.0, std::ceil(6 * timeout + extra));
        const QString visibilityText =
            seconds(visibility) + (isExplicit(queue, QStringLiteral("VisibilityTimeout")) ? QString() : QStringLiteral(", the default"));
        const QString timeoutText =
            seconds(timeout) + (isExplicit(*e.function, QStringLiteral("Timeout")) ? QString() : QStringLiteral(", the default"));
        const QuickFix fix{QStringLiteral("Set VisibilityTimeout of '%1' to %2 (6 x the function timeout%3).")
                               .arg(queue.id, seconds(recommended),
                                    extra > 0 ? QStringLiteral(" + the batching window") : QString()),
                           true,
                           {ValidationContext::setProperty(queue.id, QStringLiteral("VisibilityTimeout"),
                                                           Value::integer(qint64(recommended)))}};
        if (visibility < timeout) {
            report(QStringLiteral("ESM-SQS-003"),
                   QStringLiteral("%1: the queue's visibility timeout (%2) is shorter than the function's timeout "
                                  "(%3), so Lambda refuses to create the trigger; messages would reappear while "
                                  "the function still works on them.")
                       .arg(trigger(e), visibilityText, timeoutText),
                   e, {}, fix);
        } else if (visibility < 6 * timeout + extra) {
            report(QStringLiteral("ESM-SQS-004"),
                   QStringLiteral("%1: the queue's visibility timeout (%2) is below 6 x the function's timeout (%3)%4, "
                                  "so messages of a retried or throttled batch can reappear and be processed twice.")
                       .arg(trigger(e), visibilityText, timeoutText,
                            extra > 0 ? QStringLiteral(" + the batching window (%1)").arg(seconds(extra)) : QString()),
                   e, {}, fix);
        }
    }

    if (given(e, QStringLiteral("MaximumConcurrency")) && given(e, QStringLiteral("ProvisionedPollerConfig"))) {
        report(QStringLiteral("ESM-GEN-017"),
               QStringLiteral("%1 sets both MaximumConcurrency and provisioned mode (ProvisionedPollerConfig); "
                              "Lambda rejects the combination, so the trigger is not created.")
                   .arg(trigger(e)),
               e, {},
               QuickFix{QStringLiteral("Remove MaximumConcurrency (provisioned mode's MaximumPollers bounds the "
                                       "trigger)."),
                        false,
                        {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("MaximumConcurrency"))}});
    }
    checkPollers(e);

    // Advice (info): customer managed KMS key; FIFO with partial batch responses.
    const QString key = validText(queue, QStringLiteral("KmsMasterKeyId"));
    if (!key.isEmpty() && key != u"alias/aws/sqs") {
        report(QStringLiteral("ESM-SQS-009"),
               QStringLiteral("%1 reads a queue encrypted with the KMS key '%2'; unless the function's execution "
                              "role may use kms:Decrypt on that key, Lambda cannot receive the messages.")
                   .arg(trigger(e), key),
               e,
               QStringLiteral("Allow kms:Decrypt on '%1' for the execution role of '%2' (the managed policy "
                              "AWSLambdaSQSQueueExecutionRole does not include it).")
                   .arg(key, e.function->id));
    }
    const Value *types = given(e, QStringLiteral("FunctionResponseTypes"));
    if (fifo && types && types->isList()
        && std::any_of(types->items().begin(), types->items().end(),
                       [](const Value &v) { return v.text() == ReportBatchItemFailures; })) {
        report(QStringLiteral("ESM-SQS-009"),
               QStringLiteral("%1 reports partial batch failures from FIFO queue '%2': unless the function stops at "
                              "the first failed message and reports it with every later one, messages of a group "
                              "are processed out of order.")
                   .arg(trigger(e), queue.id),
               e,
               QStringLiteral("In '%1', on the first failure add that message and all remaining messages of the "
                              "batch to batchItemFailures and return.")
                   .arg(e.function->id));
    }
}

void Run::checkPollers(const Esm &e)
{
    const Value *config = given(e, QStringLiteral("ProvisionedPollerConfig"));
    if (!config || !config->isMap())
        return;
    // API_ProvisionedPollerConfig: SQS minimum 2-200 and maximum 2-10,000 (the newer API text;
    // aws-semantics.md §4 has 2-2,000 from an older page, so 2,001-10,000 is accepted here);
    // Kafka minimum 1-200, maximum 1-2,000. PollerGroupName is for Kafka only.
    const bool sqs = e.kind == Source::Sqs;
    const qint64 low = sqs ? 2 : 1;
    const qint64 maxHigh = sqs ? 10000 : 2000;
    QStringList problems;
    Value fixed = *config;
    bool fixable = true;
    qint64 minimum = -1;
    qint64 maximum = -1;
    auto check = [&](const QString &name, qint64 high, qint64 &out) {
        const Value *v = config->find(name);
        if (!v)
            return;
        const std::optional<qint64> n = v->toInteger();
        if (!n) {
            problems << QStringLiteral("%1 must be a whole number").arg(name);
            fixable = false;
            return;
        }
        out = std::clamp(*n, low, high);
        if (*n != out) {
            problems << QStringLiteral("%1 must be %2 to %3 (it is %4)").arg(name).arg(low).arg(high).arg(*n);
            fixed.set(name, Value::integer(out));
        }
    };
    check(QStringLiteral("MinimumPollers"), 200, minimum);
    check(QStringLiteral("MaximumPollers"), maxHigh, maximum);
    if (minimum >= 0 && maximum >= 0 && minimum > maximum) {
        problems << QStringLiteral("MinimumPollers (%1) is above MaximumPollers (%2)").arg(minimum).arg(maximum);
        fixed.set(QStringLiteral("MaximumPollers"), Value::integer(minimum));
    }
    if (sqs && config->find(QStringLiteral("PollerGroupName"))) {
        problems << QStringLiteral("PollerGroupName is for Kafka triggers only");
        fixed.remove(QStringLiteral("PollerGroupName"));
    }
    if (problems.isEmpty())
        return;
    std::optional<QuickFix> fix;
    if (fixable) {
        fix = QuickFix{QStringLiteral("Set ProvisionedPollerConfig to %1.").arg(fixed.display()), false,
                       {ValidationContext::setConnectionProperty(e.index, QStringLiteral("ProvisionedPollerConfig"), fixed)}};
    }
    report(QStringLiteral("ESM-GEN-018"),
           QStringLiteral("%1 has provisioned mode settings Lambda rejects: %2; the trigger is not created.")
               .arg(trigger(e), problems.join(QStringLiteral("; "))),
           e, QStringLiteral("Correct ProvisionedPollerConfig."), fix);
}

void Run::checkStreamTrigger(const Esm &e)
{
    const bool kafka = e.kind == Source::Kafka;
    const QString unit = kafka ? QStringLiteral("partition") : QStringLiteral("shard");

    checkStartingPosition(e);

    // MaximumRecordAgeInSeconds: -1 or 60-604,800. The catalog range is -1-604,800; the gap
    // 0-59 is checked here (aws-semantics.md §4 range notes, TF-16113).
    double age = -1;
    const bool hasAge = number(e, QStringLiteral("MaximumRecordAgeInSeconds"), age);
    if (given(e, QStringLiteral("MaximumRecordAgeInSeconds")) && hasAge && age >= 0 && age < 60) {
        report(QStringLiteral("ESM-GEN-005"),
               QStringLiteral("%1 skips records older than %2, but the record age must be -1 (no limit) or at least "
                              "60 s; Lambda rejects the mapping.")
                   .arg(trigger(e), seconds(age)),
               e, {},
               QuickFix{QStringLiteral("Set MaximumRecordAgeInSeconds to 60 s."), false,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("MaximumRecordAgeInSeconds"),
                                                                  Value::integer(60))}});
    }

    const Value *onFailure = given(e, QStringLiteral("OnFailure"));
    if (onFailure) {
        const Component *target = m_ctx.component(onFailure->text());
        if (target && (target->kind == u"sqs-queue" || target->kind == u"sns-topic") && m_ctx.isFifo(*target)) {
            report(QStringLiteral("ESM-GEN-008"),
                   QStringLiteral("%1 sends discarded batches to %2, a FIFO %3; triggers accept only standard "
                                  "queues and topics or S3 buckets as on-failure destinations, so Lambda rejects "
                                  "the mapping.")
                       .arg(trigger(e), describe(target->id),
                            target->kind == u"sqs-queue" ? QStringLiteral("queue") : QStringLiteral("topic")),
                   e, {},
                   addOnFailureQueue(e, QStringLiteral("Add a standard SQS queue '%1' and make it the OnFailure destination.")));
        }
    }

    // §14's condition as written: unlimited retries, unlimited age and no OnFailure. (With an
    // OnFailure but unlimited retries the shard still waits until the records expire; the
    // destination then at least records what was lost.)
    double retries = -1;
    const bool hasRetries = number(e, QStringLiteral("MaximumRetryAttempts"), retries);
    if (!onFailure && hasRetries && hasAge && retries < 0 && age < 0) {
        report(QStringLiteral("ESM-GEN-009"),
               QStringLiteral("%1 retries a failing batch until its records expire and has no OnFailure "
                              "destination: one bad record stops its %2 for up to the %3's retention period, and "
                              "then the records are lost without a trace.")
                   .arg(trigger(e), unit, kafka ? QStringLiteral("topic") : QStringLiteral("stream")),
               e, {},
               addOnFailureQueue(e, QStringLiteral("Add an SQS queue '%1' as the OnFailure destination (and consider "
                                                   "limiting MaximumRetryAttempts).")));
    }

    if (kafka) {
        // The 14-minute limit (§14 marks it [verify]) is current: with-msk.html and
        // with-kafka.html say MSK, self-managed Kafka, DocumentDB and MQ mappings "only support
        // functions with maximum timeout limits of 14 minutes".
        double timeout = 0;
        if (number(*e.function, QStringLiteral("Timeout"), timeout) && timeout > 840) {
            report(QStringLiteral("ESM-KAF-005"),
                   QStringLiteral("%1: the function's timeout is %2, but Kafka triggers support functions with a "
                                  "timeout of at most 14 minutes (840 s), so that the mapping can handle errors and "
                                  "retries of a batch.")
                       .arg(trigger(e), seconds(timeout)),
                   e, {},
                   QuickFix{QStringLiteral("Set Timeout of '%1' to 840 s.").arg(e.function->id), false,
                            {ValidationContext::setProperty(e.function->id, QStringLiteral("Timeout"), Value::integer(840))}});
        }
        // Topic names (the count is the catalog's min/max-items under ESM-KAF-001).
        const Value *topics = given(e, QStringLiteral("Topics"));
        if (topics && topics->isList() && topics->items().size() == 1 && topics->items().front().isScalar()) {
            static const QRegularExpression topicName(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
            const QString name = topics->items().front().text();
            if (!topicName.match(name).hasMatch() || name == u"." || name == u"..") {
                report(QStringLiteral("ESM-KAF-001"),
                       QStringLiteral("%1 reads the topic '%2', which is not a valid Kafka topic name (1 to 249 "
                                      "letters, digits, '.', '_' or '-'); Lambda rejects the mapping.")
                           .arg(trigger(e), name),
                       e, QStringLiteral("Use the topic's exact name."));
            }
        }
        checkPollers(e);
    }

    if (e.kind == Source::DynamoDb && !m_ctx.explicitValue(*e.source, QStringLiteral("StreamViewType"))) {
        report(QStringLiteral("ESM-DDB-001"),
               QStringLiteral("%1 reads the table's stream, but %2 has no stream (StreamViewType is not set), so "
                              "there is nothing to read and the deployment fails.")
                   .arg(trigger(e), describe(e.source->id)),
               e, {},
               QuickFix{QStringLiteral("Turn on the stream of '%1' with StreamViewType NEW_AND_OLD_IMAGES.").arg(e.source->id),
                        true,
                        {ValidationContext::setProperty(e.source->id, QStringLiteral("StreamViewType"),
                                                        Value::string(QStringLiteral("NEW_AND_OLD_IMAGES")))}});
    }

    if (e.kind == Source::Kinesis && validText(*e.source, QStringLiteral("StreamModeDetails")) != u"ON_DEMAND") {
        double shards = 0;
        double factor = 1;
        double reserved = 0;
        if (isExplicit(*e.source, QStringLiteral("ShardCount")) && number(*e.source, QStringLiteral("ShardCount"), shards)
            && shards > 0 && number(e, QStringLiteral("ParallelizationFactor"), factor)
            && isExplicit(*e.function, QStringLiteral("ReservedConcurrentExecutions"))
            && number(*e.function, QStringLiteral("ReservedConcurrentExecutions"), reserved)
            && shards * factor > reserved) {
            const qint64 needed = qint64(shards * factor);
            report(QStringLiteral("ESM-KIN-003"),
                   QStringLiteral("%1 can run %2 batches at once (%3 shards x ParallelizationFactor %4), but the "
                                  "function's reserved concurrency is %5, so the extra batches are throttled and "
                                  "the trigger falls behind the stream.")
                       .arg(trigger(e))
                       .arg(needed)
                       .arg(qint64(shards))
                       .arg(qint64(factor))
                       .arg(qint64(reserved)),
                   e, {},
                   QuickFix{QStringLiteral("Raise ReservedConcurrentExecutions of '%1' to %2.").arg(e.function->id).arg(needed),
                            false,
                            {ValidationContext::setProperty(e.function->id, QStringLiteral("ReservedConcurrentExecutions"),
                                                            Value::integer(needed))}});
        }
    }
}

void Run::checkStartingPosition(const Esm &e)
{
    const Value *position = given(e, QStringLiteral("StartingPosition"));
    const Value *timestamp = given(e, QStringLiteral("StartingPositionTimestamp"));
    if (!position) {
        // With a timestamp the intent is clear: start there.
        const bool at = timestamp && e.kind != Source::DynamoDb;
        const QString value = at ? QStringLiteral("AT_TIMESTAMP") : QStringLiteral("LATEST");
        report(QStringLiteral("ESM-GEN-010"),
               QStringLiteral("%1 has no StartingPosition; AWS has no default for %2 triggers and rejects the "
                              "mapping, so the function is never invoked.")
                   .arg(trigger(e), m_ctx.kindOf(*e.source)->name),
               e, {},
               QuickFix{at ? QStringLiteral("Set StartingPosition to AT_TIMESTAMP (the trigger has a "
                                            "StartingPositionTimestamp).")
                           : QStringLiteral("Set StartingPosition to LATEST (only new records; TRIM_HORIZON would "
                                            "also read the records already kept)."),
                        at,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("StartingPosition"),
                                                                  Value::string(value))}});
        return;
    }
    if (e.kind == Source::DynamoDb)
        return;   // AT_TIMESTAMP is out of the catalog's choices there: ESM-GEN-012
    const bool at = position->text() == u"AT_TIMESTAMP";
    if (!at && timestamp) {
        report(QStringLiteral("ESM-GEN-013"),
               QStringLiteral("%1 sets StartingPositionTimestamp, but its StartingPosition is %2, not "
                              "AT_TIMESTAMP; Lambda rejects the mapping.")
                   .arg(trigger(e), position->text()),
               e, {},
               QuickFix{QStringLiteral("Remove StartingPositionTimestamp (or set StartingPosition to AT_TIMESTAMP)."),
                        false,
                        {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("StartingPositionTimestamp"))}});
    } else if (at && !timestamp) {
        report(QStringLiteral("ESM-GEN-013"),
               QStringLiteral("%1 starts AT_TIMESTAMP but gives no StartingPositionTimestamp, so Lambda does not "
                              "know where to start and rejects the mapping.")
                   .arg(trigger(e)),
               e,
               QStringLiteral("Set StartingPositionTimestamp to the Unix time (in seconds) to start from, or use "
                              "TRIM_HORIZON or LATEST."));
    } else if (at) {
        double when = 0;
        const QDateTime endOfToday(m_ctx.today().addDays(1), QTime(0, 0), Qt::UTC);
        if (number(e, QStringLiteral("StartingPositionTimestamp"), when) && when >= double(endOfToday.toSecsSinceEpoch())) {
            report(QStringLiteral("ESM-GEN-013"),
                   QStringLiteral("%1 starts reading at %2, which is in the future; Lambda rejects a starting time "
                                  "later than now.")
                       .arg(trigger(e), QDateTime::fromSecsSinceEpoch(qint64(when), Qt::UTC).toString(Qt::ISODate)),
                   e, QStringLiteral("Use a past time, or StartingPosition LATEST to read only new records."));
        }
    }
}

void Run::checkPartialBatch(const Esm &e)
{
    if (e.kind == Source::Kafka)
        return;   // §14: SQS and stream mappings
    double batch = 0;
    if (!number(e, QStringLiteral("BatchSize"), batch) || batch <= 1)
        return;
    const Value *types = given(e, QStringLiteral("FunctionResponseTypes"));
    if (types && (!types->isList() || !types->items().empty()))
        return;   // set (an invalid value is ESM-GEN-014's business)
    const bool sqs = e.kind == Source::Sqs;
    report(QStringLiteral("ESM-GEN-015"),
           QStringLiteral("%1 takes batches of up to %2 %3 without ReportBatchItemFailures, so one failing %4 makes "
                          "Lambda retry the whole batch and process the others again.")
               .arg(trigger(e), Value::number(batch).text(), sqs ? QStringLiteral("messages") : QStringLiteral("records"),
                    sqs ? QStringLiteral("message") : QStringLiteral("record")),
           e, {},
           QuickFix{QStringLiteral("Add ReportBatchItemFailures to FunctionResponseTypes (the function must then "
                                   "return the failed %1 in batchItemFailures).")
                        .arg(sqs ? QStringLiteral("message ids") : QStringLiteral("sequence numbers")),
                    false,
                    {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FunctionResponseTypes"),
                                                              Value::list({Value::string(ReportBatchItemFailures)}))}});
}

void Run::checkFilters(const Esm &e)
{
    const Value *patterns = given(e, QStringLiteral("FilterPatterns"));
    if (!patterns || !patterns->isList())
        return;
    const int count = int(patterns->items().size());
    // DG-FILTER: 5 per mapping by default, up to 10 with a quota increase (more than 10 is the
    // catalog's max-items, reported under FILTER-001 by the model group).
    if (count > 5 && count <= 10) {
        report(QStringLiteral("FILTER-001"),
               QStringLiteral("%1 has %2 filter patterns, but Lambda's default quota is 5 per trigger; unless the "
                              "account's quota was raised, Lambda rejects the mapping.")
                   .arg(trigger(e))
                   .arg(count),
               e,
               QStringLiteral("Merge patterns to at most 5 (values in one list are alternatives), or request a "
                              "quota increase of filters per event source mapping (up to 10)."));
    }
    for (int i = 0; i < count; ++i) {
        const Value &pattern = patterns->items()[size_t(i)];
        if (!pattern.isMap())
            continue;   // MODEL-003
        QStringList problems;
        bool fixable = true;
        patternProblems(pattern, {}, problems, fixable);
        if (!problems.isEmpty()) {
            std::optional<QuickFix> fix;
            Value wrapped = *patterns;
            wrapped.items()[size_t(i)] = wrapSingleValues(pattern);
            if (fixable && jsonOf(wrapped.items()[size_t(i)]).size() <= 4096) {
                fix = QuickFix{QStringLiteral("Put each single value of filter pattern %1 into a list.").arg(i + 1), true,
                               {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), wrapped)}};
            }
            report(QStringLiteral("FILTER-002"),
                   QStringLiteral("%1: filter pattern %2 is not a valid pattern (%3); Lambda rejects the mapping "
                                  "with \"Invalid filter pattern definition\".")
                       .arg(trigger(e))
                       .arg(i + 1)
                       .arg(problems.join(QStringLiteral("; "))),
                   e, QStringLiteral("Give every field a non-empty list of values or operators."), fix);
        }
        const qsizetype length = jsonOf(pattern).size();
        if (length > 4096) {
            report(QStringLiteral("FILTER-002"),
                   QStringLiteral("%1: filter pattern %2 is %3 characters long as JSON, more than the 4,096 Lambda "
                                  "accepts; Lambda rejects the mapping.")
                       .arg(trigger(e))
                       .arg(i + 1)
                       .arg(length),
                   e, QStringLiteral("Shorten the pattern, or split it into several patterns (they are alternatives)."));
        }
        checkPatternFields(e, i + 1, pattern);
    }
    if (e.kind == Source::Sqs && count > 0) {
        report(QStringLiteral("FILTER-004"),
               QStringLiteral("%1 has %2 filter pattern%3: Lambda deletes every message of '%4' that matches none "
                              "of them without invoking '%5', and a plain-text body never matches a pattern on JSON "
                              "fields.")
                   .arg(trigger(e))
                   .arg(count)
                   .arg(count == 1 ? "" : "s")
                   .arg(e.source->id, e.function->id),
               e,
               QStringLiteral("Make sure every message sent to '%1' is meant for '%2' or may be discarded; give "
                              "other consumers their own queue (for example through SNS subscription filters).")
                   .arg(e.source->id, e.function->id));
    }
}

// The top-level fields of a record per source (the event shapes in the Lambda guide). The
// per-source filtering pages say that filtering is supported on the data key (SQS body,
// Kinesis data, DynamoDB dynamodb, Kafka value; with-sqs-filtering.html and siblings);
// metadata fields are accepted too, as aws-semantics.md §5 has it and as AWS's own examples
// filter DynamoDB records on eventName. A field outside this list is never in a record.
void Run::checkPatternFields(const Esm &e, int number, const Value &pattern)
{
    static const QStringList sqsFields = {
        QStringLiteral("body"), QStringLiteral("messageId"), QStringLiteral("receiptHandle"),
        QStringLiteral("attributes"), QStringLiteral("messageAttributes"), QStringLiteral("md5OfBody"),
        QStringLiteral("md5OfMessageAttributes"), QStringLiteral("eventSource"),
        QStringLiteral("eventSourceARN"), QStringLiteral("awsRegion")};
    static const QStringList kinesisFields = {
        QStringLiteral("data"), QStringLiteral("partitionKey"), QStringLiteral("sequenceNumber"),
        QStringLiteral("approximateArrivalTimestamp"), QStringLiteral("kinesisSchemaVersion"),
        QStringLiteral("encryptionType"), QStringLiteral("eventSource"), QStringLiteral("eventVersion"),
        QStringLiteral("eventID"), QStringLiteral("eventName"), QStringLiteral("invokeIdentityArn"),
        QStringLiteral("awsRegion"), QStringLiteral("eventSourceARN")};
    static const QStringList dynamoDbFields = {
        QStringLiteral("dynamodb"), QStringLiteral("eventID"), QStringLiteral("eventName"),
        QStringLiteral("eventVersion"), QStringLiteral("eventSource"), QStringLiteral("awsRegion"),
        QStringLiteral("userIdentity"), QStringLiteral("eventSourceARN")};
    static const QStringList kafkaFields = {
        QStringLiteral("value"), QStringLiteral("key"), QStringLiteral("topic"), QStringLiteral("partition"),
        QStringLiteral("offset"), QStringLiteral("timestamp"), QStringLiteral("timestampType"),
        QStringLiteral("headers")};
    static const QStringList dataKeys = {QStringLiteral("body"), QStringLiteral("data"),
                                         QStringLiteral("dynamodb"), QStringLiteral("value")};
    static const QStringList streamRecordFields = {
        QStringLiteral("Keys"), QStringLiteral("NewImage"), QStringLiteral("OldImage"),
        QStringLiteral("SequenceNumber"), QStringLiteral("SizeBytes"), QStringLiteral("StreamViewType"),
        QStringLiteral("ApproximateCreationDateTime")};

    const QStringList *fields = &sqsFields;
    QString dataKey = QStringLiteral("body");
    switch (e.kind) {
    case Source::Sqs: break;
    case Source::Kinesis: fields = &kinesisFields; dataKey = QStringLiteral("data"); break;
    case Source::DynamoDb: fields = &dynamoDbFields; dataKey = QStringLiteral("dynamodb"); break;
    case Source::Kafka: fields = &kafkaFields; dataKey = QStringLiteral("value"); break;
    }
    const QString sourceName = m_ctx.kindOf(*e.source)->name;
    const QString dropped = e.kind == Source::Sqs ? QStringLiteral("deleted from the queue") : QStringLiteral("dropped");

    QStringList unknown;
    for (const MapEntry &entry : pattern.entries()) {
        if (!fields->contains(entry.key))
            unknown << entry.key;
    }
    if (!unknown.isEmpty()) {
        std::optional<QuickFix> fix;
        Value patterns = *given(e, QStringLiteral("FilterPatterns"));
        Value &mine = patterns.items()[size_t(number - 1)];
        if (!pattern.find(dataKey) && unknown.size() == 1 && dataKeys.contains(unknown.front())) {
            // Another source's data key: the payload of this source is under dataKey.
            const int at = mine.indexOf(unknown.front());
            const Value moved = *mine.find(unknown.front());
            mine.remove(unknown.front());
            mine.insertAt(at, dataKey, moved);
            fix = QuickFix{QStringLiteral("Rename '%1' to '%2' in filter pattern %3.").arg(unknown.front(), dataKey).arg(number),
                           false, {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), patterns)}};
        } else if (e.kind == Source::Kinesis && unknown == QStringList{QStringLiteral("kinesis")}
                   && pattern.find(unknown.front())->isMap() && !pattern.find(unknown.front())->entries().empty()
                   && std::all_of(pattern.find(unknown.front())->entries().begin(),
                                  pattern.find(unknown.front())->entries().end(),
                                  [](const MapEntry &inner) { return kinesisFields.contains(inner.key) && !inner.key.isEmpty(); })
                   && std::none_of(pattern.find(unknown.front())->entries().begin(),
                                   pattern.find(unknown.front())->entries().end(),
                                   [&](const MapEntry &inner) { return pattern.find(inner.key) != nullptr; })) {
            // The record's 'kinesis' object: its fields are filtered at the top level.
            const Value inner = *mine.find(unknown.front());
            int at = mine.indexOf(unknown.front());
            mine.remove(unknown.front());
            for (const MapEntry &field : inner.entries())
                mine.insertAt(at++, field.key, field.value);
            fix = QuickFix{QStringLiteral("Move the fields of 'kinesis' to the top of filter pattern %1.").arg(number),
                           false, {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), patterns)}};
        } else if (e.kind == Source::DynamoDb && !pattern.find(dataKey)
                   && std::all_of(unknown.begin(), unknown.end(),
                                  [](const QString &k) { return streamRecordFields.contains(k); })) {
            // NewImage, Keys and the like live under 'dynamodb'.
            Value inner = Value::map();
            int at = -1;
            for (const QString &k : unknown) {
                const int index = mine.indexOf(k);
                at = at < 0 ? index : std::min(at, index);
                inner.set(k, *mine.find(k));
            }
            for (const QString &k : unknown)
                mine.remove(k);
            mine.insertAt(at, dataKey, inner);
            fix = QuickFix{QStringLiteral("Move %1 under 'dynamodb' in filter pattern %2.").arg(quotedList(unknown)).arg(number),
                           false, {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), patterns)}};
        }
        report(QStringLiteral("FILTER-003"),
               QStringLiteral("%1: filter pattern %2 tests %3, which records from %4 never have (their payload is "
                              "under '%5'), so the pattern matches nothing and the records it was meant to let "
                              "through are %6.")
                   .arg(trigger(e))
                   .arg(number)
                   .arg(quotedList(unknown), describe(e.source->id), dataKey, dropped),
               e, QStringLiteral("Test the payload under '%1', or a field every %2 record has.").arg(dataKey, sourceName),
               fix);
    }

    // DynamoDB: the images a pattern reads must be in the table's stream records.
    if (e.kind == Source::DynamoDb) {
        const Value *change = pattern.find(dataKey);
        const QString view = validText(*e.source, QStringLiteral("StreamViewType"));
        if (!change || !change->isMap() || view.isEmpty())
            return;
        QStringList missing;
        if (change->find(QStringLiteral("NewImage")) && view != u"NEW_IMAGE" && view != u"NEW_AND_OLD_IMAGES")
            missing << QStringLiteral("NewImage");
        if (change->find(QStringLiteral("OldImage")) && view != u"OLD_IMAGE" && view != u"NEW_AND_OLD_IMAGES")
            missing << QStringLiteral("OldImage");
        if (missing.isEmpty())
            return;
        report(QStringLiteral("FILTER-003"),
               QStringLiteral("%1: filter pattern %2 tests dynamodb.%3, but %4 streams %5 records, which have no "
                              "%3; the pattern matches nothing and the changes it was meant to let through are "
                              "dropped.")
                   .arg(trigger(e))
                   .arg(number)
                   .arg(missing.join(QStringLiteral(" and ")), describe(e.source->id), view),
               e, {},
               QuickFix{QStringLiteral("Set StreamViewType of '%1' to NEW_AND_OLD_IMAGES.").arg(e.source->id), false,
                        {ValidationContext::setProperty(e.source->id, QStringLiteral("StreamViewType"),
                                                        Value::string(QStringLiteral("NEW_AND_OLD_IMAGES")))}});
    }
}

void Run::checkQueues()
{
    // Queues that trigger a function, with the functions they trigger.
    QStringList triggering;
    QHash<QString, QStringList> functions;
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Sqs)
            continue;
        if (!functions.contains(e.source->id))
            triggering << e.source->id;
        functions[e.source->id] << describe(e.function->id);
    }
    for (const QString &id : triggering) {
        const Component &queue = *m_ctx.component(id);
        std::vector<int> redrives;
        for (int i : m_ctx.outgoing(id, DeadLetter)) {
            const Component *target = m_ctx.component(m_ctx.connection(i).to);
            if (target && target->kind == u"sqs-queue")
                redrives.push_back(i);
        }
        if (redrives.empty()) {
            const bool fifo = m_ctx.isFifo(queue);
            const QString dlq = newId(id + QStringLiteral("-dlq"));
            Value properties = Value::map();
            if (fifo)
                properties.set(QStringLiteral("FifoQueue"), Value::boolean(true));
            const QString name = validText(queue, QStringLiteral("QueueName"));
            if (!name.isEmpty()) {
                QString stem = name.endsWith(QStringLiteral(".fifo")) ? name.chopped(5) : name;
                const QString suffix = QStringLiteral("-dlq") + (fifo ? QStringLiteral(".fifo") : QString());
                properties.set(QStringLiteral("QueueName"), Value::string(stem.left(80 - suffix.size()) + suffix));
            }
            // A dead-letter queue keeps messages longer than its source: a standard queue's
            // message keeps its original enqueue time (SQS developer guide, dead-letter queues).
            properties.set(QStringLiteral("MessageRetentionPeriod"), Value::integer(1209600));
            Value redrive = Value::map();
            redrive.set(QStringLiteral("maxReceiveCount"), Value::integer(5));
            double retention = 345600;
            number(queue, QStringLiteral("MessageRetentionPeriod"), retention);
            m_ctx.report(QStringLiteral("ESM-SQS-005"),
                         QStringLiteral("%1 triggers %2 but has no dead-letter queue: a message that keeps failing "
                                        "comes back after every visibility timeout until it expires (%3), invoking "
                                        "the function each time, and is then lost.")
                             .arg(describe(id), functions.value(id).join(QStringLiteral(" and ")), duration(retention)),
                         id, -1, {},
                         QuickFix{QStringLiteral("Add a dead-letter queue '%1' for '%2' (maxReceiveCount 5, messages "
                                                 "kept 14 days).")
                                      .arg(dlq, id),
                                  true,
                                  {addComponent(dlq, QStringLiteral("sqs-queue"),
                                                QStringLiteral("Dead letters of %1").arg(queue.displayName()), properties),
                                   addConnection(id, dlq, DeadLetter, redrive)}});
            continue;
        }
        for (int i : redrives) {
            double count = 10;
            if (!number(m_ctx.connection(i), QStringLiteral("maxReceiveCount"), count) || count >= 5)
                continue;
            m_ctx.report(QStringLiteral("ESM-SQS-005"),
                         QStringLiteral("The redrive from %1 to its dead-letter queue '%2' uses maxReceiveCount %3: a "
                                        "message that is only throttled or fails briefly moves to the dead-letter "
                                        "queue after %3 receive%4, without a fair chance to be processed.")
                             .arg(describe(id), m_ctx.connection(i).to, Value::number(count).text(),
                                  count == 1 ? QString() : QStringLiteral("s")),
                         id, i, {},
                         QuickFix{QStringLiteral("Set maxReceiveCount to 5."), true,
                                  {ValidationContext::setConnectionProperty(i, QStringLiteral("maxReceiveCount"),
                                                                            Value::integer(5))}});
        }
    }

    // Names and FIFO-only attributes, for every queue (length and characters are the catalog's
    // pattern on QueueName, reported under ESM-SQS-007 by the model group).
    for (const Component *queue : m_ctx.componentsOfKind(QStringLiteral("sqs-queue"))) {
        const bool fifo = m_ctx.isFifo(*queue);
        const QString name = validText(*queue, QStringLiteral("QueueName"));
        const bool fifoName = name.endsWith(QStringLiteral(".fifo"));
        if (fifo && !name.isEmpty() && !fifoName) {
            std::optional<QuickFix> fix;
            if (name.size() + 5 <= 80) {
                fix = QuickFix{QStringLiteral("Rename the queue to '%1.fifo'.").arg(name), false,
                               {ValidationContext::setProperty(queue->id, QStringLiteral("QueueName"),
                                                               Value::string(name + QStringLiteral(".fifo")))}};
            }
            m_ctx.report(QStringLiteral("ESM-SQS-007"),
                         QStringLiteral("%1 is a FIFO queue named '%2', but a FIFO queue's name must end in .fifo; "
                                        "SQS rejects the queue, so the deployment fails.")
                             .arg(describe(queue->id), name),
                         queue->id, -1, QStringLiteral("Add .fifo to the queue name."), fix);
        } else if (!fifo && fifoName) {
            m_ctx.report(QStringLiteral("ESM-SQS-007"),
                         QStringLiteral("%1 is named '%2' but is a standard queue (FifoQueue is not true); only FIFO "
                                        "queue names may end in .fifo, so SQS rejects the queue.")
                             .arg(describe(queue->id), name),
                         queue->id, -1, {},
                         QuickFix{QStringLiteral("Make '%1' a FIFO queue (FifoQueue: true).").arg(queue->id), false,
                                  {ValidationContext::setProperty(queue->id, QStringLiteral("FifoQueue"), Value::boolean(true))}});
        }
        if (!fifo) {
            QStringList fifoOnly;
            for (const char *attribute : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
                if (isExplicit(*queue, QLatin1String(attribute)))
                    fifoOnly << QLatin1String(attribute);
            }
            if (!fifoOnly.isEmpty()) {
                QuickFix fix{QStringLiteral("Remove %1 from '%2'.").arg(fifoOnly.join(QStringLiteral(" and ")), queue->id),
                             false, {}};
                for (const QString &attribute : fifoOnly)
                    fix.edits.push_back(removeComponentProperty(queue->id, attribute));
                m_ctx.report(QStringLiteral("ESM-SQS-007"),
                             QStringLiteral("%1 is a standard queue but sets %2, which exist only on FIFO queues; "
                                            "SQS rejects the queue, so the deployment fails.")
                                 .arg(describe(queue->id), fifoOnly.join(QStringLiteral(" and "))),
                             queue->id, -1, {}, fix);
            }
        }
    }
}

void Run::checkRedrive()
{
    for (int i = 0; i < int(m_ctx.data().connections.size()); ++i) {
        const Connection &c = m_ctx.connection(i);
        if (c.role != DeadLetter)
            continue;
        const Component *source = m_ctx.component(c.from);
        const Component *dlq = m_ctx.component(c.to);
        if (!source || !dlq || source->kind != u"sqs-queue" || dlq->kind != u"sqs-queue" || source == dlq)
            continue;
        const bool fifo = m_ctx.isFifo(*source);
        if (fifo == m_ctx.isFifo(*dlq))
            continue;
        QuickFix fix{fifo ? QStringLiteral("Make '%1' a FIFO queue like '%2'.").arg(dlq->id, source->id)
                          : QStringLiteral("Make '%1' a standard queue like '%2'.").arg(dlq->id, source->id),
                     false, {}};
        const QString name = validText(*dlq, QStringLiteral("QueueName"));
        if (fifo) {
            fix.edits.push_back(ValidationContext::setProperty(dlq->id, QStringLiteral("FifoQueue"), Value::boolean(true)));
            if (!name.isEmpty() && !name.endsWith(QStringLiteral(".fifo")))
                fix.edits.push_back(ValidationContext::setProperty(dlq->id, QStringLiteral("QueueName"),
                                                                   Value::string(name.left(75) + QStringLiteral(".fifo"))));
        } else {
            fix.edits.push_back(removeComponentProperty(dlq->id, QStringLiteral("FifoQueue")));
            for (const char *attribute : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
                if (isExplicit(*dlq, QLatin1String(attribute)))
                    fix.edits.push_back(removeComponentProperty(dlq->id, QLatin1String(attribute)));
            }
            if (name.endsWith(QStringLiteral(".fifo")))
                fix.edits.push_back(ValidationContext::setProperty(dlq->id, QStringLiteral("QueueName"),
                                                                   Value::string(name.chopped(5))));
        }
        m_ctx.report(QStringLiteral("ESM-SQS-006"),
                     QStringLiteral("%1 is a %2 queue but its dead-letter queue '%3' is a %4 queue; SQS rejects the "
                                    "redrive policy, so the deployment fails.")
                         .arg(describe(source->id), fifo ? QStringLiteral("FIFO") : QStringLiteral("standard"),
                              dlq->id, fifo ? QStringLiteral("standard") : QStringLiteral("FIFO")),
                     source->id, i, {}, fix);
    }
}

void Run::checkReservedConcurrency()
{
    QHash<QString, std::vector<const Esm *>> byFunction;   // SQS triggers with MaximumConcurrency
    for (const Esm &e : m_esms) {
        if (e.kind == Source::Sqs && given(e, QStringLiteral("MaximumConcurrency")))
            byFunction[e.function->id].push_back(&e);
    }
    for (const Component *function : m_ctx.componentsOfKind(QStringLiteral("lambda-function"))) {
        const auto triggers = byFunction.constFind(function->id);
        double reserved = 0;
        if (triggers == byFunction.constEnd()
            || !isExplicit(*function, QStringLiteral("ReservedConcurrentExecutions"))
            || !number(*function, QStringLiteral("ReservedConcurrentExecutions"), reserved))
            continue;
        double sum = 0;
        QStringList parts;
        for (const Esm *e : *triggers) {
            double concurrency = 0;
            if (!number(*e, QStringLiteral("MaximumConcurrency"), concurrency))
                continue;
            sum += concurrency;
            parts << QStringLiteral("%1 from '%2'").arg(Value::number(concurrency).text(), e->source->id);
        }
        if (parts.isEmpty() || reserved >= sum)
            continue;
        m_ctx.report(QStringLiteral("ESM-SQS-008"),
                     QStringLiteral("%1 has reserved concurrency %2, below the %3 instances its SQS triggers may run "
                                    "at once (MaximumConcurrency %4); Lambda throttles the rest, and throttled "
                                    "messages return to their queue and may reach the dead-letter queue unprocessed.")
                         .arg(describe(function->id), Value::number(reserved).text(), Value::number(sum).text(),
                              parts.join(QStringLiteral(" + "))),
                     function->id, -1, {},
                     QuickFix{QStringLiteral("Raise ReservedConcurrentExecutions of '%1' to %2 (or lower the triggers' "
                                             "MaximumConcurrency).")
                                  .arg(function->id, Value::number(sum).text()),
                              false,
                              {ValidationContext::setProperty(function->id, QStringLiteral("ReservedConcurrentExecutions"),
                                                              Value::integer(qint64(sum)))}});
    }
}

void Run::checkStreamReaders()
{
    QStringList order;
    QHash<QString, std::vector<const Esm *>> bySource;
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Kinesis && e.kind != Source::DynamoDb)
            continue;
        if (!bySource.contains(e.source->id))
            order << e.source->id;
        bySource[e.source->id].push_back(&e);
    }
    for (const QString &id : order) {
        const std::vector<const Esm *> &readers = bySource[id];
        if (readers.front()->kind == Source::DynamoDb) {
            if (readers.size() > 2) {
                m_ctx.report(QStringLiteral("ESM-DDB-002"),
                             QStringLiteral("%1 has %2 triggers reading its stream, but DynamoDB Streams serve about "
                                            "two readers per shard; the others are throttled and every trigger on "
                                            "the table falls behind.")
                                 .arg(describe(id))
                                 .arg(readers.size()),
                             id, -1,
                             QStringLiteral("Keep at most two triggers on '%1': let one function fan the changes out "
                                            "(for example through SNS or EventBridge), or stream the table into a "
                                            "Kinesis data stream for many consumers.")
                                 .arg(id));
            }
            continue;
        }
        std::vector<const Esm *> shared;
        int fanOut = 0;
        for (const Esm *e : readers) {
            if (m_ctx.flag(*e->connection, QStringLiteral("Consumer")))
                ++fanOut;
            else
                shared.push_back(e);
        }
        if (fanOut > 20) {
            m_ctx.report(QStringLiteral("ESM-KIN-001"),
                         QStringLiteral("%1 has %2 triggers with enhanced fan-out (Consumer: true), more than the 20 "
                                        "consumers a stream can register (50 for On-demand Advantage streams); "
                                        "registering the others fails and those triggers cannot read.")
                             .arg(describe(id))
                             .arg(fanOut),
                         id, -1,
                         QStringLiteral("Keep at most 20 triggers with Consumer: true on '%1'; let the others share "
                                        "the stream's throughput, or fan out from fewer functions.")
                             .arg(id));
        }
        if (shared.size() > 5) {
            QuickFix fix{QStringLiteral("Give %1 of the triggers on '%2' enhanced fan-out (Consumer: true).")
                             .arg(shared.size() - 5)
                             .arg(id),
                         false, {}};
            for (size_t i = 5; i < shared.size(); ++i)
                fix.edits.push_back(ValidationContext::setConnectionProperty(shared[i]->index, QStringLiteral("Consumer"),
                                                                             Value::boolean(true)));
            m_ctx.report(QStringLiteral("ESM-KIN-002"),
                         QStringLiteral("%1 has %2 triggers sharing each shard's read throughput (5 reads per second, "
                                        "2 MB/s), so they are throttled and fall behind the stream.")
                             .arg(describe(id))
                             .arg(shared.size()),
                         id, -1, {}, fix);
        }
    }
}

void Run::checkConsumerGroups()
{
    QHash<QString, const Esm *> first;
    QSet<QString> used;
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Kafka)
            continue;
        if (const Value *v = given(e, QStringLiteral("ConsumerGroupId")))
            used.insert(v->text());
    }
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Kafka)
            continue;
        const Value *v = given(e, QStringLiteral("ConsumerGroupId"));
        if (!v || !v->isScalar() || v->text().isEmpty())
            continue;
        const QString group = v->text();
        const auto it = first.constFind(group);
        if (it == first.constEnd()) {
            first.insert(group, &e);
            continue;
        }
        QString unique = group.left(200 - e.function->id.size() - 1) + QLatin1Char('-') + e.function->id;
        for (int n = 2; used.contains(unique); ++n)
            unique = group.left(200 - e.function->id.size() - 5) + QLatin1Char('-') + e.function->id
                     + QLatin1Char('-') + QString::number(n);
        used.insert(unique);
        report(QStringLiteral("ESM-KAF-002"),
               QStringLiteral("%1 joins the consumer group '%2', which the trigger from %3 to %4 also uses; Lambda "
                              "requires a consumer group unique among Kafka triggers, and two functions in one group "
                              "would each get only part of the records.")
                   .arg(trigger(e), group, describe((*it)->source->id), describe((*it)->function->id)),
               e, {},
               QuickFix{QStringLiteral("Set ConsumerGroupId to '%1'.").arg(unique), false,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("ConsumerGroupId"),
                                                                  Value::string(unique))}});
    }
}

} // namespace

void checkEventSourceMappings(ValidationContext &context)
{
    Run(context).run();
}

} // namespace ew::core::rules

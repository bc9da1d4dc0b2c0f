// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rulegroups.h"

// The event source mapping rules (ESM-*, FILTER-*): ids, titles and citations; the checks are
// esmrules.cpp.

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

} // namespace ew::core::rules

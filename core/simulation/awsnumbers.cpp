// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/awsnumbers.h"

#include <QtGlobal>

#include <cstring>

namespace ew::core::sim {

namespace {

constexpr const char *AsyncErr = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
constexpr const char *SqsScale = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html";
constexpr const char *SqsCfg = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html";
constexpr const char *EsmApi = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html";
constexpr const char *Scaling = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html";
constexpr const char *Conc = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html";
constexpr const char *Recursion = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html";
constexpr const char *EbRetry = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html";
constexpr const char *SnsRetry = "https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html";
constexpr const char *KinesisLimits = "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html";
constexpr const char *KinesisStream = "https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html";
constexpr const char *DdbStreams = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html";
constexpr const char *DdbLambda = "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html";
constexpr const char *S3Notify = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html";
constexpr const char *Msk = "https://docs.aws.amazon.com/lambda/latest/dg/with-msk-configure.html";
constexpr const char *ColdStart = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html";
constexpr const char *Checked = "2026-12-04";

} // namespace

const std::vector<AwsNumber> &awsNumbers()
{
    static const std::vector<AwsNumber> table = {
        // Asynchronous invocation
        {"async.retry-delay-1", 60, "s", AsyncErr, Checked, false},
        {"async.retry-delay-2", 120, "s", AsyncErr, Checked, false},
        {"async.throttle-backoff-min", 1, "s", AsyncErr, Checked, false},
        {"async.throttle-backoff-max", 300, "s", AsyncErr, Checked, false},
        // Delivery layers in front of Lambda
        {"eventbridge.retry-backoff-min", 1, "s", EbRetry, Checked, true},
        {"eventbridge.retry-backoff-max", 300, "s", EbRetry, Checked, true},
        {"sns.lambda-retry-delay", 20, "s", SnsRetry, Checked, false},
        {"sns.lambda-retry-attempts", 100015, "attempts", SnsRetry, Checked, false},
        {"sns.lambda-retry-period", 23 * 86400.0, "s", SnsRetry, Checked, false},
        {"s3.delivery-retry-attempts", 3, "attempts", S3Notify, Checked, true},
        {"s3.delivery-retry-period", 3600, "s", S3Notify, Checked, true},
        {"s3.delivery-retry-delay", 60, "s", S3Notify, Checked, true},
        // SQS event source mapping
        {"sqs.initial-batches", 5, "batches", SqsScale, Checked, false},
        {"sqs.scale-per-minute", 300, "batches/min", SqsScale, Checked, false},
        {"sqs.max-batches", 1000, "batches", SqsScale, Checked, false},
        {"sqs.throttled-repoll", 1, "s", SqsScale, Checked, true},
        // Streams and Kafka
        {"stream.retry-delay", 1, "s", KinesisStream, Checked, true},
        {"kinesis.poll-interval", 1, "s", KinesisStream, Checked, false},
        {"dynamodb.poll-interval", 0.25, "s", DdbLambda, Checked, false},
        {"kinesis.shard-records-per-second", 1000, "records/s", KinesisLimits, Checked, false},
        {"kinesis.on-demand-initial-shards", 4, "shards", KinesisLimits, Checked, false},
        {"dynamodb.stream-retention", 86400, "s", DdbStreams, Checked, false},
        {"msk.default-batching-window", 0.5, "s", Msk, Checked, false},
        {"msk.retention", 604800, "s", Msk, Checked, true},
        // Function concurrency and scaling
        {"lambda.account-concurrency", 1000, "executions", Conc, Checked, false},
        {"lambda.unreserved-minimum", 100, "executions", Conc, Checked, false},
        {"lambda.scaling-environments", 1000, "environments", Scaling, Checked, false},
        {"lambda.scaling-period", 10, "s", Scaling, Checked, false},
        {"lambda.cold-start", 0.25, "s", ColdStart, Checked, true},
        {"lambda.recursion-limit", 16, "invocations", Recursion, Checked, false},
        {"esm.default-stream-batch", 100, "records", EsmApi, Checked, false},
    };
    return table;
}

double awsNumber(const char *key)
{
    for (const AwsNumber &n : awsNumbers())
        if (std::strcmp(n.key, key) == 0)
            return n.value;
    qFatal("unknown simulator number %s", key);
}

} // namespace ew::core::sim

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

// The project file the validation and export benchmarks measure.
// One "cell" of a realistic design, 10 components and 11 connections: an HTTP API, a queue
// with a DLQ, a Kinesis stream with an on-failure queue, an S3 bucket, an SNS topic, a table
// and three functions.
inline QByteArray syntheticProject(int components)
{
    QByteArray c = "eventwright: 1\nname: Synthetic\ncomponents:\n";
    QByteArray k = "connections:\n";
    const int cells = components / 10;
    for (int i = 0; i < cells; ++i) {
        const QByteArray n = QByteArray::number(i);
        const int x = (i % 20) * 1200, y = (i / 20) * 600;
        auto comp = [&](const char *id, const char *kind, int dx, int dy, const QByteArray &props) {
            c += "  - id: " + QByteArray(id) + "-" + n + "\n    kind: " + kind + "\n    at: ["
                 + QByteArray::number(x + dx) + ", " + QByteArray::number(y + dy) + "]\n";
            if (!props.isEmpty())
                c += "    properties:\n" + props;
        };
        auto conn = [&](const char *from, const char *to, const char *role, const QByteArray &props) {
            k += "  - from: " + QByteArray(from) + "-" + n + "\n    to: " + to + "-" + n + "\n    role: " + role + "\n";
            if (!props.isEmpty())
                k += "    properties:\n" + props;
        };
        const QByteArray fn = "      Runtime: python3.13\n      Handler: app.handler\n      CodeUri: src/\n"
                              "      Timeout: 20\n      MemorySize: 512\n";
        comp("api", "apigateway-http", 0, 0, "      StageName: prod\n");
        comp("ingest", "lambda-function", 300, 0, fn);
        comp("queue", "sqs-queue", 600, 0, "      VisibilityTimeout: 180\n");
        comp("dlq", "sqs-queue", 600, 150, {});
        comp("worker", "lambda-function", 900, 0, fn);
        comp("table", "dynamodb-table", 900, 150, "      PartitionKey: pk:S\n      BillingMode: PAY_PER_REQUEST\n");
        comp("stream", "kinesis-stream", 0, 300, "      ShardCount: 2\n");
        comp("analytics", "lambda-function", 300, 300, fn);
        comp("failed", "sqs-queue", 600, 300, {});
        comp("topic", "sns-topic", 0, 450, {});
        conn("api", "ingest", "trigger", "      Method: POST\n      Path: /items\n");
        conn("ingest", "queue", "access", "      Access: write\n");
        conn("queue", "worker", "trigger", "      BatchSize: 10\n      FunctionResponseTypes:\n        - ReportBatchItemFailures\n");
        conn("queue", "dlq", "dead-letter", "      maxReceiveCount: 5\n");
        conn("worker", "table", "access", "      Access: write\n");
        conn("stream", "analytics", "trigger",
             "      StartingPosition: LATEST\n      MaximumRetryAttempts: 3\n      OnFailure: failed-" + n
                 + "\n      FunctionResponseTypes:\n        - ReportBatchItemFailures\n");
        conn("analytics", "table", "access", "      Access: read-write\n");
        conn("topic", "analytics", "trigger",
             "      FilterPolicy:\n        type:\n          - order\n      DeadLetterQueue: dlq-" + n + "\n");
        conn("analytics", "failed", "on-failure", {});
        conn("worker", "topic", "access", "      Access: write\n");
        conn("ingest", "table", "access", "      Access: read\n");
    }
    return c + k;
}

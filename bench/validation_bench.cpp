// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
//
// Measures full validation of synthetic projects (500 and 10,000 components, realistic
// connections) against the time to load the same project file. Prints the figures; exits 1
// when a target of issue #3 is missed (500 ≤ 5 ms, 10,000 ≤ 100 ms, validation < loading).

#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/validation/validator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ew::core;

// One "cell" of a realistic design, 10 components and 11 connections: an HTTP API, a queue
// with a DLQ, a Kinesis stream with an on-failure queue, an S3 bucket, an SNS topic, a table
// and three functions.
static QByteArray syntheticProject(int components)
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

template<typename F>
static double medianMs(int runs, F &&f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // --dump FILE writes the 500-component project, to look at what the benchmark validates.
    const QStringList args = app.arguments();
    if (const int i = int(args.indexOf(QStringLiteral("--dump"))); i > 0 && i + 1 < args.size()) {
        QFile out(args.at(i + 1));
        if (!out.open(QIODevice::WriteOnly) || out.write(syntheticProject(500)) < 0)
            return 2;
        return 0;
    }
    const Catalog &catalog = Catalog::builtin();
    bool ok = true;
    std::printf("%-12s %12s %10s %14s %10s %8s\n", "components", "connections", "load ms",
                "validate ms", "ratio", "target");
    for (const auto &[size, targetMs] : {std::pair{500, 5.0}, std::pair{10000, 100.0}}) {
        const QByteArray text = syntheticProject(size);
        const ProjectLoadResult loaded = ProjectSerializer::load(text);
        if (!loaded.ok()) {
            std::fprintf(stderr, "synthetic project does not load: %s\n", qPrintable(loaded.error.message));
            return 2;
        }
        const int runs = size <= 500 ? 41 : 11;
        int diagnostics = 0;
        const double load = medianMs(runs, [&] { (void)ProjectSerializer::load(text); });
        const double validate = medianMs(runs, [&] {
            diagnostics = int(Validator::validate(*loaded.data, catalog).size());
        });
        const bool met = validate <= targetMs && validate < load;
        ok = ok && met;
        std::printf("%-12zu %12zu %10.2f %14.2f %10.3f %8s   (%d diagnostics; target <= %.0f ms and < load)\n",
                    loaded.data->components.size(), loaded.data->connections.size(), load, validate,
                    validate / load, met ? "met" : "MISSED", diagnostics, targetMs);
    }
    return ok ? 0 : 1;
}

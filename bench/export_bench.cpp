// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
//
// Measures the SAM and Terraform export of synthetic projects of 10,000 and 100,000 components
// (the realistic cells of validation_bench). Export time must grow linearly with the design:
// prints the figures and the time per component; exits 1 when 100,000 components take more than
// 10 s for SAM (issue #10 item 15) or when the time per component at 100k is more than 3 times
// the one at 10k. --sizes N,N,... measures other sizes.

#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>
#include <core/io/projectserializer.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cstdio>

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

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<int> sizes{10000, 100000};
    QStringList formats{QStringLiteral("sam"), QStringLiteral("terraform")};
    const QStringList args = app.arguments();
    if (const int i = int(args.indexOf(QStringLiteral("--sizes"))); i > 0 && i + 1 < args.size()) {
        sizes.clear();
        for (const QString &s : args.at(i + 1).split(QLatin1Char(',')))
            sizes << s.toInt();
    }
    if (const int i = int(args.indexOf(QStringLiteral("--to"))); i > 0 && i + 1 < args.size())
        formats = args.at(i + 1).split(QLatin1Char(','));
    const Catalog &catalog = Catalog::builtin();
    bool ok = true;
    std::printf("%-10s %11s %12s %12s %12s\n", "format", "components", "export s", "us/component", "MB");
    for (const QString &format : formats) {
        const Exporter *exporter = ExporterRegistry::builtin().find(format);
        if (!exporter) {
            std::fprintf(stderr, "unknown format %s\n", qPrintable(format));
            return 2;
        }
        double firstPerComponent = 0;
        for (int size : sizes) {
            const ProjectLoadResult loaded = ProjectSerializer::load(syntheticProject(size));
            if (!loaded.ok()) {
                std::fprintf(stderr, "synthetic project does not load: %s\n", qPrintable(loaded.error.message));
                return 2;
            }
            QElapsedTimer t;
            t.start();
            const ExportResult result = exporter->exportDiagram(*loaded.data, catalog);
            const double seconds = double(t.nsecsElapsed()) / 1e9;
            qint64 bytes = 0;
            for (const ExportFile &f : result.files)
                bytes += f.content.size();
            const double perComponent = seconds * 1e6 / double(loaded.data->components.size());
            if (firstPerComponent == 0)
                firstPerComponent = perComponent;
            bool met = perComponent <= 3 * firstPerComponent;
            if (format == u"sam" && size >= 100000)
                met = met && seconds <= 10.0;
            ok = ok && met;
            std::printf("%-10s %11zu %12.2f %12.1f %12.1f %s\n", qPrintable(format),
                        loaded.data->components.size(), seconds, perComponent, double(bytes) / 1e6,
                        met ? "" : "MISSED");
            std::fflush(stdout);
        }
    }
    return ok ? 0 : 1;
}

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
//
// Times autoLayout() (Graphviz dot) on a synthetic 500-component project with realistic
// connections: the median of five runs. Exits 1 when the target (< 300 ms) is missed or
// Graphviz could not lay the project out.

#include <core/catalog/catalog.h>
#include <core/layout/autolayout.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ew::core;

static Component component(const QString &id, const char *kind)
{
    Component c;
    c.id = id;
    c.kind = QString::fromLatin1(kind);
    return c;
}

static Connection connection(const QString &from, const QString &to, const char *role)
{
    Connection c;
    c.from = from;
    c.to = to;
    c.role = QString::fromLatin1(role);
    return c;
}

// 50 cells of 10 components: a trigger source (API, queue, topic, bucket, schedule or stream),
// four functions it triggers, a table they write, a failure queue, a DLQ, a bucket and a topic;
// one function per cell also reads the previous cell's table.
static DiagramData syntheticProject(int cells)
{
    static const char *const sources[] = {"apigateway-http", "sqs-queue", "sns-topic",
                                          "s3-bucket", "eventbridge-schedule", "kinesis-stream"};
    DiagramData d;
    for (int g = 0; g < cells; ++g) {
        const QString p = QStringLiteral("c%1-").arg(g);
        d.components.push_back(component(p + QStringLiteral("source"), sources[g % 6]));
        d.components.push_back(component(p + QStringLiteral("table"), "dynamodb-table"));
        d.components.push_back(component(p + QStringLiteral("failures"), "sqs-queue"));
        d.components.push_back(component(p + QStringLiteral("dlq"), "sqs-queue"));
        d.components.push_back(component(p + QStringLiteral("bucket"), "s3-bucket"));
        d.components.push_back(component(p + QStringLiteral("topic"), "sns-topic"));
        if (g % 6 == 1)
            d.connections.push_back(connection(p + QStringLiteral("source"), p + QStringLiteral("dlq"), "dead-letter"));
        for (int f = 0; f < 4; ++f) {
            const QString fn = p + QStringLiteral("fn%1").arg(f);
            d.components.push_back(component(fn, "lambda-function"));
            d.connections.push_back(connection(p + QStringLiteral("source"), fn, "trigger"));
            d.connections.push_back(connection(fn, p + QStringLiteral("table"), "access"));
            d.connections.push_back(connection(fn, p + QStringLiteral("failures"), "on-failure"));
            if (f == 1)
                d.connections.push_back(connection(fn, p + QStringLiteral("bucket"), "access"));
            if (f == 2)
                d.connections.push_back(connection(fn, p + QStringLiteral("topic"), "on-success"));
            if (f == 3 && g > 0)
                d.connections.push_back(connection(fn, QStringLiteral("c%1-table").arg(g - 1), "access"));
        }
    }
    return d;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const DiagramData project = syntheticProject(50);
    const Catalog &catalog = Catalog::builtin();
    constexpr double TargetMs = 300;

    std::vector<double> times;
    bool graphviz = true;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        const AutoLayoutResult result = autoLayoutWithReport(project, catalog);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!result.usedGraphviz) {
            std::printf("Graphviz failed: %s\n", qUtf8Printable(result.message));
            graphviz = false;
        }
        if (result.positions.size() != qsizetype(project.components.size())) {
            std::printf("layout placed %lld of %zu components\n", qlonglong(result.positions.size()),
                        project.components.size());
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("layout of %zu components: %.0f ms (target < %.0f ms; %zu connections, median of %zu runs)\n",
                project.components.size(), median, TargetMs, project.connections.size(), times.size());
    return graphviz && median < TargetMs ? 0 : 1;
}

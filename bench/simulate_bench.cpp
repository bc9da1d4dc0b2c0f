// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT

// Simulator throughput and memory: 1,000,000 events through a 20-component pipeline (HTTP API,
// queues with DLQs, a topic fanning out, a Kinesis stream, an event bus and rule, async
// destinations). Target (issue 11): <= 3 s and <= 300 MB; memory must not grow with the
// number of events (the run is repeated with 250,000 events to show it).

#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/simulation/simulator.h>

#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace ew::core;

static const QByteArray Pipeline = R"(eventwright: 1
components:
  - {id: api, kind: apigateway-http}
  - {id: ingest, kind: lambda-function}
  - {id: orders, kind: sqs-queue, properties: {VisibilityTimeout: 60}}
  - {id: orders-dlq, kind: sqs-queue}
  - {id: process, kind: lambda-function}
  - {id: events, kind: sns-topic}
  - {id: notify, kind: lambda-function}
  - {id: audit, kind: lambda-function}
  - {id: clicks, kind: kinesis-stream, properties: {ShardCount: 8}}
  - {id: aggregate, kind: lambda-function}
  - {id: bus, kind: eventbridge-bus, properties: {Name: app-bus}}
  - {id: route, kind: eventbridge-rule, properties: {EventBusName: app-bus, EventPattern: {source: [app]}}}
  - {id: react, kind: lambda-function}
  - {id: done, kind: sqs-queue}
  - {id: done-dlq, kind: sqs-queue}
  - {id: archive, kind: lambda-function}
  - {id: failures, kind: sqs-queue}
  - {id: rule-dlq, kind: sqs-queue}
  - {id: table, kind: dynamodb-table}
  - {id: notify-failures, kind: sqs-queue}
connections:
  - {from: api, to: ingest, role: trigger}
  - {from: ingest, to: orders, role: access, properties: {Access: write}}
  - {from: orders, to: process, role: trigger, properties: {BatchSize: 10}}
  - {from: orders, to: orders-dlq, role: dead-letter, properties: {maxReceiveCount: 3}}
  - {from: process, to: events, role: access, properties: {Access: write}}
  - {from: events, to: notify, role: trigger}
  - {from: events, to: audit, role: trigger}
  - {from: notify, to: notify-failures, role: on-failure}
  - {from: audit, to: clicks, role: access, properties: {Access: write}}
  - {from: audit, to: table, role: access, properties: {Access: read}}
  - {from: clicks, to: aggregate, role: trigger, properties: {BatchSize: 100, StartingPosition: LATEST}}
  - {from: aggregate, to: bus, role: access, properties: {Access: write}}
  - {from: route, to: react, role: trigger, properties: {DeadLetterQueue: rule-dlq}}
  - {from: react, to: done, role: on-success}
  - {from: react, to: failures, role: on-failure}
  - {from: done, to: archive, role: trigger, properties: {BatchSize: 10}}
  - {from: done, to: done-dlq, role: dead-letter}
simulation:
  duration: 1100
  account-concurrency: 3000
  sources:
    api:
      rate: 1000
      stop: 1000
  functions:
    ingest: {duration-ms: 20}
    process: {duration-ms: 50}
    notify: {duration-ms: 20, error-rate: 0.01}
    audit: {duration-ms: 20}
    aggregate: {duration-ms: 100}
    react: {duration-ms: 20}
    archive: {duration-ms: 20}
)";

static long peakKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

int main()
{
    const ProjectLoadResult loaded = ProjectSerializer::load(Pipeline);
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench project does not load: %s\n", qPrintable(loaded.error.format(QStringLiteral("bench"))));
        return 2;
    }
    QString error;
    sim::Workload w = *sim::workloadOf(*loaded.data, &error);
    int status = 0;
    for (const double rate : {250.0, 1000.0}) {
        w.sources.front().rate = rate;
        QElapsedTimer timer;
        timer.start();
        const sim::Result r = sim::simulate(*loaded.data, Catalog::builtin(), w);
        const double seconds = timer.nsecsElapsed() / 1e9;
        const qint64 events = qint64(rate * 1000);
        const long peak = peakKb();
        std::printf("%lld events at the API (%lld ledger entries, %lld simulator steps): %.2f s, "
                    "%.0f events/s, %.0f entries/s, peak memory %.0f MB, conserved %s\n",
                    static_cast<long long>(events), static_cast<long long>(r.injected),
                    static_cast<long long>(r.steps), seconds, events / seconds, r.injected / seconds,
                    peak / 1024.0, r.conserved ? "yes" : "NO");
        if (!r.conserved)
            status = 1;
        if (rate == 1000.0 && (seconds > 3.0 || peak > 300 * 1024)) {
            std::printf("MISSED: 1,000,000 events must run in <= 3 s and <= 300 MB\n");
            status = 1;
        }
    }
    return status;
}

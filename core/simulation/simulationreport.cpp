// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
// The simulator's results as text, the contract's JSON (SIMULATOR.md §8.3) and trace lines.
#include "core/simulation/simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace ew::core::sim {

QString fateName(Fate fate)
{
    switch (fate) {
    case Fate::Succeeded: return QStringLiteral("succeeded");
    case Fate::ToOnFailure: return QStringLiteral("to_on_failure");
    case Fate::DeadLettered: return QStringLiteral("dead_lettered");
    case Fate::Discarded: return QStringLiteral("discarded");
    case Fate::Rejected: return QStringLiteral("rejected");
    case Fate::InFlight: return QStringLiteral("in_flight");
    }
    return {};
}

QString actionName(Action action)
{
    switch (action) {
    case Action::Inject: return QStringLiteral("inject");
    case Action::Deliver: return QStringLiteral("deliver");
    case Action::Enqueue: return QStringLiteral("enqueue");
    case Action::Receive: return QStringLiteral("receive");
    case Action::Invoke: return QStringLiteral("invoke");
    case Action::Succeed: return QStringLiteral("succeed");
    case Action::Fail: return QStringLiteral("fail");
    case Action::Throttle: return QStringLiteral("throttle");
    case Action::Retry: return QStringLiteral("retry");
    case Action::Visible: return QStringLiteral("visible");
    case Action::Bisect: return QStringLiteral("bisect");
    case Action::Expire: return QStringLiteral("expire");
    case Action::Finish: return QStringLiteral("finish");
    }
    return {};
}

QString metricName(Series::Metric metric)
{
    static const char *names[] = {"invocations", "errors", "throttles", "concurrency",
                                  "queue_depth", "age_of_oldest_s", "iterator_age_s",
                                  "duplicates", "lost", "latency_p50_s", "latency_p99_s"};
    return QString::fromLatin1(names[metric]);
}


QByteArray toJson(const DiagramData &data, const Result &r)
{
    QJsonObject events;
    events.insert(QStringLiteral("injected"), double(r.injected));
    for (int f = 0; f < FateCount; ++f)
        events.insert(fateName(Fate(f)), double(r.fates[size_t(f)]));
    // QJsonObject sorts keys; the contract's order is written by hand below.
    QByteArray out = "{\"duration_s\":" + QByteArray::number(r.workload.duration) + ",\"seed\":"
                     + QByteArray::number(r.workload.seed) + ",\"events\":{\"injected\":"
                     + QByteArray::number(r.injected);
    for (int f = 0; f < FateCount; ++f)
        out += ",\"" + fateName(Fate(f)).toLatin1() + "\":" + QByteArray::number(r.fates[size_t(f)]);
    out += "},\"components\":{";
    bool first = true;
    const auto num = [](double v) {
        return v == std::floor(v) && std::abs(v) < 1e15 ? QByteArray::number(qint64(v))
                                                          : QByteArray::number(v, 'g', 6);
    };
    for (size_t i = 0; i < r.components.size(); ++i) {
        const ComponentStats &s = r.components[i];
        QByteArray body;
        switch (s.role) {
        case ComponentStats::Role::Function:
            body = "\"invocations\":" + QByteArray::number(s.invocations) + ",\"errors\":"
                   + QByteArray::number(s.errors) + ",\"throttles\":" + QByteArray::number(s.throttles)
                   + ",\"timeouts\":" + QByteArray::number(s.timeouts) + ",\"max_concurrency\":"
                   + QByteArray::number(s.maxConcurrency) + ",\"duplicates\":"
                   + QByteArray::number(s.duplicates) + ",\"cold_starts\":" + QByteArray::number(s.coldStarts)
                   + ",\"async_dropped\":" + QByteArray::number(s.asyncDropped)
                   + ",\"latency_p50_s\":" + num(s.latencyP50) + ",\"latency_p99_s\":" + num(s.latencyP99);
            break;
        case ComponentStats::Role::Queue:
            body = "\"max_queue_depth\":" + QByteArray::number(s.maxQueueDepth) + ",\"max_age_of_oldest_s\":"
                   + num(s.maxAgeOfOldest) + ",\"received\":" + QByteArray::number(s.received)
                   + ",\"depth_at_end\":" + QByteArray::number(s.depthAtEnd);
            break;
        case ComponentStats::Role::Stream:
            body = "\"max_iterator_age_s\":" + num(s.maxIteratorAge);
            break;
        case ComponentStats::Role::Other:
            if (s.filteredOut == 0)
                continue;
            body = "\"filtered_out\":" + QByteArray::number(s.filteredOut);
            break;
        }
        if (!first)
            out += ',';
        first = false;
        out += QJsonDocument(QJsonArray{data.components[i].id}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        out += ":{" + body + "}";
    }
    out += "}";
    if (!r.notes.empty()) {
        QJsonArray notes;
        for (const QString &n : r.notes)
            notes.append(n);
        out += ",\"notes\":" + QJsonDocument(notes).toJson(QJsonDocument::Compact);
    }
    out += ",\"conserved\":" + QByteArray(r.conserved ? "true" : "false") + "}";
    return out;
}

QString toText(const DiagramData &data, const Result &r)
{
    QString out;
    out += QStringLiteral("Simulated %1 s, seed %2%3\n")
               .arg(r.workload.duration).arg(r.workload.seed)
               .arg(r.workload.defaulted ? QStringLiteral(" (no simulation section: one event per source)") : QString());
    out += QStringLiteral("\nEvents: %1 injected\n").arg(r.injected);
    for (int f = 0; f < FateCount; ++f)
        out += QStringLiteral("  %1 %2\n").arg(fateName(Fate(f)), -14).arg(r.fates[size_t(f)], 8);
    const auto row = [](const QString &id, const QString &figures) {
        return QStringLiteral("  %1 %2\n").arg(id, -28).arg(figures);
    };
    QString fns, queues, streams, others;
    for (size_t i = 0; i < r.components.size(); ++i) {
        const ComponentStats &s = r.components[i];
        const QString &id = data.components[i].id;
        switch (s.role) {
        case ComponentStats::Role::Function:
            fns += row(id, QStringLiteral("invocations %1  errors %2  throttles %3  timeouts %4  max concurrency %5  duplicates %6  p50 %7 s  p99 %8 s")
                               .arg(s.invocations).arg(s.errors).arg(s.throttles).arg(s.timeouts)
                               .arg(s.maxConcurrency).arg(s.duplicates).arg(s.latencyP50, 0, 'g', 3)
                               .arg(s.latencyP99, 0, 'g', 3));
            break;
        case ComponentStats::Role::Queue:
            queues += row(id, QStringLiteral("received %1  max depth %2  oldest %3 s  left %4")
                                  .arg(s.received).arg(s.maxQueueDepth).arg(s.maxAgeOfOldest, 0, 'g', 4)
                                  .arg(s.depthAtEnd));
            break;
        case ComponentStats::Role::Stream:
            streams += row(id, QStringLiteral("max iterator age %1 s").arg(s.maxIteratorAge, 0, 'g', 4));
            break;
        case ComponentStats::Role::Other:
            if (s.filteredOut > 0)
                others += row(id, QStringLiteral("filtered out %1 (filter policy or event pattern)").arg(s.filteredOut));
            break;
        }
    }
    if (!others.isEmpty())
        out += QStringLiteral("\nFilters:\n") + others;
    if (!fns.isEmpty())
        out += QStringLiteral("\nFunctions:\n") + fns;
    if (!queues.isEmpty())
        out += QStringLiteral("\nQueues:\n") + queues;
    if (!streams.isEmpty())
        out += QStringLiteral("\nStreams:\n") + streams;
    for (const QString &n : r.notes)
        out += QStringLiteral("\nnote: %1\n").arg(n);
    if (!r.conserved)
        out += QStringLiteral("\nerror: the ledger does not add up (a simulator bug)\n");
    return out;
}

QByteArray traceLine(const DiagramData &data, const TraceStep &s)
{
    QJsonObject o;
    QByteArray out = "{\"t\":" + QByteArray::number(s.time, 'f', 3) + ",\"action\":\""
                     + actionName(s.action).toLatin1() + "\"";
    const auto str = [](const QString &v) {
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    };
    if (s.component >= 0 && size_t(s.component) < data.components.size())
        out += ",\"component\":" + str(data.components[size_t(s.component)].id);
    if (s.connection >= 0 && size_t(s.connection) < data.connections.size()) {
        const Connection &c = data.connections[size_t(s.connection)];
        out += ",\"from\":" + str(c.from) + ",\"to\":" + str(c.to) + ",\"role\":" + str(c.role);
    }
    out += ",\"entries\":[";
    for (size_t i = 0; i < s.entries.size(); ++i)
        out += (i ? "," : "") + QByteArray::number(s.entries[i]);
    out += "]";
    if (!s.detail.isEmpty())
        out += ",\"detail\":" + str(s.detail);
    return out + "}";
}

} // namespace ew::core::sim

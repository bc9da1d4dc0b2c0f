// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"
#include "core/simulation/workload.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <functional>
#include <vector>

namespace ew::core::sim {

/// The terminal state of one ledger entry (SIMULATOR.md §8.3), in the contract's order.
enum class Fate { Succeeded, ToOnFailure, DeadLettered, Discarded, Rejected, InFlight };
inline constexpr int FateCount = 6;
/// The contract's JSON name: "succeeded", "to_on_failure", ...
QString fateName(Fate fate);

/// What one trace step did (one JSON line of --trace; the window's playback).
enum class Action {
    Inject,        ///< a source produced the event (component = source)
    Deliver,       ///< the event travels along a connection (from -> to)
    Enqueue,       ///< it is waiting in a queue, stream lane or Lambda's async queue
    Receive,       ///< a poller received it (SQS receive count + 1)
    Invoke,        ///< the function started an invocation with these events
    Succeed,       ///< the invocation succeeded for these events
    Fail,          ///< the invocation failed for these events (error or timeout)
    Throttle,      ///< no concurrency: the invocation did not start
    Retry,         ///< a retry is scheduled (async, stream, delivery layer)
    Visible,       ///< visibility timeout passed: back in the queue
    Bisect,        ///< a stream batch was split in two
    Expire,        ///< maximum age or retention passed
    Finish,        ///< the ledger entry reached its terminal state (detail = fate)
};
QString actionName(Action action);

/// One step of the run.
struct TraceStep
{
    double time = 0;
    Action action = Action::Inject;
    int component = -1;          ///< index into DiagramData::components
    int connection = -1;         ///< index into DiagramData::connections (Deliver, Finish)
    std::vector<quint64> entries;   ///< ledger entry ids concerned
    QString detail;              ///< e.g. "attempt 2", "receive 3", the fate name
};

/// Figures of one component over the run. Which fields mean something depends on the kind:
/// functions, queues, streams (the JSON writes only the ones that apply).
struct ComponentStats
{
    enum class Role { Other, Function, Queue, Stream };
    Role role = Role::Other;
    // functions
    qint64 invocations = 0;
    qint64 errors = 0;
    qint64 throttles = 0;
    qint64 timeouts = 0;
    int maxConcurrency = 0;
    qint64 duplicates = 0;
    qint64 coldStarts = 0;
    qint64 asyncDropped = 0;     ///< AsyncEventsDropped: lost with no destination
    double latencyP50 = 0;       ///< end-to-end latency of the entries it processed, seconds
    double latencyP99 = 0;
    // queues
    qint64 maxQueueDepth = 0;    ///< visible + in flight
    double maxAgeOfOldest = 0;
    qint64 received = 0;         ///< messages put on the queue
    qint64 depthAtEnd = 0;
    // streams (Kinesis, DynamoDB stream, Kafka)
    double maxIteratorAge = 0;
    // topics, rules: events a filter policy or event pattern did not match
    qint64 filteredOut = 0;
};

/// Metrics sampled at fixed intervals, for the charts. Index = sample number.
struct Series
{
    enum Metric {
        Invocations, Errors, Throttles, Concurrency, QueueDepth, OldestAge, IteratorAge,
        Duplicates, Lost, LatencyP50, LatencyP99, MetricCount
    };
    double interval = 1;                  ///< seconds between samples
    int samples = 0;
    /// values[component][metric][sample]; counts are per interval, levels the interval's max.
    std::vector<std::array<std::vector<double>, MetricCount>> values;
};
QString metricName(Series::Metric metric);

/// One ledger entry, kept only with Options::keepEntries (the window's ledger table).
struct EntryRecord
{
    quint64 id = 0;
    quint64 eventId = 0;       ///< duplicates share it
    int connection = -1;       ///< the trigger/target connection it entered
    double created = 0;
    double finished = -1;
    Fate fate = Fate::InFlight;
    int receives = 0;          ///< SQS receives, or attempts for other classes
    int where = -1;            ///< component where it ended (DLQ, destination, function)
};

struct Options
{
    bool trace = false;          ///< record every step (memory grows with the events)
    qint64 maxTraceSteps = 2'000'000;
    bool keepEntries = false;    ///< keep one EntryRecord per ledger entry
    int seriesSamples = 240;     ///< samples over the duration
    /// When set, each step is passed here as it happens (--trace writes lines from it),
    /// and not stored.
    std::function<void(const TraceStep &)> onStep;
};

struct Result
{
    Workload workload;
    std::array<qint64, FateCount> fates{};
    qint64 injected = 0;
    bool conserved = true;       ///< injected == sum of fates (checked after every run)
    bool stoppedEarly = false;   ///< the live-event cap was hit
    qint64 steps = 0;            ///< simulator events processed
    std::vector<ComponentStats> components;   ///< per DiagramData component
    Series series;
    std::vector<TraceStep> trace;
    std::vector<EntryRecord> entries;
    std::vector<QString> notes;  ///< what the run could not model, for the user
};

/// Runs the workload through the design. Deterministic: same inputs, same result.
Result simulate(const DiagramData &data, const Catalog &catalog, const Workload &workload,
                const Options &options = {});

/// The contract's JSON object (SIMULATOR.md §8.3); compact, keys in a fixed order.
QByteArray toJson(const DiagramData &data, const Result &result);
/// A table per component and the ledger, for the terminal.
QString toText(const DiagramData &data, const Result &result);
/// One --trace line (JSON, no newline).
QByteArray traceLine(const DiagramData &data, const TraceStep &step);

} // namespace ew::core::sim

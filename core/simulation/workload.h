// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/diagram.h"
#include "core/model/value.h"

#include <QString>

#include <optional>
#include <vector>

namespace ew::core::sim {

/// A time window [start, stop) in simulated seconds.
struct Window
{
    double start = 0;
    double stop = 0;
    bool contains(double t) const { return t >= start && t < stop; }
    friend bool operator==(const Window &, const Window &) = default;
};

/// How one component produces events (SIMULATOR.md §8.1 `sources`).
struct SourceLoad
{
    QString component;
    std::optional<qint64> count;     ///< total events; with no rate all arrive at `start`
    double rate = 0;                 ///< events per second from start to stop
    bool poisson = false;            ///< pattern: poisson (else constant)
    double start = 0;
    std::optional<double> stop;      ///< default: the run's duration
    double duplicateRate = 0;        ///< probability of a second delivery
    int keys = 10;                   ///< distinct message groups / partition keys (added key)
    std::optional<int> shards;       ///< stream shards or Kafka partitions (added key)
    /// What the events look like, taken in turn (added key `events`): each a map matched
    /// against SNS filter policies (message attributes or body) and EventBridge event patterns
    /// (source, detail-type, detail). Empty: events match every filter.
    std::vector<Value> events;
    friend bool operator==(const SourceLoad &, const SourceLoad &) = default;
};

/// How one function's code behaves (SIMULATOR.md §8.1 `functions`), with its faults.
struct FunctionBehaviour
{
    QString component;
    double durationMs = 100;
    double errorRate = 0;
    int poisonEvery = 0;
    bool emits = true;
    std::optional<Window> outage;     ///< every invocation fails inside the window (added key)
    std::optional<Window> throttle;   ///< reserved concurrency 0 inside the window (added key)
    /// The Invoke API refuses (a Lambda service error) inside the window: sync callers get an
    /// error, async sources retry by their own policy and then use their DLQ (added key)
    std::optional<Window> unavailable;
    friend bool operator==(const FunctionBehaviour &, const FunctionBehaviour &) = default;
};

/// The `simulation` section of a project: what the simulator replays.
struct Workload
{
    double duration = 600;
    quint64 seed = 1;
    int accountConcurrency = 1000;   ///< added key `account-concurrency`
    std::vector<SourceLoad> sources;
    std::vector<FunctionBehaviour> functions;
    /// True when the project had no section and the sources were made up (one event per
    /// trigger source).
    bool defaulted = false;

    const SourceLoad *source(const QString &id) const;
    const FunctionBehaviour *function(const QString &id) const;
    FunctionBehaviour *function(const QString &id);
    friend bool operator==(const Workload &, const Workload &) = default;
};

/// The top-level key of the section.
inline const QString SectionKey = QStringLiteral("simulation");

/// Reads the section value. On a shape error returns nullopt and sets error (naming the key).
std::optional<Workload> workloadFromValue(const Value &section, QString *error);
/// The section as written to the file (only keys that differ from their defaults).
Value workloadToValue(const Workload &workload);
/// The project's workload: its section, or the default (one event per trigger source at t=0).
std::optional<Workload> workloadOf(const DiagramData &data, QString *error);
/// One event per component that is the source of a trigger or target connection.
Workload defaultWorkload(const DiagramData &data);

} // namespace ew::core::sim

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/model/diagram.h>
#include <core/simulation/simulator.h>

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace ew::ui {

/// One finished simulation as the window plays it back: the design as it was run (connection
/// and component indices of the trace refer to it), the engine's result, and indexes built
/// once so that a playback frame at time t costs a few binary searches, not a trace scan.
/// Shared, read-only, between the simulation panel and the canvas overlay.
class SimulationRun
{
public:
    SimulationRun(core::DiagramData data, core::sim::Result result);

    const core::DiagramData &data() const { return m_data; }
    const core::sim::Result &result() const { return m_result; }
    double duration() const { return m_result.workload.duration; }

    /// Trace step indices of the steps that carry events along a connection, in time order:
    /// every Deliver, every Invoke on a connection from a queue or a stream (the poller takes
    /// the batch to the function; SQS's Receive steps are the same batch, one by one), and
    /// every Finish that sends an entry to its trigger's own failure target (a stream's
    /// OnFailure: the engine names no delivery for it) — see isFailureMove().
    const std::vector<int> &moveSteps() const { return m_moves; }
    /// True for a move step that travels the connection's failure route (ConnectionItem::
    /// failureRoute), not its route.
    bool isFailureMove(int step) const { return m_failureMoves.contains(step); }
    /// The colour-giving fate of what a move step carries: its entries' fates; a step that
    /// names no entry (a message put on a destination, a DLQ, a rule target, one a function
    /// emits) takes its connection's role: on-success succeeded, on-failure to_on_failure,
    /// dead-letter dead_lettered, others in flight (a new message on its way).
    core::sim::Fate unnamedMoveFate(const core::sim::TraceStep &step) const;
    /// The index of the first step whose time is > t (the trace's size when none).
    int firstStepAfter(double t) const;

    const core::sim::EntryRecord *entry(quint64 id) const;
    /// The final fate of a ledger entry (in flight when the run kept no record of it).
    core::sim::Fate fateOf(quint64 id) const;
    /// Trace step indices that name the entry, in time order.
    const std::vector<int> &stepsOf(quint64 id) const;
    /// The entry's story, one line per step: "00:00:00 received (receive 1) at orders".
    QStringList history(quint64 id) const;
    /// The connection ids (of data()) that the entry travelled: its own, its deliveries, the
    /// one it finished on (a dead-letter or on-failure edge).
    std::vector<core::ConnectionId> pathOf(quint64 id) const;

    /// Live counts at time t from the trace: steps of this action at the component with time <= t.
    qint64 countAt(int component, core::sim::Action action, double t) const;
    /// A Series metric of the component at time t (the sample that holds t; 0 without series).
    double seriesAt(int component, core::sim::Series::Metric metric, double t) const;

    int componentIndex(const QString &id) const { return m_componentIndex.value(id, -1); }
    QString componentId(int index) const;
    core::ConnectionId connectionId(int index) const;
    /// "from → to (role)" for a connection index of data().
    QString connectionText(int index) const;

    /// "mm:ss" (minutes unbounded) and "hh:mm:ss" for the history.
    static QString clockText(double seconds);
    static QString historyTime(double seconds);
    /// The user's words for a fate: "succeeded", "dead-lettered", "sent to on-failure", ...
    static QString fateText(core::sim::Fate fate);

private:
    QString stepText(const core::sim::TraceStep &step) const;

    core::DiagramData m_data;
    core::sim::Result m_result;
    std::vector<int> m_moves;
    QSet<int> m_failureMoves;
    QHash<quint64, int> m_entryIndex;
    QHash<quint64, std::vector<int>> m_stepsOfEntry;
    QHash<QString, int> m_componentIndex;
    /// Per component, per counted action (Invoke, Fail, Throttle, ...): the steps' times.
    QHash<int, std::vector<double>> m_actionTimes;
};

using SimulationRunPtr = std::shared_ptr<const SimulationRun>;

} // namespace ew::ui

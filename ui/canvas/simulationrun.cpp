// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/simulationrun.h"

#include <core/model/wellknown.h>

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ew::ui {

using core::sim::Action;
using core::sim::ComponentStats;
using core::sim::Fate;
using core::sim::TraceStep;

namespace {
constexpr int ActionSlots = int(Action::Finish) + 1;
int actionKey(int component, Action action) { return component * ActionSlots + int(action); }
QString tr(const char *text) { return QCoreApplication::translate("ew::ui::SimulationRun", text); }
} // namespace

SimulationRun::SimulationRun(core::DiagramData data, core::sim::Result result)
    : m_data(std::move(data))
    , m_result(std::move(result))
{
    for (int i = 0; i < int(m_data.components.size()); ++i)
        m_componentIndex.insert(m_data.components[size_t(i)].id, i);
    auto isPollConnection = [this](int connection) {
        if (connection < 0 || connection >= int(m_data.connections.size()))
            return false;
        const int from = componentIndex(m_data.connections[size_t(connection)].from);
        if (from < 0 || from >= int(m_result.components.size()))
            return false;
        const ComponentStats::Role role = m_result.components[size_t(from)].role;
        return role == ComponentStats::Role::Queue || role == ComponentStats::Role::Stream;
    };
    for (int i = 0; i < int(m_result.entries.size()); ++i)
        m_entryIndex.insert(m_result.entries[size_t(i)].id, i);
    // The engine writes steps as its clock advances; sorted again (stable) so that the binary
    // searches below hold even if it ever does not.
    std::stable_sort(m_result.trace.begin(), m_result.trace.end(),
                     [](const TraceStep &a, const TraceStep &b) { return a.time < b.time; });
    const QString toOnFailure = core::sim::fateName(Fate::ToOnFailure);
    const QString deadLettered = core::sim::fateName(Fate::DeadLettered);
    for (int i = 0; i < int(m_result.trace.size()); ++i) {
        const TraceStep &s = m_result.trace[size_t(i)];
        if (s.action == Action::Deliver || (s.action == Action::Invoke && isPollConnection(s.connection)))
            m_moves.push_back(i);
        // An entry sent to a failure target at its end, with no Deliver for it at that moment
        // (a queue's redrive has one, along the dead-letter connection): it goes along its
        // trigger's failure route, when the canvas draws one.
        if (s.action == Action::Finish && s.connection >= 0 && s.entries.size() == 1
            && (s.detail == toOnFailure || s.detail == deadLettered)) {
            bool delivered = false;
            const std::vector<int> &before = m_stepsOfEntry.value(s.entries.front());
            for (auto it = before.rbegin(); it != before.rend() && m_result.trace[size_t(*it)].time == s.time; ++it)
                delivered = delivered || m_result.trace[size_t(*it)].action == Action::Deliver;
            if (!delivered) {
                m_moves.push_back(i);
                m_failureMoves.insert(i);
            }
        }
        if (s.component >= 0)
            m_actionTimes[actionKey(s.component, s.action)].push_back(s.time);
        for (quint64 e : s.entries) {
            std::vector<int> &steps = m_stepsOfEntry[e];
            if (steps.empty() || steps.back() != i)
                steps.push_back(i);
        }
    }
}

int SimulationRun::firstStepAfter(double t) const
{
    const auto &trace = m_result.trace;
    const auto it = std::upper_bound(trace.begin(), trace.end(), t,
                                     [](double time, const TraceStep &s) { return time < s.time; });
    return int(it - trace.begin());
}

Fate SimulationRun::unnamedMoveFate(const TraceStep &step) const
{
    if (step.connection < 0 || step.connection >= int(m_data.connections.size()))
        return Fate::InFlight;
    const QString &role = m_data.connections[size_t(step.connection)].role;
    if (role == core::wellknown::RoleOnSuccess)
        return Fate::Succeeded;
    if (role == core::wellknown::RoleOnFailure)
        return Fate::ToOnFailure;
    if (role == core::wellknown::RoleDeadLetter)
        return Fate::DeadLettered;
    return Fate::InFlight;
}

const core::sim::EntryRecord *SimulationRun::entry(quint64 id) const
{
    const auto it = m_entryIndex.constFind(id);
    return it == m_entryIndex.cend() ? nullptr : &m_result.entries[size_t(*it)];
}

Fate SimulationRun::fateOf(quint64 id) const
{
    const core::sim::EntryRecord *e = entry(id);
    return e ? e->fate : Fate::InFlight;
}

const std::vector<int> &SimulationRun::stepsOf(quint64 id) const
{
    static const std::vector<int> none;
    const auto it = m_stepsOfEntry.constFind(id);
    return it == m_stepsOfEntry.cend() ? none : *it;
}

std::vector<core::ConnectionId> SimulationRun::pathOf(quint64 id) const
{
    std::vector<core::ConnectionId> out;
    auto add = [&](int index) {
        const core::ConnectionId c = connectionId(index);
        if (c && std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(c);
    };
    if (const core::sim::EntryRecord *e = entry(id))
        add(e->connection);
    for (int i : stepsOf(id))
        add(m_result.trace[size_t(i)].connection);
    return out;
}

qint64 SimulationRun::countAt(int component, Action action, double t) const
{
    const auto it = m_actionTimes.constFind(actionKey(component, action));
    if (it == m_actionTimes.cend())
        return 0;
    return std::upper_bound(it->begin(), it->end(), t) - it->begin();
}

double SimulationRun::seriesAt(int component, core::sim::Series::Metric metric, double t) const
{
    const core::sim::Series &s = m_result.series;
    if (component < 0 || component >= int(s.values.size()) || s.samples <= 0 || s.interval <= 0)
        return 0;
    const std::vector<double> &v = s.values[size_t(component)][size_t(metric)];
    if (v.empty())
        return 0;
    const int sample = std::clamp(int(std::floor(t / s.interval)), 0, int(v.size()) - 1);
    return v[size_t(sample)];
}

QString SimulationRun::componentId(int index) const
{
    return index >= 0 && index < int(m_data.components.size()) ? m_data.components[size_t(index)].id : QString();
}

core::ConnectionId SimulationRun::connectionId(int index) const
{
    return index >= 0 && index < int(m_data.connections.size()) ? m_data.connections[size_t(index)].id : 0;
}

QString SimulationRun::connectionText(int index) const
{
    if (index < 0 || index >= int(m_data.connections.size()))
        return {};
    const core::Connection &c = m_data.connections[size_t(index)];
    return QStringLiteral("%1 → %2 (%3)").arg(c.from, c.to, c.role);
}

QString SimulationRun::clockText(double seconds)
{
    const qint64 s = qint64(std::floor(std::max(0.0, seconds)));
    return QStringLiteral("%1:%2").arg(s / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString SimulationRun::historyTime(double seconds)
{
    seconds = std::max(0.0, seconds);
    const qint64 whole = qint64(std::floor(seconds));
    QString text = QStringLiteral("%1:%2:%3")
                       .arg(whole / 3600, 2, 10, QLatin1Char('0'))
                       .arg(whole / 60 % 60, 2, 10, QLatin1Char('0'))
                       .arg(whole % 60, 2, 10, QLatin1Char('0'));
    // Tenths only when they say something (batching windows, run times): "00:00:01.3".
    const int tenths = int(std::round((seconds - double(whole)) * 10));
    if (tenths > 0 && tenths < 10)
        text += QLatin1Char('.') + QString::number(tenths);
    return text;
}

QString SimulationRun::fateText(Fate fate)
{
    switch (fate) {
    case Fate::Succeeded: return tr("succeeded");
    case Fate::ToOnFailure: return tr("sent to on-failure");
    case Fate::DeadLettered: return tr("dead-lettered");
    case Fate::Discarded: return tr("discarded");
    case Fate::Rejected: return tr("rejected");
    case Fate::InFlight: return tr("in flight");
    }
    return {};
}

QString SimulationRun::stepText(const TraceStep &step) const
{
    const QString at = componentId(step.component);
    auto phrase = [&](const QString &verb, bool withDetail = true) {
        QString text = verb;
        if (withDetail && !step.detail.isEmpty())
            text += QStringLiteral(" (%1)").arg(step.detail);
        if (!at.isEmpty())
            text += tr(" at %1").arg(at);
        return text;
    };
    switch (step.action) {
    case Action::Inject: return phrase(tr("injected"));
    case Action::Deliver: {
        if (step.connection >= 0 && step.connection < int(m_data.connections.size())) {
            const core::Connection &c = m_data.connections[size_t(step.connection)];
            QString text = tr("delivered %1 → %2 (%3)").arg(c.from, c.to, c.role);
            if (!step.detail.isEmpty())
                text += QStringLiteral(" (%1)").arg(step.detail);
            return text;
        }
        return phrase(tr("delivered"));
    }
    case Action::Enqueue: return phrase(tr("queued"));
    case Action::Receive: return phrase(tr("received"));
    case Action::Invoke: return phrase(tr("invoked"));
    case Action::Succeed: return phrase(tr("processed"));
    case Action::Fail: return phrase(tr("failed"));
    case Action::Throttle: return phrase(tr("throttled"));
    case Action::Retry: return phrase(tr("retry scheduled"));
    case Action::Visible: return phrase(tr("visible again"));
    case Action::Bisect: return phrase(tr("batch split"));
    case Action::Expire: return phrase(tr("expired"));
    case Action::Finish: {
        std::optional<Fate> fate;
        for (int f = 0; f < core::sim::FateCount; ++f) {
            if (step.detail == core::sim::fateName(Fate(f)))
                fate = Fate(f);
        }
        const QString where = at.isEmpty() ? QString() : at;
        switch (fate.value_or(Fate::InFlight)) {
        case Fate::Succeeded: return where.isEmpty() ? tr("succeeded") : tr("succeeded at %1").arg(where);
        case Fate::ToOnFailure: return tr("sent to on-failure destination %1").arg(where);
        case Fate::DeadLettered: return tr("dead-lettered to %1").arg(where);
        case Fate::Discarded: return where.isEmpty() ? tr("discarded") : tr("discarded at %1").arg(where);
        case Fate::Rejected: return where.isEmpty() ? tr("rejected") : tr("rejected at %1").arg(where);
        case Fate::InFlight: return phrase(tr("finished"));
        }
        break;
    }
    }
    return phrase(core::sim::actionName(step.action));
}

QStringList SimulationRun::history(quint64 id) const
{
    QStringList lines;
    for (int i : stepsOf(id)) {
        const TraceStep &s = m_result.trace[size_t(i)];
        lines << historyTime(s.time) + QLatin1Char(' ') + stepText(s);
    }
    return lines;
}

} // namespace ew::ui

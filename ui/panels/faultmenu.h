// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QMenu;
class QWidget;

namespace ew::editing { class DiagramEditor; }

namespace ew::ui {

/// Adds "Simulate Fault" to a card's context menu: for a lambda-function "Poison every Nth
/// event…", "Error rate…", "Outage window…", "Throttle (reserved concurrency 0) from t1 to
/// t2…" and "Clear faults"; for a workload source "Burst of N events at t…" and "Duplicate
/// deliveries…" (and "Clear faults"). Each asks in a small dialog (FaultDialog) and sets the
/// project's `simulation` section through the editor in one undo step. Nothing is added for
/// a component that is neither. An action says the value set now ("Error rate… (now 0.2)").
/// The submenu is named "faultMenu", its actions "fault_<what>" (poison-every, error-rate,
/// outage, throttle, burst, duplicates, clear).
void addFaultMenu(QMenu *menu, editing::DiagramEditor *editor, const QString &componentId);

/// The faults as edits of the `simulation` section, each one undo step. False when nothing
/// changed (the same value again, or no such component).
namespace faults {

bool setPoisonEvery(editing::DiagramEditor &editor, const QString &function, qint64 every);
bool setErrorRate(editing::DiagramEditor &editor, const QString &function, double rate);
/// Every invocation fails from start to stop (simulated seconds).
bool setOutage(editing::DiagramEditor &editor, const QString &function, double start, double stop);
/// Reserved concurrency 0 from start to stop: every invocation is throttled.
bool setThrottle(editing::DiagramEditor &editor, const QString &function, double start,
                 double stop);
/// count events arrive together at `at` (the source's rate and stop removed).
bool setBurst(editing::DiagramEditor &editor, const QString &source, qint64 count, double at);
bool setDuplicateRate(editing::DiagramEditor &editor, const QString &source, double rate);
/// Removes the function's error-rate, poison-every, outage, throttle and unavailable, and the
/// source's duplicate-rate.
bool clearFaults(editing::DiagramEditor &editor, const QString &componentId);
/// True when the component has any of the keys clearFaults removes.
bool hasFaults(const editing::DiagramEditor &editor, const QString &componentId);

} // namespace faults

/// The small dialog a fault asks with: one number field per value (object names
/// "fault_<name>", each a QDoubleSpinBox), OK and Cancel.
struct FaultField
{
    QString name;       ///< object name suffix and what is asked ("start")
    QString label;      ///< shown ("From (s)")
    double value = 0;   ///< initial
    double min = 0;
    double max = 1e9;
    int decimals = 0;
};

/// Asks for the fields' values; nullopt when cancelled.
std::optional<QList<double>> askFaultValues(QWidget *parent, const QString &title,
                                            const QString &text, const QList<FaultField> &fields);

} // namespace ew::ui

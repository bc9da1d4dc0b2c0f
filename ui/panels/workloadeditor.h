// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>

#include <QStringList>
#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;
class QToolButton;

namespace ew::editing { class DiagramEditor; }

namespace ew::ui {

class PropertyRow;

/// The properties panel's collapsible "Simulation" group: what the simulator replays, edited
/// in the project's `simulation` section (SIMULATOR.md §8.1).
///
/// For a workload source (the source of a trigger or target connection, or an event bus) it
/// edits `sources: <id>:` (count, rate, pattern, start, stop, duplicate-rate, keys, shards);
/// for a lambda-function `functions: <id>:` (duration-ms, error-rate, poison-every, emits and
/// the outage, throttle and unavailable windows); with no component the run (duration, seed,
/// account-concurrency). The rows are the properties panel's (PropertyRow): each edit is one
/// undo step through DiagramEditor::setSimulationValue, an empty field or the reset button
/// removes the key (its default applies), and a value out of range says why under the field.
/// Editors are named "sim_<key>" (windows "sim_outage-start" ...), reset buttons
/// "sim_reset_<key>", problem lines "sim_problem_<key>"; the section's own shape error (such
/// as a window without stop) is shown in "simulationProblem".
class WorkloadEditor final : public QWidget
{
    Q_OBJECT
public:
    /// componentId "" shows the run's keys.
    WorkloadEditor(editing::DiagramEditor &editor, const QString &componentId,
                   QWidget *parent = nullptr);

    /// True when the component gets a Simulation group (a source or a function).
    static bool appliesTo(const core::Diagram &diagram, const QString &componentId);
    /// A component that produces events in a simulation: the source of a trigger or target
    /// connection, or an eventbridge-bus (events put on it by a client).
    static bool isWorkloadSource(const core::Diagram &diagram, const QString &componentId);

    QString componentId() const { return m_componentId; }
    bool isExpanded() const;
    void setExpanded(bool expanded);
    /// Shows the section's values again (after an undo, an edit elsewhere).
    void refresh();
    /// The widest label of the group's rows.
    int labelWidth() const;
    /// Labels above their fields (a narrow dock), or beside them with labels at least
    /// minimumLabelWidth wide (to line up with the properties above).
    void setWrapped(bool wrapped, int minimumLabelWidth = 0);
    /// The rows, in order (for tests and the panel).
    const std::vector<PropertyRow *> &rows() const { return m_rows; }

signals:
    void expandedChanged(bool expanded);

private:
    struct Row
    {
        PropertyRow *row;
        QStringList path;   ///< in the section
    };
    void addTitle(const QString &text);
    void addRow(const QStringList &prefix, const core::PropertySpec &spec,
                const QString &key = {}, const QString &name = {});
    void addSourceRows();
    void addFunctionRows();
    void addRunRows();

    editing::DiagramEditor &m_editor;
    QString m_componentId;
    QToolButton *m_toggle = nullptr;
    bool m_expanded = true;
    QWidget *m_body = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_problem = nullptr;
    std::vector<Row> m_paths;
    std::vector<PropertyRow *> m_rows;
};

} // namespace ew::ui

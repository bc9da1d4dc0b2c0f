// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>
#include <core/validation/diagnostic.h>

#include <QObject>
#include <QPointF>

class QUndoStack;

namespace ew::core::sim { struct Workload; }

namespace ew::editing {

/// The only writer of a Diagram once it is open: every user gesture becomes exactly one
/// undoable command here. Panels and canvas items call these methods; none creates commands.
class DiagramEditor final : public QObject
{
    Q_OBJECT
public:
    DiagramEditor(core::Diagram &diagram, const core::Catalog &catalog, QObject *parent = nullptr);
    ~DiagramEditor() override;

    core::Diagram &diagram() const { return m_diagram; }
    const core::Catalog &catalog() const { return m_catalog; }
    QUndoStack *undoStack() const { return m_undoStack; }

    /// Adds a component of the kind at the position; returns its new id ("" for an unknown kind).
    QString addComponent(const QString &kind, const QPointF &position);
    /// Deletes components (with their connections) and connections in one step.
    void removeElements(const QStringList &componentIds,
                        const QList<core::ConnectionId> &connectionIds);
    /// Connects two existing components; returns the new connection's id (0 if an end is missing).
    core::ConnectionId connect(const QString &from, const QString &to, const QString &role,
                               const core::Value &properties = core::Value::map());
    /// Gives a connection another role in one step, keeping the properties the new role has
    /// (same id, same place in the project). False when there is no such connection, the
    /// role is the same, or the catalog does not offer it between these kinds.
    bool setConnectionRole(core::ConnectionId connectionId, const QString &role);
    /// Moves components in one step; nudge = a keyboard nudge that merges with the previous one.
    void moveComponents(const QHash<QString, QPointF> &positions, bool nudge = false);
    /// Sets the display label; an empty label removes it (the id is shown).
    void renameComponent(const QString &componentId, const QString &label);
    /// Sets (value) or removes (nullopt) a component property. merge: typing in one field.
    void setComponentProperty(const QString &componentId, const QString &name,
                              const std::optional<core::Value> &value, bool merge = false);
    void setConnectionProperty(core::ConnectionId connectionId, const QString &name,
                               const std::optional<core::Value> &value, bool merge = false);

    /// Sets (or, with nullopt, removes) the project's `simulation` section as one undo step;
    /// text names the step ("" = "Edit simulation"). A new section goes to the end of the
    /// file, an existing one keeps its place; undo restores the former bytes, including no
    /// section at all. mergeKey: consecutive edits with the same non-empty key merge (typing).
    /// False when the section is already so.
    bool setSimulationSection(const std::optional<core::Value> &section, const QString &text = {},
                              const QString &mergeKey = {});
    /// The workload as the section (workloadToValue: only what differs from the defaults),
    /// one undo step like setSimulationSection.
    bool setWorkload(const core::sim::Workload &workload, const QString &text = {});
    /// Sets (or, with nullopt, removes) one key of the section, e.g. {"functions", "worker",
    /// "duration-ms"}, as one undo step; maps on the way are made as needed, and maps (and
    /// the section) left empty by a removal go. merge: typing in one field.
    bool setSimulationValue(const QStringList &path, const std::optional<core::Value> &value,
                            bool merge = false);
    /// One key of the section set (value) or removed (nullopt).
    struct SimulationEdit
    {
        QStringList path;
        std::optional<core::Value> value;
    };
    /// Several keys of the section in one undo step named text. When the project has no
    /// section yet, the new one starts with the sources a run would make up (one event per
    /// trigger source), so that a first edit changes only what it says.
    bool editSimulation(const QList<SimulationEdit> &edits, const QString &text,
                        const QString &mergeKey = {});
    /// The section with `path` set (or removed), as setSimulationValue would leave it
    /// (nullopt: no section). Several such edits make one step with setSimulationSection.
    static std::optional<core::Value> simulationWith(const std::optional<core::Value> &section,
                                                     const QStringList &path,
                                                     const std::optional<core::Value> &value);
    /// The value at path in the section, or nullptr.
    const core::Value *simulationValue(const QStringList &path) const;

    /// Applies a validation quick fix as one undo step, read by core::planQuickFix (the same
    /// interpreter as `validate --fix`). Returns false (and changes nothing) when the fix no
    /// longer fits the diagram or adds a kind the catalog does not know.
    bool applyQuickFix(const core::QuickFix &fix);

    /// Pastes copied components (and the connections among them) as one undo step: each gets
    /// a new id, positions move by offset, and references between pasted components (such as
    /// OnFailure) follow the new ids. Returns the new ids, in the fragment's order.
    QStringList pasteFragment(const core::DiagramData &fragment, const QPointF &offset);

private:
    core::Diagram &m_diagram;
    const core::Catalog &m_catalog;
    QUndoStack *m_undoStack;
};

} // namespace ew::editing

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Undo commands. Only DiagramEditor creates them. Each captures ids and values in its
// constructor and does all its work in redo()/undo(); none holds a pointer into the model.

#include <core/model/diagram.h>

#include <QHash>
#include <QUndoCommand>

namespace ew::editing {

enum class CommandId { Move = 1, SetComponentProperty, SetConnectionProperty, Rename, SetTopLevel };

class AddComponentCommand final : public QUndoCommand
{
public:
    AddComponentCommand(core::Diagram &diagram, core::Component component);
    void redo() override;
    void undo() override;

private:
    core::Diagram &m_diagram;
    core::Component m_component;
};

class RemoveElementsCommand final : public QUndoCommand
{
public:
    /// Removes the components with every connection attached to them, plus the connections.
    RemoveElementsCommand(core::Diagram &diagram, const QStringList &componentIds,
                          const QList<core::ConnectionId> &connectionIds);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_components.empty() && m_connections.empty(); }

private:
    core::Diagram &m_diagram;
    std::vector<std::pair<int, core::Component>> m_components;     // ascending file index
    std::vector<std::pair<int, core::Connection>> m_connections;   // ascending file index
};

class ConnectCommand final : public QUndoCommand
{
public:
    ConnectCommand(core::Diagram &diagram, core::Connection connection);
    void redo() override;
    void undo() override;
    core::ConnectionId connectionId() const { return m_connection.id; }

private:
    core::Diagram &m_diagram;
    core::Connection m_connection;
};

/// Gives a connection another role (and the properties that role keeps) in place: the same
/// id and the same place in the project's list, so selection and other commands stay valid.
class ChangeRoleCommand final : public QUndoCommand
{
public:
    ChangeRoleCommand(core::Diagram &diagram, core::Connection changed);
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap();
    core::Diagram &m_diagram;
    core::Connection m_other;   ///< the connection as it is not now
};

class MoveComponentsCommand final : public QUndoCommand
{
public:
    struct Move
    {
        std::optional<QPointF> from;
        QPointF to;
    };
    /// mergeable: consecutive keyboard nudges of the same selection merge into one step.
    MoveComponentsCommand(core::Diagram &diagram, QHash<QString, Move> moves, bool mergeable);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeable ? int(CommandId::Move) : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::Diagram &m_diagram;
    QHash<QString, Move> m_moves;
    bool m_mergeable;
};

class RenameComponentCommand final : public QUndoCommand
{
public:
    RenameComponentCommand(core::Diagram &diagram, const QString &componentId,
                           std::optional<QString> newLabel);
    void redo() override;
    void undo() override;
    int id() const override { return int(CommandId::Rename); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::Diagram &m_diagram;
    QString m_componentId;
    std::optional<QString> m_old;
    std::optional<QString> m_new;
};

/// Sets or removes one property of a component or of a connection.
class SetPropertyCommand final : public QUndoCommand
{
public:
    SetPropertyCommand(core::Diagram &diagram, const QString &componentId, const QString &name,
                       std::optional<core::Value> value, bool mergeable);
    SetPropertyCommand(core::Diagram &diagram, core::ConnectionId connectionId, const QString &name,
                       std::optional<core::Value> value, bool mergeable);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    void apply(const std::optional<core::Value> &value, int index);

    core::Diagram &m_diagram;
    QString m_componentId;                 // empty for a connection property
    core::ConnectionId m_connectionId = 0;
    QString m_name;
    std::optional<core::Value> m_old;
    int m_oldIndex = -1;                   // where the entry stood, so undo puts it back there
    std::optional<core::Value> m_new;
    bool m_mergeable;
};

/// Sets or removes a top-level entry the format does not define (the `simulation` section).
/// An edited entry keeps its place; undo puts a removed one back where it stood, and removes
/// one that did not exist, so the saved bytes are the former ones.
class SetTopLevelCommand final : public QUndoCommand
{
public:
    /// mergeKey: consecutive commands with the same key and the same non-empty mergeKey (one
    /// field being typed in) merge into one step.
    SetTopLevelCommand(core::Diagram &diagram, const QString &key, std::optional<core::Value> value,
                       const QString &text, const QString &mergeKey = {});
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeKey.isEmpty() ? -1 : int(CommandId::SetTopLevel); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    core::Diagram &m_diagram;
    QString m_key;
    std::optional<core::Value> m_old;
    int m_oldIndex = -1;
    std::optional<core::Value> m_new;
    QString m_mergeKey;
};

} // namespace ew::editing

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/editing/diagramcommands.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace ew::editing {

using core::Component;
using core::Connection;
using core::ConnectionId;
using core::Diagram;
using core::Value;

static QString tr(const char *text)
{
    return QCoreApplication::translate("ew::editing", text);
}

AddComponentCommand::AddComponentCommand(Diagram &diagram, Component component)
    : m_diagram(diagram)
    , m_component(std::move(component))
{
    setText(tr("Add %1").arg(m_component.displayName()));
}

void AddComponentCommand::redo()
{
    m_diagram.insertComponent(m_component);
}

void AddComponentCommand::undo()
{
    m_diagram.removeComponent(m_component.id);
}

RemoveElementsCommand::RemoveElementsCommand(Diagram &diagram, const QStringList &componentIds,
                                             const QList<ConnectionId> &connectionIds)
    : m_diagram(diagram)
{
    QSet<ConnectionId> connections(connectionIds.begin(), connectionIds.end());
    for (const QString &id : componentIds) {
        const int index = diagram.componentIndex(id);
        if (index < 0)
            continue;
        m_components.emplace_back(index, *diagram.component(id));
        for (ConnectionId c : diagram.connectionsOf(id))
            connections.insert(c);
    }
    for (ConnectionId id : connections) {
        const int index = diagram.connectionIndex(id);
        if (index >= 0)
            m_connections.emplace_back(index, *diagram.connection(id));
    }
    auto byIndex = [](const auto &a, const auto &b) { return a.first < b.first; };
    std::sort(m_components.begin(), m_components.end(), byIndex);
    std::sort(m_connections.begin(), m_connections.end(), byIndex);
    if (m_components.size() == 1 && m_connections.empty())
        setText(tr("Delete %1").arg(m_components.front().second.displayName()));
    else
        setText(tr("Delete %1 elements").arg(m_components.size() + m_connections.size()));
}

void RemoveElementsCommand::redo()
{
    // Connections first: a component may only go once nothing refers to it.
    for (auto it = m_connections.rbegin(); it != m_connections.rend(); ++it)
        m_diagram.removeConnection(it->second.id);
    for (auto it = m_components.rbegin(); it != m_components.rend(); ++it)
        m_diagram.removeComponent(it->second.id);
}

void RemoveElementsCommand::undo()
{
    // Ascending indexes restore every element at its former place in the file.
    for (const auto &[index, component] : m_components)
        m_diagram.insertComponent(component, index);
    for (const auto &[index, connection] : m_connections)
        m_diagram.insertConnection(connection, index);
}

ConnectCommand::ConnectCommand(Diagram &diagram, Connection connection)
    : m_diagram(diagram)
    , m_connection(std::move(connection))
{
    setText(tr("Connect %1 to %2").arg(m_connection.from, m_connection.to));
}

void ConnectCommand::redo()
{
    // The first redo assigns the id; later redos reuse it so other commands' ids stay valid.
    m_connection.id = m_diagram.insertConnection(m_connection);
}

void ConnectCommand::undo()
{
    m_diagram.removeConnection(m_connection.id);
}

ChangeRoleCommand::ChangeRoleCommand(Diagram &diagram, Connection changed)
    : m_diagram(diagram)
    , m_other(std::move(changed))
{
    setText(tr("Change role of %1 to %2 to %3").arg(m_other.from, m_other.to, m_other.role));
}

void ChangeRoleCommand::swap()
{
    const Connection *now = m_diagram.connection(m_other.id);
    if (!now)
        return;
    const int index = m_diagram.connectionIndex(m_other.id);
    Connection previous = *now;
    m_diagram.removeConnection(previous.id);
    m_diagram.insertConnection(m_other, index);
    m_other = std::move(previous);
}

MoveComponentsCommand::MoveComponentsCommand(Diagram &diagram, QHash<QString, Move> moves,
                                             bool mergeable)
    : m_diagram(diagram)
    , m_moves(std::move(moves))
    , m_mergeable(mergeable)
{
    setText(m_moves.size() == 1 ? tr("Move %1").arg(m_moves.cbegin().key())
                                : tr("Move %1 components").arg(m_moves.size()));
}

void MoveComponentsCommand::redo()
{
    for (auto it = m_moves.cbegin(); it != m_moves.cend(); ++it)
        m_diagram.setComponentPosition(it.key(), it.value().to);
}

void MoveComponentsCommand::undo()
{
    for (auto it = m_moves.cbegin(); it != m_moves.cend(); ++it)
        m_diagram.setComponentPosition(it.key(), it.value().from);
}

bool MoveComponentsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveComponentsCommand *>(other);
    if (!o->m_mergeable || o->m_moves.keys() != m_moves.keys())
        return false;
    for (auto it = m_moves.begin(); it != m_moves.end(); ++it)
        it.value().to = o->m_moves.value(it.key()).to;
    return true;
}

RenameComponentCommand::RenameComponentCommand(Diagram &diagram, const QString &componentId,
                                               std::optional<QString> newLabel)
    : m_diagram(diagram)
    , m_componentId(componentId)
    , m_old(diagram.component(componentId) ? diagram.component(componentId)->label : std::nullopt)
    , m_new(std::move(newLabel))
{
    setText(tr("Rename %1").arg(componentId));
}

void RenameComponentCommand::redo()
{
    m_diagram.setComponentLabel(m_componentId, m_new);
}

void RenameComponentCommand::undo()
{
    m_diagram.setComponentLabel(m_componentId, m_old);
}

bool RenameComponentCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const RenameComponentCommand *>(other);
    if (o->m_componentId != m_componentId)
        return false;
    m_new = o->m_new;
    return true;
}

SetPropertyCommand::SetPropertyCommand(Diagram &diagram, const QString &componentId,
                                       const QString &name, std::optional<Value> value,
                                       bool mergeable)
    : m_diagram(diagram)
    , m_componentId(componentId)
    , m_name(name)
    , m_new(std::move(value))
    , m_mergeable(mergeable)
{
    if (const Component *c = diagram.component(componentId)) {
        m_oldIndex = c->properties.indexOf(name);
        if (const Value *old = c->properties.find(name))
            m_old = *old;
    }
    setText(tr("Set %1 of %2").arg(name, componentId));
}

SetPropertyCommand::SetPropertyCommand(Diagram &diagram, ConnectionId connectionId,
                                       const QString &name, std::optional<Value> value,
                                       bool mergeable)
    : m_diagram(diagram)
    , m_connectionId(connectionId)
    , m_name(name)
    , m_new(std::move(value))
    , m_mergeable(mergeable)
{
    if (const Connection *c = diagram.connection(connectionId)) {
        m_oldIndex = c->properties.indexOf(name);
        if (const Value *old = c->properties.find(name))
            m_old = *old;
        setText(tr("Set %1 of %2 -> %3").arg(name, c->from, c->to));
    }
}

void SetPropertyCommand::apply(const std::optional<Value> &value, int index)
{
    if (m_componentId.isEmpty())
        m_diagram.setConnectionProperty(m_connectionId, m_name, value, index);
    else
        m_diagram.setComponentProperty(m_componentId, m_name, value, index);
}

void SetPropertyCommand::redo()
{
    apply(m_new, -1);
}

void SetPropertyCommand::undo()
{
    apply(m_old, m_oldIndex);
}

int SetPropertyCommand::id() const
{
    if (!m_mergeable)
        return -1;
    return int(m_componentId.isEmpty() ? CommandId::SetConnectionProperty
                                       : CommandId::SetComponentProperty);
}

bool SetPropertyCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetPropertyCommand *>(other);
    if (!o->m_mergeable || o->m_componentId != m_componentId
        || o->m_connectionId != m_connectionId || o->m_name != m_name)
        return false;
    m_new = o->m_new;
    return true;
}

SetTopLevelCommand::SetTopLevelCommand(Diagram &diagram, const QString &key,
                                       std::optional<Value> value, const QString &text,
                                       const QString &mergeKey)
    : m_diagram(diagram)
    , m_key(key)
    , m_oldIndex(diagram.topLevelIndex(key))
    , m_new(std::move(value))
    , m_mergeKey(mergeKey)
{
    if (const Value *old = diagram.topLevel(key))
        m_old = *old;
    setText(text);
}

void SetTopLevelCommand::redo()
{
    m_diagram.setTopLevel(m_key, m_new);
}

void SetTopLevelCommand::undo()
{
    m_diagram.setTopLevel(m_key, m_old, m_oldIndex);
}

bool SetTopLevelCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetTopLevelCommand *>(other);
    if (o->m_key != m_key || o->m_mergeKey != m_mergeKey)
        return false;
    m_new = o->m_new;
    setObsolete(m_new == m_old);
    return true;
}

} // namespace ew::editing

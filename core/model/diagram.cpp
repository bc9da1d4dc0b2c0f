// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/model/diagram.h"

namespace ew::core {

Diagram::Diagram(QObject *parent)
    : QObject(parent)
{
}

const Component *Diagram::component(const QString &id) const
{
    const int i = componentIndex(id);
    return i < 0 ? nullptr : &m_data.components[size_t(i)];
}

int Diagram::componentIndex(const QString &id) const
{
    return m_componentIndex.value(id, -1);
}

const Connection *Diagram::connection(ConnectionId id) const
{
    const int i = connectionIndex(id);
    return i < 0 ? nullptr : &m_data.connections[size_t(i)];
}

int Diagram::connectionIndex(ConnectionId id) const
{
    return m_connectionIndex.value(id, -1);
}

std::vector<ConnectionId> Diagram::connectionsOf(const QString &componentId) const
{
    std::vector<ConnectionId> result;
    for (const Connection &c : m_data.connections) {
        if (c.from == componentId || c.to == componentId)
            result.push_back(c.id);
    }
    return result;
}

Component *Diagram::mutableComponent(const QString &id)
{
    const int i = componentIndex(id);
    return i < 0 ? nullptr : &m_data.components[size_t(i)];
}

Connection *Diagram::mutableConnection(ConnectionId id)
{
    const int i = connectionIndex(id);
    return i < 0 ? nullptr : &m_data.connections[size_t(i)];
}

void Diagram::rebuildIndex()
{
    m_componentIndex.clear();
    m_componentIndex.reserve(qsizetype(m_data.components.size()));
    for (size_t i = 0; i < m_data.components.size(); ++i)
        m_componentIndex.insert(m_data.components[i].id, int(i));
    m_connectionIndex.clear();
    m_connectionIndex.reserve(qsizetype(m_data.connections.size()));
    for (size_t i = 0; i < m_data.connections.size(); ++i)
        m_connectionIndex.insert(m_data.connections[i].id, int(i));
}

void Diagram::reset(DiagramData data)
{
    m_data = std::move(data);
    for (Connection &c : m_data.connections)
        c.id = m_nextConnectionId++;
    rebuildIndex();
    emit diagramReset();
    emit changed();
}

void Diagram::insertComponent(const Component &component, int index)
{
    Q_ASSERT(!m_componentIndex.contains(component.id));
    if (index < 0 || index > int(m_data.components.size()))
        index = int(m_data.components.size());
    m_data.components.insert(m_data.components.begin() + index, component);
    if (index == int(m_data.components.size()) - 1)
        m_componentIndex.insert(component.id, index);
    else
        rebuildIndex();
    emit componentAdded(component.id);
    emit changed();
}

void Diagram::removeComponent(const QString &id)
{
    const int i = componentIndex(id);
    Q_ASSERT(i >= 0);
    Q_ASSERT(connectionsOf(id).empty());
    if (i < 0)
        return;
    emit componentAboutToBeRemoved(id);
    m_data.components.erase(m_data.components.begin() + i);
    rebuildIndex();
    emit componentRemoved(id);
    emit changed();
}

void Diagram::setComponentPosition(const QString &id, const std::optional<QPointF> &position)
{
    Component *c = mutableComponent(id);
    Q_ASSERT(c);
    if (!c || c->position == position)
        return;
    c->position = position;
    emit componentChanged(id);
    emit changed();
}

void Diagram::setComponentLabel(const QString &id, const std::optional<QString> &label)
{
    Component *c = mutableComponent(id);
    Q_ASSERT(c);
    if (!c || c->label == label)
        return;
    c->label = label;
    emit componentChanged(id);
    emit changed();
}

static bool applyProperty(Value &properties, const QString &name, const std::optional<Value> &value,
                          int index)
{
    if (!value) {
        return properties.remove(name) >= 0;
    }
    if (const Value *old = properties.find(name)) {
        if (*old == *value)
            return false;
        properties.set(name, *value);
        return true;
    }
    if (index < 0)
        properties.set(name, *value);
    else
        properties.insertAt(index, name, *value);
    return true;
}

void Diagram::setComponentProperty(const QString &id, const QString &name,
                                   const std::optional<Value> &value, int index)
{
    Component *c = mutableComponent(id);
    Q_ASSERT(c);
    if (!c || !applyProperty(c->properties, name, value, index))
        return;
    emit componentChanged(id);
    emit changed();
}

ConnectionId Diagram::insertConnection(Connection connection, int index)
{
    Q_ASSERT(component(connection.from) && component(connection.to));
    if (!component(connection.from) || !component(connection.to))
        return 0;
    if (connection.id == 0)
        connection.id = m_nextConnectionId++;
    else
        m_nextConnectionId = std::max(m_nextConnectionId, connection.id + 1);
    Q_ASSERT(!m_connectionIndex.contains(connection.id));
    if (index < 0 || index > int(m_data.connections.size()))
        index = int(m_data.connections.size());
    const ConnectionId id = connection.id;
    m_data.connections.insert(m_data.connections.begin() + index, std::move(connection));
    rebuildIndex();
    emit connectionAdded(id);
    emit changed();
    return id;
}

void Diagram::removeConnection(ConnectionId id)
{
    const int i = connectionIndex(id);
    Q_ASSERT(i >= 0);
    if (i < 0)
        return;
    emit connectionAboutToBeRemoved(id);
    m_data.connections.erase(m_data.connections.begin() + i);
    rebuildIndex();
    emit connectionRemoved(id);
    emit changed();
}

void Diagram::setConnectionProperty(ConnectionId id, const QString &name,
                                    const std::optional<Value> &value, int index)
{
    Connection *c = mutableConnection(id);
    Q_ASSERT(c);
    if (!c || !applyProperty(c->properties, name, value, index))
        return;
    emit connectionChanged(id);
    emit changed();
}

const Value *Diagram::topLevel(const QString &key) const
{
    const int i = topLevelIndex(key);
    return i < 0 ? nullptr : &m_data.extra[size_t(i)].value;
}

int Diagram::topLevelIndex(const QString &key) const
{
    for (size_t i = 0; i < m_data.extra.size(); ++i) {
        if (m_data.extra[i].key == key)
            return int(i);
    }
    return -1;
}

void Diagram::setTopLevel(const QString &key, const std::optional<Value> &value, int index)
{
    std::vector<MapEntry> &extra = m_data.extra;
    const int i = topLevelIndex(key);
    if (!value) {
        if (i < 0)
            return;
        extra.erase(extra.begin() + i);
    } else if (i >= 0) {
        if (extra[size_t(i)].value == *value)
            return;
        extra[size_t(i)].value = *value;
    } else {
        if (index < 0 || index > int(extra.size()))
            index = int(extra.size());
        extra.insert(extra.begin() + index, MapEntry{key, *value});
    }
    emit topLevelChanged(key);
    emit changed();
}

QString Diagram::uniqueComponentId(const QString &base) const
{
    if (!m_componentIndex.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = base + QLatin1Char('-') + QString::number(n);
        if (!m_componentIndex.contains(candidate))
            return candidate;
    }
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>

#include <optional>
#include <vector>

namespace ew::core {

/// A connection's identity inside one session. Not written to the file (the format has none);
/// stable across edits, undo and redo because commands keep it.
using ConnectionId = quint64;

/// One component: a value, keyed by its readable id.
struct Component
{
    QString id;
    QString kind;
    std::optional<QString> label;
    std::optional<QPointF> position;
    Value properties = Value::map();    ///< map, order kept as written
    std::vector<MapEntry> extra;        ///< unknown keys, kept and written back

    QString displayName() const { return label && !label->isEmpty() ? *label : id; }
    friend bool operator==(const Component &, const Component &) = default;
};

/// One connection: from → to with a role and role-specific properties.
struct Connection
{
    ConnectionId id = 0;
    QString from;
    QString to;
    QString role;
    Value properties = Value::map();
    std::vector<MapEntry> extra;

    friend bool operator==(const Connection &, const Connection &) = default;
};

/// Everything a project file holds, as plain values.
struct DiagramData
{
    int formatVersion = 1;
    std::optional<QString> name;
    std::optional<QString> description;
    std::vector<Component> components;
    std::vector<Connection> connections;
    std::vector<MapEntry> extra;        ///< unknown top-level keys
};

/// The single owner of a project's components and connections. Signals every change.
/// Invariants in every build: component ids are unique, and every connection's ends exist.
/// Only DiagramEditor's commands and the loader call the writers.
class Diagram final : public QObject
{
    Q_OBJECT
public:
    explicit Diagram(QObject *parent = nullptr);

    const DiagramData &data() const { return m_data; }
    const std::vector<Component> &components() const { return m_data.components; }
    const std::vector<Connection> &connections() const { return m_data.connections; }

    const Component *component(const QString &id) const;
    int componentIndex(const QString &id) const;
    const Connection *connection(ConnectionId id) const;
    int connectionIndex(ConnectionId id) const;
    /// Connections that start or end at the component, in file order.
    std::vector<ConnectionId> connectionsOf(const QString &componentId) const;

    /// Replaces everything; assigns fresh connection ids. Emits diagramReset.
    void reset(DiagramData data);

    /// Inserts at index (-1 = end). The id must be new.
    void insertComponent(const Component &component, int index = -1);
    /// Removes a component that no connection uses any more.
    void removeComponent(const QString &id);
    void setComponentPosition(const QString &id, const std::optional<QPointF> &position);
    void setComponentLabel(const QString &id, const std::optional<QString> &label);
    /// Sets (or, with nullopt, removes) a property. index places a new entry (-1 = end).
    void setComponentProperty(const QString &id, const QString &name,
                              const std::optional<Value> &value, int index = -1);

    /// Inserts a connection whose ends exist. id 0 assigns a new id. Returns the id.
    ConnectionId insertConnection(Connection connection, int index = -1);
    void removeConnection(ConnectionId id);
    void setConnectionProperty(ConnectionId id, const QString &name,
                               const std::optional<Value> &value, int index = -1);

    /// The value of a top-level key the format does not define (such as `simulation`), or
    /// nullptr; and its place among those keys (-1 when absent).
    const Value *topLevel(const QString &key) const;
    int topLevelIndex(const QString &key) const;
    /// Sets (or, with nullopt, removes) a top-level entry of DiagramData::extra. An existing
    /// entry keeps its place; a new one goes to index (-1 = the end, where a new key goes).
    void setTopLevel(const QString &key, const std::optional<Value> &value, int index = -1);

    /// A component id not used yet, derived from base ("sqs-queue", "sqs-queue-2", ...).
    QString uniqueComponentId(const QString &base) const;

signals:
    void diagramReset();
    void componentAdded(const QString &id);
    void componentAboutToBeRemoved(const QString &id);
    void componentRemoved(const QString &id);
    void componentChanged(const QString &id);
    void connectionAdded(ew::core::ConnectionId id);
    void connectionAboutToBeRemoved(ew::core::ConnectionId id);
    void connectionRemoved(ew::core::ConnectionId id);
    void connectionChanged(ew::core::ConnectionId id);
    /// A top-level entry of DiagramData::extra was set or removed.
    void topLevelChanged(const QString &key);
    /// Emitted after any change above.
    void changed();

private:
    void rebuildIndex();
    Component *mutableComponent(const QString &id);
    Connection *mutableConnection(ConnectionId id);

    DiagramData m_data;
    QHash<QString, int> m_componentIndex;
    QHash<ConnectionId, int> m_connectionIndex;
    ConnectionId m_nextConnectionId = 1;
};

} // namespace ew::core

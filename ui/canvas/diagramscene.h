// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>

#include <QGraphicsScene>
#include <QHash>

namespace ew::ui {

class ComponentItem;
class ConnectionItem;

/// A projection of a Diagram: items are created and destroyed only in reaction to the
/// diagram's signals.
class DiagramScene final : public QGraphicsScene
{
    Q_OBJECT
public:
    DiagramScene(const core::Diagram &diagram, const core::Catalog &catalog, QObject *parent = nullptr);

    const core::Diagram &diagram() const { return m_diagram; }
    const core::Catalog &catalog() const { return m_catalog; }
    ComponentItem *componentItem(const QString &id) const { return m_components.value(id); }
    ConnectionItem *connectionItem(core::ConnectionId id) const { return m_connections.value(id); }
    int componentItemCount() const { return int(m_components.size()); }
    int connectionItemCount() const { return int(m_connections.size()); }
    /// Where a component is drawn: its saved position, or a grid slot when it has none.
    QPointF positionOf(const QString &componentId) const;
    /// The bounding box of everything drawn, with a margin.
    QRectF contentsRect() const;

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void onReset();
    void onComponentAdded(const QString &id);
    void onComponentRemoved(const QString &id);
    void onComponentChanged(const QString &id);
    void onConnectionAdded(core::ConnectionId id);
    void onConnectionRemoved(core::ConnectionId id);
    void onConnectionChanged(core::ConnectionId id);
    void updateConnectionsOf(const QString &componentId);

    const core::Diagram &m_diagram;
    const core::Catalog &m_catalog;
    QHash<QString, ComponentItem *> m_components;
    QHash<core::ConnectionId, ConnectionItem *> m_connections;
};

} // namespace ew::ui

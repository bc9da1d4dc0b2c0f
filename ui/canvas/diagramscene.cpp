// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/diagramscene.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"

#include <QPainter>

#include <cmath>

namespace ew::ui {

DiagramScene::DiagramScene(const core::Diagram &diagram, const core::Catalog &catalog, QObject *parent)
    : QGraphicsScene(parent)
    , m_diagram(diagram)
    , m_catalog(catalog)
{
    connect(&diagram, &core::Diagram::diagramReset, this, &DiagramScene::onReset);
    connect(&diagram, &core::Diagram::componentAdded, this, &DiagramScene::onComponentAdded);
    connect(&diagram, &core::Diagram::componentRemoved, this, &DiagramScene::onComponentRemoved);
    connect(&diagram, &core::Diagram::componentChanged, this, &DiagramScene::onComponentChanged);
    connect(&diagram, &core::Diagram::connectionAdded, this, &DiagramScene::onConnectionAdded);
    connect(&diagram, &core::Diagram::connectionRemoved, this, &DiagramScene::onConnectionRemoved);
    connect(&diagram, &core::Diagram::connectionChanged, this, &DiagramScene::onConnectionChanged);
    onReset();
}

QPointF DiagramScene::positionOf(const QString &componentId) const
{
    const core::Component *c = m_diagram.component(componentId);
    if (!c)
        return {};
    if (c->position)
        return *c->position;
    // No saved position: place it in a grid below the others, in file order.
    const int index = m_diagram.componentIndex(componentId);
    return QPointF((index % 4) * (CanvasStyle::CardWidth + 80), 600 + (index / 4) * 140);
}

QRectF DiagramScene::contentsRect() const
{
    return itemsBoundingRect().adjusted(-40, -40, 40, 40);
}

void DiagramScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, CanvasStyle::background());
    const qreal g = CanvasStyle::GridSize * 2;
    painter->setPen(QPen(CanvasStyle::gridColor(), 0));
    for (qreal x = std::floor(rect.left() / g) * g; x < rect.right(); x += g)
        painter->drawLine(QLineF(x, rect.top(), x, rect.bottom()));
    for (qreal y = std::floor(rect.top() / g) * g; y < rect.bottom(); y += g)
        painter->drawLine(QLineF(rect.left(), y, rect.right(), y));
}

void DiagramScene::onReset()
{
    clear();
    m_components.clear();
    m_connections.clear();
    for (const core::Component &c : m_diagram.components())
        onComponentAdded(c.id);
    for (const core::Connection &c : m_diagram.connections())
        onConnectionAdded(c.id);
}

void DiagramScene::onComponentAdded(const QString &id)
{
    auto *item = new ComponentItem(*this, id);
    m_components.insert(id, item);
    addItem(item);
    item->refresh();
}

void DiagramScene::onComponentRemoved(const QString &id)
{
    delete m_components.take(id);
}

void DiagramScene::onComponentChanged(const QString &id)
{
    if (ComponentItem *item = m_components.value(id)) {
        item->refresh();
        updateConnectionsOf(id);
    }
}

void DiagramScene::onConnectionAdded(core::ConnectionId id)
{
    auto *item = new ConnectionItem(*this, id);
    m_connections.insert(id, item);
    addItem(item);
    item->updateGeometry();
}

void DiagramScene::onConnectionRemoved(core::ConnectionId id)
{
    delete m_connections.take(id);
}

void DiagramScene::onConnectionChanged(core::ConnectionId id)
{
    if (ConnectionItem *item = m_connections.value(id))
        item->updateGeometry();
}

void DiagramScene::updateConnectionsOf(const QString &componentId)
{
    for (core::ConnectionId id : m_diagram.connectionsOf(componentId))
        onConnectionChanged(id);
}

} // namespace ew::ui

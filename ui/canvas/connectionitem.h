// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/canvas/itemtypes.h"

#include <core/model/diagram.h>

#include <QGraphicsItem>
#include <QPen>
#include <QStaticText>

namespace ew::ui {

class DiagramScene;

/// A connection drawn from card edge to card edge, styled by role and invocation class.
class ConnectionItem final : public QGraphicsItem
{
public:
    ConnectionItem(DiagramScene &scene, core::ConnectionId id);

    enum { Type = ConnectionItemType };
    int type() const override { return Type; }
    core::ConnectionId connectionId() const { return m_id; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// Re-routes after an end moved or the connection changed.
    void updateGeometry();

    /// The drawn route, in scene coordinates: card edge to card edge, round the cards between.
    const QPolygonF &route() const { return m_route; }
    /// From the middle of a trigger to its OnFailure/DeadLetterQueue target; empty when none.
    const QPolygonF &failureRoute() const { return m_failure; }
    /// Where the label is drawn; empty when the connection has no label.
    QRectF labelRect() const { return m_label.isEmpty() ? QRectF() : m_labelBox; }

private:
    /// Cards (other than `ignore`) whose rectangle the segment crosses.
    QList<QRectF> cardsCrossing(const QLineF &segment, const QStringList &ignore) const;
    bool crossesCards(const QPolygonF &route, const QStringList &ignore) const;
    /// A route from `from` (a card, or a point as an empty rect) to the card `to`: straight
    /// when nothing is in the way, else round the cards in the way, above or below (left or
    /// right for steep lines), whichever is clear and shorter.
    QPolygonF routeBetween(const QRectF &from, const QRectF &to, const QStringList &ignore) const;
    QRectF cardRect(const QString &componentId) const;
    void placeLabel();

    DiagramScene &m_scene;
    core::ConnectionId m_id;
    QPolygonF m_route;
    QPolygonF m_failure;
    QRectF m_labelBox;
    QRectF m_bounds;   ///< boundingRect(), set with the route
    QPen m_pen;
    QString m_label;
    QSizeF m_labelSize;
    QStaticText m_labelText;
};

} // namespace ew::ui

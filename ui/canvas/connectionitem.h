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

private:
    DiagramScene &m_scene;
    core::ConnectionId m_id;
    QLineF m_line;
    QLineF m_failureLine;   ///< from the middle of a trigger to its OnFailure/DeadLetterQueue target
    QPen m_pen;
    QString m_label;
    QSizeF m_labelSize;
    QStaticText m_labelText;
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/canvas/itemtypes.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QStaticText>

namespace ew::ui {

class DiagramScene;

/// A component's card. A view of the model: it keeps the component id and reads everything
/// it paints from the diagram and the catalog. Dragging it moves only the item; the scene
/// records the move in the model when the mouse is released.
class ComponentItem final : public QGraphicsItem
{
public:
    enum class Highlight { None, Allowed, Refused };

    ComponentItem(DiagramScene &scene, const QString &componentId);

    enum { Type = ComponentItemType };
    int type() const override { return Type; }
    const QString &componentId() const { return m_componentId; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// Re-reads the model (label, properties, position) and repaints.
    void refresh();
    /// Re-reads the diagnostics badge only.
    void refreshBadge();
    void setHighlight(Highlight highlight);
    /// The connection handle on the right edge, in scene coordinates.
    QRectF handleSceneRect() const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QString detailLine() const;

    DiagramScene &m_scene;
    QString m_componentId;
    Highlight m_highlight = Highlight::None;
    // Laid out in refresh(), painted as is.
    QStaticText m_title;
    QStaticText m_kindText;
    QStaticText m_detail;
    QStaticText m_mark;
    QFont m_markFont;
    QColor m_accent;
    QColor m_badgeColor;
    bool m_hovered = false;
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/itemtypes.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QHash>
#include <QPixmapCache>
#include <QPointer>
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
    /// The card's size: CardHeight tall, wide enough for its title from CardWidth up to
    /// MaxCardWidth (longer titles are elided; the tooltip has the full name).
    QSizeF cardSize() const { return QSizeF(m_width, CanvasStyle::CardHeight); }
    /// The title as drawn (elided when it does not fit even the widest card).
    QString shownTitle() const { return m_title.text(); }
    /// The card's rectangle in the scene before its last move.
    QRectF previousRect() const { return m_previousRect; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QString detailLine() const;
    void paintCard(QPainter *painter, bool selected, qreal lod) const;
    /// Everything the card shows changed: the next paint in every view draws it anew.
    void invalidatePicture();

    /// The card as one view last drew it, and what that picture depends on.
    struct CachedPicture
    {
        QPointer<QWidget> widget;   // null once the view is gone (its address may be reused)
        QPixmapCache::Key key;      // bounded by QPixmapCache's limit; may be evicted
        quint64 generation = 0;
        qreal scale = 0;
        qreal dpr = 0;
        bool selected = false;
        bool dark = false;
    };

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
    qreal m_width = CanvasStyle::CardWidth;
    QRectF m_previousRect;
    quint64 m_generation = 1;
    QHash<const QWidget *, CachedPicture> m_pictures;
};

} // namespace ew::ui

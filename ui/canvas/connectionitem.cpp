// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/connectionitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/diagramscene.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace ew::ui {

ConnectionItem::ConnectionItem(DiagramScene &scene, core::ConnectionId id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable);
    // Lines end at card edges, so drawing them above the cards only keeps labels readable.
    setZValue(2);
}

/// The point where the line from the card's centre towards `towards` leaves the card.
static QPointF cardEdgePoint(const QRectF &card, const QPointF &towards)
{
    const QPointF c = card.center();
    const QPointF d = towards - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = std::abs(d.x()) > 1e-9 ? (card.width() / 2) / std::abs(d.x()) : 1e9;
    const qreal sy = std::abs(d.y()) > 1e-9 ? (card.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}

void ConnectionItem::updateGeometry()
{
    const core::Connection *c = m_scene.diagram().connection(m_id);
    if (!c)
        return;
    prepareGeometryChange();
    const QSizeF size(CanvasStyle::CardWidth, CanvasStyle::CardHeight);
    const QRectF from(m_scene.positionOf(c->from), size);
    const QRectF to(m_scene.positionOf(c->to), size);
    m_line = QLineF(cardEdgePoint(from, to.center()), cardEdgePoint(to, from.center()));

    const core::Component *source = m_scene.diagram().component(c->from);
    const core::KindSpec *sourceKind = source ? m_scene.catalog().kind(source->kind) : nullptr;
    const core::Invocation invocation = sourceKind ? sourceKind->invocation : core::Invocation::None;
    m_pen = CanvasStyle::connectionPen(c->role, invocation);

    // A short label with what matters most for this edge.
    auto prop = [&](const char *name) {
        const core::Value *v = c->properties.find(QLatin1String(name));
        return v ? v->display() : QString();
    };
    QStringList parts;
    if (c->role == u"trigger") {
        if (invocation == core::Invocation::Poll) {
            parts << QStringLiteral("poll");
            const core::RoleSpec *role = sourceKind ? sourceKind->role(c->role) : nullptr;
            const core::PropertySpec *batch = role ? role->property(QStringLiteral("BatchSize")) : nullptr;
            QString b = prop("BatchSize");
            if (b.isEmpty() && batch && batch->defaultValue)
                b = batch->defaultValue->display();
            if (!b.isEmpty())
                parts << QStringLiteral("batch ") + b;
            if (const QString w = prop("MaximumBatchingWindowInSeconds"); !w.isEmpty() && w != u"0")
                parts << w + QStringLiteral(" s");
        } else if (invocation == core::Invocation::Sync) {
            const QString route = (prop("Method") + QLatin1Char(' ') + prop("Path")).trimmed();
            parts << (route.isEmpty() ? QStringLiteral("sync") : route);
        } else {
            parts << QStringLiteral("async");
        }
    } else if (c->role == u"access") {
        const QString a = prop("Access");
        parts << (a.isEmpty() ? QStringLiteral("read-write") : a);
    } else {
        parts << c->role;
        if (const QString n = prop("maxReceiveCount"); !n.isEmpty())
            parts << QStringLiteral("after %1").arg(n);
    }
    m_label = parts.join(QStringLiteral(" · "));

    // A stream's OnFailure (event source mapping) or a rule's DeadLetterQueue belongs to this
    // trigger, not to the function: draw it from the middle of the trigger line.
    m_failureLine = QLineF();
    for (const char *name : {"OnFailure", "DeadLetterQueue"}) {
        const QString target = prop(name);
        if (!target.isEmpty() && m_scene.diagram().component(target)) {
            const QRectF card(m_scene.positionOf(target), size);
            const QPointF mid = m_line.pointAt(0.5);
            m_failureLine = QLineF(mid, cardEdgePoint(card, mid));
            break;
        }
    }
    setToolTip(QStringLiteral("%1 → %2 (%3)").arg(c->from, c->to, c->role));
    update();
}

QRectF ConnectionItem::boundingRect() const
{
    QRectF r = QRectF(m_line.p1(), m_line.p2()).normalized();
    if (!m_failureLine.isNull())
        r |= QRectF(m_failureLine.p1(), m_failureLine.p2()).normalized();
    return r.adjusted(-80, -30, 80, 30);
}

static void drawArrowHead(QPainter *painter, const QLineF &line, const QColor &color)
{
    const qreal angle = std::atan2(-line.dy(), line.dx());
    const qreal size = 10;
    const QPointF tip = line.p2();
    const QPointF a = tip - QPointF(std::cos(angle - M_PI / 7) * size, -std::sin(angle - M_PI / 7) * size);
    const QPointF b = tip - QPointF(std::cos(angle + M_PI / 7) * size, -std::sin(angle + M_PI / 7) * size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(QPolygonF({tip, a, b}));
}

QPainterPath ConnectionItem::shape() const
{
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path);
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_line.length() < 1)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen = m_pen;
    if (option->state & QStyle::State_Selected)
        pen.setWidthF(pen.widthF() + 1.5);
    painter->setPen(pen);
    painter->drawLine(m_line);

    drawArrowHead(painter, m_line, pen.color());
    if (!m_failureLine.isNull() && m_failureLine.length() > 1) {
        const QPen failure = CanvasStyle::connectionPen(QStringLiteral("on-failure"), core::Invocation::None);
        painter->setPen(failure);
        painter->drawLine(m_failureLine);
        drawArrowHead(painter, m_failureLine, failure.color());
    }

    if (m_label.isEmpty())
        return;
    const QFont font = CanvasStyle::detailFont();
    painter->setFont(font);
    const QFontMetricsF fm(font);
    const QPointF mid = (m_line.p1() + m_line.p2()) / 2;
    QRectF box(0, 0, fm.horizontalAdvance(m_label) + 10, fm.height() + 4);
    box.moveCenter(mid);
    painter->setBrush(CanvasStyle::background());
    painter->setPen(QPen(pen.color(), 0.8));
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(CanvasStyle::textColor());
    painter->drawText(box, Qt::AlignCenter, m_label);
}

} // namespace ew::ui

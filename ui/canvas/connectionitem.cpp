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
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
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

    // Several connections between the same two cards (either direction) are drawn side by
    // side, so that their lines and labels do not cover each other.
    int index = 0, count = 0;
    for (const core::Connection &other : m_scene.diagram().connections()) {
        const bool samePair = (other.from == c->from && other.to == c->to)
                              || (other.from == c->to && other.to == c->from);
        if (!samePair)
            continue;
        if (other.id == m_id)
            index = count;
        ++count;
    }
    if (count > 1) {
        // One normal for the pair, whatever the direction of this connection.
        const bool forward = c->from < c->to;
        const QLineF base = forward ? m_line : QLineF(m_line.p2(), m_line.p1());
        QPointF normal(-base.dy(), base.dx());
        const qreal length = std::hypot(normal.x(), normal.y());
        if (length > 0)
            normal /= length;
        const QPointF shift = normal * ((index - (count - 1) / 2.0) * 22.0);
        m_line.translate(shift);
    }

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
    const QFontMetricsF fm(CanvasStyle::detailFont());
    m_labelSize = QSizeF(fm.horizontalAdvance(m_label) + 10, fm.height() + 4);
    m_labelText.setText(m_label);
    m_labelText.setTextFormat(Qt::PlainText);
    m_labelText.setPerformanceHint(QStaticText::AggressiveCaching);
    m_labelText.prepare(QTransform(), CanvasStyle::detailFont());

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

/// The part of a line inside a rectangle (Liang–Barsky); a null line when it misses it.
/// Qt lays dash patterns out along the whole line, so long dashed edges are clipped first.
static QLineF clipped(const QLineF &line, const QRectF &rect)
{
    qreal t0 = 0, t1 = 1;
    const qreal dx = line.dx(), dy = line.dy();
    const qreal p[4] = {-dx, dx, -dy, dy};
    const qreal q[4] = {line.x1() - rect.left(), rect.right() - line.x1(), line.y1() - rect.top(),
                        rect.bottom() - line.y1()};
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(p[i])) {
            if (q[i] < 0)
                return {};
            continue;
        }
        const qreal t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return {};
    }
    return QLineF(line.pointAt(t0), line.pointAt(t1));
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
    QPen pen = m_pen;
    if (option->state & QStyle::State_Selected)
        pen.setWidthF(pen.widthF() + 1.5);
    // Level of detail: zoomed far out, a plain one-pixel line in the edge's colour.
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (lod < 0.3) {
        painter->setPen(QPen(pen.color(), 0));
        painter->drawLine(m_line);
        if (!m_failureLine.isNull())
            painter->drawLine(m_failureLine);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(pen);
    const QRectF exposed = option->exposedRect.adjusted(-4, -4, 4, 4);
    // Dashes keep their phase when a line is clipped only if it still starts at p1; lines that
    // start outside are drawn from the clip point, which shifts the dash pattern slightly.
    if (const QLineF visible = clipped(m_line, exposed); !visible.isNull())
        painter->drawLine(visible);

    drawArrowHead(painter, m_line, pen.color());
    if (!m_failureLine.isNull() && m_failureLine.length() > 1) {
        const QPen failure = CanvasStyle::connectionPen(QStringLiteral("on-failure"), core::Invocation::None);
        painter->setPen(failure);
        if (const QLineF visible = clipped(m_failureLine, exposed); !visible.isNull())
            painter->drawLine(visible);
        drawArrowHead(painter, m_failureLine, failure.color());
    }

    if (m_label.isEmpty())
        return;
    painter->setFont(CanvasStyle::detailFont());
    QRectF box(QPointF(0, 0), m_labelSize);
    box.moveCenter((m_line.p1() + m_line.p2()) / 2);
    painter->setBrush(CanvasStyle::background());
    painter->setPen(QPen(pen.color(), 0.8));
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(CanvasStyle::textColor());
    painter->drawStaticText(box.center() - QPointF(m_labelText.size().width(), m_labelText.size().height()) / 2, m_labelText);
}

} // namespace ew::ui

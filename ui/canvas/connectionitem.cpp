// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/connectionitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/diagramscene.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
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

static QLineF longestSegment(const QPolygonF &route)
{
    QLineF best;
    for (int i = 1; i < route.size(); ++i) {
        const QLineF segment(route.at(i - 1), route.at(i));
        if (segment.length() > best.length())
            best = segment;
    }
    return best;
}

static QLineF lastSegment(const QPolygonF &route)
{
    return route.size() >= 2 ? QLineF(route.at(route.size() - 2), route.last()) : QLineF();
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

/// True when the segment passes through the rectangle's inside (touching an edge is not).
static bool segmentCrosses(const QLineF &segment, const QRectF &rect)
{
    const QLineF inside = clipped(segment, rect.adjusted(1, 1, -1, -1));
    return !inside.isNull() || (segment.p1() == segment.p2() && rect.adjusted(1, 1, -1, -1).contains(segment.p1()));
}

QRectF ConnectionItem::cardRect(const QString &componentId) const
{
    const ComponentItem *item = m_scene.componentItem(componentId);
    return QRectF(m_scene.positionOf(componentId),
                  item ? item->cardSize() : QSizeF(CanvasStyle::CardWidth, CanvasStyle::CardHeight));
}

QList<QRectF> ConnectionItem::cardsCrossing(const QLineF &segment, const QStringList &ignore) const
{
    QList<QRectF> out;
    const QRectF box = QRectF(segment.p1(), segment.p2()).normalized().adjusted(-1, -1, 1, 1);
    for (const ComponentItem *card : m_scene.cardsIn(box)) {
        if (ignore.contains(card->componentId()))
            continue;
        const QRectF r(card->pos(), card->cardSize());
        if (segmentCrosses(segment, r))
            out << r;
    }
    return out;
}

bool ConnectionItem::crossesCards(const QPolygonF &route, const QStringList &ignore) const
{
    for (int i = 1; i < route.size(); ++i) {
        if (!cardsCrossing(QLineF(route.at(i - 1), route.at(i)), ignore).isEmpty())
            return true;
    }
    return false;
}

QPolygonF ConnectionItem::routeBetween(const QRectF &from, const QRectF &to, const QStringList &ignore) const
{
    auto edge = [](const QRectF &card, const QPointF &towards) {
        return card.isEmpty() ? card.topLeft() : cardEdgePoint(card, towards);
    };
    const QPointF start = edge(from, to.center());
    const QPolygonF straight({start, edge(to, from.center())});
    const QList<QRectF> blocking = cardsCrossing(QLineF(straight.first(), straight.last()), ignore);
    if (blocking.isEmpty())
        return straight;
    QRectF around;
    for (const QRectF &r : blocking)
        around |= r;
    around.adjust(-16, -16, 16, 16);
    const QPointF a = from.isEmpty() ? from.topLeft() : from.center();
    const QPointF b = to.center();
    const bool steep = std::abs(b.y() - a.y()) > std::abs(b.x() - a.x());
    // Two corners on one side of the cards in the way, in the direction of travel.
    QList<QPolygonF> candidates;
    for (int side = 0; side < 2; ++side) {
        QPointF w1, w2;
        if (!steep) {
            const qreal y = side == 0 ? around.bottom() : around.top();
            w1 = QPointF(b.x() > a.x() ? around.left() : around.right(), y);
            w2 = QPointF(b.x() > a.x() ? around.right() : around.left(), y);
        } else {
            const qreal x = side == 0 ? around.right() : around.left();
            w1 = QPointF(x, b.y() > a.y() ? around.top() : around.bottom());
            w2 = QPointF(x, b.y() > a.y() ? around.bottom() : around.top());
        }
        QPolygonF r({edge(from, w1), w1, w2, edge(to, w2)});
        if (!crossesCards(r, ignore))
            candidates << r;
    }
    auto length = [](const QPolygonF &r) {
        qreal l = 0;
        for (int i = 1; i < r.size(); ++i)
            l += QLineF(r.at(i - 1), r.at(i)).length();
        return l;
    };
    if (candidates.isEmpty())
        return straight;   // boxed in: a straight line is the least confusing
    return *std::min_element(candidates.begin(), candidates.end(),
                             [&](const QPolygonF &x, const QPolygonF &y) { return length(x) < length(y); });
}

void ConnectionItem::placeLabel()
{
    const QLineF along = longestSegment(m_route);
    QRectF box(QPointF(0, 0), m_labelSize);
    auto clear = [&](const QRectF &candidate) {
        for (const ComponentItem *card : m_scene.cardsIn(candidate)) {
            if (QRectF(card->pos(), card->cardSize()).adjusted(-2, -2, 2, 2).intersects(candidate))
                return false;
        }
        return true;
    };
    // On the line, as near its middle as the cards allow.
    for (qreal t : {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74}) {
        box.moveCenter(along.pointAt(t));
        if (clear(box)) {
            m_labelBox = box;
            return;
        }
    }
    // The line is shorter than its label (two cards side by side): above the gap, clear of
    // the cards, then below.
    const QPointF mid = along.pointAt(0.5);
    QRectF ends = QRectF(along.p1(), along.p2()).normalized();
    for (const QRectF &r : {cardRect(m_scene.diagram().connection(m_id)->from), cardRect(m_scene.diagram().connection(m_id)->to)})
        ends |= r;
    for (qreal y : {ends.top() - box.height() / 2 - 3, ends.bottom() + box.height() / 2 + 3}) {
        box.moveCenter(QPointF(mid.x(), y));
        if (clear(box)) {
            m_labelBox = box;
            return;
        }
    }
    box.moveCenter(mid);
    m_labelBox = box;
}

void ConnectionItem::updateGeometry()
{
    const core::Connection *c = m_scene.diagram().connection(m_id);
    if (!c)
        return;
    prepareGeometryChange();
    const QRectF from = cardRect(c->from);
    const QRectF to = cardRect(c->to);
    const QStringList ends{c->from, c->to};

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
        QLineF line(cardEdgePoint(from, to.center()), cardEdgePoint(to, from.center()));
        // One normal for the pair, whatever the direction of this connection.
        const bool forward = c->from < c->to;
        const QLineF base = forward ? line : QLineF(line.p2(), line.p1());
        QPointF normal(-base.dy(), base.dx());
        const qreal length = std::hypot(normal.x(), normal.y());
        if (length > 0)
            normal /= length;
        line.translate(normal * ((index - (count - 1) / 2.0) * 22.0));
        m_route = QPolygonF({line.p1(), line.p2()});
    } else {
        m_route = routeBetween(from, to, ends);
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
    m_failure.clear();
    for (const char *name : {"OnFailure", "DeadLetterQueue"}) {
        const QString target = prop(name);
        if (!target.isEmpty() && m_scene.diagram().component(target)) {
            const QPointF mid = longestSegment(m_route).pointAt(0.5);
            m_failure = routeBetween(QRectF(mid, QSizeF(0, 0)), cardRect(target), {target});
            break;
        }
    }
    placeLabel();
    // Asked for on every paint and index query: computed once per route.
    QRectF bounds = m_route.boundingRect();
    if (!m_failure.isEmpty())
        bounds |= m_failure.boundingRect();
    if (!m_label.isEmpty())
        bounds |= m_labelBox;
    m_bounds = bounds.adjusted(-12, -12, 12, 12);
    setToolTip(QStringLiteral("%1 → %2 (%3)").arg(c->from, c->to, c->role));
    update();
}

QRectF ConnectionItem::boundingRect() const
{
    return m_bounds;
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
    QPainterPath path;
    path.addPolygon(m_route);
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath shape = stroker.createStroke(path);
    if (!m_label.isEmpty())
        shape.addRect(m_labelBox);
    return shape;
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_route.size() < 2 || lastSegment(m_route).length() < 1)
        return;
    QPen pen = m_pen;
    if (option->state & QStyle::State_Selected)
        pen.setWidthF(pen.widthF() + 1.5);
    // Level of detail: zoomed far out, a plain one-pixel line in the edge's colour.
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (lod < 0.3) {
        painter->setPen(QPen(pen.color(), 0));
        painter->drawPolyline(m_route);
        if (!m_failure.isEmpty())
            painter->drawPolyline(m_failure);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF exposed = option->exposedRect.adjusted(-4, -4, 4, 4);
    // Dashes keep their phase when a line is clipped only if it still starts at p1; lines that
    // start outside are drawn from the clip point, which shifts the dash pattern slightly.
    auto drawRoute = [&](const QPolygonF &route, const QPen &p) {
        painter->setPen(p);
        for (int i = 1; i < route.size(); ++i) {
            if (const QLineF visible = clipped(QLineF(route.at(i - 1), route.at(i)), exposed); !visible.isNull())
                painter->drawLine(visible);
        }
        drawArrowHead(painter, lastSegment(route), p.color());
    };
    drawRoute(m_route, pen);
    if (m_failure.size() >= 2 && lastSegment(m_failure).length() > 1)
        drawRoute(m_failure, CanvasStyle::connectionPen(QStringLiteral("on-failure"), core::Invocation::None));

    if (m_label.isEmpty() || !m_labelBox.intersects(exposed))
        return;
    painter->setFont(CanvasStyle::detailFont());
    painter->setBrush(CanvasStyle::background());
    painter->setPen(QPen(pen.color(), 0.8));
    painter->drawRoundedRect(m_labelBox, 4, 4);
    painter->setPen(CanvasStyle::textColor());
    painter->drawStaticText(m_labelBox.center() - QPointF(m_labelText.size().width(), m_labelText.size().height()) / 2,
                            m_labelText);
}

} // namespace ew::ui

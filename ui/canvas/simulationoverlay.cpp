// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/simulationoverlay.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/itemtypes.h"

#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ew::ui {

using core::sim::Action;
using core::sim::ComponentStats;
using core::sim::Series;

namespace {
/// Dots of one batch follow each other this far apart (scene units).
constexpr qreal DotSpacing = 2.6 * SimulationOverlay::DotRadius;
/// The band under a card where its counter is drawn.
constexpr qreal CounterGap = 4;
constexpr qreal CounterHeight = 17;
constexpr qreal CounterBand = 300;   // wide enough for any counter, centred on the card
constexpr qreal HighlightWidth = 10;

QFont counterFont()
{
    static const QFont f = [] {
        QFont font = CanvasStyle::detailFont();
        font.setPointSizeF(7.5);
        font.setBold(true);
        return font;
    }();
    return f;
}

QRectF dotRect(const QPointF &p)
{
    const qreal r = SimulationOverlay::DotRadius + 5.5;   // with the outline, a picked entry's ring
    return QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r);
}
} // namespace

/// The overlay's one scene item: above cards and connections, never hit by the mouse (no
/// shape), painting what the overlay computed for the exposed rectangle only.
class SimulationLayerItem final : public QGraphicsItem
{
public:
    explicit SimulationLayerItem(SimulationOverlay &overlay)
        : m_overlay(&overlay)
    {
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
        setFlag(ItemUsesExtendedStyleOption);   // exposedRect: only the repainted part
        setZValue(30);
    }
    ~SimulationLayerItem() override
    {
        if (m_overlay)
            m_overlay->layerDestroyed();
    }
    enum { Type = SimulationLayerItemType };
    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_overlay ? m_overlay->m_bounds : QRectF(); }
    QPainterPath shape() const override { return {}; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) override
    {
        if (m_overlay)
            m_overlay->paint(painter, option->exposedRect,
                             QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()));
    }
    void detach() { m_overlay = nullptr; }
    void boundsWillChange() { prepareGeometryChange(); }

private:
    SimulationOverlay *m_overlay;
};

SimulationOverlay::SimulationOverlay(DiagramScene &scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
    makeLayer();
    // Connected after the scene's own slots: on a reset the scene has cleared its items (the
    // layer with them) before this runs.
    connect(&scene.diagram(), &core::Diagram::diagramReset, this, [this] {
        makeLayer();
        setRun(nullptr);
    });
    connect(&scene.diagram(), &core::Diagram::changed, this, &SimulationOverlay::geometryChanged);
}

SimulationOverlay::~SimulationOverlay()
{
    if (m_layer) {
        m_layer->detach();
        delete m_layer;
    }
}

QGraphicsItem *SimulationOverlay::layer() const
{
    return m_layer;
}

void SimulationOverlay::makeLayer()
{
    if (m_layer)
        return;
    m_layer = new SimulationLayerItem(*this);
    m_layer->setVisible(m_shown);
    m_scene.addItem(m_layer);
}

void SimulationOverlay::setRun(SimulationRunPtr run)
{
    m_run = std::move(run);
    m_highlight.reset();
    m_time = std::clamp(m_time, 0.0, m_run ? m_run->duration() : 0.0);
    geometryChanged();
}

void SimulationOverlay::setShown(bool shown)
{
    if (m_shown == shown)
        return;
    m_shown = shown;
    if (m_layer)
        m_layer->setVisible(shown);
    geometryChanged();
}

void SimulationOverlay::setTravelTime(double seconds)
{
    m_travel = std::max(0.0, seconds);
}

void SimulationOverlay::setHighlightedEntry(std::optional<quint64> entry)
{
    if (m_highlight == entry)
        return;
    const QRectF before = highlightBounds();
    m_highlight = entry;
    if (m_layer) {
        m_layer->update(before);
        m_layer->update(highlightBounds());
    }
}

void SimulationOverlay::geometryChanged()
{
    // Cards moved or connections changed: routes, counters' places and the bounds anew, and
    // the whole layer repainted (rare: an edit, a run, entering the mode).
    m_routes.clear();
    m_failureRoutes.clear();
    const QRectF oldBounds = m_bounds;
    m_dots.clear();
    m_notDrawn = 0;
    m_badges.clear();
    if (m_run && m_shown) {
        computeBadges();
        computeDots();
    }
    const QRectF bounds = m_run && m_shown ? contentBounds() : QRectF();
    if (m_layer) {
        if (bounds != oldBounds) {
            m_layer->boundsWillChange();
            m_bounds = bounds;
        }
        m_layer->update();
    } else {
        m_bounds = bounds;
    }
}

QRectF SimulationOverlay::contentBounds() const
{
    QRectF out;
    for (const core::Connection &c : m_scene.diagram().connections()) {
        if (const Route *r = routeOf(c.id))
            out |= r->points.boundingRect();
        if (const Route *r = routeOf(c.id, true))
            out |= r->points.boundingRect();
    }
    out.adjust(-HighlightWidth, -HighlightWidth, HighlightWidth, HighlightWidth);
    for (const core::Component &c : m_scene.diagram().components()) {
        if (const ComponentItem *item = m_scene.componentItem(c.id)) {
            const QRectF card(item->pos(), item->cardSize());
            out |= QRectF(card.center().x() - CounterBand / 2, card.bottom() + CounterGap, CounterBand, CounterHeight + 2);
        }
    }
    return out;
}

const SimulationOverlay::Route *SimulationOverlay::routeOf(core::ConnectionId id, bool failure) const
{
    if (!id)
        return nullptr;
    auto &cache = failure ? m_failureRoutes : m_routes;
    auto it = cache.find(id);
    if (it == cache.end()) {
        const ConnectionItem *item = m_scene.connectionItem(id);
        const QPolygonF points = item ? (failure ? item->failureRoute() : item->route()) : QPolygonF();
        if (points.size() < 2)
            return nullptr;
        Route r;
        r.points = points;
        r.lengths.reserve(size_t(r.points.size()));
        r.lengths.push_back(0);
        for (int i = 1; i < r.points.size(); ++i)
            r.lengths.push_back(r.lengths.back() + QLineF(r.points[i - 1], r.points[i]).length());
        it = cache.insert(id, std::move(r));
    }
    return &*it;
}

QPointF SimulationOverlay::pointAlong(const Route &route, qreal distance)
{
    const auto &l = route.lengths;
    if (distance <= 0)
        return route.points.first();
    if (distance >= l.back())
        return route.points.last();
    const int i = int(std::upper_bound(l.begin(), l.end(), distance) - l.begin());   // 1 .. n-1
    const qreal segment = l[size_t(i)] - l[size_t(i - 1)];
    const qreal f = segment > 0 ? (distance - l[size_t(i - 1)]) / segment : 0;
    return QLineF(route.points[i - 1], route.points[i]).pointAt(f);
}

void SimulationOverlay::computeDots()
{
    m_dots.clear();
    m_notDrawn = 0;
    if (!m_run || !m_shown)
        return;
    const auto &trace = m_run->result().trace;
    const std::vector<int> &delivers = m_run->moveSteps();
    const double from = m_time - m_travel;
    auto timeOf = [&](int i) { return trace[size_t(i)].time; };
    const auto lo = std::lower_bound(delivers.begin(), delivers.end(), from,
                                     [&](int i, double t) { return timeOf(i) < t; });
    const auto hi = std::upper_bound(delivers.begin(), delivers.end(), m_time,
                                     [&](double t, int i) { return t < timeOf(i); });
    // Newest first: past the cap, the events that just left are the ones to see.
    for (auto it = hi; it != lo;) {
        --it;
        const core::sim::TraceStep &step = trace[size_t(*it)];
        const core::ConnectionId id = m_run->connectionId(step.connection);
        const bool failure = m_run->isFailureMove(*it);
        const Route *route = routeOf(id, failure);
        if (!route)
            continue;
        const double progress = m_travel > 0 ? std::clamp((m_time - step.time) / m_travel, 0.0, 1.0) : 1.0;
        const qreal total = route->lengths.back();
        // A step that names no entry still moves one message (see unnamedMoveFate).
        const size_t count = std::max<size_t>(1, step.entries.size());
        for (size_t j = 0; j < count; ++j) {
            if (int(m_dots.size()) >= MaxDots || j >= size_t(MaxDotsPerStep)) {
                ++m_notDrawn;
                continue;
            }
            Dot d;
            d.entry = j < step.entries.size() ? step.entries[j] : 0;
            d.connection = id;
            d.failureRoute = failure;
            d.fate = d.entry ? m_run->fateOf(d.entry) : m_run->unnamedMoveFate(step);
            d.pos = pointAlong(*route, progress * total - qreal(j) * DotSpacing);
            m_dots.push_back(d);
        }
    }
}

SimulationOverlay::Counters SimulationOverlay::countersOf(const QString &componentId) const
{
    Counters c;
    if (!m_run)
        return c;
    const int index = m_run->componentIndex(componentId);
    const auto &stats = m_run->result().components;
    if (index < 0 || index >= int(stats.size()))
        return c;
    c.role = stats[size_t(index)].role;
    c.invocations = m_run->countAt(index, Action::Invoke, m_time);
    c.errors = m_run->countAt(index, Action::Fail, m_time);
    c.throttles = m_run->countAt(index, Action::Throttle, m_time);
    c.queueDepth = m_run->seriesAt(index, Series::QueueDepth, m_time);
    c.iteratorAge = m_run->seriesAt(index, Series::IteratorAge, m_time);
    return c;
}

QString SimulationOverlay::counterText(const QString &componentId) const
{
    if (!m_run || !m_shown)
        return {};
    const Counters c = countersOf(componentId);
    switch (c.role) {
    case ComponentStats::Role::Function:
        return tr("inv %1 · err %2 · thr %3").arg(c.invocations).arg(c.errors).arg(c.throttles);
    case ComponentStats::Role::Queue: return tr("depth %1").arg(qint64(std::llround(c.queueDepth)));
    case ComponentStats::Role::Stream: return tr("age %1s").arg(c.iteratorAge, 0, 'f', c.iteratorAge < 10 ? 1 : 0);
    case ComponentStats::Role::Other: break;
    }
    return {};
}

QRectF SimulationOverlay::counterRect(const QString &componentId) const
{
    for (const Badge &b : m_badges) {
        if (b.component == componentId)
            return b.rect;
    }
    return {};
}

void SimulationOverlay::computeBadges()
{
    m_badges.clear();
    if (!m_run || !m_shown)
        return;
    const QFontMetricsF metrics(counterFont());
    for (const core::Component &c : m_scene.diagram().components()) {
        const QString text = counterText(c.id);
        const ComponentItem *item = m_scene.componentItem(c.id);
        if (text.isEmpty() || !item)
            continue;
        const QRectF card(item->pos(), item->cardSize());
        const qreal w = std::min(CounterBand, std::ceil(metrics.horizontalAdvance(text)) + 12);
        m_badges.push_back({c.id, text, QRectF(card.center().x() - w / 2, card.bottom() + CounterGap, w, CounterHeight)});
    }
}

std::vector<const SimulationOverlay::Route *> SimulationOverlay::highlightRoutes() const
{
    std::vector<const Route *> out;
    if (!m_run || !m_highlight)
        return out;
    for (core::ConnectionId id : m_run->pathOf(*m_highlight)) {
        if (const Route *r = routeOf(id))
            out.push_back(r);
    }
    // Sent on to its trigger's failure target: that route too.
    for (int step : m_run->stepsOf(*m_highlight)) {
        if (!m_run->isFailureMove(step))
            continue;
        if (const Route *r = routeOf(m_run->connectionId(m_run->result().trace[size_t(step)].connection), true))
            out.push_back(r);
    }
    return out;
}

QRectF SimulationOverlay::highlightBounds() const
{
    if (!m_run || !m_highlight)
        return {};
    QRectF out;
    for (const Route *r : highlightRoutes())
        out |= r->points.boundingRect();
    return out.adjusted(-HighlightWidth, -HighlightWidth, HighlightWidth, HighlightWidth);
}

void SimulationOverlay::setTime(double t)
{
    m_time = std::clamp(t, 0.0, m_run ? m_run->duration() : 0.0);
    if (!m_run || !m_shown)
        return;
    const std::vector<Dot> before = std::move(m_dots);
    const std::vector<Badge> badgesBefore = std::move(m_badges);
    computeDots();
    computeBadges();
    if (!m_layer)
        return;
    // Only what moved or changed: each old and new dot, each counter whose text changed.
    for (const Dot &d : before)
        m_layer->update(dotRect(d.pos));
    for (const Dot &d : m_dots)
        m_layer->update(dotRect(d.pos));
    for (const Badge &b : m_badges) {
        const auto old = std::find_if(badgesBefore.begin(), badgesBefore.end(),
                                      [&](const Badge &o) { return o.component == b.component; });
        if (old == badgesBefore.end() || old->text != b.text || old->rect != b.rect)
            m_layer->update((old == badgesBefore.end() ? QRectF() : old->rect.adjusted(-1, -1, 1, 1))
                            | b.rect.adjusted(-1, -1, 1, 1));
    }
}

void SimulationOverlay::paint(QPainter *painter, const QRectF &exposed, qreal lod) const
{
    if (!m_run || !m_shown)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_highlight) {
        // A glow along the picked entry's connections, and a core line in its fate's colour.
        const QColor solid = CanvasStyle::fateColor(m_run->fateOf(*m_highlight));
        QColor glow = solid;
        glow.setAlpha(70);
        QPen wide(glow, HighlightWidth * 1.4);
        wide.setCapStyle(Qt::RoundCap);
        wide.setJoinStyle(Qt::RoundJoin);
        QPen narrow(solid, 3);
        narrow.setCapStyle(Qt::RoundCap);
        narrow.setJoinStyle(Qt::RoundJoin);
        painter->setBrush(Qt::NoBrush);
        for (const Route *r : highlightRoutes()) {
            if (!exposed.intersects(r->points.boundingRect().adjusted(-12, -12, 12, 12)))
                continue;
            painter->setPen(wide);
            painter->drawPolyline(r->points);
            painter->setPen(narrow);
            painter->drawPolyline(r->points);
        }
    }
    // Two passes: the outlines first, then the fills, so that dots of a batch that overlap
    // read as one chain with one outline, not a pile of rings.
    painter->setPen(Qt::NoPen);
    painter->setBrush(CanvasStyle::cardFill());
    for (const Dot &d : m_dots) {
        if (exposed.intersects(dotRect(d.pos)))
            painter->drawEllipse(d.pos, DotRadius + 1.2, DotRadius + 1.2);
    }
    for (const Dot &d : m_dots) {
        if (!exposed.intersects(dotRect(d.pos)))
            continue;
        painter->setBrush(CanvasStyle::fateColor(d.fate));
        painter->drawEllipse(d.pos, DotRadius, DotRadius);
    }
    // The picked entry's own dot, ringed.
    if (m_highlight) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(CanvasStyle::textColor(), 1.6));
        for (const Dot &d : m_dots) {
            if (d.entry == *m_highlight && exposed.intersects(dotRect(d.pos).adjusted(-4, -4, 4, 4)))
                painter->drawEllipse(d.pos, DotRadius + 3.5, DotRadius + 3.5);
        }
    }
    // Counters are text: unreadable (and costly) on the overview's tiny scale.
    if (lod >= 0.35) {
        QColor fill = CanvasStyle::counterFill();
        fill.setAlpha(225);
        painter->setFont(counterFont());
        for (const Badge &b : m_badges) {
            if (!exposed.intersects(b.rect))
                continue;
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(b.rect, CounterHeight / 2, CounterHeight / 2);
            painter->setPen(CanvasStyle::counterText());
            painter->drawText(b.rect, Qt::AlignCenter, b.text);
        }
    }
    painter->restore();
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/canvas/simulationrun.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include <optional>
#include <vector>

class QGraphicsItem;
class QPainter;

namespace ew::ui {

class DiagramScene;
class SimulationLayerItem;

/// Simulate mode drawn over the canvas at a playback time t: a dot per event travelling along
/// its connection for a short while after each step that moves it (SimulationRun::moveSteps),
/// coloured by the fate its ledger entry ends in; a live counter under each function, queue and stream card; the path of one
/// picked entry, emphasised. Painting stays cheap: the layer is one scene item that repaints
/// only the rectangles whose dots or counters changed, and draws at most MaxDots dots a frame
/// (the newest; dotsNotDrawn() says how many more are in motion).
///
/// The layer is an item of the scene, so the scene's clear() on a new document deletes it; the
/// overlay makes a new one and forgets the run.
class SimulationOverlay final : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxDots = 300;
    /// A batch is drawn as a train of at most this many dots (the rest count as not drawn).
    static constexpr int MaxDotsPerStep = 10;
    static constexpr qreal DotRadius = 5;

    explicit SimulationOverlay(DiagramScene &scene, QObject *parent = nullptr);
    ~SimulationOverlay() override;

    void setRun(SimulationRunPtr run);
    const SimulationRunPtr &run() const { return m_run; }
    /// Moves playback to t (simulated seconds) and repaints what changed.
    void setTime(double t);
    double time() const { return m_time; }
    /// How long, in simulated seconds, a dot takes along its connection (the panel sets a
    /// fixed wall-clock time times the playback speed).
    void setTravelTime(double seconds);
    double travelTime() const { return m_travel; }
    /// The entry whose connections are drawn emphasised; nullopt for none.
    void setHighlightedEntry(std::optional<quint64> entry);
    std::optional<quint64> highlightedEntry() const { return m_highlight; }
    /// Simulate mode on or off: off hides the dots, counters and highlight.
    void setShown(bool shown);
    bool isShown() const { return m_shown; }

    struct Dot
    {
        quint64 entry = 0;   ///< 0: the step names no entry
        core::ConnectionId connection = 0;
        bool failureRoute = false;   ///< along the connection's failure route
        core::sim::Fate fate = core::sim::Fate::InFlight;
        QPointF pos;   ///< scene coordinates
    };
    /// The dots drawn at time() (at most MaxDots).
    const std::vector<Dot> &dots() const { return m_dots; }
    /// Events in motion at time() that the cap left out.
    int dotsNotDrawn() const { return m_notDrawn; }

    /// A card's live figures at time() (from the trace's steps up to t and the series' sample
    /// that holds t).
    struct Counters
    {
        core::sim::ComponentStats::Role role = core::sim::ComponentStats::Role::Other;
        qint64 invocations = 0;
        qint64 errors = 0;
        qint64 throttles = 0;
        double queueDepth = 0;
        double iteratorAge = 0;
    };
    Counters countersOf(const QString &componentId) const;
    /// The counter drawn under the card: "inv 3 · err 1 · thr 0", "depth 4", "age 12s"; "" for
    /// none (other kinds, no run, not shown).
    QString counterText(const QString &componentId) const;
    /// Where the counter of the card is drawn (scene coordinates); empty for none.
    QRectF counterRect(const QString &componentId) const;

    QGraphicsItem *layer() const;

private:
    friend class SimulationLayerItem;
    struct Badge
    {
        QString component;
        QString text;
        QRectF rect;
    };
    struct Route
    {
        QPolygonF points;
        std::vector<qreal> lengths;   ///< cumulative, lengths[0] = 0
    };

    void makeLayer();
    void layerDestroyed() { m_layer = nullptr; }
    void geometryChanged();
    /// The connection's route, or with failure its failure route; null when not drawn.
    const Route *routeOf(core::ConnectionId id, bool failure = false) const;
    static QPointF pointAlong(const Route &route, qreal distance);
    void computeDots();
    void computeBadges();
    std::vector<const Route *> highlightRoutes() const;
    QRectF highlightBounds() const;
    QRectF contentBounds() const;
    void paint(QPainter *painter, const QRectF &exposed, qreal lod) const;

    DiagramScene &m_scene;
    SimulationLayerItem *m_layer = nullptr;
    SimulationRunPtr m_run;
    double m_time = 0;
    double m_travel = 8;
    std::optional<quint64> m_highlight;
    bool m_shown = false;
    std::vector<Dot> m_dots;
    int m_notDrawn = 0;
    std::vector<Badge> m_badges;
    mutable QHash<core::ConnectionId, Route> m_routes;   ///< dropped when the design changes
    mutable QHash<core::ConnectionId, Route> m_failureRoutes;
    QRectF m_bounds;                               ///< the layer's bounding rect
};

} // namespace ew::ui

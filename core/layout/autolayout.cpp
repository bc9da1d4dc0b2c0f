// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/layout/autolayout.h"

#include <QByteArray>
#include <QRectF>
#include <QSet>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace ew::core {

namespace {

constexpr double W = LayoutCardWidth;
constexpr double H = LayoutCardHeight;
constexpr double Grid = LayoutGrid;
constexpr double NodeSep = 60;   // between cards of one lane (vertical), scene units
constexpr double RankSep = 120;  // between lanes (horizontal)
constexpr double MinGap = Grid;  // what placement keeps free around a card

double snap(double v) { return std::round(v / Grid) * Grid; }
QPointF snap(QPointF p) { return {snap(p.x()), snap(p.y())}; }

bool overlaps(QPointF a, QPointF b)
{
    return std::abs(a.x() - b.x()) < W + MinGap && std::abs(a.y() - b.y()) < H + MinGap;
}

/// The diagram as a graph over component indices (connections with unknown ends dropped).
struct Graph
{
    struct Edge
    {
        int from = 0;
        int to = 0;
        int weight = 1;
        bool trigger = false;
        bool constraint = true;
    };
    std::vector<Edge> edges;
    std::vector<std::vector<int>> neighbours;  // undirected, in connection order
    std::vector<int> lane;                     // 0 triggers, 1 functions, 2 destinations/data
    std::vector<bool> isolated;
};

int laneOfCategory(const QString &category)
{
    if (category == u"sync-trigger" || category == u"async-trigger" || category == u"poll-source")
        return 0;
    if (category == u"compute")
        return 1;
    return 2;
}

bool reaches(const std::vector<std::vector<int>> &out, int from, int target, std::vector<int> &mark, int stamp)
{
    std::vector<int> stack{from};
    mark[size_t(from)] = stamp;
    while (!stack.empty()) {
        const int n = stack.back();
        stack.pop_back();
        if (n == target)
            return true;
        for (int m : out[size_t(n)]) {
            if (mark[size_t(m)] != stamp) {
                mark[size_t(m)] = stamp;
                stack.push_back(m);
            }
        }
    }
    return false;
}

Graph buildGraph(const DiagramData &data, const Catalog &catalog)
{
    Graph g;
    const size_t n = data.components.size();
    QHash<QString, int> index;
    for (size_t i = 0; i < n; ++i)
        index.insert(data.components[i].id, int(i));

    g.neighbours.resize(n);
    g.lane.resize(n, 2);
    g.isolated.assign(n, true);
    for (size_t i = 0; i < n; ++i) {
        const KindSpec *kind = catalog.kind(data.components[i].kind);
        g.lane[i] = kind ? laneOfCategory(kind->category) : 2;
    }

    // One edge per ordered pair (strongest role wins); trigger edges first so that they are
    // always layout constraints, then the others unless they would close a cycle.
    QHash<quint64, int> pairIndex;
    std::vector<Graph::Edge> triggers, others;
    for (const Connection &c : data.connections) {
        const auto f = index.constFind(c.from), t = index.constFind(c.to);
        if (f == index.cend() || t == index.cend() || *f == *t)
            continue;
        const bool trigger = c.role == u"trigger";
        const int weight = trigger ? 8 : (c.role == u"access" ? 1 : 2);
        const quint64 key = (quint64(quint32(*f)) << 32) | quint32(*t);
        g.isolated[size_t(*f)] = g.isolated[size_t(*t)] = false;
        g.neighbours[size_t(*f)].push_back(*t);
        g.neighbours[size_t(*t)].push_back(*f);
        if (trigger)
            g.lane[size_t(*f)] = 0;
        auto &list = trigger ? triggers : others;
        if (const auto it = pairIndex.constFind(key); it != pairIndex.cend()) {
            // Already have this pair: a trigger edge absorbs the others.
            const int existing = *it;
            const bool inTriggers = existing >= 0;
            Graph::Edge &e = inTriggers ? triggers[size_t(existing)] : others[size_t(-existing - 1)];
            e.weight = std::max(e.weight, weight);
            continue;
        }
        list.push_back({*f, *t, weight, trigger, true});
        pairIndex.insert(key, trigger ? int(list.size() - 1) : -int(list.size()));
    }

    std::vector<std::vector<int>> out(n);
    std::vector<int> mark(n, 0);
    int stamp = 0;
    auto addConstraint = [&](Graph::Edge &e) {
        // A constraint edge from → to may not close a cycle of constraint edges.
        if (reaches(out, e.to, e.from, mark, ++stamp)) {
            e.constraint = false;
            return;
        }
        out[size_t(e.from)].push_back(e.to);
    };
    for (Graph::Edge &e : triggers)
        addConstraint(e);
    for (Graph::Edge &e : others)
        addConstraint(e);
    g.edges = std::move(triggers);
    g.edges.insert(g.edges.end(), others.begin(), others.end());
    return g;
}

/// Collects Graphviz's error messages for the duration of one layout.
QByteArray g_graphvizErrors;
int collectGraphvizError(char *message)
{
    if (message)
        g_graphvizErrors += message;
    return 0;
}

struct ErrorCapture
{
    agusererrf previousFunction;
    agerrlevel_t previousLevel;
    ErrorCapture()
    {
        g_graphvizErrors.clear();
        previousFunction = agseterrf(collectGraphvizError);
        previousLevel = agseterr(AGERR);
        agreseterrors();
    }
    ~ErrorCapture()
    {
        agseterrf(previousFunction);
        agseterr(previousLevel);
    }
    ErrorCapture(const ErrorCapture &) = delete;
    ErrorCapture &operator=(const ErrorCapture &) = delete;
};

/// One Graphviz context for the process, freed at exit. (gvContext() reads the plugin
/// configuration each time and, in Graphviz 2.42/2.43, leaks that buffer: create it once.)
GVC_t *graphvizContext()
{
    struct Context
    {
        GVC_t *gvc = gvContext();
        ~Context()
        {
            if (gvc)
                gvFreeContext(gvc);
        }
    };
    static Context context;
    return context.gvc;
}

char *cs(const char *s) { return const_cast<char *>(s); }

void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, cs(name), const_cast<char *>(value.constData()), cs(""));
}

QByteArray inches(double sceneUnits) { return QByteArray::number(sceneUnits / 72.0, 'f', 4); }

/// Lays the graph out with dot; returns card centres (scene coordinates, y down) or an error.
bool graphvizLayout(const Graph &graph, std::vector<QPointF> &centres, QString *error)
{
    const size_t n = graph.lane.size();
    ErrorCapture capture;
    GVC_t *gvc = graphvizContext();
    if (!gvc) {
        *error = QStringLiteral("Graphviz: no context");
        return false;
    }
    Agraph_t *g = agopen(cs("layout"), Agdirected, nullptr);
    if (!g) {
        *error = QStringLiteral("Graphviz: cannot create a graph");
        return false;
    }
    set(g, "rankdir", "LR");
    set(g, "nodesep", inches(NodeSep));
    set(g, "ranksep", inches(RankSep));
    set(g, "splines", "none");   // positions only: no edge routing
    set(g, "ordering", "");
    agattr(g, AGNODE, cs("shape"), cs("box"));
    agattr(g, AGNODE, cs("fixedsize"), cs("true"));
    agattr(g, AGNODE, cs("label"), cs(""));
    agattr(g, AGNODE, cs("width"), const_cast<char *>(inches(W).constData()));
    agattr(g, AGNODE, cs("height"), const_cast<char *>(inches(H).constData()));
    agattr(g, AGEDGE, cs("weight"), cs("1"));
    agattr(g, AGEDGE, cs("constraint"), cs("true"));

    std::vector<Agnode_t *> nodes(n, nullptr);
    for (size_t i = 0; i < n; ++i)
        nodes[i] = agnode(g, const_cast<char *>(QByteArray("n" + QByteArray::number(qulonglong(i))).constData()), 1);

    for (const Graph::Edge &e : graph.edges) {
        Agedge_t *edge = agedge(g, nodes[size_t(e.from)], nodes[size_t(e.to)], nullptr, 1);
        if (!edge)
            continue;
        set(edge, "weight", QByteArray::number(e.weight));
        if (!e.constraint)
            set(edge, "constraint", "false");
    }

    // Components with no connection sit in their kind's lane: invisible anchors a0 → a1 → a2
    // give the lanes, a rank=same subgraph puts each isolated card into its lane.
    if (std::find(graph.isolated.begin(), graph.isolated.end(), true) != graph.isolated.end()) {
        Agnode_t *anchors[3];
        Agraph_t *lanes[3];
        for (int l = 0; l < 3; ++l) {
            lanes[l] = agsubg(g, const_cast<char *>(QByteArray("lane" + QByteArray::number(l)).constData()), 1);
            set(lanes[l], "rank", "same");
            anchors[l] = agnode(lanes[l], const_cast<char *>(QByteArray("anchor" + QByteArray::number(l)).constData()), 1);
            set(anchors[l], "width", "0.01");
            set(anchors[l], "height", "0.01");
            set(anchors[l], "style", "invis");
        }
        for (int l = 0; l < 2; ++l) {
            Agedge_t *e = agedge(g, anchors[l], anchors[l + 1], nullptr, 1);
            set(e, "weight", "100");
        }
        for (size_t i = 0; i < n; ++i)
            if (graph.isolated[i])
                agsubnode(lanes[graph.lane[i]], nodes[i], 1);
    }

    const int rc = gvLayout(gvc, g, "dot");
    const bool ok = rc == 0 && agerrors() == 0;
    if (ok) {
        centres.resize(n);
        for (size_t i = 0; i < n; ++i) {
            const pointf p = ND_coord(nodes[i]);
            centres[i] = QPointF(p.x, -p.y);   // Graphviz y grows upward
        }
        gvFreeLayout(gvc, g);
    } else {
        if (rc == 0)
            gvFreeLayout(gvc, g);
        *error = QStringLiteral("Graphviz layout failed (%1)%2")
                     .arg(rc)
                     .arg(g_graphvizErrors.isEmpty() ? QString()
                                                     : QStringLiteral(": ") + QString::fromUtf8(g_graphvizErrors).trimmed());
    }
    agclose(g);
    return ok;
}

/// Fallback: lanes as columns, cards stacked in component order.
std::vector<QPointF> gridLayout(const Graph &graph)
{
    std::vector<QPointF> topLeft(graph.lane.size());
    int rows[3] = {0, 0, 0};
    for (size_t i = 0; i < graph.lane.size(); ++i) {
        const int lane = graph.lane[i];
        topLeft[i] = QPointF(lane * (W + 100), rows[lane]++ * (H + 44));
    }
    return topLeft;
}

/// Top-left positions snapped to the grid, moved so the layout starts at (0, 0).
std::vector<QPointF> toTopLeft(const std::vector<QPointF> &centres)
{
    std::vector<QPointF> out(centres.size());
    double minX = std::numeric_limits<double>::max(), minY = minX;
    for (size_t i = 0; i < centres.size(); ++i) {
        out[i] = snap(centres[i] - QPointF(W / 2, H / 2));
        minX = std::min(minX, out[i].x());
        minY = std::min(minY, out[i].y());
    }
    for (QPointF &p : out)
        p -= QPointF(minX, minY);
    return out;
}

/// The free grid position nearest to `wanted` (a grid point) among `placed`.
QPointF nearestFree(QPointF wanted, const std::vector<QPointF> &placed)
{
    auto isFree = [&](QPointF p) {
        return std::none_of(placed.begin(), placed.end(), [&](QPointF q) { return overlaps(p, q); });
    };
    if (isFree(wanted))
        return wanted;
    constexpr int MaxRing = 60;
    for (int r = 1; r <= MaxRing; ++r) {
        std::vector<std::pair<int, int>> ring;
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx)
                if (std::max(std::abs(dx), std::abs(dy)) == r)
                    ring.emplace_back(dx, dy);
        // Nearest first; among equals prefer below, then right (deterministic).
        std::stable_sort(ring.begin(), ring.end(), [](auto a, auto b) {
            const int da = a.first * a.first + a.second * a.second;
            const int db = b.first * b.first + b.second * b.second;
            if (da != db)
                return da < db;
            return std::pair(-a.second, -a.first) < std::pair(-b.second, -b.first);
        });
        for (auto [dx, dy] : ring) {
            const QPointF p = wanted + QPointF(dx * Grid, dy * Grid);
            if (isFree(p))
                return p;
        }
    }
    // Crowded: below everything.
    double bottom = wanted.y();
    for (QPointF q : placed)
        bottom = std::max(bottom, q.y() + H + MinGap);
    return QPointF(wanted.x(), snap(bottom + Grid));
}

/// Moves any card that overlaps an earlier one to the nearest free place (a safety net).
void resolveOverlaps(std::vector<QPointF> &topLeft)
{
    std::vector<size_t> order(topLeft.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return topLeft[a].x() != topLeft[b].x() ? topLeft[a].x() < topLeft[b].x() : a < b;
    });
    bool clash = false;
    for (size_t k = 0; k < order.size() && !clash; ++k)
        for (size_t j = k + 1; j < order.size(); ++j) {
            const QPointF a = topLeft[order[k]], b = topLeft[order[j]];
            if (b.x() - a.x() >= W + MinGap)
                break;
            if (overlaps(a, b)) {
                clash = true;
                break;
            }
        }
    if (!clash)
        return;
    std::vector<QPointF> placed;
    placed.reserve(topLeft.size());
    for (QPointF &p : topLeft) {
        p = nearestFree(p, placed);
        placed.push_back(p);
    }
}

} // namespace

AutoLayoutResult autoLayoutWithReport(const DiagramData &data, const Catalog &catalog, bool onlyMissing)
{
    AutoLayoutResult result;
    const size_t n = data.components.size();
    if (n == 0)
        return result;

    const bool anyPlaced = std::any_of(data.components.begin(), data.components.end(),
                                       [](const Component &c) { return c.position.has_value(); });
    const bool anyMissing = std::any_of(data.components.begin(), data.components.end(),
                                        [](const Component &c) { return !c.position.has_value(); });
    if (onlyMissing && !anyMissing) {
        for (const Component &c : data.components)
            result.positions.insert(c.id, *c.position);
        return result;
    }

    const Graph graph = buildGraph(data, catalog);
    std::vector<QPointF> centres;
    std::vector<QPointF> layout;
    if (graphvizLayout(graph, centres, &result.message)) {
        layout = toTopLeft(centres);
    } else {
        result.usedGraphviz = false;
        layout = gridLayout(graph);
    }
    resolveOverlaps(layout);

    if (!onlyMissing || !anyPlaced) {
        for (size_t i = 0; i < n; ++i)
            result.positions.insert(data.components[i].id, layout[i]);
        return result;
    }

    // Keep what has a position; place each other card next to a placed neighbour, keeping the
    // offset the layout gave them, at the nearest free place. Unconnected groups go below.
    std::vector<std::optional<QPointF>> final(n);
    std::vector<QPointF> placed;
    double left = std::numeric_limits<double>::max(), bottom = std::numeric_limits<double>::lowest();
    for (size_t i = 0; i < n; ++i) {
        if (const auto &p = data.components[i].position) {
            final[i] = *p;
            placed.push_back(*p);
            left = std::min(left, p->x());
            bottom = std::max(bottom, p->y() + H);
        }
    }
    double layoutLeft = std::numeric_limits<double>::max(), layoutTop = layoutLeft;
    for (size_t i = 0; i < n; ++i) {
        if (!final[i]) {
            layoutLeft = std::min(layoutLeft, layout[i].x());
            layoutTop = std::min(layoutTop, layout[i].y());
        }
    }
    const QPointF islandOffset = QPointF(snap(left), snap(bottom + 3 * Grid) + Grid) - QPointF(layoutLeft, layoutTop);

    size_t missing = std::count_if(final.begin(), final.end(), [](const auto &p) { return !p; });
    while (missing > 0) {
        size_t pick = n;
        int anchor = -1;
        for (size_t i = 0; i < n && pick == n; ++i) {
            if (final[i])
                continue;
            for (int m : graph.neighbours[i]) {
                if (final[size_t(m)]) {
                    pick = i;
                    anchor = m;
                    break;
                }
            }
        }
        QPointF wanted;
        if (pick == n) {
            for (pick = 0; final[pick]; ++pick) {}
            wanted = layout[pick] + islandOffset;
        } else {
            wanted = *final[size_t(anchor)] + (layout[pick] - layout[size_t(anchor)]);
        }
        const QPointF p = nearestFree(snap(wanted), placed);
        final[pick] = p;
        placed.push_back(p);
        --missing;
    }
    for (size_t i = 0; i < n; ++i)
        result.positions.insert(data.components[i].id, *final[i]);
    return result;
}

QHash<QString, QPointF> autoLayout(const DiagramData &data, const Catalog &catalog, bool onlyMissing)
{
    AutoLayoutResult result = autoLayoutWithReport(data, catalog, onlyMissing);
    if (!result.usedGraphviz)
        qWarning("auto-layout: %s; using a simple grid", qUtf8Printable(result.message));
    return std::move(result.positions);
}

} // namespace ew::core

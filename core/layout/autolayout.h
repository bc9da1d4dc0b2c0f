// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"

#include <QHash>
#include <QPointF>
#include <QString>

namespace ew::core {

/// Card geometry the layout places (scene units; ui/canvas/canvasstyle.h draws the same size).
inline constexpr double LayoutCardWidth = 220;
inline constexpr double LayoutCardHeight = 76;
inline constexpr double LayoutGrid = 20;

/// The positions autoLayout() computed and how.
struct AutoLayoutResult
{
    QHash<QString, QPointF> positions;  ///< top-left scene positions, by component id
    bool usedGraphviz = true;           ///< false: Graphviz failed and a simple grid was used
    QString message;                    ///< why Graphviz was not used (empty when it was)
};

/// Positions for components, computed with Graphviz dot, left to right in lanes:
/// triggers (sources of trigger connections and trigger-category kinds) → functions →
/// destinations and data. Cards are 220 × 76; no two cards overlap; positions snapped to 20.
/// onlyMissing: keep components that have a position and place only the others (next to
/// what they connect to where possible); otherwise lay out everything.
QHash<QString, QPointF> autoLayout(const DiagramData &data, const Catalog &catalog, bool onlyMissing = false);

/// autoLayout() with the report of whether Graphviz laid it out (or the fallback grid did).
AutoLayoutResult autoLayoutWithReport(const DiagramData &data, const Catalog &catalog,
                                      bool onlyMissing = false);

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/simulation/simulator.h>
#include <core/validation/diagnostic.h>

#include <QColor>
#include <QFont>
#include <QPen>

namespace ew::ui {

/// Every colour, pen and font of the canvas, keyed by catalog category, invocation and role.
/// Colours live here, never in core.
class CanvasStyle
{
public:
    static constexpr qreal CardWidth = 220;      ///< a card's width, and the least one
    static constexpr qreal MaxCardWidth = 290;   ///< the widest a long title makes a card
    static constexpr qreal CardHeight = 76;
    static constexpr qreal GridSize = 20;

    /// True when the application palette is dark (text lighter than the window).
    static bool isDark();
    static QColor categoryColor(const QString &category);
    static QString badgeText(const QString &kind);
    static QColor cardFill();
    static QColor cardBorder(bool selected);
    static QColor textColor();
    static QColor secondaryTextColor();
    static QColor background();
    static QColor gridColor();
    /// The pen of a connection: the role decides the colour, the source's invocation the dash.
    static QPen connectionPen(const QString &role, core::Invocation sourceInvocation);
    static QColor verdictColor(bool allowed);
    static QColor severityColor(core::Severity severity);
    /// A simulated event's dot, by the fate its ledger entry ends in: succeeded green,
    /// to_on_failure orange, dead_lettered purple, discarded red, rejected dark red, in_flight
    /// grey (a lighter set on a dark canvas).
    static QColor fateColor(core::sim::Fate fate);
    /// The live counter under a card in Simulate mode.
    static QColor counterFill();
    static QColor counterText();
    static QFont titleFont();
    static QFont detailFont();
};

} // namespace ew::ui

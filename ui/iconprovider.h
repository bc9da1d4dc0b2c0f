// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QString>

namespace ew::ui {

/// Icons of component kinds: ":/icons/kinds/<kind-id>.svg", with a fallback for unknown kinds.
class IconProvider
{
public:
    static QIcon icon(const QString &kindId);
    /// Path of the SVG resource for the kind, or of the fallback icon.
    static QString iconPath(const QString &kindId);
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"

#include <QMap>

namespace ew::core {

/// Counts for `eventwright stats`: components by kind, connections by role, trigger
/// connections by invocation class and by the kind of their source.
struct ProjectStats
{
    QMap<QString, int> components;
    QMap<QString, int> connections;
    int sync = 0;
    int async = 0;
    int poll = 0;
    QMap<QString, int> triggerSources;
    int unmapped = 0;   ///< template resources an import could not map (0 for a project file)

    static ProjectStats compute(const DiagramData &data, const Catalog &catalog);
};

} // namespace ew::core

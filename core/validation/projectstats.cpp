// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/projectstats.h"

#include <QHash>

namespace ew::core {

ProjectStats ProjectStats::compute(const DiagramData &data, const Catalog &catalog)
{
    ProjectStats s;
    QHash<QString, QString> kindOf;
    for (const Component &c : data.components) {
        ++s.components[c.kind];
        kindOf.insert(c.id, c.kind);
    }
    for (const Connection &c : data.connections) {
        ++s.connections[c.role];
        if (c.role != u"trigger")
            continue;
        const QString sourceKind = kindOf.value(c.from);
        ++s.triggerSources[sourceKind];
        const KindSpec *k = catalog.kind(sourceKind);
        switch (k ? k->invocation : Invocation::None) {
        case Invocation::Sync: ++s.sync; break;
        case Invocation::Async: ++s.async; break;
        case Invocation::Poll: ++s.poll; break;
        case Invocation::None: break;
        }
    }
    // Template resources an import kept without a catalog kind (see docs/project-format.md).
    for (const MapEntry &e : data.extra) {
        if (e.key == u"unmapped-resources" && e.value.isMap())
            s.unmapped = int(e.value.entries().size());
    }
    return s;
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"

#include <QStringList>

namespace ew::core {

/// Whether a connection may be drawn, and why: the canvas colours a dragged connection with
/// it and shows the reason; when only one role fits, `role` is the one to use.
struct ConnectionVerdict
{
    bool allowed = false;
    QString role;          ///< the role to create when exactly one fits (or the one asked for)
    QStringList roles;     ///< every role that fits, in catalog order (a menu when > 1)
    QString reason;        ///< a sentence for the tooltip and status bar
};

/// Judges a connection from → to, with a given role or (empty role) any role the catalog
/// allows between the two kinds, plus the AWS rules that forbid an edge outright.
ConnectionVerdict checkConnection(const DiagramData &data, const Catalog &catalog,
                                  const QString &from, const QString &to,
                                  const QString &role = {});

} // namespace ew::core

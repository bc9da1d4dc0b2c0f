// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the template import: component ids from logical ids, and renamed references.

#include "core/model/value.h"

#include <QHash>
#include <QString>

namespace ew::core::samimport {

/// "OrdersQueue" → "orders-queue".
QString idFromLogical(const QString &logical);
/// Renames logical ids in Ref, GetAtt, Sub and DependsOn (for resources kept as they were,
/// whose neighbours the exporter names after their component ids).
void renameRefs(Value &v, const QHash<QString, QString> &names, int depth = 0);

} // namespace ew::core::samimport

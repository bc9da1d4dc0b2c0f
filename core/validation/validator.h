// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"
#include "core/validation/diagnostic.h"

namespace ew::core {

/// Validation is a pure function of (project, catalog) → diagnostics, in a stable order.
class Validator
{
public:
    static QList<Diagnostic> validate(const DiagramData &data, const Catalog &catalog);
    /// Every rule this validator can report, sorted by id.
    static const QList<RuleInfo> &rules();
    static const RuleInfo *rule(const QString &id);
};

} // namespace ew::core

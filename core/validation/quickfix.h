// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/diagram.h"
#include "core/validation/diagnostic.h"

namespace ew::core {

/// Applies a quick fix to plain project data (used by `validate --fix`; the designer applies
/// fixes through DiagramEditor instead, as one undo step). Returns false, changing nothing,
/// when an edit no longer fits the data (a component or connection is gone, an id is taken).
bool applyQuickFix(DiagramData &data, const QuickFix &fix);

} // namespace ew::core

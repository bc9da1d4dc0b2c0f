// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/diagram.h"
#include "core/validation/diagnostic.h"

#include <optional>
#include <vector>

namespace ew::core {

class Catalog;

/// One change of a quick fix, checked against the project and made concrete. This is the
/// only reading of FixEdit: `validate --fix` (applyQuickFix below) applies the steps to plain
/// data, DiagramEditor::applyQuickFix turns them into one undo step.
struct FixStep
{
    using Kind = FixEdit::Kind;
    Kind kind = Kind::SetComponentProperty;
    QString componentId;            ///< SetComponentProperty
    int connectionIndex = -1;       ///< SetConnectionProperty: index in the data as validated
    QString name;                   ///< property name
    std::optional<Value> value;     ///< nullopt removes the property
    Component component;            ///< AddComponent
    Connection connection;          ///< AddConnection
};

/// The steps of a quick fix on data, or nullopt when any edit no longer fits, so that a stale
/// fix changes nothing. Refused:
/// - a property edit of a component that is neither in data nor added earlier by the fix;
/// - a connection index outside data's connections (indexes name connections as validated,
///   never ones the fix adds);
/// - an added component whose id is taken or whose kind the catalog does not know;
/// - an added connection whose ends are neither in data nor added earlier by the fix;
/// - an edit of a kind this interpreter does not know.
/// Refusing the whole fix is the safer choice for the last two: applying part of a fix, or
/// a component the designer cannot show or validate, would leave a project no rule intended.
std::optional<std::vector<FixStep>> planQuickFix(const DiagramData &data, const QuickFix &fix,
                                                 const Catalog &catalog);

/// Applies a quick fix to plain project data (used by `validate --fix`). Returns false,
/// changing nothing, when planQuickFix refuses it.
bool applyQuickFix(DiagramData &data, const QuickFix &fix, const Catalog &catalog);
/// The same with the built-in catalog.
bool applyQuickFix(DiagramData &data, const QuickFix &fix);

} // namespace ew::core

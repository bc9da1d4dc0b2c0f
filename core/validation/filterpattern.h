// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Lambda event filter patterns (FilterCriteria): their JSON text, as the exporters write it, and
// their structural problems. Used by the FILTER-* checks of the event source mapping rules.

#include "core/model/value.h"

#include <QString>
#include <QStringList>

namespace ew::core {

/// A value as compact JSON, the way the exporters write a filter pattern: scalars keep their
/// YAML type (plain numbers, booleans and null stay unquoted).
QString patternJson(const Value &v);

/// Structural problems of a filter pattern (a map): every field holds a non-empty list of
/// values/operators or nested fields. DG-FILTER's filter rule syntax puts every match value in
/// a list; a bare value is rejected at deploy time with "Invalid filter pattern definition"
/// (reported against CloudFormation in github.com/aws/aws-cdk/issues/23057). `fixable` stays true when the only problems are single
/// values that a list around them repairs.
void patternProblems(const Value &map, const QString &prefix, QStringList &problems, bool &fixable);

/// The pattern with every single value put into a one-element list.
Value wrapSingleValues(const Value &map);

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"

namespace ew::core {

/// What is wrong with a property value against its spec: its type, or its range/choices.
struct PropertyProblem
{
    enum Kind { None, IllTyped, OutOfRange };
    Kind kind = None;
    QString message;   ///< e.g. "must be an integer" / "must be between 1 and 900 s"
};

/// Checks a value's type and range against the spec. Component references are only checked
/// for being a text value here; whether the id exists is the validator's business.
PropertyProblem checkPropertyValue(const PropertySpec &spec, const Value &value);

/// "1–900 s", "one of A, B", "" — for messages and tooltips.
QString describeRange(const PropertySpec &spec);

} // namespace ew::core

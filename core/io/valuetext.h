// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

#include <QString>

#include <optional>

namespace ew::core {

/// A value as editable YAML text (block style, as in a project file): used by the properties
/// panel's map and list editors.
QString valueToYamlText(const Value &value);

/// Parses YAML text typed by a user into a Value; on failure returns nullopt and sets error to
/// "line L, column C: message".
std::optional<Value> valueFromYamlText(const QString &text, QString *error);

} // namespace ew::core

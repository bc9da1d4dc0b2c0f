// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the template import: template text → Value.

#include "core/import/samimporter.h"
#include "core/model/value.h"

#include <QByteArray>

#include <optional>

namespace ew::core::samimport {

/// Reads a template (YAML or JSON, CRLF and a BOM allowed) through io's YamlConverter in its
/// template form: the root mapping, with a Resources mapping. When it cannot, sets
/// result.error and returns nothing; what the reading tolerated goes to result.notes.
std::optional<Value> readTemplate(const QByteArray &input, ImportResult &result);

} // namespace ew::core::samimport

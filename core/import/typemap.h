// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the template import: what AWS names mean in the catalog's terms.

#include "core/model/value.h"

#include <QString>

namespace ew::core::samimport {

/// The catalog kind of a resource type (some depend on the properties), or empty.
QString kindForType(const QString &type, const Value &props);
/// The kind of an IAM service prefix ("sqs" → the queue kind), or empty.
QString serviceKind(const QString &service);
/// Access bits (1 read, 2 write, 3 both) of a SAM policy template, 0 when not known.
int policyTemplateAccess(const QString &name);
/// Access bits of an IAM action ("sqs:SendMessage" → 2).
int actionAccess(const QString &action);
/// "read", "write" or "read-write" for access bits.
QString accessName(int bits);

} // namespace ew::core::samimport

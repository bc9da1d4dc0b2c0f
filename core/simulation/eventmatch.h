// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

namespace ew::core::sim {

/// True when the event (a map: SNS message attributes or body, an EventBridge event) matches
/// the SNS filter policy or EventBridge event pattern: every key of the pattern matches, a list
/// means any of its values, a nested map matches a nested field. Values are exact strings or
/// numbers, or the operators prefix, suffix, anything-but, exists, equals-ignore-case and
/// numeric. Operators and keys ($or) the simulator does not know count as a match, so that an
/// unknown form never hides an event.
bool eventMatches(const Value &pattern, const Value &event);

} // namespace ew::core::sim

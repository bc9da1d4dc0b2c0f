// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rulegroups.h"

namespace ew::core::rules {

const QList<RuleInfo> &esmRules()
{
    static const QList<RuleInfo> list = {};
    return list;
}

void checkEventSourceMappings(ValidationContext &context)
{
    Q_UNUSED(context);
}

} // namespace ew::core::rules

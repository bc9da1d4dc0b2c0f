// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to ew_core: the groups of validation rules. Each group describes its rules (ids of
// aws-semantics.md §14, or MODEL-NNN for structural checks) and checks a project with them.

#include "core/validation/validationcontext.h"

namespace ew::core::rules {

/// Structural checks against the catalog: kinds, property types and ranges, roles, references.
const QList<RuleInfo> &modelRules();
void checkModel(ValidationContext &context);

/// Functions and async invocation: FN-*, ASYNC-*, CONC-*, PAY-*.
const QList<RuleInfo> &functionRules();
void checkFunctions(ValidationContext &context);

/// Event source mappings: ESM-GEN-*, ESM-SQS-*, ESM-KIN-*, ESM-DDB-*, ESM-KAF-*, FILTER-*.
const QList<RuleInfo> &esmRules();
void checkEventSourceMappings(ValidationContext &context);

/// Push integrations and graph rules: SYNC-*, PERM-*, IAM-*, S3-*, SNS-*, EB-*, SCHED-*, LOOP-*.
const QList<RuleInfo> &integrationRules();
void checkIntegrations(ValidationContext &context);

} // namespace ew::core::rules

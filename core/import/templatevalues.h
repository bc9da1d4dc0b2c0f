// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the template import: reading Values of a CloudFormation template.

#include "core/model/value.h"

#include <QString>
#include <QStringList>

#include <initializer_list>

namespace ew::core::samimport {

/// The text of a scalar, else empty.
QString text(const Value *v);
/// The value at a path of map keys, or nullptr.
const Value *at(const Value &v, std::initializer_list<const char *> path);
/// Logical ids a value refers to (Ref, GetAtt, Sub), in order of appearance.
void refsIn(const Value &v, QStringList &out, int depth = 0);
QStringList refs(const Value &v);
/// A filter pattern: JSON text becomes a map, other text stays as written.
Value patternValue(const Value &p);
/// Copies a setting whatever its form, an intrinsic function included (a schedule expression
/// given as !Ref of a parameter, !If, !Sub ...); rules skip values they cannot know.
void copyAny(const Value &from, const char *name, Value &to);
/// Copies a setting unless it is an intrinsic function, under `as` when given.
void copyScalar(const Value &from, const char *name, Value &to, const char *as = nullptr);

} // namespace ew::core::samimport

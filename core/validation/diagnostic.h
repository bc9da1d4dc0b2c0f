// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace ew::core {

enum class Severity { Error, Warning, Info };

QString toString(Severity severity);

/// The connection a diagnostic is about, as the CLI prints it.
struct ConnectionRef
{
    QString from;
    QString to;
    QString role;
    friend bool operator==(const ConnectionRef &, const ConnectionRef &) = default;
};

/// One change a quick fix makes. Connections are named by their index in the project's list
/// of connections (ids are per session; the index is what validation saw).
struct FixEdit
{
    enum class Kind { SetComponentProperty, SetConnectionProperty, AddComponent, AddConnection };
    Kind kind = Kind::SetComponentProperty;
    QString componentId;                  ///< SetComponentProperty; AddComponent: the new id
    int connectionIndex = -1;             ///< SetConnectionProperty
    QString name;                         ///< property name
    std::optional<Value> value;           ///< nullopt removes the property
    QString kindId;                       ///< AddComponent: the kind; AddConnection: unused
    QString label;                        ///< AddComponent: label
    QString from, to, role;               ///< AddConnection
    Value properties = Value::map();      ///< AddComponent / AddConnection properties
};

/// A change that makes a diagnostic go away, applied as one undoable step.
struct QuickFix
{
    QString text;                         ///< e.g. "Set VisibilityTimeout of 'orders' to 180 s"
    bool safe = true;                     ///< `validate --fix` applies only safe fixes
    std::vector<FixEdit> edits;
};

/// One finding of validation: which rule, how bad, what it is about, and what to change.
struct Diagnostic
{
    QString rule;                          ///< stable id, e.g. "MODEL-003"
    Severity severity = Severity::Error;
    QString message;
    QString component;                     ///< component id, empty when about a connection/file
    std::optional<ConnectionRef> connection;
    QString fix;                           ///< what to change; empty when there is no fix text
    int connectionIndex = -1;              ///< index of the connection in the project, or -1
    std::optional<QuickFix> quickFix;      ///< an automatic fix, when one exists
};

/// What a rule checks, for `eventwright rules` and the UI's "Explain".
struct RuleInfo
{
    QString id;
    Severity severity = Severity::Error;
    QString summary;
    QString explanation;
    QString url;
};

} // namespace ew::core

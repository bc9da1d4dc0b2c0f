// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <optional>

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

/// One finding of validation: which rule, how bad, what it is about, and what to change.
struct Diagnostic
{
    QString rule;                          ///< stable id, e.g. "MODEL-003"
    Severity severity = Severity::Error;
    QString message;
    QString component;                     ///< component id, empty when about a connection/file
    std::optional<ConnectionRef> connection;
    QString fix;                           ///< what to change; empty when there is no fix text
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

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <optional>

namespace ew::app {

/// Exit codes of CLI.md.
enum ExitCode { ExitOk = 0, ExitInputErrors = 1, ExitUsage = 2 };

/// True when the arguments ask for a headless subcommand (or --help/--version).
bool isCliInvocation(const QStringList &arguments);

/// Runs a headless subcommand under QCoreApplication; `render` is handled by the GUI side.
int runCli(const QStringList &arguments);

QString usageText();

} // namespace ew::app

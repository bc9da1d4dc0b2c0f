// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace ew::core {

/// Reads a whole file of at most maxBytes: every file the program reads for the user (project
/// files, templates, recovery notes) goes through here, so a refusal always reads the same.
/// On failure returns nullopt and sets *error (when given) to one of
///   "no such file"
///   "not a regular file"                       (a folder, a device, a socket)
///   "cannot read the file: <system reason>"
///   "the file is too large (X.X MB); the limit is N MB"
/// The size is checked before reading and again on what was read, so a file that grows while
/// it is read is refused too.
std::optional<QByteArray> readFileLimited(const QString &path, qint64 maxBytes, QString *error);

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace ew::core {

/// Writes the whole file through QSaveFile: the old file stays intact until the new one is
/// complete. On failure returns false and sets errorMessage to the reason, without the path
/// (callers name the path once, as "PATH: error: reason").
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *errorMessage);

/// Why `path` cannot be written, in words about the path rather than about QSaveFile's
/// temporary file; `fallback` when no reason is found.
QString whyNotWritable(const QString &path, const QString &fallback);

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace ew::core {

class Exporter;
struct ExportResult;

/// Writes the whole file through QSaveFile: the old file stays intact until the new one is
/// complete. On failure returns false and sets errorMessage to the reason, without the path
/// (callers name the path once, as "PATH: error: reason").
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *errorMessage);

/// Writes an export where the user asked: a folder of files (Terraform; created if missing)
/// or one file holding every file's content. A folder export is all-or-nothing: the files are
/// staged in a temporary folder and swapped in, and the old ones come back when one fails.
/// errorMessage starts with the path it is about.
bool writeExport(const Exporter &exporter, const ExportResult &result, const QString &path,
                 QString *errorMessage);

} // namespace ew::core

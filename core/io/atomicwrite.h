// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace ew::core {

class Exporter;
struct ExportResult;

/// Writes the whole file through QSaveFile: the old file stays intact until the new one is
/// complete. On failure returns false and sets errorMessage.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *errorMessage);

/// Writes an export where the user asked: a folder of files (Terraform; created if missing)
/// or one file holding every file's content. Each file is written atomically.
bool writeExport(const Exporter &exporter, const ExportResult &result, const QString &path,
                 QString *errorMessage);

} // namespace ew::core

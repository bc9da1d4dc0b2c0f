// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ew::core {

class Exporter;
struct ExportResult;

/// Writes an export where the user asked: a folder of files (Terraform; created if missing)
/// or one file holding every file's content. A folder export is all-or-nothing: the files are
/// staged in a temporary folder and swapped in, and the old ones come back when one fails.
/// errorMessage starts with the path it is about.
bool writeExport(const Exporter &exporter, const ExportResult &result, const QString &path,
                 QString *errorMessage);

} // namespace ew::core

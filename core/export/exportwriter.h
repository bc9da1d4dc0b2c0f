// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/validation/diagnostic.h"

#include <QList>
#include <QString>

namespace ew::core {

class Catalog;
class Exporter;
struct DiagramData;
struct ExportResult;

/// What stops an export unless the user insists (`export --force`, the window's "Export
/// anyway?"): the project's validation errors, in validation order. Warnings and infos never
/// block. The CLI and File → Export both decide with this, so they refuse the same projects.
QList<Diagnostic> exportBlockers(const DiagramData &data, const Catalog &catalog);

/// Writes an export where the user asked: a folder of files (Terraform; created if missing)
/// or one file holding every file's content. A folder export is all-or-nothing: the files are
/// staged in a temporary folder and swapped in, and the old ones come back when one fails.
/// errorMessage starts with the path it is about.
bool writeExport(const Exporter &exporter, const ExportResult &result, const QString &path,
                 QString *errorMessage);

} // namespace ew::core

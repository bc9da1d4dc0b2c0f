// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"
#include "core/validation/diagnostic.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ew::core {

/// One file an exporter produces.
struct ExportFile
{
    QString name;          ///< file name, e.g. "template.yaml", "main.tf"
    QByteArray content;    ///< UTF-8, LF line endings, final newline
};

struct ExportOptions
{
    bool alarms = false;   ///< add CloudWatch alarms (function errors, iterator age, DLQ depth…)
};

struct ExportResult
{
    QList<ExportFile> files;
    QList<Diagnostic> diagnostics;   ///< what could not be exported faithfully (rule EXPORT-NNN)
    bool hasErrors() const;
};

/// An exporter is a pure, deterministic function of the project: same input, same bytes.
/// It reads and writes no files; the caller writes the result (with QSaveFile).
class Exporter
{
public:
    virtual ~Exporter() = default;
    virtual QString id() const = 0;            ///< "sam", "terraform", "mermaid", ...
    virtual QString displayName() const = 0;   ///< "AWS SAM template"
    /// True when the export is a folder of files (Terraform), false for one file.
    virtual bool isFolder() const { return false; }
    virtual ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                                       const ExportOptions &options = {}) const = 0;
};

} // namespace ew::core

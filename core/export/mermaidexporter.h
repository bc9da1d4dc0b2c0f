// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// Mermaid flowchart.
class MermaidExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("mermaid"); }
    QString displayName() const override { return QStringLiteral("Mermaid flowchart"); }

    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// Mermaid sequence diagrams.
class MermaidSequenceExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("mermaid-sequence"); }
    QString displayName() const override { return QStringLiteral("Mermaid sequence diagrams"); }

    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// Terraform module.
class TerraformExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("terraform"); }
    QString displayName() const override { return QStringLiteral("Terraform module"); }
    bool isFolder() const override { return true; }
    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core

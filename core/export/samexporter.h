// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// AWS SAM template.
class SamExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("sam"); }
    QString displayName() const override { return QStringLiteral("AWS SAM template"); }

    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/mermaidexporter.h"

namespace ew::core {

ExportResult MermaidExporter::exportDiagram(const DiagramData &data, const Catalog &catalog,
                                   const ExportOptions &options) const
{
    Q_UNUSED(data);
    Q_UNUSED(catalog);
    Q_UNUSED(options);
    ExportResult result;
    result.files.append({QStringLiteral("diagram.mmd"), QByteArray()});
    return result;
}

} // namespace ew::core

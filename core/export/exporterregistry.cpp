// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/exporterregistry.h"

#include "core/export/mermaidexporter.h"
#include "core/export/mermaidsequenceexporter.h"
#include "core/export/samexporter.h"
#include "core/export/terraformexporter.h"

namespace ew::core {

bool ExportResult::hasErrors() const
{
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Severity::Error)
            return true;
    }
    return false;
}

void ExporterRegistry::add(std::unique_ptr<Exporter> exporter)
{
    m_exporters.push_back(std::move(exporter));
}

const Exporter *ExporterRegistry::find(const QString &id) const
{
    for (const auto &e : m_exporters) {
        if (e->id() == id)
            return e.get();
    }
    return nullptr;
}

QStringList ExporterRegistry::ids() const
{
    QStringList out;
    for (const auto &e : m_exporters)
        out << e->id();
    return out;
}

const ExporterRegistry &ExporterRegistry::builtin()
{
    static const ExporterRegistry registry = [] {
        ExporterRegistry r;
        r.add(std::make_unique<SamExporter>());
        r.add(std::make_unique<TerraformExporter>());
        r.add(std::make_unique<MermaidExporter>());
        r.add(std::make_unique<MermaidSequenceExporter>());
        return r;
    }();
    return registry;
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

#include <memory>
#include <vector>

namespace ew::core {

/// The exporters the CLI and the UI offer, by id, in registration order.
class ExporterRegistry
{
public:
    void add(std::unique_ptr<Exporter> exporter);
    const Exporter *find(const QString &id) const;
    QStringList ids() const;
    const std::vector<std::unique_ptr<Exporter>> &exporters() const { return m_exporters; }

    /// A registry holding the built-in exporters (SAM, Terraform, Mermaid, Mermaid sequence).
    static const ExporterRegistry &builtin();

private:
    std::vector<std::unique_ptr<Exporter>> m_exporters;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// Mermaid sequence diagrams (`sequence.md`): one Markdown section, headed "## source → function",
/// with one ```mermaid block per trigger connection, in file order. Each shows who waits, who
/// retries and where failures go for the trigger's invocation class: sync (client, API, function;
/// timeouts and 5xx answers), async (Lambda's async queue, retries, event age, destinations and
/// dead-letter queues) or poll (Lambda's poller, batches, visibility timeout and redrive for SQS;
/// retries, bisecting, blocked shards and OnFailure for streams and Kafka).
class MermaidSequenceExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("mermaid-sequence"); }
    QString displayName() const override { return QStringLiteral("Mermaid sequence diagrams"); }

    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core

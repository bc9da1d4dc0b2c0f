// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace ew::core {

/// Mermaid flowchart (`diagram.mmd`): subgraphs for triggers, functions and destinations/data,
/// one node per component (its shape by kind), one edge per connection (its arrow by invocation
/// class), plus the failure edges that trigger properties imply (stream/Kafka `OnFailure`,
/// EventBridge/SNS `DeadLetterQueue`). Failure edges are red, on-success edges green.
///
/// Mermaid refuses a flowchart with more than 500 edges (`maxEdges`, a "secure" setting that a
/// diagram cannot raise with an init directive or front matter). Above that, whole classes of
/// edges (access, then rule targets, then destinations and failures, then the last triggers) are
/// listed in their source node's label instead, and a warning EXPORT-MMD-001 says so.
class MermaidExporter final : public Exporter
{
public:
    /// Mermaid's default (and, from inside a diagram, fixed) edge limit of a flowchart.
    static constexpr int MaxEdges = 500;
    /// Mermaid's default maxTextSize: longer diagrams parse, but renderers show an error.
    static constexpr int MaxTextSize = 50000;

    QString id() const override { return QStringLiteral("mermaid"); }
    QString displayName() const override { return QStringLiteral("Mermaid flowchart"); }

    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;

    /// Text for inside a double-quoted Mermaid label (node, edge, subgraph, participant, message,
    /// note): characters Mermaid or Markdown would read as syntax become entity codes
    /// (`"` → `#quot;`, `#` → `#35;`, `;` → `#59;`, `<` → `#lt;`, ...), line breaks become spaces.
    static QString escape(const QString &text);
};

/// Mermaid identifiers for components: LogicalNames::mermaid, except that a name which is a
/// keyword of the diagram type, or one of the exporter's own ids, gets a suffix ("end" → "end_").
class MermaidIds
{
public:
    MermaidIds(const DiagramData &data, const QStringList &reserved, const QSet<QString> &keywords);
    QString operator()(const QString &componentId) const { return m_ids.value(componentId); }

    /// Words that cannot be flowchart node ids.
    static const QSet<QString> &flowchartKeywords();
    /// Words that cannot be sequence diagram participant ids.
    static const QSet<QString> &sequenceKeywords();

private:
    QHash<QString, QString> m_ids;
};

} // namespace ew::core

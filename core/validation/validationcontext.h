// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"
#include "core/validation/diagnostic.h"

#include <QDate>
#include <QHash>

#include <vector>

namespace ew::core {

/// What every rule needs, computed once per validation run: components by id, connections
/// indexed by component, property values with the catalog's defaults, and the report sink.
/// Everything is linear in the size of the project.
class ValidationContext
{
public:
    ValidationContext(const DiagramData &data, const Catalog &catalog);

    const DiagramData &data() const { return m_data; }
    /// The date rules about runtime deprecation compare with: today, or EW_VALIDATION_DATE
    /// (YYYY-MM-DD) so that tests and CI runs are reproducible.
    QDate today() const { return m_today; }
    const Catalog &catalog() const { return m_catalog; }

    const Component *component(const QString &id) const;
    const KindSpec *kindOf(const Component &c) const { return m_catalog.kind(c.kind); }
    const KindSpec *kindOf(const QString &componentId) const;
    /// Components of a kind, in file order.
    std::vector<const Component *> componentsOfKind(const QString &kind) const;

    /// Indexes (into data().connections) of connections leaving / entering the component.
    const std::vector<int> &outgoing(const QString &componentId) const;
    const std::vector<int> &incoming(const QString &componentId) const;
    const Connection &connection(int index) const { return m_data.connections[size_t(index)]; }
    /// Outgoing / incoming connections with a given role.
    std::vector<int> outgoing(const QString &componentId, const QString &role) const;
    std::vector<int> incoming(const QString &componentId, const QString &role) const;

    /// The value as written, or nullptr.
    const Value *explicitValue(const Component &c, const QString &name) const;
    const Value *explicitValue(const Connection &c, const QString &name) const;
    /// The value as written, else the catalog default, else nullptr.
    const Value *value(const Component &c, const QString &name) const;
    const Value *value(const Connection &c, const QString &name) const;
    std::optional<double> number(const Component &c, const QString &name) const;
    std::optional<double> number(const Connection &c, const QString &name) const;
    bool flag(const Component &c, const QString &name) const;      ///< true only if true
    bool flag(const Connection &c, const QString &name) const;
    QString text(const Component &c, const QString &name) const;
    QString text(const Connection &c, const QString &name) const;

    /// The invocation class of the connection's source kind.
    Invocation invocationOf(const Connection &c) const;
    /// "SQS queue 'orders'" (kind name and id) for messages.
    QString describe(const QString &componentId) const;
    /// "orders -> worker" for messages.
    static QString describe(const Connection &c);
    /// True for an SQS queue with FifoQueue true or an SNS topic with FifoTopic true.
    bool isFifo(const Component &c) const;

    /// Reports a finding about a component (connectionIndex < 0) or a connection.
    void report(const QString &rule, const QString &message, const QString &componentId,
                int connectionIndex = -1, const QString &advice = {},
                std::optional<QuickFix> fix = std::nullopt);

    QList<Diagnostic> takeDiagnostics() { return std::move(m_out); }

    /// Fix edits, ready to put into a QuickFix.
    static FixEdit setProperty(const QString &componentId, const QString &name, const Value &value);
    static FixEdit setConnectionProperty(int connectionIndex, const QString &name, const Value &value);
    static FixEdit removeConnectionProperty(int connectionIndex, const QString &name);

private:
    const DiagramData &m_data;
    const Catalog &m_catalog;
    QHash<QString, int> m_index;
    std::vector<std::vector<int>> m_outgoing;
    std::vector<std::vector<int>> m_incoming;
    QList<Diagnostic> m_out;
    QDate m_today;
};

} // namespace ew::core

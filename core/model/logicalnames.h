// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/diagram.h"

#include <QHash>
#include <QString>

namespace ew::core {

/// Deterministic, collision-free names derived from component ids, for every exporter:
/// CloudFormation logical ids ("orders-queue" → "OrdersQueue"), Terraform names
/// ("orders_queue") and Mermaid node ids ("orders_queue"). Collisions (ids that differ only in
/// dashes, or clash with a reserved name) get a numeric suffix in file order.
class LogicalNames
{
public:
    explicit LogicalNames(const DiagramData &data, const QStringList &reservedCfn = {});

    QString cfn(const QString &componentId) const { return m_cfn.value(componentId); }
    QString terraform(const QString &componentId) const { return m_tf.value(componentId); }
    QString mermaid(const QString &componentId) const { return m_tf.value(componentId); }

    static QString toPascalCase(const QString &id);
    static QString toSnakeCase(const QString &id);

private:
    QHash<QString, QString> m_cfn;
    QHash<QString, QString> m_tf;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/model/logicalnames.h"

#include <QSet>

namespace ew::core {

QString LogicalNames::toPascalCase(const QString &id)
{
    QString out;
    bool upper = true;
    for (QChar c : id) {
        if (!c.isLetterOrNumber()) {
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(QStringLiteral("R"));
    return out;
}

QString LogicalNames::toSnakeCase(const QString &id)
{
    QString out;
    for (QChar c : id)
        out += c.isLetterOrNumber() ? c.toLower() : QChar(u'_');
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(QStringLiteral("r_"));
    return out;
}

static QString unique(const QString &base, QSet<QString> &taken)
{
    QString name = base;
    for (int n = 2; taken.contains(name.toLower()); ++n)
        name = base + QString::number(n);
    taken.insert(name.toLower());
    return name;
}

LogicalNames::LogicalNames(const DiagramData &data, const QStringList &reservedCfn)
{
    QSet<QString> cfnTaken, tfTaken;
    for (const QString &r : reservedCfn)
        cfnTaken.insert(r.toLower());
    for (const Component &c : data.components) {
        m_cfn.insert(c.id, unique(toPascalCase(c.id), cfnTaken));
        m_tf.insert(c.id, unique(toSnakeCase(c.id), tfTaken));
    }
}

} // namespace ew::core

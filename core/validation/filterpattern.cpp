// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/filterpattern.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace ew::core {

QString patternJson(const Value &v)
{
    static const QRegularExpression jsonNumber(
        QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    switch (v.type()) {
    case Value::Type::Null:
        return QStringLiteral("null");
    case Value::Type::Scalar: {
        if (!v.isQuoted()) {
            if (v.isPlainNull())
                return QStringLiteral("null");
            if (const std::optional<bool> b = v.toBool())
                return *b ? QStringLiteral("true") : QStringLiteral("false");
            if (jsonNumber.match(v.text()).hasMatch())
                return v.text();
        }
        const QByteArray quoted = QJsonDocument(QJsonArray{v.text()}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(quoted.mid(1, quoted.size() - 2));
    }
    case Value::Type::List: {
        QStringList items;
        for (const Value &item : v.items())
            items << patternJson(item);
        return QLatin1Char('[') + items.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case Value::Type::Map: {
        QStringList entries;
        for (const MapEntry &e : v.entries())
            entries << patternJson(Value::scalar(e.key, true)) + QLatin1Char(':') + patternJson(e.value);
        return QLatin1Char('{') + entries.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    }
    return {};
}

void patternProblems(const Value &map, const QString &prefix, QStringList &problems, bool &fixable)
{
    if (map.entries().empty()) {
        problems << (prefix.isEmpty() ? QStringLiteral("it is empty")
                                      : QStringLiteral("'%1' has no fields").arg(prefix));
        fixable = false;
        return;
    }
    for (const MapEntry &e : map.entries()) {
        const QString path = prefix.isEmpty() ? e.key : prefix + QLatin1Char('.') + e.key;
        if (e.value.isMap()) {
            patternProblems(e.value, path, problems, fixable);
        } else if (e.value.isList()) {
            if (e.value.items().empty()) {
                problems << QStringLiteral("'%1' has an empty list").arg(path);
                fixable = false;
            } else if (std::any_of(e.value.items().begin(), e.value.items().end(),
                                   [](const Value &item) { return item.isList(); })) {
                problems << QStringLiteral("'%1' has a list inside its list").arg(path);
                fixable = false;
            }
        } else {
            problems << QStringLiteral("'%1' holds the single value %2 instead of a list such as [%2]")
                            .arg(path, e.value.display());
        }
    }
}

Value wrapSingleValues(const Value &map)
{
    Value out = map;
    for (MapEntry &e : out.entries()) {
        if (e.value.isMap())
            e.value = wrapSingleValues(e.value);
        else if (!e.value.isList())
            e.value = Value::list({e.value});
    }
    return out;
}

} // namespace ew::core

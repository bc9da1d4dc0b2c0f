// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/model/value.h"

#include <QRegularExpression>

#include <cmath>

namespace ew::core {

Value Value::scalar(const QString &text, bool quoted)
{
    Value v;
    v.m_type = Type::Scalar;
    v.m_text = text;
    v.m_quoted = quoted;
    return v;
}

Value Value::string(const QString &text)
{
    Value plain = scalar(text, false);
    // Quote whenever the plain scalar would be read back as something other than this string.
    const bool ambiguous = plain.toBool() || plain.toNumber() || plain.isPlainNull();
    plain.m_quoted = ambiguous;
    return plain;
}

Value Value::integer(qint64 v) { return scalar(QString::number(v)); }

Value Value::number(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return scalar(QString::number(static_cast<qint64>(v)));
    return scalar(QString::number(v, 'g', 15));
}

Value Value::boolean(bool v) { return scalar(v ? QStringLiteral("true") : QStringLiteral("false")); }

Value Value::list(std::vector<Value> items)
{
    Value v;
    v.m_type = Type::List;
    v.m_items = std::move(items);
    return v;
}

Value Value::map(std::vector<MapEntry> entries)
{
    Value v;
    v.m_type = Type::Map;
    v.m_entries = std::move(entries);
    return v;
}

std::optional<bool> Value::toBool() const
{
    if (m_type != Type::Scalar || m_quoted)
        return std::nullopt;
    if (m_text == u"true" || m_text == u"True" || m_text == u"TRUE")
        return true;
    if (m_text == u"false" || m_text == u"False" || m_text == u"FALSE")
        return false;
    return std::nullopt;
}

std::optional<qint64> Value::toInteger() const
{
    if (m_type != Type::Scalar || m_quoted)
        return std::nullopt;
    static const QRegularExpression dec(QStringLiteral("^[-+]?[0-9]+$"));
    if (!dec.match(m_text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 v = m_text.toLongLong(&ok, 10);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

std::optional<double> Value::toNumber() const
{
    if (m_type != Type::Scalar || m_quoted)
        return std::nullopt;
    static const QRegularExpression num(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (!num.match(m_text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double v = m_text.toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

bool Value::isIntrinsic(bool withCondition) const
{
    if (m_type != Type::Map || m_entries.size() != 1)
        return false;
    const QString &k = m_entries.front().key;
    return k == u"Ref" || k.startsWith(QStringLiteral("Fn::")) || (withCondition && k == u"Condition");
}

bool Value::isPlainNull() const
{
    if (m_type == Type::Null)
        return true;
    return m_type == Type::Scalar && !m_quoted
           && (m_text.isEmpty() || m_text == u"~" || m_text == u"null" || m_text == u"Null"
               || m_text == u"NULL");
}

const Value *Value::find(const QString &key) const
{
    for (const MapEntry &e : m_entries) {
        if (e.key == key)
            return &e.value;
    }
    return nullptr;
}

int Value::indexOf(const QString &key) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].key == key)
            return int(i);
    }
    return -1;
}

void Value::set(const QString &key, const Value &value)
{
    if (m_type != Type::Map) {
        *this = map();
    }
    const int i = indexOf(key);
    if (i >= 0)
        m_entries[size_t(i)].value = value;
    else
        m_entries.push_back({key, value});
}

int Value::remove(const QString &key)
{
    const int i = indexOf(key);
    if (i >= 0)
        m_entries.erase(m_entries.begin() + i);
    return i;
}

void Value::insertAt(int index, const QString &key, const Value &value)
{
    if (m_type != Type::Map)
        *this = map();
    index = std::clamp(index, 0, int(m_entries.size()));
    m_entries.insert(m_entries.begin() + index, MapEntry{key, value});
}

QString Value::display() const
{
    switch (m_type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Scalar:
        return m_quoted ? QLatin1Char('"') + m_text + QLatin1Char('"') : m_text;
    case Type::List: {
        QStringList parts;
        for (const Value &v : m_items)
            parts << v.display();
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Type::Map: {
        QStringList parts;
        for (const MapEntry &e : m_entries)
            parts << e.key + QStringLiteral(": ") + e.value.display();
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

bool operator==(const Value &a, const Value &b)
{
    return a.m_type == b.m_type && a.m_text == b.m_text && a.m_quoted == b.m_quoted
           && a.m_items == b.m_items && a.m_entries == b.m_entries;
}

} // namespace ew::core

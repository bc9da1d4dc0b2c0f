// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/catalog/propertycheck.h"

#include <QRegularExpression>

namespace ew::core {

static QString numberText(double v)
{
    return Value::number(v).text();
}

QString describeRange(const PropertySpec &spec)
{
    const QString unit = spec.unit.isEmpty() ? QString() : QLatin1Char(' ') + spec.unit;
    if (!spec.choices.isEmpty())
        return QStringLiteral("one of ") + spec.choices.join(QStringLiteral(", "));
    if (spec.min && spec.max)
        return QStringLiteral("%1 to %2%3").arg(numberText(*spec.min), numberText(*spec.max), unit);
    if (spec.min)
        return QStringLiteral("at least %1%2").arg(numberText(*spec.min), unit);
    if (spec.max)
        return QStringLiteral("at most %1%2").arg(numberText(*spec.max), unit);
    return {};
}

static PropertyProblem illTyped(const QString &what)
{
    return {PropertyProblem::IllTyped, QStringLiteral("must be ") + what};
}

static PropertyProblem outOfRange(const QString &what)
{
    return {PropertyProblem::OutOfRange, QStringLiteral("must be ") + what};
}

static PropertyProblem checkNumberRange(const PropertySpec &spec, double v)
{
    if ((spec.min && v < *spec.min) || (spec.max && v > *spec.max))
        return outOfRange(describeRange(spec));
    return {};
}

static PropertyProblem checkString(const PropertySpec &spec, const QString &s)
{
    if (spec.minLength && s.size() < *spec.minLength)
        return outOfRange(QStringLiteral("at least %1 characters long").arg(*spec.minLength));
    if (spec.maxLength && s.size() > *spec.maxLength)
        return outOfRange(QStringLiteral("at most %1 characters long").arg(*spec.maxLength));
    if (!spec.pattern.isEmpty()) {
        const QRegularExpression re(QRegularExpression::anchoredPattern(spec.pattern));
        if (!re.match(s).hasMatch())
            return outOfRange(QStringLiteral("of the form %1").arg(spec.pattern));
    }
    return {};
}

PropertyProblem checkPropertyValue(const PropertySpec &spec, const Value &value)
{
    switch (spec.type) {
    case PropertyType::String:
    case PropertyType::Component:
        if (value.isMap() && !spec.objectKeys.isEmpty()) {
            // The object form (SAM's CodeUri: {Bucket, Key, Version}); its parts may be
            // intrinsics, resolved at deploy time.
            for (const MapEntry &e : value.entries()) {
                if (!spec.objectKeys.contains(e.key) || !(e.value.isScalar() || e.value.isIntrinsic()))
                    return illTyped(QStringLiteral("a text value or an object of %1").arg(spec.objectKeys.join(QStringLiteral(", "))));
            }
            return {};
        }
        if (!value.isScalar() || value.isPlainNull())
            return illTyped(QStringLiteral("a text value"));
        return spec.type == PropertyType::String ? checkString(spec, value.text()) : PropertyProblem{};
    case PropertyType::Integer: {
        const std::optional<qint64> v = value.toInteger();
        if (!v)
            return illTyped(QStringLiteral("a whole number"));
        return checkNumberRange(spec, double(*v));
    }
    case PropertyType::Number: {
        const std::optional<double> v = value.toNumber();
        if (!v)
            return illTyped(QStringLiteral("a number"));
        return checkNumberRange(spec, *v);
    }
    case PropertyType::Boolean:
        if (!value.toBool())
            return illTyped(QStringLiteral("true or false"));
        return {};
    case PropertyType::Enum:
        if (!value.isScalar() || value.isPlainNull())
            return illTyped(QStringLiteral("a text value"));
        if (!spec.choices.contains(value.text()))
            return outOfRange(describeRange(spec));
        return {};
    case PropertyType::Map:
        if (!value.isMap())
            return illTyped(QStringLiteral("a mapping (name: value pairs)"));
        return {};
    case PropertyType::List: {
        if (!value.isList())
            return illTyped(QStringLiteral("a list"));
        const int n = int(value.items().size());
        if (spec.minItems && n < *spec.minItems)
            return outOfRange(QStringLiteral("a list of at least %1 item(s)").arg(*spec.minItems));
        if (spec.maxItems && n > *spec.maxItems)
            return outOfRange(QStringLiteral("a list of at most %1 item(s)").arg(*spec.maxItems));
        for (const Value &item : value.items()) {
            if (spec.items == u"map") {
                if (!item.isMap())
                    return illTyped(QStringLiteral("a list of mappings"));
            } else if (!item.isScalar() || item.isPlainNull()) {
                return illTyped(QStringLiteral("a list of text values"));
            } else if (spec.items == u"enum" && !spec.choices.contains(item.text())) {
                return outOfRange(QStringLiteral("a list of: ") + spec.choices.join(QStringLiteral(", ")));
            }
        }
        return {};
    }
    }
    return {};
}

} // namespace ew::core

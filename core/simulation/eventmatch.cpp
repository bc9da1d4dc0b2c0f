// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/eventmatch.h"

#include <optional>

namespace ew::core::sim {

namespace {

std::optional<double> numberOf(const Value &v)
{
    return v.isScalar() ? v.toNumber() : std::nullopt;
}

bool equalScalars(const Value &a, const Value &b)
{
    if (!a.isScalar() || !b.isScalar())
        return false;
    if (!a.isQuoted() && !b.isQuoted()) {
        const std::optional<double> x = numberOf(a), y = numberOf(b);
        if (x && y)
            return *x == *y;
    }
    return a.text() == b.text();
}

bool numericHolds(const Value &spec, double x)
{
    const std::vector<Value> &items = spec.items();
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        const QString op = items[i].text();
        const std::optional<double> y = numberOf(items[i + 1]);
        if (!y)
            return true;
        const bool ok = op == u"=" ? x == *y : op == u"<" ? x < *y : op == u"<=" ? x <= *y
                        : op == u">" ? x > *y : op == u">=" ? x >= *y : true;
        if (!ok)
            return false;
    }
    return true;
}

/// One allowed value (a scalar or an operator map) against one present value (or null).
bool itemMatches(const Value &item, const Value *present)
{
    if (item.isScalar())
        return present && (present->isList() ? [&] {
                   for (const Value &p : present->items())
                       if (equalScalars(item, p))
                           return true;
                   return false;
               }()
                                             : equalScalars(item, *present));
    if (!item.isMap() || item.entries().size() != 1)
        return true;
    const QString &op = item.entries().front().key;
    const Value &arg = item.entries().front().value;
    if (op == u"exists")
        return arg.toBool().value_or(true) == (present != nullptr);
    if (!present || !present->isScalar())
        return false;
    const QString text = present->text();
    if (op == u"prefix")
        return arg.isScalar() ? text.startsWith(arg.text()) : true;
    if (op == u"suffix")
        return arg.isScalar() ? text.endsWith(arg.text()) : true;
    if (op == u"equals-ignore-case")
        return arg.isScalar() ? text.compare(arg.text(), Qt::CaseInsensitive) == 0 : true;
    if (op == u"anything-but") {
        if (arg.isScalar())
            return !equalScalars(arg, *present);
        if (arg.isList()) {
            for (const Value &a : arg.items())
                if (equalScalars(a, *present))
                    return false;
            return true;
        }
        return true;   // anything-but with a prefix or similar: not judged
    }
    if (op == u"numeric") {
        const std::optional<double> x = numberOf(*present);
        return x && arg.isList() ? numericHolds(arg, *x) : false;
    }
    return true;
}

} // namespace

bool eventMatches(const Value &pattern, const Value &event)
{
    if (!pattern.isMap())
        return true;
    for (const MapEntry &e : pattern.entries()) {
        if (e.key.startsWith(u'$'))
            continue;   // $or and friends: not judged
        const Value *present = event.isMap() ? event.find(e.key) : nullptr;
        if (e.value.isMap()) {
            if (!present || !present->isMap() || !eventMatches(e.value, *present))
                return false;
            continue;
        }
        if (e.value.isList()) {
            bool any = false;
            for (const Value &item : e.value.items())
                any = any || itemMatches(item, present);
            if (!any)
                return false;
            continue;
        }
        if (!itemMatches(e.value, present))
            return false;
    }
    return true;
}

} // namespace ew::core::sim

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/templatevalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace ew::core::samimport {

QString text(const Value *v)
{
    return v && v->isScalar() ? v->text() : QString();
}

const Value *at(const Value &v, std::initializer_list<const char *> path)
{
    const Value *cur = &v;
    for (const char *k : path) {
        cur = cur->find(QLatin1String(k));
        if (!cur)
            return nullptr;
    }
    return cur;
}


/// Names used in ${...} of a Sub string (without attributes; not ${!literal}).
static void subNames(const QString &s, QStringList &out)
{
    static const QRegularExpression re(QStringLiteral("\\$\\{([^!}][^}]*)\\}"));
    auto it = re.globalMatch(s);
    while (it.hasNext()) {
        const QString name = it.next().captured(1).trimmed().section(u'.', 0, 0);
        if (!name.startsWith(QStringLiteral("AWS::")) && !out.contains(name))
            out << name;
    }
}


void refsIn(const Value &v, QStringList &out, int depth)
{
    if (depth > 200)
        return;
    if (v.isList()) {
        for (const Value &i : v.items())
            refsIn(i, out, depth + 1);
        return;
    }
    if (!v.isMap())
        return;
    if (v.entries().size() == 1) {
        const QString &k = v.entries().front().key;
        const Value &arg = v.entries().front().value;
        auto add = [&out](const QString &name) {
            if (!name.isEmpty() && !name.startsWith(QStringLiteral("AWS::")) && !out.contains(name))
                out << name;
        };
        if (k == u"Ref") {
            add(arg.text().section(u'.', 0, 0));
            return;
        }
        if (k == u"Fn::GetAtt") {
            if (arg.isScalar())
                add(arg.text().section(u'.', 0, 0));
            else if (arg.isList() && !arg.items().empty())
                add(arg.items().front().text());
            return;
        }
        if (k == u"Fn::Sub") {
            if (arg.isScalar()) {
                subNames(arg.text(), out);
            } else if (arg.isList() && !arg.items().empty()) {
                QStringList names;
                subNames(arg.items().front().text(), names);
                const Value vars = arg.items().size() > 1 ? arg.items()[1] : Value::map();
                for (const QString &n : names) {
                    if (!vars.find(n))
                        add(n);
                }
                if (arg.items().size() > 1)
                    refsIn(arg.items()[1], out, depth + 1);
            }
            return;
        }
    }
    for (const MapEntry &e : v.entries())
        refsIn(e.value, out, depth + 1);
}

QStringList refs(const Value &v)
{
    QStringList out;
    refsIn(v, out);
    return out;
}


static Value jsonToValue(const QJsonValue &j)
{
    if (j.isObject()) {
        Value m = Value::map();
        const QJsonObject o = j.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            m.set(it.key(), jsonToValue(it.value()));
        return m;
    }
    if (j.isArray()) {
        std::vector<Value> items;
        for (const QJsonValue &i : j.toArray())
            items.push_back(jsonToValue(i));
        return Value::list(std::move(items));
    }
    if (j.isString())
        return Value::string(j.toString());
    if (j.isBool())
        return Value::boolean(j.toBool());
    if (j.isDouble()) {
        const double d = j.toDouble();
        if (d == double(qint64(d)))
            return Value::integer(qint64(d));
        return Value::number(d);
    }
    return Value();
}

Value patternValue(const Value &p)
{
    if (!p.isScalar())
        return p;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(p.text().toUtf8(), &err);
    if (err.error == QJsonParseError::NoError && doc.isObject())
        return jsonToValue(doc.object());
    return p;
}

void copyAny(const Value &from, const char *name, Value &to)
{
    if (const Value *v = from.find(QLatin1String(name)); v && !v->isPlainNull())
        to.set(QLatin1String(name), *v);
}

void copyScalar(const Value &from, const char *name, Value &to, const char *as)
{
    const Value *v = from.find(QLatin1String(name));
    if (v && (v->isScalar() || v->isList() || (v->isMap() && !v->isIntrinsic())))
        to.set(QLatin1String(as ? as : name), *v);
}

} // namespace ew::core::samimport

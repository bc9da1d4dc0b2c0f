// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/catalog/catalog.h"

#include "core/catalog/propertycheck.h"
#include "core/io/yamlreader.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

static void initCatalogResources()
{
    Q_INIT_RESOURCE(catalog);
}

namespace ew::core {

QString toString(PropertyType type)
{
    switch (type) {
    case PropertyType::String: return QStringLiteral("string");
    case PropertyType::Integer: return QStringLiteral("integer");
    case PropertyType::Number: return QStringLiteral("number");
    case PropertyType::Boolean: return QStringLiteral("boolean");
    case PropertyType::Enum: return QStringLiteral("enum");
    case PropertyType::List: return QStringLiteral("list");
    case PropertyType::Map: return QStringLiteral("map");
    case PropertyType::Component: return QStringLiteral("component");
    }
    return {};
}

QString toString(Invocation invocation)
{
    switch (invocation) {
    case Invocation::Sync: return QStringLiteral("sync");
    case Invocation::Async: return QStringLiteral("async");
    case Invocation::Poll: return QStringLiteral("poll");
    case Invocation::None: return QStringLiteral("none");
    }
    return {};
}

const PropertySpec *RoleSpec::property(const QString &name) const
{
    for (const PropertySpec &p : properties) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const PropertySpec *KindSpec::property(const QString &propertyName) const
{
    for (const PropertySpec &p : properties) {
        if (p.name == propertyName)
            return &p;
    }
    return nullptr;
}

const RoleSpec *KindSpec::role(const QString &roleName) const
{
    for (const RoleSpec &r : connections) {
        if (r.role == roleName)
            return &r;
    }
    return nullptr;
}

const QStringList &Catalog::roles()
{
    static const QStringList r = {QStringLiteral("trigger"),    QStringLiteral("on-success"),
                                  QStringLiteral("on-failure"), QStringLiteral("dead-letter"),
                                  QStringLiteral("access"),     QStringLiteral("target")};
    return r;
}

const KindSpec *Catalog::kind(const QString &id) const
{
    const int i = m_index.value(id, -1);
    return i < 0 ? nullptr : &m_kinds[size_t(i)];
}

const RoleSpec *Catalog::roleSpec(const QString &sourceKind, const QString &role) const
{
    const KindSpec *k = kind(sourceKind);
    return k ? k->role(role) : nullptr;
}

bool Catalog::allows(const QString &sourceKind, const QString &role, const QString &targetKind) const
{
    const RoleSpec *r = roleSpec(sourceKind, role);
    return r && r->to.contains(targetKind);
}

// ---------------------------------------------------------------------------------------------
// Loading

namespace {

struct CatalogParseError
{
    YAML::Node node;
    QString message;
};

QString str(const YAML::Node &n)
{
    return n && n.IsScalar() ? yamlScalar(n) : QString();
}

QStringList strList(const YAML::Node &n, const char *what)
{
    if (!n)
        return {};
    if (!n.IsSequence())
        throw CatalogParseError{n, QStringLiteral("'%1' must be a list").arg(QLatin1String(what))};
    QStringList out;
    for (const YAML::Node &c : n)
        out << str(c);
    return out;
}

std::optional<double> num(const YAML::Node &n, const char *what)
{
    if (!n)
        return std::nullopt;
    const std::optional<double> v = Value::scalar(str(n), isQuoted(n)).toNumber();
    if (!v)
        throw CatalogParseError{n, QStringLiteral("'%1' must be a number").arg(QLatin1String(what))};
    return v;
}

std::optional<int> integer(const YAML::Node &n, const char *what)
{
    const std::optional<double> v = num(n, what);
    return v ? std::optional<int>(int(*v)) : std::nullopt;
}

PropertyType parseType(const YAML::Node &n)
{
    static const QHash<QString, PropertyType> types = {
        {QStringLiteral("string"), PropertyType::String},
        {QStringLiteral("integer"), PropertyType::Integer},
        {QStringLiteral("number"), PropertyType::Number},
        {QStringLiteral("boolean"), PropertyType::Boolean},
        {QStringLiteral("enum"), PropertyType::Enum},
        {QStringLiteral("list"), PropertyType::List},
        {QStringLiteral("map"), PropertyType::Map},
        {QStringLiteral("component"), PropertyType::Component},
    };
    const QString t = str(n);
    if (!types.contains(t))
        throw CatalogParseError{n, QStringLiteral("unknown property type '%1'").arg(t)};
    return types.value(t);
}

PropertySpec parseProperty(const YAML::Node &n)
{
    if (!n.IsMap())
        throw CatalogParseError{n, QStringLiteral("a property must be a mapping")};
    PropertySpec p;
    p.name = str(n["name"]);
    if (p.name.isEmpty())
        throw CatalogParseError{n, QStringLiteral("property without 'name'")};
    p.type = parseType(n["type"]);
    p.unit = str(n["unit"]);
    if (n["default"]) {
        YamlError e;
        std::optional<Value> v = YamlConverter().convert(n["default"], &e);
        if (!v)
            throw CatalogParseError{n["default"], e.message};
        p.defaultValue = *v;
    }
    p.min = num(n["min"], "min");
    p.max = num(n["max"], "max");
    p.choices = strList(n["choices"], "choices");
    p.items = str(n["items"]);
    p.minItems = integer(n["min-items"], "min-items");
    p.maxItems = integer(n["max-items"], "max-items");
    p.minLength = integer(n["min-length"], "min-length");
    p.maxLength = integer(n["max-length"], "max-length");
    p.pattern = str(n["pattern"]);
    p.kinds = strList(n["kinds"], "kinds");
    p.suggestions = strList(n["suggestions"], "suggestions");
    p.objectKeys = strList(n["or-object"], "or-object");
    p.required = str(n["required"]) == u"true";
    p.rule = str(n["rule"]);
    p.summary = str(n["summary"]);
    p.doc = str(n["doc"]);
    return p;
}

std::vector<PropertySpec> parseProperties(const YAML::Node &n)
{
    std::vector<PropertySpec> out;
    if (!n || n.IsNull())
        return out;
    if (!n.IsSequence())
        throw CatalogParseError{n, QStringLiteral("'properties' must be a list")};
    for (const YAML::Node &c : n)
        out.push_back(parseProperty(c));
    return out;
}

Invocation parseInvocation(const YAML::Node &n)
{
    const QString s = str(n);
    if (s == u"sync") return Invocation::Sync;
    if (s == u"async") return Invocation::Async;
    if (s == u"poll") return Invocation::Poll;
    if (s == u"none") return Invocation::None;
    throw CatalogParseError{n, QStringLiteral("invocation must be sync, async, poll or none")};
}

} // namespace

bool Catalog::addKindFile(const QByteArray &yaml, QString *error)
{
    YamlError ye;
    std::optional<YAML::Node> root = parseYaml(yaml, &ye);
    auto report = [&](TextPosition p, const QString &msg) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(p.line).arg(p.column).arg(msg);
        return false;
    };
    if (!root)
        return report(ye.position, ye.message);
    try {
        const YAML::Node &n = *root;
        if (!n.IsMap())
            throw CatalogParseError{n, QStringLiteral("a kind file must be a mapping")};
        KindSpec k;
        k.id = str(n["id"]);
        if (k.id.isEmpty())
            throw CatalogParseError{n, QStringLiteral("kind without 'id'")};
        if (m_index.contains(k.id))
            throw CatalogParseError{n["id"], QStringLiteral("duplicate kind id '%1'").arg(k.id)};
        k.name = str(n["name"]);
        k.category = str(n["category"]);
        k.order = integer(n["order"], "order").value_or(0);
        k.invocation = parseInvocation(n["invocation"]);
        k.summary = str(n["summary"]);
        k.doc = str(n["doc"]);
        k.properties = parseProperties(n["properties"]);
        if (const YAML::Node c = n["connections"]; c && !c.IsNull()) {
            if (!c.IsSequence())
                throw CatalogParseError{c, QStringLiteral("'connections' must be a list")};
            for (const YAML::Node &r : c) {
                RoleSpec role;
                role.role = str(r["role"]);
                role.to = strList(r["to"], "to");
                role.summary = str(r["summary"]);
                role.properties = parseProperties(r["properties"]);
                k.connections.push_back(std::move(role));
            }
        }
        // Keep kinds sorted by palette order; the index follows.
        auto pos = std::upper_bound(m_kinds.begin(), m_kinds.end(), k.order,
                                    [](int order, const KindSpec &s) { return order < s.order; });
        m_kinds.insert(pos, std::move(k));
        m_index.clear();
        for (size_t i = 0; i < m_kinds.size(); ++i)
            m_index.insert(m_kinds[i].id, int(i));
        return true;
    } catch (const CatalogParseError &e) {
        return report(positionOf(e.node), e.message);
    } catch (const YAML::Exception &e) {
        return report(positionOf(e.mark), QString::fromStdString(e.msg));
    }
}

static void checkProperties(const Catalog &catalog, const QString &where,
                            const std::vector<PropertySpec> &props, QStringList &problems)
{
    QSet<QString> names;
    for (const PropertySpec &p : props) {
        const QString at = where + QLatin1Char('.') + p.name;
        if (names.contains(p.name))
            problems << at + QStringLiteral(": duplicate property name");
        names.insert(p.name);
        if (p.summary.isEmpty())
            problems << at + QStringLiteral(": no summary");
        if (!p.doc.startsWith(QStringLiteral("https://")))
            problems << at + QStringLiteral(": doc must be an https URL");
        if (p.min && p.max && *p.min > *p.max)
            problems << at + QStringLiteral(": min is greater than max");
        if (p.type == PropertyType::Enum && p.choices.isEmpty())
            problems << at + QStringLiteral(": enum without choices");
        if (p.type == PropertyType::List && !QStringList{QStringLiteral("string"), QStringLiteral("enum"), QStringLiteral("map")}.contains(p.items))
            problems << at + QStringLiteral(": list needs items: string, enum or map");
        if (p.type == PropertyType::List && p.items == u"enum" && p.choices.isEmpty())
            problems << at + QStringLiteral(": enum list without choices");
        if (p.type == PropertyType::Component && p.kinds.isEmpty())
            problems << at + QStringLiteral(": component property without kinds");
        for (const QString &k : p.kinds) {
            if (!catalog.kind(k))
                problems << at + QStringLiteral(": names unknown kind '%1'").arg(k);
        }
        if (!p.pattern.isEmpty() && !QRegularExpression(p.pattern).isValid())
            problems << at + QStringLiteral(": invalid pattern");
        for (const QString &suggestion : p.suggestions) {
            const PropertyProblem problem = checkPropertyValue(p, Value::string(suggestion));
            if (problem.kind != PropertyProblem::None)
                problems << at + QStringLiteral(": suggestion %1: %2").arg(suggestion, problem.message);
        }
        if (p.defaultValue) {
            const PropertyProblem problem = checkPropertyValue(p, *p.defaultValue);
            if (problem.kind != PropertyProblem::None)
                problems << at + QStringLiteral(": default %1: %2")
                                     .arg(p.defaultValue->display(), problem.message);
        }
    }
}

QStringList Catalog::check() const
{
    QStringList problems;
    QSet<int> orders;
    for (const KindSpec &k : m_kinds) {
        if (orders.contains(k.order))
            problems << k.id + QStringLiteral(": duplicate palette order");
        orders.insert(k.order);
        if (k.name.isEmpty() || k.summary.isEmpty())
            problems << k.id + QStringLiteral(": name and summary are required");
        if (!k.doc.startsWith(QStringLiteral("https://")))
            problems << k.id + QStringLiteral(": doc must be an https URL");
        static const QStringList categories = {
            QStringLiteral("sync-trigger"), QStringLiteral("async-trigger"),
            QStringLiteral("poll-source"), QStringLiteral("compute"), QStringLiteral("destination")};
        if (!categories.contains(k.category))
            problems << k.id + QStringLiteral(": unknown category '%1'").arg(k.category);
        checkProperties(*this, k.id, k.properties, problems);
        QSet<QString> roleNames;
        for (const RoleSpec &r : k.connections) {
            const QString where = k.id + QStringLiteral(" -[") + r.role + QLatin1Char(']');
            if (!roles().contains(r.role))
                problems << where + QStringLiteral(": unknown role");
            if (roleNames.contains(r.role))
                problems << where + QStringLiteral(": role listed twice");
            roleNames.insert(r.role);
            if (r.to.isEmpty())
                problems << where + QStringLiteral(": no target kinds");
            if (r.summary.isEmpty())
                problems << where + QStringLiteral(": summary is required");
            for (const QString &t : r.to) {
                if (!kind(t))
                    problems << where + QStringLiteral(": unknown target kind '%1'").arg(t);
            }
            checkProperties(*this, where, r.properties, problems);
        }
    }
    return problems;
}

const Catalog &Catalog::builtin()
{
    static const Catalog catalog = [] {
        initCatalogResources();
        Catalog c;
        const QDir dir(QStringLiteral(":/catalog/kinds"));
        const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        for (const QString &f : files) {
            QFile file(dir.filePath(f));
            QString error;
            if (!file.open(QIODevice::ReadOnly) || !c.addKindFile(file.readAll(), &error)) {
                std::fprintf(stderr, "eventwright: built-in catalog file %s: %s\n", qPrintable(f),
                             qPrintable(error));
                std::abort();
            }
        }
        if (c.m_kinds.empty()) {
            std::fprintf(stderr, "eventwright: the built-in catalog is missing\n");
            std::abort();
        }
        return c;
    }();
    return catalog;
}

} // namespace ew::core

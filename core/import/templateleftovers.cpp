// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/templateimporter.h"

#include "core/import/naming.h"
#include "core/import/templatevalues.h"

#include "core/model/logicalnames.h"

#include <algorithm>

namespace ew::core::samimport {

using namespace wellknown;

void Importer::finish()
{
    // APIs with no route to a function are not components (the exporter would leave them out).
    for (const QString &logical : m_order) {
        Component *c = comp(logical);
        if (!c || (c->kind != KindRest && c->kind != KindHttp))
            continue;
        const bool used = std::any_of(m_data.connections.begin(), m_data.connections.end(),
                                      [c](const Connection &x) { return x.from == c->id || x.to == c->id; });
        if (used)
            continue;
        const int index = m_index.value(logical);
        m_data.components.erase(m_data.components.begin() + index);
        m_index.remove(logical);
        for (auto it = m_index.begin(); it != m_index.end(); ++it) {
            if (it.value() > index)
                --it.value();
        }
    }
    // Everything else is kept as it was, under unmapped-resources; helpers that a kept
    // resource refers to are kept too.
    QSet<QString> kept;
    for (const QString &logical : m_order) {
        if (!comp(logical) && !m_consumed.contains(logical))
            kept.insert(logical);
    }
    // A helper that an imported property names (an environment variable with the ARN of a
    // role the import folded into its function) stays too, or the reference would dangle.
    {
        QStringList named;
        for (const Component &c : m_data.components)
            named << refs(c.properties);
        for (const Connection &c : m_data.connections)
            named << refs(c.properties);
        for (const QString &n : std::as_const(named)) {
            if (m_consumed.contains(n) && !comp(n) && m_resources.count(n))
                kept.insert(n);
        }
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const QString &logical : QSet<QString>(kept)) {
            QStringList names = refs(*m_resources[logical].whole);
            if (const Value *dep = m_resources[logical].whole->find(QStringLiteral("DependsOn"))) {
                if (dep->isScalar())
                    names << dep->text();
                for (const Value &d : dep->items())
                    names << d.text();
            }
            for (const QString &n : names) {
                if (m_consumed.contains(n) && !kept.contains(n)) {
                    kept.insert(n);
                    grew = true;
                }
            }
        }
    }
    // The SAM exporter names a component after its id ("get-all-items" → GetAllItems) unless
    // the template gave it another logical id ("getAllItems", "ReportingAPIV1"): that one is
    // recorded (unmapped-template → LogicalIds) and kept by the export, because kept resources
    // refer to it and to what SAM derives from it (<Function>Role, <Api>ProdStage, a
    // Connector's Id), and CloudFormation replaces a resource whose logical id changes.
    // References to a component that has no template logical id of its own are renamed.
    QHash<QString, QString> renames;
    Value logicalIds = Value::map();
    const LogicalNames names(m_data);
    for (const QString &logical : m_order) {
        const auto it = m_index.constFind(logical);
        if (it == m_index.cend())
            continue;
        const QString &id = m_data.components[it.value()].id;
        if (names.cfn(id) != logical)
            logicalIds.set(id, Value::string(logical));
    }
    for (auto it = m_index.begin(); it != m_index.end(); ++it) {
        const QString now = names.cfn(m_data.components[it.value()].id);
        if (now != it.key() && !m_resources.count(it.key()))
            renames.insert(it.key(), now);
    }
    Value unmapped = Value::map();
    QStringList referenced;
    for (const QString &logical : m_order) {
        if (!kept.contains(logical))
            continue;
        const Res &r = m_resources[logical];
        m_result.unmapped << QStringLiteral("%1 (%2)").arg(logical, r.type);
        Value v = *r.whole;
        for (const QString &n : refs(v))
            referenced << n;
        if (const Value *cond = v.find(QStringLiteral("Condition")))
            referenced << cond->text();
        renameRefs(v, renames);
        unmapped.set(logical, v);
    }
    // Parameters, conditions and mappings that kept resources or imported properties use go
    // with them.
    for (const Component &c : m_data.components)
        referenced << refs(c.properties);
    for (const Connection &c : m_data.connections)
        referenced << refs(c.properties);
    if (const Value *conditions = m_root.find(QStringLiteral("Conditions")))
        referenced << refs(*conditions);
    // An API that a kept resource names must stay a resource of its own: an explicit stage.
    for (auto it = m_index.begin(); it != m_index.end(); ++it) {
        Component &c = m_data.components[it.value()];
        if ((c.kind == KindRest || c.kind == KindHttp) && referenced.contains(it.key())
            && !c.properties.find(QStringLiteral("StageName")))
            c.properties.set(QStringLiteral("StageName"),
                             Value::string(c.kind == KindRest ? QStringLiteral("Prod") : QStringLiteral("$default")));
    }
    Value rest = Value::map();
    for (const char *section : {"Parameters", "Conditions", "Mappings"}) {
        const Value *all = m_root.find(QLatin1String(section));
        if (!all || !all->isMap())
            continue;
        Value keptSection = Value::map();
        for (const MapEntry &e : all->entries()) {
            if (QLatin1String(section) != QLatin1String("Parameters") || referenced.contains(e.key))
                keptSection.set(e.key, e.value);
        }
        if (!keptSection.entries().empty())
            rest.set(QLatin1String(section), keptSection);
    }
    if (!logicalIds.entries().empty())
        rest.set(QStringLiteral("LogicalIds"), logicalIds);
    // AWS::LanguageExtensions (Fn::ForEach, Fn::Length, intrinsics in AutoPublishAlias or
    // DeletionPolicy): kept resources and properties may rely on it, so the export keeps it.
    if (const Value *transform = m_root.find(QStringLiteral("Transform"))) {
        bool language = transform->isScalar() && transform->text() == u"AWS::LanguageExtensions";
        for (const Value &t : transform->items())
            language = language || (t.isScalar() && t.text() == u"AWS::LanguageExtensions");
        if (language)
            rest.set(QStringLiteral("Transform"), Value::list({Value::string(QStringLiteral("AWS::LanguageExtensions"))}));
    }
    if (!rest.entries().empty())
        m_data.extra.push_back({QStringLiteral("unmapped-template"), rest});
    m_result.unmapped.sort();
    if (!unmapped.entries().empty())
        m_data.extra.push_back({SamImporter::unmappedKey(), unmapped});
    // The same API route can be written twice (an inline event and a kept OpenAPI body or
    // raw method naming the same function); it is one trigger. Keep the first.
    {
        QSet<QString> seen;
        std::vector<Connection> unique;
        for (const Connection &c : m_data.connections) {
            if (c.role == u"trigger" && c.properties.find(QStringLiteral("Path"))) {
                const Value *method = c.properties.find(QStringLiteral("Method"));
                const QString key = c.from + u'|' + c.to + u'|' + (method ? method->text().toUpper() : QString())
                                    + u'|' + c.properties.find(QStringLiteral("Path"))->text();
                if (seen.contains(key))
                    continue;
                seen.insert(key);
            }
            unique.push_back(c);
        }
        m_data.connections = std::move(unique);
    }
    m_result.data = std::move(m_data);
}

} // namespace ew::core::samimport

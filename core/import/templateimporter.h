// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the template import: the state of one import. templateimporter.cpp makes the
// components, templatetriggers.cpp the triggers and destinations, templateaccess.cpp the access
// edges from policies, templateleftovers.cpp what is kept as written.

#include "core/import/samimporter.h"
#include "core/model/wellknown.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <map>
#include <utility>
#include <vector>

namespace ew::core::samimport {

/// Turns the root of a template (read by readTemplate) into the project of `result`.
class Importer
{
public:
    Importer(const Value &root, const Catalog &catalog, ImportResult &result)
        : m_root(root), m_catalog(catalog), m_result(result)
    {
    }
    void run();

private:
    struct Res
    {
        QString type;
        Value props = Value::map();
        const Value *whole = nullptr;
    };

    void note(const QString &message, const QString &component = {})
    {
        Diagnostic d;
        d.rule = QStringLiteral("IMPORT");
        d.severity = Severity::Warning;
        d.message = message;
        d.component = component;
        m_result.notes.append(d);
    }

    QString uniqueId(const QString &base)
    {
        QString id = base;
        for (int n = 2; m_usedIds.contains(id); ++n)
            id = base.left(60) + u'-' + QString::number(n);
        m_usedIds.insert(id);
        return id;
    }
    Component *addComponent(const QString &logical, const QString &kind, const QString &idHint = {});
    Component *comp(const QString &logical)
    {
        const auto it = m_index.find(logical);
        return it == m_index.end() ? nullptr : &m_data.components[it.value()];
    }
    QString kindOf(const QString &logical)
    {
        Component *c = comp(logical);
        return c ? c->kind : QString();
    }
    /// The component a value refers to (first reference that is one), following aliases.
    QString target(const Value &v, const QStringList &kinds = {});
    /// A source component for a trigger: a resource, a parameter (external) or an ARN.
    QString source(const Value &v, const QString &kind, const QString &hint);
    QString externalFor(const QString &key, const QString &kind, const QString &label);
    Connection &connect(const QString &fromLogical, const QString &toLogical, const QString &role,
                        const Value &props = Value::map());
    void addAccess(const QString &fn, const QString &target, int bits, bool fromPolicy);

    void createComponents();
    void componentProperties(const QString &logical, const Res &r, Component &c);
    void functionEvents(const QString &fn, const Res &r);
    void functionSettings(const QString &fn, const Res &r);
    void functionPolicies(const QString &fn, const Res &r);
    void statements(const QString &fn, const Value &document);
    void pollProperties(const Value &p, Value &out, const QString &fn);
    void standalone(const QString &logical, const Res &r);
    QString functionOf(const Value &v) { return target(v, {wellknown::KindFunction}); }
    QString apiPath(const QString &resourceLogical, int depth = 0);
    void definitionBody(const QString &api, const Value &body, const QString &kind);
    /// After the connections: drops APIs without routes, keeps what has no component (and the
    /// helpers, parameters and conditions it needs) under unmapped-resources, renames references
    /// to components and merges duplicate routes.
    void finish();

    const Value &m_root;
    const Catalog &m_catalog;
    ImportResult &m_result;
    DiagramData m_data;
    std::map<QString, Res> m_resources;
    QStringList m_order;
    QHash<QString, int> m_index;          // logical id → component index
    QHash<QString, QString> m_alias;      // logical id of a helper → component logical id
    QSet<QString> m_usedIds;
    QSet<QString> m_consumed;
    QHash<QString, Value> m_layout;
    QHash<QString, QString> m_externals;  // key → logical
    Value m_parameters = Value::map();
    QHash<QString, QSet<QString>> m_destinations; // fn → components it sends to by SAM's grants
    struct AccessInfo
    {
        int bits = 0;
        bool policy = false;
    };
    std::map<std::pair<QString, QString>, AccessInfo> m_access;
    std::vector<std::pair<QString, QString>> m_accessOrder;
    int m_externalCount = 0;
};

} // namespace ew::core::samimport

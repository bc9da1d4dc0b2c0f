// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/validator.h"

#include "core/validation/rulegroups.h"

#include <QHash>

namespace ew::core {

QString toString(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: return QStringLiteral("info");
    }
    return {};
}

const QList<RuleInfo> &Validator::rules()
{
    static const QList<RuleInfo> all = [] {
        QList<RuleInfo> list;
        list << rules::modelRules() << rules::functionRules() << rules::esmRules()
             << rules::integrationRules();
        return list;
    }();
    return all;
}

const RuleInfo *Validator::rule(const QString &id)
{
    static const QHash<QString, int> index = [] {
        QHash<QString, int> h;
        const QList<RuleInfo> &all = rules();
        for (int i = 0; i < all.size(); ++i)
            h.insert(all[i].id, i);
        return h;
    }();
    const int i = index.value(id, -1);
    return i < 0 ? nullptr : &rules()[i];
}

QList<Diagnostic> Validator::validate(const DiagramData &data, const Catalog &catalog)
{
    ValidationContext context(data, catalog);
    rules::checkModel(context);
    rules::checkFunctions(context);
    rules::checkEventSourceMappings(context);
    rules::checkIntegrations(context);
    return context.takeDiagnostics();
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/templateimporter.h"

#include "core/import/templatevalues.h"
#include "core/import/typemap.h"

#include <algorithm>

namespace ew::core::samimport {

using namespace wellknown;

void Importer::statements(const QString &fn, const Value &document)
{
    const Value *st = document.find(QStringLiteral("Statement"));
    if (!st)
        return;
    const std::vector<Value> list = st->isList() ? st->items() : std::vector<Value>{*st};
    for (const Value &s : list) {
        if (text(s.find(QStringLiteral("Effect"))) == u"Deny")
            continue;
        QStringList actions;
        if (const Value *a = s.find(QStringLiteral("Action"))) {
            if (a->isScalar())
                actions << a->text();
            for (const Value &i : a->items())
                actions << i.text();
        }
        const Value *resource = s.find(QStringLiteral("Resource"));
        if (!resource)
            continue;
        const std::vector<Value> resources = resource->isList() ? resource->items() : std::vector<Value>{*resource};
        for (const Value &res : resources) {
            const QString t = target(res);
            if (t.isEmpty() || m_destinations.value(fn).contains(t))
                continue;
            int bits = 0;
            for (const QString &a : actions) {
                if (a == u"*" || serviceKind(a.section(u':', 0, 0)) == kindOf(t))
                    bits |= actionAccess(a);
            }
            if (bits)
                addAccess(fn, t, bits, true);
        }
    }
}

void Importer::functionPolicies(const QString &fn, const Res &r)
{
    const Value *policies = r.props.find(QStringLiteral("Policies"));
    if (policies) {
        const std::vector<Value> list = policies->isList() ? policies->items() : std::vector<Value>{*policies};
        for (const Value &p : list) {
            if (!p.isMap())
                continue;
            if (p.find(QStringLiteral("Statement"))) {
                statements(fn, p);
                continue;
            }
            if (const Value *doc = p.find(QStringLiteral("PolicyDocument"))) {
                statements(fn, *doc);
                continue;
            }
            for (const MapEntry &e : p.entries()) {
                const int bits = policyTemplateAccess(e.key);
                if (!bits)
                    continue;
                // {TableName: !Ref T}: the parameter's value names the resource.
                const Value &arg = e.value.isMap() && !e.value.isIntrinsic() && !e.value.entries().empty()
                    ? e.value.entries().front().value : e.value;
                const QString t = target(arg);
                if (!t.isEmpty())
                    addAccess(fn, t, bits, true);
            }
        }
    }
    // The execution role and the IAM policies attached to it.
    if (const Value *role = r.props.find(QStringLiteral("Role"))) {
        for (const QString &name : refs(*role)) {
            if (!m_resources.count(name) || m_resources[name].type != u"AWS::IAM::Role")
                continue;
            m_consumed.insert(name);
            const Res &rr = m_resources[name];
            if (const Value *ps = rr.props.find(QStringLiteral("Policies")); ps && ps->isList()) {
                for (const Value &p : ps->items()) {
                    if (const Value *doc = p.find(QStringLiteral("PolicyDocument")))
                        statements(fn, *doc);
                }
            }
            for (const auto &[pl, pr] : m_resources) {
                if (pr.type != u"AWS::IAM::Policy" && pr.type != u"AWS::IAM::ManagedPolicy")
                    continue;
                const Value *roles = pr.props.find(QStringLiteral("Roles"));
                if (roles && refs(*roles).contains(name)) {
                    m_consumed.insert(pl);
                    if (const Value *doc = pr.props.find(QStringLiteral("PolicyDocument")))
                        statements(fn, *doc);
                }
            }
        }
    }
    // Environment variables naming a resource: access edges; the others stay.
    Component *c = comp(fn);
    if (const Value *vars = at(r.props, {"Environment", "Variables"}); vars && vars->isMap()) {
        Value env = Value::map();
        for (const MapEntry &e : vars->entries()) {
            const QString t = e.value.isIntrinsic() ? target(e.value) : QString();
            if (!t.isEmpty() && !m_destinations.value(fn).contains(t)) {
                static const QStringList accessible = {KindTable, KindBucket, KindQueue, KindTopic, KindStream, KindBus};
                if (accessible.contains(kindOf(t))) {
                    // A queue or stream the function polls is named to read it (delete messages,
                    // read the stream's records), not to write to it: writing would re-trigger it.
                    const QString fromId = comp(t)->id;
                    const QString toId = c->id;
                    const bool polled = std::any_of(m_data.connections.begin(), m_data.connections.end(),
                                                    [&](const Connection &x) {
                                                        return x.role == u"trigger" && x.from == fromId && x.to == toId;
                                                    });
                    addAccess(fn, t, polled ? 1 : 3, false);
                    continue;
                }
            }
            env.set(e.key, e.value);
        }
        if (!env.entries().empty())
            c->properties.set(QStringLiteral("Environment"), env);
    }
}

} // namespace ew::core::samimport

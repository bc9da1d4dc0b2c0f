// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/quickfix.h"

#include "core/catalog/catalog.h"

#include <QSet>

namespace ew::core {

namespace {

/// What the fix's edits may refer to: the data's components plus those added so far.
struct Planner
{
    const Catalog &catalog;
    QSet<QString> components;
    int connections = 0;

    /// The step for one edit, or nullopt when it does not fit.
    std::optional<FixStep> step(const FixEdit &e)
    {
        FixStep s;
        s.kind = e.kind;
        switch (e.kind) {
        case FixEdit::Kind::SetComponentProperty:
            if (!components.contains(e.componentId))
                return std::nullopt;
            s.componentId = e.componentId;
            s.name = e.name;
            s.value = e.value;
            return s;
        case FixEdit::Kind::SetConnectionProperty:
            if (e.connectionIndex < 0 || e.connectionIndex >= connections)
                return std::nullopt;
            s.connectionIndex = e.connectionIndex;
            s.name = e.name;
            s.value = e.value;
            return s;
        case FixEdit::Kind::AddComponent:
            if (components.contains(e.componentId) || !catalog.kind(e.kindId))
                return std::nullopt;
            components.insert(e.componentId);
            s.component.id = e.componentId;
            s.component.kind = e.kindId;
            if (!e.label.isEmpty())
                s.component.label = e.label;
            s.component.properties = e.properties.isMap() ? e.properties : Value::map();
            return s;
        case FixEdit::Kind::AddConnection:
            if (!components.contains(e.from) || !components.contains(e.to))
                return std::nullopt;
            s.connection.from = e.from;
            s.connection.to = e.to;
            s.connection.role = e.role;
            s.connection.properties = e.properties.isMap() ? e.properties : Value::map();
            return s;
        }
        return std::nullopt;   // a kind this interpreter does not know: refuse the whole fix
    }
};

void setOrRemove(Value &properties, const QString &name, const std::optional<Value> &value)
{
    if (value)
        properties.set(name, *value);
    else
        properties.remove(name);
}

} // namespace

std::optional<std::vector<FixStep>> planQuickFix(const DiagramData &data, const QuickFix &fix,
                                                 const Catalog &catalog)
{
    Planner planner{catalog, {}, int(data.connections.size())};
    for (const Component &c : data.components)
        planner.components.insert(c.id);
    std::vector<FixStep> steps;
    for (const FixEdit &e : fix.edits) {
        std::optional<FixStep> s = planner.step(e);
        if (!s)
            return std::nullopt;
        steps.push_back(std::move(*s));
    }
    return steps;
}

bool applyQuickFix(DiagramData &data, const QuickFix &fix, const Catalog &catalog)
{
    const std::optional<std::vector<FixStep>> steps = planQuickFix(data, fix, catalog);
    if (!steps)
        return false;
    for (const FixStep &s : *steps) {
        switch (s.kind) {
        case FixStep::Kind::SetComponentProperty:
            for (Component &c : data.components) {
                if (c.id == s.componentId) {
                    setOrRemove(c.properties, s.name, s.value);
                    break;
                }
            }
            break;
        case FixStep::Kind::SetConnectionProperty:
            setOrRemove(data.connections[size_t(s.connectionIndex)].properties, s.name, s.value);
            break;
        case FixStep::Kind::AddComponent:
            data.components.push_back(s.component);
            break;
        case FixStep::Kind::AddConnection:
            data.connections.push_back(s.connection);
            break;
        }
    }
    return true;
}

bool applyQuickFix(DiagramData &data, const QuickFix &fix)
{
    return applyQuickFix(data, fix, Catalog::builtin());
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/quickfix.h"

namespace ew::core {

static Component *findComponent(DiagramData &data, const QString &id)
{
    for (Component &c : data.components) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

bool applyQuickFix(DiagramData &data, const QuickFix &fix)
{
    DiagramData next = data;   // all or nothing
    for (const FixEdit &e : fix.edits) {
        switch (e.kind) {
        case FixEdit::Kind::SetComponentProperty: {
            Component *c = findComponent(next, e.componentId);
            if (!c)
                return false;
            if (e.value)
                c->properties.set(e.name, *e.value);
            else
                c->properties.remove(e.name);
            break;
        }
        case FixEdit::Kind::SetConnectionProperty: {
            if (e.connectionIndex < 0 || e.connectionIndex >= int(next.connections.size()))
                return false;
            Connection &c = next.connections[size_t(e.connectionIndex)];
            if (e.value)
                c.properties.set(e.name, *e.value);
            else
                c.properties.remove(e.name);
            break;
        }
        case FixEdit::Kind::AddComponent: {
            if (findComponent(next, e.componentId))
                return false;
            Component c;
            c.id = e.componentId;
            c.kind = e.kindId;
            if (!e.label.isEmpty())
                c.label = e.label;
            c.properties = e.properties;
            next.components.push_back(std::move(c));
            break;
        }
        case FixEdit::Kind::AddConnection: {
            if (!findComponent(next, e.from) || !findComponent(next, e.to))
                return false;
            Connection c;
            c.from = e.from;
            c.to = e.to;
            c.role = e.role;
            c.properties = e.properties;
            next.connections.push_back(std::move(c));
            break;
        }
        }
    }
    data = std::move(next);
    return true;
}

} // namespace ew::core

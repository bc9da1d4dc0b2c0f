// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/editing/diagrameditor.h"

#include "core/editing/diagramcommands.h"
#include "core/validation/quickfix.h"
#include "core/simulation/workload.h"

#include <QSet>
#include <QUndoStack>

namespace ew::editing {

using core::ConnectionId;
using core::Value;

DiagramEditor::DiagramEditor(core::Diagram &diagram, const core::Catalog &catalog, QObject *parent)
    : QObject(parent)
    , m_diagram(diagram)
    , m_catalog(catalog)
    , m_undoStack(new QUndoStack(this))
{
}

DiagramEditor::~DiagramEditor() = default;

QString DiagramEditor::addComponent(const QString &kind, const QPointF &position)
{
    if (!m_catalog.kind(kind))
        return {};
    core::Component c;
    c.id = m_diagram.uniqueComponentId(kind);
    c.kind = kind;
    c.position = position;
    m_undoStack->push(new AddComponentCommand(m_diagram, c));
    return c.id;
}

void DiagramEditor::removeElements(const QStringList &componentIds,
                                   const QList<ConnectionId> &connectionIds)
{
    auto *command = new RemoveElementsCommand(m_diagram, componentIds, connectionIds);
    if (command->isEmpty()) {
        delete command;
        return;
    }
    m_undoStack->push(command);
}

ConnectionId DiagramEditor::connect(const QString &from, const QString &to, const QString &role,
                                    const Value &properties)
{
    if (!m_diagram.component(from) || !m_diagram.component(to))
        return 0;
    core::Connection c;
    c.from = from;
    c.to = to;
    c.role = role;
    c.properties = properties.isMap() ? properties : Value::map();
    auto *command = new ConnectCommand(m_diagram, c);
    m_undoStack->push(command);
    return command->connectionId();
}

void DiagramEditor::moveComponents(const QHash<QString, QPointF> &positions, bool nudge)
{
    QHash<QString, MoveComponentsCommand::Move> moves;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const core::Component *c = m_diagram.component(it.key());
        if (c && c->position != it.value())
            moves.insert(it.key(), {c->position, it.value()});
    }
    if (!moves.isEmpty())
        m_undoStack->push(new MoveComponentsCommand(m_diagram, moves, nudge));
}

void DiagramEditor::renameComponent(const QString &componentId, const QString &label)
{
    const core::Component *c = m_diagram.component(componentId);
    if (!c)
        return;
    const std::optional<QString> next = label.isEmpty() ? std::nullopt : std::optional(label);
    if (c->label != next)
        m_undoStack->push(new RenameComponentCommand(m_diagram, componentId, next));
}

void DiagramEditor::setComponentProperty(const QString &componentId, const QString &name,
                                         const std::optional<Value> &value, bool merge)
{
    const core::Component *c = m_diagram.component(componentId);
    if (!c)
        return;
    const Value *old = c->properties.find(name);
    if ((!old && !value) || (old && value && *old == *value))
        return;
    m_undoStack->push(new SetPropertyCommand(m_diagram, componentId, name, value, merge));
}

bool DiagramEditor::setConnectionRole(ConnectionId connectionId, const QString &role)
{
    const core::Connection *c = m_diagram.connection(connectionId);
    if (!c || c->role == role)
        return false;
    const core::Component *source = m_diagram.component(c->from);
    const core::Component *target = m_diagram.component(c->to);
    const core::RoleSpec *spec = source ? m_catalog.roleSpec(source->kind, role) : nullptr;
    if (!spec || !target || !spec->to.contains(target->kind))
        return false;
    core::Connection changed = *c;
    changed.role = role;
    changed.properties = Value::map();
    for (const core::MapEntry &e : c->properties.entries()) {
        if (spec->property(e.key))
            changed.properties.set(e.key, e.value);
    }
    m_undoStack->push(new ChangeRoleCommand(m_diagram, std::move(changed)));
    return true;
}

void DiagramEditor::setConnectionProperty(ConnectionId connectionId, const QString &name,
                                          const std::optional<Value> &value, bool merge)
{
    const core::Connection *c = m_diagram.connection(connectionId);
    if (!c)
        return;
    const Value *old = c->properties.find(name);
    if ((!old && !value) || (old && value && *old == *value))
        return;
    m_undoStack->push(new SetPropertyCommand(m_diagram, connectionId, name, value, merge));
}

bool DiagramEditor::setSimulationSection(const std::optional<Value> &section, const QString &text,
                                         const QString &mergeKey)
{
    const Value *old = m_diagram.topLevel(core::sim::SectionKey);
    if ((!old && !section) || (old && section && *old == *section))
        return false;
    m_undoStack->push(new SetTopLevelCommand(m_diagram, core::sim::SectionKey, section,
                                             text.isEmpty() ? tr("Edit simulation") : text,
                                             mergeKey));
    return true;
}

bool DiagramEditor::setWorkload(const core::sim::Workload &workload, const QString &text)
{
    return setSimulationSection(core::sim::workloadToValue(workload), text);
}

/// node with path[i..] set or removed; maps left empty by a removal are left out.
static Value withPath(const Value &node, const QStringList &path, qsizetype i,
                      const std::optional<Value> &value)
{
    Value map = node.isMap() ? node : Value::map();
    const QString &key = path.at(i);
    if (i == path.size() - 1) {
        if (value)
            map.set(key, *value);
        else
            map.remove(key);
        return map;
    }
    const Value *child = map.find(key);
    const Value next = withPath(child ? *child : Value::map(), path, i + 1, value);
    if (next.isMap() && next.entries().empty())
        map.remove(key);
    else
        map.set(key, next);
    return map;
}

std::optional<Value> DiagramEditor::simulationWith(const std::optional<Value> &section,
                                                   const QStringList &path,
                                                   const std::optional<Value> &value)
{
    if (path.isEmpty())
        return value;
    const Value result = withPath(section.value_or(Value::map()), path, 0, value);
    if (result.entries().empty())
        return std::nullopt;
    return result;
}

const Value *DiagramEditor::simulationValue(const QStringList &path) const
{
    const Value *node = m_diagram.topLevel(core::sim::SectionKey);
    for (const QString &key : path) {
        if (!node)
            return nullptr;
        node = node->find(key);
    }
    return node;
}

bool DiagramEditor::setSimulationValue(const QStringList &path, const std::optional<Value> &value,
                                       bool merge)
{
    const QString what = path.isEmpty() ? QString() : path.last();
    const QString text = path.size() >= 3 ? tr("Set simulation %1 of %2").arg(what, path.at(1))
                                          : tr("Set simulation %1").arg(what);
    return editSimulation({{path, value}}, text, merge ? path.join(u'/') : QString());
}

bool DiagramEditor::editSimulation(const QList<SimulationEdit> &edits, const QString &text,
                                   const QString &mergeKey)
{
    bool changes = false;
    for (const SimulationEdit &e : edits) {
        const Value *old = simulationValue(e.path);
        changes = changes || !((!old && !e.value) || (old && e.value && *old == *e.value));
    }
    if (!changes)
        return false;
    // Without a section a run makes up one event per trigger source; with one it takes the
    // section's sources only. Writing them keeps the run the same but for the edit, and a
    // section that comes back to saying just that (the edit undone by hand) goes again.
    const Value madeUp = core::sim::workloadToValue(core::sim::defaultWorkload(m_diagram.data()));
    std::optional<Value> next;
    if (const Value *section = m_diagram.topLevel(core::sim::SectionKey))
        next = *section;
    else if (!madeUp.entries().empty())
        next = madeUp;
    bool removals = true;
    for (const SimulationEdit &e : edits) {
        next = simulationWith(next, e.path, e.value);
        removals = removals && !e.value;
    }
    if (removals && next && *next == madeUp)
        next.reset();
    return setSimulationSection(next, text, mergeKey);
}

bool DiagramEditor::applyQuickFix(const core::QuickFix &fix)
{
    // The same interpreter as `validate --fix`: it checks every edit first (a stale fix
    // changes nothing) and says what each one does; here each step becomes a command.
    const std::optional<std::vector<core::FixStep>> steps =
        core::planQuickFix(m_diagram.data(), fix, m_catalog);
    if (!steps)
        return false;
    // Connection indexes refer to the diagram as validated: resolve them to ids up front.
    const std::vector<core::Connection> &connections = m_diagram.connections();
    std::vector<core::ConnectionId> ids;
    for (const core::FixStep &s : *steps)
        ids.push_back(s.connectionIndex >= 0 ? connections[size_t(s.connectionIndex)].id : 0);

    m_undoStack->beginMacro(fix.text);
    for (size_t i = 0; i < steps->size(); ++i) {
        const core::FixStep &s = (*steps)[i];
        switch (s.kind) {
        case core::FixStep::Kind::SetComponentProperty:
            setComponentProperty(s.componentId, s.name, s.value);
            break;
        case core::FixStep::Kind::SetConnectionProperty:
            setConnectionProperty(ids[i], s.name, s.value);
            break;
        case core::FixStep::Kind::AddComponent:
            m_undoStack->push(new AddComponentCommand(m_diagram, s.component));
            break;
        case core::FixStep::Kind::AddConnection:
            m_undoStack->push(new ConnectCommand(m_diagram, s.connection));
            break;
        }
    }
    m_undoStack->endMacro();
    return true;
}

/// Renames references to pasted components inside a property map (component-typed values).
static void remapReferences(core::Value &properties, const std::vector<core::PropertySpec> &specs,
                            const QHash<QString, QString> &newIds)
{
    for (core::MapEntry &e : properties.entries()) {
        for (const core::PropertySpec &spec : specs) {
            if (spec.name == e.key && spec.type == core::PropertyType::Component
                && newIds.contains(e.value.text())) {
                e.value = core::Value::string(newIds.value(e.value.text()));
            }
        }
    }
}

QStringList DiagramEditor::pasteFragment(const core::DiagramData &fragment, const QPointF &offset)
{
    if (fragment.components.empty())
        return {};
    QHash<QString, QString> newIds;
    QStringList created;
    QSet<QString> taken;
    for (const core::Component &c : fragment.components) {
        // Unique against the diagram and against ids chosen earlier in this paste.
        QString id = m_diagram.uniqueComponentId(c.id);
        for (int n = 2; taken.contains(id); ++n)
            id = m_diagram.uniqueComponentId(c.id + QLatin1Char('-') + QString::number(n));
        taken.insert(id);
        newIds.insert(c.id, id);
        created << id;
    }
    m_undoStack->beginMacro(created.size() == 1 ? tr("Paste %1").arg(created.first())
                                                : tr("Paste %1 components").arg(created.size()));
    for (const core::Component &original : fragment.components) {
        core::Component c = original;
        c.id = newIds.value(original.id);
        c.position = original.position.value_or(QPointF()) + offset;
        if (const core::KindSpec *k = m_catalog.kind(c.kind))
            remapReferences(c.properties, k->properties, newIds);
        m_undoStack->push(new AddComponentCommand(m_diagram, c));
    }
    for (const core::Connection &original : fragment.connections) {
        if (!newIds.contains(original.from) || !newIds.contains(original.to))
            continue;
        core::Connection c = original;
        c.id = 0;
        c.from = newIds.value(original.from);
        c.to = newIds.value(original.to);
        if (const core::RoleSpec *r = m_catalog.roleSpec(m_diagram.component(c.from)->kind, c.role))
            remapReferences(c.properties, r->properties, newIds);
        m_undoStack->push(new ConnectCommand(m_diagram, c));
    }
    m_undoStack->endMacro();
    return created;
}

} // namespace ew::editing

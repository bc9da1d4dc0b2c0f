// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/validationcontext.h"

#include "core/validation/validator.h"

namespace ew::core {

static const std::vector<int> NoConnections;

ValidationContext::ValidationContext(const DiagramData &data, const Catalog &catalog)
    : m_data(data)
    , m_catalog(catalog)
{
    m_today = QDate::fromString(qEnvironmentVariable("EW_VALIDATION_DATE"), Qt::ISODate);
    if (!m_today.isValid())
        m_today = QDate::currentDate();
    const size_t n = data.components.size();
    m_index.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i)
        m_index.insert(data.components[i].id, int(i));
    m_outgoing.resize(n);
    m_incoming.resize(n);
    for (size_t i = 0; i < data.connections.size(); ++i) {
        const Connection &c = data.connections[i];
        const int from = m_index.value(c.from, -1);
        const int to = m_index.value(c.to, -1);
        if (from >= 0)
            m_outgoing[size_t(from)].push_back(int(i));
        if (to >= 0)
            m_incoming[size_t(to)].push_back(int(i));
    }
}

const Component *ValidationContext::component(const QString &id) const
{
    const int i = m_index.value(id, -1);
    return i < 0 ? nullptr : &m_data.components[size_t(i)];
}

const KindSpec *ValidationContext::kindOf(const QString &componentId) const
{
    const Component *c = component(componentId);
    return c ? kindOf(*c) : nullptr;
}

std::vector<const Component *> ValidationContext::componentsOfKind(const QString &kind) const
{
    std::vector<const Component *> out;
    for (const Component &c : m_data.components) {
        if (c.kind == kind)
            out.push_back(&c);
    }
    return out;
}

const std::vector<int> &ValidationContext::outgoing(const QString &componentId) const
{
    const int i = m_index.value(componentId, -1);
    return i < 0 ? NoConnections : m_outgoing[size_t(i)];
}

const std::vector<int> &ValidationContext::incoming(const QString &componentId) const
{
    const int i = m_index.value(componentId, -1);
    return i < 0 ? NoConnections : m_incoming[size_t(i)];
}

std::vector<int> ValidationContext::outgoing(const QString &componentId, const QString &role) const
{
    std::vector<int> out;
    for (int i : outgoing(componentId)) {
        if (connection(i).role == role)
            out.push_back(i);
    }
    return out;
}

std::vector<int> ValidationContext::incoming(const QString &componentId, const QString &role) const
{
    std::vector<int> out;
    for (int i : incoming(componentId)) {
        if (connection(i).role == role)
            out.push_back(i);
    }
    return out;
}

const Value *ValidationContext::explicitValue(const Component &c, const QString &name) const
{
    return c.properties.find(name);
}

const Value *ValidationContext::explicitValue(const Connection &c, const QString &name) const
{
    return c.properties.find(name);
}

const Value *ValidationContext::value(const Component &c, const QString &name) const
{
    if (const Value *v = c.properties.find(name))
        return v;
    const KindSpec *k = kindOf(c);
    const PropertySpec *p = k ? k->property(name) : nullptr;
    return p && p->defaultValue ? &*p->defaultValue : nullptr;
}

const Value *ValidationContext::value(const Connection &c, const QString &name) const
{
    if (const Value *v = c.properties.find(name))
        return v;
    const Component *source = component(c.from);
    const RoleSpec *r = source ? m_catalog.roleSpec(source->kind, c.role) : nullptr;
    const PropertySpec *p = r ? r->property(name) : nullptr;
    return p && p->defaultValue ? &*p->defaultValue : nullptr;
}

std::optional<double> ValidationContext::number(const Component &c, const QString &name) const
{
    const Value *v = value(c, name);
    return v ? v->toNumber() : std::nullopt;
}

std::optional<double> ValidationContext::number(const Connection &c, const QString &name) const
{
    const Value *v = value(c, name);
    return v ? v->toNumber() : std::nullopt;
}

bool ValidationContext::flag(const Component &c, const QString &name) const
{
    const Value *v = value(c, name);
    return v && v->toBool().value_or(false);
}

bool ValidationContext::flag(const Connection &c, const QString &name) const
{
    const Value *v = value(c, name);
    return v && v->toBool().value_or(false);
}

QString ValidationContext::text(const Component &c, const QString &name) const
{
    const Value *v = value(c, name);
    return v ? v->toString() : QString();
}

QString ValidationContext::text(const Connection &c, const QString &name) const
{
    const Value *v = value(c, name);
    return v ? v->toString() : QString();
}

Invocation ValidationContext::invocationOf(const Connection &c) const
{
    const KindSpec *k = kindOf(c.from);
    return k ? k->invocation : Invocation::None;
}

QString ValidationContext::describe(const QString &componentId) const
{
    const KindSpec *k = kindOf(componentId);
    return k ? QStringLiteral("%1 '%2'").arg(k->name, componentId)
             : QStringLiteral("'%1'").arg(componentId);
}

QString ValidationContext::describe(const Connection &c)
{
    return QStringLiteral("%1 -> %2").arg(c.from, c.to);
}

bool ValidationContext::isFifo(const Component &c) const
{
    if (c.kind == u"sqs-queue")
        return flag(c, QStringLiteral("FifoQueue"));
    if (c.kind == u"sns-topic")
        return flag(c, QStringLiteral("FifoTopic"));
    return false;
}

void ValidationContext::report(const QString &rule, const QString &message,
                               const QString &componentId, int connectionIndex,
                               const QString &advice, std::optional<QuickFix> fix)
{
    const RuleInfo *info = Validator::rule(rule);
    Q_ASSERT_X(info, "ValidationContext::report", qPrintable(rule));
    Diagnostic d;
    d.rule = rule;
    d.severity = info ? info->severity : Severity::Error;
    d.message = message;
    d.component = connectionIndex >= 0 ? QString() : componentId;
    if (connectionIndex >= 0) {
        const Connection &c = connection(connectionIndex);
        d.connection = ConnectionRef{c.from, c.to, c.role};
        d.connectionIndex = connectionIndex;
    }
    d.fix = fix ? fix->text : advice;
    d.quickFix = std::move(fix);
    m_out.append(std::move(d));
}

FixEdit ValidationContext::setProperty(const QString &componentId, const QString &name, const Value &value)
{
    FixEdit e;
    e.kind = FixEdit::Kind::SetComponentProperty;
    e.componentId = componentId;
    e.name = name;
    e.value = value;
    return e;
}

FixEdit ValidationContext::setConnectionProperty(int connectionIndex, const QString &name, const Value &value)
{
    FixEdit e;
    e.kind = FixEdit::Kind::SetConnectionProperty;
    e.connectionIndex = connectionIndex;
    e.name = name;
    e.value = value;
    return e;
}

FixEdit ValidationContext::removeConnectionProperty(int connectionIndex, const QString &name)
{
    FixEdit e;
    e.kind = FixEdit::Kind::SetConnectionProperty;
    e.connectionIndex = connectionIndex;
    e.name = name;
    return e;
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/connectionverdict.h"

namespace ew::core {

static const Component *find(const DiagramData &data, const QString &id)
{
    for (const Component &c : data.components) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

static bool isTrue(const Component &c, const char *name)
{
    const Value *v = c.properties.find(QLatin1String(name));
    return v && v->toBool().value_or(false);
}

static QString name(const KindSpec &kind, const Component &c)
{
    return QStringLiteral("%1 '%2'").arg(kind.name, c.displayName());
}

static QString describeAllowed(const KindSpec &source, const Component &from, const KindSpec &target,
                               const Component &to, const QString &role)
{
    if (role == u"trigger") {
        switch (source.invocation) {
        case Invocation::Sync:
            return QStringLiteral("%1 will invoke %2 synchronously and wait for its answer.")
                .arg(name(source, from), name(target, to));
        case Invocation::Async:
            return QStringLiteral("%1 will invoke %2 asynchronously: Lambda queues the event and "
                                  "retries failures.")
                .arg(name(source, from), name(target, to));
        case Invocation::Poll:
            return QStringLiteral("Lambda will poll %1 and invoke %2 with batches (an event source "
                                  "mapping).")
                .arg(name(source, from), name(target, to));
        case Invocation::None:
            break;
        }
    }
    if (role == u"on-success" || role == u"on-failure")
        return QStringLiteral("%1 will send the result of each asynchronous invocation that %2 to %3.")
            .arg(name(source, from), role == u"on-success" ? QStringLiteral("succeeds")
                                                            : QStringLiteral("fails"),
                 name(target, to));
    if (role == u"dead-letter")
        return QStringLiteral("Events %1 cannot process will end up in %2.").arg(name(source, from), name(target, to));
    if (role == u"access")
        return QStringLiteral("%1's code will use %2: the export grants it least-privilege access.")
            .arg(name(source, from), name(target, to));
    return QStringLiteral("%1 will deliver matching events to %2.").arg(name(source, from), name(target, to));
}

ConnectionVerdict checkConnection(const DiagramData &data, const Catalog &catalog,
                                  const QString &from, const QString &to, const QString &role)
{
    ConnectionVerdict v;
    const Component *source = find(data, from);
    const Component *target = find(data, to);
    if (!source || !target) {
        v.reason = QStringLiteral("Both ends must be components of this project.");
        return v;
    }
    const KindSpec *sourceKind = catalog.kind(source->kind);
    const KindSpec *targetKind = catalog.kind(target->kind);
    if (!sourceKind || !targetKind) {
        v.reason = QStringLiteral("'%1' has a kind Eventwright does not know, so it cannot be connected.")
                       .arg(sourceKind ? to : from);
        return v;
    }
    if (from == to) {
        v.reason = QStringLiteral("A component cannot be connected to itself: %1 would invoke "
                                  "itself in a loop.")
                       .arg(name(*sourceKind, *source));
        return v;
    }
    for (const RoleSpec &r : sourceKind->connections) {
        if (r.to.contains(target->kind) && (role.isEmpty() || r.role == role))
            v.roles << r.role;
    }
    if (v.roles.isEmpty()) {
        QStringList reverse;
        for (const RoleSpec &r : targetKind->connections) {
            if (r.to.contains(source->kind))
                reverse << r.role;
        }
        v.reason = role.isEmpty()
                       ? QStringLiteral("AWS has no integration from %1 to %2.").arg(sourceKind->name, targetKind->name)
                       : QStringLiteral("A %1 cannot be the %2 of a %3.").arg(targetKind->name, role, sourceKind->name);
        if (!reverse.isEmpty())
            v.reason += QStringLiteral(" Draw it the other way, from %1 to %2 (%3).")
                            .arg(target->displayName(), source->displayName(), reverse.join(QStringLiteral(" or ")));
        return v;
    }

    // AWS rules that forbid an edge the catalog's kinds would allow.
    QStringList refused;
    QString why;
    for (const QString &r : std::as_const(v.roles)) {
        if (r == u"trigger" && source->kind == u"sns-topic" && isTrue(*source, "FifoTopic")) {
            refused << r;
            why = QStringLiteral("FIFO SNS topics deliver only to SQS queues, never to Lambda; put a "
                                 "FIFO queue between the topic and the function.");
        } else if ((r == u"on-success" || r == u"on-failure" || r == u"dead-letter")
                   && source->kind == u"lambda-function"
                   && ((target->kind == u"sqs-queue" && isTrue(*target, "FifoQueue"))
                       || (target->kind == u"sns-topic" && isTrue(*target, "FifoTopic")))) {
            refused << r;
            why = QStringLiteral("Lambda cannot deliver to FIFO queues or topics: such records are "
                                 "dropped. Use a standard queue or topic.");
        } else if (r != u"trigger") {
            for (const Connection &c : data.connections) {
                if (c.from == from && c.to == to && c.role == r) {
                    refused << r;
                    why = QStringLiteral("%1 is already the %2 of %3.").arg(to, r, from);
                    break;
                }
            }
        }
    }
    for (const QString &r : refused)
        v.roles.removeAll(r);
    if (v.roles.isEmpty()) {
        v.reason = why;
        return v;
    }
    v.allowed = true;
    if (v.roles.size() == 1) {
        v.role = v.roles.first();
        v.reason = describeAllowed(*sourceKind, *source, *targetKind, *target, v.role);
    } else {
        v.reason = QStringLiteral("Choose how %1 uses %2: %3.")
                       .arg(source->displayName(), target->displayName(), v.roles.join(QStringLiteral(", ")));
    }
    return v;
}

} // namespace ew::core

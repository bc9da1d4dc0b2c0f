// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// The event source mapping checks (esmrules.cpp): one Run over a project, its member functions
// defined by job in esmrules.cpp (values, fixes, the trigger settings), esmfilterchecks.cpp
// (FILTER-*) and esmqueuechecks.cpp (the queues, redrive, reserved concurrency and the readers of
// streams and Kafka topics). Private to core/validation/rules.

#include "core/validation/rulegroups.h"

#include "core/catalog/propertycheck.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace ew::core::rules::esm {

enum class Source { Sqs, Kinesis, DynamoDb, Kafka };

inline std::optional<Source> sourceOf(const QString &kind)
{
    if (kind == u"sqs-queue")
        return Source::Sqs;
    if (kind == u"kinesis-stream")
        return Source::Kinesis;
    if (kind == u"dynamodb-table")
        return Source::DynamoDb;
    if (kind == u"msk-cluster")
        return Source::Kafka;
    return std::nullopt;
}

/// One trigger connection from a poll source to a function: an event source mapping.
struct Esm
{
    int index = -1;
    const Connection *connection = nullptr;
    const Component *source = nullptr;
    const Component *function = nullptr;
    Source kind = Source::Sqs;
};

inline const QString Trigger = QStringLiteral("trigger");
inline const QString DeadLetter = QStringLiteral("dead-letter");
inline const QString ReportBatchItemFailures = QStringLiteral("ReportBatchItemFailures");

inline QString seconds(double v)
{
    return Value::number(v).text() + QStringLiteral(" s");
}

/// "4 days", "14 days", "6 hours" for retention periods.
inline QString duration(double secondsValue)
{
    const qint64 s = qint64(secondsValue);
    if (s % 86400 == 0)
        return QStringLiteral("%1 day%2").arg(s / 86400).arg(s == 86400 ? "" : "s");
    if (s % 3600 == 0)
        return QStringLiteral("%1 hour%2").arg(s / 3600).arg(s == 3600 ? "" : "s");
    return seconds(double(s));
}

inline QString quotedList(const QStringList &names)
{
    QStringList q;
    for (const QString &n : names)
        q << QLatin1Char('\'') + n + QLatin1Char('\'');
    return q.join(QStringLiteral(", "));
}

class Run
{
public:
    explicit Run(ValidationContext &context)
        : m_ctx(context)
    {
    }

    void run();

private:
    // Values: the value as written when it passes the catalog's type and range check (else the
    // model group has reported it and this group stays quiet), or the catalog default.
    bool number(const Connection &c, const QString &name, double &out) const;
    bool number(const Esm &e, const QString &name, double &out) const { return number(*e.connection, name, out); }
    bool number(const Component &c, const QString &name, double &out) const;
    const Value *given(const Esm &e, const QString &name) const
    {
        return m_ctx.explicitValue(*e.connection, name);
    }
    bool isExplicit(const Component &c, const QString &name) const { return m_ctx.explicitValue(c, name); }
    QString validText(const Component &c, const QString &name) const;

    QString trigger(const Esm &e) const
    {
        return QStringLiteral("The trigger from %1 to %2")
            .arg(m_ctx.describe(e.source->id), m_ctx.describe(e.function->id));
    }
    QString describe(const QString &id) const { return m_ctx.describe(id); }
    void report(const QString &rule, const QString &message, const Esm &e, const QString &advice,
                std::optional<QuickFix> fix = std::nullopt)
    {
        m_ctx.report(rule, message, e.source->id, e.index, advice, std::move(fix));
    }

    /// A component id not used in the project nor proposed by another fix of this run.
    QString newId(const QString &base);
    static FixEdit removeComponentProperty(const QString &componentId, const QString &name)
    {
        FixEdit e = ValidationContext::setProperty(componentId, name, Value());
        e.value.reset();
        return e;
    }
    static FixEdit addComponent(const QString &id, const QString &kind, const QString &label, const Value &properties)
    {
        FixEdit e;
        e.kind = FixEdit::Kind::AddComponent;
        e.componentId = id;
        e.kindId = kind;
        e.label = label;
        e.properties = properties;
        return e;
    }
    static FixEdit addConnection(const QString &from, const QString &to, const QString &role, const Value &properties)
    {
        FixEdit e;
        e.kind = FixEdit::Kind::AddConnection;
        e.from = from;
        e.to = to;
        e.role = role;
        e.properties = properties;
        return e;
    }
    /// A new standard queue for a trigger's OnFailure destination, and the trigger pointing at it.
    QuickFix addOnFailureQueue(const Esm &e, const QString &text);

    void checkMisplacedSettings(const Esm &e);
    void checkSqsTrigger(const Esm &e);
    void checkStreamTrigger(const Esm &e);
    void checkStartingPosition(const Esm &e);
    void checkPollers(const Esm &e);
    void checkPartialBatch(const Esm &e);
    void checkFilters(const Esm &e);
    void checkPatternFields(const Esm &e, int number, const Value &pattern);
    void checkQueues();
    void checkRedrive();
    void checkReservedConcurrency();
    void checkStreamReaders();
    void checkConsumerGroups();

    ValidationContext &m_ctx;
    std::vector<Esm> m_esms;
    QSet<QString> m_newIds;
};

} // namespace ew::core::rules::esm

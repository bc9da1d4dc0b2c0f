// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Shared by the data-driven rule tests: each row is a project that triggers a rule and a
// near-identical one that does not.

#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/validation/quickfix.h>
#include <core/validation/validator.h>

#include <QtTest>

namespace ruletest {

/// Each non-empty line of `text` indented by `spaces`.
inline QByteArray indent(const QByteArray &text, int spaces)
{
    QByteArray out;
    const QByteArray pad(spaces, ' ');
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            out += pad + line + '\n';
    }
    return out;
}

/// A component of a `components:` list; `props` is YAML at column 0 ("Key: value\n...").
inline QByteArray comp(const QByteArray &id, const QByteArray &kind, const QByteArray &props = {})
{
    QByteArray s = "  - id: " + id + "\n    kind: " + kind + "\n";
    if (!props.isEmpty())
        s += "    properties:\n" + indent(props, 6);
    return s;
}

/// A connection of a `connections:` list; `props` as for comp().
inline QByteArray conn(const QByteArray &from, const QByteArray &to, const QByteArray &role,
                       const QByteArray &props = {})
{
    QByteArray s = "  - from: " + from + "\n    to: " + to + "\n    role: " + role + "\n";
    if (!props.isEmpty())
        s += "    properties:\n" + indent(props, 6);
    return s;
}

inline QList<ew::core::Diagnostic> validate(const QByteArray &yaml, bool *loaded = nullptr)
{
    const ew::core::ProjectLoadResult r = ew::core::ProjectSerializer::load(yaml);
    if (loaded)
        *loaded = r.ok();
    if (!r.ok()) {
        qWarning("test project does not load: %s", qPrintable(r.error.format(QStringLiteral("<row>"))));
        return {};
    }
    return ew::core::Validator::validate(*r.data, ew::core::Catalog::builtin());
}

inline QString list(const QList<ew::core::Diagnostic> &ds)
{
    QStringList out;
    for (const ew::core::Diagnostic &d : ds)
        out << d.rule + QStringLiteral(" [") + (d.connection ? d.connection->from + QStringLiteral("->") + d.connection->to : d.component) + QStringLiteral("] ") + d.message;
    return out.join(QLatin1Char('\n'));
}

inline const ew::core::Diagnostic *find(const QList<ew::core::Diagnostic> &ds, const QString &rule)
{
    for (const ew::core::Diagnostic &d : ds) {
        if (d.rule == rule)
            return &d;
    }
    return nullptr;
}

/// Columns: bad (QByteArray), good (QByteArray), rule (QString), subject (QString: a component
/// id, or "from->to" for a connection). Use in a test's _data() function.
inline void addColumns()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QByteArray>("good");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("subject");
}

/// The body of a data-driven rule test: the rule fires on `bad` about `subject` with a message
/// and advice, does not fire on `good`; if it offers a quick fix, applying it to `bad` makes
/// that diagnostic go away.
inline void check()
{
    QFETCH(QByteArray, bad);
    QFETCH(QByteArray, good);
    QFETCH(QString, rule);
    QFETCH(QString, subject);
    bool loaded = false;
    const QList<ew::core::Diagnostic> badDs = validate(bad, &loaded);
    QVERIFY2(loaded, "the 'bad' project must load");
    const ew::core::Diagnostic *d = find(badDs, rule);
    QVERIFY2(d, qPrintable(QStringLiteral("%1 did not fire; got:\n%2").arg(rule, list(badDs))));
    const QString actualSubject = d->connection ? d->connection->from + QStringLiteral("->") + d->connection->to
                                                : d->component;
    QCOMPARE(actualSubject, subject);
    QVERIFY(!d->message.isEmpty());
    QVERIFY2(!d->fix.isEmpty(), "every diagnostic says what to change");
    QVERIFY(d->severity == ew::core::Validator::rule(rule)->severity);

    const QList<ew::core::Diagnostic> goodDs = validate(good, &loaded);
    QVERIFY2(loaded, "the 'good' project must load");
    QVERIFY2(!find(goodDs, rule), qPrintable(QStringLiteral("%1 fired on the good project:\n%2").arg(rule, list(goodDs))));

    if (d->quickFix) {
        ew::core::ProjectLoadResult r = ew::core::ProjectSerializer::load(bad);
        QVERIFY(ew::core::applyQuickFix(*r.data, *d->quickFix));
        const QList<ew::core::Diagnostic> after = ew::core::Validator::validate(*r.data, ew::core::Catalog::builtin());
        bool same = false;
        for (const ew::core::Diagnostic &a : after)
            same = same || (a.rule == rule && a.component == d->component && a.connection == d->connection);
        QVERIFY2(!same, qPrintable(QStringLiteral("the quick fix '%1' did not remove %2").arg(d->quickFix->text, rule)));
    }
}

} // namespace ruletest

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/model/diagram.h>

#include <QSignalSpy>
#include <QtTest>

using namespace ew::core;

class tst_Diagram : public QObject
{
    Q_OBJECT
private slots:
    void signalsFollowChanges();
    void connectionsOfAndIds();
    void uniqueIds();
    void topLevelKeepsItsPlace();
};

static Component component(const QString &id, const QString &kind)
{
    Component c;
    c.id = id;
    c.kind = kind;
    return c;
}

void tst_Diagram::signalsFollowChanges()
{
    Diagram d;
    QSignalSpy added(&d, &Diagram::componentAdded);
    QSignalSpy changed(&d, &Diagram::componentChanged);
    QSignalSpy any(&d, &Diagram::changed);
    d.insertComponent(component(QStringLiteral("a"), QStringLiteral("sqs-queue")));
    QCOMPARE(added.count(), 1);
    d.setComponentProperty(QStringLiteral("a"), QStringLiteral("DelaySeconds"), Value::integer(5));
    QCOMPARE(changed.count(), 1);
    // Setting the same value again is no change and emits nothing.
    d.setComponentProperty(QStringLiteral("a"), QStringLiteral("DelaySeconds"), Value::integer(5));
    QCOMPARE(changed.count(), 1);
    d.setComponentProperty(QStringLiteral("a"), QStringLiteral("DelaySeconds"), std::nullopt);
    QCOMPARE(changed.count(), 2);
    QVERIFY(!d.component(QStringLiteral("a"))->properties.find(QStringLiteral("DelaySeconds")));
    QCOMPARE(any.count(), 3);
}

void tst_Diagram::connectionsOfAndIds()
{
    Diagram d;
    d.insertComponent(component(QStringLiteral("q"), QStringLiteral("sqs-queue")));
    d.insertComponent(component(QStringLiteral("f"), QStringLiteral("lambda-function")));
    Connection c;
    c.from = QStringLiteral("q");
    c.to = QStringLiteral("f");
    c.role = QStringLiteral("trigger");
    const ConnectionId first = d.insertConnection(c);
    const ConnectionId second = d.insertConnection(c);
    QVERIFY(first != 0 && second != 0 && first != second);
    QCOMPARE(d.connectionsOf(QStringLiteral("f")).size(), size_t(2));
    d.removeConnection(first);
    QVERIFY(!d.connection(first));
    QCOMPARE(d.connection(second)->from, QStringLiteral("q"));
}

void tst_Diagram::uniqueIds()
{
    Diagram d;
    QCOMPARE(d.uniqueComponentId(QStringLiteral("sqs-queue")), QStringLiteral("sqs-queue"));
    d.insertComponent(component(QStringLiteral("sqs-queue"), QStringLiteral("sqs-queue")));
    d.insertComponent(component(QStringLiteral("sqs-queue-2"), QStringLiteral("sqs-queue")));
    QCOMPARE(d.uniqueComponentId(QStringLiteral("sqs-queue")), QStringLiteral("sqs-queue-3"));
}

// A top-level entry the format does not define: a new one goes to the end (or to index), an
// edited one stays where it is, removing and re-inserting at the index restores the order.
void tst_Diagram::topLevelKeepsItsPlace()
{
    Diagram d;
    DiagramData data;
    data.extra = {{QStringLiteral("x-first"), Value::integer(1)},
                  {QStringLiteral("x-last"), Value::integer(2)}};
    d.reset(data);
    QSignalSpy topLevel(&d, &Diagram::topLevelChanged);
    QSignalSpy any(&d, &Diagram::changed);
    auto keys = [&d] {
        QStringList k;
        for (const MapEntry &e : d.data().extra)
            k << e.key;
        return k;
    };
    const QString sim = QStringLiteral("simulation");
    QVERIFY(!d.topLevel(sim));
    QCOMPARE(d.topLevelIndex(sim), -1);
    d.setTopLevel(sim, Value::map({{QStringLiteral("seed"), Value::integer(7)}}));
    QCOMPARE(keys(), QStringList({"x-first", "x-last", "simulation"}));
    QCOMPARE(topLevel.count(), 1);
    QCOMPARE(topLevel.at(0).at(0).toString(), sim);
    QCOMPARE(d.topLevel(sim)->find(QStringLiteral("seed"))->text(), QStringLiteral("7"));

    // Edited in place; the same value again is no change.
    d.setTopLevel(QStringLiteral("x-first"), Value::integer(3));
    QCOMPARE(keys(), QStringList({"x-first", "x-last", "simulation"}));
    QCOMPARE(d.topLevel(QStringLiteral("x-first"))->text(), QStringLiteral("3"));
    d.setTopLevel(QStringLiteral("x-first"), Value::integer(3));
    QCOMPARE(topLevel.count(), 2);

    // Removed, then put back at its former index.
    d.setTopLevel(QStringLiteral("x-first"), std::nullopt);
    QCOMPARE(keys(), QStringList({"x-last", "simulation"}));
    d.setTopLevel(QStringLiteral("x-first"), std::nullopt); // absent: nothing
    d.setTopLevel(QStringLiteral("x-first"), Value::integer(1), 0);
    QCOMPARE(keys(), QStringList({"x-first", "x-last", "simulation"}));
    QCOMPARE(topLevel.count(), 4);
    QCOMPARE(any.count(), 4);
}

QTEST_GUILESS_MAIN(tst_Diagram)
#include "tst_diagram.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/layout/autolayout.h>

#include <QDir>
#include <QtTest>

#include <cmath>

using namespace ew::core;

class tst_AutoLayout : public QObject
{
    Q_OBJECT
private slots:
    void examples_data();
    void examples();
    void onlyMissingKeepsPositions();
    void onlyMissingPlacesNextToNeighbours();
    void emptyAndSingle();
    void disconnectedCyclesUnknownKinds();
    void large();
};

static Component component(const QString &id, const QString &kind, std::optional<QPointF> at = {})
{
    Component c;
    c.id = id;
    c.kind = kind;
    c.position = at;
    return c;
}

static Connection connection(const QString &from, const QString &to, const QString &role)
{
    Connection c;
    c.from = from;
    c.to = to;
    c.role = role;
    return c;
}

/// 500 components in 50 groups: a trigger source, four functions, a table, a failure queue, a
/// dead-letter queue, a bucket and a topic; functions also use the previous group's table.
static DiagramData synthetic(int groups = 50)
{
    static const QStringList sources = {QStringLiteral("apigateway-http"), QStringLiteral("sqs-queue"),
                                        QStringLiteral("sns-topic"), QStringLiteral("s3-bucket"),
                                        QStringLiteral("eventbridge-schedule"), QStringLiteral("kinesis-stream")};
    DiagramData d;
    for (int g = 0; g < groups; ++g) {
        const QString p = QStringLiteral("g%1-").arg(g);
        d.components.push_back(component(p + QStringLiteral("source"), sources[g % sources.size()]));
        d.components.push_back(component(p + QStringLiteral("table"), QStringLiteral("dynamodb-table")));
        d.components.push_back(component(p + QStringLiteral("failures"), QStringLiteral("sqs-queue")));
        d.components.push_back(component(p + QStringLiteral("dlq"), QStringLiteral("sqs-queue")));
        d.components.push_back(component(p + QStringLiteral("bucket"), QStringLiteral("s3-bucket")));
        d.components.push_back(component(p + QStringLiteral("topic"), QStringLiteral("sns-topic")));
        if (g % sources.size() == 1)
            d.connections.push_back(connection(p + QStringLiteral("source"), p + QStringLiteral("dlq"), QStringLiteral("dead-letter")));
        for (int f = 0; f < 4; ++f) {
            const QString fn = p + QStringLiteral("fn%1").arg(f);
            d.components.push_back(component(fn, QStringLiteral("lambda-function")));
            d.connections.push_back(connection(p + QStringLiteral("source"), fn, QStringLiteral("trigger")));
            d.connections.push_back(connection(fn, p + QStringLiteral("table"), QStringLiteral("access")));
            d.connections.push_back(connection(fn, p + QStringLiteral("failures"), QStringLiteral("on-failure")));
            if (f == 1)
                d.connections.push_back(connection(fn, p + QStringLiteral("bucket"), QStringLiteral("access")));
            if (f == 2)
                d.connections.push_back(connection(fn, p + QStringLiteral("topic"), QStringLiteral("on-success")));
            if (f == 3 && g > 0)
                d.connections.push_back(connection(fn, QStringLiteral("g%1-table").arg(g - 1), QStringLiteral("access")));
        }
    }
    return d;
}

static QString overlapOf(const QHash<QString, QPointF> &pos)
{
    const QStringList ids = pos.keys();
    for (qsizetype i = 0; i < ids.size(); ++i)
        for (qsizetype j = i + 1; j < ids.size(); ++j) {
            const QPointF a = pos[ids[i]], b = pos[ids[j]];
            if (std::abs(a.x() - b.x()) < 220 + 20 && std::abs(a.y() - b.y()) < 76 + 20)
                return ids[i] + QStringLiteral(" overlaps ") + ids[j];
        }
    return {};
}

static void checkBasics(const DiagramData &d, const QHash<QString, QPointF> &pos)
{
    QCOMPARE(pos.size(), qsizetype(d.components.size()));
    for (const Component &c : d.components) {
        QVERIFY2(pos.contains(c.id), qPrintable(c.id));
        const QPointF p = pos[c.id];
        QVERIFY2(std::fmod(p.x(), 20) == 0 && std::fmod(p.y(), 20) == 0, qPrintable(c.id));
    }
    const QString overlap = overlapOf(pos);
    QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
}

void tst_AutoLayout::examples_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    const QStringList files = dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 10);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void tst_AutoLayout::examples()
{
    QFETCH(QString, path);
    const ProjectLoadResult loaded = ProjectSerializer::loadFile(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
    DiagramData d = *loaded.data;
    for (Component &c : d.components)
        c.position.reset();
    const Catalog &catalog = Catalog::builtin();
    const AutoLayoutResult result = autoLayoutWithReport(d, catalog);
    QVERIFY2(result.usedGraphviz, qPrintable(result.message));
    const QHash<QString, QPointF> &pos = result.positions;
    checkBasics(d, pos);

    // Cycles: a trigger source that is also reached from its function (s3-thumbnails).
    auto reachesBack = [&](const QString &from, const QString &to) {
        for (const Connection &c : d.connections)
            if (c.from == to && c.to == from)
                return true;
        return false;
    };
    for (const Connection &c : d.connections) {
        if (c.role == u"trigger") {
            QVERIFY2(pos[c.from].x() < pos[c.to].x(), qPrintable(c.from + QStringLiteral(" → ") + c.to));
        } else if (c.role == u"on-success" || c.role == u"on-failure" || c.role == u"dead-letter"
                   || c.role == u"access") {
            if (reachesBack(c.from, c.to))
                continue;
            QVERIFY2(pos[c.from].x() < pos[c.to].x(), qPrintable(c.from + QStringLiteral(" → ") + c.to + QStringLiteral(" ") + c.role));
        }
    }
    // Deterministic.
    QCOMPARE(autoLayout(d, catalog), pos);
}

void tst_AutoLayout::onlyMissingKeepsPositions()
{
    const ProjectLoadResult loaded =
        ProjectSerializer::loadFile(QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml"));
    QVERIFY(loaded.ok());
    DiagramData d = *loaded.data;
    // Odd positions (off the grid) must be kept exactly; half of the components lose theirs.
    for (size_t i = 0; i < d.components.size(); ++i) {
        if (i % 2)
            d.components[i].position.reset();
        else
            d.components[i].position = QPointF(7.5 + double(i) * 300, 3.25);
    }
    const QHash<QString, QPointF> pos = autoLayout(d, Catalog::builtin(), true);
    QCOMPARE(pos.size(), qsizetype(d.components.size()));
    for (const Component &c : d.components) {
        if (c.position) {
            QCOMPARE(pos[c.id], *c.position);
        } else {
            QVERIFY(std::fmod(pos[c.id].x(), 20) == 0 && std::fmod(pos[c.id].y(), 20) == 0);
        }
    }
    const QString overlap = overlapOf(pos);
    QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
    QCOMPARE(autoLayout(d, Catalog::builtin(), true), pos);

    // Everything placed: nothing moves.
    for (Component &c : d.components)
        c.position = QPointF(double(&c - d.components.data()) * 13.0, 1.0);
    const QHash<QString, QPointF> same = autoLayout(d, Catalog::builtin(), true);
    for (const Component &c : d.components)
        QCOMPARE(same[c.id], *c.position);
}

void tst_AutoLayout::onlyMissingPlacesNextToNeighbours()
{
    DiagramData d;
    d.components.push_back(component(QStringLiteral("api"), QStringLiteral("apigateway-http"), QPointF(1000, 1000)));
    d.components.push_back(component(QStringLiteral("fn"), QStringLiteral("lambda-function")));
    d.components.push_back(component(QStringLiteral("table"), QStringLiteral("dynamodb-table")));
    d.components.push_back(component(QStringLiteral("alone"), QStringLiteral("sqs-queue")));
    d.connections.push_back(connection(QStringLiteral("api"), QStringLiteral("fn"), QStringLiteral("trigger")));
    d.connections.push_back(connection(QStringLiteral("fn"), QStringLiteral("table"), QStringLiteral("access")));
    const QHash<QString, QPointF> pos = autoLayout(d, Catalog::builtin(), true);
    QCOMPARE(pos[QStringLiteral("api")], QPointF(1000, 1000));
    QVERIFY(pos[QStringLiteral("fn")].x() > 1000 && pos[QStringLiteral("fn")].x() < 1000 + 700);
    QVERIFY(std::abs(pos[QStringLiteral("fn")].y() - 1000) <= 200);
    QVERIFY(pos[QStringLiteral("table")].x() > pos[QStringLiteral("fn")].x());
    const QString overlap = overlapOf(pos);
    QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
}

void tst_AutoLayout::emptyAndSingle()
{
    QVERIFY(autoLayout(DiagramData{}, Catalog::builtin()).isEmpty());
    QVERIFY(autoLayout(DiagramData{}, Catalog::builtin(), true).isEmpty());
    DiagramData d;
    d.components.push_back(component(QStringLiteral("fn"), QStringLiteral("lambda-function")));
    const AutoLayoutResult r = autoLayoutWithReport(d, Catalog::builtin());
    QVERIFY2(r.usedGraphviz, qPrintable(r.message));
    QCOMPARE(r.positions.size(), 1);
    QCOMPARE(r.positions[QStringLiteral("fn")], QPointF(0, 0));
}

void tst_AutoLayout::disconnectedCyclesUnknownKinds()
{
    DiagramData d;
    d.components.push_back(component(QStringLiteral("f1"), QStringLiteral("lambda-function")));
    d.components.push_back(component(QStringLiteral("f2"), QStringLiteral("lambda-function")));
    d.components.push_back(component(QStringLiteral("weird"), QStringLiteral("no-such-kind")));
    d.components.push_back(component(QStringLiteral("lone-topic"), QStringLiteral("sns-topic")));
    d.components.push_back(component(QStringLiteral("lone-fn"), QStringLiteral("lambda-function")));
    d.components.push_back(component(QStringLiteral("lone-bus"), QStringLiteral("eventbridge-bus")));
    // A cycle of destinations, a self loop and a connection to a missing component.
    d.connections.push_back(connection(QStringLiteral("f1"), QStringLiteral("f2"), QStringLiteral("on-success")));
    d.connections.push_back(connection(QStringLiteral("f2"), QStringLiteral("f1"), QStringLiteral("on-failure")));
    d.connections.push_back(connection(QStringLiteral("f1"), QStringLiteral("f1"), QStringLiteral("on-failure")));
    d.connections.push_back(connection(QStringLiteral("weird"), QStringLiteral("f2"), QStringLiteral("trigger")));
    d.connections.push_back(connection(QStringLiteral("f2"), QStringLiteral("ghost"), QStringLiteral("access")));
    const AutoLayoutResult r = autoLayoutWithReport(d, Catalog::builtin());
    QVERIFY2(r.usedGraphviz, qPrintable(r.message));
    checkBasics(d, r.positions);
    QVERIFY(r.positions[QStringLiteral("weird")].x() < r.positions[QStringLiteral("f2")].x());
    // Unconnected cards sit in their lanes: trigger kinds, then functions, then destinations.
    QVERIFY(r.positions[QStringLiteral("lone-topic")].x() < r.positions[QStringLiteral("lone-fn")].x());
    QVERIFY(r.positions[QStringLiteral("lone-fn")].x() < r.positions[QStringLiteral("lone-bus")].x());
    QCOMPARE(autoLayout(d, Catalog::builtin()), r.positions);
}

void tst_AutoLayout::large()
{
    const DiagramData d = synthetic();
    QCOMPARE(d.components.size(), size_t(500));
    QElapsedTimer timer;
    timer.start();
    const AutoLayoutResult r = autoLayoutWithReport(d, Catalog::builtin());
    qInfo("500 components: %lld ms", qlonglong(timer.elapsed()));
    QVERIFY2(r.usedGraphviz, qPrintable(r.message));
    checkBasics(d, r.positions);
    for (const Connection &c : d.connections)
        if (c.role == u"trigger")
            QVERIFY(r.positions[c.from].x() < r.positions[c.to].x());
}

QTEST_GUILESS_MAIN(tst_AutoLayout)
#include "tst_autolayout.moc"

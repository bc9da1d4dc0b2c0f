// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/model/diagram.h>
#include <ui/canvas/canvasstyle.h>
#include <ui/canvas/componentitem.h>
#include <ui/canvas/connectionitem.h>
#include <ui/canvas/diagramscene.h>

#include <QFile>
#include <QtTest>

using namespace ew;

// The canvas's geometry: cards fit their titles, labels stay off cards, lines go round cards.
class tst_Canvas : public QObject
{
    Q_OBJECT
private slots:
    void cardsFitTheirTitles();
    void labelsStayOffCards_data();
    void labelsStayOffCards();
    void linesGoRoundCards();
    void failureLineGoesRoundTheFunction();

private:
    static bool load(core::Diagram &diagram, const QByteArray &text);
    static QByteArray example(const QString &name);
    static QList<QRectF> cards(const ui::DiagramScene &scene, const core::Diagram &diagram);
    static bool crosses(const QPolygonF &route, const QRectF &card);
};

bool tst_Canvas::load(core::Diagram &diagram, const QByteArray &text)
{
    const core::ProjectLoadResult loaded = core::ProjectSerializer::load(text);
    if (!loaded.ok())
        return false;
    diagram.reset(*loaded.data);
    return true;
}

QByteArray tst_Canvas::example(const QString &name)
{
    QFile f(QStringLiteral(EW_SOURCE_DIR "/examples/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<QRectF> tst_Canvas::cards(const ui::DiagramScene &scene, const core::Diagram &diagram)
{
    QList<QRectF> out;
    for (const core::Component &c : diagram.components()) {
        const ui::ComponentItem *item = scene.componentItem(c.id);
        out << QRectF(item->pos(), item->cardSize());
    }
    return out;
}

// True when a segment of the route passes through the card's inside (sampled every 2 px).
bool tst_Canvas::crosses(const QPolygonF &route, const QRectF &card)
{
    const QRectF inside = card.adjusted(2, 2, -2, -2);
    for (int i = 1; i < route.size(); ++i) {
        const QLineF s(route.at(i - 1), route.at(i));
        const int steps = std::max(1, int(s.length() / 2));
        for (int k = 0; k <= steps; ++k) {
            if (inside.contains(s.pointAt(qreal(k) / steps)))
                return true;
        }
    }
    return false;
}

void tst_Canvas::cardsFitTheirTitles()
{
    core::Diagram diagram;
    ui::DiagramScene scene(diagram, core::Catalog::builtin());
    QVERIFY(load(diagram, "eventwright: 1\ncomponents:\n"
                          "  - id: dlq\n    kind: sqs-queue\n    label: Orders dead-letter queue\n    at: [0, 0]\n"
                          "  - id: producer\n    kind: lambda-function\n    label: LambdaProducerFunction\n    at: [0, 200]\n"
                          "  - id: q\n    kind: sqs-queue\n    label: Jobs\n    at: [0, 400]\n"
                          "  - id: long\n    kind: sqs-queue\n    label: A queue whose name is far too long for any card at all\n"
                          "    at: [0, 600]\n"));
    const ui::ComponentItem *dlq = scene.componentItem(QStringLiteral("dlq"));
    QCOMPARE(dlq->shownTitle(), QStringLiteral("Orders dead-letter queue"));
    QVERIFY(dlq->cardSize().width() > ui::CanvasStyle::CardWidth);
    QCOMPARE(scene.componentItem(QStringLiteral("producer"))->shownTitle(),
             QStringLiteral("LambdaProducerFunction"));
    // A short title keeps the usual width; a very long one stops at the widest card, elided,
    // with the whole name in the tooltip.
    QCOMPARE(scene.componentItem(QStringLiteral("q"))->cardSize().width(), ui::CanvasStyle::CardWidth);
    const ui::ComponentItem *longOne = scene.componentItem(QStringLiteral("long"));
    QCOMPARE(longOne->cardSize().width(), ui::CanvasStyle::MaxCardWidth);
    QVERIFY(longOne->shownTitle().endsWith(QChar(0x2026)));
    QVERIFY(longOne->toolTip().contains(QStringLiteral("far too long for any card at all")));
    // The handle sits on the wider card's right edge.
    QCOMPARE(dlq->handleSceneRect().center().x(), dlq->pos().x() + dlq->cardSize().width());
}

void tst_Canvas::labelsStayOffCards_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {"kinesis-analytics.ew.yaml", "http-api-queue-processor.ew.yaml", "sns-fanout.ew.yaml",
                             "fifo-orders.ew.yaml", "msk-consumer.ew.yaml", "ddb-stream-notify.ew.yaml",
                             "rest-api-dynamodb.ew.yaml", "s3-thumbnails.ew.yaml"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_Canvas::labelsStayOffCards()
{
    QFETCH(QString, file);
    core::Diagram diagram;
    ui::DiagramScene scene(diagram, core::Catalog::builtin());
    QVERIFY(load(diagram, example(file)));
    const QList<QRectF> all = cards(scene, diagram);
    for (const core::Connection &c : diagram.connections()) {
        const QRectF label = scene.connectionItem(c.id)->labelRect();
        QVERIFY(!label.isEmpty());
        for (const QRectF &card : all)
            QVERIFY2(!card.intersects(label), qPrintable(QStringLiteral("%1 → %2").arg(c.from, c.to)));
    }
}

void tst_Canvas::linesGoRoundCards()
{
    // Three cards in a row: the queue's on-failure line from the left function to the queue on
    // the right must not run through the middle card.
    core::Diagram diagram;
    ui::DiagramScene scene(diagram, core::Catalog::builtin());
    QVERIFY(load(diagram, "eventwright: 1\ncomponents:\n"
                          "  - id: topic\n    kind: sns-topic\n    at: [0, 0]\n"
                          "  - id: fn\n    kind: lambda-function\n    at: [300, 0]\n"
                          "  - id: middle\n    kind: lambda-function\n    at: [600, 0]\n"
                          "  - id: failed\n    kind: sqs-queue\n    at: [900, 10]\n"
                          "connections:\n"
                          "  - from: topic\n    to: fn\n    role: trigger\n"
                          "  - from: fn\n    to: failed\n    role: on-failure\n"));
    const QRectF middle(scene.componentItem(QStringLiteral("middle"))->pos(),
                        scene.componentItem(QStringLiteral("middle"))->cardSize());
    const core::Connection &failure = diagram.connections().back();
    const QPolygonF route = scene.connectionItem(failure.id)->route();
    QVERIFY2(route.size() > 2, "the line bends round the card in the way");
    QVERIFY(!crosses(route, middle));
    // It still starts on the function's card and ends on the queue's.
    const QRectF fn(scene.componentItem(QStringLiteral("fn"))->pos(), scene.componentItem(QStringLiteral("fn"))->cardSize());
    const QRectF failed(scene.componentItem(QStringLiteral("failed"))->pos(),
                        scene.componentItem(QStringLiteral("failed"))->cardSize());
    QVERIFY(fn.adjusted(-1, -1, 1, 1).contains(route.first()));
    QVERIFY(failed.adjusted(-1, -1, 1, 1).contains(route.last()));
    // A line with nothing in the way stays straight.
    QCOMPARE(scene.connectionItem(diagram.connections().front().id)->route().size(), 2);
    // The card in the way moves off: the line is straight again; moved back, it bends again.
    scene.componentItem(QStringLiteral("middle"))->setPos(600, 400);
    QCOMPARE(scene.connectionItem(failure.id)->route().size(), 2);
    scene.componentItem(QStringLiteral("middle"))->setPos(600, 0);
    QVERIFY(scene.connectionItem(failure.id)->route().size() > 2);
    QVERIFY(!crosses(scene.connectionItem(failure.id)->route(), middle));
}

void tst_Canvas::failureLineGoesRoundTheFunction()
{
    // The Kinesis example: the stream's OnFailure line starts on the trigger line and must not
    // run through the Lambda card's text.
    core::Diagram diagram;
    ui::DiagramScene scene(diagram, core::Catalog::builtin());
    QVERIFY(load(diagram, example(QStringLiteral("kinesis-analytics.ew.yaml"))));
    int checked = 0;
    for (const core::Connection &c : diagram.connections()) {
        const QPolygonF failure = scene.connectionItem(c.id)->failureRoute();
        if (failure.isEmpty())
            continue;
        ++checked;
        for (const core::Component &k : diagram.components()) {
            const ui::ComponentItem *item = scene.componentItem(k.id);
            if (QRectF(item->pos(), item->cardSize()).adjusted(-1, -1, 1, 1).contains(failure.last()))
                continue;   // the target
            QVERIFY2(!crosses(failure, QRectF(item->pos(), item->cardSize())), qPrintable(k.id));
        }
    }
    QVERIFY2(checked > 0, "the example has a stream OnFailure");
}

QTEST_MAIN(tst_Canvas)
#include "tst_canvas.moc"

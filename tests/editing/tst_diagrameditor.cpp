// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/editing/diagrameditor.h>
#include <core/io/projectserializer.h>
#include <core/simulation/workload.h>
#include <core/validation/quickfix.h>

#include <QUndoStack>
#include <QtTest>

#include <functional>

using namespace ew::core;
using ew::editing::DiagramEditor;

using Edit = std::function<void(DiagramEditor &)>;

static FixEdit ValidationContextStaleEdit()
{
    FixEdit e;
    e.kind = FixEdit::Kind::SetComponentProperty;
    e.componentId = QStringLiteral("gone");
    e.name = QStringLiteral("Timeout");
    e.value = Value::integer(5);
    return e;
}
Q_DECLARE_METATYPE(Edit)

class tst_DiagramEditor : public QObject
{
    Q_OBJECT
private slots:
    void undoRestoresBytes_data();
    void undoRestoresBytes();
    void typingMergesIntoOneStep();
    void nudgesMerge();
    void removeTakesAttachedConnections();
    void noOpEditsPushNothing();
    void quickFixIsOneUndoStep();
    void changeRoleKeepsTheConnection();
    void simulationSectionUndoRestoresBytes();
    void simulationTypingMerges();
};

static const char *Example = EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml";

static ConnectionId firstConnection(const Diagram &d, const QString &from, const QString &role)
{
    for (const Connection &c : d.connections()) {
        if (c.from == from && c.role == role)
            return c.id;
    }
    return 0;
}

void tst_DiagramEditor::undoRestoresBytes_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::newRow("add") << Edit([](DiagramEditor &e) {
        QCOMPARE(e.addComponent(QStringLiteral("sns-topic"), QPointF(40, 400)), QStringLiteral("sns-topic"));
    });
    QTest::newRow("change role") << Edit([](DiagramEditor &e) {
        const ConnectionId id = firstConnection(e.diagram(), QStringLiteral("ingest-order"), QStringLiteral("access"));
        QVERIFY(id);
        QVERIFY(e.setConnectionRole(id, QStringLiteral("on-failure")));
    });
    QTest::newRow("remove with connections") << Edit([](DiagramEditor &e) {
        const QString id = e.diagram().components().at(1).id;
        QVERIFY(!e.diagram().connectionsOf(id).empty());
        e.removeElements({id}, {});
        QVERIFY(!e.diagram().component(id));
    });
    QTest::newRow("connect") << Edit([](DiagramEditor &e) {
        const auto &cs = e.diagram().components();
        QVERIFY(e.connect(cs.front().id, cs.back().id, QStringLiteral("access")) != 0);
    });
    QTest::newRow("move") << Edit([](DiagramEditor &e) {
        e.moveComponents({{e.diagram().components().front().id, QPointF(500, 500)}});
    });
    QTest::newRow("rename") << Edit([](DiagramEditor &e) {
        e.renameComponent(e.diagram().components().front().id, QStringLiteral("Renamed thing"));
    });
    QTest::newRow("set component property (new)") << Edit([](DiagramEditor &e) {
        for (const Component &c : e.diagram().components()) {
            if (c.kind == u"lambda-function") {
                e.setComponentProperty(c.id, QStringLiteral("ReservedConcurrentExecutions"), Value::integer(5));
                return;
            }
        }
        QFAIL("no function");
    });
    QTest::newRow("remove component property keeps position on undo") << Edit([](DiagramEditor &e) {
        for (const Component &c : e.diagram().components()) {
            if (c.kind == u"lambda-function" && c.properties.entries().size() > 2) {
                e.setComponentProperty(c.id, c.properties.entries().front().key, std::nullopt);
                return;
            }
        }
        QFAIL("no function with properties");
    });
    QTest::newRow("set simulation value") << Edit([](DiagramEditor &e) {
        QVERIFY(e.setSimulationValue({QStringLiteral("functions"), QStringLiteral("ingest-order"),
                                      QStringLiteral("duration-ms")},
                                     Value::integer(250)));
    });
    QTest::newRow("set simulation section") << Edit([](DiagramEditor &e) {
        QVERIFY(e.setSimulationSection(Value::map({{QStringLiteral("seed"), Value::integer(42)}})));
    });
    QTest::newRow("set workload") << Edit([](DiagramEditor &e) {
        sim::Workload w;
        w.seed = 7;
        sim::FunctionBehaviour f;
        f.component = QStringLiteral("process-orders");
        f.throttle = sim::Window{10, 20};
        w.functions.push_back(f);
        QVERIFY(e.setWorkload(w));
        QVERIFY(ProjectSerializer::save(e.diagram().data())
                    .contains("    process-orders:\n      throttle:\n        start: 10\n        stop: 20\n"));
    });
    QTest::newRow("set connection property") << Edit([](DiagramEditor &e) {
        const ConnectionId id = firstConnection(e.diagram(), e.diagram().connections().front().from,
                                                e.diagram().connections().front().role);
        e.setConnectionProperty(id, QStringLiteral("TimeoutInMillis"), Value::integer(5000));
    });
}

void tst_DiagramEditor::undoRestoresBytes()
{
    QFETCH(Edit, edit);
    const ProjectLoadResult loaded = ProjectSerializer::loadFile(QString::fromUtf8(Example));
    QVERIFY(loaded.ok());
    Diagram diagram;
    diagram.reset(*loaded.data);
    DiagramEditor editor(diagram, Catalog::builtin());
    const QByteArray original = ProjectSerializer::save(diagram.data());

    edit(editor);
    QCOMPARE(editor.undoStack()->count(), 1);
    const QByteArray after = ProjectSerializer::save(diagram.data());
    QVERIFY(after != original);

    editor.undoStack()->undo();
    QCOMPARE(ProjectSerializer::save(diagram.data()), original);
    editor.undoStack()->redo();
    QCOMPARE(ProjectSerializer::save(diagram.data()), after);
    editor.undoStack()->undo();
    QCOMPARE(ProjectSerializer::save(diagram.data()), original);
}

// A new role in place: same id and place in the list, properties the new role lacks dropped
// (and back on undo); a role the catalog does not offer between the kinds is refused.
void tst_DiagramEditor::changeRoleKeepsTheConnection()
{
    const ProjectLoadResult loaded = ProjectSerializer::loadFile(QString::fromUtf8(Example));
    QVERIFY(loaded.ok());
    Diagram diagram;
    diagram.reset(*loaded.data);
    DiagramEditor editor(diagram, Catalog::builtin());
    const ConnectionId id = firstConnection(diagram, QStringLiteral("ingest-order"), QStringLiteral("access"));
    QVERIFY(id);
    const int index = diagram.connectionIndex(id);
    const Connection before = *diagram.connection(id);
    QVERIFY(editor.setConnectionRole(id, QStringLiteral("on-failure")));
    QCOMPARE(editor.undoStack()->count(), 1);
    QVERIFY(diagram.connection(id));
    QCOMPARE(diagram.connectionIndex(id), index);
    QCOMPARE(diagram.connection(id)->role, QStringLiteral("on-failure"));
    QCOMPARE(diagram.connection(id)->from, before.from);
    if (!before.properties.entries().empty())
        QVERIFY(!diagram.connection(id)->properties.find(QStringLiteral("Access")));
    editor.undoStack()->undo();
    QCOMPARE(*diagram.connection(id), before);
    // The same role, and a role a function cannot take towards a queue (trigger), change nothing.
    QVERIFY(!editor.setConnectionRole(id, QStringLiteral("access")));
    QVERIFY(!editor.setConnectionRole(id, QStringLiteral("trigger")));
    QCOMPARE(editor.undoStack()->index(), 0);
}

void tst_DiagramEditor::typingMergesIntoOneStep()
{
    Diagram diagram;
    DiagramEditor editor(diagram, Catalog::builtin());
    const QString id = editor.addComponent(QStringLiteral("lambda-function"), {});
    for (const char *text : {"i", "in", "ind", "index.handler"})
        editor.setComponentProperty(id, QStringLiteral("Handler"), Value::string(QString::fromLatin1(text)), true);
    QCOMPARE(editor.undoStack()->count(), 2);
    QCOMPARE(diagram.component(id)->properties.find(QStringLiteral("Handler"))->text(),
             QStringLiteral("index.handler"));
    editor.undoStack()->undo();
    QVERIFY(!diagram.component(id)->properties.find(QStringLiteral("Handler")));
}

void tst_DiagramEditor::nudgesMerge()
{
    Diagram diagram;
    DiagramEditor editor(diagram, Catalog::builtin());
    const QString id = editor.addComponent(QStringLiteral("sqs-queue"), QPointF(0, 0));
    for (int i = 1; i <= 3; ++i)
        editor.moveComponents({{id, QPointF(20 * i, 0)}}, true);
    QCOMPARE(editor.undoStack()->count(), 2);
    editor.undoStack()->undo();
    QCOMPARE(*diagram.component(id)->position, QPointF(0, 0));
}

void tst_DiagramEditor::removeTakesAttachedConnections()
{
    Diagram diagram;
    DiagramEditor editor(diagram, Catalog::builtin());
    const QString q = editor.addComponent(QStringLiteral("sqs-queue"), {});
    const QString f = editor.addComponent(QStringLiteral("lambda-function"), {});
    const ConnectionId c = editor.connect(q, f, QStringLiteral("trigger"));
    editor.removeElements({q}, {});
    QVERIFY(!diagram.connection(c));
    QCOMPARE(diagram.connections().size(), size_t(0));
    editor.undoStack()->undo();
    QVERIFY(diagram.connection(c));   // the same id comes back
    QCOMPARE(diagram.connection(c)->from, q);
}

void tst_DiagramEditor::noOpEditsPushNothing()
{
    Diagram diagram;
    DiagramEditor editor(diagram, Catalog::builtin());
    const QString id = editor.addComponent(QStringLiteral("sqs-queue"), QPointF(10, 10));
    editor.moveComponents({{id, QPointF(10, 10)}});
    editor.renameComponent(id, QString());
    editor.setComponentProperty(id, QStringLiteral("DelaySeconds"), std::nullopt);
    editor.removeElements({QStringLiteral("ghost")}, {});
    QCOMPARE(editor.addComponent(QStringLiteral("no-such-kind"), {}), QString());
    QCOMPARE(editor.undoStack()->count(), 1);
}

void tst_DiagramEditor::quickFixIsOneUndoStep()
{
    Diagram diagram;
    DiagramEditor editor(diagram, Catalog::builtin());
    const QString q = editor.addComponent(QStringLiteral("sqs-queue"), {});
    const QString f = editor.addComponent(QStringLiteral("lambda-function"), {});
    editor.connect(q, f, QStringLiteral("trigger"));
    const QByteArray before = ProjectSerializer::save(diagram.data());
    const int steps = editor.undoStack()->count();

    QuickFix fix;
    fix.text = QStringLiteral("Add a dead-letter queue");
    FixEdit add;
    add.kind = FixEdit::Kind::AddComponent;
    add.componentId = QStringLiteral("sqs-queue-dlq");
    add.kindId = QStringLiteral("sqs-queue");
    FixEdit link;
    link.kind = FixEdit::Kind::AddConnection;
    link.from = q;
    link.to = add.componentId;
    link.role = QStringLiteral("dead-letter");
    link.properties.set(QStringLiteral("maxReceiveCount"), Value::integer(5));
    FixEdit batch;
    batch.kind = FixEdit::Kind::SetConnectionProperty;
    batch.connectionIndex = 0;
    batch.name = QStringLiteral("BatchSize");
    batch.value = Value::integer(5);
    fix.edits = {add, link, batch};

    QVERIFY(editor.applyQuickFix(fix));
    QCOMPARE(editor.undoStack()->count(), steps + 1);
    QCOMPARE(diagram.connections().size(), size_t(2));
    QCOMPARE(diagram.connections().front().properties.find(QStringLiteral("BatchSize"))->text(), QStringLiteral("5"));
    const QByteArray after = ProjectSerializer::save(diagram.data());
    editor.undoStack()->undo();
    QCOMPARE(ProjectSerializer::save(diagram.data()), before);
    editor.undoStack()->redo();
    QCOMPARE(ProjectSerializer::save(diagram.data()), after);

    // A stale fix (its component is gone) changes nothing.
    FixEdit stale = ValidationContextStaleEdit();
    QuickFix staleFix{QStringLiteral("stale"), true, {stale}};
    QVERIFY(!editor.applyQuickFix(staleFix));
    QCOMPARE(ProjectSerializer::save(diagram.data()), after);

    // A fix adding a kind the catalog does not know is refused whole, by the editor and by
    // `validate --fix` alike (one interpreter, planQuickFix).
    FixEdit unknown;
    unknown.kind = FixEdit::Kind::AddComponent;
    unknown.componentId = QStringLiteral("mystery");
    unknown.kindId = QStringLiteral("no-such-kind");
    const QuickFix unknownFix{QStringLiteral("unknown"), true, {batch, unknown}};
    QVERIFY(!editor.applyQuickFix(unknownFix));
    QCOMPARE(ProjectSerializer::save(diagram.data()), after);
    DiagramData plain = diagram.data();
    QVERIFY(!applyQuickFix(plain, unknownFix, Catalog::builtin()));
    QCOMPARE(ProjectSerializer::save(plain), after);
}

static QByteArray bytes(const Diagram &d)
{
    return ProjectSerializer::save(d.data());
}

// The section as one undo step: made at the end of the file when there was none (undo: no
// section at all), edited in place when there is one (after it, another unknown key stays
// after it), and gone with its last key.
void tst_DiagramEditor::simulationSectionUndoRestoresBytes()
{
    ProjectLoadResult loaded = ProjectSerializer::loadFile(QString::fromUtf8(Example));
    QVERIFY(loaded.ok());
    std::erase_if(loaded.data->extra, [](const MapEntry &e) { return e.key == u"simulation"; });
    Diagram diagram;
    diagram.reset(*loaded.data);
    DiagramEditor editor(diagram, Catalog::builtin());
    const QByteArray none = bytes(diagram);
    QVERIFY(!none.contains("simulation"));

    const QStringList durationMs = {QStringLiteral("functions"), QStringLiteral("worker"),
                                    QStringLiteral("duration-ms")};
    QVERIFY(editor.setSimulationValue(durationMs, Value::integer(200)));
    QCOMPARE(editor.undoStack()->count(), 1);
    const QByteArray one = bytes(diagram);
    // The sources a run without a section makes up are written with the first edit.
    QVERIFY2(one.endsWith("simulation:\n  sources:\n    orders-api:\n      count: 1\n"
                          "    orders-queue:\n      count: 1\n"
                          "  functions:\n    worker:\n      duration-ms: 200\n"),
             one.constData());
    QCOMPARE(one.left(none.size()), none);
    editor.undoStack()->undo();
    QCOMPARE(bytes(diagram), none);
    QVERIFY(!diagram.topLevel(QStringLiteral("simulation")));
    editor.undoStack()->redo();
    QCOMPARE(bytes(diagram), one);

    // Another unknown key after the section: edits keep the section where it is.
    diagram.setTopLevel(QStringLiteral("x-notes"), Value::string(QStringLiteral("kept")));
    const QByteArray withNotes = bytes(diagram);
    QVERIFY(withNotes.endsWith("x-notes: kept\n"));
    QVERIFY(editor.setSimulationValue({QStringLiteral("seed")}, Value::integer(9)));
    QVERIFY(editor.setSimulationValue(durationMs, Value::integer(300)));
    const QByteArray edited = bytes(diagram);
    QVERIFY(edited.endsWith("x-notes: kept\n"));
    QVERIFY2(edited.contains("  functions:\n    worker:\n      duration-ms: 300\n"
                             "  seed: 9\nx-notes: kept\n"),
             edited.constData());

    // Removing keys: empty maps go, and the section goes when it is back to saying what no
    // section says; undo brings each back at its place.
    QVERIFY(editor.setSimulationValue(durationMs, std::nullopt));
    QVERIFY(!bytes(diagram).contains("functions"));
    QVERIFY(editor.setSimulationValue({QStringLiteral("seed")}, std::nullopt));
    QCOMPARE(bytes(diagram).mid(none.size()), QByteArray("x-notes: kept\n"));
    QCOMPARE(bytes(diagram), none + "x-notes: kept\n");
    QVERIFY(!editor.setSimulationValue({QStringLiteral("seed")}, std::nullopt)); // no change
    editor.undoStack()->undo();
    editor.undoStack()->undo();
    QCOMPARE(bytes(diagram), edited);
    editor.undoStack()->undo();
    editor.undoStack()->undo();
    QCOMPARE(bytes(diagram), withNotes);
}

void tst_DiagramEditor::simulationTypingMerges()
{
    Diagram diagram; // no trigger sources: no made-up sources either
    DiagramEditor editor(diagram, Catalog::builtin());
    const QByteArray before = bytes(diagram);
    const QStringList path = {QStringLiteral("duration")};
    for (int v : {3, 30, 300})
        editor.setSimulationValue(path, Value::integer(v), true);
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(editor.simulationValue(path)->text(), QStringLiteral("300"));
    // Typing back to where it started leaves no step.
    editor.setSimulationValue(path, std::nullopt, true);
    QCOMPARE(editor.undoStack()->count(), 0);
    QCOMPARE(bytes(diagram), before);
    // An edit of another field does not merge.
    editor.setSimulationValue(path, Value::integer(5), true);
    editor.setSimulationValue({QStringLiteral("seed")}, Value::integer(5), true);
    QCOMPARE(editor.undoStack()->count(), 2);
}

QTEST_GUILESS_MAIN(tst_DiagramEditor)
#include "tst_diagrameditor.moc"

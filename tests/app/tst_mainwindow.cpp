// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <app/documentcontroller.h>
#include <app/mainwindow.h>
#include <core/editing/diagrameditor.h>
#include <core/io/projectserializer.h>
#include <core/validation/connectionverdict.h>
#include <ui/canvas/canvasstyle.h>
#include <ui/canvas/componentitem.h>
#include <ui/canvas/connectionitem.h>
#include <ui/canvas/diagramscene.h>
#include <ui/canvas/diagramview.h>
#include <ui/mimetypes.h>
#include <ui/panels/codehighlighter.h>
#include <ui/panels/codeviewpanel.h>
#include <ui/panels/problemspanel.h>
#include <ui/panels/propertiespanel.h>

#include <QCompleter>
#include <QDockWidget>
#include <QLineEdit>
#include <QMimeData>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

using ew::app::DocumentController;
using ew::app::MainWindow;
using namespace ew;

// Drives the real window and view (offscreen) and asserts on the model.
class tst_MainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void showsAProject();
    void brokenFileKeepsDocument();
    void dropFromPaletteCreatesComponent();
    void dragConnectsWithTheOnlyRole();
    void dragOffersRolesWhenSeveralFit();
    void invalidDragIsRefusedWithReason();
    void dragShowsTheVerdictNextToTheCursor();
    void roleMenuExplainsEachRole();
    void cardsWithoutPositionsDoNotStack();
    void moveIsOneUndoStep();
    void deleteCopyPaste();
    void problemsPanelSelectsAndFixes();
    void saveAndReopen();
    void recoveryAfterCrash();
    void openTemplateAndTidy();
    void highlighterFormatsCode_data();
    void highlighterFormatsCode();
    void highlighterStaysReadableInDarkMode();
    void codeTabsAreHighlighted();
    void firstStartFitsTheScreen();
    void docksHaveUsefulFirstSizes();
    void windowStateIsSavedAndRestored();

private:
    static void openExample(MainWindow &w, const char *name);
    static QPoint viewPoint(MainWindow &w, const QPointF &scenePos);
    static QPointF handleOf(MainWindow &w, const QString &id);
    static QPointF centreOf(MainWindow &w, const QString &id);
    static void drag(MainWindow &w, const QPointF &from, const QPointF &to);
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(DocumentController::recoveryDirectory()).removeRecursively();
    // Settings (window layout, recent files) go to a temporary folder, never the user's.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
}

void tst_MainWindow::init()
{
    // Each test starts like a first start: no saved window geometry or dock layout.
    QSettings().remove(QStringLiteral("window"));
}

void tst_MainWindow::openExample(MainWindow &w, const char *name)
{
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/") + QLatin1String(name)));
    w.resize(1440, 900);   // larger than the offscreen screen, which a first start fits into
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.view()->setZoom(1.0);
    w.view()->centerOn(w.scene()->contentsRect().center());
}

QPoint tst_MainWindow::viewPoint(MainWindow &w, const QPointF &scenePos)
{
    return w.view()->mapFromScene(scenePos);
}

QPointF tst_MainWindow::handleOf(MainWindow &w, const QString &id)
{
    return w.scene()->componentItem(id)->handleSceneRect().center();
}

QPointF tst_MainWindow::centreOf(MainWindow &w, const QString &id)
{
    return w.scene()->componentItem(id)->sceneBoundingRect().center();
}

void tst_MainWindow::drag(MainWindow &w, const QPointF &from, const QPointF &to)
{
    QWidget *vp = w.view()->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, viewPoint(w, from));
    QTest::mouseMove(vp, viewPoint(w, (from + to) / 2));
    QTest::mouseMove(vp, viewPoint(w, to));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, viewPoint(w, to));
}

void tst_MainWindow::showsAProject()
{
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml")));
    w.resize(1440, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const auto &d = w.diagram();
    QVERIFY(d.components().size() >= 5);
    QCOMPARE(w.scene()->componentItemCount(), int(d.components().size()));
    QCOMPARE(w.scene()->connectionItemCount(), int(d.connections().size()));
    for (const auto &c : d.components())
        QCOMPARE(w.scene()->componentItem(c.id)->pos(), *c.position);
    // Zoom to fit uses the window's real size (not the default size before it is shown).
    QVERIFY2(w.view()->zoom() > 0.45, qPrintable(QString::number(w.view()->zoom())));
    const QRect viewport = w.view()->viewport()->rect();
    for (const auto &c : d.components()) {
        const QRect onScreen = w.view()->mapFromScene(w.scene()->componentItem(c.id)->sceneBoundingRect()).boundingRect();
        QVERIFY2(viewport.contains(onScreen), qPrintable(c.id));
    }
    QVERIFY(w.windowTitle().contains(QStringLiteral("http-api-queue-processor.ew.yaml")));
    QCOMPARE(w.problemsPanel()->list()->topLevelItemCount(), 0);

    // Selecting a card shows it in the properties panel; Runtime offers the current runtimes.
    w.scene()->selectComponent(QStringLiteral("process-orders"));
    auto *runtime = w.propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("prop_Runtime"));
    QVERIFY(runtime);
    QCOMPARE(runtime->text(), QStringLiteral("nodejs24.x"));
    QVERIFY(runtime->completer());
    QVERIFY(runtime->completer()->model()->rowCount() >= 10);

    // scripts/screenshots sets this to refresh the README's picture of the real window.
    const QString shots = qEnvironmentVariable("EW_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        w.scene()->selectComponent(QStringLiteral("process-orders"));
        QApplication::processEvents();
        QVERIFY(w.grab().save(shots + QStringLiteral("/main-window.png")));
    }
}

void tst_MainWindow::brokenFileKeepsDocument()
{
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml")));
    const size_t before = w.diagram().components().size();
    QVERIFY(!w.openFile(QStringLiteral("/nonexistent/missing.ew.yaml")));
    QVERIFY(w.lastError().contains(QStringLiteral("no such file")));
    QCOMPARE(w.diagram().components().size(), before);
}

void tst_MainWindow::dropFromPaletteCreatesComponent()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    const size_t before = w.diagram().components().size();
    QMimeData mime;
    mime.setData(ui::componentKindMimeType(), "sqs-queue");
    const QPointF scenePos(700, 500);
    const QPoint at = viewPoint(w, scenePos);
    QWidget *vp = w.view()->viewport();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &move);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &drop);
    QCOMPARE(w.diagram().components().size(), before + 1);
    const core::Component &added = w.diagram().components().back();
    QCOMPARE(added.kind, QStringLiteral("sqs-queue"));
    QCOMPARE(added.id, QStringLiteral("sqs-queue"));
    // Dropped centred on the cursor and snapped to the grid.
    QCOMPARE(*added.position, ui::DiagramScene::snapped(scenePos - QPointF(ui::CanvasStyle::CardWidth / 2, ui::CanvasStyle::CardHeight / 2)));
    QCOMPARE(w.editor()->undoStack()->count(), 1);
    w.editor()->undoStack()->undo();
    QCOMPARE(w.diagram().components().size(), before);
}

void tst_MainWindow::dragConnectsWithTheOnlyRole()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    QVERIFY(w.editor()->addComponent(QStringLiteral("dynamodb-table"), QPointF(600, 0)) == QStringLiteral("dynamodb-table"));
    const size_t before = w.diagram().connections().size();
    drag(w, handleOf(w, QStringLiteral("handle-order")), centreOf(w, QStringLiteral("dynamodb-table")));
    QCOMPARE(w.diagram().connections().size(), before + 1);
    const core::Connection &c = w.diagram().connections().back();
    QCOMPARE(c.from, QStringLiteral("handle-order"));
    QCOMPARE(c.to, QStringLiteral("dynamodb-table"));
    QCOMPARE(c.role, QStringLiteral("access"));
    QVERIFY(w.scene()->connectionItem(c.id));
}

void tst_MainWindow::dragOffersRolesWhenSeveralFit()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    QStringList offered;
    w.scene()->setRoleChooser([&](const QStringList &roles, const QPointF &) {
        offered = roles;
        return QStringLiteral("on-success");
    });
    w.editor()->addComponent(QStringLiteral("sqs-queue"), QPointF(600, 0));
    drag(w, handleOf(w, QStringLiteral("handle-order")), centreOf(w, QStringLiteral("sqs-queue")));
    QCOMPARE(offered, (QStringList{"on-success", "on-failure", "dead-letter", "access"}));
    QCOMPARE(w.diagram().connections().back().role, QStringLiteral("on-success"));
}

void tst_MainWindow::invalidDragIsRefusedWithReason()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    const size_t before = w.diagram().connections().size();
    w.scene()->setRoleChooser([](const QStringList &, const QPointF &) {
        return QString();   // a menu would block the test; none should be offered here
    });
    // A queue has no integration towards a topic: refused, with the reason in the status bar.
    drag(w, handleOf(w, QStringLiteral("commerce-events-dlq")), centreOf(w, QStringLiteral("commerce-events")));
    QCOMPARE(w.diagram().connections().size(), before);
    QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("no integration")),
             qPrintable(w.statusBar()->currentMessage()));
}

void tst_MainWindow::dragShowsTheVerdictNextToTheCursor()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    w.editor()->addComponent(QStringLiteral("dynamodb-table"), QPointF(600, 0));
    w.editor()->addComponent(QStringLiteral("eventbridge-schedule"), QPointF(600, 320));
    w.scene()->setRoleChooser([](const QStringList &, const QPointF &) { return QString(); });
    QWidget *vp = w.view()->viewport();
    auto verdict = [&](const char *from, const char *to) {
        return core::checkConnection(w.diagram().data(), w.scene()->catalog(), QLatin1String(from), QLatin1String(to));
    };

    // Over a card that fits: the reason next to the cursor, green, unaffected by the zoom.
    const QPointF from = handleOf(w, QStringLiteral("handle-order"));
    QTest::mousePress(vp, Qt::LeftButton, {}, viewPoint(w, from));
    QVERIFY(!w.scene()->verdictLabel() || !w.scene()->verdictLabel()->isVisible());
    const QPointF table = centreOf(w, QStringLiteral("dynamodb-table"));
    QTest::mouseMove(vp, viewPoint(w, (from + table) / 2));
    QTest::mouseMove(vp, viewPoint(w, table));
    const core::ConnectionVerdict allowed = verdict("handle-order", "dynamodb-table");
    QVERIFY(allowed.allowed);
    QVERIFY(w.scene()->verdictLabel());
    QVERIFY(w.scene()->verdictLabel()->isVisible());
    QCOMPARE(w.scene()->verdictLabel()->toPlainText(), allowed.reason);
    QCOMPARE(w.scene()->verdictLabel()->fill(), ui::CanvasStyle::verdictColor(true));
    QVERIFY(w.scene()->verdictLabel()->flags() & QGraphicsItem::ItemIgnoresTransformations);
    // Anchored at the cursor, offset from it (in pixels) and inside the viewport.
    const QPointF cursor = w.view()->mapToScene(viewPoint(w, table));
    QVERIFY((w.scene()->verdictLabel()->pos() - cursor).manhattanLength() <= 2);
    const QRect onScreen = w.view()->mapFromScene(w.scene()->verdictLabel()->sceneBoundingRect()).boundingRect();
    QVERIFY2(!onScreen.adjusted(-8, -8, 8, 8).contains(viewPoint(w, table)), qPrintable(QString::number(onScreen.left())));
    QVERIFY2(vp->rect().contains(onScreen), qPrintable(QString::number(onScreen.left())));

    // Over a card that does not fit: the refusal's reason, red.
    const QPointF schedule = centreOf(w, QStringLiteral("eventbridge-schedule"));
    QTest::mouseMove(vp, viewPoint(w, schedule));
    const core::ConnectionVerdict refused = verdict("handle-order", "eventbridge-schedule");
    QVERIFY(!refused.allowed);
    QVERIFY(w.scene()->verdictLabel()->isVisible());
    QCOMPARE(w.scene()->verdictLabel()->toPlainText(), refused.reason);
    QCOMPARE(w.scene()->verdictLabel()->fill(), ui::CanvasStyle::verdictColor(false));

    // Over empty canvas: no verdict, no label; released: gone.
    const QPointF empty(table.x(), table.y() + 400);
    QVERIFY(!w.scene()->itemAt(empty, w.view()->transform()));
    QTest::mouseMove(vp, viewPoint(w, empty));
    QVERIFY(!w.scene()->verdictLabel()->isVisible());
    QTest::mouseMove(vp, viewPoint(w, table));
    QVERIFY(w.scene()->verdictLabel()->isVisible());
    QTest::mouseRelease(vp, Qt::LeftButton, {}, viewPoint(w, table));
    QVERIFY(!w.scene()->verdictLabel());
    QCOMPARE(w.diagram().connections().back().role, QStringLiteral("access"));
}

void tst_MainWindow::roleMenuExplainsEachRole()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    w.editor()->addComponent(QStringLiteral("sqs-queue"), QPointF(600, 0));
    const core::Catalog &catalog = w.scene()->catalog();
    // No chooser set: the real menu. It is read and answered from inside its own event loop.
    QStringList texts;
    QStringList data;
    QTimer answer;
    answer.setInterval(10);
    connect(&answer, &QTimer::timeout, &w, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        answer.stop();
        for (QAction *a : menu->actions()) {
            texts << a->text();
            data << a->data().toString();
            if (a->data().toString() == u"dead-letter")
                menu->setActiveAction(a);
        }
        QTest::keyClick(menu, Qt::Key_Return);
    });
    answer.start();
    drag(w, handleOf(w, QStringLiteral("handle-order")), centreOf(w, QStringLiteral("sqs-queue")));
    QVERIFY(!answer.isActive());
    QCOMPARE(data, (QStringList{"on-success", "on-failure", "dead-letter", "access"}));
    for (int i = 0; i < data.size(); ++i) {
        const core::RoleSpec *spec = catalog.roleSpec(QStringLiteral("lambda-function"), data[i]);
        QVERIFY(!spec->summary.isEmpty());
        QCOMPARE(texts[i], data[i] + QStringLiteral(" — ") + spec->summary);
    }
    QVERIFY(texts[1].contains(QStringLiteral("retries")));
    // The action's data, not its text, decides the role.
    QCOMPARE(w.diagram().connections().back().role, QStringLiteral("dead-letter"));
    QCOMPARE(w.diagram().connections().back().to, QStringLiteral("sqs-queue"));
}

void tst_MainWindow::cardsWithoutPositionsDoNotStack()
{
    // Found with the 10,000-card render of issue 10: every card without 'at' was drawn at
    // (0, 0), on top of each other, instead of in its grid slot below the placed ones.
    const core::ProjectLoadResult loaded = core::ProjectSerializer::load(
        "eventwright: 1\ncomponents:\n  - id: placed\n    kind: sqs-queue\n    at: [40, 40]\n"
        "  - id: a\n    kind: sqs-queue\n  - id: b\n    kind: lambda-function\n"
        "  - id: c\n    kind: lambda-function\n  - id: d\n    kind: sns-topic\n  - id: e\n    kind: s3-bucket\n");
    QVERIFY(loaded.ok());
    core::Diagram diagram;
    diagram.reset(*loaded.data);
    ui::DiagramScene scene(diagram, core::Catalog::builtin());
    QCOMPARE(scene.componentItem(QStringLiteral("placed"))->pos(), QPointF(40, 40));
    QList<QRectF> cards;
    for (const char *id : {"placed", "a", "b", "c", "d", "e"})
        cards << scene.componentItem(QLatin1String(id))->sceneBoundingRect();
    for (int i = 0; i < cards.size(); ++i) {
        for (int j = i + 1; j < cards.size(); ++j)
            QVERIFY2(!cards[i].intersects(cards[j]), qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
    }
    QVERIFY(scene.positionOf(QStringLiteral("a")).y() >= 600);   // below the placed cards
}

void tst_MainWindow::moveIsOneUndoStep()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    const QString id = QStringLiteral("handle-refund");
    const QPointF before = *w.diagram().component(id)->position;
    const QPointF grab = centreOf(w, id) + QPointF(-60, 0);
    drag(w, grab, grab + QPointF(93, 47));
    QCOMPARE(*w.diagram().component(id)->position, ui::DiagramScene::snapped(before + QPointF(93, 47)));
    QCOMPARE(w.editor()->undoStack()->count(), 1);
    w.editor()->undoStack()->undo();
    QCOMPARE(*w.diagram().component(id)->position, before);
    QCOMPARE(w.scene()->componentItem(id)->pos(), before);
    // Arrow keys nudge by a grid step; repeated nudges merge.
    w.scene()->selectComponent(id);
    w.view()->setFocus();
    QTest::keyClick(w.view()->viewport(), Qt::Key_Right);
    QTest::keyClick(w.view()->viewport(), Qt::Key_Right);
    QCOMPARE(*w.diagram().component(id)->position, before + QPointF(2 * ui::CanvasStyle::GridSize, 0));
}

void tst_MainWindow::deleteCopyPaste()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    const size_t components = w.diagram().components().size();
    const size_t connections = w.diagram().connections().size();
    // Delete a function: its connections go with it; undo restores them.
    w.scene()->selectComponent(QStringLiteral("handle-order"));
    w.scene()->deleteSelection();
    QCOMPARE(w.diagram().components().size(), components - 1);
    QVERIFY(w.diagram().connections().size() < connections);
    w.editor()->undoStack()->undo();
    QCOMPARE(w.diagram().connections().size(), connections);

    // Copy the topic and one function: paste gets new ids and keeps the connection between them.
    for (const char *id : {"commerce-events", "handle-order"})
        w.scene()->componentItem(QLatin1String(id))->setSelected(true);
    w.scene()->componentItem(QStringLiteral("handle-refund"))->setSelected(false);
    const QStringList pasted = w.scene()->pasteFragment(w.scene()->selectionFragment(), QPointF(40, 40));
    QCOMPARE(pasted, (QStringList{"commerce-events-2", "handle-order-2"}));
    bool linked = false;
    for (const core::Connection &c : w.diagram().connections())
        linked = linked || (c.from == u"commerce-events-2" && c.to == u"handle-order-2" && c.role == u"trigger");
    QVERIFY(linked);
    // One step for the whole paste (it replaced the undone delete on the stack).
    QCOMPARE(w.editor()->undoStack()->count(), 1);
    QCOMPARE(w.editor()->undoStack()->text(0), QStringLiteral("Paste 2 components"));
    w.editor()->undoStack()->undo();
    QCOMPARE(w.diagram().components().size(), components);
}

void tst_MainWindow::problemsPanelSelectsAndFixes()
{
    MainWindow w;
    openExample(w, "http-api-queue-processor.ew.yaml");
    // Break the queue's visibility timeout: ESM-SQS-003 with a quick fix appears.
    w.editor()->setComponentProperty(QStringLiteral("orders-queue"), QStringLiteral("VisibilityTimeout"),
                                     core::Value::integer(10));
    QTRY_VERIFY(!w.diagnostics().isEmpty());   // debounced revalidation
    int row = -1;
    for (int i = 0; i < w.diagnostics().size(); ++i) {
        if (w.diagnostics()[i].rule == u"ESM-SQS-003")
            row = i;
    }
    QVERIFY2(row >= 0, "ESM-SQS-003 expected");
    w.problemsPanel()->setCurrentRow(row);
    // Selecting the problem selects its connection in the canvas.
    QCOMPARE(w.scene()->selectedConnectionIds().size(), 1);
    QVERIFY(w.problemsPanel()->fixButton()->isEnabled());
    if (const QString shots = qEnvironmentVariable("EW_SCREENSHOT_DIR"); !shots.isEmpty()) {
        w.zoomToFit();
        QApplication::processEvents();
        QVERIFY(w.grab().save(shots + QStringLiteral("/problems.png")));
    }
    const int steps = w.editor()->undoStack()->count();
    w.problemsPanel()->fixButton()->click();
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    const core::Value *v = w.diagram().component(QStringLiteral("orders-queue"))->properties.find(QStringLiteral("VisibilityTimeout"));
    QVERIFY(v && v->toInteger().value_or(0) >= 30);
    for (const core::Diagnostic &d : w.diagnostics())
        QVERIFY(d.rule != u"ESM-SQS-003");
}

void tst_MainWindow::saveAndReopen()
{
    const QString path = m_dir.filePath(QStringLiteral("saved.ew.yaml"));
    QFile::copy(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"), path);
    {
        MainWindow w;
        QVERIFY(w.openFile(path));
        QVERIFY(!w.document()->isModified());
        w.editor()->addComponent(QStringLiteral("eventbridge-bus"), QPointF(900, 0));
        QVERIFY(w.document()->isModified());
        QVERIFY(w.isWindowModified());
        QVERIFY(w.document()->save());
        QVERIFY(!w.document()->isModified());
    }
    MainWindow again;
    QVERIFY(again.openFile(path));
    QVERIFY(again.diagram().component(QStringLiteral("eventbridge-bus")));
    QCOMPARE(*again.diagram().component(QStringLiteral("eventbridge-bus"))->position, QPointF(900, 0));
    // Discarding changes asks first; Cancel keeps the document.
    again.editor()->addComponent(QStringLiteral("sqs-queue"), QPointF(0, 900));
    int asked = 0;
    again.document()->setSaveQuestion([&](const QString &) {
        ++asked;
        return DocumentController::Answer::Cancel;
    });
    QVERIFY(!again.document()->newDocument());
    QCOMPARE(asked, 1);
    QVERIFY(again.diagram().component(QStringLiteral("sqs-queue")));
}

void tst_MainWindow::recoveryAfterCrash()
{
    const QString path = m_dir.filePath(QStringLiteral("crash.ew.yaml"));
    QFile::copy(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"), path);
    QByteArray expected;
    {
        auto *w = new MainWindow;
        QVERIFY(w->openFile(path));
        w->editor()->addComponent(QStringLiteral("kinesis-stream"), QPointF(0, 600));
        QVERIFY(w->document()->writeRecovery());   // what the 30 s timer does
        expected = core::ProjectSerializer::save(w->diagram().data());
        // Simulated crash: the window is never closed or destroyed cleanly.
        w->document()->setParent(nullptr);
        w->hide();
    }
    const QStringList pending = DocumentController::pendingRecoveries();
    QCOMPARE(pending.size(), 1);
    MainWindow next;
    QVERIFY(next.document()->recover(pending.first()));
    QCOMPARE(core::ProjectSerializer::save(next.diagram().data()), expected);
    QVERIFY(next.document()->isModified());
    QCOMPARE(next.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(DocumentController::pendingRecoveries().isEmpty());
    // The original file was never touched.
    QFile original(path);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QVERIFY(!original.readAll().contains("kinesis-stream"));
}

void tst_MainWindow::openTemplateAndTidy()
{
    MainWindow w;
    QVERIFY2(w.openFile(QStringLiteral(EW_SOURCE_DIR "/tests/data/orders-template.yaml")), qPrintable(w.lastError()));
    // A template opens as a new project: unsaved, no path (saving never overwrites it).
    QVERIFY(w.document()->filePath().isEmpty());
    QVERIFY(w.document()->isModified());
    QVERIFY(w.diagram().component(QStringLiteral("process-orders")));
    QVERIFY(w.importReport().contains(QStringLiteral("AWS::StepFunctions::StateMachine")));
    for (const auto &c : w.diagram().components())
        QVERIFY2(c.position.has_value(), qPrintable(c.id));   // laid out on import
    // Tidy layout: one undo step, no overlapping cards, the queue left of the function.
    const int steps = w.editor()->undoStack()->count();
    w.tidyLayout();
    QVERIFY(w.editor()->undoStack()->count() <= steps + 1);
    const auto &cs = w.diagram().components();
    for (size_t i = 0; i < cs.size(); ++i) {
        for (size_t j = i + 1; j < cs.size(); ++j) {
            const QRectF a(*cs[i].position, QSizeF(ui::CanvasStyle::CardWidth, ui::CanvasStyle::CardHeight));
            const QRectF b(*cs[j].position, QSizeF(ui::CanvasStyle::CardWidth, ui::CanvasStyle::CardHeight));
            QVERIFY2(!a.intersects(b), qPrintable(cs[i].id + QStringLiteral(" overlaps ") + cs[j].id));
        }
    }
    QVERIFY(w.diagram().component(QStringLiteral("orders-queue"))->position->x()
            < w.diagram().component(QStringLiteral("process-orders"))->position->x());
}

using Language = ui::CodeHighlighter::Language;
Q_DECLARE_METATYPE(ui::CodeHighlighter::Language)

// The format the highlighter gave the character at pos (an empty format when none).
static QTextCharFormat formatAt(const QTextDocument &doc, int pos)
{
    const QTextBlock block = doc.findBlock(pos);
    for (const QTextLayout::FormatRange &r : block.layout()->formats()) {
        const int at = pos - block.position();
        if (at >= r.start && at < r.start + r.length)
            return r.format;
    }
    return {};
}

void tst_MainWindow::highlighterFormatsCode_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("a");   // the text at the first position compared
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("different");
    // Positions are given by the (first) text they start, so the rows stay readable.
    QTest::newRow("yaml key/comment") << Language::Yaml << "Resources:  # the stack" << "Resources" << "# the" << true;
    QTest::newRow("yaml key/string") << Language::Yaml << "  Name: \"orders\"" << "Name" << "\"orders" << true;
    QTest::newRow("yaml key/number") << Language::Yaml << "    Timeout: 30" << "Timeout" << "30" << true;
    QTest::newRow("yaml tag/plain") << Language::Yaml << "  Value: !Ref Orders" << "!Ref" << "Orders" << true;
    QTest::newRow("yaml tag/key") << Language::Yaml << "  Value: !GetAtt Queue.Arn" << "!GetAtt" << "Value" << true;
    QTest::newRow("yaml list key") << Language::Yaml << "  - Effect: Allow" << "Effect" << "Allow" << true;
    QTest::newRow("yaml apostrophe is text") << Language::Yaml << "Description: Lambda's retries"
                                             << "Lambda" << "'s retries" << false;
    QTest::newRow("yaml hash in string") << Language::Yaml << "  Name: \"a # b\"" << "\"a" << "# b" << false;
    QTest::newRow("yaml block scalar") << Language::Yaml << "Code: |\n  print('# x')\nNext: 1"
                                       << "print" << "Code" << true;
    QTest::newRow("yaml after block scalar") << Language::Yaml << "Code: |\n  x\nNext: 1" << "Next" << "Code" << false;
    QTest::newRow("hcl block/label") << Language::Hcl << "resource \"aws_sqs_queue\" \"orders\" {"
                                     << "resource" << "\"aws_sqs_queue" << true;
    QTest::newRow("hcl attribute/comment") << Language::Hcl << "  name = \"x\" # note" << "name" << "# note" << true;
    QTest::newRow("hcl attribute/number") << Language::Hcl << "  timeout = 30" << "timeout" << "30" << true;
    QTest::newRow("hcl interpolation") << Language::Hcl << "  name = \"${var.prefix}-x\"" << "${var" << "-x" << true;
    QTest::newRow("hcl block comment") << Language::Hcl << "/* a\n b */ name = 1" << " b" << "/* a" << false;
    QTest::newRow("hcl slash comment") << Language::Hcl << "  x = 1 // why" << "// why" << "x" << true;
    QTest::newRow("mermaid keyword/id") << Language::Mermaid << "  subgraph sg_data[\"Data\"]" << "subgraph" << "sg_data" << true;
    QTest::newRow("mermaid arrow/id") << Language::Mermaid << "  a -.->|\"async\"| b" << "-.->" << "a -" << true;
    QTest::newRow("mermaid label/arrow") << Language::Mermaid << "  a -->|on failure| b" << "|on" << "-->" << true;
    QTest::newRow("mermaid comment/keyword") << Language::Mermaid << "end %% closes" << "%%" << "end" << true;
    QTest::newRow("mermaid sequence message") << Language::Mermaid << "    a->>lambda: invoke" << "->>" << " invoke" << true;
    QTest::newRow("markdown heading/keyword") << Language::Markdown << "# Title\n```mermaid\nsequenceDiagram\n```"
                                              << "# Title" << "sequenceDiagram" << true;
    QTest::newRow("markdown prose is plain") << Language::Markdown << "Note: this\n```mermaid\nNote over a: b\n```"
                                             << "Note: this" << "this" << false;
    QTest::newRow("markdown fenced mermaid") << Language::Markdown << "Note: this\n```mermaid\nNote over a: b\n```"
                                             << "Note over" << "Note: this" << true;
}

void tst_MainWindow::highlighterFormatsCode()
{
    QFETCH(Language, language);
    QFETCH(QString, text);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, different);
    QTextDocument doc;
    ui::CodeHighlighter highlighter(language, &doc);
    doc.setPlainText(text);
    highlighter.rehighlight();   // a new highlighter's first pass is queued otherwise
    const int pa = int(text.indexOf(a)), pb = int(text.indexOf(b));
    QVERIFY(pa >= 0 && pb >= 0);
    const QTextCharFormat fa = formatAt(doc, pa), fb = formatAt(doc, pb);
    if (different) {
        QVERIFY2(fa != fb, qPrintable(fa.foreground().color().name() + QLatin1Char(' ') + fb.foreground().color().name()));
        QVERIFY(fa != QTextCharFormat());
    } else {
        QCOMPARE(fa, fb);
    }
}

static qreal contrastRatio(const QColor &a, const QColor &b)
{
    auto lum = [](const QColor &c) {
        auto ch = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const qreal la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void tst_MainWindow::highlighterStaysReadableInDarkMode()
{
    using Token = ui::CodeHighlighter::Token;
    QTextDocument doc;
    ui::CodeHighlighter highlighter(Language::Yaml, &doc);
    doc.setPlainText(QStringLiteral("Resources: # c"));
    highlighter.rehighlight();
    for (const QColor base : {QColor(0x1e, 0x1e, 0x1e), QColor(Qt::white)}) {
        QPalette palette;
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::Text, base.lightness() < 128 ? QColor(0xdd, 0xdd, 0xdd) : QColor(Qt::black));
        highlighter.setPalette(palette);
        for (int t = 0; t < int(Token::Count); ++t) {
            const QColor c = highlighter.tokenFormat(Token(t)).foreground().color();
            QVERIFY2(contrastRatio(c, base) >= 3.5, qPrintable(QStringLiteral("token %1: %2 on %3").arg(t).arg(c.name(), base.name())));
        }
        // The document follows the new palette.
        QCOMPARE(formatAt(doc, 0).foreground().color(), highlighter.tokenFormat(Token::Key).foreground().color());
    }
}

void tst_MainWindow::codeTabsAreHighlighted()
{
    using Token = ui::CodeHighlighter::Token;
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml")));
    w.codeViewPanel()->refresh();
    QPlainTextEdit *sam = w.codeViewPanel()->editor(QStringLiteral("sam"));
    QVERIFY(sam);
    const QString samText = sam->toPlainText();
    const int resources = int(samText.indexOf(QStringLiteral("\nResources:"))) + 1;
    QVERIFY(resources > 0);
    auto *samHighlighter = w.codeViewPanel()->highlighter(QStringLiteral("sam"));
    QCOMPARE(formatAt(*sam->document(), resources), samHighlighter->tokenFormat(Token::Key));
    QPlainTextEdit *tf = w.codeViewPanel()->editor(QStringLiteral("terraform"));
    auto *tfHighlighter = w.codeViewPanel()->highlighter(QStringLiteral("terraform"));
    QVERIFY(tf->toPlainText().startsWith(QStringLiteral("# file: main.tf")));
    QCOMPARE(formatAt(*tf->document(), 0), tfHighlighter->tokenFormat(Token::Comment));
    const int resource = int(tf->toPlainText().indexOf(QStringLiteral("\nresource "))) + 1;
    QCOMPARE(formatAt(*tf->document(), resource), tfHighlighter->tokenFormat(Token::Keyword));
    QPlainTextEdit *mermaid = w.codeViewPanel()->editor(QStringLiteral("mermaid"));
    const int flowchart = int(mermaid->toPlainText().indexOf(QStringLiteral("flowchart")));
    QCOMPARE(formatAt(*mermaid->document(), flowchart),
             w.codeViewPanel()->highlighter(QStringLiteral("mermaid"))->tokenFormat(Token::Keyword));
    // A theme change recolours the code.
    QPalette dark = w.codeViewPanel()->palette();
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    const QColor lightKey = samHighlighter->tokenFormat(Token::Key).foreground().color();
    w.codeViewPanel()->setPalette(dark);
    QVERIFY(samHighlighter->tokenFormat(Token::Key).foreground().color() != lightKey);
    QCOMPARE(formatAt(*sam->document(), resources).foreground().color(),
             samHighlighter->tokenFormat(Token::Key).foreground().color());
}

void tst_MainWindow::firstStartFitsTheScreen()
{
    // The offscreen screen (800×600) is smaller than the default size, as a 1600×1000 screen
    // is at QT_SCALE_FACTOR=2: the window fits inside the available geometry.
    MainWindow w;
    const QRect available = w.screen()->availableGeometry();
    QVERIFY2(available.contains(w.frameGeometry()),
             qPrintable(QStringLiteral("%1x%2").arg(w.frameGeometry().width()).arg(w.frameGeometry().height())));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(available.contains(w.frameGeometry()));
}

void tst_MainWindow::docksHaveUsefulFirstSizes()
{
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml")));
    w.resize(1440, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *codeDock = w.findChild<QDockWidget *>(QStringLiteral("codeDock"));
    codeDock->raise();
    QApplication::processEvents();
    QPlainTextEdit *code = w.codeViewPanel()->editor(QStringLiteral("sam"));
    QVERIFY(code->isVisible());
    const int lines = code->viewport()->height() / code->fontMetrics().lineSpacing();
    QVERIFY2(lines >= 12, qPrintable(QString::number(lines)));
    // The properties of a function fit: the panel is at least as wide as it needs.
    w.scene()->selectComponent(QStringLiteral("process-orders"));
    QApplication::processEvents();
    QVERIFY2(w.propertiesPanel()->width() >= w.propertiesPanel()->minimumSizeHint().width(),
             qPrintable(QStringLiteral("%1 < %2").arg(w.propertiesPanel()->width()).arg(w.propertiesPanel()->minimumSizeHint().width())));
    QVERIFY2(w.propertiesPanel()->width() >= 360, qPrintable(QString::number(w.propertiesPanel()->width())));
    // The canvas keeps most of the window.
    QVERIFY(w.view()->width() > w.width() / 2);
}

void tst_MainWindow::windowStateIsSavedAndRestored()
{
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resize(760, 540);
        w.findChild<QDockWidget *>(QStringLiteral("overviewDock"))->hide();
        QVERIFY(w.close());   // closing saves the geometry and the dock layout
    }
    {
        MainWindow again;
        QCOMPARE(again.size(), QSize(760, 540));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("overviewDock"))->isVisible());
        QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("paletteDock"))->isVisible());
        // Saved on a larger screen (or before the scale factor grew): restored inside this one.
        again.resize(3000, 2000);
        again.move(2500, 1800);
        QVERIFY(again.close());
    }
    MainWindow clamped;
    const QRect available = clamped.screen()->availableGeometry();
    QVERIFY2(available.contains(clamped.frameGeometry()),
             qPrintable(QStringLiteral("%1,%2 %3x%4").arg(clamped.frameGeometry().x()).arg(clamped.frameGeometry().y())
                            .arg(clamped.frameGeometry().width()).arg(clamped.frameGeometry().height())));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

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
#include <ui/panels/simulationpanel.h>
#include <core/simulation/showme.h>
#include <core/validation/validator.h>
#include <ui/canvas/simulationrun.h>
#include <ui/panels/startpage.h>

#include <QClipboard>
#include <QCompleter>
#include <QDesktopServices>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStringListModel>
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
    void saveAsIsCtrlShiftS();
    void helpMenuListsShortcutsAndOpensDocs();
    void emptyCanvasShowsAHint();
    void cardContextMenu();
    void showMeRunsAScriptedSimulation();
    void cardContextMenuOffersQuickFixes();
    void connectionContextMenuChangesRole();
    void emptyCanvasContextMenu();
    void f2RenamesInPlace();
    void alignAndDistributeAreOneUndoStep();
    void findSelectsAndCentres();
    void startPageOpensExamples();

public slots:
    /// QDesktopServices' handler for file URLs while a test runs (nothing is really opened).
    void openUrl(const QUrl &url) { m_openedUrls << url; }

private:
    static void openExample(MainWindow &w, const char *name);
    static QPoint viewPoint(MainWindow &w, const QPointF &scenePos);
    static QPointF handleOf(MainWindow &w, const QString &id);
    static QPointF centreOf(MainWindow &w, const QString &id);
    static void drag(MainWindow &w, const QPointF &from, const QPointF &to);
    QTemporaryDir m_dir;
    QList<QUrl> m_openedUrls;
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
    // Opened fitted to the window's real size (not the default size before it is shown), but
    // never below a readable 75 %: a design wider than that shows its start, the API on the left.
    QVERIFY2(w.view()->zoom() >= 0.749, qPrintable(QString::number(w.view()->zoom())));
    const QRect viewport = w.view()->viewport()->rect();
    const QRect api = w.view()->mapFromScene(w.scene()->componentItem(QStringLiteral("orders-api"))->sceneBoundingRect())
                          .boundingRect();
    QVERIFY2(viewport.contains(api), "the design's start is in view");
    // Zoom to Fit (Ctrl+0) shows the whole design, however small.
    w.zoomToFit();
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
    // About ten lines (it opened 4 lines tall), within 30 % of the window: the canvas comes first.
    QVERIFY2(lines >= 10, qPrintable(QString::number(lines)));
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

// The names of a menu's actions, without mnemonics.
static QStringList texts(const QMenu *menu)
{
    QStringList out;
    for (const QAction *a : menu->actions()) {
        if (!a->isSeparator())
            out << QString(a->text()).remove(u'&');
    }
    return out;
}

static QAction *actionWithData(const QMenu *menu, const QString &data)
{
    for (QAction *a : menu->actions()) {
        if (a->data().toString() == data)
            return a;
    }
    return nullptr;
}

void tst_MainWindow::saveAsIsCtrlShiftS()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    auto *saveAs = w.findChild<QAction *>(QStringLiteral("actionSaveAs"));
    QVERIFY(saveAs);
    QVERIFY(saveAs->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)));
    const QString path = m_dir.filePath(QStringLiteral("saved-as.ew.yaml"));
    QString suggested;
    w.document()->setPathQuestion([&](bool forSaving, const QString &suggestion) {
        suggested = suggestion;
        return forSaving ? path : QString();
    });
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(w.view()->viewport(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(w.document()->filePath(), QFileInfo(path).absoluteFilePath());
}

void tst_MainWindow::helpMenuListsShortcutsAndOpensDocs()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // Keyboard Shortcuts: every menu action with a shortcut, with its real keys.
    w.findChild<QAction *>(QStringLiteral("actionShortcuts"))->trigger();
    auto *dialog = w.findChild<QDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog && dialog->isVisible());
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutsList"));
    QHash<QString, QString> listed;   // action name → keys shown
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = list->topLevelItem(i);
        if (const QString name = item->data(0, Qt::UserRole).toString(); !name.isEmpty())
            listed.insert(name, item->text(1));
    }
    int withKeys = 0;
    for (const QAction *a : w.findChildren<QAction *>()) {
        if (a->objectName().startsWith(u"action") && !a->shortcuts().isEmpty() && !a->objectName().endsWith(u"Here")) {
            ++withKeys;
            QVERIFY2(listed.contains(a->objectName()), qPrintable(a->objectName()));
            QVERIFY2(listed.value(a->objectName()).contains(a->shortcut().toString(QKeySequence::NativeText)),
                     qPrintable(a->objectName() + QLatin1Char(' ') + listed.value(a->objectName())));
        }
    }
    QVERIFY(withKeys >= 15);
    QVERIFY(listed.value(QStringLiteral("actionSaveAs")).contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S).toString(QKeySequence::NativeText)));
    QCOMPARE(listed.value(QStringLiteral("actionRename")), QStringLiteral("F2"));
    QVERIFY(!list->findItems(QStringLiteral("Pan"), Qt::MatchExactly).isEmpty());   // canvas gestures too
    // Triggered again: the same window comes forward, no second one.
    w.findChild<QAction *>(QStringLiteral("actionShortcuts"))->trigger();
    QCOMPARE(w.findChildren<QDialog *>(QStringLiteral("shortcutsDialog")).size(), 1);

    // Documentation: the README (or docs folder) next to the program, through the desktop.
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
    m_openedUrls.clear();
    w.findChild<QAction *>(QStringLiteral("actionDocumentation"))->trigger();
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(m_openedUrls.size(), 1);
    QVERIFY(QFileInfo::exists(m_openedUrls.first().toLocalFile()));
    QCOMPARE(QFileInfo(m_openedUrls.first().toLocalFile()).canonicalFilePath(),
             QFileInfo(QStringLiteral(EW_SOURCE_DIR "/README.md")).canonicalFilePath());

    // About: names the version, without blocking.
    w.findChild<QAction *>(QStringLiteral("actionAbout"))->trigger();
    auto *about = w.findChild<QMessageBox *>(QStringLiteral("aboutBox"));
    QVERIFY(about && about->isVisible());
    QVERIFY(about->text().contains(QStringLiteral(EW_VERSION)));
    about->close();
}

void tst_MainWindow::emptyCanvasShowsAHint()
{
    MainWindow w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.view()->isEmptyHintShown());
    QVERIFY(w.view()->emptyHint().contains(QStringLiteral("palette")));
    // It is drawn: the canvas looks different without it.
    const QImage withHint = w.view()->viewport()->grab().toImage();
    const QString hint = w.view()->emptyHint();
    w.view()->setEmptyHint(QString());
    const QImage without = w.view()->viewport()->grab().toImage();
    QVERIFY(withHint != without);
    w.view()->setEmptyHint(hint);
    // A component on the canvas: no hint; an empty project again: the hint.
    w.editor()->addComponent(QStringLiteral("sqs-queue"), QPointF(0, 0));
    QVERIFY(!w.view()->isEmptyHintShown());
    w.document()->setSaveQuestion([](const QString &) { return DocumentController::Answer::Discard; });
    QVERIFY(w.document()->newDocument());
    QVERIFY(w.view()->isEmptyHintShown());
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml")));
    QVERIFY(!w.view()->isEmptyHintShown());
}

// Problems -> Show Me on "SQS queue without a DLQ": Simulate mode runs the rule's script on
// this design (a poison message received again and again), and the project is not changed.
void tst_MainWindow::showMeRunsAScriptedSimulation()
{
    MainWindow w;
    const QString path = m_dir.filePath(QStringLiteral("no-dlq.ew.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("eventwright: 1\ncomponents:\n  - id: jobs\n    kind: sqs-queue\n    at: [0, 0]\n"
            "  - id: worker\n    kind: lambda-function\n    at: [300, 0]\n    properties:\n      Timeout: 5\n"
            "connections:\n  - from: jobs\n    to: worker\n    role: trigger\n");
    f.close();
    QVERIFY(w.openFile(path));
    const QByteArray before = ew::core::ProjectSerializer::save(w.diagram().data());
    const QList<ew::core::Diagnostic> ds = ew::core::Validator::validate(w.diagram().data(), ew::core::Catalog::builtin());
    const ew::core::Diagnostic *withScript = nullptr;
    for (const ew::core::Diagnostic &d : ds)
        if (ew::core::sim::showMeFor(d, w.diagram().data(), ew::core::Catalog::builtin()))
            withScript = &d;
    QVERIFY2(withScript, "no diagnostic of this design has a show-me script");
    auto *problems = w.findChild<ew::ui::ProblemsPanel *>();
    QVERIFY(problems);
    emit problems->showMeRequested(*withScript);
    QVERIFY(w.isSimulateMode());
    auto *panel = w.findChild<ew::ui::SimulationPanel *>();
    QVERIFY(panel && panel->currentRun());
    QVERIFY2(panel->status().contains(QStringLiteral("Show me")), qPrintable(panel->status()));
    // The script's workload ran, not the project's (which has no section: one event).
    QVERIFY(panel->currentRun()->result().injected > 1);
    QCOMPARE(ew::core::ProjectSerializer::save(w.diagram().data()), before);
    QVERIFY(!w.editor()->undoStack()->canUndo());
    // F5 goes back to the project's own workload.
    panel->run();
    QVERIFY(!panel->status().contains(QStringLiteral("Show me")));
}

void tst_MainWindow::cardContextMenu()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    w.editor()->addComponent(QStringLiteral("dynamodb-table"), QPointF(600, 0));
    const int steps = w.editor()->undoStack()->count();
    std::unique_ptr<QMenu> menu(w.createContextMenu(centreOf(w, QStringLiteral("handle-order"))));
    // Right-clicking a card selects it.
    QCOMPARE(w.scene()->selectedComponentIds(), QStringList{QStringLiteral("handle-order")});
    const QStringList entries = texts(menu.get());
    for (const char *expected : {"Properties", "Connect as…", "Rename", "Delete", "Simulate Fault"})
        QVERIFY2(entries.contains(QString::fromUtf8(expected)), qPrintable(entries.join(u'|')));
    // Connect as… → access → the table: a new connection, one undo step.
    auto *access = menu->findChild<QMenu *>(QStringLiteral("connect_access"));
    QVERIFY(access);
    QAction *table = actionWithData(access, QStringLiteral("dynamodb-table"));
    QVERIFY(table);
    QVERIFY(!actionWithData(access, QStringLiteral("handle-order")));   // never itself
    const size_t connections = w.diagram().connections().size();
    table->trigger();
    QCOMPARE(w.diagram().connections().size(), connections + 1);
    QCOMPARE(w.diagram().connections().back().role, QStringLiteral("access"));
    QCOMPARE(w.diagram().connections().back().to, QStringLiteral("dynamodb-table"));
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    // A role whose every target is refused is disabled (a function is no topic's trigger source).
    menu.reset(w.createContextMenu(centreOf(w, QStringLiteral("fanout-failures"))));
    for (QMenu *roleMenu : menu->findChildren<QMenu *>()) {
        if (roleMenu->objectName().startsWith(u"connect_"))
            QCOMPARE(roleMenu->isEnabled(), !roleMenu->actions().isEmpty());
    }
    // Delete from the menu deletes the card (with its connections), one undo step.
    menu.reset(w.createContextMenu(centreOf(w, QStringLiteral("dynamodb-table"))));
    const int before = w.editor()->undoStack()->count();
    for (QAction *a : menu->actions()) {
        if (a->text().remove(u'&') == u"Delete")
            a->trigger();
    }
    QVERIFY(!w.diagram().component(QStringLiteral("dynamodb-table")));
    QCOMPARE(w.editor()->undoStack()->count(), before + 1);
    // With several cards selected, the menu offers Arrange.
    w.scene()->componentItem(QStringLiteral("handle-order"))->setSelected(true);
    w.scene()->componentItem(QStringLiteral("handle-refund"))->setSelected(true);
    menu.reset(w.createContextMenu(centreOf(w, QStringLiteral("handle-refund"))));
    QCOMPARE(w.scene()->selectedComponentIds().size(), 2);   // a selected card keeps the selection
    QVERIFY(texts(menu.get()).contains(QStringLiteral("Arrange")));
}

void tst_MainWindow::cardContextMenuOffersQuickFixes()
{
    MainWindow w;
    openExample(w, "http-api-queue-processor.ew.yaml");
    w.editor()->setComponentProperty(QStringLiteral("orders-queue"), QStringLiteral("VisibilityTimeout"),
                                     core::Value::integer(10));
    w.revalidateNow();
    QString component;
    for (const core::Diagnostic &d : w.diagnostics()) {
        if (d.rule == u"ESM-SQS-003" && d.quickFix)   // a connection's problem: its source's card
            component = d.connection ? d.connection->from : d.component;
    }
    QVERIFY2(!component.isEmpty(), "ESM-SQS-003 expected");
    std::unique_ptr<QMenu> menu(w.createContextMenu(centreOf(w, component)));
    auto *fixes = menu->findChild<QMenu *>(QStringLiteral("fixMenu"));
    QVERIFY(fixes);
    QAction *fix = nullptr;
    for (QAction *a : fixes->actions()) {
        if (a->text().startsWith(u"ESM-SQS-003"))
            fix = a;
    }
    QVERIFY(fix);
    const int steps = w.editor()->undoStack()->count();
    fix->trigger();
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    for (const core::Diagnostic &d : w.diagnostics())
        QVERIFY(d.rule != u"ESM-SQS-003");
    // No fix, no Fix Problems entry.
    menu.reset(w.createContextMenu(centreOf(w, component)));
    QVERIFY(!menu->findChild<QMenu *>(QStringLiteral("fixMenu")) || menu->findChild<QMenu *>(QStringLiteral("fixMenu"))->isEmpty());
}

void tst_MainWindow::connectionContextMenuChangesRole()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    auto find = [&]() -> const core::Connection * {
        for (const core::Connection &c : w.diagram().connections()) {
            if (c.from == u"handle-order" && c.to == u"fanout-failures")
                return &c;
        }
        return nullptr;
    };
    QVERIFY(find());
    QCOMPARE(find()->role, QStringLiteral("on-failure"));
    ui::ConnectionItem *item = w.scene()->connectionItem(find()->id);
    // A point on the drawn line, away from the ends.
    const QPointF onLine = item->mapToScene(item->shape().pointAtPercent(0.5));
    QPointF at = onLine;
    for (qreal t = 0.3; t <= 0.7; t += 0.05) {
        const QPointF p = item->mapToScene(item->shape().pointAtPercent(t));
        if (!w.scene()->componentItem(QStringLiteral("handle-order"))->sceneBoundingRect().contains(p)
            && item->shape().contains(item->mapFromScene(p))) {
            at = p;
            break;
        }
    }
    std::unique_ptr<QMenu> menu(w.createContextMenu(at));
    QCOMPARE(w.scene()->selectedConnectionIds(), QList<core::ConnectionId>{find()->id});
    QVERIFY(texts(menu.get()).contains(QStringLiteral("Properties")));
    QVERIFY(texts(menu.get()).contains(QStringLiteral("Delete")));
    auto *roles = menu->findChild<QMenu *>(QStringLiteral("roleMenu"));
    QVERIFY(roles && roles->isEnabled());
    QVERIFY(actionWithData(roles, QStringLiteral("on-failure"))->isChecked());
    QAction *onSuccess = actionWithData(roles, QStringLiteral("on-success"));
    QVERIFY(onSuccess && !onSuccess->isChecked());
    const size_t count = w.diagram().connections().size();
    const int steps = w.editor()->undoStack()->count();
    onSuccess->trigger();
    QCOMPARE(w.diagram().connections().size(), count);
    QCOMPARE(find()->role, QStringLiteral("on-success"));
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    QVERIFY(w.editor()->undoStack()->text(steps).contains(QStringLiteral("on-success")));
    w.editor()->undoStack()->undo();
    QCOMPARE(find()->role, QStringLiteral("on-failure"));
    QCOMPARE(w.diagram().connections().size(), count);
}

void tst_MainWindow::emptyCanvasContextMenu()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    QApplication::clipboard()->clear();
    const QPointF empty = w.scene()->contentsRect().bottomRight() + QPointF(200, 200);
    QVERIFY(w.scene()->items(empty).isEmpty());
    w.scene()->selectComponent(QStringLiteral("handle-order"));
    std::unique_ptr<QMenu> menu(w.createContextMenu(empty));
    QVERIFY(w.scene()->selectedComponentIds().isEmpty());   // a click on nothing clears the selection
    QCOMPARE(texts(menu.get()), (QStringList{"Paste", "Select All", "Zoom to Fit", "Tidy Layout"}));
    auto *pasteHere = menu->findChild<QAction *>(QStringLiteral("actionPasteHere"));
    QVERIFY(!pasteHere->isEnabled());   // nothing to paste
    // Copied, then pasted where the menu was opened.
    w.scene()->selectComponent(QStringLiteral("handle-order"));
    w.findChild<QAction *>(QStringLiteral("actionCopy"))->trigger();
    menu.reset(w.createContextMenu(empty));
    pasteHere = menu->findChild<QAction *>(QStringLiteral("actionPasteHere"));
    QVERIFY(pasteHere->isEnabled());
    pasteHere->trigger();
    const core::Component *pasted = w.diagram().component(QStringLiteral("handle-order-2"));
    QVERIFY(pasted);
    QCOMPARE(*pasted->position, ui::DiagramScene::snapped(empty));
    // Select All from the menu.
    menu.reset(w.createContextMenu(empty));
    for (QAction *a : menu->actions()) {
        if (a->text().remove(u'&') == u"Select All")
            a->trigger();
    }
    QCOMPARE(w.scene()->selectedComponentIds().size(), qsizetype(w.diagram().components().size()));
}

void tst_MainWindow::f2RenamesInPlace()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    const QString id = QStringLiteral("handle-order");
    QCOMPARE(w.diagram().component(id)->displayName(), QStringLiteral("Handle order"));
    auto *rename = w.findChild<QAction *>(QStringLiteral("actionRename"));
    QCOMPARE(rename->shortcut(), QKeySequence(Qt::Key_F2));
    QVERIFY(!rename->isEnabled());   // nothing selected
    w.scene()->selectComponent(id);
    QVERIFY(rename->isEnabled());
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.view()->setFocus();
    QTest::keyClick(w.view()->viewport(), Qt::Key_F2);
    QLineEdit *editor = w.view()->textEditor();
    QVERIFY(editor && editor->isVisible());
    QCOMPARE(editor->text(), QStringLiteral("Handle order"));
    // Over the card's title.
    const QRect card = w.view()->mapFromScene(w.scene()->componentItem(id)->sceneBoundingRect()).boundingRect();
    QVERIFY(card.contains(editor->geometry().center()));
    const int steps = w.editor()->undoStack()->count();
    editor->setText(QStringLiteral("Order handler"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(w.diagram().component(id)->displayName(), QStringLiteral("Order handler"));
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    QTRY_VERIFY(!w.view()->textEditor());
    // Escape cancels.
    rename->trigger();
    QVERIFY(w.view()->textEditor());
    w.view()->textEditor()->setText(QStringLiteral("Something else"));
    QTest::keyClick(w.view()->textEditor(), Qt::Key_Escape);
    QCOMPARE(w.diagram().component(id)->displayName(), QStringLiteral("Order handler"));
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    w.editor()->undoStack()->undo();
    QCOMPARE(w.diagram().component(id)->displayName(), QStringLiteral("Handle order"));
}

void tst_MainWindow::alignAndDistributeAreOneUndoStep()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    const QStringList ids{QStringLiteral("handle-order"), QStringLiteral("handle-refund"), QStringLiteral("handle-shipment")};
    // Spread them out first (one step), so that every arrangement moves something.
    w.editor()->moveComponents({{ids[0], QPointF(400, 0)}, {ids[1], QPointF(460, 260)}, {ids[2], QPointF(520, 300)}});
    auto *left = w.findChild<QAction *>(QStringLiteral("actionAlignLeft"));
    auto *vertically = w.findChild<QAction *>(QStringLiteral("actionDistributeVertically"));
    w.scene()->selectComponent(ids[0]);
    QVERIFY(!left->isEnabled());
    w.scene()->componentItem(ids[1])->setSelected(true);
    QVERIFY(left->isEnabled());
    QVERIFY(!vertically->isEnabled());   // needs three
    w.scene()->componentItem(ids[2])->setSelected(true);
    QVERIFY(vertically->isEnabled());

    auto pos = [&](const QString &id) { return *w.diagram().component(id)->position; };
    const int steps = w.editor()->undoStack()->count();
    left->trigger();
    for (const QString &id : ids)
        QCOMPARE(pos(id).x(), 400.0);
    QCOMPARE(pos(ids[1]).y(), 260.0);   // only x changes
    QCOMPARE(w.editor()->undoStack()->count(), steps + 1);
    vertically->trigger();
    QCOMPARE(pos(ids[0]).y(), 0.0);     // the outermost stay
    QCOMPARE(pos(ids[2]).y(), 300.0);
    QCOMPARE(pos(ids[1]).y(), 150.0);   // the middle one halfway
    QCOMPARE(w.editor()->undoStack()->count(), steps + 2);
    w.findChild<QAction *>(QStringLiteral("actionAlignBottom"))->trigger();
    for (const QString &id : ids)
        QCOMPARE(pos(id).y(), 300.0);
    w.findChild<QAction *>(QStringLiteral("actionAlignRight"))->trigger();   // all at x 400 already: no step
    QCOMPARE(w.editor()->undoStack()->count(), steps + 3);
    w.editor()->undoStack()->undo();
    w.editor()->undoStack()->undo();
    w.editor()->undoStack()->undo();
    QCOMPARE(pos(ids[0]), QPointF(400, 0));
    QCOMPARE(pos(ids[1]), QPointF(460, 260));
    QCOMPARE(pos(ids[2]), QPointF(520, 300));
    w.editor()->moveComponents({{ids[0], QPointF(0, 0)}, {ids[1], QPointF(90, 500)}, {ids[2], QPointF(500, 40)}});
    w.findChild<QAction *>(QStringLiteral("actionDistributeHorizontally"))->trigger();
    QCOMPARE(pos(ids[1]).x(), 250.0);
    w.findChild<QAction *>(QStringLiteral("actionAlignTop"))->trigger();
    for (const QString &id : ids)
        QCOMPARE(pos(id).y(), 0.0);
    // Cards grow with their titles: Align Right lines up the right edges, not the positions.
    w.editor()->renameComponent(ids[1], QStringLiteral("Handle every shipment notification"));
    auto rightOf = [&](const QString &id) { return pos(id).x() + w.scene()->componentItem(id)->cardSize().width(); };
    QVERIFY(w.scene()->componentItem(ids[1])->cardSize().width() > w.scene()->componentItem(ids[0])->cardSize().width());
    w.findChild<QAction *>(QStringLiteral("actionAlignRight"))->trigger();
    QCOMPARE(rightOf(ids[0]), rightOf(ids[1]));
    QCOMPARE(rightOf(ids[2]), rightOf(ids[1]));
}

void tst_MainWindow::findSelectsAndCentres()
{
    MainWindow w;
    openExample(w, "sns-fanout.ew.yaml");
    w.view()->centerOn(-2000, -2000);
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    auto *find = w.findChild<QAction *>(QStringLiteral("actionFind"));
    QCOMPARE(find->shortcut(), QKeySequence(QKeySequence::Find));
    find->trigger();
    QTRY_VERIFY(w.findField()->hasFocus());
    // The completer offers labels with their ids.
    const QStringList offered = static_cast<QStringListModel *>(w.findField()->completer()->model())->stringList();
    QVERIFY2(offered.contains(QStringLiteral("Handle refund (handle-refund)")), qPrintable(offered.join(u'|')));
    QTest::keyClicks(w.findField(), QStringLiteral("refund"));
    QTest::keyClick(w.findField(), Qt::Key_Return);
    QCOMPARE(w.scene()->selectedComponentIds(), QStringList{QStringLiteral("handle-refund")});
    const QPointF centre = w.view()->mapToScene(w.view()->viewport()->rect().center());
    QVERIFY2(QLineF(centre, centreOf(w, QStringLiteral("handle-refund"))).length() < 20,
             qPrintable(QStringLiteral("%1,%2").arg(centre.x()).arg(centre.y())));
    // A completion picks by id; nothing matching selects nothing.
    QVERIFY(w.findComponent(QStringLiteral("Undelivered messages (commerce-events-dlq)")));
    QCOMPARE(w.scene()->selectedComponentIds(), QStringList{QStringLiteral("commerce-events-dlq")});
    QVERIFY(w.findComponent(QStringLiteral("HANDLE-SHIP")));   // prefix of an id, any case
    QCOMPARE(w.scene()->selectedComponentIds(), QStringList{QStringLiteral("handle-shipment")});
    QVERIFY(!w.findComponent(QStringLiteral("no such thing")));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("no such thing")));
}

void tst_MainWindow::startPageOpensExamples()
{
    MainWindow w;
    w.showStartPage();
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.isStartPageShown());
    QVERIFY(w.startPage()->isVisible());
    QVERIFY(!w.view()->isVisible());
    QVERIFY(!w.startPage()->trainingButton()->isEnabled());
    QCOMPARE(w.startPage()->trainingButton()->text(), QStringLiteral("Training (coming)"));
    // The bundled examples, by their project names.
    QListWidget *examples = w.startPage()->exampleList();
    QVERIFY(examples->count() >= 10);
    QListWidgetItem *fanout = nullptr;
    for (int i = 0; i < examples->count(); ++i) {
        if (examples->item(i)->data(Qt::UserRole).toString().endsWith(u"sns-fanout.ew.yaml"))
            fanout = examples->item(i);
    }
    QVERIFY(fanout);
    QCOMPARE(fanout->text(), QStringLiteral("SNS fan-out"));
    // A click opens it and shows the canvas.
    examples->scrollToItem(fanout);
    QTest::mouseClick(examples->viewport(), Qt::LeftButton, {}, examples->visualItemRect(fanout).center());
    QVERIFY(!w.isStartPageShown());
    QVERIFY(w.view()->isVisible());
    QVERIFY(w.document()->filePath().endsWith(u"sns-fanout.ew.yaml"));
    QCOMPARE(w.scene()->componentItemCount(), int(w.diagram().components().size()));
    // It is now a recent file on the start page.
    w.showStartPage();
    QListWidget *recent = w.startPage()->recentList();
    QVERIFY(recent->count() >= 1);
    QCOMPARE(recent->item(0)->data(Qt::UserRole).toString(), w.document()->filePath());
    // New project from the page; an edit from the palette (double-click) also leaves it.
    w.findChild<QPushButton *>(QStringLiteral("startNew"))->click();
    QVERIFY(!w.isStartPageShown());
    QVERIFY(w.diagram().components().empty());
    w.showStartPage();
    w.editor()->addComponent(QStringLiteral("sqs-queue"), QPointF(0, 0));
    QVERIFY(!w.isStartPageShown());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

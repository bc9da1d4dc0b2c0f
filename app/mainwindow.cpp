// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/mainwindow.h"

#include "app/documentcontroller.h"

#include <core/simulation/showme.h>
#include <core/catalog/catalog.h>
#include <core/editing/diagrameditor.h>
#include <core/export/exporterregistry.h>
#include <core/export/exportwriter.h>
#include <core/io/projectserializer.h>
#include <core/layout/autolayout.h>
#include <core/validation/validator.h>
#include <core/validation/connectionverdict.h>
#include <ui/canvas/canvasstyle.h>
#include <ui/canvas/componentitem.h>
#include <ui/canvas/connectionitem.h>
#include <ui/canvas/diagramscene.h>
#include <ui/canvas/diagramview.h>
#include <ui/canvas/overviewview.h>
#include <ui/canvas/sceneimage.h>
#include <ui/canvas/simulationoverlay.h>
#include <ui/panels/faultmenu.h>
#include <ui/panels/codeviewpanel.h>
#include <ui/panels/palettepanel.h>
#include <ui/panels/problemspanel.h>
#include <ui/panels/propertiespanel.h>
#include <ui/panels/simulationpanel.h>
#include <ui/panels/startpage.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCompleter>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStringListModel>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ew::app {

static const char *FragmentMime = "application/x-eventwright-fragment";
static const char *GeometryKey = "window/geometry";
static const char *StateKey = "window/state";
/// Bump when the docks or toolbars change so much that an old saved layout no longer fits.
constexpr int WindowStateVersion = 1;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_diagram(new core::Diagram(this))
    , m_editor(new editing::DiagramEditor(*m_diagram, core::Catalog::builtin(), this))
    , m_scene(new ui::DiagramScene(*m_diagram, core::Catalog::builtin(), this))
    , m_view(new ui::DiagramView(m_scene, this))
    , m_document(new DocumentController(*m_diagram, *m_editor, this))
    , m_statusCounts(new QLabel(this))
{
    m_scene->setEditor(m_editor);
    m_view->setObjectName(QStringLiteral("canvas"));
    m_view->setEmptyHint(tr("Drag a trigger from the palette, or File → Open an example"));
    connect(m_view, &ui::DiagramView::contextMenuRequested, this, [this](const QPointF &scenePos, const QPoint &global) {
        QMenu *menu = createContextMenu(scenePos, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(global);
    });
    m_startPage = new ui::StartPage(this);
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_view);
    m_central->addWidget(m_startPage);
    setCentralWidget(m_central);
    connect(m_startPage, &ui::StartPage::newRequested, m_document, &DocumentController::newDocument);
    connect(m_startPage, &ui::StartPage::openRequested, m_document, &DocumentController::openWithDialog);
    connect(m_startPage, &ui::StartPage::fileRequested, this, &MainWindow::openFile);
    statusBar()->addPermanentWidget(m_statusCounts);

    createDocks();
    createActions();

    m_revalidate.setSingleShot(true);
    m_revalidate.setInterval(100);   // debounced: validation follows the edits, not every keystroke
    connect(&m_revalidate, &QTimer::timeout, this, &MainWindow::revalidateNow);
    connect(m_diagram, &core::Diagram::changed, &m_revalidate, qOverload<>(&QTimer::start));
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
    // Any document or edit (a new project, an open, a palette double-click) shows the canvas.
    connect(m_diagram, &core::Diagram::diagramReset, this, &MainWindow::showCanvas);
    connect(m_diagram, &core::Diagram::changed, this, &MainWindow::showCanvas);
    connect(m_scene, &ui::DiagramScene::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_document, &DocumentController::documentChanged, this, &MainWindow::updateTitle);
    connect(m_document, &DocumentController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_document, &DocumentController::recentFilesChanged, this, &MainWindow::updateRecentMenu);
    connect(m_document, &DocumentController::imported, this,
            [this](const QString &name, const QStringList &unmapped, const QList<core::Diagnostic> &notes) {
                QString report = tr("Imported %1: %2 components, %3 connections.")
                                     .arg(name)
                                     .arg(m_diagram->components().size())
                                     .arg(m_diagram->connections().size());
                statusBar()->showMessage(report, 10000);
                if (unmapped.isEmpty() && notes.isEmpty())
                    return;
                QStringList lines;
                for (const QString &u : unmapped)
                    lines << tr("Not mapped (kept, exported back to SAM): %1").arg(u);
                for (const core::Diagnostic &d : notes)
                    lines << d.message;
                m_importReport = report + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
                if (isVisible())
                    QMessageBox::information(this, tr("Import report"), m_importReport);
            });

    restoreWindowState();
    // Simulate mode is never on at start, whatever the saved layout says.
    findChild<QDockWidget *>(QStringLiteral("simulationDock"))->hide();
    updateTitle();
    updateRecentMenu();
    updateSelectionActions();
    revalidateNow();
}

MainWindow::~MainWindow()
{
    // Views and panels observe the diagram and the editor: they go first, the model last
    // (QObject would delete children in creation order, the diagram first).
    disconnect(m_scene, nullptr, this, nullptr);
    disconnect(m_diagram, nullptr, nullptr, nullptr);
    if (m_document && m_document->parent() == this)
        delete m_document;
    qDeleteAll(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
    delete takeCentralWidget();
    delete m_scene;
    delete m_editor;
    delete m_diagram;
}

QString MainWindow::lastError() const
{
    return m_document->lastError();
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(GeometryKey)).toByteArray()))
        resize(1440, 900);
    m_dockSizesPending = !restoreState(settings.value(QLatin1String(StateKey)).toByteArray(), WindowStateVersion);
    fitToScreen();
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QLatin1String(GeometryKey), saveGeometry());
    settings.setValue(QLatin1String(StateKey), saveState(WindowStateVersion));
}

void MainWindow::fitToScreen()
{
    const QScreen *s = screen();
    if (!s)
        return;
    const QRect available = s->availableGeometry();
    const QRect outerRect = frameGeometry(), innerRect = geometry();
    QMargins frame(innerRect.left() - outerRect.left(), innerRect.top() - outerRect.top(),
                   outerRect.right() - innerRect.right(), outerRect.bottom() - innerRect.bottom());
    // Before the first show the window has no frame yet: allow for a window manager's title
    // bar and borders (the window is never fitted again once shown: a size the user or a test
    // sets later is theirs).
    if (!isVisible() && frame.isNull()) {
        const int title = std::max(style()->pixelMetric(QStyle::PM_TitleBarHeight, nullptr, this),
                                   2 * fontMetrics().height());
        frame = QMargins(4, title + 4, 4, 4);
    }
    const QSize room = available.size().shrunkBy(frame);
    const QSize fitted = size().boundedTo(room).expandedTo(minimumSize());
    if (fitted != size())
        resize(fitted);
    // Keep the whole frame on this screen (a saved position may be on a screen now gone).
    const QSize outer = fitted.grownBy(frame);
    const QPoint at(std::clamp(pos().x(), available.left(), std::max(available.left(), available.right() + 1 - outer.width())),
                    std::clamp(pos().y(), available.top(), std::max(available.top(), available.bottom() + 1 - outer.height())));
    if (at != pos())
        move(at);
}

void MainWindow::applyDefaultDockSizes()
{
    auto *paletteDock = findChild<QDockWidget *>(QStringLiteral("paletteDock"));
    auto *propertiesDock = findChild<QDockWidget *>(QStringLiteral("propertiesDock"));
    auto *overviewDock = findChild<QDockWidget *>(QStringLiteral("overviewDock"));
    auto *problemsDock = findChild<QDockWidget *>(QStringLiteral("problemsDock"));
    // Properties: its labels and editors side by side without clipping, but never more than a
    // third of the window; the canvas keeps the rest.
    const int third = width() / 3;
    const int propertiesWidth = std::min(third, std::max(380, m_properties->minimumSizeHint().width() + 24));
    const int paletteWidth = std::min(width() / 5, std::max(220, m_palette->sizeHint().width()));
    resizeDocks({paletteDock, propertiesDock}, {paletteWidth, propertiesWidth}, Qt::Horizontal);
    // The Code tab (tabbed with Problems) shows about ten lines of code, within 30 % of
    // the window's height. The dock's title and the tab bar come on top of the panel: laid
    // out once, the shortfall of the panel (Problems, the tab shown) is what to add.
    const int wanted = std::min(height() * 3 / 10, m_codeView->sizeHint().height());
    int bottom = wanted;
    resizeDocks({problemsDock}, {bottom}, Qt::Vertical);
    layout()->activate();
    if (const int shortfall = wanted - m_problems->height(); shortfall > 0) {
        bottom = std::min(height() * 3 / 10, bottom + shortfall);
        resizeDocks({problemsDock}, {bottom}, Qt::Vertical);
    }
    const int overview = std::min(180, height() / 4);
    resizeDocks({propertiesDock, overviewDock}, {std::max(200, height() - bottom - overview), overview}, Qt::Vertical);
}

void MainWindow::createDocks()
{
    m_palette = new ui::PalettePanel(core::Catalog::builtin(), this);
    auto *paletteDock = new QDockWidget(tr("Components"), this);
    paletteDock->setObjectName(QStringLiteral("paletteDock"));
    paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
    connect(m_palette, &ui::PalettePanel::kindActivated, this, [this](const QString &kind) {
        // Keyboard/double-click: add at the centre of the visible canvas.
        const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
        m_scene->addComponentAt(kind, centre - QPointF(110, 38));
    });

    m_properties = new ui::PropertiesPanel(*m_editor, this);
    auto *propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    propertiesDock->setWidget(m_properties);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);

    m_overview = new ui::OverviewView(m_view, this);
    auto *overviewDock = new QDockWidget(tr("Overview"), this);
    overviewDock->setObjectName(QStringLiteral("overviewDock"));
    overviewDock->setWidget(m_overview);
    addDockWidget(Qt::RightDockWidgetArea, overviewDock);

    m_problems = new ui::ProblemsPanel(this);
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    connect(m_problems, &ui::ProblemsPanel::diagnosticActivated, this, &MainWindow::onDiagnosticActivated);
    connect(m_problems, &ui::ProblemsPanel::fixRequested, this, &MainWindow::onFixRequested);
    connect(m_problems, &ui::ProblemsPanel::explainRequested, this, &MainWindow::onExplainRequested);
    m_problems->setShowMeCheck([this](const core::Diagnostic &d) {
        return core::sim::showMeFor(d, m_diagram->data(), core::Catalog::builtin()).has_value();
    });
    connect(m_problems, &ui::ProblemsPanel::showMeRequested, this, &MainWindow::showMe);

    m_codeView = new ui::CodeViewPanel(*m_diagram, core::Catalog::builtin(),
                                       core::ExporterRegistry::builtin(), this);
    auto *codeDock = new QDockWidget(tr("Code"), this);
    codeDock->setObjectName(QStringLiteral("codeDock"));
    codeDock->setWidget(m_codeView);
    addDockWidget(Qt::BottomDockWidgetArea, codeDock);
    tabifyDockWidget(problemsDock, codeDock);

    // Simulate mode: the panel in a dock next to Problems and Code, the overlay on the canvas.
    m_simulation = new ui::SimulationPanel(*m_diagram, core::Catalog::builtin(), this);
    auto *simulationDock = new QDockWidget(tr("Simulation"), this);
    simulationDock->setObjectName(QStringLiteral("simulationDock"));
    simulationDock->setWidget(m_simulation);
    addDockWidget(Qt::BottomDockWidgetArea, simulationDock);
    tabifyDockWidget(problemsDock, simulationDock);
    m_simulationOverlay = new ui::SimulationOverlay(*m_scene, this);
    m_simulation->attachOverlay(m_simulationOverlay);
    connect(m_simulation, &ui::SimulationPanel::componentActivated, this, [this](const QString &id) {
        if (m_diagram->component(id) && m_scene->selectedComponentIds() != QStringList{id})
            m_scene->selectComponent(id);
    });
    // A document opened in Simulate mode is run at once (after the open has finished).
    connect(m_diagram, &core::Diagram::diagramReset, this, [this] {
        if (isSimulateMode())
            QTimer::singleShot(0, m_simulation, [this] {
                if (isSimulateMode() && !m_simulation->currentRun())
                    m_simulation->run();
            });
    });
    connect(m_simulation, &ui::SimulationPanel::runFinished, this, [this] {
        const auto &run = m_simulation->currentRun();
        statusBar()->showMessage(tr("Simulated %1 events over %2 s.")
                                     .arg(run ? run->result().injected : 0)
                                     .arg(run ? run->duration() : 0),
                                 5000);
    });
    problemsDock->raise();
}

bool MainWindow::isSimulateMode() const
{
    return m_simulateAction && m_simulateAction->isChecked();
}

void MainWindow::setSimulateMode(bool on)
{
    if (m_simulateAction->isChecked() != on) {
        m_simulateAction->setChecked(on);   // toggled() comes back here
        return;
    }
    auto *dock = findChild<QDockWidget *>(QStringLiteral("simulationDock"));
    m_simulationOverlay->setShown(on);
    if (!on) {
        m_simulation->pause();
        dock->hide();
        return;
    }
    showCanvas();
    dock->show();
    dock->raise();
    // Charts, tables and the ledger side by side need more height than Problems does.
    resizeDocks({dock}, {std::max(300, height() * 2 / 5)}, Qt::Vertical);
    if (!m_simulation->currentRun())
        m_simulation->run();
}

void MainWindow::showMe(const core::Diagnostic &diagnostic)
{
    const std::optional<core::sim::ShowMe> script =
        core::sim::showMeFor(diagnostic, m_diagram->data(), core::Catalog::builtin());
    if (!script)
        return;
    setSimulateMode(true);
    const QString caption = tr("<b>Show me %1:</b> %2<br>%3<br><i>Watch:</i> %4 "
                               "<i>(a scripted run; the project's own workload is unchanged, "
                               "Run (F5) goes back to it)</i>")
                                .arg(script->rule.toHtmlEscaped(), script->title.toHtmlEscaped(),
                                     script->explanation.toHtmlEscaped(), script->watch.toHtmlEscaped());
    m_simulation->runWorkload(script->workload, caption);
    if (!script->focus.isEmpty()) {
        m_scene->selectComponent(script->focus);
        m_simulation->setChartComponent(script->focus);
    }
    m_simulation->play();
}

void MainWindow::runSimulation()
{
    if (!isSimulateMode()) {
        const bool hadRun = m_simulation->currentRun() != nullptr;
        setSimulateMode(true);   // runs when there is no run yet
        if (!hadRun)
            return;
    }
    m_simulation->run();
}

/// Simulate mode's icon: a play triangle and a dot, in the succeeded fate's green (the
/// style's media icons are dark glyphs that vanish on a dark toolbar).
static QIcon simulateIcon()
{
    QIcon icon;
    for (const int size : {16, 18, 24, 32, 36, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(ui::CanvasStyle::fateColor(core::sim::Fate::Succeeded));
        const qreal s = size;
        p.drawPolygon(QPolygonF{QPointF(0.12 * s, 0.1 * s), QPointF(0.12 * s, 0.9 * s), QPointF(0.72 * s, 0.5 * s)});
        p.drawEllipse(QPointF(0.84 * s, 0.5 * s), 0.12 * s, 0.12 * s);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void MainWindow::createActions()
{
    QUndoStack *undo = m_editor->undoStack();
    // Named actions: the shortcuts dialog lists them and the tests trigger them by name.
    auto named = [](QAction *action, const char *name) {
        action->setObjectName(QLatin1String(name));
        return action;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    named(file->addAction(tr("&New"), QKeySequence::New, m_document, &DocumentController::newDocument), "actionNew");
    named(file->addAction(tr("&Open…"), QKeySequence::Open, m_document, &DocumentController::openWithDialog), "actionOpen");
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    named(file->addAction(tr("Start &Page"), this, &MainWindow::showStartPage), "actionStartPage");
    file->addSeparator();
    named(file->addAction(tr("&Save"), QKeySequence::Save, m_document, &DocumentController::save), "actionSave");
    QAction *saveAs = named(file->addAction(tr("Save &As…"), m_document, &DocumentController::saveAs), "actionSaveAs");
    // Ctrl+Shift+S everywhere: the platform's SaveAs binding is empty on some (Windows, a
    // plain X11 session), so the standard key comes first and the platform's is kept too.
    QList<QKeySequence> saveAsKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)};
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::SaveAs)) {
        if (!saveAsKeys.contains(k))
            saveAsKeys << k;
    }
    saveAs->setShortcuts(saveAsKeys);
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    for (const auto &exporter : core::ExporterRegistry::builtin().exporters()) {
        const QString id = exporter->id();
        exportMenu->addAction(exporter->displayName() + QStringLiteral("…"), this,
                              [this, id] { exportWith(id); });
    }
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Image (PNG or SVG)…"), this, &MainWindow::exportImage);
    file->addSeparator();
    named(file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close), "actionQuit");

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undoAction = named(undo->createUndoAction(this, tr("&Undo")), "actionUndo");
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = named(undo->createRedoAction(this, tr("&Redo")), "actionRedo");
    redoAction->setShortcut(QKeySequence::Redo);
    edit->addAction(undoAction);
    edit->addAction(redoAction);
    edit->addSeparator();
    named(edit->addAction(tr("Cu&t"), QKeySequence::Cut, this, [this] {
        copySelection();
        m_scene->deleteSelection();
    }), "actionCut");
    named(edit->addAction(tr("&Copy"), QKeySequence::Copy, this, &MainWindow::copySelection), "actionCopy");
    named(edit->addAction(tr("&Paste"), QKeySequence::Paste, this, &MainWindow::paste), "actionPaste");
    named(edit->addAction(tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] {
        m_scene->pasteFragment(m_scene->selectionFragment(), QPointF(40, 40));
    }), "actionDuplicate");
    m_renameAction = named(edit->addAction(tr("Re&name"), QKeySequence(Qt::Key_F2), this, &MainWindow::renameSelected),
                           "actionRename");
    m_deleteAction = named(edit->addAction(tr("De&lete"), this, [this] { m_scene->deleteSelection(); }), "actionDelete");
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    edit->addSeparator();
    m_selectAllAction = named(edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this,
                                              [this] { m_scene->selectAllItems(); }),
                              "actionSelectAll");
    named(edit->addAction(tr("&Find Component…"), QKeySequence::Find, this, [this] {
        refreshFindCompletions();
        m_findField->setFocus(Qt::ShortcutFocusReason);
        m_findField->selectAll();
    }), "actionFind");

    QMenu *view = menuBar()->addMenu(tr("&View"));
    named(view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { m_view->zoomBy(1.25); }), "actionZoomIn");
    named(view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { m_view->zoomBy(0.8); }), "actionZoomOut");
    m_zoomFitAction = named(view->addAction(tr("Zoom to &Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), this,
                                            &MainWindow::zoomToFit),
                            "actionZoomToFit");
    named(view->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_1), this, &MainWindow::zoomReset),
          "actionActualSize");
    m_tidyAction = named(view->addAction(tr("&Tidy Layout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), this,
                                         &MainWindow::tidyLayout),
                         "actionTidyLayout");
    // The canvas's context menus show these keys too (some platforms hide them by default).
    for (QAction *a : {m_renameAction, m_deleteAction, m_selectAllAction, m_zoomFitAction, m_tidyAction})
        a->setShortcutVisibleInContextMenu(true);
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    // Arrange: no shortcuts, the arrow keys (with Shift) already nudge the selection.
    m_arrangeMenu = menuBar()->addMenu(tr("&Arrange"));
    const struct
    {
        const char *name;
        const char *text;
        Arrange how;
    } arranges[] = {
        {"actionAlignLeft", QT_TR_NOOP("Align &Left"), Arrange::Left},
        {"actionAlignRight", QT_TR_NOOP("Align &Right"), Arrange::Right},
        {"actionAlignTop", QT_TR_NOOP("Align &Top"), Arrange::Top},
        {"actionAlignBottom", QT_TR_NOOP("Align &Bottom"), Arrange::Bottom},
        {"actionDistributeHorizontally", QT_TR_NOOP("Distribute &Horizontally"), Arrange::Horizontally},
        {"actionDistributeVertically", QT_TR_NOOP("Distribute &Vertically"), Arrange::Vertically},
    };
    for (const auto &a : arranges) {
        if (a.how == Arrange::Horizontally)
            m_arrangeMenu->addSeparator();
        const Arrange how = a.how;
        QAction *action = named(m_arrangeMenu->addAction(tr(a.text), this, [this, how] { arrangeSelection(how); }), a.name);
        (how == Arrange::Horizontally || how == Arrange::Vertically ? m_distributeActions : m_alignActions) << action;
    }

    QMenu *simulate = menuBar()->addMenu(tr("&Simulate"));
    m_simulateAction = named(simulate->addAction(tr("&Simulate Mode")), "actionSimulateMode");
    m_simulateAction->setCheckable(true);
    m_simulateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_simulateAction->setIcon(simulateIcon());
    m_simulateAction->setToolTip(tr("Replay the design's workload and watch every event (%1)")
                                     .arg(m_simulateAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_simulateAction, &QAction::toggled, this, &MainWindow::setSimulateMode);
    named(simulate->addAction(tr("&Run"), QKeySequence(Qt::Key_F5), this, &MainWindow::runSimulation),
          "actionSimulationRun");
    simulate->addSeparator();
    // Play/pause and step act on the panel (Space plays and pauses while it has the focus).
    named(simulate->addAction(tr("&Play / Pause"), this, [this] {
        if (isSimulateMode())
            m_simulation->togglePlay();
    }), "actionSimulationPlay");
    named(simulate->addAction(tr("S&tep"), this, [this] {
        if (isSimulateMode())
            m_simulation->stepForward();
    }), "actionSimulationStep");

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    named(help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this,
                          &MainWindow::showShortcuts),
          "actionShortcuts");
    named(help->addAction(tr("&Documentation"), QKeySequence::HelpContents, this, &MainWindow::openDocumentation),
          "actionDocumentation");
    help->addSeparator();
    named(help->addAction(tr("&About Eventwright"), this, &MainWindow::showAbout), "actionAbout");

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setIconSize(QSize(18, 18));
    tools->addAction(style()->standardIcon(QStyle::SP_FileIcon), tr("New"), m_document, &DocumentController::newDocument);
    tools->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open"), m_document, &DocumentController::openWithDialog);
    tools->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Save"), m_document, &DocumentController::save);
    tools->addSeparator();
    undoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    redoAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    tools->addAction(undoAction);
    tools->addAction(redoAction);
    tools->addSeparator();
    m_simulateAction->setIconText(tr("Simulate"));
    tools->addAction(m_simulateAction);
    if (auto *button = qobject_cast<QToolButton *>(tools->widgetForAction(m_simulateAction)))
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    // Find: a field at the toolbar's end, completing ids and labels.
    auto *spacer = new QWidget(tools);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    m_findField = new QLineEdit(tools);
    m_findField->setObjectName(QStringLiteral("findField"));
    m_findField->setPlaceholderText(tr("Find component (%1)").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_findField->setClearButtonEnabled(true);
    m_findField->setMaximumWidth(260);
    auto *completer = new QCompleter(new QStringListModel(m_findField), m_findField);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_findField->setCompleter(completer);
    m_findField->installEventFilter(this);
    connect(m_findField, &QLineEdit::returnPressed, this, [this] {
        if (findComponent(m_findField->text()))
            m_view->setFocus(Qt::OtherFocusReason);
    });
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &text) {
        if (findComponent(text))
            m_view->setFocus(Qt::OtherFocusReason);
    });
    tools->addWidget(m_findField);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_document->recentFiles();
    for (const QString &f : files)
        m_recentMenu->addAction(QDir::toNativeSeparators(f), this, [this, f] { openFile(f); });
    m_recentMenu->setEnabled(!files.isEmpty());
}

bool MainWindow::openFile(const QString &path)
{
    if (!m_document->open(path)) {
        statusBar()->showMessage(m_document->lastError());
        if (isVisible() && !m_document->lastError().isEmpty())
            QMessageBox::warning(this, tr("Cannot open project"), m_document->lastError());
        return false;
    }
    if (isVisible())
        showDesign();
    else
        m_fitPending = true;
    revalidateNow();
    return true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_dockSizesPending) {
        // Sized once the window has its real size: dock sizes set before are not kept.
        m_dockSizesPending = false;
        applyDefaultDockSizes();
    }
    if (m_fitPending) {
        m_fitPending = false;
        showDesign();
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_document->maybeSave()) {
        saveWindowState();
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::zoomToFit()
{
    m_view->zoomToFit();
    m_overview->refit();
}

void MainWindow::showDesign()
{
    // 75 %: the cards' detail text stays legible (at 50 % it was about 7 px high).
    static constexpr qreal ReadableZoom = 0.75;
    m_view->zoomToFit(ReadableZoom);
    m_overview->refit();
}

void MainWindow::tidyLayout()
{
    // One undo step for the whole layout.
    const QHash<QString, QPointF> positions = core::autoLayout(m_diagram->data(), core::Catalog::builtin());
    m_editor->moveComponents(positions);
    zoomToFit();
}

void MainWindow::zoomReset()
{
    m_view->setZoom(1.0);
}

void MainWindow::revalidateNow()
{
    m_revalidate.stop();
    m_diagnostics = core::Validator::validate(m_diagram->data(), core::Catalog::builtin());
    m_problems->setDiagnostics(m_diagnostics);
    m_scene->setDiagnostics(m_diagnostics);
    m_properties->setDiagnostics(m_diagnostics);
    int errors = 0, warnings = 0;
    for (const core::Diagnostic &d : std::as_const(m_diagnostics)) {
        errors += d.severity == core::Severity::Error;
        warnings += d.severity == core::Severity::Warning;
    }
    m_statusCounts->setText(tr("%1 components · %2 connections · %3 errors · %4 warnings")
                                .arg(m_diagram->components().size())
                                .arg(m_diagram->connections().size())
                                .arg(errors)
                                .arg(warnings));
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — Eventwright").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::onSelectionChanged()
{
    updateSelectionActions();
    const QStringList components = m_scene->selectedComponentIds();
    // The charts follow the card picked on the canvas.
    if (isSimulateMode() && components.size() == 1)
        m_simulation->setChartComponent(components.first());
    const QList<core::ConnectionId> connections = m_scene->selectedConnectionIds();
    if (components.size() == 1 && connections.isEmpty())
        m_properties->showComponent(components.first());
    else if (components.isEmpty() && connections.size() == 1)
        m_properties->showConnection(connections.first());
    else
        m_properties->clear();
}

void MainWindow::onDiagnosticActivated(const core::Diagnostic &d)
{
    if (d.connectionIndex >= 0 && d.connectionIndex < int(m_diagram->connections().size())) {
        const core::ConnectionId id = m_diagram->connections()[size_t(d.connectionIndex)].id;
        m_scene->selectConnection(id);
        m_view->centerOn(m_scene->positionOf(d.connection->from));
    } else if (!d.component.isEmpty() && m_diagram->component(d.component)) {
        m_scene->selectComponent(d.component);
        m_view->centerOn(m_scene->positionOf(d.component) + QPointF(110, 38));
    }
}

void MainWindow::onFixRequested(const core::Diagnostic &d)
{
    if (!d.quickFix)
        return;
    if (!d.quickFix->safe) {
        const auto answer = QMessageBox::question(
            this, tr("Apply fix?"),
            tr("%1\n\nThis changes how the design behaves; check it fits your code.").arg(d.quickFix->text));
        if (answer != QMessageBox::Yes)
            return;
    }
    if (m_editor->applyQuickFix(*d.quickFix))
        statusBar()->showMessage(tr("Fixed: %1").arg(d.quickFix->text), 5000);
    else
        statusBar()->showMessage(tr("The fix no longer applies; the design changed."), 5000);
    revalidateNow();
}

void MainWindow::onExplainRequested(const core::Diagnostic &d)
{
    const core::RuleInfo *rule = core::Validator::rule(d.rule);
    if (!rule)
        return;
    QMessageBox box(this);
    box.setWindowTitle(tr("%1 — %2").arg(rule->id, rule->summary));
    box.setTextFormat(Qt::RichText);
    box.setText(QStringLiteral("<p><b>%1</b></p><p>%2</p><p><b>%3</b> %4</p><p><a href=\"%5\">%5</a></p>")
                    .arg(d.message.toHtmlEscaped(), rule->explanation.toHtmlEscaped(),
                         tr("What to change:"), d.fix.toHtmlEscaped(), rule->url.toHtmlEscaped()));
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    box.exec();
}

void MainWindow::copySelection()
{
    const core::DiagramData fragment = m_scene->selectionFragment();
    if (fragment.components.empty())
        return;
    auto *mime = new QMimeData;
    const QByteArray text = core::ProjectSerializer::save(fragment);
    mime->setData(QLatin1String(FragmentMime), text);
    mime->setText(QString::fromUtf8(text));
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
}

std::optional<core::DiagramData> MainWindow::clipboardFragment() const
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return std::nullopt;
    const QByteArray text = mime->hasFormat(QLatin1String(FragmentMime)) ? mime->data(QLatin1String(FragmentMime))
                                                                         : mime->text().toUtf8();
    const core::ProjectLoadResult loaded = core::ProjectSerializer::load(text);
    if (!loaded.ok() || loaded.data->components.empty())
        return std::nullopt;
    return *loaded.data;
}

void MainWindow::paste()
{
    const std::optional<core::DiagramData> fragment = clipboardFragment();
    if (!fragment) {
        statusBar()->showMessage(tr("The clipboard holds no Eventwright components."), 5000);
        return;
    }
    ++m_pasteCount;
    m_scene->pasteFragment(*fragment, QPointF(40, 40) * m_pasteCount);
}

void MainWindow::pasteAt(const QPointF &scenePos)
{
    const std::optional<core::DiagramData> fragment = clipboardFragment();
    if (!fragment)
        return;
    std::optional<QPointF> topLeft;
    for (const core::Component &c : fragment->components) {
        if (!c.position)
            continue;
        topLeft = topLeft ? QPointF(std::min(topLeft->x(), c.position->x()), std::min(topLeft->y(), c.position->y()))
                          : *c.position;
    }
    m_scene->pasteFragment(*fragment, ui::DiagramScene::snapped(scenePos) - topLeft.value_or(QPointF()));
}

void MainWindow::exportImage()
{
    const QString suggestion = QFileInfo(m_document->filePath()).completeBaseName().remove(QStringLiteral(".ew"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export image"), (suggestion.isEmpty() ? QStringLiteral("diagram") : suggestion) + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!ui::renderSceneToFile(*m_scene, path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::exportWith(const QString &exporterId)
{
    const core::Exporter *exporter = core::ExporterRegistry::builtin().find(exporterId);
    if (!exporter)
        return;
    // The same check as `export` without --force, on the diagram as it is now (the Problems
    // panel may not have caught up with the last edit yet).
    const qsizetype errors = core::exportBlockers(m_diagram->data(), core::Catalog::builtin()).size();
    if (errors > 0
        && QMessageBox::warning(this, tr("The design has errors"),
                                tr("%1 error(s) would make the deployment fail. Export anyway?").arg(errors),
                                QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    const core::ExportResult result = exporter->exportDiagram(m_diagram->data(), core::Catalog::builtin());
    const QString path = ui::CodeViewPanel::saveExport(this, *exporter, result);
    if (!path.isEmpty())
        statusBar()->showMessage(tr("Exported %1 to %2").arg(exporter->displayName(), QDir::toNativeSeparators(path)), 5000);
}

// ---------------------------------------------------------------------------------------------
// Start page

QString MainWindow::examplesDirectory()
{
    const QString app = QCoreApplication::applicationDirPath();
    // Installed (share/eventwright/examples), then the build tree (build/app → examples).
    for (const QString &dir : {app + QStringLiteral("/../share/eventwright/examples"),
                               app + QStringLiteral("/../../examples"), app + QStringLiteral("/../examples")}) {
        if (!QDir(dir).entryList({QStringLiteral("*.ew.yaml")}, QDir::Files).isEmpty())
            return QDir(dir).canonicalPath();
    }
    return {};
}

bool MainWindow::isStartPageShown() const
{
    return m_central->currentWidget() == m_startPage;
}

void MainWindow::showStartPage()
{
    m_startPage->setRecentFiles(m_document->recentFiles());
    QList<ui::StartPage::Entry> examples;
    if (const QString dir = examplesDirectory(); !dir.isEmpty()) {
        for (const QFileInfo &f : QDir(dir).entryInfoList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name)) {
            const core::ProjectLoadResult loaded = core::ProjectSerializer::loadFile(f.filePath());
            const QString title = loaded.ok() && loaded.data->name ? *loaded.data->name : f.completeBaseName();
            examples.append({title, f.filePath()});
        }
    }
    m_startPage->setExamples(examples);
    m_central->setCurrentWidget(m_startPage);
}

void MainWindow::showCanvas()
{
    if (m_central->currentWidget() == m_view)
        return;
    m_central->setCurrentWidget(m_view);
    m_view->setFocus(Qt::OtherFocusReason);
}

// ---------------------------------------------------------------------------------------------
// Renaming, arranging, finding

void MainWindow::renameSelected()
{
    const QStringList ids = m_scene->selectedComponentIds();
    if (ids.size() != 1) {
        statusBar()->showMessage(tr("Select one component to rename it."), 5000);
        return;
    }
    const QString id = ids.first();
    const ui::ComponentItem *item = m_scene->componentItem(id);
    const core::Component *c = m_diagram->component(id);
    if (!item || !c)
        return;
    showCanvas();
    m_view->ensureVisible(item);
    // Over the card's title line (left of it the kind badge, right of it the edge).
    const QRectF title = item->mapRectToScene(QRectF(60, 6, item->cardSize().width() - 64, 28));
    m_view->editText(title, c->displayName(), ui::CanvasStyle::titleFont(), [this, id](const QString &text) {
        const core::Component *component = m_diagram->component(id);
        const QString label = text.trimmed();
        if (!component || label == component->displayName())
            return;
        // Typing the id (or nothing) removes the label: the card shows its id.
        m_editor->renameComponent(id, label == id ? QString() : label);
    });
}

void MainWindow::arrangeSelection(Arrange how)
{
    const QStringList ids = m_scene->selectedComponentIds();
    const bool distribute = how == Arrange::Horizontally || how == Arrange::Vertically;
    if (ids.size() < (distribute ? 3 : 2))
        return;
    QHash<QString, QPointF> at;
    QHash<QString, QSizeF> size;   // cards grow with their titles: edges, not positions, line up
    for (const QString &id : ids) {
        at.insert(id, m_scene->positionOf(id));
        const ui::ComponentItem *item = m_scene->componentItem(id);
        size.insert(id, item ? item->cardSize() : QSizeF(ui::CanvasStyle::CardWidth, ui::CanvasStyle::CardHeight));
    }
    QHash<QString, QPointF> target = at;
    auto extreme = [&](auto edge, bool smallest) {
        qreal best = edge(ids.first());
        for (const QString &id : ids)
            best = smallest ? std::min(best, edge(id)) : std::max(best, edge(id));
        return best;
    };
    auto left = [&](const QString &id) { return at.value(id).x(); };
    auto right = [&](const QString &id) { return at.value(id).x() + size.value(id).width(); };
    auto top = [&](const QString &id) { return at.value(id).y(); };
    auto bottom = [&](const QString &id) { return at.value(id).y() + size.value(id).height(); };
    switch (how) {
    case Arrange::Left: {
        const qreal x = extreme(left, true);
        for (const QString &id : ids)
            target[id].setX(x);
        break;
    }
    case Arrange::Right: {
        const qreal x = extreme(right, false);
        for (const QString &id : ids)
            target[id].setX(x - size.value(id).width());
        break;
    }
    case Arrange::Top: {
        const qreal y = extreme(top, true);
        for (const QString &id : ids)
            target[id].setY(y);
        break;
    }
    case Arrange::Bottom: {
        const qreal y = extreme(bottom, false);
        for (const QString &id : ids)
            target[id].setY(y - size.value(id).height());
        break;
    }
    case Arrange::Horizontally:
    case Arrange::Vertically: {
        // The outermost cards stay; the others move so that the gaps between neighbours are
        // equal, in their current order.
        const bool horizontal = how == Arrange::Horizontally;
        QStringList order = ids;
        std::sort(order.begin(), order.end(), [&](const QString &a, const QString &b) {
            const QPointF pa = at.value(a), pb = at.value(b);
            return horizontal ? std::pair(pa.x(), pa.y()) < std::pair(pb.x(), pb.y())
                              : std::pair(pa.y(), pa.x()) < std::pair(pb.y(), pb.x());
        });
        auto start = [&](const QString &id) { return horizontal ? left(id) : top(id); };
        auto end = [&](const QString &id) { return horizontal ? right(id) : bottom(id); };
        auto extent = [&](const QString &id) { return horizontal ? size.value(id).width() : size.value(id).height(); };
        qreal occupied = 0;
        for (const QString &id : std::as_const(order))
            occupied += extent(id);
        const qreal gap = (end(order.last()) - start(order.first()) - occupied) / (order.size() - 1);
        qreal next = end(order.first()) + gap;
        for (int i = 1; i + 1 < order.size(); ++i) {
            QPointF &p = target[order[i]];
            (horizontal ? p.rx() : p.ry()) = std::round(next);
            next += extent(order[i]) + gap;
        }
        break;
    }
    }
    QHash<QString, QPointF> moved;
    for (const QString &id : ids) {
        const core::Component *c = m_diagram->component(id);
        if (!c->position || *c->position != target.value(id))
            moved.insert(id, target.value(id));
    }
    if (!moved.isEmpty())
        m_editor->moveComponents(moved);   // one undo step for the whole arrangement
}

void MainWindow::updateSelectionActions()
{
    const int cards = int(m_scene->selectedComponentIds().size());
    for (QAction *a : std::as_const(m_alignActions))
        a->setEnabled(cards >= 2);
    for (QAction *a : std::as_const(m_distributeActions))
        a->setEnabled(cards >= 3);
    m_renameAction->setEnabled(cards == 1);
}

static QString findEntry(const core::Component &c)
{
    return c.label && !c.label->isEmpty() && *c.label != c.id ? QStringLiteral("%1 (%2)").arg(*c.label, c.id) : c.id;
}

void MainWindow::refreshFindCompletions()
{
    QStringList entries;
    entries.reserve(qsizetype(m_diagram->components().size()));
    for (const core::Component &c : m_diagram->components())
        entries << findEntry(c);
    static_cast<QStringListModel *>(m_findField->completer()->model())->setStringList(entries);
}

bool MainWindow::findComponent(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return false;
    const auto &components = m_diagram->components();
    const core::Component *found = nullptr;
    // A completion ("Label (id)") names its id; otherwise exact, then prefix, then anywhere.
    for (const core::Component &c : components) {
        if (findEntry(c).compare(wanted, Qt::CaseInsensitive) == 0)
            found = &c;
        if (found)
            break;
    }
    auto matches = [&](auto test) {
        for (const core::Component &c : components) {
            if (test(c.id) || (c.label && test(*c.label)))
                return &c;
        }
        return static_cast<const core::Component *>(nullptr);
    };
    if (!found)
        found = matches([&](const QString &s) { return s.compare(wanted, Qt::CaseInsensitive) == 0; });
    if (!found)
        found = matches([&](const QString &s) { return s.startsWith(wanted, Qt::CaseInsensitive); });
    if (!found)
        found = matches([&](const QString &s) { return s.contains(wanted, Qt::CaseInsensitive); });
    if (!found) {
        statusBar()->showMessage(tr("No component matches “%1”.").arg(wanted), 5000);
        return false;
    }
    showCanvas();
    m_scene->selectComponent(found->id);
    if (const ui::ComponentItem *item = m_scene->componentItem(found->id))
        m_view->centerOn(item->mapRectToScene(QRectF(QPointF(), item->cardSize())).center());
    statusBar()->showMessage(tr("Found %1.").arg(found->displayName()), 5000);
    return true;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_findField) {
        if (event->type() == QEvent::FocusIn)
            refreshFindCompletions();
        else if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            m_findField->clear();
            m_view->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

// ---------------------------------------------------------------------------------------------
// Context menus

void MainWindow::showProperties()
{
    auto *dock = findChild<QDockWidget *>(QStringLiteral("propertiesDock"));
    dock->show();
    dock->raise();
    m_properties->setFocus(Qt::OtherFocusReason);
}

void MainWindow::connectAs(const QString &from, const QString &to, const QString &role)
{
    if (const core::ConnectionId id = m_editor->connect(from, to, role)) {
        m_scene->selectConnection(id);
        statusBar()->showMessage(tr("Connected %1 to %2 (%3).").arg(from, to, role), 5000);
    }
}

void MainWindow::changeConnectionRole(core::ConnectionId id, const QString &role)
{
    // One undo step in the editor; the connection keeps its id, place and selection.
    if (m_editor->setConnectionRole(id, role))
        m_scene->selectConnection(id);
}

void MainWindow::addQuickFixes(QMenu *menu, const QList<core::Diagnostic> &diagnostics)
{
    QList<core::Diagnostic> fixable;
    for (const core::Diagnostic &d : diagnostics) {
        if (d.quickFix)
            fixable << d;
    }
    if (fixable.isEmpty())
        return;
    menu->addSeparator();
    QMenu *fixes = menu->addMenu(tr("Fix Problems"));
    fixes->setObjectName(QStringLiteral("fixMenu"));
    for (const core::Diagnostic &d : std::as_const(fixable)) {
        QString text = QStringLiteral("%1: %2").arg(d.rule, d.quickFix->text);
        fixes->addAction(text.replace(u'&', QStringLiteral("&&")), this, [this, d] { onFixRequested(d); });
    }
}

QMenu *MainWindow::createContextMenu(const QPointF &scenePos, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("canvasContextMenu"));
    const core::Catalog &catalog = core::Catalog::builtin();
    // The card or connection under the position (through any child item, such as a label).
    ui::ComponentItem *card = nullptr;
    ui::ConnectionItem *edge = nullptr;
    for (QGraphicsItem *hit : m_scene->items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder, m_view->transform())) {
        for (QGraphicsItem *i = hit; i && !card && !edge; i = i->parentItem()) {
            card = qgraphicsitem_cast<ui::ComponentItem *>(i);
            edge = qgraphicsitem_cast<ui::ConnectionItem *>(i);
        }
        if (card || edge)
            break;
    }

    if (card) {
        const QString id = card->componentId();
        if (!card->isSelected())
            m_scene->selectComponent(id);
        const core::Component *c = m_diagram->component(id);
        menu->addAction(tr("&Properties"), this, &MainWindow::showProperties);
        QMenu *connectMenu = menu->addMenu(tr("&Connect as…"));
        connectMenu->setObjectName(QStringLiteral("connectMenu"));
        if (const core::KindSpec *kind = c ? catalog.kind(c->kind) : nullptr) {
            for (const core::RoleSpec &r : kind->connections) {
                // The role's one-line summary is long: a tooltip, not the title.
                QMenu *targets = connectMenu->addMenu(r.role);
                targets->setObjectName(QStringLiteral("connect_") + r.role);
                targets->menuAction()->setToolTip(r.summary);
                targets->menuAction()->setStatusTip(r.summary);
                for (const core::Component &t : m_diagram->components()) {
                    if (t.id == id || !core::checkConnection(m_diagram->data(), catalog, id, t.id, r.role).allowed)
                        continue;
                    const QString to = t.id, role = r.role;
                    QAction *a = targets->addAction(QString(t.displayName()).replace(u'&', QStringLiteral("&&")), this,
                                                    [this, id, to, role] { connectAs(id, to, role); });
                    a->setData(to);
                }
                targets->setEnabled(!targets->isEmpty());
            }
        }
        connectMenu->setEnabled(!connectMenu->isEmpty());
        connectMenu->setToolTipsVisible(true);
        menu->addAction(m_renameAction);
        menu->addAction(m_deleteAction);
        ui::addFaultMenu(menu, m_editor, id);
        if (m_scene->selectedComponentIds().size() >= 2) {
            menu->addSeparator();
            menu->addMenu(m_arrangeMenu);
        }
        addQuickFixes(menu, m_scene->diagnosticsOf(id));
        return menu;
    }

    if (edge) {
        const core::ConnectionId id = edge->connectionId();
        if (!edge->isSelected())
            m_scene->selectConnection(id);
        const core::Connection *c = m_diagram->connection(id);
        menu->addAction(tr("&Properties"), this, &MainWindow::showProperties);
        QMenu *roles = menu->addMenu(tr("Change &Role"));
        roles->setObjectName(QStringLiteral("roleMenu"));
        if (c) {
            // The roles that fit between the two ends, judged without this connection.
            core::DiagramData without = m_diagram->data();
            without.connections.erase(without.connections.begin() + m_diagram->connectionIndex(id));
            QStringList fitting = core::checkConnection(without, catalog, c->from, c->to).roles;
            if (!fitting.contains(c->role))
                fitting.prepend(c->role);
            const core::Component *source = m_diagram->component(c->from);
            auto *exclusive = new QActionGroup(roles);   // one role at a time: radio items
            for (const QString &role : std::as_const(fitting)) {
                const core::RoleSpec *spec = source ? catalog.roleSpec(source->kind, role) : nullptr;
                QAction *a = roles->addAction(role, this, [this, id, role] { changeConnectionRole(id, role); });
                a->setData(role);
                if (spec)
                    a->setToolTip(spec->summary);
                a->setCheckable(true);
                a->setChecked(role == c->role);
                exclusive->addAction(a);
            }
        }
        roles->setEnabled(roles->actions().size() > 1);
        roles->setToolTipsVisible(true);
        menu->addAction(m_deleteAction);
        QList<core::Diagnostic> about;
        const int index = m_diagram->connectionIndex(id);
        for (const core::Diagnostic &d : std::as_const(m_diagnostics)) {
            if (d.connectionIndex == index)
                about << d;
        }
        addQuickFixes(menu, about);
        return menu;
    }

    // The empty canvas.
    m_scene->clearSelection();
    QAction *paste = menu->addAction(tr("&Paste"), this, [this, scenePos] { pasteAt(scenePos); });
    paste->setObjectName(QStringLiteral("actionPasteHere"));
    paste->setShortcut(QKeySequence::Paste);   // shown only: the menu bar's action owns the key
    paste->setShortcutContext(Qt::WidgetShortcut);
    paste->setShortcutVisibleInContextMenu(true);
    paste->setEnabled(clipboardFragment().has_value());
    menu->addAction(m_selectAllAction);
    menu->addSeparator();
    menu->addAction(m_zoomFitAction);
    menu->addAction(m_tidyAction);
    return menu;
}

// ---------------------------------------------------------------------------------------------
// Help

void MainWindow::showShortcuts()
{
    if (m_shortcutsDialog) {
        m_shortcutsDialog->raise();
        m_shortcutsDialog->activateWindow();
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setWindowTitle(tr("Keyboard Shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *list = new QTreeWidget(dialog);
    list->setObjectName(QStringLiteral("shortcutsList"));
    list->setColumnCount(2);
    list->setHeaderLabels({tr("Command"), tr("Shortcut")});
    list->setRootIsDecorated(false);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    list->header()->setStretchLastSection(false);
    auto group = [&](const QString &title) {
        auto *item = new QTreeWidgetItem(list, {title});
        QFont f = item->font(0);
        f.setBold(true);
        item->setFont(0, f);
        item->setFirstColumnSpanned(true);
        return item;
    };
    // The menus' own actions: whatever the shortcuts are, the list shows them.
    std::function<void(QMenu *)> addMenu = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->menu()) {
                addMenu(a->menu());
                continue;
            }
            if (a->isSeparator() || a->shortcuts().isEmpty())
                continue;
            QStringList keys;
            for (const QKeySequence &k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            QString text = a->text();
            text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
            auto *item = new QTreeWidgetItem(list, {text.remove(QStringLiteral("…")), keys.join(QStringLiteral(", "))});
            item->setData(0, Qt::UserRole, a->objectName());
        }
    };
    for (QAction *top : menuBar()->actions()) {
        if (!top->menu())
            continue;
        QTreeWidgetItem *heading = group(top->text().remove(u'&'));
        addMenu(top->menu());
        if (list->topLevelItem(list->topLevelItemCount() - 1) == heading)
            delete heading;   // a menu without shortcuts
    }
    // Gestures of the canvas that are not menu actions (diagramscene, diagramview).
    group(tr("Canvas"));
    const std::pair<const char *, const char *> gestures[] = {
        {QT_TR_NOOP("Move the selection by a grid step"), QT_TR_NOOP("Arrow keys")},
        {QT_TR_NOOP("Move the selection by one unit"), QT_TR_NOOP("Shift+Arrow keys")},
        {QT_TR_NOOP("Zoom around the cursor"), QT_TR_NOOP("Ctrl+Wheel")},
        {QT_TR_NOOP("Pan"), QT_TR_NOOP("Space+Drag, or middle-button drag")},
        {QT_TR_NOOP("Connect two components"), QT_TR_NOOP("Drag from a card's right-hand handle")},
        {QT_TR_NOOP("Add to the selection"), QT_TR_NOOP("Ctrl+Click, or drag a rubber band")},
        {QT_TR_NOOP("Context menu (card, connection, canvas)"), QT_TR_NOOP("Right click")},
        {QT_TR_NOOP("Cancel renaming or finding"), QT_TR_NOOP("Esc")},
        {QT_TR_NOOP("Play or pause the simulation (the Simulation panel focused)"), QT_TR_NOOP("Space")},
    };
    for (const auto &[what, keys] : gestures)
        new QTreeWidgetItem(list, {tr(what), tr(keys)});
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(list);
    layout->addWidget(buttons);
    dialog->resize(std::min(560, screen()->availableGeometry().width() - 40),
                   std::min(620, screen()->availableGeometry().height() - 60));
    m_shortcutsDialog = dialog;
    dialog->show();
}

QString MainWindow::documentationPath()
{
    const QString app = QCoreApplication::applicationDirPath();
    // Installed docs, then the source tree next to the build (build/app → README.md).
    for (const QString &root : {app + QStringLiteral("/../share/doc/eventwright"), app + QStringLiteral("/../.."),
                                app + QStringLiteral("/..")}) {
        if (QFileInfo(root + QStringLiteral("/README.md")).isFile() && QFileInfo(root + QStringLiteral("/docs")).isDir())
            return QFileInfo(root + QStringLiteral("/README.md")).canonicalFilePath();
        if (QFileInfo(root + QStringLiteral("/docs")).isDir())
            return QFileInfo(root + QStringLiteral("/docs")).canonicalFilePath();
    }
    return {};
}

void MainWindow::openDocumentation()
{
    const QString path = documentationPath();
    if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        statusBar()->showMessage(tr("No documentation was found next to the program."), 8000);
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Eventwright"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>Eventwright %1</h3>"
                    "<p>A desktop designer for AWS serverless architectures: draw the triggers, functions "
                    "and destinations, see what AWS would refuse before you deploy, and export an AWS SAM "
                    "template, a Terraform module or Mermaid diagrams.</p>"
                    "<p>Built with Qt %2. MIT licence.</p>")
                     .arg(QStringLiteral(EW_VERSION), QString::fromLatin1(qVersion())));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

} // namespace ew::app

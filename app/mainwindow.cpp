// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/mainwindow.h"

#include "app/documentcontroller.h"

#include <core/catalog/catalog.h>
#include <core/editing/diagrameditor.h>
#include <core/export/exporterregistry.h>
#include <core/io/projectserializer.h>
#include <core/layout/autolayout.h>
#include <core/validation/validator.h>
#include <ui/canvas/diagramscene.h>
#include <ui/canvas/diagramview.h>
#include <ui/canvas/overviewview.h>
#include <ui/canvas/sceneimage.h>
#include <ui/panels/codeviewpanel.h>
#include <ui/panels/palettepanel.h>
#include <ui/panels/problemspanel.h>
#include <ui/panels/propertiespanel.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>

#include <algorithm>

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
    setCentralWidget(m_view);
    statusBar()->addPermanentWidget(m_statusCounts);

    createDocks();
    createActions();

    m_revalidate.setSingleShot(true);
    m_revalidate.setInterval(100);   // debounced: validation follows the edits, not every keystroke
    connect(&m_revalidate, &QTimer::timeout, this, &MainWindow::revalidateNow);
    connect(m_diagram, &core::Diagram::changed, &m_revalidate, qOverload<>(&QTimer::start));
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
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
    updateTitle();
    updateRecentMenu();
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
    // The Code tab (tabbed with Problems) shows about a dozen lines of code, within 40 % of
    // the window's height. The dock's title and the tab bar come on top of the panel: laid
    // out once, the shortfall of the panel (Problems, the tab shown) is what to add.
    const int wanted = std::min(height() * 2 / 5, m_codeView->sizeHint().height());
    int bottom = wanted;
    resizeDocks({problemsDock}, {bottom}, Qt::Vertical);
    layout()->activate();
    if (const int shortfall = wanted - m_problems->height(); shortfall > 0) {
        bottom = std::min(height() * 2 / 5, bottom + shortfall);
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

    m_codeView = new ui::CodeViewPanel(*m_diagram, core::Catalog::builtin(),
                                       core::ExporterRegistry::builtin(), this);
    auto *codeDock = new QDockWidget(tr("Code"), this);
    codeDock->setObjectName(QStringLiteral("codeDock"));
    codeDock->setWidget(m_codeView);
    addDockWidget(Qt::BottomDockWidgetArea, codeDock);
    tabifyDockWidget(problemsDock, codeDock);
    problemsDock->raise();
}

void MainWindow::createActions()
{
    QUndoStack *undo = m_editor->undoStack();

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, m_document, &DocumentController::newDocument);
    file->addAction(tr("&Open…"), QKeySequence::Open, m_document, &DocumentController::openWithDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, m_document, &DocumentController::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, m_document, &DocumentController::saveAs);
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
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undoAction = undo->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = undo->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    edit->addAction(undoAction);
    edit->addAction(redoAction);
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, this, [this] {
        copySelection();
        m_scene->deleteSelection();
    });
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, &MainWindow::copySelection);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, this, &MainWindow::paste);
    edit->addAction(tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] {
        m_scene->pasteFragment(m_scene->selectionFragment(), QPointF(40, 40));
    });
    QAction *del = edit->addAction(tr("De&lete"), this, [this] { m_scene->deleteSelection(); });
    del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    edit->addSeparator();
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] { m_scene->selectAllItems(); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { m_view->zoomBy(1.25); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { m_view->zoomBy(0.8); });
    view->addAction(tr("Zoom to &Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), this, &MainWindow::zoomToFit);
    view->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_1), this, &MainWindow::zoomReset);
    view->addAction(tr("&Tidy Layout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), this,
                    &MainWindow::tidyLayout);
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

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
        zoomToFit();
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
        zoomToFit();
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
    const QStringList components = m_scene->selectedComponentIds();
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

void MainWindow::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    const QByteArray text = mime->hasFormat(QLatin1String(FragmentMime)) ? mime->data(QLatin1String(FragmentMime))
                                                                         : mime->text().toUtf8();
    const core::ProjectLoadResult loaded = core::ProjectSerializer::load(text);
    if (!loaded.ok() || loaded.data->components.empty()) {
        statusBar()->showMessage(tr("The clipboard holds no Eventwright components."), 5000);
        return;
    }
    ++m_pasteCount;
    m_scene->pasteFragment(*loaded.data, QPointF(40, 40) * m_pasteCount);
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
    int errors = 0;
    for (const core::Diagnostic &d : std::as_const(m_diagnostics))
        errors += d.severity == core::Severity::Error;
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

} // namespace ew::app

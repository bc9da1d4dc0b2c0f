// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/mainwindow.h"

#include <core/catalog/catalog.h>
#include <core/editing/diagrameditor.h>
#include <core/io/projectserializer.h>
#include <core/validation/validator.h>
#include <ui/canvas/diagramscene.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsView>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyle>

namespace ew::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_diagram(new core::Diagram(this))
    , m_editor(new editing::DiagramEditor(*m_diagram, core::Catalog::builtin(), this))
    , m_scene(new ui::DiagramScene(*m_diagram, core::Catalog::builtin(), this))
    , m_view(new QGraphicsView(m_scene, this))
    , m_problems(new QListWidget(this))
    , m_statusCounts(new QLabel(this))
{
    m_view->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setCentralWidget(m_view);

    auto *dock = new QDockWidget(tr("Problems"), this);
    dock->setObjectName(QStringLiteral("problemsDock"));
    dock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {150}, Qt::Vertical);
    statusBar()->addPermanentWidget(m_statusCounts);

    createActions();
    connect(m_diagram, &core::Diagram::changed, this, &MainWindow::revalidate);
    resize(1280, 800);
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fit = view->addAction(tr("Zoom to &Fit"), this, &MainWindow::zoomToFit);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *reset = view->addAction(tr("&Actual Size"), this, &MainWindow::zoomReset);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *zoomIn = view->addAction(tr("Zoom &In"), this, [this] { m_view->scale(1.25, 1.25); });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = view->addAction(tr("Zoom &Out"), this, [this] { m_view->scale(0.8, 0.8); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
}

void MainWindow::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open project"), QFileInfo(m_filePath).absolutePath(),
        tr("Eventwright projects (*.ew.yaml);;YAML files (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    const core::ProjectLoadResult loaded = core::ProjectSerializer::loadFile(path);
    if (!loaded.ok()) {
        m_lastError = loaded.error.format(QFileInfo(path).fileName());
        statusBar()->showMessage(m_lastError);
        if (isVisible())
            QMessageBox::warning(this, tr("Cannot open project"), m_lastError);
        return false;
    }
    m_lastError.clear();
    m_filePath = path;
    m_diagram->reset(*loaded.data);
    updateTitle();
    if (isVisible())
        zoomToFit();
    else
        m_fitPending = true;
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_fitPending) {
        m_fitPending = false;
        zoomToFit();
    }
}

void MainWindow::zoomToFit()
{
    const QRectF rect = m_scene->contentsRect();
    if (rect.isEmpty())
        return;
    m_view->fitInView(rect, Qt::KeepAspectRatio);
    // Never magnify a small diagram beyond 100 %: cards should keep their real size.
    if (m_view->transform().m11() > 1.0)
        zoomReset();
    m_view->centerOn(rect.center());
}

void MainWindow::zoomReset()
{
    m_view->setTransform(QTransform());
}

void MainWindow::revalidate()
{
    const QList<core::Diagnostic> diagnostics =
        core::Validator::validate(m_diagram->data(), core::Catalog::builtin());
    m_problems->clear();
    int errors = 0, warnings = 0;
    for (const core::Diagnostic &d : diagnostics) {
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (d.severity == core::Severity::Error) {
            icon = QStyle::SP_MessageBoxCritical;
            ++errors;
        } else if (d.severity == core::Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
            ++warnings;
        }
        auto *item = new QListWidgetItem(style()->standardIcon(icon),
                                         QStringLiteral("%1  %2").arg(d.rule, d.message), m_problems);
        item->setToolTip(d.fix);
    }
    if (diagnostics.isEmpty())
        new QListWidgetItem(style()->standardIcon(QStyle::SP_DialogApplyButton),
                            tr("No problems: the design follows every rule checked."), m_problems);
    m_statusCounts->setText(tr("%1 components · %2 connections · %3 errors · %4 warnings")
                                .arg(m_diagram->components().size())
                                .arg(m_diagram->connections().size())
                                .arg(errors)
                                .arg(warnings));
}

void MainWindow::updateTitle()
{
    const QString name = m_diagram->data().name.value_or(
        m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName());
    setWindowTitle(tr("%1 — Eventwright").arg(name));
}

} // namespace ew::app

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/model/diagram.h>
#include <core/validation/diagnostic.h>

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QLabel;
class QMenu;

namespace ew::editing { class DiagramEditor; }
namespace ew::ui {
class CodeViewPanel;
class DiagramScene;
class DiagramView;
class OverviewView;
class PalettePanel;
class ProblemsPanel;
class PropertiesPanel;
}

namespace ew::app {


class DocumentController;

/// The designer's main window: lays out the canvas and the panels and wires actions to the
/// scene, the editor and the document controller. It owns no model logic.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads a project; on failure keeps the current document (lastError() says why).
    bool openFile(const QString &path);
    QString lastError() const;

    ui::DiagramScene *scene() const { return m_scene; }
    ui::DiagramView *view() const { return m_view; }
    ui::ProblemsPanel *problemsPanel() const { return m_problems; }
    ui::PropertiesPanel *propertiesPanel() const { return m_properties; }
    ui::PalettePanel *palettePanel() const { return m_palette; }
    ui::CodeViewPanel *codeViewPanel() const { return m_codeView; }
    editing::DiagramEditor *editor() const { return m_editor; }
    DocumentController *document() const { return m_document; }
    const core::Diagram &diagram() const { return *m_diagram; }
    /// Runs validation now instead of after the debounce delay (tests, screenshots).
    void revalidateNow();
    const QList<core::Diagnostic> &diagnostics() const { return m_diagnostics; }
    /// The report of the last template import (empty when nothing to report).
    QString importReport() const { return m_importReport; }

public slots:
    void zoomToFit();
    void zoomReset();
    /// Lays the whole diagram out again (Graphviz), as one undo step.
    void tidyLayout();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    /// Window geometry and dock layout from the last session (QSettings), else the defaults;
    /// either way kept inside the available screen.
    void restoreWindowState();
    void saveWindowState() const;
    /// Shrinks and moves the window so that it fits the available geometry of its screen.
    void fitToScreen();
    /// First-start dock sizes: the code readable (about 12 lines), the properties' fields whole.
    void applyDefaultDockSizes();
    void createDocks();
    void createActions();
    void updateRecentMenu();
    void updateTitle();
    void onSelectionChanged();
    void onDiagnosticActivated(const core::Diagnostic &diagnostic);
    void onFixRequested(const core::Diagnostic &diagnostic);
    void onExplainRequested(const core::Diagnostic &diagnostic);
    void copySelection();
    void paste();
    void exportImage();
    void exportWith(const QString &exporterId);

    core::Diagram *m_diagram;
    editing::DiagramEditor *m_editor;
    ui::DiagramScene *m_scene;
    ui::DiagramView *m_view;
    ui::PalettePanel *m_palette = nullptr;
    ui::PropertiesPanel *m_properties = nullptr;
    ui::ProblemsPanel *m_problems = nullptr;
    ui::OverviewView *m_overview = nullptr;
    ui::CodeViewPanel *m_codeView = nullptr;
    QPointer<DocumentController> m_document;
    QLabel *m_statusCounts;
    QMenu *m_recentMenu = nullptr;
    QTimer m_revalidate;
    QList<core::Diagnostic> m_diagnostics;
    bool m_fitPending = false;   ///< a document opened before the view had its real size
    bool m_dockSizesPending = false;   ///< no saved dock layout: size the docks when first shown
    int m_pasteCount = 0;
    QString m_importReport;
};

} // namespace ew::app

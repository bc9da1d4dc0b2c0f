// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/model/diagram.h>
#include <core/validation/diagnostic.h>

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <optional>

class QAction;
class QDialog;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;

namespace ew::editing { class DiagramEditor; }
namespace ew::ui {
class CodeViewPanel;
class DiagramScene;
class DiagramView;
class OverviewView;
class PalettePanel;
class ProblemsPanel;
class PropertiesPanel;
class SimulationOverlay;
class SimulationPanel;
class StartPage;
}

namespace ew::app {


class DocumentController;

/// The designer's main window: lays out the canvas and the panels and wires actions to the
/// scene, the editor and the document controller. It owns no model logic.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    /// How Arrange lines up or spaces out the selected cards.
    enum class Arrange { Left, Right, Top, Bottom, Horizontally, Vertically };

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
    ui::SimulationPanel *simulationPanel() const { return m_simulation; }
    ui::SimulationOverlay *simulationOverlay() const { return m_simulationOverlay; }
    /// Simulate mode: the simulation dock shown and the run drawn over the canvas.
    bool isSimulateMode() const;
    ui::StartPage *startPage() const { return m_startPage; }
    bool isStartPageShown() const;
    /// The toolbar's "Find component" field (Ctrl+F).
    QLineEdit *findField() const { return m_findField; }
    /// The context menu for what lies at this scene position: a card, a connection or the
    /// empty canvas. Selects what was clicked when it was not selected. The caller owns it.
    QMenu *createContextMenu(const QPointF &scenePos, QWidget *parent = nullptr);
    /// The bundled examples' folder, looked for next to the program ("" when none).
    static QString examplesDirectory();
    /// The user documentation next to the program: the README, else the docs folder ("").
    static QString documentationPath();
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
    /// How a design is first shown (open, import, recovery): fitted, but not below a readable
    /// scale (ReadableZoom); a bigger design shows its start.
    void showDesign();
    void zoomReset();
    /// Lays the whole diagram out again (Graphviz), as one undo step.
    void tidyLayout();
    /// The start page (new, open, recent files, examples) in place of the canvas, until a
    /// document is opened or edited.
    void showStartPage();
    void showCanvas();
    /// Renames the selected card in place (F2), as one undoable edit.
    void renameSelected();
    /// Aligns (2+ cards) or distributes (3+ cards) the selection, as one undo step.
    void arrangeSelection(Arrange how);
    /// Selects and centres the first component whose id or label matches the text (exactly,
    /// then as a prefix, then anywhere, ignoring case); false when none does.
    bool findComponent(const QString &text);
    /// Enters or leaves Simulate mode; entering runs the simulation when there is no run yet.
    void setSimulateMode(bool on);
    /// Runs the simulation of the design as it is now (entering Simulate mode first).
    void runSimulation();
    /// Problems → Show Me: the rule's scripted run on this design, in Simulate mode.
    void showMe(const core::Diagnostic &diagnostic);
    /// The Help menu's non-modal windows.
    void showShortcuts();
    void showAbout();
    void openDocumentation();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

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
    void updateSelectionActions();
    void showProperties();
    void connectAs(const QString &from, const QString &to, const QString &role);
    /// Gives a connection another role, keeping the properties the new role also has; one
    /// undo step.
    void changeConnectionRole(core::ConnectionId id, const QString &role);
    void addQuickFixes(QMenu *menu, const QList<core::Diagnostic> &diagnostics);
    void refreshFindCompletions();
    void copySelection();
    /// The components on the clipboard, if it holds any (copied here or as project text).
    std::optional<core::DiagramData> clipboardFragment() const;
    void paste();
    /// Pastes with the copied cards' top-left corner at this scene position.
    void pasteAt(const QPointF &scenePos);
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
    ui::SimulationPanel *m_simulation = nullptr;
    ui::SimulationOverlay *m_simulationOverlay = nullptr;
    QAction *m_simulateAction = nullptr;
    QStackedWidget *m_central = nullptr;
    ui::StartPage *m_startPage = nullptr;
    QLineEdit *m_findField = nullptr;
    QPointer<QDialog> m_shortcutsDialog;
    // Actions the context menus share with the menu bar (so they show the same shortcuts).
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_zoomFitAction = nullptr;
    QAction *m_tidyAction = nullptr;
    QList<QAction *> m_alignActions;        ///< need 2 selected cards
    QList<QAction *> m_distributeActions;   ///< need 3
    QMenu *m_arrangeMenu = nullptr;
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

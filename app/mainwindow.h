// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/model/diagram.h>

#include <QMainWindow>

class QGraphicsView;
class QLabel;
class QListWidget;

namespace ew::editing { class DiagramEditor; }
namespace ew::ui { class DiagramScene; }

namespace ew::app {

/// The designer's main window: lays out the canvas and panels and wires the menus.
/// This version shows a project (read-only canvas) and its problems.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads a project; on failure shows the error and keeps the current document.
    bool openFile(const QString &path);
    ui::DiagramScene *scene() const { return m_scene; }
    QGraphicsView *view() const { return m_view; }
    QListWidget *problemsList() const { return m_problems; }
    const core::Diagram &diagram() const { return *m_diagram; }
    QString lastError() const { return m_lastError; }

public slots:
    void zoomToFit();
    void zoomReset();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void openDialog();
    void revalidate();
    void updateTitle();

    core::Diagram *m_diagram;
    editing::DiagramEditor *m_editor;
    ui::DiagramScene *m_scene;
    QGraphicsView *m_view;
    QListWidget *m_problems;
    QLabel *m_statusCounts;
    QString m_filePath;
    QString m_lastError;
    bool m_fitPending = false;   ///< a document opened before the view had its real size
};

} // namespace ew::app

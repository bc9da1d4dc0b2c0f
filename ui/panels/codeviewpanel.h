// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>

#include <QTimer>
#include <QWidget>

class QPlainTextEdit;
class QTabWidget;

namespace ew::core {
class Exporter;
class ExporterRegistry;
struct ExportResult;
}

namespace ew::ui {

class CodeHighlighter;

/// The live export of the open project, one read-only tab per exporter (SAM, Terraform,
/// Mermaid…), refreshed shortly after each edit while the panel is visible; "Save as…" writes
/// the shown export atomically.
class CodeViewPanel final : public QWidget
{
    Q_OBJECT
public:
    CodeViewPanel(const core::Diagram &diagram, const core::Catalog &catalog,
                  const core::ExporterRegistry &registry, QWidget *parent = nullptr);

    /// Re-exports every tab now.
    void refresh();
    QString text(const QString &exporterId) const;
    /// The read-only editor of one exporter's tab (nullptr for an unknown id).
    QPlainTextEdit *editor(const QString &exporterId) const;
    CodeHighlighter *highlighter(const QString &exporterId) const;
    /// How tall the panel wants to be at first: about a dozen lines of code.
    QSize sizeHint() const override;
    /// Asks where to put an export (a folder for Terraform, a file otherwise) and writes it
    /// atomically; returns the path, or "" when cancelled or failed (the user was told why).
    static QString saveExport(QWidget *parent, const core::Exporter &exporter,
                              const core::ExportResult &result);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void saveAs();

    const core::Diagram &m_diagram;
    const core::Catalog &m_catalog;
    const core::ExporterRegistry &m_registry;
    QTabWidget *m_tabs;
    QList<QPlainTextEdit *> m_editors;
    QList<CodeHighlighter *> m_highlighters;
    QTimer m_timer;
};

} // namespace ew::ui

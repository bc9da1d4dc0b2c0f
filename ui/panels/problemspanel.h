// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/validation/diagnostic.h>

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace ew::ui {

/// The live list of diagnostics: severity icon, rule id, message. Selecting one asks the
/// window to select and centre its component or connection; "Fix" applies its quick fix and
/// "Explain" shows the rule's explanation.
class ProblemsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget *parent = nullptr);

    void setDiagnostics(const QList<core::Diagnostic> &diagnostics);
    const QList<core::Diagnostic> &diagnostics() const { return m_diagnostics; }
    /// The selected diagnostic, or nullptr.
    const core::Diagnostic *currentDiagnostic() const;
    void setCurrentRow(int row);
    QTreeWidget *list() const { return m_list; }
    QPushButton *fixButton() const { return m_fix; }
    QPushButton *explainButton() const { return m_explain; }

signals:
    void diagnosticActivated(const ew::core::Diagnostic &diagnostic);
    void fixRequested(const ew::core::Diagnostic &diagnostic);
    void explainRequested(const ew::core::Diagnostic &diagnostic);

private:
    void updateButtons();

    QTreeWidget *m_list;
    QPushButton *m_fix;
    QPushButton *m_explain;
    QLabel *m_summary;
    QList<core::Diagnostic> m_diagnostics;
};

} // namespace ew::ui

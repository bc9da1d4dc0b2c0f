// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/validation/diagnostic.h>

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace ew::ui {

/// The live list of diagnostics: severity icon, rule id, message. Selecting one asks the
/// window to select and centre its component or connection; "Fix" applies its quick fix,
/// "Explain" shows the rule's explanation and "Show me" asks for the rule's scripted simulation
/// (core/simulation/showme.h), offered only for diagnostics that have one.
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
    QPushButton *showMeButton() const { return m_showMe; }
    /// Decides whether a diagnostic has a show-me (its script fits the design). By default the
    /// rule having a script is enough; the window passes a check against its document.
    void setShowMeCheck(std::function<bool(const core::Diagnostic &)> check);

signals:
    void diagnosticActivated(const ew::core::Diagnostic &diagnostic);
    void fixRequested(const ew::core::Diagnostic &diagnostic);
    void explainRequested(const ew::core::Diagnostic &diagnostic);
    /// "Show me" was pressed (or chosen from the row's context menu) for a diagnostic that
    /// has a show-me script.
    void showMeRequested(const ew::core::Diagnostic &diagnostic);

private:
    void updateButtons();
    bool hasShowMe(const core::Diagnostic &diagnostic) const;

    QTreeWidget *m_list;
    QPushButton *m_fix;
    QPushButton *m_explain;
    QPushButton *m_showMe;
    std::function<bool(const core::Diagnostic &)> m_showMeCheck;
    QLabel *m_summary;
    QList<core::Diagnostic> m_diagnostics;
};

} // namespace ew::ui

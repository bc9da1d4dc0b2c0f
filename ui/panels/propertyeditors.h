// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>
#include <core/validation/diagnostic.h>

#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QToolButton;

namespace ew::ui {

class FieldFrame;

/// Applies a row's edit: a value, or nullopt to remove the property (the default applies).
/// merge: a continuous edit of one field (typing, spin arrows) that may merge with the last one.
using PropertyApply = std::function<void(const std::optional<core::Value> &value, bool merge)>;

/// One catalog property of the element shown in the properties panel: the editor generated
/// from the PropertySpec (objectName "prop_<Name>"), a reset button ("reset_<Name>") enabled
/// while the property is set, an inline problem line ("problem_<Name>") under a red frame,
/// and the validator's findings about the property ("diagnostics_<Name>").
/// The row never writes the model itself: it calls its PropertyApply.
class PropertyRow : public QWidget
{
    Q_OBJECT
public:
    /// The row for the spec's type. diagram and catalog provide the choices of component
    /// references; apply is called with every user edit.
    static PropertyRow *create(const core::PropertySpec &spec, const core::Diagram &diagram,
                               const core::Catalog &catalog, PropertyApply apply,
                               QWidget *parent = nullptr);

    /// Rich-text tooltip: summary, type and range, default and documentation address.
    static QString toolTip(const core::PropertySpec &spec);
    /// "3 s", "[x86_64]": a value as shown in hints, with the spec's unit.
    static QString valueHint(const core::PropertySpec &spec, const core::Value &value);

    const core::PropertySpec &spec() const { return m_spec; }
    /// The form label (the property name), with the tooltip; its buddy is the editor.
    QLabel *label() const { return m_label; }
    QWidget *editor() const { return m_editor; }
    QToolButton *resetButton() const { return m_reset; }

    /// Shows the model's value (nullptr: not set). The editor keeps its text and cursor when
    /// it already shows this value, in particular while the user's own edit is being applied.
    void setValue(const core::Value *value);
    /// The diagram's components changed (component references list them).
    virtual void updateChoices() {}

    /// The value has a problem or an error finding (red frame and a line under the editor
    /// saying why).
    bool hasProblem() const;
    /// checkPropertyValue's message, the YAML error of the text being typed, or "".
    QString problem() const;

    /// The validator's findings about this property, shown under the editor with their rule
    /// ids; an empty list hides the line. The problem line is not repeated when a finding
    /// already says the same (FN-001 "Timeout must be 1 to 900 s (it is 1000)").
    void setDiagnostics(const QList<core::Diagnostic> &diagnostics);
    const QList<core::Diagnostic> &diagnostics() const { return m_diagnostics; }
    /// Shows findings in a label, one line each ("✖ FN-001  Lambda function 'worker': Timeout
    /// must be …") in the colour of the worst severity (the canvas badges' colours), with
    /// what to change as the tooltip; hides it when there are none. The panel's line of
    /// findings about no property in particular uses it too.
    static void showDiagnostics(QLabel *label, const QList<core::Diagnostic> &diagnostics);

protected:
    PropertyRow(const core::PropertySpec &spec, PropertyApply apply, QWidget *parent);

    /// Puts the editor into the row; call once from the subclass constructor.
    void setEditor(QWidget *editor);
    /// Sends a user edit to the model. The editor shows `value` afterwards.
    void apply(const std::optional<core::Value> &value, bool merge);
    /// An error of the text being typed (YAML that does not parse); "" clears it. It is shown
    /// instead of the model value's problem.
    void setInputError(const QString &message);
    /// Shows the model value again, even if the editor seems to show it already.
    void reshow();
    /// The model value (nullopt: not set).
    const std::optional<core::Value> &modelValue() const { return m_model; }

    /// Makes the editor show the value (nullptr: not set, show the default). Signals of the
    /// editor are blocked around the call.
    virtual void showValue(const core::Value *value) = 0;
    /// A problem beyond checkPropertyValue's (e.g. a reference to a missing component).
    virtual QString extraProblem(const core::Value &value) const;

private:
    void updateState();

    core::PropertySpec m_spec;
    PropertyApply m_apply;
    QLabel *m_label = nullptr;
    FieldFrame *m_frame = nullptr;
    QWidget *m_editor = nullptr;
    QToolButton *m_reset = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_diagnosticsLabel = nullptr;
    QList<core::Diagnostic> m_diagnostics;
    std::optional<core::Value> m_model;
    std::optional<core::Value> m_shown;   ///< what the editor was last made to show
    bool m_everShown = false;
    bool m_applying = false;
    bool m_showing = false;
    QString m_inputError;
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/panels/propertyeditors.h"

#include <core/model/diagram.h>
#include <core/validation/diagnostic.h>

#include <QList>
#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QScrollArea;
class QVBoxLayout;

namespace ew::editing { class DiagramEditor; }

namespace ew::ui {

class WorkloadEditor;

/// Editors generated from the catalog for the selected component or connection. Every edit
/// goes through DiagramEditor as one undo step (typing in one field merges).
///
/// A component shows a header (icon, kind, id, link to the AWS docs), its label and one row
/// per catalog property of its kind; a connection shows "from → to (role)" and its role's
/// properties. Properties the catalog does not know are listed read-only at the end. Editors
/// are named "prop_<Name>" (the label field "prop_label"). The panel follows the diagram:
/// values are updated in place (the field being typed in keeps its cursor), and it clears
/// itself when the shown element is removed.
///
/// The validator's findings about the shown element are shown inline: under the row of the
/// property a finding is about ("diagnostics_<Name>"), the others under the header
/// ("diagnostics").
///
/// A workload source or a lambda-function also shows the collapsible "Simulation" group
/// (WorkloadEditor: its load or its behaviour and faults in the project's `simulation`
/// section); with nothing selected the panel shows the run's keys there.
class PropertiesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesPanel(editing::DiagramEditor &editor, QWidget *parent = nullptr);
    ~PropertiesPanel() override;

    void showComponent(const QString &componentId);
    void showConnection(core::ConnectionId connectionId);
    void clear();

    /// The component shown, or "" (nothing or a connection is shown).
    QString componentId() const { return m_componentId; }
    /// The connection shown, or 0.
    core::ConnectionId connectionId() const { return m_connectionId; }
    bool isEmpty() const { return m_componentId.isEmpty() && m_connectionId == 0; }

    /// The findings of the last validation of the whole project; the panel shows those about
    /// the element shown, now and whenever it shows another one.
    void setDiagnostics(const QList<core::Diagnostic> &diagnostics);

    /// The Simulation group shown, or nullptr.
    WorkloadEditor *workloadEditor() const { return m_workload; }

    QSize sizeHint() const override { return {340, 600}; }

private:
    static constexpr int MinimumFieldWidth = 170;

    void rebuild();
    void buildComponent(QWidget *content, const core::Component &component);
    void buildConnection(QWidget *content, const core::Connection &connection);
    void addRow(QWidget *content, const core::PropertySpec &spec, const core::Value &properties,
                PropertyApply apply);
    void addUnknownRows(QWidget *content);
    void addWorkloadEditor(QVBoxLayout *layout, QWidget *content, const QString &componentId);
    int workloadScope() const;
    void addDiagnosticsLine(QVBoxLayout *layout, QWidget *content);
    void showDiagnostics();
    bool isAboutShown(const core::Diagnostic &d) const;
    PropertyRow *rowOf(const core::Diagnostic &d) const;
    void updateFormLayout();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void refresh();
    void commitPendingEdit();
    const core::Value *shownProperties() const;
    std::vector<core::MapEntry> unknownProperties() const;

    void onComponentChanged(const QString &id);
    void onComponentSetChanged(const QString &id);
    void onConnectionChanged(core::ConnectionId id);
    void onConnectionRemoved(core::ConnectionId id);
    void onConnectionSetChanged();
    void onTopLevelChanged(const QString &key);
    void onDiagramReset();

    editing::DiagramEditor &m_editor;
    QScrollArea *m_scroll = nullptr;
    QString m_componentId;
    core::ConnectionId m_connectionId = 0;
    QLineEdit *m_labelEdit = nullptr;
    QFormLayout *m_form = nullptr;
    bool m_formLayoutSet = false;
    std::vector<PropertyRow *> m_rows;
    QLabel *m_diagnosticsLine = nullptr;     ///< findings about no row in particular
    QList<core::Diagnostic> m_diagnostics;   ///< of the whole project
    std::vector<core::MapEntry> m_unknown;  ///< as listed, to notice when they change
    bool m_building = false;
    WorkloadEditor *m_workload = nullptr;
    int m_workloadScope = 0;                ///< what m_workload shows (workloadScope())
    bool m_simulationExpanded = true;       ///< the group's state, kept while switching
};

} // namespace ew::ui

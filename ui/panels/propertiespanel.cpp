// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/propertiespanel.h"

#include "ui/iconprovider.h"
#include "ui/panels/propertyeditors.h"
#include "ui/panels/workloadeditor.h"

#include <core/editing/diagrameditor.h>
#include <core/model/wellknown.h>
#include <core/simulation/workload.h>

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace ew::ui {

using core::Value;

PropertiesPanel::PropertiesPanel(editing::DiagramEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("propertiesScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_scroll);
    m_scroll->viewport()->installEventFilter(this);

    core::Diagram &diagram = m_editor.diagram();
    connect(&diagram, &core::Diagram::componentChanged, this, &PropertiesPanel::onComponentChanged);
    connect(&diagram, &core::Diagram::componentAdded, this, &PropertiesPanel::onComponentSetChanged);
    connect(&diagram, &core::Diagram::componentRemoved, this,
            &PropertiesPanel::onComponentSetChanged);
    connect(&diagram, &core::Diagram::connectionChanged, this,
            &PropertiesPanel::onConnectionChanged);
    connect(&diagram, &core::Diagram::connectionRemoved, this,
            &PropertiesPanel::onConnectionRemoved);
    connect(&diagram, &core::Diagram::connectionAdded, this,
            &PropertiesPanel::onConnectionSetChanged);
    connect(&diagram, &core::Diagram::topLevelChanged, this, &PropertiesPanel::onTopLevelChanged);
    connect(&diagram, &core::Diagram::diagramReset, this, &PropertiesPanel::onDiagramReset);

    rebuild();
}

PropertiesPanel::~PropertiesPanel()
{
    // A field with typed text commits it when the closing panel takes its focus away; the
    // panel, half destroyed by then, must not react to that change.
    disconnect(&m_editor.diagram(), nullptr, this, nullptr);
}

void PropertiesPanel::showComponent(const QString &componentId)
{
    if (componentId == m_componentId && m_connectionId == 0) {
        refresh();
        return;
    }
    commitPendingEdit();
    m_componentId = m_editor.diagram().component(componentId) ? componentId : QString();
    m_connectionId = 0;
    rebuild();
}

void PropertiesPanel::showConnection(core::ConnectionId connectionId)
{
    if (connectionId != 0 && connectionId == m_connectionId) {
        refresh();
        return;
    }
    commitPendingEdit();
    m_componentId.clear();
    m_connectionId = m_editor.diagram().connection(connectionId) ? connectionId : 0;
    rebuild();
}

void PropertiesPanel::clear()
{
    commitPendingEdit();
    m_componentId.clear();
    m_connectionId = 0;
    rebuild();
}

/// A field being typed in (a spin box commits on focus out) is committed to the element it
/// belongs to before the panel shows another one.
void PropertiesPanel::commitPendingEdit()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && m_scroll->widget() && m_scroll->widget()->isAncestorOf(focus))
        focus->clearFocus();
}

static QLabel *newHint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

static QLabel *newSectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setContentsMargins(0, 8, 0, 2);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

static QFormLayout *newForm()
{
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setHorizontalSpacing(8);
    form->setVerticalSpacing(4);
    return form;
}

/// Icon, title, "subtitle · AWS docs" and a summary.
static void addHeader(QVBoxLayout *layout, QWidget *content, const QIcon &icon,
                      const QString &title, const QString &subtitle, const QString &doc,
                      const QString &summary)
{
    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    auto *iconLabel = new QLabel(content);
    iconLabel->setObjectName(QStringLiteral("headerIcon"));
    iconLabel->setPixmap(icon.pixmap(QSize(36, 36), content->devicePixelRatioF()));
    iconLabel->setFixedSize(36, 36);
    row->addWidget(iconLabel, 0, Qt::AlignTop);

    auto *texts = new QVBoxLayout;
    texts->setSpacing(1);
    auto *titleLabel = new QLabel(title, content);
    titleLabel->setObjectName(QStringLiteral("headerTitle"));
    titleLabel->setWordWrap(true);
    titleLabel->setTextFormat(Qt::PlainText);
    titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = titleLabel->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    titleLabel->setFont(font);
    texts->addWidget(titleLabel);

    QString sub = subtitle.toHtmlEscaped();
    if (!doc.isEmpty()) {
        sub += QStringLiteral(" &nbsp;·&nbsp; <a href=\"%1\">%2</a>")
                   .arg(doc.toHtmlEscaped(), PropertiesPanel::tr("AWS docs"));
    }
    auto *subLabel = new QLabel(sub, content);
    subLabel->setObjectName(QStringLiteral("headerSubtitle"));
    subLabel->setTextFormat(Qt::RichText);
    subLabel->setWordWrap(true);
    subLabel->setOpenExternalLinks(true);
    subLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    if (!doc.isEmpty())
        subLabel->setToolTip(doc);
    texts->addWidget(subLabel);
    row->addLayout(texts, 1);
    layout->addLayout(row);

    if (!summary.isEmpty())
        layout->addWidget(newHint(summary, content));
}

void PropertiesPanel::rebuild()
{
    // The same element shown again (its unknown properties changed, or the diagram was reset):
    // the field with the focus commits what is typed in it, and has the focus again after.
    QString focusName;
    QWidget *old = m_scroll->widget();
    if (QWidget *focus = QApplication::focusWidget(); old && focus && old->isAncestorOf(focus)) {
        for (QWidget *w = focus; w && w != old && focusName.isEmpty(); w = w->parentWidget()) {
            if (w->objectName().startsWith(QLatin1String("prop_"))
                || w->objectName().startsWith(QLatin1String("reset_"))
                || w->objectName().startsWith(QLatin1String("sim_")))
                focusName = w->objectName();
        }
        focus->clearFocus();
    }
    m_building = true;

    m_rows.clear();
    m_unknown.clear();
    m_diagnosticsLine = nullptr;
    m_labelEdit = nullptr;
    m_form = nullptr;
    m_formLayoutSet = false;
    m_workload = nullptr;
    m_workloadScope = 0;
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("propertiesContent"));
    const core::Diagram &diagram = m_editor.diagram();
    if (const core::Component *c = diagram.component(m_componentId)) {
        buildComponent(content, *c);
    } else if (const core::Connection *k = diagram.connection(m_connectionId)) {
        buildConnection(content, *k);
    } else {
        m_componentId.clear();
        m_connectionId = 0;
        auto *layout = new QVBoxLayout(content);
        layout->setContentsMargins(8, 8, 8, 8);
        layout->setSpacing(6);
        auto *hint = newHint(tr("Select a component or a connection to see its properties."),
                             content);
        hint->setObjectName(QStringLiteral("emptyHint"));
        hint->setAlignment(Qt::AlignCenter);
        layout->addStretch(1);
        layout->addWidget(hint);
        layout->addStretch(1);
        // The run's keys (duration, seed, account concurrency) belong to no component.
        addWorkloadEditor(layout, content, QString());
        layout->addStretch(2);
    }

    if (old) {
        m_scroll->takeWidget();
        old->hide();
        old->deleteLater();
    }
    m_scroll->setWidget(content);
    showDiagnostics();
    updateFormLayout();
    if (!focusName.isEmpty()) {
        if (auto *w = content->findChild<QWidget *>(focusName))
            w->setFocus();
    }
    m_building = false;
}

void PropertiesPanel::buildComponent(QWidget *content, const core::Component &component)
{
    const core::KindSpec *kind = m_editor.catalog().kind(component.kind);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    addHeader(layout, content, IconProvider::icon(component.kind),
              kind ? kind->name : tr("Unknown kind %1").arg(component.kind), component.id,
              kind ? kind->doc : QString(),
              kind ? kind->summary
                   : tr("This kind is not in the catalog: its properties are kept as written "
                        "and not checked."));
    addDiagnosticsLine(layout, content);

    m_form = newForm();
    layout->addLayout(m_form);
    m_labelEdit = new QLineEdit(component.label.value_or(QString()), content);
    m_labelEdit->setObjectName(QStringLiteral("prop_label"));
    m_labelEdit->setPlaceholderText(component.id);
    m_labelEdit->setToolTip(tr("The name shown on the canvas; empty shows the id."));
    m_labelEdit->setAccessibleName(tr("Label"));
    const QString id = component.id;
    connect(m_labelEdit, &QLineEdit::textEdited, this,
            [editor = &m_editor, id](const QString &text) { editor->renameComponent(id, text); });
    auto *label = new QLabel(tr("Label"), content);
    label->setBuddy(m_labelEdit);
    m_form->addRow(label, m_labelEdit);

    if (kind && !kind->properties.empty()) {
        m_form->addRow(newSectionTitle(tr("Properties"), content));
        for (const core::PropertySpec &spec : kind->properties) {
            addRow(content, spec, component.properties,
                   [editor = &m_editor, id, name = spec.name](const std::optional<Value> &v,
                                                              bool merge) {
                       editor->setComponentProperty(id, name, v, merge);
                   });
        }
    }
    addUnknownRows(content);
    if (WorkloadEditor::appliesTo(m_editor.diagram(), component.id))
        addWorkloadEditor(layout, content, component.id);
    layout->addStretch(1);
}

/// 1: a workload source, 2: a function (both: 3), 0: neither; for the component shown.
int PropertiesPanel::workloadScope() const
{
    const core::Diagram &diagram = m_editor.diagram();
    const core::Component *c = diagram.component(m_componentId);
    if (!c)
        return 0;
    return (WorkloadEditor::isWorkloadSource(diagram, c->id) ? 1 : 0)
           | (c->kind == core::wellknown::KindFunction ? 2 : 0);
}

void PropertiesPanel::addWorkloadEditor(QVBoxLayout *layout, QWidget *content,
                                        const QString &componentId)
{
    m_workload = new WorkloadEditor(m_editor, componentId, content);
    m_workload->setExpanded(m_simulationExpanded);
    connect(m_workload, &WorkloadEditor::expandedChanged, this,
            [this](bool expanded) { m_simulationExpanded = expanded; });
    m_workloadScope = workloadScope();
    layout->addWidget(m_workload);
}

void PropertiesPanel::buildConnection(QWidget *content, const core::Connection &connection)
{
    const core::Catalog &catalog = m_editor.catalog();
    const core::Diagram &diagram = m_editor.diagram();
    const core::Component *from = diagram.component(connection.from);
    const core::Component *to = diagram.component(connection.to);
    const core::KindSpec *fromKind = from ? catalog.kind(from->kind) : nullptr;
    const core::KindSpec *toKind = to ? catalog.kind(to->kind) : nullptr;
    const core::RoleSpec *role = fromKind ? fromKind->role(connection.role) : nullptr;

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    QString doc = fromKind ? fromKind->doc : QString();
    if (role && !role->properties.empty() && !role->properties.front().doc.isEmpty())
        doc = role->properties.front().doc;
    const QString kinds = QStringLiteral("%1 → %2").arg(
        fromKind ? fromKind->name : from ? from->kind : connection.from,
        toKind ? toKind->name : to ? to->kind : connection.to);
    QString note;
    if (!role) {
        note = tr("The catalog has no role \"%1\" from %2: its properties are kept as written "
                  "and not checked.")
                   .arg(connection.role, fromKind ? fromKind->name : connection.from);
    } else if (role->properties.empty()) {
        note = tr("This connection has no properties.");
    }
    addHeader(layout, content, IconProvider::icon(from ? from->kind : QString()),
              QStringLiteral("%1 → %2 (%3)").arg(connection.from, connection.to, connection.role),
              kinds, doc, note);
    addDiagnosticsLine(layout, content);

    m_form = newForm();
    layout->addLayout(m_form);
    if (role && !role->properties.empty()) {
        m_form->addRow(newSectionTitle(tr("Properties"), content));
        const core::ConnectionId id = connection.id;
        for (const core::PropertySpec &spec : role->properties) {
            addRow(content, spec, connection.properties,
                   [editor = &m_editor, id, name = spec.name](const std::optional<Value> &v,
                                                              bool merge) {
                       editor->setConnectionProperty(id, name, v, merge);
                   });
        }
    }
    addUnknownRows(content);
    layout->addStretch(1);
}

void PropertiesPanel::addRow(QWidget *content, const core::PropertySpec &spec,
                             const Value &properties, PropertyApply apply)
{
    PropertyRow *row = PropertyRow::create(spec, m_editor.diagram(), m_editor.catalog(),
                                           std::move(apply), content);
    m_form->addRow(row->label(), row);
    row->setValue(properties.find(spec.name));
    m_rows.push_back(row);
}

void PropertiesPanel::addDiagnosticsLine(QVBoxLayout *layout, QWidget *content)
{
    m_diagnosticsLine = new QLabel(content);
    m_diagnosticsLine->setObjectName(QStringLiteral("diagnostics"));
    m_diagnosticsLine->setWordWrap(true);
    m_diagnosticsLine->setTextFormat(Qt::PlainText);
    m_diagnosticsLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_diagnosticsLine->hide();
    layout->addWidget(m_diagnosticsLine);
}

void PropertiesPanel::setDiagnostics(const QList<core::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    showDiagnostics();
}

/// A finding about the shown component itself (not one of its connections), or about the
/// shown connection: the same index in the project's list and the same ends and role.
bool PropertiesPanel::isAboutShown(const core::Diagnostic &d) const
{
    const core::Diagram &diagram = m_editor.diagram();
    if (!m_componentId.isEmpty())
        return d.component == m_componentId && !d.connection && d.connectionIndex < 0;
    const core::Connection *c = diagram.connection(m_connectionId);
    if (!c || !d.connection)
        return false;
    if (d.connectionIndex >= 0 && d.connectionIndex != diagram.connectionIndex(m_connectionId))
        return false;
    return d.connection->from == c->from && d.connection->to == c->to
           && d.connection->role == c->role;
}

/// The row of the property a finding is about: the property its quick fix sets on the shown
/// element, else the first property of the shown element its message names as a whole word
/// outside quotes (quotes hold ids and labels: "Lambda function 'Timeout'").
PropertyRow *PropertiesPanel::rowOf(const core::Diagnostic &d) const
{
    auto row = [this](const QString &name) -> PropertyRow * {
        for (PropertyRow *r : m_rows) {
            if (r->spec().name == name)
                return r;
        }
        return nullptr;
    };
    if (d.quickFix) {
        const int index = m_editor.diagram().connectionIndex(m_connectionId);
        for (const core::FixEdit &e : d.quickFix->edits) {
            const bool here = m_componentId.isEmpty()
                                  ? e.kind == core::FixEdit::Kind::SetConnectionProperty
                                        && e.connectionIndex == index
                                  : e.kind == core::FixEdit::Kind::SetComponentProperty
                                        && e.componentId == m_componentId;
            if (PropertyRow *r = here ? row(e.name) : nullptr)
                return r;
        }
    }
    static const QRegularExpression quoted(QStringLiteral("(?<!\\w)'[^'\\s][^']*'(?!\\w)"));
    QString message = d.message;
    for (auto m = quoted.globalMatch(d.message); m.hasNext();) {
        const QRegularExpressionMatch q = m.next();
        message.replace(q.capturedStart(), q.capturedLength(), QString(q.capturedLength(), u' '));
    }
    PropertyRow *first = nullptr;
    qsizetype firstAt = message.size();
    for (PropertyRow *r : m_rows) {
        const QRegularExpression word(QStringLiteral("\\b%1\\b")
                                          .arg(QRegularExpression::escape(r->spec().name)));
        const qsizetype at = message.indexOf(word);
        if (at >= 0 && at < firstAt) {
            first = r;
            firstAt = at;
        }
    }
    return first;
}

void PropertiesPanel::showDiagnostics()
{
    std::vector<QList<core::Diagnostic>> perRow(m_rows.size());
    QList<core::Diagnostic> rest;
    if (!isEmpty()) {
        for (const core::Diagnostic &d : std::as_const(m_diagnostics)) {
            if (!isAboutShown(d))
                continue;
            PropertyRow *r = rowOf(d);
            const auto it = std::find(m_rows.begin(), m_rows.end(), r);
            if (it != m_rows.end())
                perRow[size_t(it - m_rows.begin())].append(d);
            else
                rest.append(d);
        }
    }
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_rows[i]->setDiagnostics(perRow[i]);
    if (m_diagnosticsLine)
        PropertyRow::showDiagnostics(m_diagnosticsLine, rest);
}

/// The properties the catalog does not know, read-only: kept, not checked.
void PropertiesPanel::addUnknownRows(QWidget *content)
{
    m_unknown = unknownProperties();
    if (m_unknown.empty())
        return;
    m_form->addRow(newSectionTitle(tr("Not in the catalog (kept, not checked)"), content));
    for (const core::MapEntry &e : m_unknown) {
        auto *field = new QLineEdit(e.value.isScalar() ? e.value.text() : e.value.display(),
                                    content);
        field->setObjectName(QStringLiteral("unknown_") + e.key);
        field->setReadOnly(true);
        field->setCursorPosition(0);
        field->setToolTip(tr("%1 is not in the catalog: it is kept as written and not checked.")
                              .arg(e.key));
        auto *label = new QLabel(e.key, content);
        label->setBuddy(field);
        m_form->addRow(label, field);
    }
}

/// Label and field side by side when the widest label leaves the field room enough,
/// otherwise each label above its field (a narrow dock).
void PropertiesPanel::updateFormLayout()
{
    if (!m_form && !m_workload)
        return;
    int labelWidth = m_workload ? m_workload->labelWidth() : 0;
    int formLabelWidth = 0;
    for (int i = 0; m_form && i < m_form->rowCount(); ++i) {
        if (QLayoutItem *item = m_form->itemAt(i, QFormLayout::LabelRole); item && item->widget())
            formLabelWidth = std::max(formLabelWidth, item->widget()->sizeHint().width());
    }
    labelWidth = std::max(labelWidth, formLabelWidth);
    const QMargins margins = m_scroll->widget() ? m_scroll->widget()->contentsMargins()
                                                : QMargins();
    const int available = m_scroll->viewport()->width() - 16 - margins.left() - margins.right();
    const int spacing = m_form ? m_form->horizontalSpacing() : 8;
    const bool wrap = labelWidth + spacing + MinimumFieldWidth > available;
    // The Simulation group's fields line up with the properties' above it.
    if (m_workload)
        m_workload->setWrapped(wrap, formLabelWidth);
    if (!m_form)
        return;
    const QFormLayout::RowWrapPolicy policy = wrap ? QFormLayout::WrapAllRows
                                                   : QFormLayout::DontWrapRows;
    if (m_form->rowWrapPolicy() == policy && m_formLayoutSet)
        return;
    m_formLayoutSet = true;
    m_form->setRowWrapPolicy(policy);
    m_form->setVerticalSpacing(wrap ? 2 : 4);
    for (int i = 0; i < m_form->rowCount(); ++i) {
        QLayoutItem *item = m_form->itemAt(i, QFormLayout::LabelRole);
        if (item && item->widget())
            item->widget()->setContentsMargins(0, wrap ? (i > 0 ? 6 : 0) : 2, 0, 0);
    }
}

bool PropertiesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        updateFormLayout();
    return QWidget::eventFilter(watched, event);
}

const Value *PropertiesPanel::shownProperties() const
{
    const core::Diagram &diagram = m_editor.diagram();
    if (const core::Component *c = diagram.component(m_componentId))
        return &c->properties;
    if (const core::Connection *k = diagram.connection(m_connectionId))
        return &k->properties;
    return nullptr;
}

std::vector<core::MapEntry> PropertiesPanel::unknownProperties() const
{
    std::vector<core::MapEntry> unknown;
    const Value *properties = shownProperties();
    if (!properties)
        return unknown;
    for (const core::MapEntry &e : properties->entries()) {
        bool known = false;
        for (const PropertyRow *row : m_rows)
            known = known || row->spec().name == e.key;
        if (!known)
            unknown.push_back(e);
    }
    return unknown;
}

/// Updates the values in place; widgets are rebuilt only when the list of properties unknown
/// to the catalog changes.
void PropertiesPanel::refresh()
{
    if (m_building)
        return;
    const Value *properties = shownProperties();
    if (!properties) {
        clear();
        return;
    }
    if (unknownProperties() != m_unknown) {
        rebuild();
        return;
    }
    if (m_labelEdit) {
        const core::Component *c = m_editor.diagram().component(m_componentId);
        const QString label = c ? c->label.value_or(QString()) : QString();
        if (m_labelEdit->text() != label)
            m_labelEdit->setText(label);
    }
    for (PropertyRow *row : m_rows)
        row->setValue(properties->find(row->spec().name));
}

void PropertiesPanel::onComponentChanged(const QString &id)
{
    if (!m_componentId.isEmpty() && id == m_componentId)
        refresh();
}

void PropertiesPanel::onComponentSetChanged(const QString &id)
{
    if (m_building)
        return;
    if (!m_componentId.isEmpty() && id == m_componentId
        && !m_editor.diagram().component(m_componentId)) {
        clear();
        return;
    }
    for (PropertyRow *row : m_rows)
        row->updateChoices();
}

void PropertiesPanel::onConnectionChanged(core::ConnectionId id)
{
    if (m_connectionId != 0 && id == m_connectionId)
        refresh();
}

void PropertiesPanel::onConnectionRemoved(core::ConnectionId id)
{
    if (m_connectionId != 0 && id == m_connectionId)
        clear();
    else
        onConnectionSetChanged();
}

/// A component becomes a workload source with its first trigger or target connection (and
/// stops being one with its last): its Simulation group follows.
void PropertiesPanel::onConnectionSetChanged()
{
    if (m_building || m_componentId.isEmpty())
        return;
    if (workloadScope() != m_workloadScope)
        rebuild();
}

void PropertiesPanel::onTopLevelChanged(const QString &key)
{
    if (m_workload && key == core::sim::SectionKey)
        m_workload->refresh();
}

void PropertiesPanel::onDiagramReset()
{
    // Connection ids are assigned afresh by a reset: a shown connection is gone.
    m_connectionId = 0;
    rebuild();
}

} // namespace ew::ui

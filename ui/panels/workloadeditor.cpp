// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/workloadeditor.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/panels/propertyeditors.h"

#include <core/editing/diagrameditor.h>
#include <core/model/wellknown.h>
#include <core/simulation/workload.h>

#include <QFormLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace ew::ui {

using core::PropertySpec;
using core::PropertyType;
using core::Value;
namespace wk = core::wellknown;

static const QString Sources = QStringLiteral("sources");
static const QString Functions = QStringLiteral("functions");

/// A spec for a key of the section; ranges as workloadFromValue accepts them.
static PropertySpec spec(const QString &name, PropertyType type, std::optional<double> min,
                         std::optional<double> max, std::optional<Value> defaultValue,
                         const QString &unit, const QString &summary)
{
    PropertySpec s;
    s.name = name;
    s.type = type;
    s.min = min;
    s.max = max;
    s.defaultValue = std::move(defaultValue);
    s.unit = unit;
    s.summary = summary;
    s.doc = QString();
    return s;
}

static constexpr double MaxTime = 1e9;   // seconds, as the reader accepts for start and stop

bool WorkloadEditor::isWorkloadSource(const core::Diagram &diagram, const QString &componentId)
{
    const core::Component *c = diagram.component(componentId);
    if (!c)
        return false;
    if (c->kind == wk::KindBus)
        return true;
    for (const core::Connection &k : diagram.connections()) {
        if (k.from == componentId && (k.role == wk::RoleTrigger || k.role == wk::RoleTarget))
            return true;
    }
    return false;
}

bool WorkloadEditor::appliesTo(const core::Diagram &diagram, const QString &componentId)
{
    const core::Component *c = diagram.component(componentId);
    return c && (c->kind == wk::KindFunction || isWorkloadSource(diagram, componentId));
}

WorkloadEditor::WorkloadEditor(editing::DiagramEditor &editor, const QString &componentId,
                               QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_componentId(componentId)
{
    setObjectName(QStringLiteral("simulationGroup"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(4);

    m_toggle = new QToolButton(this);
    m_toggle->setObjectName(QStringLiteral("simulationToggle"));
    m_toggle->setText(tr("Simulation"));
    // Not checkable: a checked tool button is drawn pressed, and this is a heading.
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::DownArrow);
    m_toggle->setToolTip(tr("What the simulator replays, saved in the project's simulation "
                            "section. Show or hide."));
    QFont bold = m_toggle->font();
    bold.setBold(true);
    m_toggle->setFont(bold);
    layout->addWidget(m_toggle);

    m_body = new QWidget(this);
    m_body->setObjectName(QStringLiteral("simulationBody"));
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(4);
    m_hint = new QLabel(m_body);
    m_hint->setObjectName(QStringLiteral("simulationHint"));
    m_hint->setWordWrap(true);
    QPalette pal = m_hint->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_hint->setPalette(pal);
    bodyLayout->addWidget(m_hint);
    m_problem = new QLabel(m_body);
    m_problem->setObjectName(QStringLiteral("simulationProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pal = m_problem->palette();
    pal.setColor(QPalette::WindowText, CanvasStyle::severityColor(core::Severity::Error));
    m_problem->setPalette(pal);
    m_problem->hide();
    bodyLayout->addWidget(m_problem);

    m_form = new QFormLayout;
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setHorizontalSpacing(8);
    m_form->setVerticalSpacing(4);
    bodyLayout->addLayout(m_form);
    layout->addWidget(m_body);

    connect(m_toggle, &QToolButton::clicked, this, [this] { setExpanded(!isExpanded()); });

    const core::Diagram &diagram = m_editor.diagram();
    const core::Component *c = diagram.component(componentId);
    if (!c) {
        m_componentId.clear();
        addRunRows();
    } else {
        if (isWorkloadSource(diagram, componentId))
            addSourceRows();
        if (c->kind == wk::KindFunction)
            addFunctionRows();
    }
    refresh();
}

bool WorkloadEditor::isExpanded() const
{
    return m_expanded;
}

void WorkloadEditor::setExpanded(bool expanded)
{
    if (expanded == m_expanded)
        return;
    m_expanded = expanded;
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_toggle->setAccessibleDescription(expanded ? tr("expanded") : tr("collapsed"));
    m_body->setVisible(expanded);
    emit expandedChanged(expanded);
}

void WorkloadEditor::addTitle(const QString &text)
{
    auto *label = new QLabel(text, m_body);
    label->setContentsMargins(0, 4, 0, 0);
    QFont font = label->font();
    font.setItalic(true);
    label->setFont(font);
    m_form->addRow(label);
}

/// A row for the key at prefix + key (key "" = spec.name); name: the row's visible name and
/// object names (default the key).
void WorkloadEditor::addRow(const QStringList &prefix, const PropertySpec &rowSpec,
                            const QString &key, const QString &name)
{
    QStringList path = prefix;
    path << (key.isEmpty() ? rowSpec.name : key);
    PropertySpec s = rowSpec;
    if (!name.isEmpty())
        s.name = name;
    auto apply = [editor = &m_editor, path](const std::optional<Value> &value, bool merge) {
        editor->setSimulationValue(path, value, merge);
    };
    PropertyRow *row = PropertyRow::create(s, m_editor.diagram(), m_editor.catalog(), apply,
                                           m_body);
    row->setObjectName(QStringLiteral("sim_row_") + s.name);
    row->editor()->setObjectName(QStringLiteral("sim_") + s.name);
    row->resetButton()->setObjectName(QStringLiteral("sim_reset_") + s.name);
    if (auto *problem = row->findChild<QLabel *>(QStringLiteral("problem_") + s.name))
        problem->setObjectName(QStringLiteral("sim_problem_") + s.name);
    if (auto *diagnostics = row->findChild<QLabel *>(QStringLiteral("diagnostics_") + s.name))
        diagnostics->setObjectName(QStringLiteral("sim_diagnostics_") + s.name);
    m_form->addRow(row->label(), row);
    m_paths.push_back({row, path});
    m_rows.push_back(row);
}

void WorkloadEditor::addSourceRows()
{
    const QStringList at = {Sources, m_componentId};
    addTitle(tr("Events it produces"));
    addRow(at, spec(QStringLiteral("count"), PropertyType::Integer, 0, 1e9, std::nullopt, {},
                    tr("Total events. With no rate they all arrive at start.")));
    addRow(at, spec(QStringLiteral("rate"), PropertyType::Number, 0, 100000, Value::integer(0),
                    QStringLiteral("events/s"), tr("Events per second from start to stop.")));
    PropertySpec pattern = spec(QStringLiteral("pattern"), PropertyType::Enum, std::nullopt,
                                std::nullopt, Value::string(QStringLiteral("constant")), {},
                                tr("Evenly spaced arrivals, or random ones (Poisson) at the "
                                   "same mean rate."));
    pattern.choices = {QStringLiteral("constant"), QStringLiteral("poisson")};
    addRow(at, pattern);
    addRow(at, spec(QStringLiteral("start"), PropertyType::Number, 0, MaxTime, Value::integer(0),
                    QStringLiteral("s"), tr("When the first event arrives (simulated seconds).")));
    addRow(at, spec(QStringLiteral("stop"), PropertyType::Number, 0, MaxTime, std::nullopt,
                    QStringLiteral("s"), tr("When the events stop; not set: the run's end.")));
    addRow(at, spec(QStringLiteral("duplicate-rate"), PropertyType::Number, 0, 1,
                    Value::integer(0), {},
                    tr("Probability that the service delivers an event twice (at-least-once "
                       "delivery), 0 to 1.")));
    addRow(at, spec(QStringLiteral("keys"), PropertyType::Integer, 1, 1e6, Value::integer(10), {},
                    tr("Distinct message groups or partition keys the events carry.")));
    addRow(at, spec(QStringLiteral("shards"), PropertyType::Integer, 1, 10000, std::nullopt, {},
                    tr("Stream shards or Kafka partitions; not set: the design's or one.")));
}

void WorkloadEditor::addFunctionRows()
{
    const QStringList at = {Functions, m_componentId};
    addTitle(tr("How its code behaves"));
    addRow(at, spec(QStringLiteral("duration-ms"), PropertyType::Number, 0, 9e6,
                    Value::integer(100), QStringLiteral("ms"),
                    tr("Mean run time of one invocation; past the function's Timeout it "
                       "times out.")));
    addRow(at, spec(QStringLiteral("error-rate"), PropertyType::Number, 0, 1, Value::integer(0),
                    {}, tr("Probability that one invocation fails (transient), 0 to 1.")));
    addRow(at, spec(QStringLiteral("poison-every"), PropertyType::Integer, 0, 1e9,
                    Value::integer(0), {},
                    tr("Every Nth event of each source is poison: it always fails (0 = none).")));
    addRow(at, spec(QStringLiteral("emits"), PropertyType::Boolean, std::nullopt, std::nullopt,
                    Value::boolean(true), {},
                    tr("A successful invocation sends one message along each access (write) "
                       "connection to a queue, topic, stream, bus or bucket.")));
    addTitle(tr("Faults"));
    const QStringList outage = at + QStringList{QStringLiteral("outage")};
    addRow(outage, spec(QStringLiteral("start"), PropertyType::Number, 0, MaxTime, Value::integer(0),
                        QStringLiteral("s"), tr("From when every invocation fails.")),
           {}, QStringLiteral("outage-start"));
    addRow(outage, spec(QStringLiteral("stop"), PropertyType::Number, 0, MaxTime, std::nullopt,
                        QStringLiteral("s"), tr("Until when every invocation fails.")),
           {}, QStringLiteral("outage-stop"));
    const QStringList throttle = at + QStringList{QStringLiteral("throttle")};
    addRow(throttle, spec(QStringLiteral("start"), PropertyType::Number, 0, MaxTime,
                          Value::integer(0), QStringLiteral("s"),
                          tr("From when the function is throttled (reserved concurrency 0).")),
           {}, QStringLiteral("throttle-start"));
    addRow(throttle, spec(QStringLiteral("stop"), PropertyType::Number, 0, MaxTime, std::nullopt,
                          QStringLiteral("s"),
                          tr("Until when the function is throttled (reserved concurrency 0).")),
           {}, QStringLiteral("throttle-stop"));
    const QStringList unavailable = at + QStringList{QStringLiteral("unavailable")};
    addRow(unavailable, spec(QStringLiteral("start"), PropertyType::Number, 0, MaxTime,
                             Value::integer(0), QStringLiteral("s"),
                             tr("From when the Invoke API refuses (a Lambda service error).")),
           {}, QStringLiteral("unavailable-start"));
    addRow(unavailable, spec(QStringLiteral("stop"), PropertyType::Number, 0, MaxTime,
                             std::nullopt, QStringLiteral("s"),
                             tr("Until when the Invoke API refuses (a Lambda service error).")),
           {}, QStringLiteral("unavailable-stop"));
}

void WorkloadEditor::addRunRows()
{
    addRow({}, spec(QStringLiteral("duration"), PropertyType::Number, 1, 30 * 86400.0,
                    Value::integer(600), QStringLiteral("s"), tr("Simulated seconds to run.")));
    addRow({}, spec(QStringLiteral("seed"), PropertyType::Integer, 0,
                    double(std::numeric_limits<int>::max()), Value::integer(1), {},
                    tr("Random seed: the same seed gives the same result, byte for byte.")));
    addRow({}, spec(QStringLiteral("account-concurrency"), PropertyType::Integer, 1, 1e6,
                    Value::integer(1000), {},
                    tr("The account's concurrent executions, shared by all functions.")));
}

void WorkloadEditor::refresh()
{
    for (const Row &r : m_paths)
        r.row->setValue(m_editor.simulationValue(r.path));

    const core::Diagram &diagram = m_editor.diagram();
    const core::Value *section = diagram.topLevel(core::sim::SectionKey);
    QString error;
    if (section && !core::sim::workloadFromValue(*section, &error) && error.isEmpty())
        error = tr("simulation: the section cannot be read");
    if (!section) {
        m_hint->setText(tr("No simulation section yet: a run sends one event per trigger "
                           "source at 0 s. A value set here starts the section."));
    } else if (m_componentId.isEmpty()) {
        m_hint->setText(tr("The run (select a source or a function for its load or faults)."));
    } else {
        m_hint->setText(tr("Empty fields use the defaults."));
    }
    // A value out of range already says so under its field.
    bool rowProblem = false;
    for (PropertyRow *row : m_rows)
        rowProblem = rowProblem || row->hasProblem();
    m_problem->setText(error);
    m_problem->setVisible(!error.isEmpty() && !rowProblem);
}

int WorkloadEditor::labelWidth() const
{
    int width = 0;
    for (PropertyRow *row : m_rows)
        width = std::max(width, row->label()->sizeHint().width());
    return width;
}

void WorkloadEditor::setWrapped(bool wrapped, int minimumLabelWidth)
{
    m_form->setRowWrapPolicy(wrapped ? QFormLayout::WrapAllRows : QFormLayout::DontWrapRows);
    m_form->setVerticalSpacing(wrapped ? 2 : 4);
    for (int i = 0; i < m_form->rowCount(); ++i) {
        QLayoutItem *item = m_form->itemAt(i, QFormLayout::LabelRole);
        if (item && item->widget()) {
            item->widget()->setContentsMargins(0, wrapped ? (i > 0 ? 6 : 0) : 2, 0, 0);
            item->widget()->setMinimumWidth(wrapped ? 0 : minimumLabelWidth);
        }
    }
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/faultmenu.h"

#include "ui/panels/workloadeditor.h"

#include <core/editing/diagrameditor.h>
#include <core/model/wellknown.h>

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace ew::ui {

using core::Value;
using editing::DiagramEditor;

static QString tr(const char *text)
{
    return QCoreApplication::translate("ew::ui::FaultMenu", text);
}

static const QString Sources = QStringLiteral("sources");
static const QString Functions = QStringLiteral("functions");

/// A number as the section writes it (integers without a fraction).
static Value number(double v)
{
    return Value::number(v);
}

static QStringList functionKey(const QString &id, const QString &key)
{
    return {Functions, id, key};
}

static QStringList sourceKey(const QString &id, const QString &key)
{
    return {Sources, id, key};
}

static bool isFunction(const DiagramEditor &editor, const QString &id)
{
    const core::Component *c = editor.diagram().component(id);
    return c && c->kind == core::wellknown::KindFunction;
}

static double numberAt(const DiagramEditor &editor, const QStringList &path, double fallback)
{
    const Value *v = editor.simulationValue(path);
    const std::optional<double> d = v ? v->toNumber() : std::nullopt;
    return d.value_or(fallback);
}

namespace faults {

bool setPoisonEvery(DiagramEditor &editor, const QString &function, qint64 every)
{
    if (!isFunction(editor, function))
        return false;
    return editor.editSimulation(
        {{functionKey(function, QStringLiteral("poison-every")),
          every > 0 ? std::optional(Value::integer(every)) : std::nullopt}},
        every > 0 ? tr("Simulate fault: one poison event in %1 for %2").arg(every).arg(function)
                  : tr("Simulate fault: no poison events for %1").arg(function));
}

bool setErrorRate(DiagramEditor &editor, const QString &function, double rate)
{
    if (!isFunction(editor, function))
        return false;
    return editor.editSimulation(
        {{functionKey(function, QStringLiteral("error-rate")),
          rate > 0 ? std::optional(number(rate)) : std::nullopt}},
        tr("Simulate fault: error rate %1 for %2").arg(rate).arg(function));
}

static bool setWindow(DiagramEditor &editor, const QString &function, const QString &key,
                      double start, double stop, const QString &text)
{
    if (!isFunction(editor, function) || stop < start)
        return false;
    Value window = Value::map();
    window.set(QStringLiteral("start"), number(start));
    window.set(QStringLiteral("stop"), number(stop));
    return editor.editSimulation({{functionKey(function, key), window}}, text);
}

bool setOutage(DiagramEditor &editor, const QString &function, double start, double stop)
{
    return setWindow(editor, function, QStringLiteral("outage"), start, stop,
                     tr("Simulate fault: %1 fails from %2 s to %3 s").arg(function).arg(start).arg(stop));
}

bool setThrottle(DiagramEditor &editor, const QString &function, double start, double stop)
{
    return setWindow(editor, function, QStringLiteral("throttle"), start, stop,
                     tr("Simulate fault: %1 throttled from %2 s to %3 s")
                         .arg(function)
                         .arg(start)
                         .arg(stop));
}

bool setBurst(DiagramEditor &editor, const QString &source, qint64 count, double at)
{
    if (!WorkloadEditor::isWorkloadSource(editor.diagram(), source) || count < 0)
        return false;
    return editor.editSimulation(
        {{sourceKey(source, QStringLiteral("count")), Value::integer(count)},
         {sourceKey(source, QStringLiteral("rate")), std::nullopt},
         {sourceKey(source, QStringLiteral("pattern")), std::nullopt},
         {sourceKey(source, QStringLiteral("stop")), std::nullopt},
         {sourceKey(source, QStringLiteral("start")),
          at > 0 ? std::optional(number(at)) : std::nullopt}},
        tr("Simulate a burst of %1 events from %2 at %3 s").arg(count).arg(source).arg(at));
}

bool setDuplicateRate(DiagramEditor &editor, const QString &source, double rate)
{
    if (!WorkloadEditor::isWorkloadSource(editor.diagram(), source))
        return false;
    return editor.editSimulation(
        {{sourceKey(source, QStringLiteral("duplicate-rate")),
          rate > 0 ? std::optional(number(rate)) : std::nullopt}},
        tr("Simulate duplicate deliveries (%1) from %2").arg(rate).arg(source));
}

static QList<QStringList> faultKeys(const DiagramEditor &editor, const QString &id)
{
    QList<QStringList> keys;
    if (isFunction(editor, id)) {
        for (const char *key : {"error-rate", "poison-every", "outage", "throttle", "unavailable"})
            keys << functionKey(id, QString::fromLatin1(key));
    }
    if (WorkloadEditor::isWorkloadSource(editor.diagram(), id))
        keys << sourceKey(id, QStringLiteral("duplicate-rate"));
    return keys;
}

bool clearFaults(DiagramEditor &editor, const QString &componentId)
{
    QList<DiagramEditor::SimulationEdit> edits;
    for (const QStringList &path : faultKeys(editor, componentId))
        edits.append({path, std::nullopt});
    return !edits.isEmpty()
           && editor.editSimulation(edits, tr("Clear simulated faults of %1").arg(componentId));
}

bool hasFaults(const DiagramEditor &editor, const QString &componentId)
{
    for (const QStringList &path : faultKeys(editor, componentId)) {
        if (editor.simulationValue(path))
            return true;
    }
    return false;
}

} // namespace faults

std::optional<QList<double>> askFaultValues(QWidget *parent, const QString &title,
                                            const QString &text, const QList<FaultField> &fields)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("faultDialog"));
    dialog.setWindowTitle(title);
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(text, &dialog);
    label->setObjectName(QStringLiteral("faultText"));
    label->setWordWrap(true);
    // A fixed width gives the wrapped text its full height (a top-level window's first size
    // does not ask for the height at its width).
    label->setFixedWidth(360);
    layout->addWidget(label);
    layout->setSizeConstraint(QLayout::SetFixedSize);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    QList<QDoubleSpinBox *> spins;
    for (const FaultField &f : fields) {
        auto *spin = new QDoubleSpinBox(&dialog);
        spin->setObjectName(QStringLiteral("fault_") + f.name);
        spin->setDecimals(f.decimals);
        spin->setRange(f.min, f.max);
        spin->setValue(f.value);
        spin->setAccessibleName(f.label);
        spin->setMinimumWidth(120);
        form->addRow(f.label, spin);
        spins << spin;
    }
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("faultProblem"));
    QPalette pal = problem->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    problem->setPalette(pal);
    problem->hide();
    layout->addWidget(problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);

    // A window's two fields (start, stop): stop must not be before start.
    const bool isWindow = fields.size() == 2 && fields.at(0).name == u"start"
                          && fields.at(1).name == u"stop";
    auto check = [&] {
        QString message;
        if (isWindow && spins.at(1)->value() < spins.at(0)->value())
            message = tr("The window's end must not be before its start.");
        problem->setText(message);
        problem->setVisible(!message.isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    };
    for (QDoubleSpinBox *spin : spins)
        QObject::connect(spin, &QDoubleSpinBox::valueChanged, &dialog, check);
    check();
    if (!spins.isEmpty()) {
        spins.first()->setFocus();
        spins.first()->selectAll();
    }
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    QList<double> values;
    for (QDoubleSpinBox *spin : spins)
        values << spin->value();
    return values;
}

void addFaultMenu(QMenu *menu, DiagramEditor *editor, const QString &componentId)
{
    if (!menu || !editor)
        return;
    const bool function = isFunction(*editor, componentId);
    const bool source = WorkloadEditor::isWorkloadSource(editor->diagram(), componentId);
    if (!function && !source)
        return;
    QMenu *sub = menu->addMenu(tr("Simulate &Fault"));
    sub->setObjectName(QStringLiteral("faultMenu"));
    sub->setToolTipsVisible(true);
    // The dialogs' parent: the window, which outlives the menu (it may close on its own).
    const QPointer<QWidget> window = menu->parentWidget() ? menu->parentWidget()->window()
                                                          : nullptr;
    const QPointer<DiagramEditor> ed = editor;
    const QString id = componentId;
    // An action's text ends with the value set now ("Error rate… (now 0.2)").
    auto add = [sub](const QString &name, const QString &text, const QString &tip,
                     const QString &now) {
        QAction *a = sub->addAction(now.isEmpty() ? text : tr("%1 (now %2)").arg(text, now));
        a->setObjectName(QStringLiteral("fault_") + name);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        return a;
    };
    auto at = [editor, id](const QString &group, const QString &key) {
        const Value *v = editor->simulationValue({group, id, key});
        if (!v)
            return QString();
        if (v->isMap()) {
            const Value *start = v->find(QStringLiteral("start"));
            const Value *stop = v->find(QStringLiteral("stop"));
            return tr("%1–%2 s").arg(start ? start->text() : QStringLiteral("0"),
                                     stop ? stop->text() : QStringLiteral("?"));
        }
        return v->display();
    };

    if (function) {
        QAction *a = add(QStringLiteral("poison-every"), tr("Poison every Nth event…"),
                         tr("Every Nth event of each source always fails in %1.").arg(id),
                         at(Functions, QStringLiteral("poison-every")));
        QObject::connect(a, &QAction::triggered, [window, ed, id] {
            if (!ed)
                return;
            const double current = numberAt(*ed, functionKey(id, QStringLiteral("poison-every")), 10);
            const auto v = askFaultValues(window, tr("Poison every Nth event"),
                                          tr("Every Nth event of each source that reaches %1 "
                                             "always fails (0 = none).").arg(id),
                                          {{QStringLiteral("every"), tr("Every Nth event"),
                                            current, 0, 1e9, 0}});
            if (v && ed)
                faults::setPoisonEvery(*ed, id, qint64(v->at(0)));
        });
        a = add(QStringLiteral("error-rate"), tr("Error rate…"),
                tr("A share of %1's invocations fails (transient, per attempt).").arg(id),
                at(Functions, QStringLiteral("error-rate")));
        QObject::connect(a, &QAction::triggered, [window, ed, id] {
            if (!ed)
                return;
            const double current = numberAt(*ed, functionKey(id, QStringLiteral("error-rate")), 0.1);
            const auto v = askFaultValues(window, tr("Error rate"),
                                          tr("The probability that one invocation of %1 fails, "
                                             "0 to 1 (1: it always fails).").arg(id),
                                          {{QStringLiteral("rate"), tr("Error rate"), current,
                                            0, 1, 3}});
            if (v && ed)
                faults::setErrorRate(*ed, id, v->at(0));
        });
        auto askWindow = [window, ed, id](const QString &key, const QString &title,
                                        const QString &text) {
            if (!ed)
                return;
            const double start = numberAt(*ed, {Functions, id, key, QStringLiteral("start")}, 60);
            const double stop = numberAt(*ed, {Functions, id, key, QStringLiteral("stop")}, 120);
            const auto v = askFaultValues(window, title, text,
                                          {{QStringLiteral("start"), tr("From (s)"), start, 0,
                                            1e9, 1},
                                           {QStringLiteral("stop"), tr("To (s)"), stop, 0, 1e9,
                                            1}});
            if (!v || !ed)
                return;
            if (key == u"outage")
                faults::setOutage(*ed, id, v->at(0), v->at(1));
            else
                faults::setThrottle(*ed, id, v->at(0), v->at(1));
        };
        a = add(QStringLiteral("outage"), tr("Outage window…"),
                tr("Every invocation of %1 fails inside a time window.").arg(id),
                at(Functions, QStringLiteral("outage")));
        QObject::connect(a, &QAction::triggered, [askWindow, id] {
            askWindow(QStringLiteral("outage"), tr("Outage window"),
                    tr("Every invocation of %1 fails from the first time to the second "
                       "(simulated seconds).").arg(id));
        });
        a = add(QStringLiteral("throttle"), tr("Throttle (reserved concurrency 0) from t1 to t2…"),
                tr("%1 gets reserved concurrency 0 inside a time window: every invocation is "
                   "throttled.").arg(id),
                at(Functions, QStringLiteral("throttle")));
        QObject::connect(a, &QAction::triggered, [askWindow, id] {
            askWindow(QStringLiteral("throttle"), tr("Throttle"),
                    tr("%1 has reserved concurrency 0 from t1 to t2 (simulated seconds): "
                       "every invocation is throttled.").arg(id));
        });
    }
    if (source) {
        if (function)
            sub->addSeparator();
        QAction *a = add(QStringLiteral("burst"), tr("Burst of N events at t…"),
                         tr("%1 sends N events at once at time t.").arg(id), QString());
        QObject::connect(a, &QAction::triggered, [window, ed, id] {
            if (!ed)
                return;
            const Value *count = ed->simulationValue(sourceKey(id, QStringLiteral("count")));
            const std::optional<qint64> n = count ? count->toInteger() : std::nullopt;
            const double start = numberAt(*ed, sourceKey(id, QStringLiteral("start")), 0);
            const auto v = askFaultValues(window, tr("Burst of events"),
                                          tr("%1 sends this many events together at this time "
                                             "(its rate is removed).").arg(id),
                                          {{QStringLiteral("count"), tr("Events"),
                                            double(n.value_or(1000)), 0, 1e9, 0},
                                           {QStringLiteral("at"), tr("At (s)"), start, 0, 1e9, 1}});
            if (v && ed)
                faults::setBurst(*ed, id, qint64(v->at(0)), v->at(1));
        });
        a = add(QStringLiteral("duplicates"), tr("Duplicate deliveries…"),
                tr("%1 delivers a share of its events twice (at-least-once delivery).").arg(id),
                at(Sources, QStringLiteral("duplicate-rate")));
        QObject::connect(a, &QAction::triggered, [window, ed, id] {
            if (!ed)
                return;
            const double current = numberAt(*ed, sourceKey(id, QStringLiteral("duplicate-rate")), 0.1);
            const auto v = askFaultValues(window, tr("Duplicate deliveries"),
                                          tr("The probability that %1 delivers an event twice, "
                                             "0 to 1.").arg(id),
                                          {{QStringLiteral("rate"), tr("Duplicate rate"), current,
                                            0, 1, 3}});
            if (v && ed)
                faults::setDuplicateRate(*ed, id, v->at(0));
        });
    }
    sub->addSeparator();
    QAction *clear = sub->addAction(tr("Clear faults"));
    clear->setObjectName(QStringLiteral("fault_clear"));
    clear->setEnabled(faults::hasFaults(*editor, id));
    QObject::connect(clear, &QAction::triggered, [ed, id] {
        if (ed)
            faults::clearFaults(*ed, id);
    });
}

} // namespace ew::ui

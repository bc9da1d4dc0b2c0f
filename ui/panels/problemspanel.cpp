// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/problemspanel.h"

#include <core/simulation/showme.h>

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ew::ui {

ProblemsPanel::ProblemsPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_fix(new QPushButton(tr("&Fix"), this))
    , m_explain(new QPushButton(tr("E&xplain"), this))
    , m_showMe(new QPushButton(tr("&Show Me"), this))
    , m_summary(new QLabel(this))
{
    m_list->setObjectName(QStringLiteral("problemsList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Rule"), tr("Where"), tr("Problem")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 130);
    m_list->setColumnWidth(1, 220);
    m_fix->setObjectName(QStringLiteral("problemsFix"));
    m_explain->setObjectName(QStringLiteral("problemsExplain"));
    m_fix->setToolTip(tr("Apply the quick fix (one undo step)"));
    m_explain->setToolTip(tr("Why this matters, with the AWS documentation"));
    m_showMe->setObjectName(QStringLiteral("problemsShowMe"));
    m_showMe->setToolTip(tr("Simulate a short scripted workload on this design that makes the failure happen"));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_explain);
    buttons->addWidget(m_showMe);
    buttons->addWidget(m_fix);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        updateButtons();
        if (const core::Diagnostic *d = currentDiagnostic())
            emit diagnosticActivated(*d);
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] {
        if (const core::Diagnostic *d = currentDiagnostic())
            emit diagnosticActivated(*d);
    });
    connect(m_fix, &QPushButton::clicked, this, [this] {
        if (const core::Diagnostic *d = currentDiagnostic(); d && d->quickFix)
            emit fixRequested(*d);
    });
    connect(m_explain, &QPushButton::clicked, this, [this] {
        if (const core::Diagnostic *d = currentDiagnostic())
            emit explainRequested(*d);
    });
    connect(m_showMe, &QPushButton::clicked, this, [this] {
        if (const core::Diagnostic *d = currentDiagnostic(); d && hasShowMe(*d))
            emit showMeRequested(*d);
    });
    connect(m_list, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QTreeWidgetItem *item = m_list->itemAt(pos);
        if (!item)
            return;
        m_list->setCurrentItem(item);
        const core::Diagnostic *d = currentDiagnostic();
        if (!d)
            return;
        QMenu menu(this);
        const core::Diagnostic diagnostic = *d;
        menu.addAction(tr("Explain"), this, [this, diagnostic] { emit explainRequested(diagnostic); });
        if (hasShowMe(diagnostic))
            menu.addAction(tr("Show Me"), this, [this, diagnostic] { emit showMeRequested(diagnostic); });
        if (diagnostic.quickFix)
            menu.addAction(diagnostic.quickFix->safe ? tr("Fix") : tr("Fix…"), this,
                           [this, diagnostic] { emit fixRequested(diagnostic); });
        menu.exec(m_list->viewport()->mapToGlobal(pos));
    });
    setDiagnostics({});
}

static QString whereText(const core::Diagnostic &d)
{
    if (d.connection)
        return QStringLiteral("%1 → %2").arg(d.connection->from, d.connection->to);
    return d.component.isEmpty() ? QObject::tr("project") : d.component;
}

void ProblemsPanel::setDiagnostics(const QList<core::Diagnostic> &diagnostics)
{
    // Keep the selection on the same finding across revalidation when it still exists.
    QString selectedKey;
    if (const core::Diagnostic *d = currentDiagnostic())
        selectedKey = d->rule + whereText(*d) + d->message;
    m_diagnostics = diagnostics;
    const QSignalBlocker block(m_list);
    m_list->clear();
    int errors = 0, warnings = 0, infos = 0;
    QTreeWidgetItem *reselect = nullptr;
    for (int i = 0; i < diagnostics.size(); ++i) {
        const core::Diagnostic &d = diagnostics[i];
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (d.severity == core::Severity::Error) {
            icon = QStyle::SP_MessageBoxCritical;
            ++errors;
        } else if (d.severity == core::Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
            ++warnings;
        } else {
            ++infos;
        }
        auto *item = new QTreeWidgetItem(m_list, {d.rule, whereText(d), d.message});
        item->setIcon(0, style()->standardIcon(icon));
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(2, QStringLiteral("%1\n\n%2").arg(d.message, d.fix));
        QStringList offers;
        if (d.quickFix)
            offers << tr("Quick fix: %1").arg(d.quickFix->text);
        if (hasShowMe(d))
            offers << tr("Show Me: a scripted simulation shows what goes wrong");
        if (!offers.isEmpty())
            item->setToolTip(0, offers.join(QLatin1Char('\n')));
        if (!selectedKey.isEmpty() && d.rule + whereText(d) + d.message == selectedKey)
            reselect = item;
    }
    if (reselect)
        m_list->setCurrentItem(reselect);
    m_summary->setText(diagnostics.isEmpty()
                           ? tr("No problems: the design follows every rule checked.")
                           : tr("%1 errors, %2 warnings, %3 info").arg(errors).arg(warnings).arg(infos));
    updateButtons();
}

const core::Diagnostic *ProblemsPanel::currentDiagnostic() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return nullptr;
    const int i = item->data(0, Qt::UserRole).toInt();
    return i >= 0 && i < m_diagnostics.size() ? &m_diagnostics[i] : nullptr;
}

void ProblemsPanel::setCurrentRow(int row)
{
    m_list->setCurrentItem(m_list->topLevelItem(row));
}

void ProblemsPanel::updateButtons()
{
    const core::Diagnostic *d = currentDiagnostic();
    m_fix->setEnabled(d && d->quickFix);
    m_fix->setText(d && d->quickFix && !d->quickFix->safe ? tr("&Fix…") : tr("&Fix"));
    m_explain->setEnabled(d != nullptr);
    m_showMe->setEnabled(d && hasShowMe(*d));
}

void ProblemsPanel::setShowMeCheck(std::function<bool(const core::Diagnostic &)> check)
{
    m_showMeCheck = std::move(check);
    setDiagnostics(m_diagnostics);
}

bool ProblemsPanel::hasShowMe(const core::Diagnostic &diagnostic) const
{
    return m_showMeCheck ? m_showMeCheck(diagnostic) : core::sim::hasShowMe(diagnostic.rule);
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/startpage.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

namespace ew::ui {

static QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label->setFont(f);
    return label;
}

static QListWidget *entryList(const QString &name, QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(name);
    list->setFrameShape(QFrame::NoFrame);
    list->setSpacing(2);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setTextElideMode(Qt::ElideMiddle);
    list->setCursor(Qt::PointingHandCursor);
    // The lists take the height left over: their preferred size would make the page scroll.
    list->setMinimumHeight(3 * list->fontMetrics().height());
    list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    // The page's background, not an editor's white field.
    list->setAutoFillBackground(false);
    list->viewport()->setAutoFillBackground(false);
    return list;
}

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
    , m_recent(entryList(QStringLiteral("recentList"), this))
    , m_examples(entryList(QStringLiteral("exampleList"), this))
    , m_training(new QPushButton(tr("Training (coming)"), this))
{
    setObjectName(QStringLiteral("startPage"));
    setAutoFillBackground(true);

    auto *title = new QLabel(QStringLiteral("Eventwright"), this);
    QFont big = title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 2.2);
    title->setFont(big);
    auto *subtitle = new QLabel(tr("Design serverless architectures on AWS: drag triggers, functions and "
                                   "destinations onto the canvas, connect them, and export SAM, Terraform or "
                                   "Mermaid."),
                                this);
    subtitle->setWordWrap(true);
    subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto *newButton = new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("New project"), this);
    newButton->setObjectName(QStringLiteral("startNew"));
    auto *openButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton),
                                       tr("Open project or template…"), this);
    openButton->setObjectName(QStringLiteral("startOpen"));
    m_training->setObjectName(QStringLiteral("startTraining"));
    m_training->setEnabled(false);
    m_training->setToolTip(tr("Guided lessons on serverless patterns are coming in a later version."));
    for (QPushButton *b : {newButton, openButton, m_training}) {
        b->setMinimumHeight(b->sizeHint().height() + 8);
        b->setStyleSheet(QStringLiteral("text-align: left; padding-left: 10px;"));
    }
    connect(newButton, &QPushButton::clicked, this, &StartPage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &StartPage::openRequested);
    // A click opens (a start page is a list of links); Enter too.
    for (QListWidget *list : {m_recent, m_examples}) {
        connect(list, &QListWidget::itemClicked, this, &StartPage::activate);
        connect(list, &QListWidget::itemActivated, this, &StartPage::activate);
    }

    // Left: what to do (new, open, learn) and the recent files; right: the examples.
    auto *start = new QVBoxLayout;
    start->addWidget(heading(tr("Start"), this));
    start->addWidget(newButton);
    start->addWidget(openButton);
    start->addWidget(m_training);
    start->addSpacing(12);
    start->addWidget(heading(tr("Recent"), this));
    start->addWidget(m_recent, 1);

    auto *lists = new QVBoxLayout;
    lists->addWidget(heading(tr("Examples"), this));
    lists->addWidget(m_examples, 1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(start, 1);
    columns->addSpacing(32);
    columns->addLayout(lists, 1);

    auto *content = new QWidget;
    content->setMaximumWidth(920);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(title);
    contentLayout->addWidget(subtitle);
    contentLayout->addSpacing(20);
    contentLayout->addLayout(columns, 1);

    // In a scroll area: on a small screen the page scrolls instead of making the window taller.
    auto *page = new QWidget;
    auto *centred = new QHBoxLayout(page);
    centred->setContentsMargins(32, 32, 32, 32);
    centred->addStretch(1);
    centred->addWidget(content, 10);
    centred->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

void StartPage::setRecentFiles(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        const QFileInfo info(path);
        auto *item = new QListWidgetItem(info.fileName(), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        item->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    }
    if (paths.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No recent projects yet."), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
}

void StartPage::setExamples(const QList<Entry> &examples)
{
    m_examples->clear();
    for (const Entry &e : examples) {
        auto *item = new QListWidgetItem(e.title, m_examples);
        item->setData(Qt::UserRole, e.path);
        item->setToolTip(QDir::toNativeSeparators(e.path));
    }
    if (examples.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No examples found next to the program."), m_examples);
        none->setFlags(Qt::NoItemFlags);
    }
}

void StartPage::activate(QListWidgetItem *item)
{
    // Where a style activates on a single click, the click and the activation both arrive:
    // the first hides the page, the second is ignored.
    if (!item || !isVisible())
        return;
    const QString path = item->data(Qt::UserRole).toString();
    if (!path.isEmpty())
        emit fileRequested(path);
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace ew::ui {

/// What the window shows when it starts without a file: new project, open, the recent files
/// and the bundled examples (and, disabled, the training to come). It only asks; the window
/// opens the file.
class StartPage final : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString title;
        QString path;
    };

    explicit StartPage(QWidget *parent = nullptr);

    void setRecentFiles(const QStringList &paths);
    void setExamples(const QList<Entry> &examples);

    QListWidget *recentList() const { return m_recent; }
    QListWidget *exampleList() const { return m_examples; }
    QPushButton *trainingButton() const { return m_training; }

signals:
    void newRequested();
    void openRequested();
    void fileRequested(const QString &path);

private:
    void activate(QListWidgetItem *item);

    QListWidget *m_recent;
    QListWidget *m_examples;
    QPushButton *m_training;
};

} // namespace ew::ui

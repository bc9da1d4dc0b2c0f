// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/model/diagram.h>
#include <core/validation/diagnostic.h>

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class QLockFile;
class QWidget;

namespace ew::editing { class DiagramEditor; }

namespace ew::app {

/// File flows of one open project: new, open, save, save as, recent files, the dirty state
/// (from the undo stack's clean state), the "discard changes?" question, and crash recovery
/// (an autosave of unsaved changes every 30 s, offered back at the next start).
class DocumentController final : public QObject
{
    Q_OBJECT
public:
    enum class Answer { Save, Discard, Cancel };
    /// Asks whether to save unsaved changes; replaceable in tests.
    using SaveQuestion = std::function<Answer(const QString &documentName)>;
    /// Asks for a path to open or save; returns "" to cancel. Replaceable in tests.
    using PathQuestion = std::function<QString(bool forSaving, const QString &suggestion)>;

    DocumentController(core::Diagram &diagram, editing::DiagramEditor &editor, QWidget *window);
    ~DocumentController() override;

    QString filePath() const { return m_filePath; }
    QString displayName() const;
    bool isModified() const;
    QString lastError() const { return m_lastError; }

    void setSaveQuestion(SaveQuestion q) { m_askSave = std::move(q); }
    void setPathQuestion(PathQuestion q) { m_askPath = std::move(q); }

    /// Each returns false when cancelled or failed (lastError() says why; nothing is lost).
    bool newDocument();
    bool open(const QString &path);
    bool openWithDialog();
    bool save();
    bool saveAs();
    /// Before closing or replacing the document: true when it is safe to continue.
    bool maybeSave();

    QStringList recentFiles() const;

    // Crash recovery.
    static QString recoveryDirectory();
    QString recoveryFile() const;
    /// Writes the unsaved document to the recovery file now (the timer calls this).
    bool writeRecovery();
    void setAutosaveInterval(int milliseconds) { m_autosave.setInterval(milliseconds); }
    /// Recovery files left by a session that did not close cleanly: those whose lock
    /// (`FILE.lock`, a QLockFile) no running instance holds, because its owner is gone or it
    /// has none. Another running instance's live autosave is never offered. (Locks held by this
    /// process count as gone: at start-up it has no document of its own yet.)
    static QStringList pendingRecoveries();
    /// Opens a recovery file as a modified document (saving goes to the original path).
    bool recover(const QString &recoveryFile);
    static void discardRecovery(const QString &recoveryFile);

signals:
    void documentChanged();
    void recentFilesChanged();
    void message(const QString &text);
    /// A SAM/CloudFormation template was opened as a new project.
    void imported(const QString &templateName, const QStringList &unmapped,
                  const QList<ew::core::Diagnostic> &notes);

private:
    void setDocument(const core::DiagramData &data, const QString &path, bool modified);
    bool writeTo(const QString &path);
    void addRecent(const QString &path);
    void removeRecovery();
    /// Locks the recovery file before its first write, for as long as this document uses it.
    bool lockRecovery();

    core::Diagram &m_diagram;
    editing::DiagramEditor &m_editor;
    QWidget *m_window;
    QString m_filePath;
    QString m_lastError;
    QString m_recoveryFile;
    std::unique_ptr<QLockFile> m_recoveryLock;   ///< held while m_recoveryFile is ours
    bool m_forcedModified = false;   ///< a recovered document is unsaved before any edit
    QTimer m_autosave;
    SaveQuestion m_askSave;
    PathQuestion m_askPath;
};

} // namespace ew::app

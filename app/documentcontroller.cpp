// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/documentcontroller.h"

#include "app/projectinput.h"

#include <core/editing/diagrameditor.h>
#include <core/io/atomicwrite.h>
#include <core/io/filereader.h>
#include <core/io/projectserializer.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

namespace ew::app {

static const char *RecentKey = "recentFiles";
static const int MaxRecent = 10;
static const qint64 MaxOriginBytes = 64 * 1024;   // a path, written by this program

DocumentController::DocumentController(core::Diagram &diagram, editing::DiagramEditor &editor,
                                       QWidget *window)
    : QObject(window)
    , m_diagram(diagram)
    , m_editor(editor)
    , m_window(window)
{
    m_askSave = [this](const QString &name) {
        const auto button = QMessageBox::warning(
            m_window, tr("Unsaved changes"),
            tr("%1 has changes that are not saved. Save them?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return button == QMessageBox::Save      ? Answer::Save
               : button == QMessageBox::Discard ? Answer::Discard
                                                : Answer::Cancel;
    };
    m_askPath = [this](bool forSaving, const QString &suggestion) {
        const QString filter = forSaving ? tr("Eventwright projects (*.ew.yaml);;All files (*)")
                                         : tr("Projects and templates (*.ew.yaml *.yaml *.yml *.json);;"
                                              "Eventwright projects (*.ew.yaml);;All files (*)");
        return forSaving ? QFileDialog::getSaveFileName(m_window, tr("Save project"), suggestion, filter)
                         : QFileDialog::getOpenFileName(m_window, tr("Open project"), suggestion, filter);
    };
    connect(m_editor.undoStack(), &QUndoStack::cleanChanged, this, &DocumentController::documentChanged);
    connect(m_editor.undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (m_forcedModified && !m_editor.undoStack()->isClean())
            return;
        emit documentChanged();
    });
    m_autosave.setInterval(30'000);
    connect(&m_autosave, &QTimer::timeout, this, &DocumentController::writeRecovery);
    m_autosave.start();
    m_recoveryFile = recoveryFile();
}

DocumentController::~DocumentController()
{
    // A clean shutdown leaves no recovery behind (the user answered the save question).
    removeRecovery();
}

QString DocumentController::displayName() const
{
    if (m_filePath.isEmpty())
        return m_diagram.data().name.value_or(tr("Untitled"));
    return QFileInfo(m_filePath).fileName();
}

bool DocumentController::isModified() const
{
    return m_forcedModified || !m_editor.undoStack()->isClean();
}

void DocumentController::setDocument(const core::DiagramData &data, const QString &path, bool modified)
{
    removeRecovery();
    m_diagram.reset(data);
    m_editor.undoStack()->clear();
    m_filePath = path;
    m_forcedModified = modified;
    m_recoveryFile = recoveryFile();
    emit documentChanged();
}

bool DocumentController::newDocument()
{
    if (!maybeSave())
        return false;
    core::DiagramData data;
    setDocument(data, QString(), false);
    return true;
}

bool DocumentController::open(const QString &path)
{
    const ProjectInput input = loadProjectOrTemplate(path);
    const core::ProjectLoadResult &loaded = input.project;
    if (!loaded.ok()) {
        m_lastError = loaded.error.format(QFileInfo(path).fileName());
        return false;
    }
    if (!maybeSave())
        return false;
    m_lastError.clear();
    if (input.imported) {
        // A template becomes a new, unsaved project: saving never overwrites the template.
        setDocument(*loaded.data, QString(), true);
        emit imported(QFileInfo(path).fileName(), input.unmapped, input.notes);
        return true;
    }
    setDocument(*loaded.data, QFileInfo(path).absoluteFilePath(), false);
    addRecent(m_filePath);
    emit message(tr("Opened %1").arg(QDir::toNativeSeparators(m_filePath)));
    return true;
}

bool DocumentController::openWithDialog()
{
    const QString path = m_askPath(false, QFileInfo(m_filePath).absolutePath());
    if (path.isEmpty())
        return false;
    if (!open(path)) {
        if (!m_lastError.isEmpty() && m_window && m_window->isVisible())
            QMessageBox::warning(m_window, tr("Cannot open project"), m_lastError);
        return false;
    }
    return true;
}

bool DocumentController::writeTo(const QString &path)
{
    QString error;
    if (!core::ProjectSerializer::saveFile(path, m_diagram.data(), &error)) {
        m_lastError = tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), error);
        if (m_window && m_window->isVisible())
            QMessageBox::warning(m_window, tr("Save failed"), m_lastError);
        return false;
    }
    m_lastError.clear();
    removeRecovery();
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_recoveryFile = recoveryFile();
    m_forcedModified = false;
    m_editor.undoStack()->setClean();
    addRecent(m_filePath);
    emit documentChanged();
    emit message(tr("Saved %1").arg(QDir::toNativeSeparators(m_filePath)));
    return true;
}

bool DocumentController::save()
{
    if (m_filePath.isEmpty())
        return saveAs();
    return writeTo(m_filePath);
}

bool DocumentController::saveAs()
{
    QString suggestion = m_filePath;
    if (suggestion.isEmpty()) {
        const QString base = m_diagram.data().name.value_or(QStringLiteral("untitled"))
                                 .toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
        suggestion = QDir::home().filePath(base + QStringLiteral(".ew.yaml"));
    }
    QString path = m_askPath(true, suggestion);
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QStringLiteral(".ew.yaml")) && QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".ew.yaml");
    return writeTo(path);
}

bool DocumentController::maybeSave()
{
    if (!isModified())
        return true;
    switch (m_askSave(displayName())) {
    case Answer::Save: return save();
    case Answer::Discard: return true;
    case Answer::Cancel: return false;
    }
    return false;
}

QStringList DocumentController::recentFiles() const
{
    return QSettings().value(QLatin1String(RecentKey)).toStringList();
}

void DocumentController::addRecent(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecent)
        files.removeLast();
    QSettings().setValue(QLatin1String(RecentKey), files);
    emit recentFilesChanged();
}

// ---------------------------------------------------------------------------------------------
// Crash recovery

QString DocumentController::recoveryDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

QString DocumentController::recoveryFile() const
{
    // One recovery file per document (and per window for untitled ones).
    const QByteArray key = m_filePath.isEmpty()
                               ? QByteArray::number(quintptr(this)) + QByteArray::number(QCoreApplication::applicationPid())
                               : m_filePath.toUtf8();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(12));
    return recoveryDirectory() + QLatin1Char('/') + hash + QStringLiteral(".ew.yaml");
}

static QString lockPath(const QString &recoveryPath)
{
    return recoveryPath + QStringLiteral(".lock");
}

static std::unique_ptr<QLockFile> tryLockRecovery(const QString &recoveryPath)
{
    auto lock = std::make_unique<QLockFile>(lockPath(recoveryPath));
    // Never stale by age: an instance may run for days. Only a lock whose owner process is gone
    // is stale (QLockFile checks the PID and the process name).
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

bool DocumentController::lockRecovery()
{
    if (m_recoveryLock)
        return true;
    m_recoveryLock = tryLockRecovery(m_recoveryFile);
    if (m_recoveryLock)
        return true;
    // Another running instance has the same document open and autosaves it under the same
    // name: keep this instance's unsaved changes apart.
    const QByteArray key = m_filePath.toUtf8() + '|' + QByteArray::number(quintptr(this)) + '|'
                           + QByteArray::number(QCoreApplication::applicationPid());
    m_recoveryFile = recoveryDirectory() + QLatin1Char('/')
                     + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(12))
                     + QStringLiteral(".ew.yaml");
    m_recoveryLock = tryLockRecovery(m_recoveryFile);
    return bool(m_recoveryLock);
}

bool DocumentController::writeRecovery()
{
    if (!isModified())
        return false;
    if (!QDir().mkpath(recoveryDirectory()))
        return false;
    if (!lockRecovery())
        return false;
    if (!core::writeFileAtomically(m_recoveryFile, core::ProjectSerializer::save(m_diagram.data()), nullptr))
        return false;
    // Where the document belongs, so that recovering it saves back there.
    core::writeFileAtomically(m_recoveryFile + QStringLiteral(".origin"), m_filePath.toUtf8(), nullptr);
    return true;
}

void DocumentController::removeRecovery()
{
    if (m_recoveryFile.isEmpty() || !m_recoveryLock)
        return;   // nothing written, or the file is another instance's
    QFile::remove(m_recoveryFile);
    QFile::remove(m_recoveryFile + QStringLiteral(".origin"));
    m_recoveryLock.reset();   // unlocks and removes the lock file
}

QStringList DocumentController::pendingRecoveries()
{
    const QDir dir(recoveryDirectory());
    QStringList out;
    for (const QString &f : dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Time)) {
        const QString path = dir.filePath(f);
        if (tryLockRecovery(path)) {   // no lock, or a stale one: its instance is gone
            out << path;
            continue;
        }
        qint64 pid = 0;
        QString host, app;
        QLockFile lock(lockPath(path));
        if (lock.getLockInfo(&pid, &host, &app) && pid == QCoreApplication::applicationPid())
            out << path;   // this process's own (a document it abandoned)
    }
    return out;
}

bool DocumentController::recover(const QString &recoveryPath)
{
    const core::ProjectLoadResult loaded = core::ProjectSerializer::loadFile(recoveryPath);
    if (!loaded.ok()) {
        m_lastError = loaded.error.format(QFileInfo(recoveryPath).fileName());
        return false;
    }
    // The .origin note holds the document's path; none (or an unreadable one) means untitled.
    QString origin;
    if (const std::optional<QByteArray> text =
            core::readFileLimited(recoveryPath + QStringLiteral(".origin"), MaxOriginBytes, nullptr))
        origin = QString::fromUtf8(*text);
    setDocument(*loaded.data, origin, true);
    discardRecovery(recoveryPath);
    emit message(tr("Recovered unsaved changes%1").arg(origin.isEmpty() ? QString() : tr(" of %1").arg(origin)));
    return true;
}

void DocumentController::discardRecovery(const QString &recoveryPath)
{
    QFile::remove(recoveryPath);
    QFile::remove(recoveryPath + QStringLiteral(".origin"));
    QFile::remove(lockPath(recoveryPath));
}

} // namespace ew::app

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/exportwriter.h"

#include "core/export/exporter.h"
#include "core/io/atomicwrite.h"
#include "core/validation/validator.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

#include <vector>

namespace ew::core {

QList<Diagnostic> exportBlockers(const DiagramData &data, const Catalog &catalog)
{
    QList<Diagnostic> blockers;
    for (const Diagnostic &d : Validator::validate(data, catalog)) {
        if (d.severity == Severity::Error)
            blockers.append(d);
    }
    return blockers;
}

/// Writes every file of a folder export or none: the files are written to a staging folder
/// inside `path` first (same file system), then each one is renamed over its target, the old
/// one kept aside until all are in place; a failure puts the old files back. Files of `path`
/// the export does not name are left alone.
static bool writeFolder(const ExportResult &result, const QString &path, QString *errorMessage)
{
    auto fail = [&](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    const QString native = QDir::toNativeSeparators(path);
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir())
        return fail(QStringLiteral("%1: is not a folder").arg(native));
    const bool created = !QFileInfo::exists(path);
    if (!QDir().mkpath(path))
        return fail(QStringLiteral("%1: %2").arg(native, whyNotWritable(path, QStringLiteral("cannot create the folder"))));
    const QDir dir(path);
    auto undoCreate = [&] {
        if (created)
            QDir().rmdir(path);
    };
    for (const ExportFile &f : result.files) {
        const QFileInfo target(dir.filePath(f.name));
        if (target.exists() && !target.isFile()) {
            undoCreate();
            return fail(QStringLiteral("%1: is not a regular file; nothing was written")
                            .arg(QDir::toNativeSeparators(target.filePath())));
        }
    }
    QTemporaryDir staging(dir.filePath(QStringLiteral(".eventwright-export-XXXXXX")));
    if (!staging.isValid()) {
        undoCreate();
        return fail(QStringLiteral("%1: %2").arg(native, whyNotWritable(dir.filePath(QStringLiteral("x")), staging.errorString())));
    }
    const QDir stage(staging.path());
    if (!stage.mkdir(QStringLiteral("old")))
        return fail(QStringLiteral("%1: cannot create a staging folder").arg(native));
    for (const ExportFile &f : result.files) {
        QString error;
        if (!writeFileAtomically(stage.filePath(f.name), f.content, &error)) {
            staging.remove();
            undoCreate();
            return fail(QStringLiteral("%1: %2; nothing was written").arg(QDir::toNativeSeparators(dir.filePath(f.name)), error));
        }
    }
    // Swap: old → staging/old, new → target; undo in reverse on the first failure.
    struct Step { QString name; bool hadOld; };
    std::vector<Step> done;
    auto rollback = [&] {
        for (auto it = done.rbegin(); it != done.rend(); ++it) {
            QFile::remove(dir.filePath(it->name));
            if (it->hadOld)
                QFile::rename(stage.filePath(QStringLiteral("old/") + it->name), dir.filePath(it->name));
        }
    };
    for (const ExportFile &f : result.files) {
        const QString target = dir.filePath(f.name);
        const bool hadOld = QFileInfo::exists(target);
        if (hadOld && !QFile::rename(target, stage.filePath(QStringLiteral("old/") + f.name))) {
            rollback();
            return fail(QStringLiteral("%1: %2; nothing was changed")
                            .arg(QDir::toNativeSeparators(target), whyNotWritable(target, QStringLiteral("cannot replace it"))));
        }
        if (!QFile::rename(stage.filePath(f.name), target)) {
            if (hadOld)
                QFile::rename(stage.filePath(QStringLiteral("old/") + f.name), target);
            rollback();
            return fail(QStringLiteral("%1: %2; nothing was changed")
                            .arg(QDir::toNativeSeparators(target), whyNotWritable(target, QStringLiteral("cannot write it"))));
        }
        done.push_back({f.name, hadOld});
    }
    return true;   // staging (with the old files) is removed by QTemporaryDir
}

bool writeExport(const Exporter &exporter, const ExportResult &result, const QString &path,
                 QString *errorMessage)
{
    if (exporter.isFolder())
        return writeFolder(result, path, errorMessage);
    QByteArray all;
    for (const ExportFile &f : result.files)
        all += f.content;
    QString error;
    if (writeFileAtomically(path, all, &error))
        return true;
    if (errorMessage)
        *errorMessage = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), error);
    return false;
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/atomicwrite.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

#include <vector>

namespace ew::core {

/// Why `path` cannot be written, in words about the path rather than about QSaveFile's
/// temporary file (whose errors read "No such file or directory" for a read-only /proc file).
QString whyNotWritable(const QString &path, const QString &fallback)
{
    const QFileInfo info(path);
    const QFileInfo folder(info.absolutePath());
    if (info.isDir())
        return QStringLiteral("is a folder, not a file");
    if (!folder.exists())
        return QStringLiteral("the folder %1 does not exist").arg(QDir::toNativeSeparators(folder.filePath()));
    if (!folder.isDir())
        return QStringLiteral("%1 is not a folder").arg(QDir::toNativeSeparators(folder.filePath()));
    if (info.exists() && !info.isFile())
        return QStringLiteral("is not a regular file");
    if (info.exists() && !info.isWritable())
        return QStringLiteral("the file is read-only");
    if (!folder.isWritable())
        return QStringLiteral("cannot create files in the folder %1 (permission denied)")
            .arg(QDir::toNativeSeparators(folder.filePath()));
    if (info.absoluteFilePath().startsWith(QStringLiteral("/proc/"))
        || info.absoluteFilePath().startsWith(QStringLiteral("/sys/")))
        return QStringLiteral("cannot replace a system file");
    return fallback;
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *errorMessage)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (errorMessage)
        *errorMessage = whyNotWritable(path, file.errorString());
    return false;
}

} // namespace ew::core

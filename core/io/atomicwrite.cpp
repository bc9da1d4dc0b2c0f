// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/atomicwrite.h"

#include "core/export/exporter.h"

#include <QDir>
#include <QSaveFile>

namespace ew::core {

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *errorMessage)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (errorMessage)
        *errorMessage = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

bool writeExport(const Exporter &exporter, const ExportResult &result, const QString &path,
                 QString *errorMessage)
{
    if (exporter.isFolder()) {
        if (!QDir().mkpath(path)) {
            if (errorMessage)
                *errorMessage = QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(path));
            return false;
        }
        for (const ExportFile &f : result.files) {
            if (!writeFileAtomically(QDir(path).filePath(f.name), f.content, errorMessage))
                return false;
        }
        return true;
    }
    QByteArray all;
    for (const ExportFile &f : result.files)
        all += f.content;
    return writeFileAtomically(path, all, errorMessage);
}

} // namespace ew::core

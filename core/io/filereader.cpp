// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/filereader.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace ew::core {

static QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'f', 1);
}

static QString tooLarge(qint64 size, qint64 maxBytes)
{
    // Limits are whole megabytes in practice; a smaller one is shown with its decimal.
    const QString limit = maxBytes % (1024 * 1024) == 0 ? QString::number(maxBytes / (1024 * 1024))
                                                         : megabytes(maxBytes);
    return QStringLiteral("the file is too large (%1 MB); the limit is %2 MB").arg(megabytes(size), limit);
}

std::optional<QByteArray> readFileLimited(const QString &path, qint64 maxBytes, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<QByteArray> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(info.exists() ? QStringLiteral("not a regular file") : QStringLiteral("no such file"));
    if (info.size() > maxBytes)
        return fail(tooLarge(info.size(), maxBytes));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the file: ") + file.errorString());
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes)
        return fail(tooLarge(std::max(file.size(), qint64(bytes.size())), maxBytes));
    if (file.error() != QFileDevice::NoError)
        return fail(QStringLiteral("cannot read the file: ") + file.errorString());
    return bytes;
}

} // namespace ew::core

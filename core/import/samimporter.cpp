// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/samimporter.h"

#include "core/import/templateimporter.h"
#include "core/import/templatereader.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace ew::core {

bool SamImporter::looksLikeTemplate(const QByteArray &text)
{
    static const QRegularExpression yamlKey(
        QStringLiteral("^ *(AWSTemplateFormatVersion|Transform|Resources)\\s*:"), QRegularExpression::MultilineOption);
    static const QRegularExpression jsonKey(QStringLiteral("\"(AWSTemplateFormatVersion|Transform|Resources)\"\\s*:"));
    const QString s = QString::fromUtf8(text.left(1 << 20));
    if (s.trimmed().startsWith(u'{'))
        return jsonKey.match(s).hasMatch();
    return yamlKey.match(s).hasMatch();
}

ImportResult SamImporter::import(const QByteArray &input, const Catalog &catalog)
{
    ImportResult result;
    const std::optional<Value> root = samimport::readTemplate(input, result);
    if (root)
        samimport::Importer(*root, catalog, result).run();
    return result;
}

ImportResult SamImporter::importFile(const QString &path, const Catalog &catalog)
{
    ImportResult result;
    QFileInfo info(path);
    if (info.exists() && info.size() > ProjectSerializer::MaxFileBytes) {
        result.error.message = QStringLiteral("the file is larger than %1 MB").arg(ProjectSerializer::MaxFileBytes >> 20);
        return result;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        result.error.message = QStringLiteral("cannot open the file: %1").arg(f.errorString());
        return result;
    }
    return import(f.read(ProjectSerializer::MaxFileBytes + 1), catalog);
}

} // namespace ew::core

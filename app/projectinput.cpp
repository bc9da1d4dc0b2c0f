// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/projectinput.h"

#include <core/catalog/catalog.h>
#include <core/import/samimporter.h>
#include <core/layout/autolayout.h>

#include <QFile>

namespace ew::app {

bool isTemplateFile(const QString &path)
{
    if (path.endsWith(QStringLiteral(".ew.yaml")))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > core::ProjectSerializer::MaxFileBytes)
        return false;
    return core::SamImporter::looksLikeTemplate(f.readAll());
}

ProjectInput loadProjectOrTemplate(const QString &path)
{
    ProjectInput input;
    if (!isTemplateFile(path)) {
        input.project = core::ProjectSerializer::loadFile(path);
        return input;
    }
    input.imported = true;
    const core::Catalog &catalog = core::Catalog::builtin();
    core::ImportResult result = core::SamImporter::importFile(path, catalog);
    input.unmapped = result.unmapped;
    input.notes = result.notes;
    if (!result.data) {
        input.project.error = result.error;
        return input;
    }
    // Positions saved by our SAM exporter's Metadata are kept; the rest is laid out.
    const QHash<QString, QPointF> positions = core::autoLayout(*result.data, catalog, true);
    for (core::Component &c : result.data->components) {
        if (!c.position && positions.contains(c.id))
            c.position = positions.value(c.id);
    }
    input.project.data = std::move(result.data);
    return input;
}

} // namespace ew::app

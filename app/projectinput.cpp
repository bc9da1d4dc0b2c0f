// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/projectinput.h"

#include <core/catalog/catalog.h>
#include <core/import/samimporter.h>
#include <core/io/filereader.h>
#include <core/layout/autolayout.h>

namespace ew::app {

bool isTemplateText(const QString &path, const QByteArray &text)
{
    return !path.endsWith(QStringLiteral(".ew.yaml")) && core::SamImporter::looksLikeTemplate(text);
}

ProjectInput loadProjectOrTemplate(const QString &path)
{
    // Read once: the same bytes tell a template from a project and are then loaded.
    ProjectInput input;
    const std::optional<QByteArray> text =
        core::readFileLimited(path, core::ProjectSerializer::MaxFileBytes, &input.project.error.message);
    if (!text) {
        input.readFailed = true;
        return input;
    }
    if (!isTemplateText(path, *text)) {
        input.project = core::ProjectSerializer::load(*text);
        return input;
    }
    input.imported = true;
    const core::Catalog &catalog = core::Catalog::builtin();
    core::ImportResult result = core::SamImporter::import(*text, catalog);
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

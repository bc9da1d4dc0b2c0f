// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/io/projectserializer.h>
#include <core/validation/diagnostic.h>

#include <QStringList>

namespace ew::app {

/// A project read from a `.ew.yaml` file or imported from a SAM/CloudFormation template
/// (CLI.md: every command that takes FILE accepts a template). Imported components without a
/// saved position are placed by the automatic layout.
struct ProjectInput
{
    core::ProjectLoadResult project;
    bool imported = false;
    bool readFailed = false;           ///< the file could not be read (project.error says why)
    QStringList unmapped;              ///< template resources with no catalog kind
    QList<core::Diagnostic> notes;     ///< what the import noticed (duplicate keys, conditions…)
};

/// True when text read from path is a template rather than a project: its top level has
/// AWSTemplateFormatVersion, Transform or Resources (a `.ew.yaml` file never is).
bool isTemplateText(const QString &path, const QByteArray &text);
/// Reads the file once (core::readFileLimited, ProjectSerializer::MaxFileBytes) and loads it as a
/// project or imports it as a template.
ProjectInput loadProjectOrTemplate(const QString &path);

} // namespace ew::app

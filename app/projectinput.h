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
    QStringList unmapped;              ///< template resources with no catalog kind
    QList<core::Diagnostic> notes;     ///< what the import noticed (duplicate keys, conditions…)
};

/// True when the file is a template rather than a project: its top level has
/// AWSTemplateFormatVersion, Transform or Resources.
bool isTemplateFile(const QString &path);
ProjectInput loadProjectOrTemplate(const QString &path);

} // namespace ew::app

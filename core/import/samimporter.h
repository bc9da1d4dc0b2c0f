// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/io/projectserializer.h"
#include "core/model/diagram.h"
#include "core/validation/diagnostic.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ew::core {

/// What reading a SAM / CloudFormation template gave.
struct ImportResult
{
    std::optional<DiagramData> data;   ///< the project, when the template could be read
    LoadError error;                   ///< when it could not: line/column + message
    QStringList unmapped;              ///< "LogicalId (AWS::Type)" of resources with no catalog kind
    QList<Diagnostic> notes;           ///< warnings: duplicate keys, Conditions, AWS::Include, ...
    bool ok() const { return data.has_value(); }
};

/// Reads an AWS SAM or CloudFormation template (YAML or JSON, short or long intrinsic forms)
/// into a project: resources of catalog kinds become components, events, mappings,
/// subscriptions, rule targets, destinations, redrive policies and IAM grants become
/// connections. Resources without a kind are kept under the top-level key
/// `unmapped-resources` (written back by the SAM exporter) and listed in `unmapped`.
/// Positions come from Metadata.Eventwright.Layout (written by the SAM exporter), else `at`
/// stays empty.
class SamImporter
{
public:
    /// Key of DiagramData::extra that keeps resources without a catalog kind.
    static QString unmappedKey() { return QStringLiteral("unmapped-resources"); }

    /// True when the top level has AWSTemplateFormatVersion, Transform or Resources.
    static bool looksLikeTemplate(const QByteArray &text);
    static ImportResult import(const QByteArray &text, const Catalog &catalog);
    /// Refuses files above ProjectSerializer::MaxFileBytes.
    static ImportResult importFile(const QString &path, const Catalog &catalog);
};

} // namespace ew::core

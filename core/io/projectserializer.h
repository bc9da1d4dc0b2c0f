// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/diagram.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ew::core {

/// Why a project could not be loaded, and where (1-based line/column; 0 = whole file).
struct LoadError
{
    int line = 0;
    int column = 0;
    QString message;

    /// "FILE:LINE:COL: error: message" (position parts left out when unknown).
    QString format(const QString &fileName) const;
};

struct ProjectLoadResult
{
    std::optional<DiagramData> data;
    LoadError error;
    bool ok() const { return data.has_value(); }
};

/// Reads and writes `.ew.yaml` project files (format 1, see docs/project-format.md).
/// Loading never changes the file; saving writes the canonical form atomically.
class ProjectSerializer
{
public:
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;
    static constexpr int FormatVersion = 1;

    static ProjectLoadResult load(const QByteArray &text);
    static ProjectLoadResult loadFile(const QString &path);

    /// The canonical text of a project: stable order, two-space indentation, LF endings.
    static QByteArray save(const DiagramData &data);
    /// Writes through QSaveFile; on failure returns false and sets errorMessage.
    static bool saveFile(const QString &path, const DiagramData &data, QString *errorMessage);

    /// True when the id has the form the format requires: [a-z0-9][a-z0-9-]{0,62}.
    static bool isValidId(const QString &id);
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ew::ui {

class DiagramScene;

/// Renders the whole scene to a PNG (2× scale) or SVG file, chosen by the file's suffix.
/// Returns false and sets errorMessage on an unknown suffix or a write failure.
bool renderSceneToFile(DiagramScene &scene, const QString &path, QString *errorMessage);

} // namespace ew::ui

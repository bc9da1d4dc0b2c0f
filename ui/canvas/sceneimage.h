// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ew::ui {

class DiagramScene;

/// The largest picture renderSceneToFile writes: a scene whose natural size (2× its extent in
/// pixels) exceeds either bound is scaled down until it fits (issue 10: a card at x = 1e12
/// asked for a 2·10¹² px image). 16384 px is also a common limit of image viewers and GPUs;
/// 100 Mpx is 400 MB of ARGB32 pixels.
inline constexpr int MaxImageSide = 16384;
inline constexpr qint64 MaxImagePixels = 100'000'000;

/// Renders the whole scene to a PNG (2× scale, less when it would exceed the bounds above) or
/// SVG (1×, with the same bounds on its nominal size) file, chosen by the file's suffix.
/// Returns false and sets errorMessage (which does not repeat the path) on an unknown suffix,
/// an image that cannot be allocated, a painting, encoding or write failure. When the picture
/// was scaled down, sets note to a sentence that says by how much.
bool renderSceneToFile(DiagramScene &scene, const QString &path, QString *errorMessage,
                       QString *note = nullptr);

} // namespace ew::ui

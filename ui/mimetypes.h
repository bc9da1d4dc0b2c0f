// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace ew::ui {

/// MIME type of a palette drag; the data is the kind id in UTF-8.
inline QString componentKindMimeType()
{
    return QStringLiteral("application/x-eventwright-component-kind");
}

} // namespace ew::ui

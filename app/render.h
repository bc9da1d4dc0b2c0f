// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace ew::app {

/// `eventwright render FILE --out IMAGE.png|IMAGE.svg`; needs a QGuiApplication (offscreen).
int runRender(const QStringList &arguments);

} // namespace ew::app

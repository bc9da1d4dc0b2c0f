// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/palettepanel.h"

namespace ew::ui {

PalettePanel::PalettePanel(const core::Catalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
{
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsItem>

namespace ew::ui {

/// Every QGraphicsItem type id of the canvas, in one place.
enum ItemType {
    ComponentItemType = QGraphicsItem::UserType + 1,
    ConnectionItemType,
    SimulationLayerItemType,
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>

#include <QWidget>

namespace ew::ui {

/// Every catalog kind with its icon, grouped by invocation class and role, with a search box.
/// Dragging an entry carries componentKindMimeType(); activating one emits kindActivated.
class PalettePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit PalettePanel(const core::Catalog &catalog, QWidget *parent = nullptr);

signals:
    void kindActivated(const QString &kindId);

private:
    const core::Catalog &m_catalog;
};

} // namespace ew::ui

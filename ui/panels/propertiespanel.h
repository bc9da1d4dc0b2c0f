// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/model/diagram.h>

#include <QWidget>

namespace ew::editing { class DiagramEditor; }

namespace ew::ui {

/// Editors generated from the catalog for the selected component or connection. Every edit
/// goes through DiagramEditor as one undo step (typing in one field merges).
class PropertiesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesPanel(editing::DiagramEditor &editor, QWidget *parent = nullptr);

    void showComponent(const QString &componentId);
    void showConnection(core::ConnectionId connectionId);
    void clear();

private:
    editing::DiagramEditor &m_editor;
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/propertiespanel.h"

#include <core/editing/diagrameditor.h>

namespace ew::ui {

PropertiesPanel::PropertiesPanel(editing::DiagramEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
{
}

void PropertiesPanel::showComponent(const QString &componentId)
{
    Q_UNUSED(componentId);
}

void PropertiesPanel::showConnection(core::ConnectionId connectionId)
{
    Q_UNUSED(connectionId);
}

void PropertiesPanel::clear()
{
}

} // namespace ew::ui

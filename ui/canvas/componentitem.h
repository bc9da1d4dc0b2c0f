// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/canvas/itemtypes.h"

#include <QGraphicsItem>

namespace ew::ui {

class DiagramScene;

/// A component's card. A view of the model: it keeps the component id and reads everything
/// it paints from the diagram and the catalog.
class ComponentItem final : public QGraphicsItem
{
public:
    ComponentItem(DiagramScene &scene, const QString &componentId);

    enum { Type = ComponentItemType };
    int type() const override { return Type; }
    const QString &componentId() const { return m_componentId; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// Re-reads the model (label, properties) and repaints.
    void refresh();

private:
    QString detailLine() const;

    DiagramScene &m_scene;
    QString m_componentId;
};

} // namespace ew::ui

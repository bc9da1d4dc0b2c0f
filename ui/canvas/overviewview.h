// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>
#include <QPointer>

namespace ew::ui {

/// A small map of the whole canvas: shows the main view's visible area as a frame; a click or
/// drag centres the main view there.
class OverviewView final : public QGraphicsView
{
    Q_OBJECT
public:
    OverviewView(QGraphicsView *mainView, QWidget *parent = nullptr);
    void refit();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QPointer<QGraphicsView> m_main;
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

namespace ew::ui {

/// The canvas view: rubber-band selection, Ctrl+wheel zoom around the cursor, panning with the
/// middle button or Space+drag, zoom to fit and 100 %.
class DiagramView final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(QGraphicsScene *scene, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    void zoomBy(qreal factor);
    /// Fits the scene's contents, never magnifying beyond 100 %.
    void zoomToFit();

signals:
    void zoomChanged(qreal factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panStart;
};

} // namespace ew::ui

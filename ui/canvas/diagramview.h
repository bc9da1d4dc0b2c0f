// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

#include <optional>
#include <QLineEdit>
#include <QPointer>

#include <functional>

namespace ew::ui {

/// The canvas view: rubber-band selection, Ctrl+wheel zoom around the cursor, panning with the
/// middle button or Space+drag, zoom to fit and 100 %, a hint on an empty canvas, a context
/// menu request and an inline text editor over a card (renaming).
class DiagramView final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(QGraphicsScene *scene, QWidget *parent = nullptr);

    /// The sentence drawn in the middle of the canvas while the diagram has no component
    /// ("" draws none).
    void setEmptyHint(const QString &text);
    QString emptyHint() const { return m_emptyHint; }
    bool isEmptyHintShown() const;

    /// Edits text in place over a scene rectangle (a card's title) in the font the scene draws
    /// it with (scaled by the zoom): Enter or leaving the field calls done with the text,
    /// Escape cancels. One editor at a time.
    void editText(const QRectF &sceneRect, const QString &text, const QFont &sceneFont,
                  std::function<void(const QString &)> done);
    /// The inline editor while one is open, else nullptr.
    QLineEdit *textEditor() const { return m_textEditor; }

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    void zoomBy(qreal factor);
    /// Fits the scene's contents, never magnifying beyond 100 %. With a `minimumZoom` (as when
    /// a design opens), never shrinking below it either: a design too big for the canvas at
    /// that scale shows its start (left, top; the triggers' lane) and the rest is a scroll away.
    void zoomToFit(qreal minimumZoom = 0);

signals:
    void zoomChanged(qreal factor);
    /// A context menu was asked for at this scene position (right click, the menu key).
    void contextMenuRequested(const QPointF &scenePos, const QPoint &globalPos);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void closeTextEditor(bool commit);

    QString m_emptyHint;
    bool m_hintDrawn = false;
    QPointer<QLineEdit> m_textEditor;
    std::function<void(const QString &)> m_textDone;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panStart;
    /// Where the last fit centred the view, kept while the viewport settles (docks laid out
    /// after the window shows); dropped on the first zoom, wheel or click.
    std::optional<QPointF> m_fitCentre;
};

} // namespace ew::ui

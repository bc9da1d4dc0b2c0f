// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/diagramview.h"

#include "ui/canvas/diagramscene.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ew::ui {

DiagramView::DiagramView(QGraphicsScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    // Room round the design: without it the view cannot scroll past the outermost items, so
    // a design centred or shown from its start hugged the viewport's edge. Follows the
    // scene's growing rect.
    auto withMargin = [this](const QRectF &r) { setSceneRect(r.adjusted(-400, -400, 400, 400)); };
    if (scene) {
        connect(scene, &QGraphicsScene::sceneRectChanged, this, withMargin);
        withMargin(scene->sceneRect());
    }
    // With that margin there is always something to scroll to; scroll bars that come and go
    // would change the viewport's size (and the centre) after a fit.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    // The empty-canvas hint is drawn in viewport coordinates: when it comes or goes, the whole
    // viewport repaints (a partial update would leave half a sentence).
    auto hintChanged = [this] {
        if (isEmptyHintShown() != m_hintDrawn)
            viewport()->update();
    };
    connect(scene, &QGraphicsScene::changed, this, hintChanged);
    if (auto *s = qobject_cast<DiagramScene *>(scene)) {
        connect(&s->diagram(), &core::Diagram::changed, this, hintChanged);
        connect(&s->diagram(), &core::Diagram::diagramReset, this, hintChanged);
    }
}

void DiagramView::setEmptyHint(const QString &text)
{
    m_emptyHint = text;
    viewport()->update();
}

bool DiagramView::isEmptyHintShown() const
{
    const auto *s = qobject_cast<const DiagramScene *>(scene());
    return !m_emptyHint.isEmpty() && s && s->componentItemCount() == 0;
}

void DiagramView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    m_hintDrawn = isEmptyHintShown();
    if (!m_hintDrawn)
        return;
    painter->save();
    painter->resetTransform();   // viewport pixels: the hint keeps its size at any zoom
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    painter->setFont(font);
    QColor colour = palette().color(QPalette::PlaceholderText);
    painter->setPen(colour);
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter->drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_emptyHint);
    painter->restore();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    // Scrolling moves the viewport's pixels; the hint and the editor stay where they are.
    if (m_hintDrawn)
        viewport()->update();
    if (m_textEditor)
        m_textEditor->move(m_textEditor->pos() + QPoint(dx, dy));
}

void DiagramView::contextMenuEvent(QContextMenuEvent *event)
{
    emit contextMenuRequested(mapToScene(event->pos()), event->globalPos());
    event->accept();
}

void DiagramView::editText(const QRectF &sceneRect, const QString &text, const QFont &sceneFont,
                           std::function<void(const QString &)> done)
{
    closeTextEditor(false);
    auto *edit = new QLineEdit(viewport());
    edit->setObjectName(QStringLiteral("inlineTextEditor"));
    edit->setText(text);
    edit->selectAll();
    // Readable at any zoom: never smaller than 7 pt, never larger than twice the card's.
    QFont font = sceneFont;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(std::clamp(font.pointSizeF() * zoom(), 7.0, 2 * font.pointSizeF()));
    edit->setFont(font);
    const QRect r = mapFromScene(sceneRect).boundingRect();
    edit->setGeometry(r.x(), r.y(), std::max(r.width(), 120), std::max(r.height(), edit->sizeHint().height()));
    m_textEditor = edit;
    m_textDone = std::move(done);
    connect(edit, &QLineEdit::returnPressed, this, [this] { closeTextEditor(true); });
    connect(edit, &QLineEdit::editingFinished, this, [this] { closeTextEditor(true); });
    edit->installEventFilter(this);
    edit->show();
    edit->setFocus(Qt::OtherFocusReason);
}

void DiagramView::closeTextEditor(bool commit)
{
    if (!m_textEditor)
        return;
    QLineEdit *edit = m_textEditor;
    m_textEditor = nullptr;
    auto done = std::move(m_textDone);
    m_textDone = nullptr;
    const QString text = edit->text();
    edit->hide();
    edit->deleteLater();
    setFocus(Qt::OtherFocusReason);
    if (commit && done)
        done(text);
}

bool DiagramView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_textEditor && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        closeTextEditor(false);
        return true;
    }
    return QGraphicsView::eventFilter(watched, event);
}

void DiagramView::setZoom(qreal factor)
{
    m_fitCentre.reset();
    factor = std::clamp(factor, 0.05, 4.0);
    const QPointF centre = mapToScene(viewport()->rect().center());
    setTransform(QTransform::fromScale(factor, factor));
    centerOn(centre);
    emit zoomChanged(factor);
}

void DiagramView::zoomBy(qreal factor)
{
    m_fitCentre.reset();
    const qreal next = std::clamp(zoom() * factor, 0.05, 4.0);
    scale(next / zoom(), next / zoom());
    emit zoomChanged(next);
}

void DiagramView::zoomToFit(qreal minimumZoom)
{
    auto *s = qobject_cast<DiagramScene *>(scene());
    const QRectF rect = s ? s->contentsRect() : scene()->itemsBoundingRect();
    if (rect.isEmpty())
        return;
    fitInView(rect, Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setTransform(QTransform());
    if (zoom() < minimumZoom)
        setTransform(QTransform::fromScale(minimumZoom, minimumZoom));
    // Centred where it fits; where it does not, its left or top edge at the viewport's.
    const QSizeF visible = QSizeF(viewport()->size()) / zoom();
    const QPointF centre(rect.width() <= visible.width() ? rect.center().x() : rect.left() + visible.width() / 2,
                         rect.height() <= visible.height() ? rect.center().y() : rect.top() + visible.height() / 2);
    centerOn(centre);
    m_fitCentre = centre;
    emit zoomChanged(zoom());
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitCentre)
        centerOn(*m_fitCentre);
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    m_fitCentre.reset();
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        zoomBy(std::pow(1.15, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    m_fitCentre.reset();
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panStart = event->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->pos() - m_panStart;
        m_panStart = event->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

} // namespace ew::ui

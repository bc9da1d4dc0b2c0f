// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/overviewview.h"

#include "ui/canvas/diagramscene.h"

#include <QMouseEvent>
#include <QScrollBar>

namespace ew::ui {

OverviewView::OverviewView(QGraphicsView *mainView, QWidget *parent)
    : QGraphicsView(mainView->scene(), parent)
    , m_main(mainView)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setMinimumSize(160, 110);
    auto repaint = [this] { viewport()->update(); };
    connect(mainView->horizontalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(mainView->verticalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(scene(), &QGraphicsScene::changed, this, [this] { refit(); });
}

void OverviewView::refit()
{
    auto *s = qobject_cast<DiagramScene *>(scene());
    const QRectF r = s ? s->contentsRect() : sceneRect();
    if (!r.isEmpty())
        fitInView(r, Qt::KeepAspectRatio);
    viewport()->update();
}

void OverviewView::drawForeground(QPainter *painter, const QRectF &)
{
    if (!m_main)
        return;
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    QPen pen(QColor(0x00, 0x73, 0xBB), 0);
    painter->setPen(pen);
    painter->setBrush(QColor(0x00, 0x73, 0xBB, 30));
    painter->drawRect(visible);
}

void OverviewView::mousePressEvent(QMouseEvent *event)
{
    if (m_main)
        m_main->centerOn(mapToScene(event->pos()));
    viewport()->update();
}

void OverviewView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_main && (event->buttons() & Qt::LeftButton))
        m_main->centerOn(mapToScene(event->pos()));
    viewport()->update();
}

void OverviewView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

} // namespace ew::ui

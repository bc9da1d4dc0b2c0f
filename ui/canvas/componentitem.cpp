// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/componentitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/diagramscene.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace ew::ui {

ComponentItem::ComponentItem(DiagramScene &scene, const QString &componentId)
    : m_scene(scene)
    , m_componentId(componentId)
{
    setFlags(ItemIsSelectable);
    setZValue(1);
}

QRectF ComponentItem::boundingRect() const
{
    return QRectF(-2, -2, CanvasStyle::CardWidth + 4, CanvasStyle::CardHeight + 4);
}

void ComponentItem::refresh()
{
    const core::Component *c = m_scene.diagram().component(m_componentId);
    if (!c)
        return;
    setPos(m_scene.positionOf(m_componentId));
    const core::KindSpec *kind = m_scene.catalog().kind(c->kind);
    setToolTip(QStringLiteral("<b>%1</b><br>%2 (<code>%3</code>)<br>%4")
                   .arg(c->displayName().toHtmlEscaped(),
                        kind ? kind->name : QStringLiteral("Unknown kind"), c->kind.toHtmlEscaped(),
                        kind ? kind->summary.toHtmlEscaped() : QString()));
    update();
}

QString ComponentItem::detailLine() const
{
    const core::Component *c = m_scene.diagram().component(m_componentId);
    if (!c)
        return {};
    auto prop = [&](const char *name) -> QString {
        const core::Value *v = c->properties.find(QLatin1String(name));
        return v ? v->display() : QString();
    };
    auto withDefault = [&](const char *name) -> QString {
        const QString v = prop(name);
        if (!v.isEmpty())
            return v;
        const core::KindSpec *k = m_scene.catalog().kind(c->kind);
        const core::PropertySpec *p = k ? k->property(QLatin1String(name)) : nullptr;
        return p && p->defaultValue ? p->defaultValue->display() : QString();
    };
    if (c->kind == u"lambda-function") {
        // Timeout and memory first: they matter most for the rules; the runtime may be elided.
        QStringList parts{withDefault("Timeout") + QStringLiteral(" s"),
                          withDefault("MemorySize") + QStringLiteral(" MB")};
        if (const QString r = prop("Runtime"); !r.isEmpty())
            parts << r;
        return parts.join(QStringLiteral(" · "));
    }
    if (c->kind == u"sqs-queue")
        return prop("FifoQueue") == u"true" ? QStringLiteral("FIFO") : QStringLiteral("standard");
    if (c->kind == u"sns-topic")
        return prop("FifoTopic") == u"true" ? QStringLiteral("FIFO") : QStringLiteral("standard");
    if (c->kind == u"dynamodb-table") {
        const QString s = prop("StreamViewType");
        return s.isEmpty() ? QStringLiteral("no stream") : QStringLiteral("stream ") + s;
    }
    if (c->kind == u"eventbridge-schedule")
        return prop("ScheduleExpression");
    if (c->kind == u"kinesis-stream") {
        const QString mode = prop("StreamModeDetails");
        return mode.isEmpty() ? prop("ShardCount") + QStringLiteral(" shards") : mode;
    }
    return {};
}

void ComponentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const core::Component *c = m_scene.diagram().component(m_componentId);
    if (!c)
        return;
    const core::KindSpec *kind = m_scene.catalog().kind(c->kind);
    const QColor accent = CanvasStyle::categoryColor(kind ? kind->category : QString());
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF card(0, 0, CanvasStyle::CardWidth, CanvasStyle::CardHeight);

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(CanvasStyle::cardBorder(selected), selected ? 2 : 1));
    painter->setBrush(CanvasStyle::cardFill());
    painter->drawRoundedRect(card, 8, 8);

    // Badge: a rounded square in the category colour with a short kind mark.
    const QRectF badge(10, 14, 44, 44);
    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawRoundedRect(badge, 8, 8);
    QFont badgeFont = CanvasStyle::titleFont();
    const QString mark = CanvasStyle::badgeText(c->kind);
    badgeFont.setPointSizeF(mark.size() > 3 ? 8 : (mark.size() == 1 ? 16 : 10));
    painter->setFont(badgeFont);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, mark);

    const qreal textLeft = 64;
    const qreal textWidth = CanvasStyle::CardWidth - textLeft - 8;
    const QFont title = CanvasStyle::titleFont();
    painter->setFont(title);
    painter->setPen(CanvasStyle::textColor());
    const QString label = QFontMetricsF(title).elidedText(c->displayName(), Qt::ElideRight, textWidth);
    painter->drawText(QRectF(textLeft, 10, textWidth, 20), Qt::AlignLeft | Qt::AlignVCenter, label);

    const QFont detail = CanvasStyle::detailFont();
    const QFontMetricsF dm(detail);
    painter->setFont(detail);
    painter->setPen(CanvasStyle::secondaryTextColor());
    const QString kindName = kind ? kind->name : c->kind + QStringLiteral(" (unknown)");
    painter->drawText(QRectF(textLeft, 30, textWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
                      dm.elidedText(kindName, Qt::ElideRight, textWidth));
    painter->drawText(QRectF(textLeft, 47, textWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
                      dm.elidedText(detailLine(), Qt::ElideRight, textWidth));
}

} // namespace ew::ui

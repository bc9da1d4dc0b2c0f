// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/componentitem.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/diagramscene.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ew::ui {

ComponentItem::ComponentItem(DiagramScene &scene, const QString &componentId)
    : m_scene(scene)
    , m_componentId(componentId)
{
    setFlags(ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
    // No QGraphicsItem cache: Qt's DeviceCoordinateCache keeps one "needs repaint" state per
    // item but one pixmap per view, so the overview map's paint used it up and the main view
    // went on showing its old pixmap (a stale selection, text, badge). paint() keeps its own
    // pixmap per view instead, keyed by what the picture depends on (see CachedPicture).
}

QRectF ComponentItem::boundingRect() const
{
    // Room for the badge above the top-right corner and the handle on the right edge.
    return QRectF(-4, -12, m_width + 16, CanvasStyle::CardHeight + 16);
}

static QRectF handleRect(qreal width)
{
    return QRectF(width - 7, CanvasStyle::CardHeight / 2 - 7, 14, 14);
}

QRectF ComponentItem::handleSceneRect() const
{
    return mapRectToScene(handleRect(m_width));
}

void ComponentItem::setHighlight(Highlight highlight)
{
    if (m_highlight == highlight)
        return;
    m_highlight = highlight;
    invalidatePicture();
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange)
        m_previousRect = QRectF(pos(), cardSize());
    if (change == ItemPositionHasChanged) {
        m_scene.cardGeometryChanged();
        m_scene.itemMoved(m_componentId);
    }
    return QGraphicsItem::itemChange(change, value);
}

void ComponentItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    invalidatePicture();
    QGraphicsItem::hoverEnterEvent(event);
}

void ComponentItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    invalidatePicture();
    QGraphicsItem::hoverLeaveEvent(event);
}

void ComponentItem::refresh()
{
    const core::Component *c = m_scene.diagram().component(m_componentId);
    if (!c)
        return;
    const core::Component *model = m_scene.diagram().component(m_componentId);
    setPos(model && model->position ? *model->position : m_scene.positionOf(m_componentId));
    const core::KindSpec *kind = m_scene.catalog().kind(c->kind);
    setToolTip(QStringLiteral("<b>%1</b><br>%2 (<code>%3</code>)<br>%4")
                   .arg(c->displayName().toHtmlEscaped(),
                        kind ? kind->name : QStringLiteral("Unknown kind"), c->kind.toHtmlEscaped(),
                        kind ? kind->summary.toHtmlEscaped() : QString()));
    const QFontMetricsF title(CanvasStyle::titleFont());
    const QFontMetricsF detail(CanvasStyle::detailFont());
    auto prepare = [](QStaticText &t, const QString &text, const QFont &font) {
        t.setText(text);
        t.setTextFormat(Qt::PlainText);
        t.setPerformanceHint(QStaticText::AggressiveCaching);
        t.prepare(QTransform(), font);
    };
    const QString kindName = kind ? kind->name : (model ? model->kind : QString()) + QStringLiteral(" (unknown)");
    // The card grows with its title ("Orders dead-letter queue", an imported
    // "LambdaProducerFunction") up to MaxCardWidth; the text starts after the badge at 64.
    const QString name = model ? model->displayName() : m_componentId;
    const QString details = detailLine();
    const qreal wanted = std::max({title.horizontalAdvance(name), detail.horizontalAdvance(details),
                                   detail.horizontalAdvance(kindName)});
    const qreal width = std::clamp(std::ceil(64 + wanted + 14), CanvasStyle::CardWidth, CanvasStyle::MaxCardWidth);
    if (!qFuzzyCompare(width, m_width)) {
        prepareGeometryChange();
        m_width = width;
        m_scene.cardGeometryChanged();
        m_scene.itemMoved(m_componentId);   // the connections follow the new edge
    }
    const qreal textWidth = m_width - 64 - 8;
    prepare(m_title, title.elidedText(name, Qt::ElideRight, textWidth), CanvasStyle::titleFont());
    prepare(m_kindText, detail.elidedText(kindName, Qt::ElideRight, textWidth), CanvasStyle::detailFont());
    prepare(m_detail, detail.elidedText(details, Qt::ElideRight, textWidth), CanvasStyle::detailFont());
    m_accent = CanvasStyle::categoryColor(kind ? kind->category : QString());
    const QString mark = CanvasStyle::badgeText(model ? model->kind : QString());
    m_markFont = CanvasStyle::titleFont();
    m_markFont.setPointSizeF(mark.size() > 3 ? 8 : (mark.size() == 1 ? 16 : 10));
    prepare(m_mark, mark, m_markFont);
    refreshBadge();
    invalidatePicture();
}

void ComponentItem::refreshBadge()
{
    core::Severity worst = core::Severity::Info;
    for (const core::Diagnostic &d : m_scene.diagnosticsOf(m_componentId)) {
        if (d.severity == core::Severity::Error)
            worst = core::Severity::Error;
        else if (d.severity == core::Severity::Warning && worst != core::Severity::Error)
            worst = core::Severity::Warning;
    }
    m_badgeColor = CanvasStyle::severityColor(worst);
    invalidatePicture();
}

void ComponentItem::invalidatePicture()
{
    ++m_generation;
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

void ComponentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const bool selected = option->state & QStyle::State_Selected;
    const QTransform device = painter->deviceTransform();
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    // Cached only where it pays and is exact: a view (not an export or print, widget is null),
    // a plain scale (no rotation or shear), detailed enough to be worth a pixmap.
    const bool cacheable = widget && lod >= 0.3 && device.type() <= QTransform::TxScale
                           && qFuzzyCompare(device.m11(), device.m22());
    if (!cacheable) {
        paintCard(painter, selected, lod);
        return;
    }
    const qreal dpr = painter->device()->devicePixelRatioF();
    const qreal scale = device.m11() / dpr;   // the view's zoom, in logical pixels
    const QRectF bounds = boundingRect();
    CachedPicture &c = m_pictures[widget];
    QPixmap pixmap;
    const bool valid = !c.widget.isNull() && c.generation == m_generation && c.selected == selected
                       && c.dark == CanvasStyle::isDark() && qFuzzyCompare(c.scale, scale) && qFuzzyCompare(c.dpr, dpr)
                       && QPixmapCache::find(c.key, &pixmap);
    if (!valid) {
        const QSize size = (bounds.size() * scale * dpr).toSize() + QSize(2, 2);
        pixmap = QPixmap(size);
        pixmap.fill(Qt::transparent);
        {
            QPainter p(&pixmap);
            p.setRenderHints(painter->renderHints());
            p.scale(scale * dpr, scale * dpr);
            p.translate(-bounds.topLeft());
            paintCard(&p, selected, lod);
        }
        pixmap.setDevicePixelRatio(dpr);
        QPixmapCache::remove(c.key);
        c = CachedPicture{QPointer<QWidget>(widget), QPixmapCache::insert(pixmap), m_generation, scale, dpr,
                          selected, CanvasStyle::isDark()};
    }
    // Drawn 1:1 at the whole device pixel nearest to the card's corner. The world transform maps
    // to the widget's logical pixels (the device transform may add the backing store's offset).
    const QPointF corner = painter->worldTransform().map(bounds.topLeft());
    painter->save();
    painter->resetTransform();
    painter->drawPixmap(QPointF(std::round(corner.x() * dpr) / dpr, std::round(corner.y() * dpr) / dpr), pixmap);
    painter->restore();
}

void ComponentItem::paintCard(QPainter *painter, bool selected, qreal lod) const
{
    const QRectF card(QPointF(0, 0), cardSize());
    // Level of detail: zoomed far out, text is unreadable; draw the card and its colour only.
    QPen border(CanvasStyle::cardBorder(selected), selected ? 2 : 1);
    if (m_highlight != Highlight::None)
        border = QPen(CanvasStyle::verdictColor(m_highlight == Highlight::Allowed), 3);
    if (lod < 0.3) {
        border.setCosmetic(true);
        painter->setPen(border);
        painter->setBrush(CanvasStyle::cardFill());
        painter->drawRect(card);
        painter->fillRect(QRectF(10, 14, 44, 44), m_accent);
        if (!m_scene.diagnosticsOf(m_componentId).isEmpty())
            painter->fillRect(QRectF(m_width - 14, -9, 22, 18), m_badgeColor);
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(border);
    painter->setBrush(CanvasStyle::cardFill());
    painter->drawRoundedRect(card, 8, 8);

    // Badge: a rounded square in the category colour with a short kind mark.
    const QRectF badge(10, 14, 44, 44);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_accent);
    painter->drawRoundedRect(badge, 8, 8);
    // Texts are laid out once per change (refresh) as static texts, not per paint.
    painter->setFont(m_markFont);
    painter->setPen(Qt::white);
    painter->drawStaticText(badge.center() - QPointF(m_mark.size().width(), m_mark.size().height()) / 2, m_mark);
    const qreal textLeft = 64;
    painter->setFont(CanvasStyle::titleFont());
    painter->setPen(CanvasStyle::textColor());
    painter->drawStaticText(QPointF(textLeft, 20 - m_title.size().height() / 2), m_title);
    painter->setFont(CanvasStyle::detailFont());
    painter->setPen(CanvasStyle::secondaryTextColor());
    painter->drawStaticText(QPointF(textLeft, 38 - m_kindText.size().height() / 2), m_kindText);
    painter->drawStaticText(QPointF(textLeft, 55 - m_detail.size().height() / 2), m_detail);

    // Connection handle, shown when the card is hovered or selected in an editable canvas.
    if (m_scene.editor() && (m_hovered || selected)) {
        painter->setPen(QPen(Qt::white, 2));
        painter->setBrush(CanvasStyle::cardBorder(true));
        painter->drawEllipse(handleRect(m_width));
    }

    // Badge: how many problems the component has, in the colour of the worst.
    const QList<core::Diagnostic> problems = m_scene.diagnosticsOf(m_componentId);
    if (!problems.isEmpty()) {
        const QRectF badgeRect(m_width - 14, -9, 22, 18);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(m_badgeColor);
        painter->drawRoundedRect(badgeRect, 9, 9);
        QFont f = CanvasStyle::detailFont();
        f.setBold(true);
        painter->setFont(f);
        painter->setPen(Qt::white);
        painter->drawText(badgeRect, Qt::AlignCenter, QString::number(problems.size()));
    }
}

} // namespace ew::ui

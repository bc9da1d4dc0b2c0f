// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/diagramscene.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/componentitem.h"
#include "ui/canvas/connectionitem.h"
#include "ui/mimetypes.h"

#include <core/editing/diagrameditor.h>
#include <core/validation/connectionverdict.h>

#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QGraphicsView>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QSet>
#include <QToolTip>

#include <cmath>

namespace ew::ui {

VerdictLabelItem::VerdictLabelItem(QWidget *viewport)
    : m_viewport(viewport)
{
    setFlag(ItemIgnoresTransformations);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setZValue(20);   // above the draft line (10) and the cards
    setFont(CanvasStyle::detailFont());
    setDefaultTextColor(Qt::white);
    // Its own transform (the offset from the cursor) still applies, in pixels at any zoom.
}

void VerdictLabelItem::setVerdict(const QString &reason, bool allowed)
{
    // Wrapped past this width (pixels), so a long reason stays next to the cursor.
    static constexpr qreal MaxWidth = 360;
    m_fill = CanvasStyle::verdictColor(allowed);
    if (toPlainText() != reason) {
        setTextWidth(-1);
        setPlainText(reason);
        if (boundingRect().width() > MaxWidth)
            setTextWidth(MaxWidth);
    }
    update();
}

void VerdictLabelItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    if (m_viewport && widget && widget != m_viewport)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_fill);
    painter->drawRoundedRect(boundingRect(), 6, 6);
    painter->restore();
    QGraphicsTextItem::paint(painter, option, widget);
}

DiagramScene::DiagramScene(const core::Diagram &diagram, const core::Catalog &catalog, QObject *parent)
    : QGraphicsScene(parent)
    , m_diagram(diagram)
    , m_catalog(catalog)
{
    connect(&diagram, &core::Diagram::diagramReset, this, &DiagramScene::onReset);
    connect(&diagram, &core::Diagram::componentAdded, this, &DiagramScene::onComponentAdded);
    connect(&diagram, &core::Diagram::componentRemoved, this, &DiagramScene::onComponentRemoved);
    connect(&diagram, &core::Diagram::componentChanged, this, &DiagramScene::onComponentChanged);
    connect(&diagram, &core::Diagram::connectionAdded, this, &DiagramScene::onConnectionAdded);
    connect(&diagram, &core::Diagram::connectionRemoved, this, &DiagramScene::onConnectionRemoved);
    connect(&diagram, &core::Diagram::connectionChanged, this, &DiagramScene::onConnectionChanged);
    onReset();
}

void DiagramScene::setEditor(editing::DiagramEditor *editor)
{
    m_editor = editor;
    for (ComponentItem *item : std::as_const(m_components))
        item->setFlag(QGraphicsItem::ItemIsMovable, editor != nullptr);
}

QPointF DiagramScene::snapped(const QPointF &point)
{
    const qreal g = CanvasStyle::GridSize;
    return QPointF(std::round(point.x() / g) * g, std::round(point.y() / g) * g);
}

QPointF DiagramScene::positionOf(const QString &componentId) const
{
    if (const ComponentItem *item = m_components.value(componentId))
        return item->pos();
    const core::Component *c = m_diagram.component(componentId);
    if (!c)
        return {};
    if (c->position)
        return *c->position;
    // No saved position: place it in a grid below the others, in file order.
    const int index = m_diagram.componentIndex(componentId);
    return QPointF((index % 4) * (CanvasStyle::CardWidth + 80), 600 + (index / 4) * 140);
}

QRectF DiagramScene::contentsRect() const
{
    return itemsBoundingRect().adjusted(-40, -40, 40, 40);
}

void DiagramScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    // Only what is painted: the exposed rect may be the whole scene (render), 10^12 units wide.
    QRectF area = rect;
    if (painter->hasClipping())
        area &= painter->clipBoundingRect();
    if (area.isEmpty() || !std::isfinite(area.width()) || !std::isfinite(area.height()))
        return;
    painter->fillRect(area, CanvasStyle::background());
    // Past this many lines they are under a pixel or two apart (a far zoom or a scaled-down
    // render): a flat fill, not a hang (issue 10 item 12).
    static constexpr double MaxGridLines = 2000;
    const qreal g = CanvasStyle::GridSize * 2;
    const double columns = std::ceil(area.right() / g) - std::floor(area.left() / g);
    const double rows = std::ceil(area.bottom() / g) - std::floor(area.top() / g);
    if (columns + rows > MaxGridLines)
        return;
    // Hairline grid lines on whole units need no antialiasing, which is the costly part.
    const bool aa = painter->testRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(CanvasStyle::gridColor(), 0));
    // Counted, not stepped: far from the origin x += g may not change x.
    const qreal x0 = std::floor(area.left() / g) * g;
    for (int i = 0; i < int(columns); ++i) {
        const qreal x = x0 + i * g;
        if (x >= area.left())
            painter->drawLine(QLineF(x, area.top(), x, area.bottom()));
    }
    const qreal y0 = std::floor(area.top() / g) * g;
    for (int i = 0; i < int(rows); ++i) {
        const qreal y = y0 + i * g;
        if (y >= area.top())
            painter->drawLine(QLineF(area.left(), y, area.right(), y));
    }
    painter->setRenderHint(QPainter::Antialiasing, aa);
}

// ---------------------------------------------------------------------------------------------
// Mirroring the model

void DiagramScene::onReset()
{
    m_draft = nullptr;   // clear() deletes it, and the verdict label
    m_verdictLabel = nullptr;
    m_highlighted = nullptr;
    m_draftSource.clear();
    clear();
    m_components.clear();
    m_cardGridDirty = true;
    m_connections.clear();
    m_building = true;
    for (const core::Component &c : m_diagram.components())
        onComponentAdded(c.id);
    m_building = false;
    for (const core::Connection &c : m_diagram.connections())
        onConnectionAdded(c.id);
}

void DiagramScene::onComponentAdded(const QString &id)
{
    auto *item = new ComponentItem(*this, id);
    item->setFlag(QGraphicsItem::ItemIsMovable, m_editor != nullptr);
    addItem(item);
    // Placed before it is listed: positionOf() answers with a listed item's own position, which
    // would stack every card without a saved one at (0, 0) instead of in a grid slot.
    item->refresh();
    m_components.insert(id, item);
    m_cardGridDirty = true;
}

void DiagramScene::onComponentRemoved(const QString &id)
{
    ComponentItem *item = m_components.take(id);
    m_cardGridDirty = true;
    if (item == m_highlighted)
        m_highlighted = nullptr;
    delete item;
    m_diagnostics.remove(id);
}

void DiagramScene::onComponentChanged(const QString &id)
{
    if (ComponentItem *item = m_components.value(id)) {
        item->refresh();
        updateConnectionsOf(id);
    }
}

void DiagramScene::onConnectionAdded(core::ConnectionId id)
{
    auto *item = new ConnectionItem(*this, id);
    m_connections.insert(id, item);
    addItem(item);
    item->updateGeometry();
}

void DiagramScene::onConnectionRemoved(core::ConnectionId id)
{
    delete m_connections.take(id);
}

void DiagramScene::onConnectionChanged(core::ConnectionId id)
{
    if (ConnectionItem *item = m_connections.value(id))
        item->updateGeometry();
}

void DiagramScene::updateConnectionsOf(const QString &componentId)
{
    for (core::ConnectionId id : m_diagram.connectionsOf(componentId))
        onConnectionChanged(id);
    // Failure lines of other triggers may point at this component.
    for (const core::Connection &c : m_diagram.connections()) {
        for (const char *name : {"OnFailure", "DeadLetterQueue"}) {
            const core::Value *v = c.properties.find(QLatin1String(name));
            if (v && v->text() == componentId)
                onConnectionChanged(c.id);
        }
    }
}

void DiagramScene::itemMoved(const QString &componentId)
{
    // While the scene is (re)built, connections are created after the cards: nothing to route.
    if (m_building)
        return;
    updateConnectionsOf(componentId);
    // Other lines that bent round the card where it was, or run through where it is now, route
    // again (straight again, or round it).
    const ComponentItem *card = m_components.value(componentId);
    if (!card)
        return;
    const QRectF area = card->previousRect() | QRectF(card->pos(), card->cardSize());
    for (QGraphicsItem *item : items(area, Qt::IntersectsItemBoundingRect)) {
        if (item->type() == ConnectionItemType)
            static_cast<ConnectionItem *>(item)->updateGeometry();
    }
}

void DiagramScene::setDiagnostics(const QList<core::Diagnostic> &diagnostics)
{
    QSet<QString> touched(m_diagnostics.keyBegin(), m_diagnostics.keyEnd());
    m_diagnostics.clear();
    for (const core::Diagnostic &d : diagnostics) {
        // A connection's problem counts for its source component's badge.
        const QString id = d.connection ? d.connection->from : d.component;
        if (id.isEmpty())
            continue;
        m_diagnostics[id].append(d);
        touched.insert(id);
    }
    for (const QString &id : std::as_const(touched)) {
        if (ComponentItem *item = m_components.value(id))
            item->refreshBadge();
    }
}

QList<core::Diagnostic> DiagramScene::diagnosticsOf(const QString &componentId) const
{
    return m_diagnostics.value(componentId);
}

// ---------------------------------------------------------------------------------------------
// Selection

QStringList DiagramScene::selectedComponentIds() const
{
    QStringList ids;
    for (const core::Component &c : m_diagram.components()) {   // file order, deterministic
        if (const ComponentItem *item = m_components.value(c.id); item && item->isSelected())
            ids << c.id;
    }
    return ids;
}

QList<core::ConnectionId> DiagramScene::selectedConnectionIds() const
{
    QList<core::ConnectionId> ids;
    for (const core::Connection &c : m_diagram.connections()) {
        if (const ConnectionItem *item = m_connections.value(c.id); item && item->isSelected())
            ids << c.id;
    }
    return ids;
}

void DiagramScene::selectComponent(const QString &id)
{
    clearSelection();
    if (ComponentItem *item = m_components.value(id))
        item->setSelected(true);
}

void DiagramScene::selectConnection(core::ConnectionId id)
{
    clearSelection();
    if (ConnectionItem *item = m_connections.value(id))
        item->setSelected(true);
}

void DiagramScene::selectAllItems()
{
    for (QGraphicsItem *item : items())
        item->setSelected(item->flags() & QGraphicsItem::ItemIsSelectable);
}

// ---------------------------------------------------------------------------------------------
// Gestures

QString DiagramScene::addComponentAt(const QString &kind, const QPointF &scenePos)
{
    if (!m_editor)
        return {};
    const QString id = m_editor->addComponent(kind, snapped(scenePos));
    if (!id.isEmpty())
        selectComponent(id);
    return id;
}

void DiagramScene::deleteSelection()
{
    if (!m_editor)
        return;
    m_editor->removeElements(selectedComponentIds(), selectedConnectionIds());
}

void DiagramScene::nudgeSelection(const QPointF &delta)
{
    if (!m_editor)
        return;
    QHash<QString, QPointF> positions;
    for (const QString &id : selectedComponentIds())
        positions.insert(id, positionOf(id) + delta);
    if (!positions.isEmpty())
        m_editor->moveComponents(positions, true);
}

core::DiagramData DiagramScene::selectionFragment() const
{
    core::DiagramData fragment;
    const QStringList ids = selectedComponentIds();
    const QSet<QString> selected(ids.begin(), ids.end());
    for (const QString &id : ids) {
        core::Component c = *m_diagram.component(id);
        c.position = positionOf(id);
        fragment.components.push_back(c);
    }
    for (const core::Connection &c : m_diagram.connections()) {
        if (selected.contains(c.from) && selected.contains(c.to))
            fragment.connections.push_back(c);
    }
    return fragment;
}

QStringList DiagramScene::pasteFragment(const core::DiagramData &fragment, const QPointF &offset)
{
    if (!m_editor)
        return {};
    const QStringList ids = m_editor->pasteFragment(fragment, offset);
    clearSelection();
    for (const QString &id : ids) {
        if (ComponentItem *item = m_components.value(id))
            item->setSelected(true);
    }
    return ids;
}

ComponentItem *DiagramScene::componentAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == ComponentItem::Type)
            return static_cast<ComponentItem *>(item);
    }
    return nullptr;
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_editor && event->button() == Qt::LeftButton) {
        ComponentItem *item = componentAt(event->scenePos());
        if (item && item->handleSceneRect().contains(event->scenePos())) {
            // Start drawing a connection from the handle.
            m_draftSource = item->componentId();
            m_draftViewport = event->widget();
            m_draft = new QGraphicsLineItem(QLineF(item->handleSceneRect().center(), event->scenePos()));
            m_draft->setPen(QPen(CanvasStyle::cardBorder(true), 2, Qt::DashLine));
            m_draft->setZValue(10);
            addItem(m_draft);
            event->accept();
            return;
        }
        m_moving = item != nullptr;
    }
    QGraphicsScene::mousePressEvent(event);
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_draft) {
        updateDraft(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::clearHighlight()
{
    if (m_highlighted)
        m_highlighted->setHighlight(ComponentItem::Highlight::None);
    m_highlighted = nullptr;
}

void DiagramScene::updateDraft(const QPointF &scenePos)
{
    m_draft->setLine(QLineF(m_draft->line().p1(), scenePos));
    ComponentItem *target = componentAt(scenePos);
    if (target != m_highlighted)
        clearHighlight();
    if (!target || target->componentId() == m_draftSource) {
        m_draft->setPen(QPen(CanvasStyle::cardBorder(true), 2, Qt::DashLine));
        hideVerdictLabel();
        return;
    }
    const core::ConnectionVerdict verdict =
        core::checkConnection(m_diagram.data(), m_catalog, m_draftSource, target->componentId());
    m_highlighted = target;
    target->setHighlight(verdict.allowed ? ComponentItem::Highlight::Allowed
                                         : ComponentItem::Highlight::Refused);
    m_draft->setPen(QPen(CanvasStyle::verdictColor(verdict.allowed), 2, Qt::DashLine));
    target->setToolTip(verdict.reason);
    showVerdictLabel(scenePos, verdict);
    emit statusMessage(verdict.reason);
}

void DiagramScene::showVerdictLabel(const QPointF &scenePos, const core::ConnectionVerdict &verdict)
{
    if (!m_verdictLabel) {
        m_verdictLabel = new VerdictLabelItem(m_draftViewport);
        addItem(m_verdictLabel);
    }
    m_verdictLabel->setVerdict(verdict.reason, verdict.allowed);
    m_verdictLabel->setPos(scenePos);
    // Below right of the cursor; flipped to the left or above where that leaves the viewport.
    QPointF offset = VerdictLabelItem::Offset;
    if (auto *view = m_draftViewport ? qobject_cast<QGraphicsView *>(m_draftViewport->parentWidget()) : nullptr) {
        const QPoint at = view->mapFromScene(scenePos);
        const QSizeF size = m_verdictLabel->boundingRect().size();
        const QRect area = view->viewport()->rect();
        if (at.x() + offset.x() + size.width() > area.right() && at.x() - size.width() - 4 >= area.left())
            offset.setX(-size.width() - 4);
        if (at.y() + offset.y() + size.height() > area.bottom() && at.y() - size.height() - 4 >= area.top())
            offset.setY(-size.height() - 4);
    }
    m_verdictLabel->setTransform(QTransform::fromTranslate(offset.x(), offset.y()));
    m_verdictLabel->show();
}

void DiagramScene::hideVerdictLabel()
{
    if (m_verdictLabel)
        m_verdictLabel->hide();
}

void DiagramScene::deleteVerdictLabel()
{
    // Deleted rather than kept hidden, so that it never counts in itemsBoundingRect().
    delete m_verdictLabel;
    m_verdictLabel = nullptr;
}

QString DiagramScene::chooseRoleFromMenu(const QString &sourceId, const QStringList &roles,
                                         const QPointF &scenePos)
{
    QMenu menu;
    const core::Component *source = m_diagram.component(sourceId);
    for (const QString &role : roles) {
        const core::RoleSpec *spec = source ? m_catalog.roleSpec(source->kind, role) : nullptr;
        QString text = role;
        if (spec && !spec->summary.isEmpty())
            text = tr("%1 — %2").arg(role, QString(spec->summary).replace(u'&', QStringLiteral("&&")));
        menu.addAction(text)->setData(role);   // the role id, whatever the text says
    }
    const QList<QGraphicsView *> v = views();
    const QPoint global = v.isEmpty() ? QCursor::pos()
                                      : v.first()->viewport()->mapToGlobal(v.first()->mapFromScene(scenePos));
    QAction *chosen = menu.exec(global);
    return chosen ? chosen->data().toString() : QString();
}

void DiagramScene::finishDraft(const QPointF &scenePos)
{
    const QString source = m_draftSource;
    ComponentItem *target = componentAt(scenePos);
    clearHighlight();
    deleteVerdictLabel();
    delete m_draft;
    m_draft = nullptr;
    m_draftSource.clear();
    if (!target || target->componentId() == source) {
        if (target)
            emit statusMessage(tr("A component cannot be connected to itself."));
        return;
    }
    const QString to = target->componentId();
    const core::ConnectionVerdict verdict = core::checkConnection(m_diagram.data(), m_catalog, source, to);
    if (!verdict.allowed) {
        emit statusMessage(verdict.reason);
        return;
    }
    QString role = verdict.role;
    if (role.isEmpty()) {
        role = m_roleChooser ? m_roleChooser(verdict.roles, scenePos)
                             : chooseRoleFromMenu(source, verdict.roles, scenePos);
        if (role.isEmpty() || !verdict.roles.contains(role))
            return;
    }
    const core::ConnectionId id = m_editor->connect(source, to, role);
    if (id)
        selectConnection(id);
    emit statusMessage(tr("Connected %1 to %2 (%3).").arg(source, to, role));
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_draft) {
        finishDraft(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (!m_moving || !m_editor)
        return;
    m_moving = false;
    // One move command for the whole drag: items moved freely; now snap and record.
    QHash<QString, QPointF> moved;
    for (const QString &id : selectedComponentIds()) {
        const ComponentItem *item = m_components.value(id);
        const core::Component *c = m_diagram.component(id);
        const QPointF to = snapped(item->pos());
        if (!c->position || *c->position != to)
            moved.insert(id, to);
    }
    if (!moved.isEmpty())
        m_editor->moveComponents(moved);
    for (const QString &id : selectedComponentIds())
        m_components.value(id)->refresh();   // snap items that did not change in the model
}

void DiagramScene::keyPressEvent(QKeyEvent *event)
{
    // Arrow keys nudge the selection by a grid step (Shift: one unit); repeated nudges merge
    // into one undo step.
    const qreal step = (event->modifiers() & Qt::ShiftModifier) ? 1 : CanvasStyle::GridSize;
    QPointF delta;
    switch (event->key()) {
    case Qt::Key_Left: delta = {-step, 0}; break;
    case Qt::Key_Right: delta = {step, 0}; break;
    case Qt::Key_Up: delta = {0, -step}; break;
    case Qt::Key_Down: delta = {0, step}; break;
    default: QGraphicsScene::keyPressEvent(event); return;
    }
    if (!m_editor || selectedComponentIds().isEmpty()) {
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    nudgeSelection(delta);
    event->accept();
}

void DiagramScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    const bool ok = m_editor && event->mimeData()->hasFormat(componentKindMimeType());
    event->setAccepted(ok);
    if (ok)
        event->acceptProposedAction();
}

void DiagramScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    dragEnterEvent(event);
}

void DiagramScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!m_editor || !event->mimeData()->hasFormat(componentKindMimeType())) {
        event->ignore();
        return;
    }
    const QString kind = QString::fromUtf8(event->mimeData()->data(componentKindMimeType()));
    // The drop point is the card's centre.
    const QPointF topLeft = event->scenePos() - QPointF(CanvasStyle::CardWidth / 2, CanvasStyle::CardHeight / 2);
    if (addComponentAt(kind, topLeft).isEmpty()) {
        emit statusMessage(tr("'%1' is not a component kind.").arg(kind));
        event->ignore();
        return;
    }
    event->acceptProposedAction();
}

static constexpr qreal CardGridCell = 512;

QList<const ComponentItem *> DiagramScene::cardsIn(const QRectF &rect) const
{
    if (m_cardGridDirty || m_cardGridCount != m_components.size()) {
        m_cardGrid.clear();
        for (const ComponentItem *item : m_components) {
            const QPointF p = item->pos();
            if (std::isfinite(p.x()) && std::isfinite(p.y()) && std::abs(p.x()) < 1e9 && std::abs(p.y()) < 1e9)
                m_cardGrid[QPoint(int(std::floor(p.x() / CardGridCell)), int(std::floor(p.y() / CardGridCell)))] << item;
        }
        m_cardGridDirty = false;
        m_cardGridCount = m_components.size();
    }
    QList<const ComponentItem *> out;
    // A card meets the rectangle only if its corner lies up to a card's size above-left of it.
    const QRectF reach = rect.adjusted(-CanvasStyle::MaxCardWidth, -CanvasStyle::CardHeight, 0, 0);
    if (!reach.isValid() || std::abs(reach.left()) > 1e9 || std::abs(reach.right()) > 1e9
        || std::abs(reach.top()) > 1e9 || std::abs(reach.bottom()) > 1e9)
        return out;
    const int x0 = int(std::floor(reach.left() / CardGridCell)), x1 = int(std::floor(reach.right() / CardGridCell));
    const int y0 = int(std::floor(reach.top() / CardGridCell)), y1 = int(std::floor(reach.bottom() / CardGridCell));
    if (qint64(x1 - x0 + 1) * (y1 - y0 + 1) > m_cardGrid.size()) {
        // Fewer occupied cells than cells to look at: walk the occupied ones.
        for (auto it = m_cardGrid.cbegin(); it != m_cardGrid.cend(); ++it) {
            if (it.key().x() >= x0 && it.key().x() <= x1 && it.key().y() >= y0 && it.key().y() <= y1)
                out += it.value();
        }
        return out;
    }
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const auto it = m_cardGrid.constFind(QPoint(x, y));
            if (it != m_cardGrid.cend())
                out += it.value();
        }
    }
    return out;
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>
#include <core/validation/connectionverdict.h>
#include <core/validation/diagnostic.h>

#include <QGraphicsScene>
#include <QGraphicsLineItem>
#include <QGraphicsTextItem>
#include <QHash>
#include <QPointer>

#include <functional>

namespace ew::editing { class DiagramEditor; }

namespace ew::ui {

class ComponentItem;
class ConnectionItem;

/// The verdict's reason next to the cursor while a connection is dragged: white text on a
/// rounded green or red background, offset from the cursor, the same size at any zoom, and
/// painted only in the view where the drag happens (the overview shows the same scene).
class VerdictLabelItem final : public QGraphicsTextItem
{
public:
    /// From the cursor to the label's corner, in view pixels: clear of the cursor's arrow (the
    /// scene flips it near the viewport's edges).
    static constexpr QPointF Offset{16, 18};

    explicit VerdictLabelItem(QWidget *viewport);
    void setVerdict(const QString &reason, bool allowed);
    QColor fill() const { return m_fill; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QColor m_fill;
    QPointer<QWidget> m_viewport;
};

/// A projection of a Diagram: items are created and destroyed only in reaction to the
/// diagram's signals. With an editor set, it turns gestures (drop, move, connect, delete,
/// paste, nudge) into DiagramEditor calls, one undo command per gesture.
class DiagramScene final : public QGraphicsScene
{
    Q_OBJECT
public:
    /// Asks the user which role to create when several fit; returns "" to cancel. Without one
    /// (the default) a menu offers the roles, each with its catalog summary.
    using RoleChooser = std::function<QString(const QStringList &roles, const QPointF &scenePos)>;

    DiagramScene(const core::Diagram &diagram, const core::Catalog &catalog, QObject *parent = nullptr);

    const core::Diagram &diagram() const { return m_diagram; }
    const core::Catalog &catalog() const { return m_catalog; }
    /// Enables editing gestures (the read-only canvas of `render` has none).
    void setEditor(editing::DiagramEditor *editor);
    editing::DiagramEditor *editor() const { return m_editor; }
    void setRoleChooser(RoleChooser chooser) { m_roleChooser = std::move(chooser); }

    /// The verdict shown next to the cursor while a connection is dragged over a card; null
    /// (no drag) or hidden (not over a card) otherwise.
    const VerdictLabelItem *verdictLabel() const { return m_verdictLabel; }

    ComponentItem *componentItem(const QString &id) const { return m_components.value(id); }
    /// The cards whose rectangle may meet `rect` (a grid of the cards' corners, rebuilt after
    /// a card was added, removed, moved or resized). Not the scene's index: that one scans
    /// every item linearly until the event loop has indexed new items, which made routing
    /// 3,000 connections while a project opens quadratic.
    QList<const ComponentItem *> cardsIn(const QRectF &rect) const;
    /// Called by a card whose place or size changed.
    void cardGeometryChanged() { m_cardGridDirty = true; }
    ConnectionItem *connectionItem(core::ConnectionId id) const { return m_connections.value(id); }
    int componentItemCount() const { return int(m_components.size()); }
    int connectionItemCount() const { return int(m_connections.size()); }
    /// Where a component is drawn: its item's position (which moves during a drag), its saved
    /// position, or a grid slot when it has none.
    QPointF positionOf(const QString &componentId) const;
    /// The bounding box of everything drawn, with a margin.
    QRectF contentsRect() const;
    static QPointF snapped(const QPointF &point);

    /// Diagnostics to show as badges on cards (count and worst severity).
    void setDiagnostics(const QList<core::Diagnostic> &diagnostics);
    QList<core::Diagnostic> diagnosticsOf(const QString &componentId) const;

    QStringList selectedComponentIds() const;
    QList<core::ConnectionId> selectedConnectionIds() const;
    /// Selects exactly this component (or connection) and nothing else.
    void selectComponent(const QString &id);
    void selectConnection(core::ConnectionId id);

    // Gestures the main window's actions call.
    void deleteSelection();
    void selectAllItems();
    void nudgeSelection(const QPointF &delta);
    /// The selected components and the connections among them, as project data.
    core::DiagramData selectionFragment() const;
    QStringList pasteFragment(const core::DiagramData &fragment, const QPointF &offset);
    /// Adds a component of the kind at a scene position (snapped); returns its id.
    QString addComponentAt(const QString &kind, const QPointF &scenePos);

signals:
    /// A sentence for the status bar (connection verdicts, refused gestures).
    void statusMessage(const QString &message);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    friend class ComponentItem;
    void itemMoved(const QString &componentId);

    void onReset();
    void onComponentAdded(const QString &id);
    void onComponentRemoved(const QString &id);
    void onComponentChanged(const QString &id);
    void onConnectionAdded(core::ConnectionId id);
    void onConnectionRemoved(core::ConnectionId id);
    void onConnectionChanged(core::ConnectionId id);
    void updateConnectionsOf(const QString &componentId);

    ComponentItem *componentAt(const QPointF &scenePos) const;
    void updateDraft(const QPointF &scenePos);
    void finishDraft(const QPointF &scenePos);
    void showVerdictLabel(const QPointF &scenePos, const core::ConnectionVerdict &verdict);
    void hideVerdictLabel();
    void deleteVerdictLabel();
    QString chooseRoleFromMenu(const QString &sourceId, const QStringList &roles, const QPointF &scenePos);
    void clearHighlight();

    const core::Diagram &m_diagram;
    const core::Catalog &m_catalog;
    editing::DiagramEditor *m_editor = nullptr;
    RoleChooser m_roleChooser;
    QHash<QString, ComponentItem *> m_components;
    QHash<core::ConnectionId, ConnectionItem *> m_connections;
    QHash<QString, QList<core::Diagnostic>> m_diagnostics;

    // The connection gesture in progress (view state, not model).
    QString m_draftSource;
    QGraphicsLineItem *m_draft = nullptr;
    QPointer<QWidget> m_draftViewport;   ///< where the drag happens
    VerdictLabelItem *m_verdictLabel = nullptr;
    ComponentItem *m_highlighted = nullptr;
    bool m_moving = false;
    bool m_building = false;   ///< onReset is creating items
    mutable QHash<QPoint, QList<const ComponentItem *>> m_cardGrid;   ///< cell of a card's top-left corner
    mutable qsizetype m_cardGridCount = -1;
    mutable bool m_cardGridDirty = true;
};

} // namespace ew::ui

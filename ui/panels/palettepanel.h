// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/catalog/catalog.h>

#include <QWidget>

class QLabel;
class QLineEdit;
class QMimeData;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace ew::ui {

/// Every catalog kind with its icon and name, grouped under a header per palette category
/// (sync triggers, async triggers, poll sources, compute, destinations & data) and ordered by
/// the catalog's `order`, with a search box above (name, id and summary; Escape clears it).
/// Dragging an entry carries componentKindMimeType() with the kind id; double-click or Enter
/// emits kindActivated. Header rows can be neither dragged nor activated.
class PalettePanel final : public QWidget
{
    Q_OBJECT
public:
    /// Item data roles of the list's model (kind rows only; header rows have no kind id).
    enum Role {
        KindIdRole = Qt::UserRole + 1, ///< QString: the kind id
        CategoryRole,                  ///< QString: the palette category of the row or header
    };

    explicit PalettePanel(const core::Catalog &catalog, QWidget *parent = nullptr);

    /// The drag payload for a kind: componentKindMimeType() with the kind id in UTF-8. The
    /// caller owns the result; nullptr for a kind the catalog does not know.
    QMimeData *mimeDataForKind(const QString &kindId) const;

    /// Title of a category's group ("Sync triggers", …); the category itself when unknown.
    static QString categoryTitle(const QString &category);
    /// Tooltip of a kind's row: name, summary and how it invokes a function.
    static QString toolTip(const core::KindSpec &kind);

    QString filterText() const;
    void setFilterText(const QString &text);

public slots:
    /// Focuses the search field and selects its text (for a "find component" shortcut).
    void focusSearch();

signals:
    void kindActivated(const QString &kindId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void populate();
    void onFilterTextChanged(const QString &text);
    void activate(const QModelIndex &index);
    QModelIndex firstVisibleKind() const;

    const core::Catalog &m_catalog;
    QLineEdit *m_search = nullptr;
    QTreeView *m_list = nullptr;
    QLabel *m_empty = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
};

} // namespace ew::ui

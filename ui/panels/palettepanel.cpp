// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/palettepanel.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/iconprovider.h"
#include "ui/mimetypes.h"

#include <QDrag>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace ew::ui {

/// Name, id and summary of a kind row, searched by the filter; empty on header rows.
static constexpr int SearchTextRole = PalettePanel::CategoryRole + 1;

static const QStringList &categoryOrder()
{
    static const QStringList order = {
        QStringLiteral("sync-trigger"), QStringLiteral("async-trigger"),
        QStringLiteral("poll-source"),  QStringLiteral("compute"),
        QStringLiteral("destination"),
    };
    return order;
}

static QMimeData *kindMimeData(const QString &kindId)
{
    auto *data = new QMimeData;
    data->setData(componentKindMimeType(), kindId.toUtf8());
    return data;
}

static QString kindIdOf(const QModelIndex &index)
{
    return index.data(PalettePanel::KindIdRole).toString();
}

/// The palette's items; a drag of a kind row carries componentKindMimeType().
class PaletteModel final : public QStandardItemModel
{
public:
    using QStandardItemModel::QStandardItemModel;

    QStringList mimeTypes() const override { return {componentKindMimeType()}; }

    QMimeData *mimeData(const QModelIndexList &indexes) const override
    {
        for (const QModelIndex &index : indexes) {
            const QString kindId = kindIdOf(index);
            if (!kindId.isEmpty() && (flags(index) & Qt::ItemIsDragEnabled))
                return kindMimeData(kindId);
        }
        return nullptr;
    }

    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }
};

/// Keeps the kind rows whose name, id or summary contain every word of the search text; a
/// header stays while one of its kinds does (recursive filtering).
class PaletteFilterModel final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setSearchText(const QString &text)
    {
        const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words == m_words)
            return;
        m_words = words;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override
    {
        if (m_words.isEmpty())
            return true;
        const QString text =
            sourceModel()->index(sourceRow, 0, sourceParent).data(SearchTextRole).toString();
        if (text.isEmpty())
            return false;
        return std::all_of(m_words.cbegin(), m_words.cend(), [&text](const QString &word) {
            return text.contains(word, Qt::CaseInsensitive);
        });
    }

private:
    QStringList m_words;
};

/// Paints group headers as a small coloured bar and a bold title; kind rows get some air.
class PaletteDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        if (!kindIdOf(index).isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRect r = option.rect.adjusted(6, HeaderTopMargin, -6, 0);
        const QRectF bar(r.left(), r.center().y() - 6, 4, 12);
        painter->setPen(Qt::NoPen);
        const QString category = index.data(PalettePanel::CategoryRole).toString();
        painter->setBrush(CanvasStyle::categoryColor(category));
        painter->drawRoundedRect(bar, 2, 2);

        QFont font = option.font;
        font.setBold(true);
        painter->setFont(font);
        QColor text = option.palette.color(QPalette::Active, QPalette::Text);
        text.setAlphaF(0.75f);
        painter->setPen(text);
        const QRect textRect = r.adjusted(12, 0, 0, 0);
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(font).elidedText(index.data().toString(), Qt::ElideRight,
                                                        textRect.width()));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (kindIdOf(index).isEmpty()) {
            QFont font = option.font;
            font.setBold(true);
            return {QFontMetrics(font).horizontalAdvance(index.data().toString()) + 24,
                    QFontMetrics(font).height() + HeaderTopMargin + 8};
        }
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(size.height() + 6);
        return size;
    }

private:
    static constexpr int HeaderTopMargin = 8;
};

/// Starts a copy drag of the selected kind with its icon as the drag image.
class PaletteView final : public QTreeView
{
public:
    using QTreeView::QTreeView;

protected:
    void startDrag(Qt::DropActions supportedActions) override
    {
        if (!(supportedActions & Qt::CopyAction))
            return;
        QModelIndex index = selectionModel()->selectedIndexes().value(0);
        if (!index.isValid())
            index = currentIndex();
        if (kindIdOf(index).isEmpty() || !(model()->flags(index) & Qt::ItemIsDragEnabled))
            return;
        QMimeData *mimeData = model()->mimeData({index});
        if (!mimeData)
            return;
        auto *drag = new QDrag(this);
        drag->setMimeData(mimeData);
        const QSize size(40, 40);
        drag->setPixmap(
            index.data(Qt::DecorationRole).value<QIcon>().pixmap(size, devicePixelRatioF()));
        drag->setHotSpot(QPoint(size.width() / 2, size.height() / 2));
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }
};

PalettePanel::PalettePanel(const core::Catalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search components"));
    m_search->setAccessibleName(tr("Search components"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_model = new PaletteModel(this);
    auto *filter = new PaletteFilterModel(this);
    filter->setRecursiveFilteringEnabled(true);
    filter->setSourceModel(m_model);
    m_filter = filter;

    m_list = new PaletteView(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setAccessibleName(tr("Components"));
    m_list->setModel(m_filter);
    m_list->setItemDelegate(new PaletteDelegate(m_list));
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setExpandsOnDoubleClick(false);
    m_list->setIndentation(8);
    m_list->setIconSize(QSize(24, 24));
    m_list->setUniformRowHeights(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    m_list->setDefaultDropAction(Qt::CopyAction);
    m_list->installEventFilter(this);

    m_empty = new QLabel(tr("No matching components"), this);
    m_empty->setObjectName(QStringLiteral("paletteEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_empty->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_empty);
    layout->addWidget(m_list, 1);
    setFocusProxy(m_search);

    populate();
    m_list->expandAll();

    connect(m_search, &QLineEdit::textChanged, this, &PalettePanel::onFilterTextChanged);
    // Double-click rather than activated(): a single-click activation style must not add
    // components while the user only meant to pick one up for a drag.
    connect(m_list, &QAbstractItemView::doubleClicked, this, &PalettePanel::activate);
}

void PalettePanel::populate()
{
    std::vector<const core::KindSpec *> kinds;
    for (const core::KindSpec &kind : m_catalog.kinds())
        kinds.push_back(&kind);
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const core::KindSpec *a, const core::KindSpec *b) {
                         return a->order < b->order;
                     });

    // The known categories in palette order, then any other in catalog order.
    QStringList categories = categoryOrder();
    for (const core::KindSpec *kind : kinds) {
        if (!categories.contains(kind->category))
            categories << kind->category;
    }

    for (const QString &category : std::as_const(categories)) {
        QStandardItem *header = nullptr;
        for (const core::KindSpec *kind : kinds) {
            if (kind->category != category)
                continue;
            if (!header) {
                const QString title = categoryTitle(category);
                header = new QStandardItem(title);
                header->setFlags(Qt::NoItemFlags);
                header->setData(category, CategoryRole);
                header->setData(title, Qt::AccessibleTextRole);
                m_model->appendRow(header);
            }
            // The selected row keeps the icon's own colours instead of a highlight tint.
            QIcon icon = IconProvider::icon(kind->id);
            icon.addFile(IconProvider::iconPath(kind->id), QSize(), QIcon::Selected);
            auto *item = new QStandardItem(icon, kind->name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
            item->setData(kind->id, KindIdRole);
            item->setData(category, CategoryRole);
            item->setData(kind->name + QLatin1Char('\n') + kind->id + QLatin1Char('\n')
                              + kind->summary,
                          SearchTextRole);
            item->setData(toolTip(*kind), Qt::ToolTipRole);
            item->setData(kind->name, Qt::AccessibleTextRole);
            item->setData(kind->summary, Qt::AccessibleDescriptionRole);
            header->appendRow(item);
        }
    }
}

QString PalettePanel::categoryTitle(const QString &category)
{
    if (category == u"sync-trigger")
        return tr("Sync triggers");
    if (category == u"async-trigger")
        return tr("Async triggers");
    if (category == u"poll-source")
        return tr("Poll sources");
    if (category == u"compute")
        return tr("Compute");
    if (category == u"destination")
        return tr("Destinations & data");
    return category;
}

QString PalettePanel::toolTip(const core::KindSpec &kind)
{
    QString invocation;
    switch (kind.invocation) {
    case core::Invocation::Sync: invocation = tr("Invokes synchronously"); break;
    case core::Invocation::Async: invocation = tr("Invokes asynchronously"); break;
    case core::Invocation::Poll: invocation = tr("Invokes by polling"); break;
    case core::Invocation::None: break;
    }
    QString html = QStringLiteral("<b>%1</b>").arg(kind.name.toHtmlEscaped());
    if (!kind.summary.isEmpty())
        html += QStringLiteral("<br>") + kind.summary.toHtmlEscaped();
    if (!invocation.isEmpty())
        html += QStringLiteral("<br><i>%1</i>").arg(invocation);
    return html;
}

QMimeData *PalettePanel::mimeDataForKind(const QString &kindId) const
{
    return m_catalog.kind(kindId) ? kindMimeData(kindId) : nullptr;
}

QString PalettePanel::filterText() const
{
    return m_search->text();
}

void PalettePanel::setFilterText(const QString &text)
{
    m_search->setText(text);
}

void PalettePanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void PalettePanel::onFilterTextChanged(const QString &text)
{
    static_cast<PaletteFilterModel *>(m_filter)->setSearchText(text);
    m_list->expandAll();

    const QModelIndex first = firstVisibleKind();
    m_empty->setVisible(!first.isValid());
    // While searching, keep a match current so that Down and Enter land on it.
    if (!text.trimmed().isEmpty() && kindIdOf(m_list->currentIndex()).isEmpty()
        && first.isValid()) {
        m_list->setCurrentIndex(first);
    }
    if (m_list->currentIndex().isValid())
        m_list->scrollTo(m_list->currentIndex());
}

void PalettePanel::activate(const QModelIndex &index)
{
    const QString kindId = kindIdOf(index);
    if (!kindId.isEmpty() && (index.flags() & Qt::ItemIsEnabled))
        emit kindActivated(kindId);
}

QModelIndex PalettePanel::firstVisibleKind() const
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex header = m_filter->index(row, 0);
        if (m_filter->rowCount(header) > 0)
            return m_filter->index(0, 0, header);
    }
    return {};
}

bool PalettePanel::eventFilter(QObject *watched, QEvent *event)
{
    // Escape clears a non-empty search even when a window-wide shortcut uses Escape.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((watched == m_search || watched == m_list) && key->key() == Qt::Key_Escape
            && !m_search->text().isEmpty()) {
            event->accept();
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);

    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_search) {
        switch (key->key()) {
        case Qt::Key_Escape:
            if (!m_search->text().isEmpty()) {
                m_search->clear();
                return true;
            }
            break;
        case Qt::Key_Down: {
            QModelIndex index = m_list->currentIndex();
            if (kindIdOf(index).isEmpty())
                index = firstVisibleKind();
            if (index.isValid()) {
                m_list->setCurrentIndex(index);
                m_list->setFocus(Qt::TabFocusReason);
                return true;
            }
            break;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Enter in a non-empty search adds the highlighted match.
            if (!m_search->text().trimmed().isEmpty()) {
                QModelIndex index = m_list->currentIndex();
                if (kindIdOf(index).isEmpty())
                    index = firstVisibleKind();
                activate(index);
                return true;
            }
            break;
        default:
            break;
        }
    } else if (watched == m_list) {
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Handled here so that every platform style activates on Enter.
            if (!kindIdOf(m_list->currentIndex()).isEmpty()) {
                activate(m_list->currentIndex());
                return true;
            }
            break;
        case Qt::Key_Up:
            if (key->modifiers() == Qt::NoModifier
                && m_list->currentIndex() == firstVisibleKind()) {
                m_search->setFocus(Qt::BacktabFocusReason);
                return true;
            }
            break;
        case Qt::Key_Escape:
            if (!m_search->text().isEmpty()) {
                m_search->clear();
                m_search->setFocus(Qt::OtherFocusReason);
                return true;
            }
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ew::ui

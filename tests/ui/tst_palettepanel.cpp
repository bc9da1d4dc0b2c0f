// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <ui/canvas/canvasstyle.h>
#include <ui/iconprovider.h>
#include <ui/mimetypes.h>
#include <ui/panels/palettepanel.h>

#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

#include <memory>

using ew::core::Catalog;
using ew::core::KindSpec;
using ew::ui::PalettePanel;

static const Catalog &catalog()
{
    return Catalog::builtin();
}

static QLineEdit *searchOf(const PalettePanel &panel)
{
    return panel.findChild<QLineEdit *>(QStringLiteral("paletteSearch"));
}

static QTreeView *listOf(const PalettePanel &panel)
{
    return panel.findChild<QTreeView *>(QStringLiteral("paletteList"));
}

static QString kindIdOf(const QModelIndex &index)
{
    return index.data(PalettePanel::KindIdRole).toString();
}

/// The visible rows as "Header: kind-a, kind-b" lines, in view order.
static QStringList visibleRows(const QTreeView &list)
{
    const QAbstractItemModel *model = list.model();
    QStringList lines;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex header = model->index(row, 0);
        QStringList kinds;
        for (int child = 0; child < model->rowCount(header); ++child)
            kinds << kindIdOf(model->index(child, 0, header));
        lines << header.data().toString() + QStringLiteral(": ") + kinds.join(QStringLiteral(", "));
    }
    return lines;
}

static QStringList visibleKinds(const QTreeView &list)
{
    const QAbstractItemModel *model = list.model();
    QStringList kinds;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex header = model->index(row, 0);
        for (int child = 0; child < model->rowCount(header); ++child)
            kinds << kindIdOf(model->index(child, 0, header));
    }
    return kinds;
}

static QModelIndex indexOfKind(const QTreeView &list, const QString &kindId)
{
    const QAbstractItemModel *model = list.model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex header = model->index(row, 0);
        for (int child = 0; child < model->rowCount(header); ++child) {
            const QModelIndex index = model->index(child, 0, header);
            if (kindIdOf(index) == kindId)
                return index;
        }
    }
    return {};
}

static QStringList allKindIds()
{
    QStringList ids;
    for (const KindSpec &kind : catalog().kinds())
        ids << kind.id;
    return ids;
}

class tst_PalettePanel : public QObject
{
    Q_OBJECT
private slots:
    void widgetsHaveObjectNames();
    void groupTitlesInCategoryOrder();
    void everyKindOnceUnderItsCategory();
    void kindsOrderedByCatalogOrder();
    void builtinCatalogLayout();
    void rowsShowIconAndName();
    void iconsUseCategoryColour_data();
    void iconsUseCategoryColour();
    void toolTipNamesSummaryAndInvocation_data();
    void toolTipNamesSummaryAndInvocation();
    void search_data();
    void search();
    void searchHidesEmptyGroupsAndShowsPlaceholder();
    void clearingSearchShowsAll();
    void escapeClearsSearch();
    void downKeyMovesIntoList();
    void arrowKeysSkipHeaders();
    void upFromFirstKindReturnsToSearch();
    void mimeDataForKind();
    void mimeDataForUnknownKindIsNull();
    void modelMimeDataCarriesKindId();
    void headerRowsNotDraggable();
    void kindRowsDraggable();
    void doubleClickEmitsKindActivated();
    void enterEmitsKindActivated();
    void enterInSearchActivatesFirstMatch();
    void headerCannotBeActivated();
    void screenshot();
};

void tst_PalettePanel::widgetsHaveObjectNames()
{
    PalettePanel panel(catalog());
    QVERIFY(searchOf(panel));
    QVERIFY(listOf(panel));
    QCOMPARE(searchOf(panel)->placeholderText(), QStringLiteral("Search components"));
}

void tst_PalettePanel::groupTitlesInCategoryOrder()
{
    PalettePanel panel(catalog());
    const QAbstractItemModel *model = listOf(panel)->model();
    QStringList titles;
    QStringList categories;
    for (int row = 0; row < model->rowCount(); ++row) {
        titles << model->index(row, 0).data().toString();
        categories << model->index(row, 0).data(PalettePanel::CategoryRole).toString();
    }
    QCOMPARE(titles, (QStringList{"Sync triggers", "Async triggers", "Poll sources", "Compute",
                                  "Destinations & data"}));
    QCOMPARE(categories, (QStringList{"sync-trigger", "async-trigger", "poll-source", "compute",
                                      "destination"}));
}

void tst_PalettePanel::everyKindOnceUnderItsCategory()
{
    PalettePanel panel(catalog());
    const QTreeView *list = listOf(panel);
    const QAbstractItemModel *model = list->model();

    QStringList seen = visibleKinds(*list);
    QCOMPARE(seen.size(), int(catalog().kinds().size()));
    for (const KindSpec &kind : catalog().kinds()) {
        QCOMPARE(seen.count(kind.id), 1);
        const QModelIndex index = indexOfKind(*list, kind.id);
        const QModelIndex header = index.parent();
        QVERIFY2(header.isValid(), qPrintable(kind.id));
        QCOMPARE(header.data(PalettePanel::CategoryRole).toString(), kind.category);
        QCOMPARE(header.data().toString(), PalettePanel::categoryTitle(kind.category));
        QCOMPARE(model->rowCount(index), 0);
    }
    std::sort(seen.begin(), seen.end());
    QStringList expected = allKindIds();
    std::sort(expected.begin(), expected.end());
    QCOMPARE(seen, expected);
}

void tst_PalettePanel::kindsOrderedByCatalogOrder()
{
    PalettePanel panel(catalog());
    const QAbstractItemModel *model = listOf(panel)->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex header = model->index(row, 0);
        int previous = std::numeric_limits<int>::min();
        for (int child = 0; child < model->rowCount(header); ++child) {
            const KindSpec *kind = catalog().kind(kindIdOf(model->index(child, 0, header)));
            QVERIFY(kind);
            QVERIFY2(kind->order > previous, qPrintable(kind->id));
            previous = kind->order;
        }
    }
}

void tst_PalettePanel::builtinCatalogLayout()
{
    // The palette as a user sees it today; update it when a kind is added to the catalog.
    PalettePanel panel(catalog());
    QCOMPARE(visibleRows(*listOf(panel)),
             (QStringList{
                 "Sync triggers: apigateway-rest, apigateway-http",
                 "Async triggers: s3-bucket, sns-topic, eventbridge-rule, eventbridge-schedule",
                 "Poll sources: sqs-queue, kinesis-stream, dynamodb-table, msk-cluster",
                 "Compute: lambda-function",
                 "Destinations & data: eventbridge-bus",
             }));
}

void tst_PalettePanel::rowsShowIconAndName()
{
    PalettePanel panel(catalog());
    const QTreeView *list = listOf(panel);
    for (const KindSpec &kind : catalog().kinds()) {
        const QModelIndex index = indexOfKind(*list, kind.id);
        QCOMPARE(index.data(Qt::DisplayRole).toString(), kind.name);
        const auto icon = index.data(Qt::DecorationRole).value<QIcon>();
        QVERIFY2(!icon.isNull(), qPrintable(kind.id));
        QCOMPARE(ew::ui::IconProvider::iconPath(kind.id),
                 QStringLiteral(":/icons/kinds/%1.svg").arg(kind.id));
    }
}

void tst_PalettePanel::iconsUseCategoryColour_data()
{
    QTest::addColumn<QString>("kindId");
    QTest::addColumn<QString>("category");
    for (const KindSpec &kind : catalog().kinds())
        QTest::newRow(qPrintable(kind.id)) << kind.id << kind.category;
    QTest::newRow("unknown") << QStringLiteral("no-such-kind") << QString();
}

void tst_PalettePanel::iconsUseCategoryColour()
{
    QFETCH(QString, kindId);
    QFETCH(QString, category);
    const QImage image =
        ew::ui::IconProvider::icon(kindId).pixmap(QSize(64, 64), 1.0).toImage();
    QCOMPARE(image.size(), QSize(64, 64));
    // The rounded square's left edge, clear of the pictogram, has the category colour...
    const QColor expected = ew::ui::CanvasStyle::categoryColor(category);
    QCOMPARE(image.pixelColor(5, 32).name(), expected.name());
    QCOMPARE(image.pixelColor(58, 32).name(), expected.name());
    // ...the corners are transparent, and the middle holds some white pictogram.
    QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
    int white = 0;
    for (int y = 12; y < 52; ++y) {
        for (int x = 12; x < 52; ++x)
            white += image.pixelColor(x, y) == QColor(Qt::white) ? 1 : 0;
    }
    QVERIFY2(white > 100, qPrintable(QString::number(white)));
}

void tst_PalettePanel::toolTipNamesSummaryAndInvocation_data()
{
    QTest::addColumn<QString>("kindId");
    QTest::addColumn<QString>("invocation");
    QTest::newRow("sync") << "apigateway-rest" << "<br><i>Invokes synchronously</i>";
    QTest::newRow("async") << "sns-topic" << "<br><i>Invokes asynchronously</i>";
    QTest::newRow("poll") << "sqs-queue" << "<br><i>Invokes by polling</i>";
    QTest::newRow("none") << "lambda-function" << "";
}

void tst_PalettePanel::toolTipNamesSummaryAndInvocation()
{
    QFETCH(QString, kindId);
    QFETCH(QString, invocation);
    PalettePanel panel(catalog());
    const KindSpec *kind = catalog().kind(kindId);
    QVERIFY(kind);
    const QString expected = QStringLiteral("<b>%1</b><br>%2").arg(kind->name, kind->summary)
                             + invocation;
    QCOMPARE(indexOfKind(*listOf(panel), kindId).data(Qt::ToolTipRole).toString(), expected);
}

void tst_PalettePanel::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("name") << "queue" << QStringList{"Poll sources: sqs-queue"};
    QTest::newRow("name, other case") << "QuEuE" << QStringList{"Poll sources: sqs-queue"};
    QTest::newRow("id") << "dynamodb-table" << QStringList{"Poll sources: dynamodb-table"};
    QTest::newRow("summary") << "timetable"
                             << QStringList{"Async triggers: eventbridge-schedule"};
    QTest::newRow("summary, two words anywhere")
        << "subscribers publish" << QStringList{"Async triggers: sns-topic"};
    QTest::newRow("two kinds of one group")
        << "api gateway" << QStringList{"Sync triggers: apigateway-rest, apigateway-http"};
    QTest::newRow("several groups") << "batches"
                                    << QStringList{"Poll sources: sqs-queue, kinesis-stream, "
                                                   "dynamodb-table, msk-cluster"};
    QTest::newRow("bus") << "event bus"
                         << QStringList{"Async triggers: eventbridge-rule",
                                        "Destinations & data: eventbridge-bus"};
    QTest::newRow("no match") << "zzz" << QStringList{};
    QTest::newRow("spaces only") << "   " << QStringList{
        "Sync triggers: apigateway-rest, apigateway-http",
        "Async triggers: s3-bucket, sns-topic, eventbridge-rule, eventbridge-schedule",
        "Poll sources: sqs-queue, kinesis-stream, dynamodb-table, msk-cluster",
        "Compute: lambda-function",
        "Destinations & data: eventbridge-bus",
    };
}

void tst_PalettePanel::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, rows);
    PalettePanel panel(catalog());
    QTest::keyClicks(searchOf(panel), text);
    QCOMPARE(panel.filterText(), text);
    QCOMPARE(visibleRows(*listOf(panel)), rows);
}

void tst_PalettePanel::searchHidesEmptyGroupsAndShowsPlaceholder()
{
    PalettePanel panel(catalog());
    panel.resize(260, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const auto *empty = panel.findChild<QLabel *>(QStringLiteral("paletteEmpty"));
    QVERIFY(empty);
    QVERIFY(!empty->isVisible());

    panel.setFilterText(QStringLiteral("servers"));
    QCOMPARE(listOf(panel)->model()->rowCount(), 1);
    QCOMPARE(visibleRows(*listOf(panel)), QStringList{"Compute: lambda-function"});
    QVERIFY(!empty->isVisible());

    panel.setFilterText(QStringLiteral("no such component"));
    QCOMPARE(listOf(panel)->model()->rowCount(), 0);
    QVERIFY(empty->isVisible());
}

void tst_PalettePanel::clearingSearchShowsAll()
{
    PalettePanel panel(catalog());
    const QStringList all = visibleRows(*listOf(panel));
    QCOMPARE(all.size(), 5);
    QTest::keyClicks(searchOf(panel), QStringLiteral("queue"));
    QCOMPARE(visibleKinds(*listOf(panel)), QStringList{"sqs-queue"});
    searchOf(panel)->clear();
    QCOMPARE(visibleRows(*listOf(panel)), all);
    // Every group is expanded again, so every kind row can be seen.
    for (const QString &id : allKindIds())
        QVERIFY2(listOf(panel)->visualRect(indexOfKind(*listOf(panel), id)).isValid(),
                 qPrintable(id));
}

void tst_PalettePanel::escapeClearsSearch()
{
    PalettePanel panel(catalog());
    QLineEdit *search = searchOf(panel);
    QTest::keyClicks(search, QStringLiteral("queue"));
    QCOMPARE(visibleKinds(*listOf(panel)).size(), 1);
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
    QCOMPARE(visibleKinds(*listOf(panel)).size(), int(catalog().kinds().size()));
}

void tst_PalettePanel::downKeyMovesIntoList()
{
    PalettePanel panel(catalog());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QLineEdit *search = searchOf(panel);
    QTreeView *list = listOf(panel);
    search->setFocus();
    QCOMPARE(panel.focusWidget(), search);

    QTest::keyClick(search, Qt::Key_Down);
    QCOMPARE(panel.focusWidget(), list);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("apigateway-rest"));

    // While searching, Down lands on the first match.
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("stream"));
    QTest::keyClick(search, Qt::Key_Down);
    QCOMPARE(panel.focusWidget(), list);
    QCOMPARE(visibleKinds(*list), (QStringList{"kinesis-stream", "dynamodb-table"}));
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("kinesis-stream"));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("dynamodb-table"));
}

void tst_PalettePanel::arrowKeysSkipHeaders()
{
    PalettePanel panel(catalog());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeView *list = listOf(panel);
    list->setFocus();
    list->setCurrentIndex(indexOfKind(*list, QStringLiteral("apigateway-http")));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("s3-bucket"));
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("apigateway-http"));
    list->setCurrentIndex(indexOfKind(*list, QStringLiteral("lambda-function")));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("eventbridge-bus"));
    QTest::keyClick(list, Qt::Key_End);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("eventbridge-bus"));
}

void tst_PalettePanel::upFromFirstKindReturnsToSearch()
{
    PalettePanel panel(catalog());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeView *list = listOf(panel);
    list->setFocus();
    list->setCurrentIndex(indexOfKind(*list, QStringLiteral("apigateway-http")));
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(kindIdOf(list->currentIndex()), QStringLiteral("apigateway-rest"));
    QCOMPARE(panel.focusWidget(), list);
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(panel.focusWidget(), searchOf(panel));
}

void tst_PalettePanel::mimeDataForKind()
{
    PalettePanel panel(catalog());
    const std::unique_ptr<QMimeData> data(panel.mimeDataForKind(QStringLiteral("sqs-queue")));
    QVERIFY(data);
    QCOMPARE(data->formats(), QStringList{ew::ui::componentKindMimeType()});
    QCOMPARE(data->data(ew::ui::componentKindMimeType()), QByteArray("sqs-queue"));
}

void tst_PalettePanel::mimeDataForUnknownKindIsNull()
{
    PalettePanel panel(catalog());
    const std::unique_ptr<QMimeData> data(panel.mimeDataForKind(QStringLiteral("no-such-kind")));
    QVERIFY(!data);
}

void tst_PalettePanel::modelMimeDataCarriesKindId()
{
    PalettePanel panel(catalog());
    const QTreeView *list = listOf(panel);
    QCOMPARE(list->model()->mimeTypes(), QStringList{ew::ui::componentKindMimeType()});
    for (const QString &id : allKindIds()) {
        const std::unique_ptr<QMimeData> data(
            list->model()->mimeData({indexOfKind(*list, id)}));
        QVERIFY2(data, qPrintable(id));
        QCOMPARE(data->formats(), QStringList{ew::ui::componentKindMimeType()});
        QCOMPARE(QString::fromUtf8(data->data(ew::ui::componentKindMimeType())), id);
    }
}

void tst_PalettePanel::headerRowsNotDraggable()
{
    PalettePanel panel(catalog());
    const QAbstractItemModel *model = listOf(panel)->model();
    QCOMPARE(model->rowCount(), 5);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex header = model->index(row, 0);
        QCOMPARE(kindIdOf(header), QString());
        QCOMPARE(model->flags(header) & Qt::ItemIsDragEnabled, Qt::ItemFlags());
        QCOMPARE(model->flags(header) & Qt::ItemIsSelectable, Qt::ItemFlags());
        const std::unique_ptr<QMimeData> data(model->mimeData({header}));
        QVERIFY2(!data, qPrintable(header.data().toString()));
    }
}

void tst_PalettePanel::kindRowsDraggable()
{
    PalettePanel panel(catalog());
    const QTreeView *list = listOf(panel);
    QVERIFY(list->dragEnabled());
    QCOMPARE(list->model()->supportedDragActions(), Qt::DropActions(Qt::CopyAction));
    for (const QString &id : allKindIds()) {
        const Qt::ItemFlags flags = list->model()->flags(indexOfKind(*list, id));
        QCOMPARE(flags, Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
}

void tst_PalettePanel::doubleClickEmitsKindActivated()
{
    PalettePanel panel(catalog());
    panel.resize(260, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeView *list = listOf(panel);
    QSignalSpy spy(&panel, &PalettePanel::kindActivated);
    const QRect rect = list->visualRect(indexOfKind(*list, QStringLiteral("kinesis-stream")));
    QVERIFY(rect.isValid());
    // A real double-click: press and release, then the double-click event and its release.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("kinesis-stream"));
}

void tst_PalettePanel::enterEmitsKindActivated()
{
    PalettePanel panel(catalog());
    QTreeView *list = listOf(panel);
    QSignalSpy spy(&panel, &PalettePanel::kindActivated);
    list->setCurrentIndex(indexOfKind(*list, QStringLiteral("lambda-function")));
    QTest::keyClick(list, Qt::Key_Return);
    list->setCurrentIndex(indexOfKind(*list, QStringLiteral("s3-bucket")));
    QTest::keyClick(list, Qt::Key_Enter);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("lambda-function"));
    QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("s3-bucket"));
}

void tst_PalettePanel::enterInSearchActivatesFirstMatch()
{
    PalettePanel panel(catalog());
    QSignalSpy spy(&panel, &PalettePanel::kindActivated);
    QLineEdit *search = searchOf(panel);
    QTest::keyClick(search, Qt::Key_Return);   // empty search: nothing to add
    QCOMPARE(spy.count(), 0);
    QTest::keyClicks(search, QStringLiteral("topic"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("sns-topic"));
}

void tst_PalettePanel::headerCannotBeActivated()
{
    PalettePanel panel(catalog());
    panel.resize(260, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeView *list = listOf(panel);
    QSignalSpy spy(&panel, &PalettePanel::kindActivated);
    const QModelIndex header = list->model()->index(2, 0);
    QCOMPARE(header.data().toString(), QStringLiteral("Poll sources"));
    const QRect rect = list->visualRect(header);
    QVERIFY(rect.isValid());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(!list->selectionModel()->isSelected(header));
    QCOMPARE(list->currentIndex() == header, false);
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(spy.count(), 0);
}

void tst_PalettePanel::screenshot()
{
    // scripts/screenshots sets this to look at the panel.
    const QString shots = qEnvironmentVariable("EW_SCREENSHOT_DIR");
    if (shots.isEmpty())
        QSKIP("EW_SCREENSHOT_DIR is not set");
    PalettePanel panel(catalog());
    panel.resize(260, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.grab().save(shots + QStringLiteral("/palette.png")));
    listOf(panel)->setCurrentIndex(indexOfKind(*listOf(panel), QStringLiteral("sqs-queue")));
    panel.setFilterText(QStringLiteral("batches"));
    QVERIFY(panel.grab().save(shots + QStringLiteral("/palette-search.png")));
}

QTEST_MAIN(tst_PalettePanel)
#include "tst_palettepanel.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <app/mainwindow.h>
#include <app/documentcontroller.h>
#include <core/editing/diagrameditor.h>
#include <ui/canvas/canvasstyle.h>
#include <ui/canvas/componentitem.h>
#include <ui/canvas/diagramscene.h>
#include <ui/canvas/diagramview.h>
#include <ui/canvas/simulationoverlay.h>
#include <ui/panels/simulationpanel.h>

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QGuiApplication>
#include <QPushButton>
#include <QImage>
#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest>

#include <optional>

using ew::app::MainWindow;
using namespace ew;

// The real window on a real X server (the ctest runs it under xvfb-run with the xcb platform):
// every change must reach the main view's pixels at once, as read back from the screen, not
// from the scene. Offscreen tests could not see a main view that kept an old picture while
// the overview map showed the new one.
class tst_RealWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void selectionIsVisibleAtOnce();
    void propertyEditIsVisibleAtOnce();
    void connectionDropTargetIsVisibleAtOnce();
    void problemBadgeIsVisibleAtOnce();
    void openedDesignIsCentredAndReadable();
    void simulationDotsAreVisible();
    void screenshots_data();
    void screenshots();

private:
    /// The main view's card of `id` as the screen shows it now.
    QImage screenOf(const QString &id, int margin = 6) const;
    QPoint viewPoint(const QPointF &scenePos) const { return m_w->view()->mapFromScene(scenePos); }
    /// A mouse event sent to the viewport (QTest::mouseMove warps the X pointer instead, which
    /// the server reports as a move without the button held).
    void mouse(QEvent::Type type, const QPointF &scenePos, Qt::MouseButtons buttons);
    static int countNear(const QImage &image, const QColor &colour, int tolerance = 24);
    /// The main view's viewport as the screen shows it now.
    static QImage screenOfView(const MainWindow &w);
    /// A copy of the example in dir with this simulation section in place of its own (with
    /// keepOwn, only when it has none).
    static QString withWorkload(const QString &example, const QByteArray &section, const QString &dir,
                                bool keepOwn = false);
    MainWindow *m_w = nullptr;
    QTemporaryDir m_settings;
};

void tst_RealWindow::initTestCase()
{
    if (QGuiApplication::platformName() != u"xcb")
        QSKIP("needs a real X server (the ctest runs this under xvfb-run with QT_QPA_PLATFORM=xcb)");
    QStandardPaths::setTestModeEnabled(true);
    QDir(app::DocumentController::recoveryDirectory()).removeRecursively();
    // A first start every time: settings (window layout, recent files) in a temporary folder.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
}

void tst_RealWindow::init()
{
    m_w = new MainWindow;
    QVERIFY(m_w->openFile(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml")));
    m_w->resize(1400, 900);
    m_w->move(0, 0);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w));
    m_w->view()->setZoom(1.0);
    m_w->view()->centerOn(m_w->scene()->componentItem(QStringLiteral("handle-order"))->sceneBoundingRect().center());
    // Park the pointer away from the canvas so that no hover changes a card.
    QCursor::setPos(m_w->mapToGlobal(QPoint(2, 2)));
    QTest::qWait(300);
}

void tst_RealWindow::cleanup()
{
    delete m_w;
    m_w = nullptr;
}

QImage tst_RealWindow::screenOf(const QString &id, int margin) const
{
    QApplication::processEvents();
    QWidget *vp = m_w->view()->viewport();
    const QRect r = m_w->view()->mapFromScene(m_w->scene()->componentItem(id)->sceneBoundingRect())
                        .boundingRect()
                        .adjusted(-margin, -margin, margin, margin)
                        .intersected(vp->rect());
    const QPoint g = vp->mapToGlobal(r.topLeft());
    const QImage image = m_w->screen()->grabWindow(0, g.x(), g.y(), r.width(), r.height()).toImage();
    if (const QString dir = qEnvironmentVariable("EW_REALWINDOW_DUMP"); !dir.isEmpty()) {
        static int n = 0;
        image.save(QStringLiteral("%1/%2-%3.png").arg(dir, id).arg(++n));
        m_w->screen()->grabWindow(0).save(QStringLiteral("%1/screen.png").arg(dir));
    }
    return image;
}

void tst_RealWindow::mouse(QEvent::Type type, const QPointF &scenePos, Qt::MouseButtons buttons)
{
    QWidget *vp = m_w->view()->viewport();
    const QPoint p = viewPoint(scenePos);
    QMouseEvent e(type, p, vp->mapToGlobal(p), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                  buttons, Qt::NoModifier);
    QApplication::sendEvent(vp, &e);
}

int tst_RealWindow::countNear(const QImage &image, const QColor &colour, int tolerance)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - colour.red()) <= tolerance && qAbs(c.green() - colour.green()) <= tolerance
                && qAbs(c.blue() - colour.blue()) <= tolerance)
                ++n;
        }
    }
    return n;
}

void tst_RealWindow::selectionIsVisibleAtOnce()
{
    const QString id = QStringLiteral("handle-order");
    const QColor frame = ui::CanvasStyle::cardBorder(true);
    QTRY_VERIFY(!screenOf(id).isNull());
    const int before = countNear(screenOf(id), frame, 12);
    // A real click on the card, through the view.
    QTest::mouseClick(m_w->view()->viewport(), Qt::LeftButton, {},
                      viewPoint(m_w->scene()->componentItem(id)->sceneBoundingRect().center() + QPointF(-40, 0)));
    QVERIFY(m_w->scene()->componentItem(id)->isSelected());
    // The frame (2 px round a 220 x 72 card) and the handle: hundreds of pixels in its colour.
    QTRY_VERIFY2_WITH_TIMEOUT(countNear(screenOf(id), frame, 12) > before + 300,
                              qPrintable(QStringLiteral("selection colour pixels: before %1, now %2")
                                             .arg(before)
                                             .arg(countNear(screenOf(id), frame, 12))),
                              3000);
}

void tst_RealWindow::propertyEditIsVisibleAtOnce()
{
    const QString id = QStringLiteral("handle-order");
    m_w->scene()->selectComponent(id);
    QTest::qWait(200);
    const QImage before = screenOf(id);
    m_w->editor()->setComponentProperty(id, QStringLiteral("Timeout"), core::Value::integer(47));
    // The card's detail line changes ("… s"); the pixels must follow.
    QTRY_VERIFY_WITH_TIMEOUT(screenOf(id) != before, 3000);
    // And they are the card's new picture, stable (not a transient frame).
    QTest::qWait(100);
    const QImage after = screenOf(id);
    m_w->editor()->setComponentProperty(id, QStringLiteral("Timeout"), core::Value::integer(47));
    QTest::qWait(100);
    QCOMPARE(screenOf(id), after);
}

void tst_RealWindow::connectionDropTargetIsVisibleAtOnce()
{
    // Drag from the topic's handle over a function that it can trigger: the target turns green.
    const QString from = QStringLiteral("handle-refund");
    const QString to = QStringLiteral("fanout-failures");
    auto *source = m_w->scene()->componentItem(from);
    auto *target = m_w->scene()->componentItem(to);
    m_w->view()->centerOn((source->sceneBoundingRect().center() + target->sceneBoundingRect().center()) / 2);
    QTest::qWait(200);
    const QColor green = ui::CanvasStyle::verdictColor(true);
    const int before = countNear(screenOf(to), green);
    const QPointF handle = source->handleSceneRect().center();
    const QPointF over = target->sceneBoundingRect().center();
    mouse(QEvent::MouseMove, handle, Qt::NoButton);
    mouse(QEvent::MouseButtonPress, handle, Qt::LeftButton);
    mouse(QEvent::MouseMove, (handle + over) / 2, Qt::LeftButton);
    mouse(QEvent::MouseMove, over, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(countNear(screenOf(to), green) > before + 300,
                              qPrintable(QStringLiteral("green pixels on the target: before %1, now %2")
                                             .arg(before)
                                             .arg(countNear(screenOf(to), green))),
                              3000);
    // Let go outside any card: nothing is connected and the highlight goes away at once.
    const qsizetype connections = m_w->diagram().connections().size();
    const QPointF away = target->sceneBoundingRect().bottomRight() + QPointF(300, 300);
    mouse(QEvent::MouseMove, away, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, away, Qt::NoButton);
    QCOMPARE(qsizetype(m_w->diagram().connections().size()), connections);
    QTRY_VERIFY_WITH_TIMEOUT(countNear(screenOf(to), green) <= before + 20, 3000);
}

void tst_RealWindow::problemBadgeIsVisibleAtOnce()
{
    // Timeout 1000 s is beyond Lambda's 900 s (FN-001): the card gets a red problem badge.
    const QString id = QStringLiteral("handle-shipment");
    m_w->view()->centerOn(m_w->scene()->componentItem(id)->sceneBoundingRect().center());
    QTest::qWait(200);
    const QColor red = ui::CanvasStyle::severityColor(core::Severity::Error);
    const int before = countNear(screenOf(id, 14), red);
    m_w->editor()->setComponentProperty(id, QStringLiteral("Timeout"), core::Value::integer(1000));
    QTRY_VERIFY2_WITH_TIMEOUT(countNear(screenOf(id, 14), red) > before + 100,
                              qPrintable(QStringLiteral("red pixels: before %1, now %2")
                                             .arg(before)
                                             .arg(countNear(screenOf(id, 14), red))),
                              4000);
}

// A design opened in the window is shown whole, centred, at the largest scale up to 100 %
// that fits the canvas as it is on screen (not the default size before the window is shown).
void tst_RealWindow::openedDesignIsCentredAndReadable()
{
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/kinesis-analytics.ew.yaml")));
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(200);
    const QRectF content = w.scene()->contentsRect();
    const QSize viewport = w.view()->viewport()->size();
    const qreal fits = std::min({1.0, viewport.width() / content.width(), viewport.height() / content.height()});
    QVERIFY2(w.view()->zoom() >= fits * 0.97 && w.view()->zoom() <= fits * 1.01,
             qPrintable(QStringLiteral("zoom %1, fits at %2").arg(w.view()->zoom()).arg(fits)));
    const QRect onScreen = w.view()->mapFromScene(content).boundingRect();
    const QPoint offset = onScreen.center() - w.view()->viewport()->rect().center();
    QVERIFY2(std::abs(offset.x()) <= 3 && std::abs(offset.y()) <= 3,
             qPrintable(QStringLiteral("content centre off by %1, %2").arg(offset.x()).arg(offset.y())));
}

QImage tst_RealWindow::screenOfView(const MainWindow &w)
{
    QApplication::processEvents();
    QWidget *vp = w.view()->viewport();
    const QPoint g = vp->mapToGlobal(QPoint(0, 0));
    return w.screen()->grabWindow(0, g.x(), g.y(), vp->width(), vp->height()).toImage();
}

QString tst_RealWindow::withWorkload(const QString &example, const QByteArray &section, const QString &dir,
                                     bool keepOwn)
{
    QFile in(QStringLiteral(EW_SOURCE_DIR "/examples/") + example);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QByteArray original = in.readAll();
    if (keepOwn && (original.startsWith("simulation:") || original.contains("\nsimulation:")))
        return in.fileName();
    QByteArray text;
    bool inSection = false;
    for (const QByteArray &line : original.split('\n')) {
        if (!line.isEmpty() && line[0] != ' ' && line[0] != '#')
            inSection = line.startsWith("simulation:");
        if (!inSection && !line.isEmpty())
            text += line + '\n';
    }
    const QString path = dir + u'/' + example;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text + section) < 0)
        return {};
    return path;
}

// Simulate mode on a real screen: after Run and some playback, dots in a fate's colour are on
// the canvas's pixels, and leaving the mode takes them away.
void tst_RealWindow::simulationDotsAreVisible()
{
    QTemporaryDir dir;
    const QString path = withWorkload(QStringLiteral("sns-fanout.ew.yaml"),
                                      "simulation:\n  duration: 300\n  sources:\n    commerce-events:\n"
                                      "      rate: 2\n      stop: 200\n",
                                      dir.path());
    QVERIFY(!path.isEmpty());
    QVERIFY(m_w->openFile(path));
    auto *mode = m_w->findChild<QAction *>(QStringLiteral("actionSimulateMode"));
    QVERIFY(mode);
    mode->trigger();
    QVERIFY(m_w->isSimulateMode());
    ui::SimulationPanel *panel = m_w->simulationPanel();
    QVERIFY(panel->currentRun());   // entering the mode ran it
    QVERIFY(m_w->findChild<QDockWidget *>(QStringLiteral("simulationDock"))->isVisible());
    m_w->view()->setZoom(1.0);
    m_w->view()->centerOn(m_w->scene()->componentItem(QStringLiteral("handle-refund"))->sceneBoundingRect().center());
    // At the end nothing is on its way (the orders stop at 200 s): no dots, only counters.
    panel->setTime(panel->currentRun()->duration());
    QTest::qWait(200);
    QVERIFY(m_w->simulationOverlay()->dots().empty());
    // Every fanned-out order succeeds: its dots are the succeeded colour.
    const QColor green = ui::CanvasStyle::fateColor(core::sim::Fate::Succeeded);
    const int before = countNear(screenOfView(*m_w), green, 16);
    QTest::mouseClick(panel->playButton(), Qt::LeftButton);   // from the start again
    QVERIFY(panel->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(panel->time() > 20, 5000);
    panel->pause();
    QVERIFY(!m_w->simulationOverlay()->dots().empty());
    QTRY_VERIFY2_WITH_TIMEOUT(countNear(screenOfView(*m_w), green, 16) > before + 100,
                              qPrintable(QStringLiteral("dot pixels: before %1, now %2 (%3 dots)")
                                             .arg(before)
                                             .arg(countNear(screenOfView(*m_w), green, 16))
                                             .arg(m_w->simulationOverlay()->dots().size())),
                              3000);
    // The counters under the cards are drawn too: their dark pill shows the function's figures.
    QVERIFY(m_w->simulationOverlay()->counterText(QStringLiteral("handle-refund")).startsWith(QStringLiteral("inv ")));
    // F5 runs again (the same design and seed: the same figures, a new run).
    const auto before5 = panel->currentRun();
    m_w->findChild<QAction *>(QStringLiteral("actionSimulationRun"))->trigger();
    QVERIFY(panel->currentRun() && panel->currentRun() != before5);
    QCOMPARE(panel->currentRun()->result().fates, before5->result().fates);
    // A design opened in the mode is run as soon as it is open.
    QVERIFY(m_w->openFile(path));
    QVERIFY(!panel->currentRun() || panel->currentRun() != before5);
    QTRY_VERIFY_WITH_TIMEOUT(panel->currentRun() && panel->currentRun() != before5, 3000);
    m_w->view()->setZoom(1.0);
    m_w->view()->centerOn(m_w->scene()->componentItem(QStringLiteral("handle-refund"))->sceneBoundingRect().center());
    panel->setTime(20);
    // Out of the mode: no dots or counters on screen, the dock hidden.
    mode->trigger();
    QVERIFY(!m_w->isSimulateMode());
    QCOMPARE(m_w->simulationOverlay()->counterText(QStringLiteral("handle-refund")), QString());
    QTRY_VERIFY_WITH_TIMEOUT(countNear(screenOfView(*m_w), green, 16) <= before + 10, 3000);
    QVERIFY(!m_w->findChild<QDockWidget *>(QStringLiteral("simulationDock"))->isVisible());
}

void tst_RealWindow::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// scripts/screenshots sets EW_SCREENSHOT_DIR: the README's pictures of the window, light and
// dark, read back from the X server's screen.
void tst_RealWindow::screenshots()
{
    const QString dir = qEnvironmentVariable("EW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set EW_SCREENSHOT_DIR (scripts/screenshots does)");
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    if (dark) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x1F, 0x23, 0x29));
        p.setColor(QPalette::WindowText, QColor(0xE8, 0xEC, 0xF1));
        p.setColor(QPalette::Base, QColor(0x16, 0x19, 0x1F));
        p.setColor(QPalette::AlternateBase, QColor(0x23, 0x2A, 0x33));
        p.setColor(QPalette::Text, QColor(0xE8, 0xEC, 0xF1));
        p.setColor(QPalette::Button, QColor(0x2A, 0x30, 0x38));
        p.setColor(QPalette::ButtonText, QColor(0xE8, 0xEC, 0xF1));
        p.setColor(QPalette::Highlight, QColor(0x4C, 0xB0, 0xFF));
        p.setColor(QPalette::HighlightedText, QColor(0x10, 0x12, 0x16));
        p.setColor(QPalette::PlaceholderText, QColor(0x8D, 0x99, 0xA8));
        p.setColor(QPalette::ToolTipBase, QColor(0x2A, 0x30, 0x38));
        p.setColor(QPalette::ToolTipText, QColor(0xE8, 0xEC, 0xF1));
        p.setColor(QPalette::Link, QColor(0x4C, 0xB0, 0xFF));
        QApplication::setPalette(p);
    }
    {
        MainWindow w;
        QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml")));
        w.resize(1600, 900);
        w.move(0, 0);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.scene()->selectComponent(QStringLiteral("ingest-order"));
        QCursor::setPos(w.mapToGlobal(QPoint(2, 2)));
        QTest::qWait(500);
        const QRect frame = w.frameGeometry();
        const QPixmap shot = w.screen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
        QVERIFY(shot.save(dir + (dark ? QStringLiteral("/main-window-dark.png") : QStringLiteral("/main-window.png"))));
    }
    if (!dark) {
        // Simulate mode mid-run: the canvas with dots and counters, and the panel's charts, of
        // the example's own workload (this one when it has none).
        QTemporaryDir work;
        const QString path = withWorkload(QStringLiteral("http-api-queue-processor.ew.yaml"),
                                          "simulation:\n  duration: 600\n  sources:\n    orders-api:\n"
                                          "      rate: 10\n      pattern: poisson\n      stop: 300\n"
                                          "  functions:\n    ingest-order:\n      duration-ms: 80\n"
                                          "      error-rate: 0.05\n    process-orders:\n      duration-ms: 1500\n"
                                          "      error-rate: 0.05\n      poison-every: 40\n",
                                          work.path(), true);
        QVERIFY(!path.isEmpty());
        MainWindow w;
        QVERIFY(w.openFile(path));
        w.resize(1600, 960);
        w.move(0, 0);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setSimulateMode(true);
        ui::SimulationPanel *panel = w.simulationPanel();
        QVERIFY(panel->currentRun());
        // The palette makes room for the canvas: the design nearly at 100 %.
        w.findChild<QDockWidget *>(QStringLiteral("paletteDock"))->hide();
        QTest::qWait(100);
        w.zoomToFit();
        // At 1x a dot takes 0.8 s along its connection: a few dots per connection, not a chain.
        panel->setSpeed(1);
        const double t = 30.5;
        panel->setTime(t);
        // The path of a message that came through the queue shortly before, emphasised.
        const ui::SimulationRun &run = *panel->currentRun();
        const int queue = run.componentIndex(QStringLiteral("orders-queue"));
        std::optional<quint64> picked;
        for (const core::sim::EntryRecord &e : run.result().entries) {
            if (e.created <= t && e.created > t - 10 && e.connection >= 0
                && run.data().connections[size_t(e.connection)].from == run.componentId(queue))
                picked = e.id;
        }
        if (picked)
            QVERIFY(panel->pickEntry(*picked));
        panel->logTimeBox()->setChecked(true);   // the burst and the late redeliveries both
        QCursor::setPos(w.mapToGlobal(QPoint(2, 2)));
        QTest::qWait(500);
        // The design and a margin, not the empty canvas round it.
        QWidget *canvas = w.view()->viewport();
        const QRect design = w.view()->mapFromScene(w.scene()->contentsRect()).boundingRect()
                                 .adjusted(-20, -20, 20, 20)
                                 .intersected(canvas->rect());
        const QPoint at = canvas->mapToGlobal(design.topLeft());
        QVERIFY(w.screen()->grabWindow(0, at.x(), at.y(), design.width(), design.height())
                    .save(dir + QStringLiteral("/simulation-run.png")));
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("simulationDock"));
        const QPoint d = dock->mapToGlobal(QPoint(0, 0));
        QVERIFY(w.screen()->grabWindow(0, d.x(), d.y(), dock->width(), dock->height())
                    .save(dir + QStringLiteral("/simulation-charts.png")));
    }
    QApplication::setPalette(original);
}

QTEST_MAIN(tst_RealWindow)
#include "tst_realwindow.moc"

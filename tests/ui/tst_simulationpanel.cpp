// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/model/diagram.h>
#include <core/simulation/simulator.h>
#include <ui/canvas/connectionitem.h>
#include <ui/canvas/diagramscene.h>
#include <ui/canvas/simulationoverlay.h>
#include <ui/canvas/simulationrun.h>
#include <ui/panels/simulationpanel.h>

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include <memory>

using namespace ew;
using core::sim::Action;
using core::sim::Fate;

// Simulate mode's panel and canvas overlay, driven as the user would (Run, the slider, a click
// on a ledger row), checked against the engine's own result and trace.
class tst_SimulationPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void runShowsTheResultsFigures();
    void scrubbingMovesTheCountersWithTheTrace();
    void dotsFollowTheMoveStepsAndAreCapped();
    void streamOnFailureTravelsTheFailureRoute();
    void pickingALedgerRowShowsItsHistoryAndPath();
    void editMarksTheRunStaleAndRunRefreshes();
    void playbackAndStep();

private:
    /// The example with a simulation section appended (replacing any it has).
    bool loadExample(const QString &name, const QByteArray &section);
    std::unique_ptr<core::Diagram> m_diagram;
    std::unique_ptr<ui::DiagramScene> m_scene;
    std::unique_ptr<ui::SimulationPanel> m_panel;
    std::unique_ptr<ui::SimulationOverlay> m_overlay;
};

// FIFO orders: two messages a second for a minute; every 7th is poison, so with partial batch
// responses it returns alone, five receives later (visibility 300 s) it is dead-lettered.
static const QByteArray FifoWorkload = "simulation:\n"
                                       "  duration: 1800\n"
                                       "  sources:\n"
                                       "    orders-fifo:\n"
                                       "      rate: 2\n"
                                       "      stop: 60\n"
                                       "  functions:\n"
                                       "    apply-order:\n"
                                       "      duration-ms: 400\n"
                                       "      poison-every: 7\n";

bool tst_SimulationPanel::loadExample(const QString &name, const QByteArray &section)
{
    QFile f(QStringLiteral(EW_SOURCE_DIR "/examples/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    // Its own section (if any) goes: from "simulation:" to the next top-level key.
    QByteArray text;
    bool inSection = false;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const bool topLevel = !line.isEmpty() && line[0] != ' ' && line[0] != '#';
        if (topLevel)
            inSection = line.startsWith("simulation:");
        if (!inSection)
            text += line + '\n';
    }
    const core::ProjectLoadResult loaded = core::ProjectSerializer::load(text + section);
    if (!loaded.ok())
        return false;
    m_diagram->reset(*loaded.data);
    return true;
}

void tst_SimulationPanel::init()
{
    m_diagram = std::make_unique<core::Diagram>();
    m_scene = std::make_unique<ui::DiagramScene>(*m_diagram, core::Catalog::builtin());
    m_panel = std::make_unique<ui::SimulationPanel>(*m_diagram, core::Catalog::builtin());
    m_overlay = std::make_unique<ui::SimulationOverlay>(*m_scene);
    m_overlay->setShown(true);
    m_panel->attachOverlay(m_overlay.get());
    m_panel->resize(1400, 360);
    m_panel->show();
}

void tst_SimulationPanel::cleanup()
{
    m_panel.reset();
    m_overlay.reset();
    m_scene.reset();
    m_diagram.reset();
}

void tst_SimulationPanel::runShowsTheResultsFigures()
{
    QVERIFY(loadExample(QStringLiteral("fifo-orders.ew.yaml"), FifoWorkload));
    QSignalSpy finished(m_panel.get(), &ui::SimulationPanel::runFinished);
    QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QVERIFY(m_panel->currentRun());
    const core::sim::Result &r = m_panel->currentRun()->result();
    // The same run, computed here without the panel.
    core::sim::Options options;
    options.trace = true;
    options.keepEntries = true;
    const core::sim::Result direct = core::sim::simulate(m_diagram->data(), core::Catalog::builtin(),
                                                         *core::sim::workloadOf(m_diagram->data(), nullptr), options);
    QCOMPARE(r.injected, direct.injected);
    QVERIFY2(r.injected == 120, qPrintable(QString::number(r.injected)));   // 2/s for 60 s
    QCOMPARE(m_panel->countLabel(QStringLiteral("injected"))->text(), QString::number(r.injected));
    qint64 sum = 0;
    for (int f = 0; f < core::sim::FateCount; ++f) {
        const QString name = core::sim::fateName(Fate(f));
        QVERIFY2(m_panel->countLabel(name), qPrintable(name));
        QCOMPARE(m_panel->countLabel(name)->text(), QString::number(r.fates[size_t(f)]));
        QCOMPARE(r.fates[size_t(f)], direct.fates[size_t(f)]);
        sum += r.fates[size_t(f)];
    }
    QCOMPARE(sum, r.injected);
    QVERIFY(r.fates[size_t(Fate::Succeeded)] > 0);
    // The table per component: the function's row holds its figures.
    const int function = m_panel->currentRun()->componentIndex(QStringLiteral("apply-order"));
    const core::sim::ComponentStats &stats = r.components[size_t(function)];
    QTableWidget *table = m_panel->componentTable();
    int row = -1;
    for (int i = 0; i < table->rowCount(); ++i) {
        if (table->item(i, 0)->text() == u"apply-order")
            row = i;
    }
    QVERIFY(row >= 0);
    QCOMPARE(table->item(row, 1)->text(), QString::number(stats.invocations));
    QCOMPARE(table->item(row, 2)->text(), QString::number(stats.errors));
    QCOMPARE(table->item(row, 3)->text(), QString::number(stats.throttles));
    QCOMPARE(table->item(row, 4)->text(), QString::number(stats.duplicates));
    QVERIFY(stats.invocations > 0);
    // The ledger lists every entry.
    QCOMPARE(m_panel->ledgerView()->model()->rowCount(), int(r.entries.size()));
    QCOMPARE(qint64(r.entries.size()), r.injected);
    QVERIFY(m_panel->chart());
    QVERIFY(!m_panel->isStale());
}

void tst_SimulationPanel::scrubbingMovesTheCountersWithTheTrace()
{
    QVERIFY(loadExample(QStringLiteral("fifo-orders.ew.yaml"), FifoWorkload));
    QVERIFY(m_panel->run());
    const ui::SimulationRun &run = *m_panel->currentRun();
    const int function = run.componentIndex(QStringLiteral("apply-order"));
    QVERIFY(function >= 0);
    // Counted here from the trace itself, not through the overlay's indexes.
    auto stepsUpTo = [&](Action action, double t) {
        qint64 n = 0;
        for (const core::sim::TraceStep &s : run.result().trace)
            n += s.action == action && s.component == function && s.time <= t;
        return n;
    };
    QSlider *slider = m_panel->timeSlider();
    bool sawPartial = false;
    for (int value : {0, 50, 180, 333, 1000, 5000, slider->maximum()}) {
        slider->setValue(value);
        const double t = m_panel->time();
        QCOMPARE(t, run.duration() * value / slider->maximum());
        QCOMPARE(m_overlay->time(), t);
        const ui::SimulationOverlay::Counters c = m_overlay->countersOf(QStringLiteral("apply-order"));
        QCOMPARE(c.invocations, stepsUpTo(Action::Invoke, t));
        QCOMPARE(c.errors, stepsUpTo(Action::Fail, t));
        QCOMPARE(c.throttles, stepsUpTo(Action::Throttle, t));
        QCOMPARE(m_overlay->counterText(QStringLiteral("apply-order")),
                 QStringLiteral("inv %1 · err %2 · thr %3").arg(c.invocations).arg(c.errors).arg(c.throttles));
        const qint64 total = run.result().components[size_t(function)].invocations;
        sawPartial = sawPartial || (c.invocations > 0 && c.invocations < total);
        // The time label follows: "mm:ss / mm:ss".
        QCOMPARE(m_panel->timeLabel()->text(),
                 QStringLiteral("%1 / 30:00").arg(ui::SimulationRun::clockText(t)));
    }
    QVERIFY2(sawPartial, "no slider position showed part of the invocations");
    // At the end the live counts are the run's totals.
    QCOMPARE(m_overlay->countersOf(QStringLiteral("apply-order")).invocations,
             run.result().components[size_t(function)].invocations);
    // The queue's counter is its depth; the table (no role in the run) has none.
    QVERIFY(m_overlay->counterText(QStringLiteral("orders-fifo")).startsWith(QStringLiteral("depth ")));
    QCOMPARE(m_overlay->counterText(QStringLiteral("ledger-table")), QString());
    QVERIFY(!m_overlay->counterRect(QStringLiteral("apply-order")).isEmpty());
    // Leaving the mode hides them.
    m_overlay->setShown(false);
    QCOMPARE(m_overlay->counterText(QStringLiteral("apply-order")), QString());
    QVERIFY(m_overlay->dots().empty());
}

void tst_SimulationPanel::dotsFollowTheMoveStepsAndAreCapped()
{
    // 500 orders at once, fanned out to three functions: 1,500 deliveries at t = 0.
    QVERIFY(loadExample(QStringLiteral("sns-fanout.ew.yaml"), "simulation:\n"
                                                               "  duration: 600\n"
                                                               "  sources:\n"
                                                               "    commerce-events:\n"
                                                               "      count: 500\n"));
    QVERIFY(m_panel->run());
    const ui::SimulationRun &run = *m_panel->currentRun();
    m_panel->setSpeed(1);
    m_panel->setTime(0.3);
    QCOMPARE(m_overlay->travelTime(), ui::SimulationPanel::TravelWallSeconds);
    qint64 moving = 0;
    for (int i : run.moveSteps()) {
        const core::sim::TraceStep &s = run.result().trace[size_t(i)];
        if (s.time <= 0.3 && s.time >= 0.3 - m_overlay->travelTime())
            moving += qint64(std::max<size_t>(1, s.entries.size()));
    }
    QVERIFY2(moving >= 1500, qPrintable(QString::number(moving)));
    QCOMPARE(int(m_overlay->dots().size()), ui::SimulationOverlay::MaxDots);
    QCOMPARE(qint64(m_overlay->dotsNotDrawn()), moving - ui::SimulationOverlay::MaxDots);
    // The panel says so.
    auto *cap = m_panel->findChild<QLabel *>(QStringLiteral("simulationDotCap"));
    QVERIFY(cap);
    QCOMPARE(cap->text(), QStringLiteral("300 of %1 moving events drawn").arg(moving));
    // Each dot lies on its connection's route, coloured by its entry's fate.
    for (const ui::SimulationOverlay::Dot &d : m_overlay->dots()) {
        QVERIFY(d.connection);
        if (d.entry)
            QCOMPARE(d.fate, run.fateOf(d.entry));
    }
    // Long after t = 0 nothing is on its way any more.
    m_panel->setTime(400);
    QVERIFY(m_overlay->dots().empty());
    QCOMPARE(cap->text(), QString());
}

// A poison record in a Kinesis batch: retried until the trigger gives up, then its OnFailure
// destination gets it. The engine names no delivery for that; the dot goes along the trigger's
// failure route (the dashed line from its middle to the destination).
void tst_SimulationPanel::streamOnFailureTravelsTheFailureRoute()
{
    QVERIFY(loadExample(QStringLiteral("kinesis-analytics.ew.yaml"), "simulation:\n"
                                                                     "  duration: 180\n"
                                                                     "  sources:\n"
                                                                     "    clickstream:\n"
                                                                     "      rate: 50\n"
                                                                     "      stop: 60\n"
                                                                     "  functions:\n"
                                                                     "    aggregate-clicks:\n"
                                                                     "      duration-ms: 300\n"
                                                                     "      poison-every: 1000\n"));
    QVERIFY(m_panel->run());
    const ui::SimulationRun &run = *m_panel->currentRun();
    QVERIFY(run.result().fates[size_t(Fate::ToOnFailure)] > 0);
    const core::sim::TraceStep *sent = nullptr;
    for (const core::sim::TraceStep &s : run.result().trace) {
        if (s.action == Action::Finish && s.detail == u"to_on_failure") {
            sent = &s;
            break;
        }
    }
    QVERIFY(sent);
    m_panel->setSpeed(1);
    m_panel->setTime(sent->time + 0.4);   // half way (a dot takes 0.8 s at 1x)
    const core::ConnectionId trigger = run.connectionId(sent->connection);
    const QPolygonF failure = m_scene->connectionItem(trigger)->failureRoute();
    QVERIFY(failure.size() >= 2);
    int onFailure = 0;
    for (const ui::SimulationOverlay::Dot &d : m_overlay->dots()) {
        if (!d.failureRoute)
            continue;
        ++onFailure;
        QCOMPARE(d.connection, trigger);
        QCOMPARE(d.fate, Fate::ToOnFailure);
        qreal nearest = 1e9;
        for (int i = 1; i < failure.size(); ++i) {
            const QLineF segment(failure[i - 1], failure[i]);
            const QPointF v = segment.p2() - segment.p1(), w = d.pos - segment.p1();
            const qreal t = std::clamp(QPointF::dotProduct(w, v) / std::max(1e-9, QPointF::dotProduct(v, v)), 0.0, 1.0);
            nearest = std::min(nearest, QLineF(d.pos, segment.pointAt(t)).length());
        }
        QVERIFY2(nearest < 0.5, qPrintable(QString::number(nearest)));
    }
    QVERIFY(onFailure > 0);
}

void tst_SimulationPanel::pickingALedgerRowShowsItsHistoryAndPath()
{
    QVERIFY(loadExample(QStringLiteral("fifo-orders.ew.yaml"), FifoWorkload));
    QVERIFY(m_panel->run());
    const ui::SimulationRun &run = *m_panel->currentRun();
    QSignalSpy picked(m_panel.get(), &ui::SimulationPanel::entryPicked);
    // A dead-lettered entry if there is one (the poison ones), else the first.
    QTableView *ledger = m_panel->ledgerView();
    int row = 0;
    for (int i = 0; i < ledger->model()->rowCount(); ++i) {
        if (ledger->model()->index(i, 4).data().toString() == u"dead_lettered") {
            row = i;
            break;
        }
    }
    ledger->scrollTo(ledger->model()->index(row, 0));
    const QRect cell = ledger->visualRect(ledger->model()->index(row, 1));
    QVERIFY(cell.isValid());
    QTest::mouseClick(ledger->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(picked.count(), 1);
    const auto entry = picked.first().first().value<std::optional<quint64>>();
    QVERIFY(entry);
    QCOMPARE(m_panel->pickedEntry(), entry);
    QCOMPARE(QString::number(*entry), ledger->model()->index(row, 0).data().toString());
    // The history: one line per trace step that names the entry, each with the step's time.
    const QStringList lines = m_panel->detailsBox()->toPlainText().split(u'\n');
    const std::vector<int> &steps = run.stepsOf(*entry);
    QVERIFY(!steps.empty());
    QCOMPARE(lines.size(), qsizetype(steps.size()) + 1);   // a heading, then the steps
    for (size_t i = 0; i < steps.size(); ++i) {
        const core::sim::TraceStep &s = run.result().trace[size_t(steps[i])];
        QVERIFY(std::find(s.entries.begin(), s.entries.end(), *entry) != s.entries.end());
        QVERIFY2(lines[qsizetype(i) + 1].startsWith(ui::SimulationRun::historyTime(s.time) + u' '),
                 qPrintable(lines[qsizetype(i) + 1]));
    }
    const Fate fate = run.fateOf(*entry);
    if (fate == Fate::DeadLettered) {
        QVERIFY2(lines.last().contains(QStringLiteral("dead-lettered to orders-fifo-dlq")), qPrintable(lines.last()));
        QVERIFY(lines.filter(QStringLiteral("received (receive 1) at orders-fifo")).size() == 1);
    }
    // The overlay draws its path: the entry's trigger connection among them.
    QCOMPARE(m_overlay->highlightedEntry(), entry);
    const std::vector<core::ConnectionId> path = run.pathOf(*entry);
    QVERIFY(!path.empty());
    QCOMPARE(path.front(), m_diagram->connections().front().id);   // orders-fifo -> apply-order
}

void tst_SimulationPanel::editMarksTheRunStaleAndRunRefreshes()
{
    QVERIFY(loadExample(QStringLiteral("fifo-orders.ew.yaml"), FifoWorkload));
    QVERIFY(m_panel->run());
    QVERIFY(!m_panel->isStale());
    const auto first = m_panel->currentRun();
    m_diagram->setComponentProperty(QStringLiteral("apply-order"), QStringLiteral("Timeout"), core::Value::integer(60));
    QVERIFY(m_panel->isStale());
    QVERIFY(m_panel->status().contains(QStringLiteral("Stale")));
    QCOMPARE(m_panel->currentRun(), first);   // still shown, marked
    QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);
    QVERIFY(!m_panel->isStale());
    QVERIFY(m_panel->currentRun() != first);
    QVERIFY(!m_panel->status().contains(QStringLiteral("Stale")));
    // A new document drops the run.
    QVERIFY(loadExample(QStringLiteral("sns-fanout.ew.yaml"), {}));
    QVERIFY(!m_panel->currentRun());
    QVERIFY(!m_overlay->run());
}

void tst_SimulationPanel::playbackAndStep()
{
    QVERIFY(loadExample(QStringLiteral("fifo-orders.ew.yaml"), FifoWorkload));
    QVERIFY(m_panel->run());
    const ui::SimulationRun &run = *m_panel->currentRun();
    // Step: to the next trace step's time, each time later.
    m_panel->setTime(0);
    const int first = run.firstStepAfter(0);
    QVERIFY(first < int(run.result().trace.size()));
    m_panel->stepForward();
    QCOMPARE(m_panel->time(), run.result().trace[size_t(first)].time);
    const double at = m_panel->time();
    m_panel->stepForward();
    QVERIFY(m_panel->time() > at);
    // Play at 10,000x: a 1,800 s run is over in well under a second, and playback stops there.
    QSignalSpy playing(m_panel.get(), &ui::SimulationPanel::playingChanged);
    m_panel->setSpeed(10000);
    QTest::mouseClick(m_panel->playButton(), Qt::LeftButton);
    QVERIFY(m_panel->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isPlaying(), 5000);
    QCOMPARE(m_panel->time(), run.duration());
    QCOMPARE(m_panel->timeSlider()->value(), m_panel->timeSlider()->maximum());
    QCOMPARE(playing.count(), 2);
    // Space plays and pauses while the panel has the focus.
    m_panel->setSpeed(1);
    m_panel->setTime(0);
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    m_panel->timeSlider()->setFocus();
    QTest::keyClick(m_panel->timeSlider(), Qt::Key_Space);
    QVERIFY(m_panel->isPlaying());
    QTest::keyClick(m_panel->timeSlider(), Qt::Key_Space);
    QVERIFY(!m_panel->isPlaying());
}

QTEST_MAIN(tst_SimulationPanel)
#include "tst_simulationpanel.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "ui/canvas/simulationrun.h"

#include <core/catalog/catalog.h>
#include <core/model/diagram.h>

#include <QElapsedTimer>
#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLogValueAxis;
class QLabel;
class QLineSeries;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QValueAxis;

namespace ew::ui {

class SimulationOverlay;
class LedgerModel;

/// Simulate mode's panel: runs the simulator on the current design and its workload, plays
/// the run back (play, pause, step to the next trace step, speed 1×–10,000×, a time slider),
/// and shows the ledger's counts, a table per component, charts of the sampled metrics and
/// the ledger itself; picking an entry lists its history and highlights its path. A run is
/// marked stale as soon as the design changes; Run simulates the design as it is now.
class SimulationPanel final : public QWidget
{
    Q_OBJECT
public:
    /// Playback speeds: simulated seconds per second.
    static constexpr int Speeds[] = {1, 10, 100, 1000, 10000};
    /// A dot takes this long (wall clock) along its connection at any speed.
    static constexpr double TravelWallSeconds = 0.8;

    SimulationPanel(const core::Diagram &diagram, const core::Catalog &catalog, QWidget *parent = nullptr);
    ~SimulationPanel() override;

    /// The overlay follows the panel: its run, playback time, travel time and picked entry.
    void attachOverlay(SimulationOverlay *overlay);

    /// Simulates the design as it is now, synchronously (a wait cursor meanwhile); false
    /// (status() says why) when the workload section cannot be read.
    bool run();
    /// Runs a scripted workload (Show Me) instead of the project's own, without touching the
    /// project; the caption (rich text) stays above the figures until the next run.
    bool runWorkload(const core::sim::Workload &workload, const QString &caption);
    const SimulationRunPtr &currentRun() const { return m_run; }
    /// True when the design changed after the run shown.
    bool isStale() const { return m_stale; }

    double time() const { return m_time; }
    void setTime(double t);
    bool isPlaying() const { return m_tick.isActive(); }
    void play();
    void pause();
    void togglePlay();
    /// Pauses and moves to the time of the next trace step after time().
    void stepForward();
    int speed() const;
    void setSpeed(int simulatedSecondsPerSecond);

    /// Shows the charts of this component ("" = all functions).
    void setChartComponent(const QString &componentId);
    QString chartComponent() const;
    /// Selects the ledger row of the entry (and emits entryPicked); false when it has none.
    bool pickEntry(quint64 entry);
    std::optional<quint64> pickedEntry() const { return m_picked; }

    // Parts, for the window and the tests.
    QPushButton *runButton() const { return m_runButton; }
    QPushButton *playButton() const { return m_playButton; }
    QPushButton *stepButton() const { return m_stepButton; }
    QComboBox *speedBox() const { return m_speedBox; }
    QSlider *timeSlider() const { return m_slider; }
    QLabel *timeLabel() const { return m_timeLabel; }
    /// The number shown for "injected" or a fate's contract name ("succeeded", ...).
    QLabel *countLabel(const QString &name) const { return m_counts.value(name); }
    QTableWidget *componentTable() const { return m_components; }
    QTableView *ledgerView() const { return m_ledger; }
    QPlainTextEdit *detailsBox() const { return m_details; }
    QChart *chart() const { return m_chart; }
    /// The charts' time axis on a log scale: a burst at the start and retries hours later
    /// both readable (SIMULATOR.md §1, time compression).
    QCheckBox *logTimeBox() const { return m_logTime; }
    QWidget *chartView() const;
    QString status() const;

signals:
    /// A run finished (its result is currentRun()).
    void runFinished();
    void timeChanged(double t);
    void playingChanged(bool playing);
    /// A ledger row was picked (nullopt: none any more).
    void entryPicked(std::optional<quint64> entry);
    /// A row of the component table was activated.
    void componentActivated(const QString &componentId);

private:
    void buildControls();
    void showRun();
    void clearRun();
    void markStale();
    void updateTimeWidgets();
    void updatePlayButton();
    void updateTravelTime();
    void fillComponentTable();
    void fillChartChoices();
    void fillChart();
    void updateChartCursor();
    void onLedgerRowChanged();
    void tick();

    const core::Diagram &m_diagram;
    const core::Catalog &m_catalog;
    SimulationRunPtr m_run;
    bool m_stale = false;
    QString m_caption;   ///< shown above a scripted run's figures
    double m_time = 0;
    std::optional<quint64> m_picked;
    QPointer<SimulationOverlay> m_overlay;
    QTimer m_tick;
    QElapsedTimer m_wall;

    QIcon m_playIcon;
    QIcon m_pauseIcon;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_playButton = nullptr;
    QPushButton *m_stepButton = nullptr;
    QComboBox *m_speedBox = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_timeLabel = nullptr;
    QLabel *m_capLabel = nullptr;   ///< says when the overlay left dots out
    QLabel *m_status = nullptr;
    QLabel *m_notes = nullptr;
    QHash<QString, QLabel *> m_counts;
    QTableWidget *m_components = nullptr;
    QComboBox *m_chartChoice = nullptr;
    QChartView *m_chartView = nullptr;
    QChart *m_chart = nullptr;
    QLineSeries *m_cursor = nullptr;
    QValueAxis *m_axisX = nullptr;
    QLogValueAxis *m_axisLogX = nullptr;
    QCheckBox *m_logTime = nullptr;
    QValueAxis *m_axisCount = nullptr;
    QValueAxis *m_axisSeconds = nullptr;
    QComboBox *m_fateFilter = nullptr;
    LedgerModel *m_ledgerModel = nullptr;
    QSortFilterProxyModel *m_ledgerProxy = nullptr;
    QTableView *m_ledger = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace ew::ui

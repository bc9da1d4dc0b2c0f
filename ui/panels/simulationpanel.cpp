// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/simulationpanel.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/canvas/simulationoverlay.h"

#include <core/simulation/simulator.h>
#include <core/simulation/workload.h>

#include <QAbstractTableModel>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ew::ui {

using core::sim::ComponentStats;
using core::sim::Fate;
using core::sim::Series;

namespace {
constexpr int SliderSteps = 10000;
constexpr int FrameMs = 33;
constexpr int DefaultSpeed = 10;

enum class Glyph { Run, Play, Pause, Step };

/// The playback buttons' icons, drawn in the palette's button text colour: the style's media
/// icons are dark glyphs that vanish on a dark palette.
QIcon glyphIcon(Glyph glyph, const QColor &colour)
{
    QIcon icon;
    for (const int size : {16, 20, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        const qreal s = size;
        auto triangle = [&](qreal x0, qreal x1) {
            p.drawPolygon(QPolygonF{QPointF(x0 * s, 0.18 * s), QPointF(x0 * s, 0.82 * s), QPointF(x1 * s, 0.5 * s)});
        };
        switch (glyph) {
        case Glyph::Play: triangle(0.25, 0.8); break;
        case Glyph::Pause:
            p.drawRect(QRectF(0.24 * s, 0.18 * s, 0.18 * s, 0.64 * s));
            p.drawRect(QRectF(0.58 * s, 0.18 * s, 0.18 * s, 0.64 * s));
            break;
        case Glyph::Step:
            triangle(0.18, 0.62);
            p.drawRect(QRectF(0.66 * s, 0.18 * s, 0.14 * s, 0.64 * s));
            break;
        case Glyph::Run: {
            // A circular arrow: run again.
            QPen pen(colour, std::max(1.5, s / 9));
            pen.setCapStyle(Qt::FlatCap);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            const QRectF ring(0.2 * s, 0.2 * s, 0.6 * s, 0.6 * s);
            p.drawArc(ring, 100 * 16, 280 * 16);
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            p.drawPolygon(QPolygonF{QPointF(0.42 * s, 0.04 * s), QPointF(0.66 * s, 0.2 * s), QPointF(0.42 * s, 0.36 * s)});
            break;
        }
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

/// The contract's metric name in words: "age_of_oldest_s" -> "age of oldest (s)".
QString metricLabel(Series::Metric metric)
{
    QString name = core::sim::metricName(metric);
    const bool seconds = name.endsWith(QLatin1String("_s"));
    if (seconds)
        name.chop(2);
    name.replace(u'_', u' ');
    return seconds ? name + QStringLiteral(" (s)") : name;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// The ledger as a table model: one row per EntryRecord (there may be 10^5 of them).

class LedgerModel final : public QAbstractTableModel
{
public:
    enum Column { Id, Event, Connection, Created, FateColumn, Where, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int EntryRole = Qt::UserRole + 1;
    static constexpr int FateRole = Qt::UserRole + 2;

    using QAbstractTableModel::QAbstractTableModel;

    void setRun(SimulationRunPtr run)
    {
        beginResetModel();
        m_run = std::move(run);
        endResetModel();
    }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() || !m_run ? 0 : int(m_run->result().entries.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case Id: return SimulationPanel::tr("Entry");
        case Event: return SimulationPanel::tr("Event");
        case Connection: return SimulationPanel::tr("Connection");
        case Created: return SimulationPanel::tr("Created");
        case FateColumn: return SimulationPanel::tr("Fate");
        case Where: return SimulationPanel::tr("Where");
        default: return {};
        }
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!m_run || !index.isValid() || index.row() >= rowCount())
            return {};
        const core::sim::EntryRecord &e = m_run->result().entries[size_t(index.row())];
        if (role == EntryRole)
            return QVariant::fromValue(e.id);
        if (role == FateRole)
            return core::sim::fateName(e.fate);
        if (role == SortRole) {
            switch (index.column()) {
            case Id: return QVariant::fromValue(e.id);
            case Event: return QVariant::fromValue(e.eventId);
            case Created: return e.created;
            case FateColumn: return int(e.fate);
            default: return data(index, Qt::DisplayRole);
            }
        }
        if (role == Qt::ToolTipRole && index.column() == Connection)
            return m_run->connectionText(e.connection);
        if (role == Qt::DecorationRole && index.column() == FateColumn)
            return CanvasStyle::fateColor(e.fate);
        if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Event))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case Id: return QString::number(e.id);
        case Event: return QString::number(e.eventId);
        case Connection: {
            // "from → to"; the role is in the tooltip and the history.
            if (e.connection < 0 || e.connection >= int(m_run->data().connections.size()))
                return QString();
            const core::Connection &c = m_run->data().connections[size_t(e.connection)];
            return QStringLiteral("%1 → %2").arg(c.from, c.to);
        }
        case Created: return SimulationRun::historyTime(e.created);
        case FateColumn: return core::sim::fateName(e.fate);
        case Where: return m_run->componentId(e.where);
        default: return {};
        }
    }

private:
    SimulationRunPtr m_run;
};

// ---------------------------------------------------------------------------------------------

SimulationPanel::SimulationPanel(const core::Diagram &diagram, const core::Catalog &catalog, QWidget *parent)
    : QWidget(parent)
    , m_diagram(diagram)
    , m_catalog(catalog)
{
    buildControls();
    m_tick.setInterval(FrameMs);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &SimulationPanel::tick);
    // Any edit (design or workload) makes the results stale; a new document drops them.
    connect(&diagram, &core::Diagram::changed, this, &SimulationPanel::markStale);
    connect(&diagram, &core::Diagram::diagramReset, this, &SimulationPanel::clearRun);
    // Space plays and pauses while the panel (or a widget in it) has the focus.
    auto *space = new QShortcut(QKeySequence(Qt::Key_Space), this, this, &SimulationPanel::togglePlay);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    clearRun();
}

SimulationPanel::~SimulationPanel() = default;

void SimulationPanel::buildControls()
{
    const QColor ink = palette().color(QPalette::ButtonText);
    m_playIcon = glyphIcon(Glyph::Play, ink);
    m_pauseIcon = glyphIcon(Glyph::Pause, ink);
    m_runButton = new QPushButton(glyphIcon(Glyph::Run, ink), tr("&Run"), this);
    m_runButton->setObjectName(QStringLiteral("simulationRun"));
    m_runButton->setToolTip(tr("Simulate the design as it is now with its workload (F5)"));
    m_playButton = new QPushButton(this);
    m_playButton->setObjectName(QStringLiteral("simulationPlay"));
    m_playButton->setToolTip(tr("Play or pause (Space)"));
    m_stepButton = new QPushButton(glyphIcon(Glyph::Step, ink), tr("S&tep"), this);
    m_stepButton->setObjectName(QStringLiteral("simulationStep"));
    m_stepButton->setToolTip(tr("To the next step of the trace"));
    m_speedBox = new QComboBox(this);
    m_speedBox->setObjectName(QStringLiteral("simulationSpeed"));
    m_speedBox->setToolTip(tr("Simulated seconds per second"));
    for (int s : Speeds)
        m_speedBox->addItem(QStringLiteral("%1×").arg(s), s);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("simulationTime"));
    m_slider->setRange(0, SliderSteps);
    m_timeLabel = new QLabel(this);
    m_timeLabel->setObjectName(QStringLiteral("simulationTimeLabel"));
    m_timeLabel->setMinimumWidth(m_timeLabel->fontMetrics().horizontalAdvance(QStringLiteral("000:00 / 000:00")) + 8);
    m_timeLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_runButton);
    controls->addWidget(m_playButton);
    controls->addWidget(m_stepButton);
    controls->addWidget(new QLabel(tr("Speed:"), this));
    controls->addWidget(m_speedBox);
    controls->addWidget(m_slider, 1);
    m_capLabel = new QLabel(this);
    m_capLabel->setObjectName(QStringLiteral("simulationDotCap"));
    m_capLabel->setToolTip(tr("The canvas draws at most %1 moving events at a time, the newest").arg(SimulationOverlay::MaxDots));
    controls->addWidget(m_capLabel);
    controls->addWidget(m_timeLabel);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("simulationStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);

    // Left: the ledger's counts and the table per component.
    auto *left = new QWidget(this);
    auto *counts = new QGridLayout;
    counts->setHorizontalSpacing(10);
    counts->setVerticalSpacing(2);
    QStringList names{QStringLiteral("injected")};
    for (int f = 0; f < core::sim::FateCount; ++f)
        names << core::sim::fateName(Fate(f));
    for (int i = 0; i < names.size(); ++i) {
        const QString &name = names[i];
        QString caption = name;
        if (i > 0)
            caption = QStringLiteral("<span style=\"color:%1\">●</span> %2")
                          .arg(CanvasStyle::fateColor(Fate(i - 1)).name(), name.toHtmlEscaped());
        auto *label = new QLabel(caption, left);
        label->setTextFormat(Qt::RichText);
        auto *number = new QLabel(left);
        number->setObjectName(QStringLiteral("count_") + name);
        number->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = number->font();
        bold.setBold(true);
        number->setFont(bold);
        m_counts.insert(name, number);
        const int row = i < 4 ? i : i - 4, column = i < 4 ? 0 : 2;
        counts->addWidget(label, row, column);
        counts->addWidget(number, row, column + 1);
    }
    counts->setColumnStretch(1, 1);
    counts->setColumnStretch(3, 1);
    m_notes = new QLabel(left);
    m_notes->setObjectName(QStringLiteral("simulationNotes"));
    m_notes->setWordWrap(true);
    m_notes->setVisible(false);
    m_components = new QTableWidget(left);
    m_components->setObjectName(QStringLiteral("simulationComponents"));
    m_components->setColumnCount(7);
    // Short headings (the panel shares the dock's width with the charts and the ledger).
    m_components->setHorizontalHeaderLabels({tr("Component"), tr("Inv."), tr("Err."), tr("Thr."), tr("Dup."),
                                             tr("Depth"), tr("Age")});
    const QStringList headingTips{tr("Component"), tr("Invocations (every attempt; a batch counts once)"),
                                  tr("Errors (failed attempts, timeouts included)"), tr("Throttles"),
                                  tr("Duplicates: events processed successfully more than once"),
                                  tr("Largest queue depth: messages visible and in flight"),
                                  tr("Largest iterator age of the stream, seconds")};
    for (int c = 0; c < headingTips.size(); ++c)
        m_components->horizontalHeaderItem(c)->setToolTip(headingTips[c]);
    m_components->verticalHeader()->hide();
    m_components->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_components->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_components->setSelectionMode(QAbstractItemView::SingleSelection);
    m_components->setAlternatingRowColors(true);
    m_components->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_components->horizontalHeader()->setStretchLastSection(true);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(counts);
    leftLayout->addWidget(m_notes);
    leftLayout->addWidget(m_components, 1);
    connect(m_components, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row < 0 || !m_components->item(row, 0))
            return;
        const QString id = m_components->item(row, 0)->data(Qt::UserRole).toString();
        setChartComponent(id);
        emit componentActivated(id);
    });

    // Middle: the charts.
    auto *middle = new QWidget(this);
    m_chartChoice = new QComboBox(middle);
    m_chartChoice->setObjectName(QStringLiteral("simulationChartComponent"));
    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chartView = new QChartView(m_chart, middle);   // owns the chart
    m_chartView->setObjectName(QStringLiteral("simulationChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(320, 200);
    // Drag across a stretch of time to zoom into it (a burst in a long run); right click zooms out.
    m_chartView->setRubberBand(QChartView::HorizontalRubberBand);
    m_chartView->setToolTip(tr("Drag across the chart to zoom into a stretch of time; right-click to zoom out"));
    m_axisX = new QValueAxis(m_chart);
    m_axisX->setLabelFormat(QStringLiteral("%.0f s"));
    m_axisCount = new QValueAxis(m_chart);
    m_axisCount->setLabelFormat(QStringLiteral("%.0f"));
    m_axisCount->setTitleText(tr("count"));
    m_axisSeconds = new QValueAxis(m_chart);
    m_axisSeconds->setLabelFormat(QStringLiteral("%.1f s"));
    m_axisLogX = new QLogValueAxis(m_chart);
    m_axisLogX->setBase(10);
    m_axisLogX->setLabelFormat(QStringLiteral("%g s"));
    m_axisLogX->setMinorTickCount(-1);
    m_axisLogX->setMinorGridLineVisible(false);   // nine dashed lines a decade are noise
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisLogX, Qt::AlignBottom);
    m_chart->addAxis(m_axisCount, Qt::AlignLeft);
    m_chart->addAxis(m_axisSeconds, Qt::AlignRight);
    auto *middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    auto *chartRow = new QHBoxLayout;
    chartRow->addWidget(new QLabel(tr("Metrics of:"), middle));
    chartRow->addWidget(m_chartChoice, 1);
    m_logTime = new QCheckBox(tr("&Log time"), middle);
    m_logTime->setObjectName(QStringLiteral("simulationLogTime"));
    m_logTime->setToolTip(tr("Time on a log scale: the first seconds and the last hours both readable"));
    chartRow->addWidget(m_logTime);
    connect(m_logTime, &QCheckBox::toggled, this, &SimulationPanel::fillChart);
    middleLayout->addLayout(chartRow);
    middleLayout->addWidget(m_chartView, 1);
    connect(m_chartChoice, &QComboBox::currentIndexChanged, this, &SimulationPanel::fillChart);

    // Right: the ledger and the picked entry's history.
    auto *right = new QSplitter(Qt::Vertical, this);
    auto *ledgerPane = new QWidget(right);
    m_fateFilter = new QComboBox(ledgerPane);
    m_fateFilter->setObjectName(QStringLiteral("simulationFateFilter"));
    m_fateFilter->addItem(tr("All fates"), QString());
    for (int f = 0; f < core::sim::FateCount; ++f)
        m_fateFilter->addItem(core::sim::fateName(Fate(f)), core::sim::fateName(Fate(f)));
    m_ledgerModel = new LedgerModel(this);
    m_ledgerProxy = new QSortFilterProxyModel(this);
    m_ledgerProxy->setSourceModel(m_ledgerModel);
    m_ledgerProxy->setSortRole(LedgerModel::SortRole);
    m_ledgerProxy->setFilterRole(LedgerModel::FateRole);
    m_ledgerProxy->setFilterKeyColumn(LedgerModel::FateColumn);
    m_ledger = new QTableView(ledgerPane);
    m_ledger->setObjectName(QStringLiteral("simulationLedger"));
    m_ledger->setModel(m_ledgerProxy);
    m_ledger->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ledger->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ledger->setSortingEnabled(true);
    m_ledger->sortByColumn(LedgerModel::Id, Qt::AscendingOrder);
    m_ledger->verticalHeader()->hide();
    m_ledger->verticalHeader()->setDefaultSectionSize(m_ledger->fontMetrics().height() + 6);
    m_ledger->setAlternatingRowColors(true);
    // The connection takes what the others leave (it is the long one, elided in the middle).
    m_ledger->horizontalHeader()->setStretchLastSection(false);
    m_ledger->horizontalHeader()->setSectionResizeMode(LedgerModel::Connection, QHeaderView::Stretch);
    m_ledger->setTextElideMode(Qt::ElideMiddle);
    const QFontMetrics fm = m_ledger->fontMetrics();
    m_ledger->setColumnWidth(LedgerModel::Id, fm.horizontalAdvance(QStringLiteral("Entry")) + 28);
    m_ledger->setColumnWidth(LedgerModel::Event, fm.horizontalAdvance(QStringLiteral("Event")) + 20);
    m_ledger->setColumnWidth(LedgerModel::Created, fm.horizontalAdvance(QStringLiteral("00:00:00.0")) + 16);
    m_ledger->setColumnWidth(LedgerModel::FateColumn, fm.horizontalAdvance(QStringLiteral("to_on_failure")) + 30);
    m_ledger->setColumnWidth(LedgerModel::Where, fm.horizontalAdvance(QStringLiteral("process-orders")) + 8);
    auto *ledgerLayout = new QVBoxLayout(ledgerPane);
    ledgerLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Ledger:"), ledgerPane));
    filterRow->addWidget(m_fateFilter, 1);
    ledgerLayout->addLayout(filterRow);
    ledgerLayout->addWidget(m_ledger, 1);
    m_details = new QPlainTextEdit(right);
    m_details->setObjectName(QStringLiteral("simulationHistory"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Pick an entry of the ledger to see its history."));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    right->addWidget(ledgerPane);
    right->addWidget(m_details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    connect(m_fateFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_ledgerProxy->setFilterFixedString(m_fateFilter->currentData().toString());
    });
    connect(m_ledger->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SimulationPanel::onLedgerRowChanged);

    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->setObjectName(QStringLiteral("simulationColumns"));
    columns->addWidget(left);
    columns->addWidget(middle);
    columns->addWidget(right);
    columns->setStretchFactor(0, 3);
    columns->setStretchFactor(1, 4);
    columns->setStretchFactor(2, 4);
    columns->setSizes({280, 360, 420});   // in proportion: the splitter scales them to its width
    columns->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(columns, 1);

    connect(m_runButton, &QPushButton::clicked, this, &SimulationPanel::run);
    connect(m_playButton, &QPushButton::clicked, this, &SimulationPanel::togglePlay);
    connect(m_stepButton, &QPushButton::clicked, this, &SimulationPanel::stepForward);
    connect(m_speedBox, &QComboBox::currentIndexChanged, this, &SimulationPanel::updateTravelTime);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_run)
            setTime(m_run->duration() * v / SliderSteps);
    });
    setSpeed(DefaultSpeed);
    updatePlayButton();
}

QWidget *SimulationPanel::chartView() const
{
    return m_chartView;
}

QString SimulationPanel::status() const
{
    return m_status->text();
}

void SimulationPanel::attachOverlay(SimulationOverlay *overlay)
{
    m_overlay = overlay;
    if (!overlay)
        return;
    overlay->setRun(m_run);
    overlay->setTime(m_time);
    overlay->setHighlightedEntry(m_picked);
    updateTravelTime();
}

bool SimulationPanel::run()
{
    QString error;
    const std::optional<core::sim::Workload> workload = core::sim::workloadOf(m_diagram.data(), &error);
    if (!workload) {
        pause();
        m_status->setText(tr("<b>Cannot run:</b> the simulation section has a problem: %1").arg(error.toHtmlEscaped()));
        return false;
    }
    return runWorkload(*workload, {});
}

bool SimulationPanel::runWorkload(const core::sim::Workload &workload, const QString &caption)
{
    pause();
    m_caption = caption;
    const core::DiagramData design = m_diagram.data();
    core::sim::Options options;
    options.trace = true;
    options.keepEntries = true;
    // A 600 s default workload takes milliseconds; a big one may take a few seconds, so the
    // cursor says so (the run stays on this thread: the result is needed whole anyway).
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    core::sim::Result result = core::sim::simulate(design, m_catalog, workload, options);
    QGuiApplication::restoreOverrideCursor();
    m_run = std::make_shared<const SimulationRun>(design, std::move(result));
    m_stale = false;
    m_picked.reset();
    m_time = 0;
    showRun();
    emit runFinished();
    return true;
}

void SimulationPanel::clearRun()
{
    pause();
    m_run.reset();
    m_stale = false;
    m_picked.reset();
    m_time = 0;
    showRun();
}

void SimulationPanel::markStale()
{
    if (!m_run || m_stale)
        return;
    m_stale = true;
    showRun();
}

void SimulationPanel::showRun()
{
    const bool have = m_run != nullptr;
    m_playButton->setEnabled(have);
    m_stepButton->setEnabled(have);
    m_slider->setEnabled(have);
    if (!have) {
        m_status->setText(tr("Not run yet. <b>Run</b> (F5) replays the design's workload (its "
                             "<code>simulation</code> section, or one event per trigger source)."));
    } else {
        const core::sim::Result &r = m_run->result();
        QString text = tr("%1 s simulated (seed %2): %3 events, %4 steps.")
                           .arg(r.workload.duration)
                           .arg(r.workload.seed)
                           .arg(r.injected)
                           .arg(r.steps);
        if (r.workload.defaulted)
            text += QLatin1Char(' ') + tr("No simulation section: one event per trigger source.");
        if (!r.conserved)
            text += QLatin1Char(' ') + tr("<b>The ledger does not add up</b> (a simulator bug).");
        if (r.stoppedEarly)
            text += QLatin1Char(' ') + tr("<b>Stopped early:</b> too many events alive at once.");
        if (!m_caption.isEmpty())
            text = m_caption + QStringLiteral("<br>") + text;
        if (m_stale)
            text = tr("<span style=\"color:%1\"><b>Stale:</b> the design changed after this run; "
                      "Run (F5) simulates it as it is now.</span> ")
                       .arg(CanvasStyle::severityColor(core::Severity::Warning).name())
                   + text;
        m_status->setText(text);
    }
    QStringList notes;
    if (have) {
        for (const QString &n : m_run->result().notes)
            notes << QStringLiteral("• ") + n;
    }
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
    if (!m_stale) {
        // A stale run keeps its figures (they are the last run's) but a fresh one replaces all.
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
            it.value()->setText(QStringLiteral("–"));
        if (have) {
            const core::sim::Result &r = m_run->result();
            m_counts.value(QStringLiteral("injected"))->setText(QString::number(r.injected));
            for (int f = 0; f < core::sim::FateCount; ++f)
                m_counts.value(core::sim::fateName(Fate(f)))->setText(QString::number(r.fates[size_t(f)]));
        }
        m_ledgerModel->setRun(m_run);
        m_details->clear();
        fillComponentTable();
        fillChartChoices();
        fillChart();
        if (m_overlay) {
            m_overlay->setRun(m_run);
            m_overlay->setHighlightedEntry(std::nullopt);
        }
        updateTravelTime();
        setTime(m_time);
        return;
    }
    updateTimeWidgets();
}

void SimulationPanel::fillComponentTable()
{
    m_components->setRowCount(0);
    if (!m_run)
        return;
    const auto &stats = m_run->result().components;
    for (int i = 0; i < int(stats.size()); ++i) {
        const ComponentStats &s = stats[size_t(i)];
        if (s.role == ComponentStats::Role::Other)
            continue;
        const int row = m_components->rowCount();
        m_components->insertRow(row);
        const QString id = m_run->componentId(i);
        auto *name = new QTableWidgetItem(id);
        name->setData(Qt::UserRole, id);
        m_components->setItem(row, 0, name);
        const bool function = s.role == ComponentStats::Role::Function;
        auto number = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_components->setItem(row, column, item);
        };
        const QString none = QStringLiteral("—");
        number(1, function ? QString::number(s.invocations) : none);
        number(2, function ? QString::number(s.errors) : none);
        number(3, function ? QString::number(s.throttles) : none);
        number(4, function ? QString::number(s.duplicates) : none);
        number(5, s.role == ComponentStats::Role::Queue ? QString::number(s.maxQueueDepth) : none);
        number(6, s.role == ComponentStats::Role::Stream ? QStringLiteral("%1 s").arg(s.maxIteratorAge, 0, 'f', 1) : none);
    }
    // A column no component has a figure for (no stream: no iterator age) is not shown.
    for (int c = 1; c < m_components->columnCount(); ++c) {
        bool any = false;
        for (int row = 0; row < m_components->rowCount() && !any; ++row)
            any = m_components->item(row, c)->text() != u"—";
        m_components->setColumnHidden(c, !any);
    }
}

void SimulationPanel::fillChartChoices()
{
    const QString keep = chartComponent();
    const QSignalBlocker block(m_chartChoice);
    m_chartChoice->clear();
    m_chartChoice->addItem(tr("All functions"), QString());
    if (m_run) {
        const auto &stats = m_run->result().components;
        for (int i = 0; i < int(stats.size()); ++i) {
            if (stats[size_t(i)].role != ComponentStats::Role::Other)
                m_chartChoice->addItem(m_run->componentId(i), m_run->componentId(i));
        }
    }
    m_chartChoice->setCurrentIndex(std::max(0, m_chartChoice->findData(keep)));
}

void SimulationPanel::setChartComponent(const QString &componentId)
{
    const int index = m_chartChoice->findData(componentId);
    m_chartChoice->setCurrentIndex(index >= 0 ? index : 0);
}

QString SimulationPanel::chartComponent() const
{
    return m_chartChoice->currentData().toString();
}

void SimulationPanel::fillChart()
{
    m_chart->removeAllSeries();   // deletes them, the cursor too
    m_cursor = nullptr;
    m_chart->setTheme(CanvasStyle::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundRoundness(0);
    const bool log = m_logTime->isChecked();
    m_axisX->setVisible(!log);
    m_axisLogX->setVisible(log);
    QAbstractAxis *axisX = log ? static_cast<QAbstractAxis *>(m_axisLogX) : m_axisX;
    if (!m_run || m_run->result().series.samples <= 0) {
        m_chart->setTitle(m_run ? tr("No samples") : QString());
        m_axisX->setRange(0, m_run ? m_run->duration() : 600);
        return;
    }
    const core::sim::Result &r = m_run->result();
    const Series &series = r.series;
    const QString chosen = chartComponent();
    // The components summed: the chosen one, or every function.
    std::vector<int> members;
    ComponentStats::Role role = ComponentStats::Role::Function;
    for (int i = 0; i < int(r.components.size()); ++i) {
        if (chosen.isEmpty() ? r.components[size_t(i)].role == ComponentStats::Role::Function
                             : m_run->componentId(i) == chosen)
            members.push_back(i);
    }
    if (!chosen.isEmpty() && !members.empty())
        role = r.components[size_t(members.front())].role;
    std::vector<Series::Metric> counts, seconds;
    switch (role) {
    case ComponentStats::Role::Function:
        counts = {Series::Invocations, Series::Errors, Series::Throttles, Series::Concurrency, Series::Duplicates};
        seconds = {Series::LatencyP99};
        break;
    case ComponentStats::Role::Queue:
        counts = {Series::QueueDepth, Series::Lost};
        seconds = {Series::OldestAge};
        break;
    case ComponentStats::Role::Stream:
        counts = {Series::Lost};
        seconds = {Series::IteratorAge};
        break;
    case ComponentStats::Role::Other: break;
    }
    m_chart->setTitle(chosen.isEmpty() ? tr("All functions (summed)") : chosen);
    double maxCount = 1, maxSeconds = 1;
    auto add = [&](Series::Metric metric, QValueAxis *axis, double &max) {
        QList<QPointF> points;
        points.reserve(series.samples);
        bool any = false;
        for (int s = 0; s < series.samples; ++s) {
            double v = 0;
            for (int c : members) {
                if (c < int(series.values.size()) && s < int(series.values[size_t(c)][size_t(metric)].size()))
                    v += series.values[size_t(c)][size_t(metric)][size_t(s)];
            }
            any = any || v != 0;
            max = std::max(max, v);
            // On a log scale each sample sits at the middle of its interval (there is no 0).
            points << QPointF((s + (log ? 0.5 : 0.0)) * series.interval, v);
        }
        // Quiet metrics (no throttles, no duplicates) stay off the chart and its legend,
        // except the first of each kind so that the chart always says what it shows.
        if (!any && metric != Series::Invocations && metric != Series::QueueDepth && metric != Series::IteratorAge)
            return;
        auto *line = new QLineSeries(m_chart);
        line->setName(metricLabel(metric));
        line->replace(points);
        m_chart->addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axis);
    };
    for (Series::Metric m : counts)
        add(m, m_axisCount, maxCount);
    for (Series::Metric m : seconds)
        add(m, m_axisSeconds, maxSeconds);
    m_axisX->setRange(0, m_run->duration());
    m_axisLogX->setRange(series.interval / 2, m_run->duration());
    // Whole steps: no "1, 1, 2, 2" labels on small counts.
    const double top = std::max(1.0, std::ceil(maxCount * 1.1));
    m_axisCount->setRange(0, top);
    if (top <= 10)
        m_axisCount->setTickCount(int(top) + 1);
    else
        m_axisCount->applyNiceNumbers();
    m_axisSeconds->setRange(0, maxSeconds * 1.1);
    m_axisSeconds->setVisible(!seconds.empty());
    // Playback's place: a vertical line at t, kept out of the legend.
    m_cursor = new QLineSeries(m_chart);
    m_cursor->setName(tr("now"));
    QPen pen(CanvasStyle::secondaryTextColor(), 1, Qt::DashLine);
    m_cursor->setPen(pen);
    m_chart->addSeries(m_cursor);
    m_cursor->attachAxis(axisX);
    m_cursor->attachAxis(m_axisCount);
    for (QLegendMarker *marker : m_chart->legend()->markers(m_cursor))
        marker->setVisible(false);
    updateChartCursor();
}

void SimulationPanel::updateChartCursor()
{
    if (!m_cursor)
        return;
    const double x = m_logTime->isChecked() ? std::max(m_time, m_axisLogX->min()) : m_time;
    m_cursor->replace(QList<QPointF>{{x, m_axisCount->min()}, {x, m_axisCount->max()}});
}

void SimulationPanel::onLedgerRowChanged()
{
    const QModelIndex current = m_ledger->selectionModel()->currentIndex();
    std::optional<quint64> entry;
    if (current.isValid())
        entry = current.data(LedgerModel::EntryRole).value<quint64>();
    if (entry == m_picked)
        return;
    m_picked = entry;
    m_details->clear();
    if (m_run && entry) {
        QStringList lines;
        if (const core::sim::EntryRecord *e = m_run->entry(*entry)) {
            lines << tr("Entry %1 (event %2) on %3: %4%5.")
                         .arg(e->id)
                         .arg(e->eventId)
                         .arg(m_run->connectionText(e->connection), SimulationRun::fateText(e->fate),
                              e->where >= 0 ? tr(" at %1").arg(m_run->componentId(e->where)) : QString());
            if (e->receives > 0)
                lines.last() += QLatin1Char(' ') + tr("Received or attempted %1×.").arg(e->receives);
        }
        const QStringList history = m_run->history(*entry);
        lines << history;
        if (history.isEmpty())
            lines << tr("(no trace steps name this entry)");
        m_details->setPlainText(lines.join(QLatin1Char('\n')));
    }
    if (m_overlay)
        m_overlay->setHighlightedEntry(m_picked);
    emit entryPicked(m_picked);
}

bool SimulationPanel::pickEntry(quint64 entry)
{
    for (int row = 0; row < m_ledgerProxy->rowCount(); ++row) {
        const QModelIndex index = m_ledgerProxy->index(row, 0);
        if (index.data(LedgerModel::EntryRole).value<quint64>() == entry) {
            m_ledger->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_ledger->scrollTo(index);
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Playback

void SimulationPanel::setTime(double t)
{
    const double duration = m_run ? m_run->duration() : 0;
    m_time = std::clamp(t, 0.0, duration);
    updateTimeWidgets();
    if (m_overlay) {
        m_overlay->setTime(m_time);
        const int hidden = m_overlay->dotsNotDrawn();
        m_capLabel->setText(hidden > 0 ? tr("%1 of %2 moving events drawn")
                                             .arg(m_overlay->dots().size())
                                             .arg(qsizetype(m_overlay->dots().size()) + hidden)
                                       : QString());
    }
    updateChartCursor();
    emit timeChanged(m_time);
}

void SimulationPanel::updateTimeWidgets()
{
    const double duration = m_run ? m_run->duration() : 0;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(duration > 0 ? int(std::lround(m_time / duration * SliderSteps)) : 0);
    }
    m_timeLabel->setText(QStringLiteral("%1 / %2").arg(SimulationRun::clockText(m_time), SimulationRun::clockText(duration)));
}

void SimulationPanel::updatePlayButton()
{
    m_playButton->setIcon(isPlaying() ? m_pauseIcon : m_playIcon);
    m_playButton->setText(isPlaying() ? tr("&Pause") : tr("&Play"));
}

int SimulationPanel::speed() const
{
    return m_speedBox->currentData().toInt();
}

void SimulationPanel::setSpeed(int simulatedSecondsPerSecond)
{
    const int index = m_speedBox->findData(simulatedSecondsPerSecond);
    if (index >= 0)
        m_speedBox->setCurrentIndex(index);
    updateTravelTime();
}

void SimulationPanel::updateTravelTime()
{
    if (!m_overlay)
        return;
    // A fixed time on screen, but never more than a tenth of the run: at 10,000× a 600 s run
    // is over in a blink and dots that lasted 8,000 s would all be on screen at once.
    const double cap = m_run ? std::max(1.0, m_run->duration() / 10) : 60;
    m_overlay->setTravelTime(std::min(TravelWallSeconds * speed(), cap));
    m_overlay->setTime(m_time);
}

void SimulationPanel::play()
{
    if (!m_run || isPlaying())
        return;
    if (m_time >= m_run->duration())
        setTime(0);
    m_wall.start();
    m_tick.start();
    updatePlayButton();
    emit playingChanged(true);
}

void SimulationPanel::pause()
{
    if (!isPlaying())
        return;
    m_tick.stop();
    updatePlayButton();
    emit playingChanged(false);
}

void SimulationPanel::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void SimulationPanel::tick()
{
    if (!m_run) {
        pause();
        return;
    }
    const double elapsed = double(m_wall.restart()) / 1000;
    const double t = m_time + elapsed * speed();
    if (t >= m_run->duration()) {
        setTime(m_run->duration());
        pause();
        return;
    }
    setTime(t);
}

void SimulationPanel::stepForward()
{
    if (!m_run)
        return;
    pause();
    const int next = m_run->firstStepAfter(m_time);
    const auto &trace = m_run->result().trace;
    setTime(next < int(trace.size()) ? trace[size_t(next)].time : m_run->duration());
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/propertyeditors.h"

#include "ui/canvas/canvasstyle.h"
#include "ui/iconprovider.h"

#include <core/catalog/propertycheck.h>
#include <core/io/valuetext.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <cmath>
#include <limits>
#include <type_traits>

namespace ew::ui {

using core::PropertySpec;
using core::PropertyType;
using core::Value;

/// The red of problems (the frame and the line under an editor).
static QColor errorColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

/// The frame around an editor: a red outline while the value has a problem.
class FieldFrame final : public QWidget
{
public:
    explicit FieldFrame(QWidget *parent)
        : QWidget(parent)
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(2, 2, 2, 2);
        layout->setSpacing(0);
    }

    void setInvalid(bool invalid)
    {
        if (m_invalid == invalid)
            return;
        m_invalid = invalid;
        update();
    }
    bool isInvalid() const { return m_invalid; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        if (!m_invalid)
            return;
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(errorColor(), 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(rect()).adjusted(0.75, 0.75, -0.75, -0.75), 3, 3);
    }

private:
    bool m_invalid = false;
};

/// Text without a trailing unit, whole or partly typed ("30 s", "256 M" → "30", "256").
static QString withoutUnit(const QString &text, const QString &unit)
{
    const QString t = text.trimmed();
    for (qsizetype n = std::min(unit.size(), t.size()); n > 0; --n) {
        if (t.endsWith(QStringView(unit).left(n), Qt::CaseInsensitive))
            return t.left(t.size() - n).trimmed();
    }
    return t;
}

/// A spin box that shows its unit after the number and can show "not set": an empty field
/// with a placeholder (the catalog default). Wheel events only step it while it has focus, so
/// scrolling the panel does not change values.
///
/// Its range is what the type can hold, so a typed value reaches the model as typed (1000 s
/// for a Timeout of 1 to 900 s) and the validator says what is wrong with it; clamping is the
/// quick fix's business. The catalog's range is soft: the arrows, keys and wheel step within
/// it and stop at its ends, and from outside it they step back into it.
template <class Base, class T>
class UnitSpinBox final : public Base
{
public:
    explicit UnitSpinBox(const QString &unit, QWidget *parent = nullptr)
        : Base(parent)
        , m_unit(unit)
    {
        this->setKeyboardTracking(false);
        this->setAccelerated(true);
        this->setFocusPolicy(Qt::StrongFocus);
        QObject::connect(this->lineEdit(), &QLineEdit::textEdited, this, [this](const QString &t) {
            m_cleared = t.trimmed().isEmpty();
            m_unset = m_cleared;
        });
    }

    /// The range the arrows step within (the catalog's min and max).
    void setSoftRange(T minimum, T maximum)
    {
        m_softMin = minimum;
        m_softMax = std::max(minimum, maximum);
    }

    /// Empty, showing the placeholder (not set).
    bool isUnset() const { return m_unset; }
    /// The value changes through the arrows, keys or wheel (a continuous edit).
    bool isStepping() const { return m_stepping; }
    /// The user emptied the field (to remove the property).
    bool wasCleared() const { return m_cleared; }
    void forgetCleared() { m_cleared = false; }

    /// Shows value, or when nullopt an empty field with the placeholder; fallback is the value
    /// the arrows step from then.
    void display(std::optional<T> value, T fallback, const QString &placeholder)
    {
        m_unset = !value;
        m_cleared = false;
        this->lineEdit()->setPlaceholderText(placeholder);
        this->setValue(value ? *value : fallback);
        this->setSuffix(QString()); // redraws the text, which depends on m_unset
    }

protected:
    QString textFromValue(T v) const override
    {
        if (m_unset)
            return {};
        QString t;
        if constexpr (std::is_same_v<T, double>) {
            t = this->locale().toString(v, 'f', this->decimals());
            t.remove(this->locale().groupSeparator());
            const QString point = this->locale().decimalPoint();
            if (t.contains(point)) {
                while (t.endsWith(u'0'))
                    t.chop(1);
                if (t.endsWith(point))
                    t.chop(point.size());
            }
        } else {
            t = Base::textFromValue(v);
        }
        return m_unit.isEmpty() ? t : t + u' ' + m_unit;
    }

    T valueFromText(const QString &text) const override
    {
        return Base::valueFromText(withoutUnit(text, m_unit));
    }

    QValidator::State validate(QString &input, int &pos) const override
    {
        QString number = withoutUnit(input, m_unit);
        if (number.isEmpty())
            return QValidator::Intermediate;
        int p = std::min(pos, int(number.size()));
        return Base::validate(number, p);
    }

    typename Base::StepEnabled stepEnabled() const override
    {
        typename Base::StepEnabled enabled = Base::StepNone;
        if (this->isReadOnly())
            return enabled;
        const T v = this->value();
        if (v < std::min(m_softMax, this->maximum()))
            enabled |= Base::StepUpEnabled;
        if (v > std::max(m_softMin, this->minimum()))
            enabled |= Base::StepDownEnabled;
        return enabled;
    }

    void stepBy(int steps) override
    {
        m_unset = false;
        m_cleared = false;
        m_stepping = true;
        this->interpretText(); // steps from the text typed, as QAbstractSpinBox::stepBy does
        const T from = this->value();
        const double wanted = double(from) + double(steps) * double(this->singleStep());
        T to = T(std::clamp(wanted, double(std::max(m_softMin, this->minimum())),
                            double(std::min(m_softMax, this->maximum()))));
        if ((steps > 0 && to < from) || (steps < 0 && to > from))
            to = from; // never against the arrow pressed (from a typed value beyond the range)
        this->setValue(to);
        m_stepping = false;
        if (this->style()->styleHint(QStyle::SH_SpinBox_SelectOnStep, nullptr, this, nullptr))
            this->selectAll();
    }

    void wheelEvent(QWheelEvent *event) override
    {
        if (this->hasFocus())
            Base::wheelEvent(event);
        else
            event->ignore();
    }

private:
    QString m_unit;
    T m_softMin = std::numeric_limits<T>::lowest();
    T m_softMax = std::numeric_limits<T>::max();
    bool m_unset = false;
    bool m_cleared = false;
    bool m_stepping = false;
};

using IntSpinBox = UnitSpinBox<QSpinBox, int>;
using NumberSpinBox = UnitSpinBox<QDoubleSpinBox, double>;

/// A combo box that ignores the wheel unless it has focus (the panel scrolls instead).
class ChoiceBox final : public QComboBox
{
public:
    explicit ChoiceBox(QWidget *parent)
        : QComboBox(parent)
    {
        setFocusPolicy(Qt::StrongFocus);
        setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        setMinimumContentsLength(8);
    }

protected:
    void wheelEvent(QWheelEvent *event) override
    {
        if (hasFocus())
            QComboBox::wheelEvent(event);
        else
            event->ignore();
    }
};

static void fitHeight(QPlainTextEdit *edit, int minLines, int maxLines)
{
    const int lines = std::clamp(edit->document()->blockCount() + 1, minLines, maxLines);
    const int margins = int(2 * edit->document()->documentMargin()) + 2 * edit->frameWidth()
                        + edit->contentsMargins().top() + edit->contentsMargins().bottom();
    edit->setFixedHeight(lines * edit->fontMetrics().lineSpacing() + margins);
}

static void setGreyed(QWidget *w, bool greyed)
{
    if (!greyed) {
        w->setPalette(QPalette());
        return;
    }
    QPalette pal = w->palette();
    const QColor grey = pal.color(QPalette::PlaceholderText);
    pal.setColor(QPalette::WindowText, grey);
    pal.setColor(QPalette::ButtonText, grey);
    pal.setColor(QPalette::Text, grey);
    w->setPalette(pal);
}

/// "↺": an arrow turning back, drawn in the palette's colours (greyed while disabled).
static QIcon resetIcon(const QPalette &palette)
{
    QIcon icon;
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    for (const auto &[mode, color] : {std::pair{QIcon::Normal, palette.color(QPalette::ButtonText)},
                                      std::pair{QIcon::Disabled, disabled}}) {
        for (const int size : {14, 28, 42}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            const qreal u = size / 14.0;
            p.setPen(QPen(color, 1.4 * u, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            // Counter-clockwise from the left round to the top, open at the upper left.
            const QPointF centre(7 * u, 7.5 * u);
            const qreal r = 4.5 * u;
            p.drawArc(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), 170 * 16, 290 * 16);
            const QPointF tip(centre.x() - 0.17 * r, centre.y() - 0.98 * r);
            QPainterPath head;
            head.moveTo(tip + QPointF(2.2 * u, -2.0 * u));
            head.lineTo(tip);
            head.lineTo(tip + QPointF(2.2 * u, 2.0 * u));
            p.drawPath(head);
            p.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

/// The height of a one-line field in its frame, to align the reset button with it.
static int lineFieldHeight()
{
    static const int height = QLineEdit().sizeHint().height() + 4;
    return height;
}

static QString defaultHint(const PropertySpec &spec)
{
    if (!spec.defaultValue)
        return PropertyRow::tr("not set");
    return PropertyRow::tr("%1 (default)").arg(PropertyRow::valueHint(spec, *spec.defaultValue));
}

// --- PropertyRow ----------------------------------------------------------------------------

PropertyRow::PropertyRow(const PropertySpec &propertySpec, PropertyApply applyEdit,
                         QWidget *parent)
    : QWidget(parent)
    , m_spec(propertySpec)
    , m_apply(std::move(applyEdit))
{
    const PropertySpec &spec = m_spec;
    m_label = new QLabel(spec.required ? spec.name + QStringLiteral(" *") : spec.name, parent);
    m_label->setToolTip(toolTip(spec));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    auto *line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->setSpacing(2);
    m_frame = new FieldFrame(this);
    line->addWidget(m_frame, 1);
    layout->addLayout(line);

    m_reset = new QToolButton(this);
    m_reset->setObjectName(QStringLiteral("reset_") + spec.name);
    m_reset->setAutoRaise(true);
    m_reset->setIcon(resetIcon(palette()));
    m_reset->setIconSize(QSize(14, 14));
    m_reset->setFixedHeight(lineFieldHeight());
    m_reset->setToolTip(spec.defaultValue
                            ? tr("Reset: remove %1, so the default %2 applies")
                                  .arg(spec.name, valueHint(spec, *spec.defaultValue))
                            : tr("Reset: remove %1 (not set)").arg(spec.name));
    m_reset->setAccessibleName(tr("Reset %1").arg(spec.name));
    m_reset->setEnabled(false);
    line->addWidget(m_reset, 0, Qt::AlignTop);
    connect(m_reset, &QToolButton::clicked, this, [this] {
        if (m_reset->hasFocus() && m_editor)
            m_editor->setFocus(); // the button is disabled next
        apply(std::nullopt, false);
        m_showing = true;
        showValue(nullptr);
        m_showing = false;
        m_shown = std::nullopt;
        updateState();
    });

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem_") + spec.name);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_problem->palette();
    pal.setColor(QPalette::WindowText, errorColor());
    m_problem->setPalette(pal);
    QFont small = m_problem->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_problem->setFont(small);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_diagnosticsLabel = new QLabel(this);
    m_diagnosticsLabel->setObjectName(QStringLiteral("diagnostics_") + spec.name);
    m_diagnosticsLabel->setWordWrap(true);
    m_diagnosticsLabel->setTextFormat(Qt::PlainText);
    m_diagnosticsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_diagnosticsLabel->setFont(small);
    m_diagnosticsLabel->hide();
    layout->addWidget(m_diagnosticsLabel);
}

void PropertyRow::setEditor(QWidget *editor)
{
    m_editor = editor;
    editor->setObjectName(QStringLiteral("prop_") + m_spec.name);
    editor->setToolTip(toolTip(m_spec));
    editor->setAccessibleName(m_spec.name);
    editor->setAccessibleDescription(m_spec.summary);
    editor->setMinimumWidth(60);
    m_frame->layout()->addWidget(editor);
    // Keep the reset button after the editor in the Tab chain.
    setTabOrder(editor, m_reset);
    m_label->setBuddy(editor);
}

void PropertyRow::setValue(const Value *value)
{
    m_model = value ? std::optional<Value>(*value) : std::nullopt;
    if (!m_applying && (!m_everShown || m_shown != m_model)) {
        m_inputError.clear();
        m_showing = true;
        showValue(value);
        m_showing = false;
        m_shown = m_model;
        m_everShown = true;
    }
    updateState();
}

void PropertyRow::reshow()
{
    m_everShown = false;
    setValue(m_model ? &*m_model : nullptr);
}

void PropertyRow::apply(const std::optional<Value> &value, bool merge)
{
    if (m_showing || m_applying)
        return;
    m_shown = value;
    m_applying = true;
    m_apply(value, merge);
    m_applying = false;
    updateState();
}

void PropertyRow::setInputError(const QString &message)
{
    if (m_inputError == message)
        return;
    m_inputError = message;
    updateState();
}

QString PropertyRow::extraProblem(const Value &) const
{
    return {};
}

void PropertyRow::updateState()
{
    m_reset->setEnabled(m_model.has_value());
    QString problem = m_inputError;
    if (problem.isEmpty() && m_model) {
        problem = core::checkPropertyValue(m_spec, *m_model).message;
        if (problem.isEmpty())
            problem = extraProblem(*m_model);
    }
    // The validator's finding names the rule and quotes the value; the short local reason
    // under it would only repeat it. A text being typed has no finding yet: its error shows.
    bool repeated = false;
    bool error = false;
    for (const core::Diagnostic &d : std::as_const(m_diagnostics)) {
        repeated = repeated || (!problem.isEmpty() && d.message.contains(problem));
        error = error || d.severity == core::Severity::Error;
    }
    if (!m_inputError.isEmpty())
        repeated = false;
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty() && !repeated);
    m_frame->setInvalid(!problem.isEmpty() || error);
}

void PropertyRow::setDiagnostics(const QList<core::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    showDiagnostics(m_diagnosticsLabel, diagnostics);
    updateState();
}

void PropertyRow::showDiagnostics(QLabel *label, const QList<core::Diagnostic> &diagnostics)
{
    QStringList lines;
    QStringList fixes;
    core::Severity worst = core::Severity::Info;
    for (const core::Diagnostic &d : diagnostics) {
        const QChar mark = d.severity == core::Severity::Error     ? QChar(0x2716)  // ✖
                           : d.severity == core::Severity::Warning ? QChar(0x26A0)  // ⚠
                                                                   : QChar(0x2139); // ℹ
        lines << QStringLiteral("%1 %2  %3").arg(mark).arg(d.rule, d.message);
        if (!d.fix.isEmpty())
            fixes << QStringLiteral("%1: %2").arg(d.rule, d.fix);
        if (d.severity == core::Severity::Error)
            worst = core::Severity::Error;
        else if (d.severity == core::Severity::Warning && worst != core::Severity::Error)
            worst = core::Severity::Warning;
    }
    label->setText(lines.join(u'\n'));
    label->setToolTip(fixes.join(u'\n'));
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, CanvasStyle::severityColor(worst));
    label->setPalette(pal);
    label->setVisible(!diagnostics.isEmpty());
}

bool PropertyRow::hasProblem() const
{
    return m_frame->isInvalid();
}

QString PropertyRow::problem() const
{
    return m_problem->text();
}

QString PropertyRow::valueHint(const PropertySpec &spec, const Value &value)
{
    if (value.isScalar())
        return spec.unit.isEmpty() ? value.text() : value.text() + u' ' + spec.unit;
    if (value.isList()) {
        QStringList items;
        for (const Value &item : value.items())
            items << (item.isScalar() ? item.text() : item.display());
        return items.join(QStringLiteral(", "));
    }
    return value.display();
}

QString PropertyRow::toolTip(const PropertySpec &spec)
{
    QString type = core::toString(spec.type);
    if (spec.type == PropertyType::List && !spec.items.isEmpty())
        type = tr("list of %1").arg(spec.items);
    if (!spec.unit.isEmpty())
        type += QStringLiteral(", ") + spec.unit;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> <i>%2</i>").arg(spec.name.toHtmlEscaped(), type.toHtmlEscaped());
    if (!spec.summary.isEmpty())
        lines << spec.summary.toHtmlEscaped();
    if (!spec.choices.isEmpty())
        lines << tr("Choices: %1").arg(spec.choices.join(QStringLiteral(", "))).toHtmlEscaped();
    else if (const QString range = core::describeRange(spec); !range.isEmpty())
        lines << tr("Range: %1").arg(range).toHtmlEscaped();
    if (spec.minItems)
        lines << tr("At least %1 item(s)").arg(*spec.minItems);
    if (spec.maxItems)
        lines << tr("At most %1 item(s)").arg(*spec.maxItems);
    if (spec.maxLength)
        lines << tr("At most %1 characters").arg(*spec.maxLength);
    if (!spec.pattern.isEmpty())
        lines << tr("Form: %1").arg(spec.pattern).toHtmlEscaped();
    if (spec.type == PropertyType::Component && !spec.kinds.isEmpty())
        lines << tr("Names a component of kind: %1").arg(spec.kinds.join(QStringLiteral(", ")));
    if (spec.defaultValue)
        lines << tr("Default: %1").arg(valueHint(spec, *spec.defaultValue)).toHtmlEscaped();
    if (spec.required)
        lines << tr("Required");
    if (!spec.doc.isEmpty())
        lines << tr("AWS docs: %1").arg(spec.doc).toHtmlEscaped();
    return QStringLiteral("<p>") + lines.join(QStringLiteral("<br/>")) + QStringLiteral("</p>");
}

// --- Rows per type --------------------------------------------------------------------------

/// integer → QSpinBox for any int, stepping within the spec's range; with the spec's unit.
class IntegerRow final : public PropertyRow
{
public:
    IntegerRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        constexpr double intMin = std::numeric_limits<int>::min();
        constexpr double intMax = std::numeric_limits<int>::max();
        m_min = spec().min ? int(std::clamp(std::ceil(*spec().min), intMin, intMax)) : int(intMin);
        m_max = spec().max ? int(std::clamp(std::floor(*spec().max), intMin, intMax)) : int(intMax);
        m_spin = new IntSpinBox(spec().unit, this);
        m_spin->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
        m_spin->setSoftRange(m_min, m_max);
        setEditor(m_spin);
        connect(m_spin, &QSpinBox::valueChanged, this, [this](int v) {
            apply(Value::integer(v), m_spin->isStepping());
        });
        connect(m_spin, &QAbstractSpinBox::editingFinished, this, [this] { commit(); });
    }

protected:
    void showValue(const Value *value) override
    {
        // An out-of-range value is shown as it is (the problem line says why); one beyond
        // what the field holds is shown as the placeholder.
        std::optional<qint64> v = value ? value->toInteger() : std::nullopt;
        if (v && (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()))
            v.reset();
        std::optional<qint64> d = spec().defaultValue ? spec().defaultValue->toInteger()
                                                      : std::nullopt;
        const int fallback = int(std::clamp<qint64>(d ? *d : 0, m_min, m_max));
        const QString placeholder = value && !v ? value->display() : defaultHint(spec());
        m_spin->display(v ? std::optional<int>(int(*v)) : std::nullopt, fallback, placeholder);
    }

private:
    void commit()
    {
        if (m_spin->wasCleared()) {
            m_spin->forgetCleared();
            if (modelValue())
                apply(std::nullopt, false);
            return;
        }
        if (m_spin->isUnset())
            return;
        const std::optional<qint64> current = modelValue() ? modelValue()->toInteger()
                                                           : std::nullopt;
        if (!current || *current != m_spin->value())
            apply(Value::integer(m_spin->value()), false);
    }

    IntSpinBox *m_spin = nullptr;
    int m_min = 0;
    int m_max = 0;
};

/// number → QDoubleSpinBox for any number up to ±Wide, stepping within the spec's range.
class NumberRow final : public PropertyRow
{
public:
    static constexpr double Wide = 1e12;
    static constexpr int Decimals = 3;

    NumberRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        m_min = spec().min.value_or(-Wide);
        m_max = spec().max.value_or(Wide);
        m_spin = new NumberSpinBox(spec().unit, this);
        m_spin->setDecimals(Decimals);
        m_spin->setRange(std::min(-Wide, m_min), std::max(Wide, m_max));
        m_spin->setSoftRange(m_min, m_max);
        setEditor(m_spin);
        connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
            apply(Value::number(v), m_spin->isStepping());
        });
        connect(m_spin, &QAbstractSpinBox::editingFinished, this, [this] { commit(); });
    }

protected:
    void showValue(const Value *value) override
    {
        // As for integers: out of range shown as it is, beyond what the field holds as the
        // placeholder (so leaving the field does not write a clamped value).
        std::optional<double> v = value ? value->toNumber() : std::nullopt;
        if (v && (!std::isfinite(*v) || *v < m_spin->minimum() || *v > m_spin->maximum()))
            v.reset();
        std::optional<double> d = spec().defaultValue ? spec().defaultValue->toNumber()
                                                      : std::nullopt;
        const double fallback = std::clamp(d ? *d : 0.0, m_min, std::max(m_min, m_max));
        const QString placeholder = value && !v ? value->display() : defaultHint(spec());
        m_spin->display(v, fallback, placeholder);
    }

private:
    void commit()
    {
        if (m_spin->wasCleared()) {
            m_spin->forgetCleared();
            if (modelValue())
                apply(std::nullopt, false);
            return;
        }
        if (m_spin->isUnset())
            return;
        const std::optional<double> current = modelValue() ? modelValue()->toNumber()
                                                           : std::nullopt;
        const double shown = m_spin->value();
        // The field shows Decimals places: a longer model value that rounds to it is kept.
        if (!current || std::abs(*current - shown) >= 0.5 * std::pow(10.0, -Decimals))
            apply(Value::number(shown), false);
    }

    NumberSpinBox *m_spin = nullptr;
    double m_min = 0;
    double m_max = 0;
};

/// boolean → QCheckBox; not set shows the default, greyed.
class BooleanRow final : public PropertyRow
{
public:
    BooleanRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        m_check = new QCheckBox(this);
        setEditor(m_check);
        connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
            apply(Value::boolean(on), false);
            m_check->setText(QString());
            setGreyed(m_check, false);
        });
    }

protected:
    void showValue(const Value *value) override
    {
        const std::optional<bool> v = value ? value->toBool() : std::nullopt;
        const std::optional<bool> d = spec().defaultValue ? spec().defaultValue->toBool()
                                                          : std::nullopt;
        m_check->setChecked(v ? *v : d.value_or(false));
        if (v)
            m_check->setText(QString());
        else if (value)
            m_check->setText(value->display());
        else
            m_check->setText(d ? tr("(default)") : tr("(not set)"));
        setGreyed(m_check, !v);
    }

private:
    QCheckBox *m_check = nullptr;
};

/// enum → QComboBox of the choices; not set shows the default as placeholder.
class EnumRow final : public PropertyRow
{
public:
    EnumRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        m_combo = new ChoiceBox(this);
        m_combo->addItems(spec().choices);
        m_combo->setPlaceholderText(defaultHint(spec()));
        setEditor(m_combo);
        connect(m_combo, &QComboBox::currentIndexChanged, this, [this](int i) {
            if (i >= 0 && i < spec().choices.size())
                apply(Value::string(spec().choices.at(i)), false);
        });
    }

protected:
    void showValue(const Value *value) override
    {
        while (m_combo->count() > spec().choices.size())
            m_combo->removeItem(m_combo->count() - 1);
        if (!value) {
            m_combo->setCurrentIndex(-1);
            return;
        }
        int i = value->isScalar() ? int(spec().choices.indexOf(value->text())) : -1;
        if (i < 0) { // a value outside the choices is shown as it is
            m_combo->addItem(value->display());
            i = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(i);
    }

private:
    QComboBox *m_combo = nullptr;
};

/// string → QLineEdit; typing merges into one undo step; empty removes the property.
class StringRow final : public PropertyRow
{
public:
    StringRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        m_edit = new QLineEdit(this);
        if (spec().defaultValue)
            m_edit->setPlaceholderText(defaultHint(spec()));
        else if (!spec().pattern.isEmpty())
            m_edit->setPlaceholderText(spec().pattern);
        if (!spec().suggestions.isEmpty()) {
            // Offered while typing (e.g. the current runtimes); any other text stays allowed.
            auto *completer = new QCompleter(spec().suggestions, m_edit);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            completer->setFilterMode(Qt::MatchContains);
            m_edit->setCompleter(completer);
            connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
                    [this](const QString &text) { apply(std::optional<Value>(Value::string(text)), true); });
        }
        setEditor(m_edit);
        connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
            apply(text.isEmpty() ? std::nullopt : std::optional<Value>(Value::string(text)),
                  true);
        });
    }

protected:
    void showValue(const Value *value) override
    {
        m_edit->setText(!value ? QString() : value->isScalar() ? value->text() : value->display());
        if (!m_edit->hasFocus())
            m_edit->setCursorPosition(0); // the start of a long text

    }

private:
    QLineEdit *m_edit = nullptr;
};

/// component → QComboBox of the ids of components of the allowed kinds, plus "(none)".
class ComponentRow final : public PropertyRow
{
public:
    ComponentRow(const PropertySpec &propertySpec, const core::Diagram &diagram,
                 const core::Catalog &catalog, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
        , m_diagram(diagram)
        , m_catalog(catalog)
    {
        m_combo = new ChoiceBox(this);
        setEditor(m_combo);
        fillChoices();
        connect(m_combo, &QComboBox::currentIndexChanged, this, [this](int i) {
            if (i < 0 || i >= m_choiceCount)
                return;
            const QString id = m_combo->itemData(i).toString();
            apply(id.isEmpty() ? std::nullopt : std::optional<Value>(Value::string(id)), false);
        });
    }

    void updateChoices() override
    {
        fillChoices();
        reshow();
    }

protected:
    void showValue(const Value *value) override
    {
        while (m_combo->count() > m_choiceCount)
            m_combo->removeItem(m_combo->count() - 1);
        if (!value) {
            m_combo->setCurrentIndex(0);
            return;
        }
        int i = value->isScalar() && !value->text().isEmpty()
                    ? m_combo->findData(value->text())
                    : -1;
        if (i < 0) {
            m_combo->addItem(value->display());
            i = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(i);
    }

    QString extraProblem(const Value &value) const override
    {
        const core::Component *c = m_diagram.component(value.text());
        if (!c)
            return tr("names no component of this diagram");
        if (!spec().kinds.contains(c->kind)) {
            QStringList names;
            for (const QString &k : spec().kinds)
                names << kindName(k);
            return tr("%1 is a %2; it must be one of: %3")
                .arg(c->id, kindName(c->kind), names.join(QStringLiteral(", ")));
        }
        return {};
    }

private:
    QString kindName(const QString &kind) const
    {
        const core::KindSpec *k = m_catalog.kind(kind);
        return k ? k->name : kind;
    }

    void fillChoices()
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->clear();
        m_combo->addItem(tr("(none)"), QString());
        for (const core::Component &c : m_diagram.components()) {
            if (!spec().kinds.contains(c.kind))
                continue;
            m_combo->addItem(IconProvider::icon(c.kind), c.id, c.id);
            m_combo->setItemData(m_combo->count() - 1,
                                 QStringLiteral("%1 (%2)").arg(c.displayName(), kindName(c.kind)),
                                 Qt::ToolTipRole);
        }
        m_choiceCount = m_combo->count();
    }

    const core::Diagram &m_diagram;
    const core::Catalog &m_catalog;
    ChoiceBox *m_combo = nullptr;
    int m_choiceCount = 0;
};

/// list of enum → one check box per choice; with max-items 1 they exclude each other.
class EnumListRow final : public PropertyRow
{
public:
    EnumListRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(2, 2, 2, 2);
        layout->setSpacing(2);
        for (int i = 0; i < spec().choices.size(); ++i) {
            auto *check = new QCheckBox(spec().choices.at(i), box);
            check->setObjectName(QStringLiteral("prop_%1_%2").arg(spec().name, spec().choices.at(i)));
            check->setToolTip(toolTip(spec()));
            layout->addWidget(check);
            m_checks.push_back(check);
            connect(check, &QCheckBox::toggled, this, [this, i](bool on) { toggled(i, on); });
        }
        box->setFocusProxy(m_checks.empty() ? nullptr : m_checks.front());
        setEditor(box);
        if (!m_checks.empty())
            setTabOrder(m_checks.back(), resetButton());
    }

protected:
    void showValue(const Value *value) override
    {
        QStringList on;
        m_others.clear();
        const Value *shown = value ? value : spec().defaultValue ? &*spec().defaultValue : nullptr;
        if (shown && shown->isList()) {
            for (const Value &item : shown->items()) {
                if (item.isScalar() && spec().choices.contains(item.text()))
                    on << item.text();
                else if (value)
                    m_others.push_back(item); // kept when the user toggles a choice
            }
        }
        for (size_t i = 0; i < m_checks.size(); ++i) {
            const QSignalBlocker blocker(m_checks[i]);
            m_checks[i]->setChecked(on.contains(spec().choices.at(int(i))));
            setGreyed(m_checks[i], !value);
        }
    }

private:
    void toggled(int index, bool on)
    {
        if (on && spec().maxItems == 1) {
            for (size_t i = 0; i < m_checks.size(); ++i) {
                const QSignalBlocker blocker(m_checks[i]);
                if (int(i) != index)
                    m_checks[i]->setChecked(false);
            }
        }
        std::vector<Value> items;
        for (size_t i = 0; i < m_checks.size(); ++i) {
            if (m_checks[i]->isChecked())
                items.push_back(Value::string(spec().choices.at(int(i))));
        }
        if (items.empty() && m_others.empty() && spec().minItems.value_or(0) >= 1) {
            // At least one is needed: unchecking the last one is refused.
            const QSignalBlocker blocker(m_checks[size_t(index)]);
            m_checks[size_t(index)]->setChecked(true);
            return;
        }
        for (QCheckBox *check : m_checks)
            setGreyed(check, false);
        items.insert(items.end(), m_others.begin(), m_others.end());
        if (items.empty()) {
            apply(std::nullopt, false);
            reshow(); // the default, greyed
        } else {
            apply(Value::list(std::move(items)), false);
        }
    }

    std::vector<QCheckBox *> m_checks;
    std::vector<Value> m_others;
};

/// A QPlainTextEdit for the panel: Tab moves the focus; the height follows the text.
static QPlainTextEdit *newTextEdit(QWidget *parent, bool monospace)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    if (monospace)
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fitHeight(edit, 3, 12);
    QObject::connect(edit, &QPlainTextEdit::blockCountChanged, edit,
                     [edit] { fitHeight(edit, 3, 12); });
    return edit;
}

/// list of string → one item per line.
class StringListRow final : public PropertyRow
{
public:
    StringListRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        m_edit = newTextEdit(this, false);
        m_edit->setPlaceholderText(spec().defaultValue
                                       ? tr("One per line; default: %1")
                                             .arg(valueHint(spec(), *spec().defaultValue))
                                       : tr("One per line"));
        setEditor(m_edit);
        connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
            std::vector<Value> items;
            const QStringList lines = m_edit->toPlainText().split(u'\n');
            for (const QString &line : lines) {
                if (!line.trimmed().isEmpty())
                    items.push_back(Value::string(line.trimmed()));
            }
            apply(items.empty() ? std::nullopt : std::optional<Value>(Value::list(std::move(items))),
                  true);
        });
    }

protected:
    void showValue(const Value *value) override
    {
        QString text;
        if (value && value->isList()) {
            QStringList lines;
            for (const Value &item : value->items())
                lines << (item.isScalar() ? item.text() : item.display());
            text = lines.join(u'\n');
        } else if (value) {
            text = value->display();
        }
        m_edit->setPlainText(text);
    }

private:
    QPlainTextEdit *m_edit = nullptr;
};

/// map and list of map → YAML text; applied only while it parses to the right shape.
class YamlRow final : public PropertyRow
{
public:
    YamlRow(const PropertySpec &propertySpec, PropertyApply applyEdit, QWidget *parent)
        : PropertyRow(propertySpec, std::move(applyEdit), parent)
    {
        m_edit = newTextEdit(this, true);
        if (spec().type == PropertyType::Map)
            m_edit->setPlaceholderText(tr("YAML mapping, e.g.\nNAME: value"));
        else
            m_edit->setPlaceholderText(tr("YAML list, e.g.\n- body:\n    status: [new]"));
        setEditor(m_edit);
        connect(m_edit, &QPlainTextEdit::textChanged, this, [this] { parse(); });
    }

protected:
    void showValue(const Value *value) override
    {
        QString text = value ? core::valueToYamlText(*value) : QString();
        if (text.endsWith(u'\n'))
            text.chop(1);
        m_edit->setPlainText(text);
    }

private:
    void parse()
    {
        const QString text = m_edit->toPlainText();
        if (text.trimmed().isEmpty()) {
            setInputError(QString());
            apply(std::nullopt, true);
            return;
        }
        QString error;
        const std::optional<Value> value = core::valueFromYamlText(text, &error);
        if (!value) {
            setInputError(error);
            return;
        }
        const core::PropertyProblem problem = core::checkPropertyValue(spec(), *value);
        if (problem.kind == core::PropertyProblem::IllTyped) {
            setInputError(problem.message);
            return;
        }
        setInputError(QString());
        apply(*value, true);
    }

    QPlainTextEdit *m_edit = nullptr;
};

PropertyRow *PropertyRow::create(const PropertySpec &spec, const core::Diagram &diagram,
                                 const core::Catalog &catalog, PropertyApply apply,
                                 QWidget *parent)
{
    switch (spec.type) {
    case PropertyType::Integer:
        return new IntegerRow(spec, std::move(apply), parent);
    case PropertyType::Number:
        return new NumberRow(spec, std::move(apply), parent);
    case PropertyType::Boolean:
        return new BooleanRow(spec, std::move(apply), parent);
    case PropertyType::Enum:
        return new EnumRow(spec, std::move(apply), parent);
    case PropertyType::String:
        return new StringRow(spec, std::move(apply), parent);
    case PropertyType::Component:
        return new ComponentRow(spec, diagram, catalog, std::move(apply), parent);
    case PropertyType::List:
        if (spec.items == u"enum")
            return new EnumListRow(spec, std::move(apply), parent);
        if (spec.items == u"string")
            return new StringListRow(spec, std::move(apply), parent);
        return new YamlRow(spec, std::move(apply), parent);
    case PropertyType::Map:
        return new YamlRow(spec, std::move(apply), parent);
    }
    return new YamlRow(spec, std::move(apply), parent);
}

} // namespace ew::ui

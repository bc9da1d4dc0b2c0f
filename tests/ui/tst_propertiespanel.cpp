// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <ui/panels/propertiespanel.h>
#include <ui/panels/propertyeditors.h>
#include <ui/panels/workloadeditor.h>

#include <core/catalog/catalog.h>
#include <core/editing/diagrameditor.h>
#include <core/io/projectserializer.h>
#include <core/model/diagram.h>
#include <core/validation/validator.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <limits>
#include <memory>

using namespace ew;
using core::Value;

class TestPropertiesPanel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyPanel();
    void componentHeaderAndRows();
    void timeoutSpinBoxIsOneUndoStep();
    void spinArrowsMerge();
    void clearingSpinBoxRemovesProperty();
    void typingInOneFieldMerges();
    void twoFieldsDoNotMerge();
    void typingKeepsCursorAndWidgets();
    void tabVisitsFieldsInOrder();
    void switchingCommitsPendingSpinText();
    void externalChangeUpdatesInPlace();
    void labelRenames();
    void booleanCheckBox();
    void resetButtonRemovesProperty();
    void enumComboBox();
    void enumListIsExclusiveWithMaxOneItem();
    void stringList();
    void invalidStringShowsReason();
    void outOfRangeValueIsShownAsItIs();
    void typedOutOfRangeValueReachesModel();
    void arrowsStopAtCatalogRange();
    void diagnosticsGoToTheirRowOrTheTop();
    void mapEditorAppliesOnlyParsingYaml();
    void triggerConnection();
    void connectionListOfMaps();
    void onFailureListsQueuesTopicsBuckets();
    void unknownPropertiesAreReadOnly();
    void removingShownComponentClears();
    void removingShownConnectionClears();
    void diagramResetKeepsComponent();
    void simulationGroupOfAFunction();
    void simulationGroupOfASource();
    void simulationValuesAreChecked();
    void simulationRunWithNothingSelected();
    void simulationGroupFollowsConnectionsAndUndo();
    void screenshots();

private:
    QString componentProperty(const QString &id, const QString &name) const;
    QString connectionProperty(core::ConnectionId id, const QString &name) const;
    core::ConnectionId connectionId(const QString &from, const QString &to,
                                    const QString &role) const;
    template <class T> T *field(const QString &name) const
    {
        return m_panel->findChild<T *>(QStringLiteral("prop_") + name);
    }
    QToolButton *resetButton(const QString &name) const
    {
        return m_panel->findChild<QToolButton *>(QStringLiteral("reset_") + name);
    }
    QLabel *problemLabel(const QString &name) const
    {
        return m_panel->findChild<QLabel *>(QStringLiteral("problem_") + name);
    }
    QLabel *diagnosticsLabel(const QString &name) const
    {
        return m_panel->findChild<QLabel *>(QStringLiteral("diagnostics_") + name);
    }
    int undoCount() const { return m_editor->undoStack()->count(); }
    /// What MainWindow does after each change: the whole project validated, given to the panel.
    QList<core::Diagnostic> revalidate()
    {
        const QList<core::Diagnostic> diagnostics
            = core::Validator::validate(m_diagram->data(), core::Catalog::builtin());
        m_panel->setDiagnostics(diagnostics);
        return diagnostics;
    }

    std::unique_ptr<core::Diagram> m_diagram;
    std::unique_ptr<editing::DiagramEditor> m_editor;
    std::unique_ptr<ui::PropertiesPanel> m_panel;
};

static QString shown(const Value *v)
{
    return v ? v->display() : QStringLiteral("<unset>");
}

void TestPropertiesPanel::init()
{
    const core::ProjectLoadResult loaded = core::ProjectSerializer::loadFile(
        QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
    m_diagram = std::make_unique<core::Diagram>();
    m_diagram->reset(*loaded.data);
    m_editor = std::make_unique<editing::DiagramEditor>(*m_diagram, core::Catalog::builtin());
    m_panel = std::make_unique<ui::PropertiesPanel>(*m_editor);
    m_panel->resize(340, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QApplication::setActiveWindow(m_panel.get());
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
}

void TestPropertiesPanel::cleanup()
{
    m_panel.reset();
    m_editor.reset();
    m_diagram.reset();
}

QString TestPropertiesPanel::componentProperty(const QString &id, const QString &name) const
{
    const core::Component *c = m_diagram->component(id);
    return c ? shown(c->properties.find(name)) : QStringLiteral("<no component>");
}

QString TestPropertiesPanel::connectionProperty(core::ConnectionId id, const QString &name) const
{
    const core::Connection *c = m_diagram->connection(id);
    return c ? shown(c->properties.find(name)) : QStringLiteral("<no connection>");
}

core::ConnectionId TestPropertiesPanel::connectionId(const QString &from, const QString &to,
                                                     const QString &role) const
{
    for (const core::Connection &c : m_diagram->connections()) {
        if (c.from == from && c.to == to && c.role == role)
            return c.id;
    }
    return 0;
}

void TestPropertiesPanel::emptyPanel()
{
    QVERIFY(m_panel->isEmpty());
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("emptyHint")));
    QVERIFY(!field<QWidget>(QStringLiteral("label")));
    m_panel->showComponent(QStringLiteral("no-such-component"));
    QVERIFY(m_panel->isEmpty());
}

void TestPropertiesPanel::componentHeaderAndRows()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    QCOMPARE(m_panel->componentId(), QStringLiteral("process-orders"));
    auto *title = m_panel->findChild<QLabel *>(QStringLiteral("headerTitle"));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("Lambda function"));
    auto *subtitle = m_panel->findChild<QLabel *>(QStringLiteral("headerSubtitle"));
    QVERIFY(subtitle);
    QVERIFY(subtitle->text().contains(QStringLiteral("process-orders")));
    QVERIFY(subtitle->text().contains(
        QStringLiteral("href=\"https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html\"")));
    QVERIFY(subtitle->text().contains(QStringLiteral("AWS docs")));

    auto *label = field<QLineEdit>(QStringLiteral("label"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Process orders"));

    // One row per catalog property, in catalog order, each with the spec's editor type.
    const core::KindSpec *kind = core::Catalog::builtin().kind(QStringLiteral("lambda-function"));
    QVERIFY(kind);
    QStringList expected;
    for (const core::PropertySpec &spec : kind->properties)
        expected << QStringLiteral("prop_") + spec.name;
    QStringList actual;
    QWidget *w = label;
    for (int i = 0; i < 200 && w; ++i) {
        w = w->nextInFocusChain();
        if (w == label)
            break;
        const QString name = w->objectName();
        if (name.startsWith(QStringLiteral("prop_")) && expected.contains(name)
            && !actual.contains(name))
            actual << name;
    }
    QCOMPARE(actual, expected); // also: Tab visits them in catalog order

    QVERIFY(field<QSpinBox>(QStringLiteral("MemorySize")));
    QVERIFY(field<QLineEdit>(QStringLiteral("Runtime")));
    QVERIFY(field<QComboBox>(QStringLiteral("RecursiveLoop")));
    QVERIFY(field<QPlainTextEdit>(QStringLiteral("Environment")));
    QVERIFY(field<QPlainTextEdit>(QStringLiteral("Layers")));
    QVERIFY(field<QCheckBox>(QStringLiteral("Architectures_arm64")));

    // Tooltip: summary, range, default and the AWS doc address.
    const QString tip = field<QSpinBox>(QStringLiteral("Timeout"))->toolTip();
    QVERIFY(tip.contains(QStringLiteral("How long one run may last")));
    QVERIFY2(tip.contains(QStringLiteral("1 to 900 s")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("Default: 3 s")));
    QVERIFY(tip.contains(QStringLiteral("https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html")));

    // Unset properties show the default as placeholder.
    QCOMPARE(field<QLineEdit>(QStringLiteral("Runtime"))->text(), QStringLiteral("nodejs24.x"));
    auto *storage = field<QSpinBox>(QStringLiteral("EphemeralStorage"));
    QCOMPARE(storage->text(), QString());
    QCOMPARE(storage->findChild<QLineEdit *>()->placeholderText(),
             QStringLiteral("512 MB (default)"));
    QVERIFY(!resetButton(QStringLiteral("EphemeralStorage"))->isEnabled());
    QVERIFY(resetButton(QStringLiteral("MemorySize"))->isEnabled());
}

void TestPropertiesPanel::timeoutSpinBoxIsOneUndoStep()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    QVERIFY(spin);
    // Any int can be typed; the catalog's 1 to 900 bounds the arrows only.
    QCOMPARE(spin->minimum(), std::numeric_limits<int>::min());
    QCOMPARE(spin->maximum(), std::numeric_limits<int>::max());
    QCOMPARE(spin->value(), 30);
    QCOMPARE(spin->text(), QStringLiteral("30 s"));

    const int before = undoCount();
    spin->setValue(60);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("60"));
    QVERIFY(!m_diagram->component(QStringLiteral("process-orders"))
                 ->properties.find(QStringLiteral("Timeout"))
                 ->isQuoted());
    QCOMPARE(undoCount(), before + 1);
    QCOMPARE(spin->text(), QStringLiteral("60 s"));

    m_editor->undoStack()->undo();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("30"));
    QCOMPARE(field<QSpinBox>(QStringLiteral("Timeout")), spin); // updated in place
    QCOMPARE(spin->value(), 30);
    QCOMPARE(spin->text(), QStringLiteral("30 s"));
}

void TestPropertiesPanel::spinArrowsMerge()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *spin = field<QSpinBox>(QStringLiteral("MemorySize"));
    QVERIFY(spin);
    const int before = undoCount();
    QTest::keyClick(spin, Qt::Key_Up);
    QTest::keyClick(spin, Qt::Key_Up);
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("MemorySize")),
             QStringLiteral("515"));
    QCOMPARE(undoCount(), before + 1);
    m_editor->undoStack()->undo();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("MemorySize")),
             QStringLiteral("512"));
    QCOMPARE(spin->value(), 512);

    // Stepping an unset field starts from the default.
    auto *storage = field<QSpinBox>(QStringLiteral("EphemeralStorage"));
    QTest::keyClick(storage, Qt::Key_Up);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("EphemeralStorage")),
             QStringLiteral("513"));
    QCOMPARE(storage->text(), QStringLiteral("513 MB"));
}

void TestPropertiesPanel::clearingSpinBoxRemovesProperty()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(spin, Qt::Key_Delete);
    QCOMPARE(spin->text(), QString());
    const int before = undoCount();
    emit spin->editingFinished();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("<unset>"));
    QCOMPARE(undoCount(), before + 1);
    QVERIFY(!resetButton(QStringLiteral("Timeout"))->isEnabled());

    // Typing a number into the empty field sets it, even when it equals the default.
    QTest::keyClicks(spin, QStringLiteral("3"));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("3"));
    QCOMPARE(spin->text(), QStringLiteral("3 s"));
}

void TestPropertiesPanel::typingInOneFieldMerges()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *handler = field<QLineEdit>(QStringLiteral("Handler"));
    QVERIFY(handler);
    QCOMPARE(handler->text(), QStringLiteral("index.handler"));
    const int before = undoCount();
    handler->setFocus();
    handler->selectAll();
    QTest::keyClicks(handler, QStringLiteral("abc"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("abc"));
    QTest::keyClicks(handler, QStringLiteral("d"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("abcd"));
    QCOMPARE(undoCount(), before + 1);

    m_editor->undoStack()->undo();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("index.handler"));
    QCOMPARE(handler->text(), QStringLiteral("index.handler"));

    // Text that would read back as another type is quoted.
    handler->selectAll();
    QTest::keyClicks(handler, QStringLiteral("true"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("\"true\""));
    // Emptying the field removes the property.
    handler->selectAll();
    QTest::keyClick(handler, Qt::Key_Backspace);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("<unset>"));
}

void TestPropertiesPanel::twoFieldsDoNotMerge()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    const int before = undoCount();
    auto *handler = field<QLineEdit>(QStringLiteral("Handler"));
    auto *codeUri = field<QLineEdit>(QStringLiteral("CodeUri"));
    handler->setCursorPosition(handler->text().size());
    QTest::keyClicks(handler, QStringLiteral("2"));
    codeUri->setCursorPosition(codeUri->text().size());
    QTest::keyClicks(codeUri, QStringLiteral("x"));
    QTest::keyClicks(codeUri, QStringLiteral("y"));
    QCOMPARE(undoCount(), before + 2);
    m_editor->undoStack()->undo();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("CodeUri")),
             QStringLiteral("src/process-orders/"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("index.handler2"));
}

void TestPropertiesPanel::typingKeepsCursorAndWidgets()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *handler = field<QLineEdit>(QStringLiteral("Handler"));
    handler->setFocus();
    handler->setCursorPosition(5); // "index|.handler"
    QTest::keyClicks(handler, QStringLiteral("X"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Handler")),
             QStringLiteral("indexX.handler"));
    QCOMPARE(field<QLineEdit>(QStringLiteral("Handler")), handler);
    QCOMPARE(handler->text(), QStringLiteral("indexX.handler"));
    QCOMPARE(handler->cursorPosition(), 6);
    QTest::keyClicks(handler, QStringLiteral("Y"));
    QCOMPARE(handler->text(), QStringLiteral("indexXY.handler"));
    QCOMPARE(handler->cursorPosition(), 7);

    // YAML: the text typed stays as typed (not re-rendered) while it parses.
    auto *env = field<QPlainTextEdit>(QStringLiteral("Environment"));
    env->setFocus();
    QTest::keyClicks(env, QStringLiteral("A:   1"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment")),
             QStringLiteral("{A: 1}"));
    QCOMPARE(env->toPlainText(), QStringLiteral("A:   1"));
    QCOMPARE(env->textCursor().position(), 6);
}

/// The name of the panel field that has the focus ("prop_Timeout" for its spin box's line edit).
static QString focusedField()
{
    for (QWidget *w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (w->objectName().startsWith(QLatin1String("prop_"))
            || w->objectName().startsWith(QLatin1String("reset_")))
            return w->objectName();
    }
    return QStringLiteral("<none>");
}

void TestPropertiesPanel::tabVisitsFieldsInOrder()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    field<QLineEdit>(QStringLiteral("label"))->setFocus();
    QCOMPARE(focusedField(), QStringLiteral("prop_label"));
    QStringList visited;
    for (int i = 0; i < 9; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        visited << focusedField();
    }
    // Reset buttons are visited only while enabled (the property is set).
    QCOMPARE(visited, QStringList({QStringLiteral("prop_FunctionName"),
                                   QStringLiteral("prop_Description"),
                                   QStringLiteral("prop_Runtime"),
                                   QStringLiteral("reset_Runtime"),
                                   QStringLiteral("prop_Handler"),
                                   QStringLiteral("reset_Handler"),
                                   QStringLiteral("prop_CodeUri"),
                                   QStringLiteral("reset_CodeUri"),
                                   QStringLiteral("prop_MemorySize")}));
    // Tab leaves a text editor instead of inserting a tab.
    field<QPlainTextEdit>(QStringLiteral("Environment"))->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(focusedField(), QStringLiteral("prop_Layers"));
    QCOMPARE(field<QPlainTextEdit>(QStringLiteral("Environment"))->toPlainText(), QString());
}

void TestPropertiesPanel::switchingCommitsPendingSpinText()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("45"));
    // Not committed yet (committed on Enter or when the field loses the focus).
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("30"));
    m_panel->showComponent(QStringLiteral("ingest-order"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("45"));
    QCOMPARE(componentProperty(QStringLiteral("ingest-order"), QStringLiteral("Timeout")),
             QStringLiteral("10"));
    QCOMPARE(field<QSpinBox>(QStringLiteral("Timeout"))->value(), 10);
}

void TestPropertiesPanel::externalChangeUpdatesInPlace()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    auto *handler = field<QLineEdit>(QStringLiteral("Handler"));
    handler->setFocus();
    handler->setCursorPosition(3);
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(45));
    QCOMPARE(field<QSpinBox>(QStringLiteral("Timeout")), spin);
    QCOMPARE(spin->value(), 45);
    QCOMPARE(handler->cursorPosition(), 3);
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment"),
                                   Value::map({{QStringLiteral("K"), Value::string(QStringLiteral("v"))}}));
    QCOMPARE(field<QPlainTextEdit>(QStringLiteral("Environment"))->toPlainText(),
             QStringLiteral("K: v"));
    // A change of another component leaves the panel alone.
    m_editor->setComponentProperty(QStringLiteral("ingest-order"), QStringLiteral("Timeout"),
                                   Value::integer(5));
    QCOMPARE(spin->value(), 45);
}

void TestPropertiesPanel::labelRenames()
{
    m_panel->showComponent(QStringLiteral("orders-table"));
    auto *label = field<QLineEdit>(QStringLiteral("label"));
    QVERIFY(label);
    const int before = undoCount();
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("Orders"));
    QCOMPARE(m_diagram->component(QStringLiteral("orders-table"))->label.value_or(QString()),
             QStringLiteral("Orders"));
    QCOMPARE(undoCount(), before + 1);
    m_editor->undoStack()->undo();
    QCOMPARE(label->text(), QStringLiteral("Orders table"));
}

void TestPropertiesPanel::booleanCheckBox()
{
    m_panel->showComponent(QStringLiteral("orders-queue"));
    auto *fifo = field<QCheckBox>(QStringLiteral("FifoQueue"));
    QVERIFY(fifo);
    QVERIFY(!fifo->isTristate());
    QVERIFY(!fifo->isChecked());
    QVERIFY(!resetButton(QStringLiteral("FifoQueue"))->isEnabled());
    const int before = undoCount();
    fifo->click();
    QCOMPARE(componentProperty(QStringLiteral("orders-queue"), QStringLiteral("FifoQueue")),
             QStringLiteral("true"));
    QCOMPARE(undoCount(), before + 1);
    QVERIFY(resetButton(QStringLiteral("FifoQueue"))->isEnabled());
    fifo->click();
    QCOMPARE(componentProperty(QStringLiteral("orders-queue"), QStringLiteral("FifoQueue")),
             QStringLiteral("false"));
    QCOMPARE(undoCount(), before + 2);

    // An unset boolean shows its default (Cors has none: unchecked; set to true here).
    m_panel->showComponent(QStringLiteral("orders-api"));
    QVERIFY(field<QCheckBox>(QStringLiteral("Cors"))->isChecked());
}

void TestPropertiesPanel::resetButtonRemovesProperty()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    QToolButton *reset = resetButton(QStringLiteral("Timeout"));
    QVERIFY(reset);
    QVERIFY(reset->isEnabled());
    const int before = undoCount();
    reset->click();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("<unset>"));
    QCOMPARE(undoCount(), before + 1);
    QVERIFY(!reset->isEnabled());
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    QCOMPARE(spin->text(), QString());
    QCOMPARE(spin->findChild<QLineEdit *>()->placeholderText(), QStringLiteral("3 s (default)"));

    m_editor->undoStack()->undo();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("30"));
    QCOMPARE(spin->text(), QStringLiteral("30 s"));
    QVERIFY(reset->isEnabled());

    // Reset of a list shows the default again.
    resetButton(QStringLiteral("Architectures"))->click();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Architectures")),
             QStringLiteral("<unset>"));
    QVERIFY(field<QCheckBox>(QStringLiteral("Architectures_x86_64"))->isChecked());
    QVERIFY(!field<QCheckBox>(QStringLiteral("Architectures_arm64"))->isChecked());
}

void TestPropertiesPanel::enumComboBox()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *combo = field<QComboBox>(QStringLiteral("RecursiveLoop"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->currentIndex(), -1);
    QCOMPARE(combo->placeholderText(), QStringLiteral("Terminate (default)"));
    combo->setCurrentIndex(combo->findText(QStringLiteral("Allow")));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("RecursiveLoop")),
             QStringLiteral("Allow"));
    m_editor->undoStack()->undo();
    QCOMPARE(combo->currentIndex(), -1);

    // A value outside the choices is shown as it is, with the reason.
    m_editor->setComponentProperty(QStringLiteral("process-orders"),
                                   QStringLiteral("RecursiveLoop"),
                                   Value::string(QStringLiteral("Sometimes")));
    QCOMPARE(combo->currentText(), QStringLiteral("Sometimes"));
    QVERIFY(problemLabel(QStringLiteral("RecursiveLoop"))->isVisible());
    QCOMPARE(problemLabel(QStringLiteral("RecursiveLoop"))->text(),
             QStringLiteral("must be one of Allow, Terminate"));
}

void TestPropertiesPanel::enumListIsExclusiveWithMaxOneItem()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *x86 = field<QCheckBox>(QStringLiteral("Architectures_x86_64"));
    auto *arm = field<QCheckBox>(QStringLiteral("Architectures_arm64"));
    QVERIFY(x86 && arm);
    QVERIFY(arm->isChecked());
    QVERIFY(!x86->isChecked());
    const int before = undoCount();
    x86->click();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Architectures")),
             QStringLiteral("[x86_64]"));
    QVERIFY(!arm->isChecked());
    QCOMPARE(undoCount(), before + 1);
    // At least one item is needed: unchecking the last one is refused.
    x86->click();
    QVERIFY(x86->isChecked());
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Architectures")),
             QStringLiteral("[x86_64]"));
    QCOMPARE(undoCount(), before + 1);
}

void TestPropertiesPanel::stringList()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *layers = field<QPlainTextEdit>(QStringLiteral("Layers"));
    QVERIFY(layers);
    layers->setPlainText(QStringLiteral("arn:aws:lambda:eu-west-1:123456789012:layer:a:1\n\n"
                                        "arn:aws:lambda:eu-west-1:123456789012:layer:b:2\n"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Layers")),
             QStringLiteral("[arn:aws:lambda:eu-west-1:123456789012:layer:a:1, "
                            "arn:aws:lambda:eu-west-1:123456789012:layer:b:2]"));
    layers->clear();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Layers")),
             QStringLiteral("<unset>"));
}

void TestPropertiesPanel::invalidStringShowsReason()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *name = field<QLineEdit>(QStringLiteral("FunctionName"));
    QVERIFY(name);
    QCOMPARE(name->placeholderText(), QStringLiteral("^[a-zA-Z0-9_-]+$"));
    QLabel *problem = problemLabel(QStringLiteral("FunctionName"));
    QVERIFY(problem && !problem->isVisible());
    QTest::keyClicks(name, QStringLiteral("bad name"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("FunctionName")),
             QStringLiteral("bad name"));
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), QStringLiteral("must be of the form ^[a-zA-Z0-9_-]+$"));
    QCOMPARE(name->text(), QStringLiteral("bad name"));
    QTest::keyClick(name, Qt::Key_Backspace);
    QTest::keyClick(name, Qt::Key_Backspace);
    QTest::keyClick(name, Qt::Key_Backspace);
    QTest::keyClick(name, Qt::Key_Backspace);
    QTest::keyClick(name, Qt::Key_Backspace);
    QCOMPARE(name->text(), QStringLiteral("bad"));
    QVERIFY(!problem->isVisible());
}

void TestPropertiesPanel::outOfRangeValueIsShownAsItIs()
{
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(1000));
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("MemorySize"),
                                   Value::string(QStringLiteral("big")));
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *timeout = field<QSpinBox>(QStringLiteral("Timeout"));
    QCOMPARE(timeout->value(), 1000);
    QCOMPARE(problemLabel(QStringLiteral("Timeout"))->text(),
             QStringLiteral("must be 1 to 900 s"));
    auto *memory = field<QSpinBox>(QStringLiteral("MemorySize"));
    QCOMPARE(memory->text(), QString());
    QCOMPARE(memory->findChild<QLineEdit *>()->placeholderText(), QStringLiteral("big"));
    QCOMPARE(problemLabel(QStringLiteral("MemorySize"))->text(),
             QStringLiteral("must be a whole number"));
    // Leaving the field without typing keeps the value.
    memory->setFocus();
    emit memory->editingFinished();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("MemorySize")),
             QStringLiteral("big"));
    // Back in range.
    timeout->setValue(20);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("20"));
    QVERIFY(!problemLabel(QStringLiteral("Timeout"))->isVisible());
}

/// Issue 9: typing 1000 into Timeout (1 to 900 s) used to give 100, silently. The typed value
/// reaches the model and the validator's FN-001 is shown under the field.
void TestPropertiesPanel::typedOutOfRangeValueReachesModel()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    revalidate();
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    QLabel *diagnostics = diagnosticsLabel(QStringLiteral("Timeout"));
    QVERIFY(spin && diagnostics);
    QVERIFY(!diagnostics->isVisible());

    const int before = undoCount();
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("1000"));
    QCOMPARE(spin->text(), QStringLiteral("1000"));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("1000"));
    QCOMPARE(undoCount(), before + 1);
    QCOMPARE(spin->value(), 1000);
    QCOMPARE(spin->text(), QStringLiteral("1000 s"));
    QVERIFY(problemLabel(QStringLiteral("Timeout"))->isVisible()); // until validation runs
    QCOMPARE(problemLabel(QStringLiteral("Timeout"))->text(), QStringLiteral("must be 1 to 900 s"));

    const QList<core::Diagnostic> found = revalidate();
    const auto fn001 = std::find_if(found.begin(), found.end(), [](const core::Diagnostic &d) {
        return d.rule == u"FN-001" && d.component == u"process-orders";
    });
    QVERIFY(fn001 != found.end());
    QVERIFY(diagnostics->isVisible());
    QVERIFY2(diagnostics->text().contains(QStringLiteral("FN-001")), qPrintable(diagnostics->text()));
    QVERIFY2(diagnostics->text().contains(fn001->message), qPrintable(diagnostics->text()));
    QVERIFY(diagnostics->text().contains(QStringLiteral("Timeout must be 1 to 900 s (it is 1000)")));
    QVERIFY(diagnostics->toolTip().contains(fn001->fix));
    // The short local reason would repeat the finding; the field stays framed red.
    QVERIFY(!problemLabel(QStringLiteral("Timeout"))->isVisible());
    ui::PropertyRow *row = nullptr;
    for (QWidget *w = spin; w && !row; w = w->parentWidget())
        row = qobject_cast<ui::PropertyRow *>(w);
    QVERIFY(row && row->hasProblem());
    QCOMPARE(row->diagnostics().size(), 1);
    // Not about another row, nor about the component as a whole.
    QVERIFY(!diagnosticsLabel(QStringLiteral("MemorySize"))->isVisible());
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("diagnostics"))->isVisible());
    // Undo is the way back (no clamping by the field).
    m_editor->undoStack()->undo();
    QCOMPARE(spin->value(), 30);
    revalidate();
    QVERIFY(!diagnostics->isVisible());

    // Leaving the field commits the typed value too: MemorySize 20000 MB (128 to 10240).
    auto *memory = field<QSpinBox>(QStringLiteral("MemorySize"));
    memory->setFocus();
    memory->selectAll();
    QTest::keyClicks(memory, QStringLiteral("20000"));
    field<QLineEdit>(QStringLiteral("Handler"))->setFocus();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("MemorySize")),
             QStringLiteral("20000"));
    revalidate();
    QVERIFY(diagnosticsLabel(QStringLiteral("MemorySize"))->isVisible());
    QVERIFY(diagnosticsLabel(QStringLiteral("MemorySize"))->text().contains(QStringLiteral("FN-002")));

    // The findings follow the panel to another element and back.
    m_panel->showComponent(QStringLiteral("ingest-order"));
    QVERIFY(!diagnosticsLabel(QStringLiteral("MemorySize"))->isVisible());
    m_panel->showComponent(QStringLiteral("process-orders"));
    QVERIFY(diagnosticsLabel(QStringLiteral("MemorySize"))->isVisible());
}

void TestPropertiesPanel::arrowsStopAtCatalogRange()
{
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(899));
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *spin = field<QSpinBox>(QStringLiteral("Timeout"));
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("900"));
    QTest::keyClick(spin, Qt::Key_Up);
    QTest::keyClick(spin, Qt::Key_PageUp);
    QCOMPARE(spin->value(), 900);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("900"));

    // Ten steps at once stop at the end too.
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(895));
    QTest::keyClick(spin, Qt::Key_PageUp);
    QCOMPARE(spin->value(), 900);

    // From beyond the range: up does nothing, down steps back into the range.
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(1000));
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("1000"));
    QTest::keyClick(spin, Qt::Key_Down);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("900"));

    // A typed value beyond the range, then an arrow: never against the arrow. Up is off at
    // the end of the range (the typed text waits for Enter); down steps back into the range.
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("2000"));
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(spin->text(), QStringLiteral("2000"));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("2000"));
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(10));
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("3000"));
    QTest::keyClick(spin, Qt::Key_Down);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("900"));

    // The lower end.
    m_editor->setComponentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout"),
                                   Value::integer(2));
    QTest::keyClick(spin, Qt::Key_Down);
    QTest::keyClick(spin, Qt::Key_Down);
    QTest::keyClick(spin, Qt::Key_PageDown);
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Timeout")),
             QStringLiteral("1"));
}

void TestPropertiesPanel::diagnosticsGoToTheirRowOrTheTop()
{
    const core::ConnectionId trigger = connectionId(QStringLiteral("orders-queue"),
                                                    QStringLiteral("process-orders"),
                                                    QStringLiteral("trigger"));
    const core::ConnectionId redrive = connectionId(QStringLiteral("orders-queue"),
                                                    QStringLiteral("orders-dlq"),
                                                    QStringLiteral("dead-letter"));
    QVERIFY(trigger && redrive);
    m_editor->setConnectionProperty(trigger, QStringLiteral("BatchSize"), Value::integer(20000));
    m_editor->setComponentProperty(QStringLiteral("orders-queue"),
                                   QStringLiteral("VisibilityTimeout"), Value::integer(60));
    m_editor->setConnectionProperty(redrive, QStringLiteral("maxReceiveCount"), Value::integer(1));
    m_panel->showConnection(trigger);
    const QList<core::Diagnostic> found = revalidate();
    QStringList rules;
    for (const core::Diagnostic &d : found)
        rules << d.rule;
    QVERIFY2(rules.contains(QStringLiteral("ESM-GEN-001")) && rules.contains(QStringLiteral("ESM-SQS-004"))
                 && rules.contains(QStringLiteral("ESM-SQS-005")),
             qPrintable(rules.join(u' ')));

    // The range finding under BatchSize; the visibility-timeout one (about no field of this
    // connection) under the header; the redrive's finding is about another connection.
    auto *top = m_panel->findChild<QLabel *>(QStringLiteral("diagnostics"));
    QVERIFY(top);
    QVERIFY(diagnosticsLabel(QStringLiteral("BatchSize"))->isVisible());
    QVERIFY(diagnosticsLabel(QStringLiteral("BatchSize"))->text().contains(QStringLiteral("ESM-GEN-001")));
    QVERIFY(!diagnosticsLabel(QStringLiteral("BatchSize"))->text().contains(QStringLiteral("ESM-SQS-004")));
    QVERIFY(top->isVisible());
    QVERIFY2(top->text().contains(QStringLiteral("ESM-SQS-004")), qPrintable(top->text()));
    QVERIFY(!top->text().contains(QStringLiteral("ESM-SQS-005")));
    QVERIFY(!diagnosticsLabel(QStringLiteral("MaximumBatchingWindowInSeconds"))->isVisible());

    m_panel->showConnection(redrive);
    QVERIFY(diagnosticsLabel(QStringLiteral("maxReceiveCount"))->isVisible());
    QVERIFY(diagnosticsLabel(QStringLiteral("maxReceiveCount"))->text().contains(QStringLiteral("ESM-SQS-005")));
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("diagnostics"))->isVisible());

    // A component shows its own findings only, not those of its connections.
    m_panel->showComponent(QStringLiteral("orders-queue"));
    QVERIFY(!diagnosticsLabel(QStringLiteral("VisibilityTimeout"))->isVisible());
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("diagnostics"))->isVisible());

    // Fixed and validated again: the lines go.
    m_panel->showConnection(trigger);
    m_editor->setConnectionProperty(trigger, QStringLiteral("BatchSize"), Value::integer(10));
    revalidate();
    QVERIFY(!diagnosticsLabel(QStringLiteral("BatchSize"))->isVisible());
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("diagnostics"))->isVisible()); // ESM-SQS-004
    m_panel->setDiagnostics({});
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("diagnostics"))->isVisible());
}

void TestPropertiesPanel::mapEditorAppliesOnlyParsingYaml()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *env = field<QPlainTextEdit>(QStringLiteral("Environment"));
    QVERIFY(env);
    QLabel *problem = problemLabel(QStringLiteral("Environment"));
    QVERIFY(problem);
    const int before = undoCount();

    env->setPlainText(QStringLiteral("TABLE: [orders"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(QStringLiteral("line ")), qPrintable(problem->text()));
    QVERIFY(problem->text().contains(QStringLiteral(", column ")));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment")),
             QStringLiteral("<unset>"));
    QCOMPARE(undoCount(), before);

    env->setPlainText(QStringLiteral("just text"));
    QCOMPARE(problem->text(), QStringLiteral("must be a mapping (name: value pairs)"));
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment")),
             QStringLiteral("<unset>"));
    QCOMPARE(undoCount(), before);

    env->setPlainText(QStringLiteral("TABLE: orders\nLOG_LEVEL: debug"));
    QVERIFY(!problem->isVisible());
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment")),
             QStringLiteral("{TABLE: orders, LOG_LEVEL: debug}"));
    QCOMPARE(undoCount(), before + 1);

    // A parse error later keeps the last good value in the model.
    env->setPlainText(QStringLiteral("TABLE: orders\nLOG_LEVEL: [debug"));
    QVERIFY(problem->isVisible());
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment")),
             QStringLiteral("{TABLE: orders, LOG_LEVEL: debug}"));
    QCOMPARE(env->toPlainText(), QStringLiteral("TABLE: orders\nLOG_LEVEL: [debug"));

    // Undo shows the model's value again and clears the error.
    m_editor->undoStack()->undo();
    QCOMPARE(componentProperty(QStringLiteral("process-orders"), QStringLiteral("Environment")),
             QStringLiteral("<unset>"));
    QCOMPARE(env->toPlainText(), QString());
    QVERIFY(!problem->isVisible());
}

void TestPropertiesPanel::triggerConnection()
{
    const core::ConnectionId id = connectionId(QStringLiteral("orders-queue"),
                                               QStringLiteral("process-orders"),
                                               QStringLiteral("trigger"));
    QVERIFY(id);
    m_panel->showConnection(id);
    QCOMPARE(m_panel->connectionId(), id);
    QVERIFY(m_panel->componentId().isEmpty());
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("headerTitle"))->text(),
             QStringLiteral("orders-queue → process-orders (trigger)"));
    QVERIFY(!field<QLineEdit>(QStringLiteral("label")));

    auto *batch = field<QSpinBox>(QStringLiteral("BatchSize"));
    QVERIFY(batch);
    QCOMPARE(batch->maximum(), std::numeric_limits<int>::max()); // 1 to 10000 bounds the arrows
    QCOMPARE(batch->value(), 25);
    QVERIFY(batch->toolTip().contains(QStringLiteral("1 to 10000")));
    QVERIFY(!field<QWidget>(QStringLiteral("StartingPosition"))); // Kinesis/DynamoDB only
    QVERIFY(field<QCheckBox>(QStringLiteral("FunctionResponseTypes_ReportBatchItemFailures"))
                ->isChecked());

    const int before = undoCount();
    batch->setValue(100);
    QCOMPARE(connectionProperty(id, QStringLiteral("BatchSize")), QStringLiteral("100"));
    QCOMPARE(undoCount(), before + 1);
    m_editor->undoStack()->undo();
    QCOMPARE(connectionProperty(id, QStringLiteral("BatchSize")), QStringLiteral("25"));
    QCOMPARE(batch->value(), 25);

    // The API trigger's enum keeps the quoted "2.0".
    const core::ConnectionId api = connectionId(QStringLiteral("orders-api"),
                                                QStringLiteral("ingest-order"),
                                                QStringLiteral("trigger"));
    m_panel->showConnection(api);
    auto *format = field<QComboBox>(QStringLiteral("PayloadFormatVersion"));
    QCOMPARE(format->currentText(), QStringLiteral("2.0"));
    format->setCurrentIndex(format->findText(QStringLiteral("1.0")));
    QCOMPARE(connectionProperty(api, QStringLiteral("PayloadFormatVersion")),
             QStringLiteral("\"1.0\""));
}

void TestPropertiesPanel::connectionListOfMaps()
{
    const core::ConnectionId id = connectionId(QStringLiteral("orders-queue"),
                                               QStringLiteral("process-orders"),
                                               QStringLiteral("trigger"));
    m_panel->showConnection(id);
    auto *patterns = field<QPlainTextEdit>(QStringLiteral("FilterPatterns"));
    QVERIFY(patterns);
    patterns->setPlainText(QStringLiteral("- body:\n    status: [new]"));
    QCOMPARE(connectionProperty(id, QStringLiteral("FilterPatterns")),
             QStringLiteral("[{body: {status: [new]}}]"));
    patterns->setPlainText(QStringLiteral("body: x"));
    QCOMPARE(problemLabel(QStringLiteral("FilterPatterns"))->text(), QStringLiteral("must be a list"));
    QCOMPARE(connectionProperty(id, QStringLiteral("FilterPatterns")),
             QStringLiteral("[{body: {status: [new]}}]"));
}

void TestPropertiesPanel::onFailureListsQueuesTopicsBuckets()
{
    const QString stream = m_editor->addComponent(QStringLiteral("kinesis-stream"), QPointF(0, 400));
    QVERIFY(!stream.isEmpty());
    const core::ConnectionId id = m_editor->connect(stream, QStringLiteral("process-orders"),
                                                    QStringLiteral("trigger"));
    QVERIFY(id);
    m_panel->showConnection(id);
    QVERIFY(field<QComboBox>(QStringLiteral("StartingPosition")));
    auto *combo = field<QComboBox>(QStringLiteral("OnFailure"));
    QVERIFY(combo);
    auto items = [combo] {
        QStringList texts;
        for (int i = 0; i < combo->count(); ++i)
            texts << combo->itemText(i);
        return texts;
    };
    QCOMPARE(items(), QStringList({QStringLiteral("(none)"), QStringLiteral("orders-queue"),
                                   QStringLiteral("orders-dlq")}));
    QCOMPARE(combo->currentIndex(), 0);

    // New components of an allowed kind join the list; others do not.
    const QString topic = m_editor->addComponent(QStringLiteral("sns-topic"), QPointF(0, 600));
    m_editor->addComponent(QStringLiteral("lambda-function"), QPointF(0, 800));
    QCOMPARE(items(), QStringList({QStringLiteral("(none)"), QStringLiteral("orders-queue"),
                                   QStringLiteral("orders-dlq"), topic}));

    const int before = undoCount();
    combo->setCurrentIndex(combo->findText(QStringLiteral("orders-dlq")));
    QCOMPARE(connectionProperty(id, QStringLiteral("OnFailure")), QStringLiteral("orders-dlq"));
    QCOMPARE(undoCount(), before + 1);
    combo->setCurrentIndex(0);
    QCOMPARE(connectionProperty(id, QStringLiteral("OnFailure")), QStringLiteral("<unset>"));

    // A reference to a component of another kind is shown with the reason.
    m_editor->setConnectionProperty(id, QStringLiteral("OnFailure"),
                                    Value::string(QStringLiteral("orders-table")));
    QCOMPARE(combo->currentText(), QStringLiteral("orders-table"));
    QCOMPARE(problemLabel(QStringLiteral("OnFailure"))->text(),
             QStringLiteral("orders-table is a DynamoDB table; it must be one of: SQS queue, SNS "
                            "topic, S3 bucket"));
}

void TestPropertiesPanel::unknownPropertiesAreReadOnly()
{
    m_editor->setComponentProperty(QStringLiteral("orders-table"), QStringLiteral("Custom"),
                                   Value::string(QStringLiteral("kept")));
    m_panel->showComponent(QStringLiteral("orders-table"));
    auto *custom = m_panel->findChild<QLineEdit *>(QStringLiteral("unknown_Custom"));
    QVERIFY(custom);
    QVERIFY(custom->isReadOnly());
    QCOMPARE(custom->text(), QStringLiteral("kept"));

    // Another one added from outside: listed too.
    m_editor->setComponentProperty(QStringLiteral("orders-table"), QStringLiteral("Other"),
                                   Value::integer(7));
    QVERIFY(m_panel->findChild<QLineEdit *>(QStringLiteral("unknown_Other")));
    m_editor->undoStack()->undo();
    QVERIFY(!m_panel->findChild<QLineEdit *>(QStringLiteral("unknown_Other")));
    QVERIFY(m_panel->findChild<QLineEdit *>(QStringLiteral("unknown_Custom")));
}

void TestPropertiesPanel::removingShownComponentClears()
{
    m_panel->showComponent(QStringLiteral("orders-table"));
    QVERIFY(field<QLineEdit>(QStringLiteral("TableName")));
    m_editor->removeElements({QStringLiteral("orders-table")}, {});
    QVERIFY(m_panel->isEmpty());
    QVERIFY(!field<QLineEdit>(QStringLiteral("TableName")));
    QVERIFY(!field<QLineEdit>(QStringLiteral("label")));
    m_editor->undoStack()->undo();
    QVERIFY(m_panel->isEmpty());
    m_panel->showComponent(QStringLiteral("orders-table"));
    QCOMPARE(field<QLineEdit>(QStringLiteral("TableName"))->text(), QStringLiteral("orders"));
}

void TestPropertiesPanel::removingShownConnectionClears()
{
    const core::ConnectionId id = connectionId(QStringLiteral("orders-queue"),
                                               QStringLiteral("process-orders"),
                                               QStringLiteral("trigger"));
    m_panel->showConnection(id);
    QVERIFY(field<QSpinBox>(QStringLiteral("BatchSize")));
    // Removing an end removes the connection.
    m_editor->removeElements({QStringLiteral("process-orders")}, {});
    QVERIFY(m_panel->isEmpty());
    QVERIFY(!field<QSpinBox>(QStringLiteral("BatchSize")));
}

void TestPropertiesPanel::diagramResetKeepsComponent()
{
    m_panel->showComponent(QStringLiteral("process-orders"));
    const core::ProjectLoadResult loaded = core::ProjectSerializer::loadFile(
        QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml"));
    core::DiagramData data = *loaded.data;
    data.components[4].properties.set(QStringLiteral("Timeout"), Value::integer(77));
    m_diagram->reset(data);
    QCOMPARE(m_panel->componentId(), QStringLiteral("process-orders"));
    QCOMPARE(field<QSpinBox>(QStringLiteral("Timeout"))->value(), 77);

    const core::ConnectionId id = m_diagram->connections().front().id;
    m_panel->showConnection(id);
    m_diagram->reset(*loaded.data);
    QVERIFY(m_panel->isEmpty());
}

static QByteArray saved(const core::Diagram &d)
{
    return core::ProjectSerializer::save(d.data());
}

/// The example without its simulation section (the defaults show).
static void dropSimulationSection(core::Diagram &d)
{
    core::DiagramData data = d.data();
    std::erase_if(data.extra, [](const core::MapEntry &e) { return e.key == u"simulation"; });
    d.reset(data);
}

/// A function's Simulation group: typing duration-ms writes
/// `simulation: functions: <id>: duration-ms: N` as one undo step; undo restores the bytes.
void TestPropertiesPanel::simulationGroupOfAFunction()
{
    dropSimulationSection(*m_diagram);
    m_panel->showComponent(QStringLiteral("process-orders"));
    ui::WorkloadEditor *group = m_panel->workloadEditor();
    QVERIFY(group);
    QVERIFY(group->isExpanded());
    QVERIFY(m_panel->findChild<QToolButton *>(QStringLiteral("simulationToggle")));
    for (const char *name : {"sim_duration-ms", "sim_error-rate", "sim_poison-every", "sim_emits",
                             "sim_outage-start", "sim_outage-stop", "sim_throttle-start",
                             "sim_throttle-stop", "sim_unavailable-start", "sim_unavailable-stop"})
        QVERIFY2(m_panel->findChild<QWidget *>(QString::fromLatin1(name)), name);
    QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("sim_rate"))); // not a source
    QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("sim_seed")));

    auto *spin = m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_duration-ms"));
    QVERIFY(spin);
    QVERIFY2(spin->text().isEmpty() || spin->text().contains(QStringLiteral("100 ms (default)")),
             qPrintable(spin->text()));
    const QByteArray before = saved(*m_diagram);
    const int steps = undoCount();
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("250"));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(undoCount(), steps + 1);
    const QByteArray after = saved(*m_diagram);
    QVERIFY2(after.contains("\nsimulation:\n"), after.constData());
    QVERIFY2(after.contains("  functions:\n    process-orders:\n      duration-ms: 250\n"),
             after.constData());
    QCOMPARE(m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_duration-ms")), spin);

    m_editor->undoStack()->undo();
    QCOMPARE(saved(*m_diagram), before);
    QCOMPARE(m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_duration-ms")), spin);
    QVERIFY(!spin->text().contains(QStringLiteral("250")));
    m_editor->undoStack()->redo();
    QCOMPARE(saved(*m_diagram), after);
    QVERIFY(spin->text().contains(QStringLiteral("250")));

    // The reset button removes the key: the default applies again (one more step).
    auto *reset = m_panel->findChild<QToolButton *>(QStringLiteral("sim_reset_duration-ms"));
    QVERIFY(reset && reset->isEnabled());
    reset->click();
    QCOMPARE(undoCount(), steps + 2);
    QVERIFY(!saved(*m_diagram).contains("duration-ms"));
    QVERIFY(!reset->isEnabled());

    // emits is a check box; the outage window is a map of start and stop.
    auto *emits = m_panel->findChild<QCheckBox *>(QStringLiteral("sim_emits"));
    QVERIFY(emits && emits->isChecked());
    emits->click();
    QVERIFY(saved(*m_diagram).contains("      emits: false\n"));
    m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_outage-stop"))->setValue(90);
    QVERIFY2(saved(*m_diagram).contains("      outage:\n        stop: 90\n"),
             saved(*m_diagram).constData());
}

/// A queue that triggers a function is a source: its load, not a function's behaviour.
void TestPropertiesPanel::simulationGroupOfASource()
{
    dropSimulationSection(*m_diagram);
    m_panel->showComponent(QStringLiteral("orders-queue"));
    QVERIFY(m_panel->workloadEditor());
    for (const char *name : {"sim_count", "sim_rate", "sim_pattern", "sim_start", "sim_stop",
                             "sim_duplicate-rate", "sim_keys", "sim_shards"})
        QVERIFY2(m_panel->findChild<QWidget *>(QString::fromLatin1(name)), name);
    QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("sim_duration-ms")));

    auto *pattern = m_panel->findChild<QComboBox *>(QStringLiteral("sim_pattern"));
    QVERIFY(pattern);
    pattern->setCurrentIndex(int(pattern->findText(QStringLiteral("poisson"))));
    m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_rate"))->setValue(20);
    const QByteArray bytes = saved(*m_diagram);
    QVERIFY2(bytes.contains("    orders-queue:\n      count: 1\n      pattern: poisson\n"
                            "      rate: 20\n"),
             bytes.constData());

    // A table nothing triggers from is no source and no function: no group.
    m_panel->showComponent(QStringLiteral("orders-table"));
    QVERIFY(!m_panel->workloadEditor());
    QVERIFY(!m_panel->findChild<QWidget *>(QStringLiteral("simulationGroup")));
}

/// Ranges as the simulator reads them: probabilities 0 to 1, rates up to 100000 a second,
/// nothing negative; the reason shows under the field, like a catalog property's.
void TestPropertiesPanel::simulationValuesAreChecked()
{
    dropSimulationSection(*m_diagram);
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *rate = m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_error-rate"));
    QVERIFY(rate);
    rate->setFocus();
    rate->selectAll();
    QTest::keyClicks(rate, QStringLiteral("2"));
    QTest::keyClick(rate, Qt::Key_Return);
    auto *problem = m_panel->findChild<QLabel *>(QStringLiteral("sim_problem_error-rate"));
    QVERIFY(problem);
    QVERIFY2(!problem->isHidden() && problem->text().contains(QStringLiteral("1")),
             qPrintable(problem->text()));
    // Said under the field, not again at the top of the group.
    auto *sectionProblem = m_panel->findChild<QLabel *>(QStringLiteral("simulationProblem"));
    QVERIFY(sectionProblem && sectionProblem->isHidden());
    rate->setValue(0.25);
    QVERIFY(problem->isHidden());

    // What no field says (a window needs its end) is said at the top of the group.
    m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_outage-start"))->setValue(30);
    QVERIFY(!sectionProblem->isHidden());
    QVERIFY2(sectionProblem->text().contains(QStringLiteral("stop")),
             qPrintable(sectionProblem->text()));
    m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_outage-stop"))->setValue(60);
    QVERIFY(sectionProblem->isHidden());

    m_panel->showComponent(QStringLiteral("orders-queue"));
    auto *sourceRate = m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_rate"));
    sourceRate->setFocus();
    sourceRate->selectAll();
    QTest::keyClicks(sourceRate, QStringLiteral("200000"));
    QTest::keyClick(sourceRate, Qt::Key_Return);
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("sim_problem_rate"))->isHidden());
    auto *start = m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_start"));
    start->setFocus();
    start->selectAll();
    QTest::keyClicks(start, QStringLiteral("-5"));
    QTest::keyClick(start, Qt::Key_Return);
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("sim_problem_start"))->isHidden());
}

/// With nothing selected the panel shows the run's keys.
void TestPropertiesPanel::simulationRunWithNothingSelected()
{
    dropSimulationSection(*m_diagram);
    m_panel->clear();
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("emptyHint")));
    QVERIFY(m_panel->workloadEditor());
    auto *seed = m_panel->findChild<QSpinBox *>(QStringLiteral("sim_seed"));
    QVERIFY(seed);
    QVERIFY(m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("sim_duration")));
    QVERIFY(m_panel->findChild<QSpinBox *>(QStringLiteral("sim_account-concurrency")));
    const QByteArray before = saved(*m_diagram);
    seed->setValue(42);
    QVERIFY2(saved(*m_diagram).contains("\n  seed: 42\n"), saved(*m_diagram).constData());
    m_editor->undoStack()->undo();
    QCOMPARE(saved(*m_diagram), before);
}

/// The group is collapsible and stays collapsed while another element is shown; a queue gets
/// its group with its first trigger connection; an undo elsewhere shows the value again.
void TestPropertiesPanel::simulationGroupFollowsConnectionsAndUndo()
{
    dropSimulationSection(*m_diagram);
    m_panel->showComponent(QStringLiteral("process-orders"));
    auto *toggle = m_panel->findChild<QToolButton *>(QStringLiteral("simulationToggle"));
    toggle->click();
    QVERIFY(!m_panel->workloadEditor()->isExpanded());
    QVERIFY(m_panel->findChild<QWidget *>(QStringLiteral("simulationBody"))->isHidden());
    m_panel->showComponent(QStringLiteral("ingest-order"));
    QVERIFY(!m_panel->workloadEditor()->isExpanded());
    m_panel->findChild<QToolButton *>(QStringLiteral("simulationToggle"))->click();
    QVERIFY(m_panel->workloadEditor()->isExpanded());

    const QString queue = m_editor->addComponent(QStringLiteral("sqs-queue"), QPointF(0, 600));
    m_panel->showComponent(queue);
    QVERIFY(!m_panel->workloadEditor());
    m_editor->connect(queue, QStringLiteral("process-orders"), QStringLiteral("trigger"));
    QVERIFY(m_panel->workloadEditor());
    QVERIFY(m_panel->findChild<QSpinBox *>(QStringLiteral("sim_count")));
    m_editor->setSimulationValue({QStringLiteral("sources"), queue, QStringLiteral("count")},
                                 Value::integer(500));
    QCOMPARE(m_panel->findChild<QSpinBox *>(QStringLiteral("sim_count"))->value(), 500);
    m_editor->undoStack()->undo();
    QVERIFY(m_panel->findChild<QSpinBox *>(QStringLiteral("sim_count"))->value() != 500);
    m_editor->undoStack()->undo(); // the connection
    QVERIFY(!m_panel->workloadEditor());
}

void TestPropertiesPanel::screenshots()
{
    const QString dir = qEnvironmentVariable("EW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("EW_SCREENSHOT_DIR is not set");
    QDir().mkpath(dir);
    m_panel->resize(340, 800);
    m_panel->showComponent(QStringLiteral("process-orders"));
    QApplication::processEvents();
    QVERIFY(m_panel->grab().save(dir + QStringLiteral("/properties-function.png")));
    m_panel->showConnection(connectionId(QStringLiteral("orders-queue"),
                                         QStringLiteral("process-orders"),
                                         QStringLiteral("trigger")));
    QApplication::processEvents();
    QVERIFY(m_panel->grab().save(dir + QStringLiteral("/properties-connection.png")));

    // A wide panel (labels beside fields) with problems shown: a Kinesis trigger.
    const QString stream = m_editor->addComponent(QStringLiteral("kinesis-stream"), QPointF());
    const core::ConnectionId id = m_editor->connect(stream, QStringLiteral("process-orders"),
                                                    QStringLiteral("trigger"));
    m_editor->setConnectionProperty(id, QStringLiteral("BatchSize"), Value::integer(20000));
    m_editor->setConnectionProperty(id, QStringLiteral("OnFailure"),
                                    Value::string(QStringLiteral("orders-table")));
    m_panel->resize(560, 900);
    m_panel->showConnection(id);
    field<QPlainTextEdit>(QStringLiteral("FilterPatterns"))
        ->setPlainText(QStringLiteral("- data:\n    kind: [a"));
    QApplication::processEvents();
    QVERIFY(m_panel->grab().save(dir + QStringLiteral("/properties-wide.png")));

    // The Simulation group of a function, wide (labels beside the fields, lined up with the
    // properties above) and narrow.
    m_panel->showComponent(QStringLiteral("process-orders"));
    for (int width : {560, 340}) {
        m_panel->resize(width, 700);
        QApplication::processEvents();
        auto *scroll = m_panel->findChild<QScrollArea *>(QStringLiteral("propertiesScroll"));
        QVERIFY(scroll && m_panel->workloadEditor());
        scroll->ensureWidgetVisible(m_panel->findChild<QWidget *>(QStringLiteral("simulationToggle")),
                                    0, 0);
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->value() + 600);
        QApplication::processEvents();
        QVERIFY(m_panel->grab().save(dir + QStringLiteral("/properties-simulation-%1.png").arg(width)));
    }
}

QTEST_MAIN(TestPropertiesPanel)
#include "tst_propertiespanel.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <ui/panels/faultmenu.h>

#include <core/catalog/catalog.h>
#include <core/editing/diagrameditor.h>
#include <core/io/projectserializer.h>
#include <core/model/diagram.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>

using namespace ew;
using core::Value;

class TestFaultMenu final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void functionMenu();
    void sourceMenu();
    void noMenuForOtherComponents();
    void eachFaultIsOneUndoStep_data();
    void eachFaultIsOneUndoStep();
    void dialogSetsTheFault();
    void cancelChangesNothing();
    void windowMustNotEndBeforeItStarts();
    void clearFaults();
    void screenshots();

private:
    QByteArray saved() const { return core::ProjectSerializer::save(m_diagram->data()); }
    QStringList actionNames(const QString &id) const;
    QAction *action(QMenu &menu, const QString &name) const;
    /// Runs `answer` on the fault dialog as soon as it is open (it is modal).
    void whenDialogOpens(std::function<void(QDialog *)> answer);

    std::unique_ptr<core::Diagram> m_diagram;
    std::unique_ptr<editing::DiagramEditor> m_editor;
};

using Fault = std::function<bool(editing::DiagramEditor &)>;
Q_DECLARE_METATYPE(Fault)

void TestFaultMenu::init()
{
    const core::ProjectLoadResult loaded = core::ProjectSerializer::loadFile(
        QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
    core::DiagramData data = *loaded.data;
    // Start from no section, the case where the first fault makes it.
    std::erase_if(data.extra, [](const core::MapEntry &e) { return e.key == u"simulation"; });
    m_diagram = std::make_unique<core::Diagram>();
    m_diagram->reset(data);
    m_editor = std::make_unique<editing::DiagramEditor>(*m_diagram, core::Catalog::builtin());
}

void TestFaultMenu::cleanup()
{
    m_editor.reset();
    m_diagram.reset();
}

QStringList TestFaultMenu::actionNames(const QString &id) const
{
    QMenu menu;
    ui::addFaultMenu(&menu, m_editor.get(), id);
    auto *sub = menu.findChild<QMenu *>(QStringLiteral("faultMenu"));
    if (!sub)
        return {};
    QStringList names;
    for (QAction *a : sub->actions()) {
        if (!a->isSeparator())
            names << a->objectName();
    }
    return names;
}

QAction *TestFaultMenu::action(QMenu &menu, const QString &name) const
{
    auto *sub = menu.findChild<QMenu *>(QStringLiteral("faultMenu"));
    return sub ? sub->findChild<QAction *>(name) : nullptr;
}

void TestFaultMenu::whenDialogOpens(std::function<void(QDialog *)> answer)
{
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [answer, poll] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(10, *poll);
            return;
        }
        answer(dialog);
    };
    QTimer::singleShot(0, *poll);
}

void TestFaultMenu::functionMenu()
{
    QCOMPARE(actionNames(QStringLiteral("process-orders")),
             QStringList({"fault_poison-every", "fault_error-rate", "fault_outage",
                          "fault_throttle", "fault_clear"}));
    QMenu menu;
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("process-orders"));
    auto *sub = menu.findChild<QMenu *>(QStringLiteral("faultMenu"));
    QCOMPARE(sub->title(), QStringLiteral("Simulate &Fault"));
    QCOMPARE(action(menu, QStringLiteral("fault_throttle"))->text(),
             QStringLiteral("Throttle (reserved concurrency 0) from t1 to t2…"));
    QVERIFY(!action(menu, QStringLiteral("fault_clear"))->isEnabled()); // no faults yet
    QCOMPARE(action(menu, QStringLiteral("fault_error-rate"))->text(), QStringLiteral("Error rate…"));
}

void TestFaultMenu::sourceMenu()
{
    // The queue triggers process-orders: a source.
    QCOMPARE(actionNames(QStringLiteral("orders-queue")),
             QStringList({"fault_burst", "fault_duplicates", "fault_clear"}));
    // An event bus is a source even before anything subscribes to it.
    const QString bus = m_editor->addComponent(QStringLiteral("eventbridge-bus"), QPointF(0, 500));
    QCOMPARE(actionNames(bus), QStringList({"fault_burst", "fault_duplicates", "fault_clear"}));
}

void TestFaultMenu::noMenuForOtherComponents()
{
    QMenu menu;
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("orders-table"));
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("no-such-component"));
    ui::addFaultMenu(&menu, nullptr, QStringLiteral("process-orders"));
    QVERIFY(menu.actions().isEmpty());
}

void TestFaultMenu::eachFaultIsOneUndoStep_data()
{
    using namespace ui::faults;
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QByteArray>("written");
    const QString fn = QStringLiteral("process-orders");
    const QString src = QStringLiteral("orders-queue");
    QTest::newRow("poison") << Fault([fn](auto &e) { return setPoisonEvery(e, fn, 5); })
                            << QByteArray("    process-orders:\n      poison-every: 5\n");
    QTest::newRow("error rate") << Fault([fn](auto &e) { return setErrorRate(e, fn, 0.25); })
                                << QByteArray("    process-orders:\n      error-rate: 0.25\n");
    QTest::newRow("outage") << Fault([fn](auto &e) { return setOutage(e, fn, 60, 120); })
                            << QByteArray("      outage:\n        start: 60\n        stop: 120\n");
    QTest::newRow("throttle") << Fault([fn](auto &e) { return setThrottle(e, fn, 0, 30.5); })
                              << QByteArray("      throttle:\n        start: 0\n        stop: 30.5\n");
    QTest::newRow("burst") << Fault([src](auto &e) { return setBurst(e, src, 1000, 10); })
                           << QByteArray("    orders-queue:\n      count: 1000\n      start: 10\n");
    QTest::newRow("duplicates") << Fault([src](auto &e) { return setDuplicateRate(e, src, 0.1); })
                                << QByteArray("    orders-queue:\n      count: 1\n      duplicate-rate: 0.1\n");
}

void TestFaultMenu::eachFaultIsOneUndoStep()
{
    QFETCH(Fault, fault);
    QFETCH(QByteArray, written);
    const QByteArray before = saved();
    QVERIFY(fault(*m_editor));
    QCOMPARE(m_editor->undoStack()->count(), 1);
    const QByteArray after = saved();
    QVERIFY2(after.contains(written), after.constData());
    m_editor->undoStack()->undo();
    QCOMPARE(saved(), before);
    m_editor->undoStack()->redo();
    QCOMPARE(saved(), after);
    // The same fault again changes nothing.
    QVERIFY(!fault(*m_editor));
    QCOMPARE(m_editor->undoStack()->count(), 1);
}

void TestFaultMenu::dialogSetsTheFault()
{
    QMenu menu;
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("process-orders"));
    whenDialogOpens([](QDialog *dialog) {
        auto *rate = dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_rate"));
        QVERIFY(rate);
        QCOMPARE(rate->value(), 0.1); // a suggestion when none is set
        rate->setValue(0.5);
        dialog->accept();
    });
    action(menu, QStringLiteral("fault_error-rate"))->trigger();
    QCOMPARE(m_editor->undoStack()->count(), 1);
    QVERIFY(saved().contains("      error-rate: 0.5\n"));

    // The throttle window: both times in one dialog, one step.
    whenDialogOpens([](QDialog *dialog) {
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_start"))->setValue(30);
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_stop"))->setValue(90);
        dialog->accept();
    });
    action(menu, QStringLiteral("fault_throttle"))->trigger();
    QCOMPARE(m_editor->undoStack()->count(), 2);
    QVERIFY(saved().contains("      throttle:\n        start: 30\n        stop: 90\n"));

    // A new menu says the faults set and offers to clear them.
    QMenu again;
    ui::addFaultMenu(&again, m_editor.get(), QStringLiteral("process-orders"));
    QCOMPARE(action(again, QStringLiteral("fault_error-rate"))->text(),
             QStringLiteral("Error rate… (now 0.5)"));
    QCOMPARE(action(again, QStringLiteral("fault_throttle"))->text(),
             QStringLiteral("Throttle (reserved concurrency 0) from t1 to t2… (now 30–90 s)"));
    QCOMPARE(action(again, QStringLiteral("fault_outage"))->text(), QStringLiteral("Outage window…"));
    QVERIFY(action(again, QStringLiteral("fault_clear"))->isEnabled());
}

void TestFaultMenu::cancelChangesNothing()
{
    QMenu menu;
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("orders-queue"));
    const QByteArray before = saved();
    whenDialogOpens([](QDialog *dialog) {
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_count"))->setValue(5);
        dialog->reject();
    });
    action(menu, QStringLiteral("fault_burst"))->trigger();
    QCOMPARE(saved(), before);
    QCOMPARE(m_editor->undoStack()->count(), 0);
}

void TestFaultMenu::windowMustNotEndBeforeItStarts()
{
    QMenu menu;
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("process-orders"));
    bool okDisabled = false;
    whenDialogOpens([&okDisabled](QDialog *dialog) {
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_start"))->setValue(100);
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_stop"))->setValue(50);
        auto *problem = dialog->findChild<QWidget *>(QStringLiteral("faultProblem"));
        okDisabled = problem && !problem->isHidden();
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        okDisabled = okDisabled && buttons && !buttons->button(QDialogButtonBox::Ok)->isEnabled();
        dialog->reject();
    });
    action(menu, QStringLiteral("fault_outage"))->trigger();
    QVERIFY(okDisabled);
    QVERIFY(!ui::faults::setOutage(*m_editor, QStringLiteral("process-orders"), 100, 50));
    QCOMPARE(m_editor->undoStack()->count(), 0);
}

void TestFaultMenu::clearFaults()
{
    using namespace ui::faults;
    const QString fn = QStringLiteral("process-orders");
    QVERIFY(setPoisonEvery(*m_editor, fn, 3));
    QVERIFY(setOutage(*m_editor, fn, 1, 2));
    QVERIFY(m_editor->setSimulationValue({QStringLiteral("functions"), fn,
                                          QStringLiteral("duration-ms")},
                                         Value::integer(250)));
    QVERIFY(hasFaults(*m_editor, fn));
    const QByteArray faulty = saved();
    const int steps = m_editor->undoStack()->count();
    QVERIFY(ui::faults::clearFaults(*m_editor, fn));
    QCOMPARE(m_editor->undoStack()->count(), steps + 1);
    const QByteArray cleared = saved();
    QVERIFY(!cleared.contains("poison-every"));
    QVERIFY(!cleared.contains("outage"));
    QVERIFY(cleared.contains("      duration-ms: 250\n")); // behaviour, not a fault: kept
    QVERIFY(!hasFaults(*m_editor, fn));
    QVERIFY(!ui::faults::clearFaults(*m_editor, fn));
    m_editor->undoStack()->undo();
    QCOMPARE(saved(), faulty);
}

/// EW_SCREENSHOT_DIR: the submenu and a window dialog as they are drawn, to look at.
void TestFaultMenu::screenshots()
{
    const QString dir = qEnvironmentVariable("EW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("EW_SCREENSHOT_DIR is not set");
    QDir().mkpath(dir);
    QVERIFY(ui::faults::setErrorRate(*m_editor, QStringLiteral("process-orders"), 0.2));
    QWidget window;
    window.resize(400, 300);
    window.show();
    QMenu menu(&window);
    menu.addAction(QStringLiteral("Properties"));
    ui::addFaultMenu(&menu, m_editor.get(), QStringLiteral("process-orders"));
    auto *sub = menu.findChild<QMenu *>(QStringLiteral("faultMenu"));
    sub->popup(QPoint(20, 20));
    QVERIFY(QTest::qWaitForWindowExposed(sub));
    QVERIFY(sub->grab().save(dir + QStringLiteral("/fault-menu.png")));
    sub->hide();
    whenDialogOpens([dir](QDialog *dialog) {
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("fault_stop"))->setValue(10);
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/fault-dialog.png")));
        dialog->reject();
    });
    menu.findChild<QAction *>(QStringLiteral("fault_throttle"))->trigger();
}

QTEST_MAIN(TestFaultMenu)
#include "tst_faultmenu.moc"

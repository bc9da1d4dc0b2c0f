// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <ui/panels/problemspanel.h>

#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

// The Problems panel offers Show Me only for diagnostics with a show-me script, and asks for it
// with the diagnostic.

using ew::core::Diagnostic;

class tst_problemspanel : public QObject
{
    Q_OBJECT
private slots:
    void showMeOnlyWhereAScriptExists();
    void showMeCheckDecides();
    void contextMenuOffersShowMe();
};

static QList<Diagnostic> diagnostics()
{
    Diagnostic visibility;
    visibility.rule = QStringLiteral("ESM-SQS-003");
    visibility.severity = ew::core::Severity::Error;
    visibility.message = QStringLiteral("visibility timeout below the function timeout");
    visibility.connection = ew::core::ConnectionRef{QStringLiteral("jobs"), QStringLiteral("worker"), QStringLiteral("trigger")};
    visibility.connectionIndex = 0;
    Diagnostic timeout;
    timeout.rule = QStringLiteral("FN-001");
    timeout.message = QStringLiteral("Timeout must be 1 to 900 s");
    timeout.component = QStringLiteral("worker");
    return {visibility, timeout};
}

void tst_problemspanel::showMeOnlyWhereAScriptExists()
{
    ew::ui::ProblemsPanel panel;
    panel.setDiagnostics(diagnostics());
    QSignalSpy spy(&panel, &ew::ui::ProblemsPanel::showMeRequested);
    QVERIFY(!panel.showMeButton()->isEnabled());   // nothing selected

    panel.setCurrentRow(0);
    QVERIFY(panel.showMeButton()->isEnabled());
    QTest::mouseClick(panel.showMeButton(), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<Diagnostic>().rule, QStringLiteral("ESM-SQS-003"));

    panel.setCurrentRow(1);   // FN-001 has no script
    QVERIFY(!panel.showMeButton()->isEnabled());
    QTest::mouseClick(panel.showMeButton(), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

void tst_problemspanel::showMeCheckDecides()
{
    ew::ui::ProblemsPanel panel;
    panel.setDiagnostics(diagnostics());
    panel.setCurrentRow(0);
    QVERIFY(panel.showMeButton()->isEnabled());
    panel.setShowMeCheck([](const Diagnostic &) { return false; });   // the script does not fit
    QVERIFY(!panel.showMeButton()->isEnabled());
    panel.setShowMeCheck([](const Diagnostic &d) { return d.rule == u"FN-001"; });
    panel.setCurrentRow(1);
    QVERIFY(panel.showMeButton()->isEnabled());
}

void tst_problemspanel::contextMenuOffersShowMe()
{
    ew::ui::ProblemsPanel panel;
    panel.resize(600, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setDiagnostics(diagnostics());
    QSignalSpy spy(&panel, &ew::ui::ProblemsPanel::showMeRequested);
    QTreeWidget *list = panel.list();
    const QRect row = list->visualItemRect(list->topLevelItem(0));
    QStringList seen;
    // The menu is modal: read it and choose Show Me once it is up.
    QTimer::singleShot(0, &panel, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *a : menu->actions()) {
            seen << a->text();
            if (a->text() == u"Show Me")
                a->trigger();
        }
        menu->close();
    });
    emit list->customContextMenuRequested(row.center());
    QCOMPARE(seen, (QStringList{QStringLiteral("Explain"), QStringLiteral("Show Me")}));
    QCOMPARE(spy.count(), 1);
}

QTEST_MAIN(tst_problemspanel)
#include "tst_problemspanel.moc"

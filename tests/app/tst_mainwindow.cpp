// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <app/mainwindow.h>
#include <ui/canvas/componentitem.h>
#include <ui/canvas/diagramscene.h>

#include <QGraphicsView>
#include <QListWidget>
#include <QtTest>

using ew::app::MainWindow;

class tst_MainWindow : public QObject
{
    Q_OBJECT
private slots:
    void showsAProject();
    void brokenFileKeepsDocument();
};

void tst_MainWindow::showsAProject()
{
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const auto &d = w.diagram();
    QVERIFY(d.components().size() >= 5);
    QCOMPARE(w.scene()->componentItemCount(), int(d.components().size()));
    QCOMPARE(w.scene()->connectionItemCount(), int(d.connections().size()));
    // Each card sits where the file puts it.
    for (const auto &c : d.components())
        QCOMPARE(w.scene()->componentItem(c.id)->pos(), *c.position);
    // Zoom to fit uses the window's real size: a six-card design is drawn near 100 %.
    QVERIFY2(w.view()->transform().m11() > 0.6, qPrintable(QString::number(w.view()->transform().m11())));
    // Every card is inside the viewport after zoom-to-fit.
    const QRect viewport = w.view()->viewport()->rect();
    for (const auto &c : d.components()) {
        const QRect onScreen = w.view()->mapFromScene(w.scene()->componentItem(c.id)->sceneBoundingRect()).boundingRect();
        QVERIFY2(viewport.contains(onScreen), qPrintable(c.id));
    }
    QVERIFY(w.windowTitle().contains(*d.data().name));
    QCOMPARE(w.problemsList()->count(), 1);   // the "no problems" line

    // scripts/screenshots sets this to refresh the README's picture of the real window.
    const QString shots = qEnvironmentVariable("EW_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        QVERIFY(w.grab().save(shots + QStringLiteral("/main-window.png")));
}

void tst_MainWindow::brokenFileKeepsDocument()
{
    MainWindow w;
    QVERIFY(w.openFile(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml")));
    const size_t before = w.diagram().components().size();
    QVERIFY(!w.openFile(QStringLiteral("/nonexistent/missing.ew.yaml")));
    QVERIFY(w.lastError().contains(QStringLiteral("no such file")));
    QCOMPARE(w.diagram().components().size(), before);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

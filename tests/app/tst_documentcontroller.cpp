// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <app/documentcontroller.h>
#include <app/mainwindow.h>
#include <core/editing/diagrameditor.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QtTest>

using ew::app::DocumentController;
using ew::app::MainWindow;

// Crash recovery with several instances running (issue #9 item 7): a second instance must not
// offer the first one's live autosave, only those whose instance is gone.
class tst_DocumentController : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void unlockedRecoveryIsOffered();
    void recoveryOfALiveInstanceIsNotOffered();
    void autosaveHoldsItsLock();

private:
    QString writeRecoveryFile(const QString &name);
    static void writeLockOf(qint64 pid, const QString &lockPath);
};

void tst_DocumentController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_DocumentController::init()
{
    QDir(DocumentController::recoveryDirectory()).removeRecursively();
    QVERIFY(QDir().mkpath(DocumentController::recoveryDirectory()));
}

QString tst_DocumentController::writeRecoveryFile(const QString &name)
{
    const QString path = QDir(DocumentController::recoveryDirectory()).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write("eventwright: 1\ncomponents: []\nconnections: []\n");
    return path;
}

// A lock file in QLockFile's format, as the process `pid` would have written it.
void tst_DocumentController::writeLockOf(qint64 pid, const QString &lockPath)
{
    const QString app = QFileInfo(QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget()).fileName();
    QFile f(lockPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::number(pid) + '\n' + app.toUtf8() + '\n' + QSysInfo::machineHostName().toUtf8()
            + '\n' + QSysInfo::machineUniqueId() + '\n' + QSysInfo::bootUniqueId() + '\n');
}

void tst_DocumentController::unlockedRecoveryIsOffered()
{
    const QString path = writeRecoveryFile(QStringLiteral("aaaaaaaaaaaa.ew.yaml"));
    QCOMPARE(DocumentController::pendingRecoveries(), QStringList{path});
    // Asking does not consume it.
    QCOMPARE(DocumentController::pendingRecoveries(), QStringList{path});
}

void tst_DocumentController::recoveryOfALiveInstanceIsNotOffered()
{
    const QString live = writeRecoveryFile(QStringLiteral("bbbbbbbbbbbb.ew.yaml"));
    const QString unlocked = writeRecoveryFile(QStringLiteral("cccccccccccc.ew.yaml"));
    // Another instance, alive: a second process holds the lock.
    QProcess other;
    other.start(QStringLiteral("sleep"), {QStringLiteral("300")});
    QVERIFY(other.waitForStarted());
    writeLockOf(other.processId(), live + QStringLiteral(".lock"));
    QCOMPARE(DocumentController::pendingRecoveries(), QStringList{unlocked});
    // Its lock is kept for it.
    QVERIFY(QFileInfo::exists(live + QStringLiteral(".lock")));
    QVERIFY(QFileInfo::exists(live));

    // The other instance is gone (crashed): its lock is stale and its autosave is offered.
    other.kill();
    QVERIFY(other.waitForFinished());
    QStringList pending = DocumentController::pendingRecoveries();
    pending.sort();
    QCOMPARE(pending, (QStringList{live, unlocked}));
}

void tst_DocumentController::autosaveHoldsItsLock()
{
    QString recovery;
    {
        MainWindow w;
        w.editor()->addComponent(QStringLiteral("sqs-queue"), QPointF(0, 0));
        QVERIFY(w.document()->writeRecovery());
        recovery = w.document()->recoveryFile();
        QVERIFY(QFileInfo::exists(recovery));
        QLockFile lock(recovery + QStringLiteral(".lock"));
        lock.setStaleLockTime(0);
        QVERIFY2(!lock.tryLock(0), "the running document holds its recovery lock");
        qint64 pid = 0;
        QString host, app;
        QVERIFY(lock.getLockInfo(&pid, &host, &app));
        QCOMPARE(pid, QCoreApplication::applicationPid());
    }
    // A clean shutdown removes the recovery and its lock.
    QVERIFY(!QFileInfo::exists(recovery));
    QVERIFY(!QFileInfo::exists(recovery + QStringLiteral(".lock")));
}

QTEST_MAIN(tst_DocumentController)
#include "tst_documentcontroller.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/cli.h"
#include "app/documentcontroller.h"
#include "app/mainwindow.h"
#include "app/render.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QMessageBox>

static void setApplicationInfo()
{
    QCoreApplication::setApplicationName(QStringLiteral("Eventwright"));
    QCoreApplication::setOrganizationName(QStringLiteral("Eventwright"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EW_VERSION));
}

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (arguments.value(1) == u"render") {
        // Headless by design: never needs a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setApplicationInfo();
        return ew::app::runRender(arguments);
    }
    if (ew::app::isCliInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        setApplicationInfo();
        return ew::app::runCli(arguments);
    }

    QApplication app(argc, argv);
    setApplicationInfo();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kinds/lambda-function.svg")));
    ew::app::MainWindow window;
    const QStringList files = app.arguments().mid(1);
    if (!files.isEmpty())
        window.openFile(files.first());
    else
        window.showStartPage();   // until a project is created, opened or recovered
    window.show();
    if (!files.isEmpty() && !window.lastError().isEmpty())
        QMessageBox::warning(&window, QObject::tr("Cannot open project"), window.lastError());

    // Unsaved work of a session that ended without closing: offer it back.
    const QStringList recoveries = ew::app::DocumentController::pendingRecoveries();
    if (!recoveries.isEmpty()) {
        const auto answer = QMessageBox::question(
            &window, QObject::tr("Recover unsaved changes?"),
            QObject::tr("Eventwright did not close normally last time. Recover the unsaved "
                        "changes it kept?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) {
            window.document()->recover(recoveries.first());
            window.showDesign();
        }
        for (const QString &r : recoveries)
            ew::app::DocumentController::discardRecovery(r);
    }
    return app.exec();
}

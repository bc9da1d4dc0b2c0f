// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/validation/connectionverdict.h>

#include <QtTest>

using namespace ew::core;

class tst_ConnectionVerdict : public QObject
{
    Q_OBJECT
private slots:
    void verdict_data();
    void verdict();
};

static const QByteArray Project =
    "eventwright: 1\n"
    "components:\n"
    "  - id: api\n    kind: apigateway-http\n"
    "  - id: bucket\n    kind: s3-bucket\n"
    "  - id: queue\n    kind: sqs-queue\n"
    "  - id: fifo\n    kind: sqs-queue\n    properties:\n      FifoQueue: true\n      QueueName: jobs.fifo\n"
    "  - id: fifo-topic\n    kind: sns-topic\n    properties:\n      FifoTopic: true\n      TopicName: t.fifo\n"
    "  - id: topic\n    kind: sns-topic\n"
    "  - id: bus\n    kind: eventbridge-bus\n"
    "  - id: fn\n    kind: lambda-function\n"
    "  - id: other\n    kind: lambda-function\n"
    "  - id: table\n    kind: dynamodb-table\n"
    "connections:\n"
    "  - from: fn\n    to: queue\n    role: dead-letter\n";

void tst_ConnectionVerdict::verdict_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("expectedRole");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("api triggers fn (only role)") << "api" << "fn" << "" << true << "trigger" << "synchronously";
    QTest::newRow("queue polled by fn") << "queue" << "fn" << "" << true << "trigger" << "event source mapping";
    QTest::newRow("s3 async") << "bucket" << "fn" << "" << true << "trigger" << "asynchronously";
    QTest::newRow("fn to topic: several roles") << "fn" << "topic" << "" << true << "" << "Choose how";
    QTest::newRow("fn to topic as on-failure") << "fn" << "topic" << "on-failure" << true << "on-failure" << "fails";
    QTest::newRow("fn to table: access only") << "fn" << "table" << "" << true << "access" << "least-privilege";
    QTest::newRow("api cannot trigger a queue") << "api" << "queue" << "" << false << "" << "no integration";
    QTest::newRow("reverse direction hint") << "fn" << "bucket" << "trigger" << false << "" << "Draw it the other way";
    QTest::newRow("bus cannot invoke fn") << "bus" << "fn" << "" << false << "" << "no integration";
    QTest::newRow("self connection") << "fn" << "fn" << "" << false << "" << "itself";
    QTest::newRow("fifo topic cannot trigger lambda") << "fifo-topic" << "fn" << "" << false << "" << "FIFO SNS topics";
    QTest::newRow("fifo queue is no destination") << "fn" << "fifo" << "on-failure" << false << "" << "FIFO";
    QTest::newRow("fifo queue still accessible") << "fn" << "fifo" << "" << true << "access" << "";
    QTest::newRow("duplicate dead-letter refused") << "fn" << "queue" << "dead-letter" << false << "" << "already";
    QTest::newRow("s3 on-success refused") << "fn" << "bucket" << "on-success" << false << "" << "cannot be the on-success";
    QTest::newRow("fn to fn destination") << "fn" << "other" << "" << true << "" << "on-success";
}

void tst_ConnectionVerdict::verdict()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, role);
    QFETCH(bool, allowed);
    QFETCH(QString, expectedRole);
    QFETCH(QString, reasonPart);
    const ProjectLoadResult loaded = ProjectSerializer::load(Project);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
    const ConnectionVerdict v = checkConnection(*loaded.data, Catalog::builtin(), from, to, role);
    QCOMPARE(v.allowed, allowed);
    QCOMPARE(v.role, expectedRole);
    QVERIFY(!v.reason.isEmpty());
    QVERIFY2(v.reason.contains(reasonPart), qPrintable(v.reason));
    if (allowed && expectedRole.isEmpty())
        QVERIFY(v.roles.size() > 1);
}

QTEST_GUILESS_MAIN(tst_ConnectionVerdict)
#include "tst_connectionverdict.moc"

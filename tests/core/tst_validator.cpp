// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/validation/validator.h>

#include <QDir>
#include <QtTest>

using namespace ew::core;

// Each row pairs a project that triggers a rule with a near-identical one that does not.
class tst_Validator : public QObject
{
    Q_OBJECT
private slots:
    void rule_data();
    void rule();
    void examplesHaveNoErrors_data();
    void examplesHaveNoErrors();
    void everyRuleIsDescribed();
};

static QByteArray project(const QByteArray &queueProps, const QByteArray &functionExtra,
                          const QByteArray &connections, const QByteArray &top = {})
{
    return "eventwright: 1\n" + top
           + "components:\n"
             "  - id: orders\n"
             "    kind: sqs-queue\n"
             "    properties:\n"
             "      VisibilityTimeout: 60\n"
           + queueProps
           + "  - id: dlq\n"
             "    kind: sqs-queue\n"
             "  - id: worker\n"
             "    kind: lambda-function\n"
             "    properties:\n"
             "      Runtime: python3.13\n"
             "      Timeout: 10\n"
           + functionExtra + "connections:\n" + connections;
}

static const QByteArray Trigger = "  - from: orders\n    to: worker\n    role: trigger\n";

void tst_Validator::rule_data()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QByteArray>("good");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("component");
    QTest::addColumn<QString>("fromId");

    QTest::newRow("MODEL-001 unknown kind")
        << project({}, "  - id: cache\n    kind: elasticache-cluster\n", Trigger)
        << project({}, "  - id: cache\n    kind: dynamodb-table\n    properties:\n      PartitionKey: pk:S\n", Trigger)
        << "MODEL-001" << "cache" << "";
    QTest::newRow("MODEL-002 unknown property")
        << project("      VisibilityTimout: 60\n", {}, Trigger)
        << project("      DelaySeconds: 5\n", {}, Trigger) << "MODEL-002" << "orders" << "";
    QTest::newRow("MODEL-003 ill-typed")
        << project({}, "      MemorySize: lots\n", Trigger)
        << project({}, "      MemorySize: 512\n", Trigger) << "MODEL-003" << "worker" << "";
    QTest::newRow("MODEL-003 quoted number is text")
        << project({}, "      MemorySize: \"512\"\n", Trigger)
        << project({}, "      MemorySize: 512\n", Trigger) << "MODEL-003" << "worker" << "";
    QTest::newRow("MODEL-004 below range")
        << project({}, "  - id: clicks\n    kind: kinesis-stream\n    properties:\n      RetentionPeriodHours: 12\n", Trigger)
        << project({}, "  - id: clicks\n    kind: kinesis-stream\n    properties:\n      RetentionPeriodHours: 24\n", Trigger)
        << "MODEL-004" << "clicks" << "";
    QTest::newRow("MODEL-004 not a choice")
        << project({}, "      Architectures:\n        - sparc\n", Trigger)
        << project({}, "      Architectures:\n        - arm64\n", Trigger) << "MODEL-004" << "worker" << "";
    QTest::newRow("MODEL-004 connection property")
        << project({}, {}, Trigger + "  - from: orders\n    to: dlq\n    role: dead-letter\n    properties:\n      maxReceiveCount: 2000\n")
        << project({}, {}, Trigger + "  - from: orders\n    to: dlq\n    role: dead-letter\n    properties:\n      maxReceiveCount: 1000\n")
        << "MODEL-004" << "" << "orders";
    QTest::newRow("MODEL-005 role not allowed")
        << project({}, {}, Trigger + "  - from: worker\n    to: dlq\n    role: trigger\n")
        << project({}, {}, Trigger + "  - from: worker\n    to: dlq\n    role: access\n")
        << "MODEL-005" << "" << "worker";
    QTest::newRow("MODEL-005 unknown role")
        << project({}, {}, Trigger + "  - from: worker\n    to: dlq\n    role: sends-to\n")
        << project({}, {}, Trigger + "  - from: worker\n    to: dlq\n    role: access\n")
        << "MODEL-005" << "" << "worker";
    QTest::newRow("MODEL-006 missing reference")
        << project({}, "  - id: stream\n    kind: kinesis-stream\n",
                   "  - from: stream\n    to: worker\n    role: trigger\n    properties:\n"
                   "      StartingPosition: LATEST\n      OnFailure: nowhere\n")
        << project({}, "  - id: stream\n    kind: kinesis-stream\n",
                   "  - from: stream\n    to: worker\n    role: trigger\n    properties:\n"
                   "      StartingPosition: LATEST\n      OnFailure: dlq\n")
        << "MODEL-006" << "" << "stream";
    QTest::newRow("MODEL-006 wrong kind referenced")
        << project({}, "  - id: stream\n    kind: kinesis-stream\n",
                   "  - from: stream\n    to: worker\n    role: trigger\n    properties:\n"
                   "      StartingPosition: LATEST\n      OnFailure: worker\n")
        << project({}, "  - id: stream\n    kind: kinesis-stream\n",
                   "  - from: stream\n    to: worker\n    role: trigger\n    properties:\n"
                   "      StartingPosition: LATEST\n      OnFailure: dlq\n")
        << "MODEL-006" << "" << "stream";
    QTest::newRow("MODEL-007 unknown connection property")
        << project({}, {}, Trigger + "    properties:\n      StartingPosition: LATEST\n")
        << project({}, {}, Trigger + "    properties:\n      BatchSize: 5\n") << "MODEL-007" << "" << "orders";
    QTest::newRow("MODEL-008 unknown top-level key")
        << project({}, {}, Trigger, "owner: platform-team\n")
        << project({}, {}, Trigger, "name: Orders\n") << "MODEL-008" << "" << "";
    QTest::newRow("MODEL-008 unknown component key")
        << project({}, "    colour: red\n", Trigger)
        << project({}, "    label: Worker\n", Trigger) << "MODEL-008" << "worker" << "";
    QTest::newRow("MODEL-009 required property")
        << project({}, "  - id: table\n    kind: dynamodb-table\n    properties:\n      BillingMode: PAY_PER_REQUEST\n", Trigger)
        << project({}, "  - id: table\n    kind: dynamodb-table\n    properties:\n      BillingMode: PAY_PER_REQUEST\n      PartitionKey: pk:S\n", Trigger)
        << "MODEL-009" << "table" << "";
    // Issue 10, item 12: a card at 1e12 hung `render`; the limit is inclusive.
    QTest::newRow("MODEL-010 far off the canvas")
        << project({}, "    at: [1e12, 0]\n", Trigger)
        << project({}, "    at: [1000000, -1000000]\n", Trigger) << "MODEL-010" << "worker" << "";
    QTest::newRow("MODEL-010 negative y")
        << project({}, "    at: [0, -1000000.5]\n", Trigger)
        << project({}, "    at: [0, -999999.5]\n", Trigger) << "MODEL-010" << "worker" << "";
}

static QList<Diagnostic> validateText(const QByteArray &text)
{
    const ProjectLoadResult loaded = ProjectSerializer::load(text);
    if (!loaded.ok())
        qWarning("%s", qPrintable(loaded.error.format(QStringLiteral("<test>"))));
    return loaded.ok() ? Validator::validate(*loaded.data, Catalog::builtin()) : QList<Diagnostic>{};
}

static QStringList rulesOf(const QList<Diagnostic> &diagnostics)
{
    QStringList ids;
    for (const Diagnostic &d : diagnostics)
        ids << d.rule + QStringLiteral(": ") + d.message;
    return ids;
}

void tst_Validator::rule()
{
    QFETCH(QByteArray, bad);
    QFETCH(QByteArray, good);
    QFETCH(QString, rule);
    QFETCH(QString, component);
    QFETCH(QString, fromId);

    const QList<Diagnostic> badDiagnostics = validateText(bad);
    const auto hit = std::find_if(badDiagnostics.begin(), badDiagnostics.end(),
                                  [&](const Diagnostic &d) { return d.rule == rule; });
    QVERIFY2(hit != badDiagnostics.end(), qPrintable(rulesOf(badDiagnostics).join(u'\n')));
    QCOMPARE(hit->component, component);
    QCOMPARE(hit->connection ? hit->connection->from : QString(), fromId);
    QVERIFY(!hit->message.isEmpty());
    QVERIFY(!hit->fix.isEmpty());
    QVERIFY(hit->severity == Validator::rule(rule)->severity);

    // The near-identical project does not trigger this rule (other rules may have findings).
    const QList<Diagnostic> goodDiagnostics = validateText(good);
    for (const Diagnostic &d : goodDiagnostics)
        QVERIFY2(d.rule != rule, qPrintable(rulesOf(goodDiagnostics).join(u'\n')));
}

void tst_Validator::examplesHaveNoErrors_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    for (const QString &f : dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void tst_Validator::examplesHaveNoErrors()
{
    QFETCH(QString, path);
    const ProjectLoadResult loaded = ProjectSerializer::loadFile(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.format(path)));
    const QList<Diagnostic> diagnostics = Validator::validate(*loaded.data, Catalog::builtin());
    QList<Diagnostic> errors;
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Severity::Error)
            errors << d;
        else
            qInfo("%s: %s", qPrintable(d.rule), qPrintable(d.message));
    }
    QVERIFY2(errors.isEmpty(), qPrintable(rulesOf(errors).join(u'\n')));
}

void tst_Validator::everyRuleIsDescribed()
{
    QStringList ids;
    for (const RuleInfo &r : Validator::rules()) {
        QVERIFY(!ids.contains(r.id));
        ids << r.id;
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Z][A-Z0-9]*(-[A-Z]+)?-\\d{3}$")).match(r.id).hasMatch());
        QVERIFY(!r.summary.isEmpty());
        QVERIFY(r.explanation.size() > r.summary.size());
        QVERIFY(r.url.startsWith(QStringLiteral("https://")));
    }
}

QTEST_GUILESS_MAIN(tst_Validator)
#include "tst_validator.moc"

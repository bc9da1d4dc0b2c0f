// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/catalog/propertycheck.h>
#include <core/io/projectserializer.h>
#include <core/validation/validator.h>

#include <QtTest>

using namespace ew::core;

class tst_Catalog : public QObject
{
    Q_OBJECT
private slots:
    void builtinCatalogIsConsistent();
    void checkFindsBrokenRecords();
    void kindsOfTheFormat_data();
    void kindsOfTheFormat();
    void componentPropertiesOfTheFormat_data();
    void componentPropertiesOfTheFormat();
    void connectionPropertiesOfTheFormat_data();
    void connectionPropertiesOfTheFormat();
    void roles_data();
    void roles();
    void awsLimits_data();
    void awsLimits();
    void everyPropertyIsDocumented();
    void everyRoleHasASummary();
    void runtimeSuggestionsAreCurrent();
};

void tst_Catalog::builtinCatalogIsConsistent()
{
    const QStringList problems = Catalog::builtin().check();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Catalog::checkFindsBrokenRecords()
{
    Catalog c;
    QString error;
    QVERIFY2(c.addKindFile("id: a\nname: A\ncategory: compute\norder: 1\ninvocation: none\n"
                           "summary: s\ndoc: https://x\nproperties:\n"
                           "  - name: T\n    type: integer\n    min: 1\n    max: 9\n    default: 10\n"
                           "    summary: s\n    doc: https://x\n"
                           "connections:\n  - role: trigger\n    to: [ghost]\n",
                           &error),
             qPrintable(error));
    const QStringList problems = c.check();
    QVERIFY2(problems.filter(QStringLiteral("default 10")).size() == 1, qPrintable(problems.join(u'\n')));
    QVERIFY2(problems.filter(QStringLiteral("unknown target kind 'ghost'")).size() == 1,
             qPrintable(problems.join(u'\n')));
    QVERIFY(!c.addKindFile("id: a\nname: again\ninvocation: none\n", &error));
    QVERIFY2(error.contains(QStringLiteral("duplicate kind id")), qPrintable(error));
    QVERIFY(!c.addKindFile("id: b\ninvocation: sometimes\n", &error));
    QVERIFY2(error.startsWith(QStringLiteral("2:")), qPrintable(error));
}

void tst_Catalog::kindsOfTheFormat_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("invocation");
    // PROJECT-FORMAT.md, "Component kinds".
    QTest::newRow("apigateway-rest") << "apigateway-rest" << "sync";
    QTest::newRow("apigateway-http") << "apigateway-http" << "sync";
    QTest::newRow("s3-bucket") << "s3-bucket" << "async";
    QTest::newRow("sns-topic") << "sns-topic" << "async";
    QTest::newRow("eventbridge-rule") << "eventbridge-rule" << "async";
    QTest::newRow("eventbridge-schedule") << "eventbridge-schedule" << "async";
    QTest::newRow("eventbridge-bus") << "eventbridge-bus" << "none";
    QTest::newRow("sqs-queue") << "sqs-queue" << "poll";
    QTest::newRow("kinesis-stream") << "kinesis-stream" << "poll";
    QTest::newRow("dynamodb-table") << "dynamodb-table" << "poll";
    QTest::newRow("msk-cluster") << "msk-cluster" << "poll";
    QTest::newRow("lambda-function") << "lambda-function" << "none";
}

void tst_Catalog::kindsOfTheFormat()
{
    QFETCH(QString, kind);
    QFETCH(QString, invocation);
    const KindSpec *k = Catalog::builtin().kind(kind);
    QVERIFY(k);
    QCOMPARE(toString(k->invocation), invocation);
}

void tst_Catalog::componentPropertiesOfTheFormat_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("properties");
    // PROJECT-FORMAT.md, "common properties" column.
    QTest::newRow("apigateway-rest") << "apigateway-rest" << QStringList{"StageName", "Cors"};
    QTest::newRow("apigateway-http") << "apigateway-http" << QStringList{"StageName", "Cors"};
    QTest::newRow("s3-bucket") << "s3-bucket" << QStringList{"BucketName"};
    QTest::newRow("sns-topic") << "sns-topic" << QStringList{"TopicName", "FifoTopic"};
    QTest::newRow("eventbridge-rule") << "eventbridge-rule" << QStringList{"EventPattern", "EventBusName"};
    QTest::newRow("eventbridge-schedule") << "eventbridge-schedule"
                                          << QStringList{"ScheduleExpression", "ScheduleExpressionTimezone"};
    QTest::newRow("eventbridge-bus") << "eventbridge-bus" << QStringList{"Name"};
    QTest::newRow("sqs-queue") << "sqs-queue"
                               << QStringList{"QueueName", "FifoQueue", "VisibilityTimeout",
                                              "MessageRetentionPeriod", "DelaySeconds",
                                              "ContentBasedDeduplication"};
    QTest::newRow("kinesis-stream") << "kinesis-stream"
                                    << QStringList{"ShardCount", "StreamModeDetails", "RetentionPeriodHours"};
    QTest::newRow("dynamodb-table") << "dynamodb-table"
                                    << QStringList{"TableName", "PartitionKey", "SortKey", "BillingMode",
                                                   "StreamViewType"};
    QTest::newRow("msk-cluster") << "msk-cluster" << QStringList{"ClusterName"};
    QTest::newRow("lambda-function")
        << "lambda-function"
        << QStringList{"Runtime", "Handler", "CodeUri", "MemorySize", "Timeout", "Architectures",
                       "ReservedConcurrentExecutions", "ProvisionedConcurrentExecutions",
                       "EphemeralStorage", "Environment", "MaximumRetryAttempts",
                       "MaximumEventAgeInSeconds"};
}

void tst_Catalog::componentPropertiesOfTheFormat()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, properties);
    const KindSpec *k = Catalog::builtin().kind(kind);
    QVERIFY(k);
    for (const QString &p : properties)
        QVERIFY2(k->property(p), qPrintable(kind + QStringLiteral(" lacks ") + p));
}

void tst_Catalog::connectionPropertiesOfTheFormat_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("properties");
    // PROJECT-FORMAT.md, "Trigger properties by source" and the roles table.
    const QStringList stream = {"BatchSize", "MaximumBatchingWindowInSeconds", "StartingPosition",
                                "ParallelizationFactor", "MaximumRetryAttempts",
                                "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
                                "TumblingWindowInSeconds", "FunctionResponseTypes", "FilterPatterns",
                                "OnFailure", "Enabled"};
    QTest::newRow("sqs") << "sqs-queue" << "trigger"
                         << QStringList{"BatchSize", "MaximumBatchingWindowInSeconds",
                                        "FunctionResponseTypes", "MaximumConcurrency",
                                        "FilterPatterns", "Enabled"};
    QTest::newRow("kinesis") << "kinesis-stream" << "trigger"
                             << stream + QStringList{"StartingPositionTimestamp", "Consumer"};
    QTest::newRow("dynamodb") << "dynamodb-table" << "trigger" << stream;
    QTest::newRow("msk") << "msk-cluster" << "trigger"
                         << QStringList{"Topics", "ConsumerGroupId", "BatchSize",
                                        "MaximumBatchingWindowInSeconds", "StartingPosition",
                                        "StartingPositionTimestamp", "FilterPatterns", "OnFailure",
                                        "Enabled"};
    QTest::newRow("s3") << "s3-bucket" << "trigger" << QStringList{"Events", "FilterPrefix", "FilterSuffix"};
    QTest::newRow("sns") << "sns-topic" << "trigger" << QStringList{"FilterPolicy", "FilterPolicyScope"};
    const QStringList eb = {"Input", "RetryPolicyMaximumRetryAttempts",
                            "RetryPolicyMaximumEventAgeInSeconds", "DeadLetterQueue"};
    QTest::newRow("rule") << "eventbridge-rule" << "trigger" << eb;
    QTest::newRow("schedule") << "eventbridge-schedule" << "trigger" << eb;
    QTest::newRow("rest") << "apigateway-rest" << "trigger"
                          << QStringList{"Method", "Path", "TimeoutInMillis", "Auth"};
    QTest::newRow("http") << "apigateway-http" << "trigger"
                          << QStringList{"Method", "Path", "TimeoutInMillis", "Auth", "PayloadFormatVersion"};
    QTest::newRow("redrive") << "sqs-queue" << "dead-letter" << QStringList{"maxReceiveCount"};
    QTest::newRow("access") << "lambda-function" << "access" << QStringList{"Access"};
}

void tst_Catalog::connectionPropertiesOfTheFormat()
{
    QFETCH(QString, source);
    QFETCH(QString, role);
    QFETCH(QStringList, properties);
    const RoleSpec *r = Catalog::builtin().roleSpec(source, role);
    QVERIFY(r);
    for (const QString &p : properties)
        QVERIFY2(r->property(p), qPrintable(source + u' ' + role + QStringLiteral(" lacks ") + p));
}

void tst_Catalog::roles_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("sqs triggers lambda") << "sqs-queue" << "trigger" << "lambda-function" << true;
    QTest::newRow("s3 triggers lambda") << "s3-bucket" << "trigger" << "lambda-function" << true;
    QTest::newRow("s3 cannot trigger sqs") << "s3-bucket" << "trigger" << "sqs-queue" << false;
    QTest::newRow("lambda on-failure s3") << "lambda-function" << "on-failure" << "s3-bucket" << true;
    // aws-semantics.md §6: S3 is an on-failure destination only.
    QTest::newRow("lambda on-success s3") << "lambda-function" << "on-success" << "s3-bucket" << false;
    QTest::newRow("lambda on-success bus") << "lambda-function" << "on-success" << "eventbridge-bus" << true;
    QTest::newRow("lambda dlq sqs") << "lambda-function" << "dead-letter" << "sqs-queue" << true;
    QTest::newRow("lambda dlq bus") << "lambda-function" << "dead-letter" << "eventbridge-bus" << false;
    QTest::newRow("sqs redrive sqs") << "sqs-queue" << "dead-letter" << "sqs-queue" << true;
    QTest::newRow("lambda access table") << "lambda-function" << "access" << "dynamodb-table" << true;
    QTest::newRow("rule targets queue") << "eventbridge-rule" << "target" << "sqs-queue" << true;
    QTest::newRow("bus triggers nothing") << "eventbridge-bus" << "trigger" << "lambda-function" << false;
}

void tst_Catalog::roles()
{
    QFETCH(QString, source);
    QFETCH(QString, role);
    QFETCH(QString, target);
    QFETCH(bool, allowed);
    QCOMPARE(Catalog::builtin().allows(source, role, target), allowed);
}

void tst_Catalog::awsLimits_data()
{
    // Values from aws-semantics.md §2, §4, §6, §9 (AWS Lambda API reference, SQS API reference).
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("role");      // empty = component property
    QTest::addColumn<QString>("property");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<QString>("defaultValue");
    QTest::newRow("Timeout") << "lambda-function" << "" << "Timeout" << 1.0 << 900.0 << "3";
    QTest::newRow("MemorySize") << "lambda-function" << "" << "MemorySize" << 128.0 << 10240.0 << "128";
    QTest::newRow("EphemeralStorage") << "lambda-function" << "" << "EphemeralStorage" << 512.0 << 10240.0 << "512";
    QTest::newRow("async retries") << "lambda-function" << "" << "MaximumRetryAttempts" << 0.0 << 2.0 << "2";
    QTest::newRow("event age") << "lambda-function" << "" << "MaximumEventAgeInSeconds" << 60.0 << 21600.0 << "21600";
    QTest::newRow("VisibilityTimeout") << "sqs-queue" << "" << "VisibilityTimeout" << 0.0 << 43200.0 << "30";
    QTest::newRow("DelaySeconds") << "sqs-queue" << "" << "DelaySeconds" << 0.0 << 900.0 << "";
    QTest::newRow("sqs BatchSize") << "sqs-queue" << "trigger" << "BatchSize" << 1.0 << 10000.0 << "10";
    QTest::newRow("kinesis BatchSize") << "kinesis-stream" << "trigger" << "BatchSize" << 1.0 << 10000.0 << "100";
    QTest::newRow("ddb BatchSize") << "dynamodb-table" << "trigger" << "BatchSize" << 1.0 << 10000.0 << "100";
    QTest::newRow("window") << "sqs-queue" << "trigger" << "MaximumBatchingWindowInSeconds" << 0.0 << 300.0 << "0";
    QTest::newRow("parallelization") << "kinesis-stream" << "trigger" << "ParallelizationFactor" << 1.0 << 10.0 << "1";
    QTest::newRow("MaximumConcurrency") << "sqs-queue" << "trigger" << "MaximumConcurrency" << 2.0 << 1000.0 << "";
    QTest::newRow("http timeout") << "apigateway-http" << "trigger" << "TimeoutInMillis" << 50.0 << 30000.0 << "30000";
}

void tst_Catalog::awsLimits()
{
    QFETCH(QString, kind);
    QFETCH(QString, role);
    QFETCH(QString, property);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(QString, defaultValue);
    const Catalog &c = Catalog::builtin();
    const PropertySpec *p = role.isEmpty() ? c.kind(kind)->property(property)
                                           : c.roleSpec(kind, role)->property(property);
    QVERIFY(p);
    QCOMPARE(p->min.value_or(-1), min);
    QCOMPARE(p->max.value_or(-1), max);
    if (!defaultValue.isEmpty()) {
        QVERIFY(p->defaultValue);
        QCOMPARE(p->defaultValue->text(), defaultValue);
    }
}

void tst_Catalog::everyPropertyIsDocumented()
{
    int count = 0;
    for (const KindSpec &k : Catalog::builtin().kinds()) {
        QVERIFY2(k.doc.startsWith(QStringLiteral("https://docs.aws.amazon.com/")), qPrintable(k.id));
        std::vector<const PropertySpec *> all;
        for (const PropertySpec &p : k.properties)
            all.push_back(&p);
        for (const RoleSpec &r : k.connections)
            for (const PropertySpec &p : r.properties)
                all.push_back(&p);
        for (const PropertySpec *p : all) {
            ++count;
            QVERIFY2(!p->summary.isEmpty() && p->doc.startsWith(QStringLiteral("https://docs.aws.amazon.com/")),
                     qPrintable(k.id + u'.' + p->name));
        }
    }
    QVERIFY(count > 80);
}

void tst_Catalog::everyRoleHasASummary()
{
    // The canvas's role menu shows one line per role (issue 9): every role entry needs it.
    int count = 0;
    for (const KindSpec &k : Catalog::builtin().kinds()) {
        for (const RoleSpec &r : k.connections) {
            ++count;
            QVERIFY2(!r.summary.trimmed().isEmpty(), qPrintable(k.id + QStringLiteral(" -[") + r.role + u']'));
            QVERIFY2(!r.summary.contains(u'\n'), qPrintable(k.id + QStringLiteral(" -[") + r.role + u']'));
        }
    }
    QVERIFY(count >= 17);
    QVERIFY(Catalog::builtin().roleSpec(QStringLiteral("lambda-function"), QStringLiteral("on-failure"))
                ->summary.contains(QStringLiteral("retries")));
    // check() reports a role entry without one.
    Catalog c;
    QString error;
    QVERIFY2(c.addKindFile("id: a\nname: A\ncategory: compute\norder: 1\ninvocation: none\n"
                           "summary: s\ndoc: https://x\n"
                           "connections:\n  - role: access\n    to: [a]\n",
                           &error),
             qPrintable(error));
    QVERIFY2(c.check().contains(QStringLiteral("a -[access]: summary is required")),
             qPrintable(c.check().join(u'\n')));
}

void tst_Catalog::runtimeSuggestionsAreCurrent()
{
    // The runtimes offered while typing must be ones AWS still lets you create and that are
    // not deprecated (aws-semantics.md §2.1), checked by the validator's own runtime rules.
    qputenv("EW_VALIDATION_DATE", "2026-11-23");
    const PropertySpec *runtime = Catalog::builtin().kind(QStringLiteral("lambda-function"))->property(QStringLiteral("Runtime"));
    QVERIFY(runtime);
    QVERIFY(runtime->suggestions.size() >= 10);
    QVERIFY(runtime->defaultValue && runtime->suggestions.contains(runtime->defaultValue->text()));
    for (const QString &r : runtime->suggestions) {
        const QByteArray text = "eventwright: 1\ncomponents:\n  - id: f\n    kind: lambda-function\n"
                                "    properties:\n      Runtime: " + r.toUtf8() + "\n";
        const ProjectLoadResult loaded = ProjectSerializer::load(text);
        QVERIFY(loaded.ok());
        for (const Diagnostic &d : Validator::validate(*loaded.data, Catalog::builtin())) {
            if (d.rule.startsWith(QStringLiteral("FN-")))
                QVERIFY2(d.severity == Severity::Info, qPrintable(r + QStringLiteral(": ") + d.message));
        }
    }
    qunsetenv("EW_VALIDATION_DATE");
}

QTEST_GUILESS_MAIN(tst_Catalog)
#include "tst_catalog.moc"

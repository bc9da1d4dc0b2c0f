// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/export/samexporter.h>
#include <core/import/samimporter.h>
#include <core/io/projectserializer.h>
#include <core/validation/validator.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ew::core;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(EW_SOURCE_DIR "/tests/import/fixtures/") + name;
}

ImportResult importFixture(const QString &name)
{
    return SamImporter::importFile(fixture(name), Catalog::builtin());
}

const Component *byLabel(const DiagramData &d, const QString &label)
{
    for (const Component &c : d.components) {
        if (c.displayName() == label || c.id == label)
            return &c;
    }
    return nullptr;
}

/// "from -role-> to {k=v,...}" for every connection, sorted.
QStringList edges(const DiagramData &d)
{
    QStringList out;
    for (const Connection &c : d.connections) {
        QStringList props;
        for (const MapEntry &e : c.properties.entries())
            props << e.key + u'=' + e.value.display();
        out << QStringLiteral("%1 -%2-> %3 {%4}").arg(c.from, c.role, c.to, props.join(u','));
    }
    out.sort();
    return out;
}

QString prop(const Component *c, const QString &name)
{
    if (!c)
        return QStringLiteral("<no component>");
    const Value *v = c->properties.find(name);
    return !v ? QString() : v->isScalar() ? v->text() : v->display();
}

/// Loose equality: scalars compare by text (quoting and 1/1.0 aside).
bool same(const Value &a, const Value &b)
{
    if (a.isScalar() && b.isScalar()) {
        if (a.text() == b.text())
            return true;
        if (a.toNumber() && b.toNumber())
            return *a.toNumber() == *b.toNumber();
        return false;
    }
    if (a.type() != b.type())
        return false;
    if (a.isList()) {
        if (a.items().size() != b.items().size())
            return false;
        for (size_t i = 0; i < a.items().size(); ++i) {
            if (!same(a.items()[i], b.items()[i]))
                return false;
        }
        return true;
    }
    if (a.isMap()) {
        if (a.entries().size() != b.entries().size())
            return false;
        for (const MapEntry &e : a.entries()) {
            const Value *o = b.find(e.key);
            if (!o || !same(e.value, *o))
                return false;
        }
    }
    return true;
}

} // namespace

class TstSamImporter : public QObject
{
    Q_OBJECT
private slots:
    void mappings_data();
    void mappings();
    void looksLikeTemplate();
    void errors_data();
    void errors();
    void duplicateKeysKeepLast();
    void unmappedWrittenBack();
    void includeAndDefinitionUriNoted();
    void roundTrip_data();
    void roundTrip();
    void corpus();
    void noFalseErrors_data();
    void noFalseErrors();
    void indentedTopLevel();
    void unmappedWiresReported_data();
    void unmappedWiresReported();
    void exportKeepsTemplate_data();
    void exportKeepsTemplate();
    void realworld();
    void realworldExport();
};

// Each row: fixture, expected edges (subset), expected "label.Property=value" facts.
void TstSamImporter::mappings_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expectedEdges");
    QTest::addColumn<QStringList>("facts");

    QTest::newRow("inline events") << "events.yaml"
        << QStringList{
               "serverless-rest-api -trigger-> worker {Path=/orders,Method=POST}",
               "serverless-http-api -trigger-> worker {Path=/items,Method=GET,PayloadFormatVersion=\"2.0\"}",
               "uploads -trigger-> worker {Events=[s3:ObjectCreated:*],FilterPrefix=in/,FilterSuffix=.jpg}",
               "alerts -trigger-> worker {FilterPolicy={type: [order]}}",
               "jobs -trigger-> worker {BatchSize=5,MaximumConcurrency=3,FilterPatterns=[{body: {kind: [a]}}]}",
               "clicks -trigger-> worker {StartingPosition=LATEST,BatchSize=100,OnFailure=failed-batches}",
               "orders -trigger-> worker {StartingPosition=TRIM_HORIZON}",
               "worker-on-order -trigger-> worker {}",
               "worker-nightly -trigger-> worker {}",
               "worker-hourly -trigger-> worker {}",
               "worker-legacy -trigger-> worker {}",
               "orders-cluster-arn -trigger-> worker {StartingPosition=LATEST,Topics=[orders]}",
           }
        << QStringList{"worker-on-order.kind=eventbridge-rule", "worker-nightly.kind=eventbridge-schedule",
                       "worker-nightly.ScheduleExpression=cron(0 2 * * ? *)", "worker-hourly.ScheduleExpression=rate(1 hour)",
                       "orders-cluster-arn.kind=msk-cluster", "orders-cluster-arn.label=external (parameter OrdersClusterArn)",
                       "orders.StreamViewType=NEW_IMAGE", "orders.PartitionKey=pk:S", "orders.SortKey=sk:N",
                       "clicks.ShardCount=2", "worker.Runtime=python3.12", "worker.Timeout=30", "worker.MemorySize=512"};

    QTest::newRow("standalone") << "standalone.yaml"
        << QStringList{
               "jobs -trigger-> consumer {BatchSize=10,MaximumConcurrency=5}",
               "photos -trigger-> consumer {Events=[s3:ObjectCreated:*],FilterSuffix=.png}",
               "news -trigger-> consumer {FilterPolicy={kind: [x]}}",
               "legacy-topic -trigger-> consumer {}",
               "on-upload -trigger-> consumer {RetryPolicyMaximumRetryAttempts=2,DeadLetterQueue=rule-dlq}",
               "on-upload -target-> jobs {}",
               "tick -trigger-> consumer {Input=\"{\"a\":1}\"}",
               "ping -trigger-> consumer {}",
               "jobs -dead-letter-> jobs-dlq {maxReceiveCount=4}",
               "consumer -on-success-> done-topic {}",
               "consumer -on-failure-> failed {}",
               "consumer -dead-letter-> rule-dlq {}",
           }
        << QStringList{"tick.kind=eventbridge-schedule", "ping.kind=eventbridge-schedule",
                       "on-upload.kind=eventbridge-rule", "consumer.MaximumRetryAttempts=1"};

    QTest::newRow("access") << "access.yaml"
        << QStringList{
               "api-fn -access-> table {Access=read-write}",
               "api-fn -access-> reader-table {Access=read}",
               "api-fn -access-> out-queue {Access=write}",
               "api-fn -access-> files {Access=read}",
               "api-fn -access-> notices {Access=write}",
               "api-fn -access-> bus {Access=write}",
               "api-fn -access-> stream {Access=read}",
               "api-fn -access-> archive {Access=read-write}",
               "role-fn -access-> table {Access=read}",
               "role-fn -access-> out-queue {Access=write}",
           }
        << QStringList{"api-fn.Runtime=nodejs20.x", "api-fn.Timeout=15", "role-fn.Runtime=nodejs20.x",
                       "api-fn.Environment={STAGE: prod}"};

    QTest::newRow("intrinsics json") << "intrinsics.json"
        << QStringList{"queue -trigger-> fn {BatchSize=1}", "fn -access-> table {Access=read-write}",
                       "fn -access-> bucket {Access=write}"}
        << QStringList{"fn.Handler=index.handler"};

    QTest::newRow("crlf anchors date") << "crlf-anchors.yaml"
        << QStringList{"a-queue -trigger-> fn {BatchSize=7}", "b-queue -trigger-> fn {BatchSize=7}"}
        << QStringList{"fn.MemorySize=256"};

    QTest::newRow("lambda and raw apis") << "raw-apis.yaml"
        << QStringList{"rest -trigger-> fn {Method=GET,Path=/items/{id}}",
                       "http -trigger-> fn {Method=POST,Path=/things}",
                       "quick -trigger-> fn {}",
                       "fn -dead-letter-> dlq {}"}
        << QStringList{"fn.CodeUri=code.zip", "fn.Timeout=20", "rest.kind=apigateway-rest", "http.kind=apigateway-http"};
}

void TstSamImporter::mappings()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expectedEdges);
    QFETCH(QStringList, facts);
    const ImportResult r = importFixture(file);
    QVERIFY2(r.ok(), qPrintable(r.error.format(file)));
    const QStringList got = edges(*r.data);
    for (const QString &e : expectedEdges)
        QVERIFY2(got.contains(e), qPrintable(QStringLiteral("missing %1\n got:\n  %2").arg(e, got.join("\n  "))));
    for (const QString &fact : facts) {
        const QString subject = fact.section(u'.', 0, 0);
        const QString rest = fact.section(u'.', 1);
        const QString key = rest.section(u'=', 0, 0);
        const QString want = rest.section(u'=', 1);
        const Component *c = nullptr;
        for (const Component &x : r.data->components)
            if (x.id == subject)
                c = &x;
        QVERIFY2(c, qPrintable(QStringLiteral("no component %1").arg(subject)));
        const QString have = key == u"kind" ? c->kind : key == u"label" ? c->displayName() : prop(c, key);
        QCOMPARE(have, want);
    }
    QSet<QString> ids;
    for (const Component &c : r.data->components) {
        QVERIFY2(ProjectSerializer::isValidId(c.id), qPrintable(c.id));
        QVERIFY(!ids.contains(c.id));
        ids.insert(c.id);
    }
    // What the importer made loads as a project.
    const ProjectLoadResult back = ProjectSerializer::load(ProjectSerializer::save(*r.data));
    QVERIFY2(back.ok(), qPrintable(back.error.message));
}

void TstSamImporter::looksLikeTemplate()
{
    QVERIFY(SamImporter::looksLikeTemplate("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"));
    QVERIFY(SamImporter::looksLikeTemplate("{\n \"Resources\": {}\n}"));
    QVERIFY(SamImporter::looksLikeTemplate("Transform: AWS::Serverless-2016-10-31\n"));
    QVERIFY(!SamImporter::looksLikeTemplate("eventwright: 1\ncomponents: []\n"));
}

void TstSamImporter::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("contains");
    QTest::newRow("tabs") << QByteArray("Resources:\n\tQ:\n\t\tType: AWS::SQS::Queue\n") << 2 << "tab";
    QTest::newRow("bad yaml") << QByteArray("Resources:\n  Q: [1, 2\n") << 3 << "invalid YAML";
    QTest::newRow("no resources") << QByteArray("AWSTemplateFormatVersion: 2010-09-09\n") << 0 << "Resources";
    QTest::newRow("scalar") << QByteArray("hello") << 1 << "Resources";
    QTest::newRow("alias bomb")
        << QByteArray("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nResources: {}\n")
        << -1 << "too many";
}

void TstSamImporter::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, contains);
    const ImportResult r = SamImporter::import(text, Catalog::builtin());
    QVERIFY(!r.ok());
    QVERIFY2(r.error.message.contains(contains, Qt::CaseInsensitive), qPrintable(r.error.message));
    if (line >= 0)
        QCOMPARE(r.error.line, line);
}

void TstSamImporter::duplicateKeysKeepLast()
{
    const ImportResult r = importFixture(QStringLiteral("duplicates.yaml"));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const Component *q = byLabel(*r.data, QStringLiteral("Jobs"));
    QVERIFY(q);
    QCOMPARE(prop(q, QStringLiteral("VisibilityTimeout")), QStringLiteral("60"));
    bool noted = false;
    for (const Diagnostic &d : r.notes)
        noted = noted || (d.message.contains(QStringLiteral("duplicate key 'VisibilityTimeout'")) && d.message.contains("line 6"));
    QVERIFY(noted);
    bool conditionNoted = false;
    for (const Diagnostic &d : r.notes)
        conditionNoted = conditionNoted || d.message.contains(QStringLiteral("Condition IsProd"));
    QVERIFY(conditionNoted);
}

void TstSamImporter::unmappedWrittenBack()
{
    const ImportResult r = importFixture(QStringLiteral("unmapped.yaml"));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.unmapped, QStringList({QStringLiteral("Machine (AWS::StepFunctions::StateMachine)"),
                                      QStringLiteral("Zeta (AWS::Logs::LogGroup)")}));
    // Kept in the project file ...
    const QByteArray saved = ProjectSerializer::save(*r.data);
    QVERIFY(saved.contains("unmapped-resources:"));
    const ProjectLoadResult loaded = ProjectSerializer::load(saved);
    QVERIFY(loaded.ok());
    // ... and written back by the SAM exporter, after ours, sorted.
    const ExportResult ex = SamExporter().exportDiagram(*loaded.data, Catalog::builtin());
    QCOMPARE(ex.files.size(), 1);
    const QByteArray t = ex.files.front().content;
    const qsizetype machine = t.indexOf("\n  Machine:\n");
    const qsizetype zeta = t.indexOf("\n  Zeta:\n");
    QVERIFY2(machine > 0 && zeta > machine, t.constData());
    QVERIFY(t.indexOf("\n  Worker:\n") < machine);
    QVERIFY(t.contains("AWS::StepFunctions::StateMachine"));
    QVERIFY(t.contains("RetentionInDays: 7"));
    // and imported again unchanged
    const ImportResult again = SamImporter::import(t, Catalog::builtin());
    QVERIFY(again.ok());
    QCOMPARE(again.unmapped, r.unmapped);
}

void TstSamImporter::includeAndDefinitionUriNoted()
{
    const ImportResult r = importFixture(QStringLiteral("include.yaml"));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QStringList messages;
    for (const Diagnostic &d : r.notes)
        messages << d.message;
    QVERIFY2(messages.join(u'|').contains(QStringLiteral("AWS::Include")), qPrintable(messages.join(u'|')));
    QVERIFY2(messages.join(u'|').contains(QStringLiteral("DefinitionUri")), qPrintable(messages.join(u'|')));
    const QStringList got = edges(*r.data);
    QVERIFY2(got.contains(QStringLiteral("api -trigger-> fn {Path=/,Method=GET}")), qPrintable(got.join(u'\n')));
    QVERIFY2(got.contains(QStringLiteral("outside -trigger-> fn {}")), qPrintable(got.join(u'\n')));
    const Component *outside = byLabel(*r.data, QStringLiteral("external (arn:aws:sqs:eu-west-1:123456789012:outside)"));
    QVERIFY(outside);
    QCOMPARE(outside->kind, QStringLiteral("sqs-queue"));
    // The API without a route to a function is kept as a resource.
    QCOMPARE(r.unmapped, QStringList{QStringLiteral("Other (AWS::Serverless::Api)")});
}

void TstSamImporter::roundTrip_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    for (const QString &f : dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TstSamImporter::roundTrip()
{
    QFETCH(QString, path);
    const Catalog &catalog = Catalog::builtin();
    const ProjectLoadResult original = ProjectSerializer::loadFile(path);
    QVERIFY(original.ok());
    const ExportResult ex = SamExporter().exportDiagram(*original.data, catalog);
    QVERIFY(!ex.files.isEmpty());
    const ImportResult r = SamImporter::import(ex.files.front().content, catalog);
    QVERIFY2(r.ok(), qPrintable(r.error.format(path)));
    QVERIFY2(r.unmapped.isEmpty(), qPrintable(r.unmapped.join(", ")));
    const DiagramData &a = *original.data;
    const DiagramData &b = *r.data;
    QStringList problems;
    for (const Component &ca : a.components) {
        const Component *cb = nullptr;
        for (const Component &x : b.components)
            if (x.id == ca.id)
                cb = &x;
        if (!cb) {
            problems << QStringLiteral("component %1 missing").arg(ca.id);
            continue;
        }
        if (cb->kind != ca.kind)
            problems << QStringLiteral("%1: kind %2 != %3").arg(ca.id, cb->kind, ca.kind);
        if (cb->position != ca.position)
            problems << QStringLiteral("%1: position differs").arg(ca.id);
        if (cb->label != ca.label)
            problems << QStringLiteral("%1: label differs").arg(ca.id);
        const KindSpec *kind = catalog.kind(ca.kind);
        for (const MapEntry &e : ca.properties.entries()) {
            // A rule on the default bus is written without EventBusName.
            if (ca.kind == u"eventbridge-rule" && e.key == u"EventBusName" && e.value.text() == u"default")
                continue;
            const Value *v = cb->properties.find(e.key);
            if (!v || !same(*v, e.value))
                problems << QStringLiteral("%1.%2: %3 != %4").arg(ca.id, e.key, v ? v->display() : "-", e.value.display());
        }
        for (const MapEntry &e : cb->properties.entries()) {
            if (ca.properties.find(e.key))
                continue;
            const PropertySpec *spec = kind ? kind->property(e.key) : nullptr;
            if (!(spec && spec->defaultValue && same(*spec->defaultValue, e.value)))
                problems << QStringLiteral("%1.%2 added: %3").arg(ca.id, e.key, e.value.display());
        }
    }
    if (b.components.size() != a.components.size())
        problems << QStringLiteral("%1 components instead of %2").arg(b.components.size()).arg(a.components.size());
    // Connections: compare from/role/to and the properties the model sets.
    auto key = [](const Connection &c) { return c.from + u' ' + c.role + u' ' + c.to; };
    std::vector<bool> used(b.connections.size(), false);
    for (const Connection &ca : a.connections) {
        bool found = false;
        for (size_t i = 0; i < b.connections.size() && !found; ++i) {
            const Connection &cb = b.connections[i];
            if (used[i] || key(cb) != key(ca))
                continue;
            bool ok = true;
            for (const MapEntry &e : ca.properties.entries()) {
                const Value *v = cb.properties.find(e.key);
                if (!v || !same(*v, e.value))
                    ok = false;
            }
            if (ok) {
                used[i] = true;
                found = true;
            }
        }
        if (!found) {
            QStringList props;
            for (const MapEntry &e : ca.properties.entries())
                props << e.key + u'=' + e.value.display();
            problems << QStringLiteral("connection %1 {%2} missing").arg(key(ca), props.join(u','));
        }
    }
    if (b.connections.size() != a.connections.size())
        problems << QStringLiteral("%1 connections instead of %2:\n  %3")
                        .arg(b.connections.size())
                        .arg(a.connections.size())
                        .arg(edges(b).join("\n  "));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TstSamImporter::corpus()
{
    const QString root = QDir::cleanPath(QStringLiteral(EW_SOURCE_DIR "/../shared/corpus"));
    QFile index(root + QStringLiteral("/index.tsv"));
    if (!index.open(QIODevice::ReadOnly))
        QSKIP(qPrintable(QStringLiteral("corpus not found at %1 (CI clones shared/ beside the repository)").arg(root)));
    const QStringList lines = QString::fromUtf8(index.readAll()).split(u'\n', Qt::SkipEmptyParts);
    const QStringList header = lines.value(0).split(u'\t');
    const int nameCol = header.indexOf(QStringLiteral("name"));
    const int formatCol = header.indexOf(QStringLiteral("formats"));
    const int filesCol = header.indexOf(QStringLiteral("files"));
    const int triggersCol = header.indexOf(QStringLiteral("triggers"));
    const QHash<QString, QString> kindOf = {
        {"api-rest", "apigateway-rest"}, {"api-http", "apigateway-http"}, {"s3", "s3-bucket"}, {"sns", "sns-topic"},
        {"sqs", "sqs-queue"}, {"sqs-fifo", "sqs-queue"}, {"kinesis", "kinesis-stream"}, {"eb-rule", "eventbridge-rule"},
        {"eb-schedule", "eventbridge-schedule"}, {"ddb-stream", "dynamodb-table"}, {"kafka", "msk-cluster"}};
    const QString validator = QStringLiteral(EW_SOURCE_DIR "/tests/external/bin/validate-sam");
    const bool canValidate = QFileInfo::exists(QStringLiteral(EW_SOURCE_DIR "/tests/external/node_modules"));
    if (!canValidate)
        qInfo("corpus: tests/external/node_modules is missing, so re-exports are not schema-checked (run tests/external/setup)");
    QTemporaryDir tmp;
    int total = 0, imported = 0, triggersMatch = 0, validated = 0, valid = 0, roundTrips = 0;
    QStringList failures, mismatches, invalid, exported, roundTripProblems;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cols = lines[i].split(u'\t');
        if (cols.value(formatCol) != u"sam")
            continue;
        const QString name = cols.value(nameCol);
        QString file;
        for (const QString &f : cols.value(filesCol).split(u';')) {
            if (f == u"template.yaml" || f == u"template.yml" || f == u"template_original.yaml")
                file = f;
        }
        ++total;
        const QString path = root + QStringLiteral("/serverless-patterns/") + name + u'/' + file;
        const ImportResult r = SamImporter::importFile(path, Catalog::builtin());
        if (!r.ok()) {
            failures << name + QStringLiteral(": ") + r.error.format(file);
            continue;
        }
        ++imported;
        QSet<QString> want;
        for (const QString &t : cols.value(triggersCol).split(u';')) {
            const QString k = t.section(u'*', 0, 0).trimmed();
            if (k.isEmpty() || k == u"-")
                continue;
            want.insert(kindOf.value(k, k));
        }
        QSet<QString> have;
        for (const Connection &c : r.data->connections) {
            if (c.role != u"trigger")
                continue;
            for (const Component &x : r.data->components)
                if (x.id == c.from)
                    have.insert(x.kind);
        }
        if (have == want)
            ++triggersMatch;
        else
            mismatches << QStringLiteral("%1: want %2, have %3")
                              .arg(name, QStringList(want.values()).join(u','), QStringList(have.values()).join(u','));
        // import → export → import gives the same model: components (id, kind, label,
        // position) and connections (from, role, to) survive the round trip.
        {
            const ExportResult again = SamExporter().exportDiagram(*r.data, Catalog::builtin());
            const ImportResult r2 = SamImporter::import(again.files.front().content, Catalog::builtin());
            auto shape = [](const DiagramData &d) {
                QStringList items;
                for (const Component &c : d.components)
                    items << QStringLiteral("C %1 %2 %3").arg(c.id, c.kind, c.displayName());
                for (const Connection &c : d.connections)
                    items << QStringLiteral("K %1 -%2-> %3").arg(c.from, c.role, c.to);
                items.sort();
                return items;
            };
            if (r2.ok() && shape(*r2.data) == shape(*r.data))
                ++roundTrips;
            else
                roundTripProblems << name;
        }
        if (canValidate) {
            const ExportResult ex = SamExporter().exportDiagram(*r.data, Catalog::builtin());
            const QString out = tmp.filePath(name + QStringLiteral(".yaml"));
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(ex.files.front().content);
            f.close();
            exported << out;
        }
    }
    if (!exported.isEmpty()) {
        // One validator run for all re-exports; it names each file it finds invalid.
        QProcess p;
        p.start(validator, QStringList{QStringLiteral("--no-cfn-lint")} + exported);
        QVERIFY(p.waitForFinished(600000));
        const QString output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        for (const QString &file : exported) {
            ++validated;
            QStringList errors;
            for (const QString &l : output.split(u'\n')) {
                if (l.startsWith(file) && l.contains(QStringLiteral(": error:")))
                    errors << l.mid(tmp.path().size() + 1);
            }
            if (errors.isEmpty())
                ++valid;
            else
                invalid << errors.join(QStringLiteral("; ")).left(600);
        }
        if (p.exitCode() == 2)
            qInfo("validate-sam: %s", qPrintable(output.left(2000)));
    }
    const double importedPercent = total ? 100.0 * imported / total : 0;
    const double triggerPercent = total ? 100.0 * triggersMatch / total : 0;
    for (const QString &f : failures)
        qInfo("corpus import failure: %s", qPrintable(f));
    for (const QString &m : mismatches)
        qInfo("corpus trigger mismatch: %s", qPrintable(m));
    for (const QString &m : invalid)
        qInfo("corpus re-export invalid: %s", qPrintable(m));
    for (const QString &m : std::as_const(roundTripProblems))
        qInfo("corpus round trip differs: %s", qPrintable(m));
    qInfo("corpus: %d SAM patterns; imported %d (%.1f %%); trigger kinds match %d (%.1f %%); re-exports valid %d of %d; "
          "import -> export -> import same model %d of %d",
          total, imported, importedPercent, triggersMatch, triggerPercent, valid, validated, roundTrips, imported);
    QVERIFY(total >= 70);
    QVERIFY(importedPercent >= 95.0);
    QVERIFY(triggerPercent >= 95.0);
    // Every re-export passes the SAM schema check, and the round trip keeps the model.
    if (validated)
        QCOMPARE(valid, validated);
    QCOMPARE(roundTrips, imported);
}


namespace {

/// Error-severity rule ids the validator reports on a template's import.
QStringList errorsOf(const QByteArray &templ, QString *detail = nullptr)
{
    const ImportResult r = SamImporter::import(templ, Catalog::builtin());
    if (!r.ok())
        return {QStringLiteral("IMPORT-FAILED: ") + r.error.message};
    QStringList out;
    for (const Diagnostic &d : Validator::validate(*r.data, Catalog::builtin())) {
        if (d.severity == Severity::Error) {
            out << d.rule;
            if (detail)
                *detail += d.rule + QStringLiteral(": ") + d.message + u'\n';
        }
    }
    return out;
}

const char *const SamHead = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

} // namespace

// Issue 10, items 1-5: valid, deployable templates that drew error-severity findings.
void TstSamImporter::noFalseErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("facts");
    const QByteArray fn = "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                          "      Runtime: python3.13\n      Handler: app.handler\n      CodeUri: src/\n";
    QTest::newRow("1 intrinsics in Layers")
        << QByteArray("Parameters:\n  P: {Type: String}\nResources:\n  DepsLayer:\n    Type: AWS::Serverless::LayerVersion\n"
                      "    Properties: {ContentUri: deps/}\n" + fn
                      + "      Layers:\n        - !Sub arn:aws:lambda:${AWS::Region}:123456789012:layer:x:1\n"
                        "        - !Ref DepsLayer\n")
        << QStringList{};
    QTest::newRow("1 intrinsic Kafka topic")
        << QByteArray("Parameters:\n  MSKTopicName: {Type: String}\n  ClusterArn: {Type: String}\nResources:\n" + fn
                      + "      Events:\n        K:\n          Type: MSK\n          Properties:\n"
                        "            Stream: !Ref ClusterArn\n            StartingPosition: LATEST\n"
                        "            Topics: [!Ref MSKTopicName]\n")
        << QStringList{};
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
    QTest::newRow("2 API methods in any case")
        << QByteArray("Resources:\n" + fn
                      + "      Events:\n        A: {Type: Api, Properties: {Path: /a, Method: get}}\n"
                        "        B: {Type: Api, Properties: {Path: /b, Method: Post}}\n"
                        "        C: {Type: HttpApi, Properties: {Path: /c, Method: any}}\n")
        << QStringList{};
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html
    QTest::newRow("3 SimpleTable without PrimaryKey")
        << QByteArray("Resources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n" + fn
                      + "      Policies:\n        - DynamoDBCrudPolicy: {TableName: !Ref T}\n")
        << QStringList{"t.PartitionKey=id:S"};
    QTest::newRow("3 KeySchema + AttributeDefinitions")
        << QByteArray("Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
                      "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: sk, AttributeType: N}]\n"
                      "      KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: sk, KeyType: RANGE}]\n" + fn
                      + "      Environment: {Variables: {TABLE: !Ref T}}\n")
        << QStringList{"t.PartitionKey=pk:S", "t.SortKey=sk:N"};
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-schedule.html
    QTest::newRow("4 schedule expressions from parameters")
        << QByteArray("Parameters:\n  Rate: {Type: String, Default: rate(1 hour)}\nConditions:\n  Prod: !Equals [a, a]\nResources:\n" + fn
                      + "      Events:\n        S1: {Type: Schedule, Properties: {Schedule: !Ref Rate}}\n"
                        "        S2: {Type: ScheduleV2, Properties: {ScheduleExpression: !Sub '${Rate}'}}\n"
                        "  R:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: !Ref Rate\n"
                        "      Targets: [{Arn: !GetAtt Fn.Arn, Id: t}]\n"
                        "  S:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n"
                        "      ScheduleExpression: !If [Prod, rate(1 hour), rate(1 day)]\n      FlexibleTimeWindow: {Mode: 'OFF'}\n"
                        "      Target: {Arn: !GetAtt Fn.Arn, RoleArn: arn:aws:iam::123456789012:role/x}\n")
        << QStringList{"r.kind=eventbridge-schedule", "s.kind=eventbridge-schedule"};
    // CloudFormation converts quoted numbers for numeric properties.
    QTest::newRow("quoted numbers")
        << QByteArray("Resources:\n" + fn + "      Timeout: '100'\n      MemorySize: \"256\"\n")
        << QStringList{"fn.Timeout=100"};
    QTest::newRow("5 SQS consumer names its queue")
        << QByteArray("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 60}\n" + fn
                      + "      Environment: {Variables: {QUEUE_URL: !Ref Q}}\n"
                        "      Events:\n        E: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}\n")
        << QStringList{};
    QTest::newRow("5 SQSPollerPolicy and statements")
        << QByteArray("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 60}\n" + fn
                      + "      Policies:\n        - SQSPollerPolicy: {QueueName: !GetAtt Q.QueueName}\n"
                        "        - Statement: [{Effect: Allow, Action: [sqs:ReceiveMessage, sqs:DeleteMessage], Resource: !GetAtt Q.Arn}]\n"
                        "      Environment: {Variables: {QUEUE_URL: !Ref Q}}\n"
                        "      Events:\n        E: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}\n")
        << QStringList{};
    QTest::newRow("5 Kinesis and DynamoDB stream readers")
        << QByteArray("Resources:\n  K:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}\n"
                      "  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
                      "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
                      "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n"
                      "      StreamSpecification: {StreamViewType: NEW_IMAGE}\n" + fn
                      + "      Policies:\n        - KinesisStreamReadPolicy: {StreamName: !Ref K}\n"
                        "        - DynamoDBStreamReadPolicy: {TableName: !Ref T, StreamName: !Select [3, !Split ['/', !GetAtt T.StreamArn]]}\n"
                        "      Environment: {Variables: {STREAM: !Ref K, TABLE: !Ref T}}\n"
                        "      Events:\n"
                        "        K1: {Type: Kinesis, Properties: {Stream: !GetAtt K.Arn, StartingPosition: LATEST, MaximumRetryAttempts: 2, DestinationConfig: {OnFailure: {Destination: arn:aws:sqs:eu-west-1:123456789012:dlq}}}}\n"
                        "        D1: {Type: DynamoDB, Properties: {Stream: !GetAtt T.StreamArn, StartingPosition: LATEST}}\n")
        << QStringList{};
}

void TstSamImporter::noFalseErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, facts);
    QString detail;
    const QByteArray templ = SamHead + body;
    const QStringList errors = errorsOf(templ, &detail);
    QVERIFY2(errors.isEmpty(), qPrintable(detail + errors.join(u' ')));
    const ImportResult r = SamImporter::import(templ, Catalog::builtin());
    for (const QString &fact : facts) {
        const Component *c = byLabel(*r.data, fact.section(u'.', 0, 0));
        const QString key = fact.section(u'.', 1).section(u'=', 0, 0);
        const QString want = fact.section(u'=', 1);
        QCOMPARE(key == u"kind" ? (c ? c->kind : QString()) : prop(c, key), want);
    }
}

// Issue 10, item 6: valid YAML whose every top-level key is indented.
void TstSamImporter::indentedTopLevel()
{
    const QByteArray indented = "  AWSTemplateFormatVersion: '2010-09-09'\n  Transform: AWS::Serverless-2016-10-31\n"
                                "  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n";
    QVERIFY(SamImporter::looksLikeTemplate(indented));
    const ImportResult r = SamImporter::import(indented, Catalog::builtin());
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(int(r.data->components.size()), 1);
}

// Issue 10, item 7: everything a template wires is drawn or reported.
void TstSamImporter::unmappedWiresReported_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reported");
    QTest::newRow("DynamoDB Kinesis streaming destination")
        << QByteArray("Resources:\n  K:\n    Type: AWS::Kinesis::Stream\n    Properties: {ShardCount: 1}\n"
                      "  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
                      "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
                      "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n"
                      "      KinesisStreamSpecification: {StreamArn: !GetAtt K.Arn}\n")
        << "KinesisStreamSpecification";
    QTest::newRow("SNS to SQS subscription resource")
        << QByteArray("Resources:\n  T: {Type: AWS::SNS::Topic}\n  Q: {Type: AWS::SQS::Queue}\n"
                      "  S:\n    Type: AWS::SNS::Subscription\n    Properties: {Protocol: sqs, TopicArn: !Ref T, Endpoint: !GetAtt Q.Arn}\n")
        << "protocol sqs";
    QTest::newRow("SNS to SQS inline subscription")
        << QByteArray("Resources:\n  Q: {Type: AWS::SQS::Queue}\n"
                      "  T:\n    Type: AWS::SNS::Topic\n    Properties: {Subscription: [{Protocol: sqs, Endpoint: !GetAtt Q.Arn}]}\n")
        << "protocol sqs";
    QTest::newRow("Outputs")
        << QByteArray("Resources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n  QueueUrl: {Value: !Ref Q}\n")
        << "Outputs are not imported";
    QTest::newRow("WebSocket API")
        << QByteArray("Resources:\n  W:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: w, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}\n")
        << "W (AWS::ApiGatewayV2::Api)";
}

void TstSamImporter::unmappedWiresReported()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reported);
    const ImportResult r = SamImporter::import(SamHead + body, Catalog::builtin());
    QVERIFY(r.ok());
    QStringList said = r.unmapped;
    for (const Diagnostic &d : r.notes)
        said << d.message;
    QVERIFY2(said.join(u'\n').contains(reported), qPrintable(said.join(u'\n')));
}

// Import → export SAM keeps what kept resources rely on (found by realworld_export_sam).
void TstSamImporter::exportKeepsTemplate_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("wanted");
    QTest::addColumn<QStringList>("unwanted");
    // A Connector names the function by its logical id; renaming it broke the Connector.
    QTest::newRow("logical id of a function (Connector)")
        << QByteArray("Resources:\n  T: {Type: AWS::Serverless::SimpleTable}\n"
                      "  getAllItemsFunction:\n    Type: AWS::Serverless::Function\n"
                      "    Properties: {Handler: a.h, Runtime: python3.12, CodeUri: src/}\n"
                      "  C:\n    Type: AWS::Serverless::Connector\n"
                      "    Properties: {Source: {Id: getAllItemsFunction}, Destination: {Id: T}, Permissions: [Read]}\n")
        << QStringList{QStringLiteral("\n  getAllItemsFunction:\n    Type: AWS::Serverless::Function")}
        << QStringList{QStringLiteral("GetAllItemsFunction:")};
    // <Api>ApiGatewayDefaultStage: the API keeps its logical id, and a $default stage is not
    // written as StageName ($default is SAM's default; either way the stage has that name).
    QTest::newRow("logical id of an HTTP API (derived stage name)")
        << QByteArray("Resources:\n  ReportingAPIV1: {Type: AWS::Serverless::HttpApi}\n"
                      "  F:\n    Type: AWS::Serverless::Function\n"
                      "    Properties:\n      Handler: a.h\n      Runtime: nodejs22.x\n      CodeUri: src/\n"
                      "      Events: {E: {Type: HttpApi, Properties: {ApiId: !Ref ReportingAPIV1, Method: GET, Path: /}}}\n"
                      "  M:\n    Type: AWS::ApiGatewayV2::ApiMapping\n    DependsOn: ReportingAPIV1ApiGatewayDefaultStage\n"
                      "    Properties: {ApiId: !Ref ReportingAPIV1, DomainName: d.example.com, Stage: $default}\n")
        << QStringList{QStringLiteral("\n  ReportingAPIV1:\n    Type: AWS::Serverless::HttpApi"),
                       QStringLiteral("DependsOn: ReportingAPIV1ApiGatewayDefaultStage")}
        << QStringList{QStringLiteral("ReportingApiv1"), QStringLiteral("StageName")};
    // The role folded into the function is named by an environment variable: it stays.
    QTest::newRow("helper named by an imported property")
        << QByteArray("Resources:\n  R:\n    Type: AWS::IAM::Role\n"
                      "    Properties: {AssumeRolePolicyDocument: {Statement: []}}\n"
                      "  F:\n    Type: AWS::Lambda::Function\n"
                      "    Properties: {Handler: a.h, Runtime: nodejs22.x, Code: {S3Bucket: b, S3Key: k}, Role: !GetAtt R.Arn,"
                      " Environment: {Variables: {ROLE: !GetAtt R.Arn}}}\n")
        << QStringList{QStringLiteral("\n  R:\n    Type: AWS::IAM::Role")}
        << QStringList{};
    // A kept resource needs the function's own role, named as SAM names the one it would
    // create: the function uses it instead of SAM creating a second <Function>Role.
    QTest::newRow("kept <Function>Role is the function's role")
        << QByteArray("Resources:\n  OrderFunctionRole:\n    Type: AWS::IAM::Role\n"
                      "    Properties: {AssumeRolePolicyDocument: {Statement: []}}\n"
                      "  OrderFunction:\n    Type: AWS::Serverless::Function\n"
                      "    Properties: {Handler: a.h, Runtime: nodejs22.x, CodeUri: src/, Role: !GetAtt OrderFunctionRole.Arn}\n"
                      "  AccessRole:\n    Type: AWS::IAM::Role\n"
                      "    Properties: {AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Action: sts:AssumeRole,"
                      " Principal: {AWS: !GetAtt OrderFunctionRole.Arn}}]}}\n")
        << QStringList{QStringLiteral("Role:\n        Fn::GetAtt:\n          - OrderFunctionRole\n          - Arn"),
                       QStringLiteral("\n  OrderFunctionRole:\n    Type: AWS::IAM::Role")}
        << QStringList{};
    // <Function>.Version exists only with AutoPublishAlias; the nested attribute is written
    // in the list form, which cfn-lint reads as the short form.
    QTest::newRow("Function.Version needs AutoPublishAlias")
        << QByteArray("Resources:\n  Lambda:\n    Type: AWS::Serverless::Function\n"
                      "    Properties: {Handler: a.h, Runtime: nodejs22.x, CodeUri: src/, AutoPublishAlias: live}\n"
                      "  D:\n    Type: AWS::CloudFront::Distribution\n"
                      "    Properties: {DistributionConfig: {Arn: !GetAtt Lambda.Version.FunctionArn}}\n")
        << QStringList{QStringLiteral("AutoPublishAlias: live"),
                       QStringLiteral("Fn::GetAtt:\n            - Lambda\n            - Version.FunctionArn")}
        << QStringList{};
    QTest::newRow("AWS::LanguageExtensions stays")
        << QByteArray("Resources:\n  Q: {Type: AWS::SQS::Queue}\n  W: {Type: AWS::CloudFormation::WaitConditionHandle}\n")
        << QStringList{QStringLiteral("Transform:\n  - AWS::LanguageExtensions\n  - AWS::Serverless-2016-10-31\n")}
        << QStringList{};
}

void TstSamImporter::exportKeepsTemplate()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, wanted);
    QFETCH(QStringList, unwanted);
    QByteArray head = SamHead;
    if (QByteArray(QTest::currentDataTag()).contains("LanguageExtensions"))
        head = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n";
    const ImportResult r = SamImporter::import(head + body, Catalog::builtin());
    QVERIFY(r.ok());
    const ExportResult ex = SamExporter().exportDiagram(*r.data, Catalog::builtin());
    const QString text = QString::fromUtf8(ex.files.front().content);
    for (const QString &w : wanted)
        QVERIFY2(text.contains(w), qPrintable(QStringLiteral("missing: %1\n%2").arg(w, text)));
    for (const QString &u : unwanted)
        QVERIFY2(!text.contains(u), qPrintable(QStringLiteral("unexpected: %1\n%2").arg(u, text)));
    // Exported again after a re-import, the names stay the same.
    const ImportResult again = SamImporter::import(ex.files.front().content, Catalog::builtin());
    QVERIFY(again.ok());
    const QString text2 = QString::fromUtf8(SamExporter().exportDiagram(*again.data, Catalog::builtin()).files.front().content);
    for (const QString &w : wanted)
        QVERIFY2(text2.contains(w), qPrintable(QStringLiteral("missing after a round trip: %1\n%2").arg(w, text2)));
}

namespace {

struct RealTemplate
{
    QString file;
    bool invalid = false;
    QSet<QString> allowed;   ///< error rule ids justified in index.yaml (true errors)
    QSet<QString> knownFalse; ///< errors index.yaml admits are false (counted in the rate)
    QString exportNote;
};

/// tests/realworld/index.yaml, read line by line (its shape is fixed by collect.py).
QList<RealTemplate> realTemplates(const QString &root)
{
    QList<RealTemplate> out;
    QFile f(root + QStringLiteral("/index.yaml"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const auto unquote = [](QString v) {
        v = v.trimmed();
        if (v.startsWith(u'"') && v.endsWith(u'"'))
            v = v.mid(1, v.size() - 2).replace(QStringLiteral("\\\""), QStringLiteral("\"")).replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        return v;
    };
    bool falseSection = false;
    for (const QString &line : QString::fromUtf8(f.readAll()).split(u'\n')) {
        const QString t = line.trimmed();
        if (t.startsWith(QStringLiteral("- file:"))) {
            out.append(RealTemplate{});
            out.back().file = unquote(t.mid(7));
        } else if (out.isEmpty()) {
            continue;
        } else if (t == u"errors:" || t == u"known-false:") {
            falseSection = t == u"known-false:";
        } else if (t.startsWith(QStringLiteral("- rule:"))) {
            (falseSection ? out.back().knownFalse : out.back().allowed).insert(t.mid(7).trimmed());
        } else if (t == u"invalid: true") {
            out.back().invalid = true;
        } else if (t.startsWith(QStringLiteral("export:"))) {
            out.back().exportNote = unquote(t.mid(7));
        }
    }
    return out;
}

} // namespace

// Real templates (tests/realworld): no valid template draws an error-severity finding that
// index.yaml does not justify; prints the rate of templates with an error.
void TstSamImporter::realworld()
{
    // FN-006/007 compare runtime dates with the validation date; the justifications were
    // written for this one.
    qputenv("EW_VALIDATION_DATE", "2026-12-04");
    const QString root = QStringLiteral(EW_SOURCE_DIR "/tests/realworld");
    const QList<RealTemplate> all = realTemplates(root);
    QVERIFY2(all.size() >= 150, "tests/realworld/index.yaml lists fewer than 150 templates");
    int valid = 0, withError = 0, unjustifiedTemplates = 0, falseTemplates = 0, importFailures = 0;
    QStringList problems;
    for (const RealTemplate &t : all) {
        if (t.invalid)
            continue;
        ++valid;
        QFile f(root + u'/' + t.file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(t.file));
        const QByteArray text = f.readAll();
        if (!SamImporter::looksLikeTemplate(text))
            problems << t.file + QStringLiteral(": not recognised as a template");
        QString detail;
        const QStringList errors = errorsOf(text, &detail);
        if (!errors.isEmpty())
            ++withError;
        QStringList unjustified;
        bool admittedFalse = false;
        for (const QString &e : errors) {
            if (e.startsWith(QStringLiteral("IMPORT-FAILED")))
                ++importFailures;
            if (t.knownFalse.contains(e))
                admittedFalse = true;
            else if (!t.allowed.contains(e))
                unjustified << e;
        }
        if (admittedFalse || !unjustified.isEmpty())
            ++falseTemplates;
        if (!unjustified.isEmpty()) {
            ++unjustifiedTemplates;
            problems << t.file + QStringLiteral(": ") + detail.trimmed().replace(u'\n', QStringLiteral(" | ")).left(700);
        }
    }
    for (const QString &p : std::as_const(problems))
        qInfo("realworld: %s", qPrintable(p));
    qInfo("realworld: %d valid templates; %d draw an error-severity finding (%.1f %%); %d draw a false error "
          "(false-error rate %.1f %%, goal <= 2 %%: %d admitted in index.yaml, %d without a justification); "
          "%d import failures",
          valid, withError, valid ? 100.0 * withError / valid : 0.0, falseTemplates,
          valid ? 100.0 * falseTemplates / valid : 0.0, falseTemplates - unjustifiedTemplates, unjustifiedTemplates,
          importFailures);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n').left(4000)));
}

// Import -> export SAM of every real template passes the SAM schema and cfn-lint (one batch).
// Run by the ctest realworld_export_sam (label external), which sets EW_REALWORLD_EXPORT.
void TstSamImporter::realworldExport()
{
    if (qEnvironmentVariableIsEmpty("EW_REALWORLD_EXPORT"))
        QSKIP("set EW_REALWORLD_EXPORT=1 (the ctest realworld_export_sam does)");
    const QString validator = QStringLiteral(EW_SOURCE_DIR "/tests/external/bin/validate-sam");
    if (!QFileInfo::exists(QStringLiteral(EW_SOURCE_DIR "/tests/external/node_modules")))
        QSKIP("tests/external/node_modules is missing (run tests/external/setup)");
    const QString root = QStringLiteral(EW_SOURCE_DIR "/tests/realworld");
    QTemporaryDir tmp;
    QStringList exported, known;
    QHash<QString, QString> source;
    QSet<QString> retired;
    int n = 0;
    for (const RealTemplate &t : realTemplates(root)) {
        if (t.invalid)
            continue;
        const ImportResult r = SamImporter::importFile(root + u'/' + t.file, Catalog::builtin());
        QVERIFY2(r.ok(), qPrintable(t.file));
        const ExportResult ex = SamExporter().exportDiagram(*r.data, Catalog::builtin());
        const QString out = tmp.filePath(QString::number(++n) + QStringLiteral(".yaml"));
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ex.files.front().content);
        f.close();
        exported << out;
        source.insert(out, t.file);
        if (t.allowed.contains(QStringLiteral("FN-006")))
            retired.insert(out);
        if (!t.exportNote.isEmpty())
            known << out;
    }
    QProcess p;
    p.start(validator, QStringList{QStringLiteral("--require-cfn-lint")} + exported);
    QVERIFY(p.waitForFinished(1200000));
    const QString output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    if (p.exitCode() == 2)
        QSKIP(qPrintable(QStringLiteral("validate-sam could not run: ") + output.left(500)));
    QStringList invalid;
    int validCount = 0;
    for (const QString &file : std::as_const(exported)) {
        QStringList errors;
        for (const QString &l : output.split(u'\n')) {
            // cfn-lint's E2533 (deprecated runtime) is the FN-006 that index.yaml justifies.
            if (l.startsWith(file + u':') && l.contains(QStringLiteral(": error:"))
                && !(retired.contains(file) && l.contains(QStringLiteral("E2533"))))
                errors << l.mid(file.size());
        }
        if (errors.isEmpty())
            ++validCount;
        else if (!known.contains(file))
            invalid << source.value(file) + QStringLiteral(": ") + errors.join(QStringLiteral("; ")).left(500);
    }
    for (const QString &m : std::as_const(invalid))
        qInfo("realworld re-export invalid: %s", qPrintable(m));
    qInfo("realworld: re-exports valid %d of %d (%lld marked in index.yaml)", validCount, int(exported.size()),
          qlonglong(known.size()));
    QVERIFY(invalid.isEmpty());
}

QTEST_GUILESS_MAIN(TstSamImporter)
#include "tst_samimporter.moc"

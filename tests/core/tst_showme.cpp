// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ruletest.h"

#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <core/simulation/showme.h>
#include <core/simulation/simulator.h>
#include <core/simulation/workload.h>
#include <core/validation/quickfix.h>
#include <core/validation/validator.h>

#include <QSet>
#include <QtTest>

// "Show me" (issue 11 item 5): for every rule with a script, a small design that triggers the
// rule; the script's workload, simulated on that design, makes the failure happen (every
// expectation holds), and on the fixed design (the rule's quick fix, or the setting corrected)
// the same script shows no failure.

using namespace ew::core;

class tst_showme : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void builtinLoads();
    void scriptsNameRealRules();
    void everyRuleIsCovered();
    void vocabularyErrorsAreReported_data();
    void vocabularyErrorsAreReported();
    void expressionsFollowTheDesign();
    void noShowMeWithoutScript();
    void showMe_data();
    void showMe();
    void examplesCarryASimulation_data() { examples_data(); }
    void examplesCarryASimulation();
    void examplesShowMe_data() { examples_data(); }
    void examplesShowMe();

private:
    void examples_data();
};

namespace {

using namespace ruletest;

const char *const Fn = "Runtime: python3.13\nHandler: app.handler\nCodeUri: src/\n";

QByteArray fn(const QByteArray &id, const QByteArray &extra = {})
{
    return comp(id, "lambda-function", QByteArray(Fn) + extra);
}

QByteArray project(const QByteArray &components, const QByteArray &connections)
{
    return "eventwright: 1\ncomponents:\n" + components + "connections:\n" + connections;
}

DiagramData load(const QByteArray &yaml)
{
    const ProjectLoadResult r = ProjectSerializer::load(yaml);
    if (!r.ok())
        qFatal("test design does not load: %s", qPrintable(r.error.format(QStringLiteral("<row>"))));
    return *r.data;
}

QString subjectOf(const Diagnostic &d)
{
    return d.connection ? d.connection->from + QStringLiteral("->") + d.connection->to : d.component;
}

const Diagnostic *findDiagnostic(const QList<Diagnostic> &ds, const QString &rule, const QString &subject)
{
    for (const Diagnostic &d : ds) {
        if (d.rule == rule && subjectOf(d) == subject)
            return &d;
    }
    return nullptr;
}

QString listOf(const QList<Diagnostic> &ds)
{
    QStringList out;
    for (const Diagnostic &d : ds)
        out << d.rule + QStringLiteral(" [") + subjectOf(d) + QStringLiteral("] ") + d.message;
    return out.join(QLatin1Char('\n'));
}

QString describeRun(const sim::ShowMe &s, const DiagramData &data, const sim::Result &r)
{
    QStringList out;
    out << QStringLiteral("duration %1 s").arg(s.workload.duration);
    QStringList fates;
    for (int f = 0; f < sim::FateCount; ++f)
        fates << QStringLiteral("%1 %2").arg(sim::fateName(sim::Fate(f))).arg(r.fates[size_t(f)]);
    out << QStringLiteral("injected %1: %2").arg(r.injected).arg(fates.join(QStringLiteral(", ")));
    for (const sim::Check &c : sim::evaluateChecks(s, data, r))
        out << QStringLiteral("%1: %2 (left side %3)%4")
                   .arg(c.text, c.holds ? QStringLiteral("holds") : QStringLiteral("does not hold"))
                   .arg(c.left)
                   .arg(c.error.isEmpty() ? QString() : QStringLiteral(" ") + c.error);
    out << QString::fromUtf8(sim::toJson(data, r));
    return out.join(QLatin1Char('\n'));
}

/// Applies "edits" separated by ';': quickfix | set:COMPONENT:Name:value (empty value removes)
/// | setc:INDEX:Name:value | remove:INDEX (a connection).
bool applyFix(DiagramData &data, const Diagnostic &d, const QString &fix)
{
    for (const QString &edit : fix.split(u';', Qt::SkipEmptyParts)) {
        const QStringList p = edit.split(u':');
        if (p[0] == u"quickfix") {
            if (!d.quickFix || !applyQuickFix(data, *d.quickFix))
                return false;
        } else if (p[0] == u"set" && p.size() == 4) {
            auto it = std::find_if(data.components.begin(), data.components.end(),
                                   [&](const Component &c) { return c.id == p[1]; });
            if (it == data.components.end())
                return false;
            if (p[3].isEmpty())
                it->properties.remove(p[2]);
            else
                it->properties.set(p[2], Value::scalar(p[3]));
        } else if (p[0] == u"setc" && p.size() == 4) {
            Connection &c = data.connections.at(size_t(p[1].toInt()));
            if (p[3].isEmpty())
                c.properties.remove(p[2]);
            else
                c.properties.set(p[2], Value::scalar(p[3]));
        } else if (p[0] == u"remove" && p.size() == 2) {
            data.connections.erase(data.connections.begin() + p[1].toInt());
        } else {
            return false;
        }
    }
    return true;
}

struct Row
{
    const char *name;
    QByteArray design;
    QString rule;
    QString subject;
    QString fix;
};

std::vector<Row> rows()
{
    std::vector<Row> out;
    auto row = [&out](const char *name, const QByteArray &design, const char *rule, const char *subject,
                      const char *fix) {
        out.push_back({name, design, QString::fromLatin1(rule), QString::fromLatin1(subject), QString::fromLatin1(fix)});
    };

    const QByteArray dlq = comp("jobs-dlq", "sqs-queue");
    const QByteArray redrive = conn("jobs", "jobs-dlq", "dead-letter", "maxReceiveCount: 5\n");

    row("ESM-SQS-003 visibility below timeout",
        project(comp("jobs", "sqs-queue", "VisibilityTimeout: 30\n") + dlq + fn("worker", "Timeout: 60\n"),
                   conn("jobs", "worker", "trigger", "BatchSize: 1\n") + redrive),
        "ESM-SQS-003", "jobs->worker", "quickfix");

    row("ESM-GEN-015 sqs whole batch fails",
        project(comp("jobs", "sqs-queue") + dlq + fn("worker"),
                   conn("jobs", "worker", "trigger", "BatchSize: 10\n") + redrive),
        "ESM-GEN-015", "jobs->worker", "quickfix");

    row("ESM-GEN-015 stream whole batch fails",
        project(comp("clicks", "kinesis-stream") + comp("failures", "sqs-queue") + fn("worker"),
                   conn("clicks", "worker", "trigger",
                        "BatchSize: 100\nStartingPosition: TRIM_HORIZON\nMaximumRetryAttempts: 2\nOnFailure: failures\n")),
        "ESM-GEN-015", "clicks->worker", "quickfix");

    row("ESM-GEN-009 poison record blocks the shard",
        project(comp("clicks", "kinesis-stream") + comp("failures", "sqs-queue") + fn("worker"),
                   conn("clicks", "worker", "trigger",
                        "BatchSize: 10\nStartingPosition: TRIM_HORIZON\nFunctionResponseTypes: [ReportBatchItemFailures]\n")),
        "ESM-GEN-009", "clicks->worker",
        "setc:0:MaximumRetryAttempts:2;setc:0:BisectBatchOnFunctionError:true;setc:0:OnFailure:failures");

    row("ASYNC-006 failed events discarded",
        project(comp("uploads", "s3-bucket") + fn("thumbs"),
                   conn("uploads", "thumbs", "trigger", "Events: ['s3:ObjectCreated:*']\n")),
        "ASYNC-006", "thumbs", "quickfix");

    row("ASYNC-002 events expire",
        project(comp("uploads", "s3-bucket") + comp("failures", "sqs-queue")
                       + fn("thumbs", "MaximumEventAgeInSeconds: 30\n"),
                   conn("uploads", "thumbs", "trigger", "Events: ['s3:ObjectCreated:*']\n")
                       + conn("thumbs", "failures", "on-failure")),
        "ASYNC-002", "thumbs", "set:thumbs:MaximumEventAgeInSeconds:");

    row("LOOP-001 queue loop",
        project(comp("jobs", "sqs-queue") + dlq + fn("worker"),
                   conn("jobs", "worker", "trigger", "BatchSize: 1\n") + conn("worker", "jobs", "access", "Access: write\n")
                       + redrive),
        "LOOP-001", "worker", "remove:1");

    row("SYNC-001 function outlives the API",
        project(comp("api", "apigateway-rest") + fn("slow", "Timeout: 60\n"),
                   conn("api", "slow", "trigger", "Method: GET\nPath: /report\n")),
        "SYNC-001", "api->slow", "quickfix");

    row("ESM-SQS-008 reserved below maximum concurrency",
        project(comp("jobs", "sqs-queue") + dlq + fn("worker", "ReservedConcurrentExecutions: 2\n"),
                   conn("jobs", "worker", "trigger", "BatchSize: 1\nMaximumConcurrency: 10\n") + redrive),
        "ESM-SQS-008", "worker", "quickfix");

    row("CONC-004 reserved zero",
        project(comp("jobs", "sqs-queue") + dlq + fn("worker", "ReservedConcurrentExecutions: 0\n"),
                   conn("jobs", "worker", "trigger", "BatchSize: 1\n") + redrive),
        "CONC-004", "worker", "quickfix");

    row("ESM-SQS-005 no dead-letter queue",
        project(comp("jobs", "sqs-queue", "VisibilityTimeout: 20\n") + fn("worker"),
                   conn("jobs", "worker", "trigger", "BatchSize: 10\n")),
        "ESM-SQS-005", "jobs", "quickfix");

    row("ESM-SQS-005 fifo group blocked",
        project(comp("orders", "sqs-queue", "QueueName: orders.fifo\nFifoQueue: true\nVisibilityTimeout: 20\n") + fn("apply"),
                   conn("orders", "apply", "trigger", "BatchSize: 10\n")),
        "ESM-SQS-005", "orders", "quickfix");

    row("ESM-SQS-005 maxReceiveCount 1",
        project(comp("jobs", "sqs-queue", "VisibilityTimeout: 20\n") + dlq + fn("worker"),
                   conn("jobs", "worker", "trigger", "BatchSize: 10\n")
                       + conn("jobs", "jobs-dlq", "dead-letter", "maxReceiveCount: 1\n")),
        "ESM-SQS-005", "jobs->jobs-dlq", "quickfix");
    return out;
}

} // namespace

void tst_showme::initTestCase()
{
    qputenv("EW_VALIDATION_DATE", "2026-01-15");
}

void tst_showme::builtinLoads()
{
    QVERIFY(sim::showMeRules().size() >= 10);
}

void tst_showme::scriptsNameRealRules()
{
    for (const QString &rule : sim::showMeRules())
        QVERIFY2(Validator::rule(rule), qPrintable(rule));
}

void tst_showme::everyRuleIsCovered()
{
    QSet<QString> tested;
    for (const Row &r : rows())
        tested.insert(r.rule);
    for (const QString &rule : sim::showMeRules())
        QVERIFY2(tested.contains(rule), qPrintable(QStringLiteral("no showMe row for %1").arg(rule)));
}

void tst_showme::vocabularyErrorsAreReported_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("error");
    const QByteArray head = "format: 1\nrules:\n  X-001:\n    title: t\n    explanation: e\n    watch: w\n";
    QTest::newRow("no format") << QByteArray("rules: {}\n") << QStringLiteral("format: 1");
    QTest::newRow("unknown key") << head + "    expect: ['succeeded > 0']\n    colour: red\n"
                                 << QStringLiteral("unknown key 'colour'");
    QTest::newRow("unknown placeholder") << head + "    expect: ['$fnord.errors > 0']\n"
                                         << QStringLiteral("unknown placeholder $fnord");
    QTest::newRow("unknown figure") << head + "    expect: ['$to.happiness > 0']\n"
                                    << QStringLiteral("unknown figure happiness");
    QTest::newRow("unknown fate") << head + "    expect: ['lost > 0']\n" << QStringLiteral("unknown figure lost");
    QTest::newRow("no comparison") << head + "    expect: ['$to.errors']\n" << QStringLiteral("expected a comparison");
    QTest::newRow("bad expression") << head + "    expect: ['1 > 0']\n    duration: '2 * (3 + $to.Timeout'\n"
                                    << QStringLiteral("missing ')'");
    QTest::newRow("source key") << head + "    expect: ['1 > 0']\n    sources:\n      $from: {burst: 3}\n"
                                << QStringLiteral("unknown key 'burst'");
    QTest::newRow("window") << head + "    expect: ['1 > 0']\n    functions:\n      $to: {outage: 5}\n"
                            << QStringLiteral("expected [start, stop]");
    QTest::newRow("missing expect") << QByteArray("format: 1\nrules:\n  X-001:\n    title: t\n    explanation: e\n    watch: w\n")
                                    << QStringLiteral("missing 'expect'");
}

void tst_showme::vocabularyErrorsAreReported()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, error);
    sim::ShowMeLibrary library;
    QString message;
    QVERIFY(!library.load(yaml, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

void tst_showme::expressionsFollowTheDesign()
{
    // The ESM-SQS-003 script computes the run time from the queue and the function.
    const DiagramData data = load(project(comp("jobs", "sqs-queue", "VisibilityTimeout: 30\n") + fn("worker", "Timeout: 60\n"),
                                          conn("jobs", "worker", "trigger", "BatchSize: 1\n")));
    const QList<Diagnostic> ds = Validator::validate(data, Catalog::builtin());
    const Diagnostic *d = findDiagnostic(ds, QStringLiteral("ESM-SQS-003"), QStringLiteral("jobs->worker"));
    QVERIFY2(d, qPrintable(listOf(ds)));
    const std::optional<sim::ShowMe> s = sim::showMeFor(*d, data, Catalog::builtin());
    QVERIFY(s);
    QCOMPARE(s->focus, QStringLiteral("worker"));
    QCOMPARE(s->workload.functions.size(), size_t(1));
    QCOMPARE(s->workload.functions[0].component, QStringLiteral("worker"));
    QCOMPARE(s->workload.functions[0].durationMs, 45000.0);   // (30 + 60) / 2 s
    QCOMPARE(s->workload.sources.size(), size_t(1));
    QCOMPARE(s->workload.sources[0].count, std::optional<qint64>(10));
    QCOMPARE(s->workload.duration, 3 * 60.0 + 2 * 30 + 10);
    QCOMPARE(s->expect, QStringList{QStringLiteral("'worker'.duplicates > 0")});
    QVERIFY2(s->explanation.contains(QStringLiteral("about 45 s")), qPrintable(s->explanation));
    QVERIFY(s->explanation.contains(QStringLiteral("'jobs'")));
    QVERIFY(!s->explanation.contains(u'$'));
    QVERIFY(!s->explanation.contains(u'{'));
}

void tst_showme::noShowMeWithoutScript()
{
    const DiagramData data = load(project(fn("worker", "Timeout: 1000\n"), QByteArray()));
    const QList<Diagnostic> ds = Validator::validate(data, Catalog::builtin());
    QVERIFY(!ds.isEmpty());
    for (const Diagnostic &d : ds)
        QVERIFY2(!sim::showMeFor(d, data, Catalog::builtin()) || sim::hasShowMe(d.rule), qPrintable(d.rule));
    QVERIFY(!sim::hasShowMe(QStringLiteral("FN-001")));
}

void tst_showme::showMe_data()
{
    QTest::addColumn<QByteArray>("design");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("fix");
    for (const Row &r : rows())
        QTest::newRow(r.name) << r.design << r.rule << r.subject << r.fix;
}

void tst_showme::showMe()
{
    QFETCH(QByteArray, design);
    QFETCH(QString, rule);
    QFETCH(QString, subject);
    QFETCH(QString, fix);
    const Catalog &catalog = Catalog::builtin();

    // The design triggers the rule.
    const DiagramData bad = load(design);
    const QList<Diagnostic> ds = Validator::validate(bad, catalog);
    const Diagnostic *d = findDiagnostic(ds, rule, subject);
    QVERIFY2(d, qPrintable(QStringLiteral("%1 on %2 not reported; got:\n%3").arg(rule, subject, listOf(ds))));

    // The script makes the failure happen.
    const std::optional<sim::ShowMe> s = sim::showMeFor(*d, bad, catalog);
    QVERIFY2(s, "the rule has a script that fits the design");
    QVERIFY(!s->title.isEmpty() && !s->explanation.isEmpty() && !s->watch.isEmpty() && !s->expect.isEmpty());
    QVERIFY2(!s->explanation.contains(u'$') && !s->watch.contains(u'$'), qPrintable(s->explanation));
    QVERIFY(bad.components.end() != std::find_if(bad.components.begin(), bad.components.end(),
                                                 [&](const Component &c) { return c.id == s->focus; }));
    const sim::Result broken = sim::simulate(bad, catalog, s->workload);
    QVERIFY(broken.conserved);
    QVERIFY2(sim::showsFailure(*s, bad, broken),
             qPrintable(QStringLiteral("the failure did not happen:\n") + describeRun(*s, bad, broken)));

    // The fixed design: the rule no longer fires there, and the same script shows no failure.
    DiagramData fixed = bad;
    QVERIFY2(applyFix(fixed, *d, fix), qPrintable(fix));
    const QList<Diagnostic> fixedDs = Validator::validate(fixed, catalog);
    QVERIFY2(!findDiagnostic(fixedDs, rule, subject), qPrintable(listOf(fixedDs)));
    const std::optional<sim::ShowMe> again = sim::showMeFor(*d, fixed, catalog, s->variant);
    QVERIFY2(again, "the script still builds on the fixed design");
    const sim::Result ok = sim::simulate(fixed, catalog, again->workload);
    QVERIFY(ok.conserved);
    QVERIFY2(!sim::showsFailure(*again, fixed, ok),
             qPrintable(QStringLiteral("the failure still happens after the fix:\n") + describeRun(*again, fixed, ok)));
}

void tst_showme::examples_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    const QStringList files = dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

// Issue 11 item 6: every bundled example carries a simulation section that shows something
// (a failure, a retry, a throttle: not just every event succeeding at the first attempt).
void tst_showme::examplesCarryASimulation()
{
    QFETCH(QString, path);
    const ProjectLoadResult r = ProjectSerializer::loadFile(path);
    QVERIFY2(r.ok(), qPrintable(r.error.format(path)));
    QString error;
    const std::optional<sim::Workload> w = sim::workloadOf(*r.data, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY2(!w->defaulted, "the example has a simulation section");
    for (const Diagnostic &d : Validator::validate(*r.data, Catalog::builtin()))
        QVERIFY2(d.rule != u"MODEL-008", qPrintable(d.message));
    const sim::Result result = sim::simulate(*r.data, Catalog::builtin(), *w);
    QVERIFY(result.conserved);
    QVERIFY(result.injected > 0);
    qint64 trouble = result.injected - result.fates[size_t(sim::Fate::Succeeded)];
    for (const sim::ComponentStats &c : result.components)
        trouble += c.errors + c.throttles + c.duplicates;
    QVERIFY2(trouble > 0, "the workload shows a failure, retry or throttle");
}

// The scripts fit real designs: a show-me for every example diagnostic that has one runs.
void tst_showme::examplesShowMe()
{
    QFETCH(QString, path);
    const ProjectLoadResult r = ProjectSerializer::loadFile(path);
    QVERIFY(r.ok());
    for (const Diagnostic &d : Validator::validate(*r.data, Catalog::builtin())) {
        if (!sim::hasShowMe(d.rule))
            continue;
        const std::optional<sim::ShowMe> s = sim::showMeFor(d, *r.data, Catalog::builtin());
        if (!s)
            continue;   // no script of the rule fits this design
        const sim::Result result = sim::simulate(*r.data, Catalog::builtin(), s->workload);
        QVERIFY(result.conserved);
        QVERIFY2(sim::showsFailure(*s, *r.data, result),
                 qPrintable(d.rule + QStringLiteral(": ") + describeRun(*s, *r.data, result)));
    }
}

QTEST_GUILESS_MAIN(tst_showme)
#include "tst_showme.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

// Runs the real `eventwright` executable, as scripts and CI pipelines do (CLI.md).
class tst_Cli : public QObject
{
    Q_OBJECT
private slots:
    void versionAndHelp();
    void validateExamples();
    void validateJsonShape();
    void validateTextAndExitCodes();
    void validateSarif();
    void validateFixAppliesSafeFixes();
    void brokenFiles_data();
    void brokenFiles();
    void statsJson();
    void rulesJson();
    void usageErrors_data();
    void usageErrors();
    void renderWritesImages();
    void templatesAreImported();
    void outputNeverReplacesInput();
    void folderExportIsAllOrNothing();
    void renderIsBounded();
    void simulateExamples();
    void simulateOptionsAndTrace();
    void simulateErrors();

private:
    struct Result
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &args);
    QString write(const QString &name, const QByteArray &text);
    QTemporaryDir m_dir;
};

tst_Cli::Result tst_Cli::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(EW_EVENTWRIGHT_EXE), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString tst_Cli::write(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
    return path;
}

static QStringList examples()
{
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    QStringList paths;
    for (const QString &f : dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name))
        paths << dir.filePath(f);
    return paths;
}

void tst_Cli::versionAndHelp()
{
    Result r = run({QStringLiteral("--version")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("eventwright 0."));
    r = run({QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("eventwright validate FILE..."));
    r = run({QStringLiteral("validate"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("--strict"));
}

void tst_Cli::validateExamples()
{
    const QStringList files = examples();
    QVERIFY(files.size() >= 8);
    const Result r = run(QStringList{QStringLiteral("validate")} + files);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("\n0 errors, ").toUtf8()) || r.out.startsWith("0 errors, "),
             r.out.constData());
    QVERIFY2(r.out.endsWith(QStringLiteral(" in %1 files\n").arg(files.size()).toUtf8()), r.out.constData());
}

void tst_Cli::validateJsonShape()
{
    const QString bad = write(QStringLiteral("bad.ew.yaml"),
                              "eventwright: 1\ncomponents:\n  - id: q\n    kind: sqs-queue\n"
                              "  - id: f\n    kind: lambda-function\n    properties:\n      Timeout: 1000\n"
                              "connections:\n  - from: q\n    to: f\n    role: trigger\n"
                              "    properties:\n      Batch: 5\n");
    const Result r = run({QStringLiteral("validate"), bad, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, 1);
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    const QJsonArray files = root.value(QStringLiteral("files")).toArray();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files[0].toObject().value(QStringLiteral("file")).toString(), bad);
    const QJsonArray ds = files[0].toObject().value(QStringLiteral("diagnostics")).toArray();
    auto byRule = [&](const QString &rule) {
        for (const QJsonValue &v : ds) {
            if (v.toObject().value(QStringLiteral("rule")).toString() == rule)
                return v.toObject();
        }
        return QJsonObject();
    };
    // Timeout 1000 s is above Lambda's 900 s maximum: FN-001 (a catalog range with its own id).
    const QJsonObject range = byRule(QStringLiteral("FN-001"));
    QVERIFY2(!range.isEmpty(), r.out.constData());
    QCOMPARE(range.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
    QCOMPARE(range.value(QStringLiteral("component")).toString(), QStringLiteral("f"));
    QVERIFY(range.value(QStringLiteral("connection")).isNull());
    QVERIFY(range.value(QStringLiteral("fix")).isString());
    QVERIFY(range.value(QStringLiteral("message")).toString().contains(QStringLiteral("Timeout")));
    const QJsonObject unknown = byRule(QStringLiteral("MODEL-007"));
    QVERIFY2(!unknown.isEmpty(), r.out.constData());
    QVERIFY(unknown.value(QStringLiteral("component")).isNull());
    const QJsonObject conn = unknown.value(QStringLiteral("connection")).toObject();
    QCOMPARE(conn.value(QStringLiteral("from")).toString(), QStringLiteral("q"));
    QCOMPARE(conn.value(QStringLiteral("to")).toString(), QStringLiteral("f"));
    QCOMPARE(conn.value(QStringLiteral("role")).toString(), QStringLiteral("trigger"));
    for (const QJsonValue &v : ds) {
        const QJsonObject d = v.toObject();
        QCOMPARE(d.keys().size(), 6);   // rule, severity, message, component, connection, fix
    }
}

void tst_Cli::validateTextAndExitCodes()
{
    const QString warnOnly = write(QStringLiteral("warn.ew.yaml"),
                                   "eventwright: 1\ncomponents:\n  - id: q\n    kind: sqs-queue\n"
                                   "    properties:\n      Colour: blue\nconnections: []\n");
    Result r = run({QStringLiteral("validate"), warnOnly});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith((warnOnly + QStringLiteral(": warning MODEL-002 [q] ")).toUtf8()), r.out.constData());
    QVERIFY(r.out.endsWith("0 errors, 1 warning, 0 info in 1 file\n"));
    r = run({QStringLiteral("validate"), QStringLiteral("--strict"), warnOnly});
    QCOMPARE(r.code, 1);
}

void tst_Cli::validateSarif()
{
    const QString warnOnly = write(QStringLiteral("sarif.ew.yaml"),
                                   "eventwright: 1\ncomponents:\n  - id: q\n    kind: sqs-queue\n"
                                   "    properties:\n      Colour: blue\nconnections: []\n");
    const Result r = run({QStringLiteral("validate"), warnOnly, QStringLiteral("--format=sarif")});
    QCOMPARE(r.code, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(root.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
    const QJsonObject run0 = root.value(QStringLiteral("runs")).toArray().at(0).toObject();
    const QJsonObject driver = run0.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
    QCOMPARE(driver.value(QStringLiteral("name")).toString(), QStringLiteral("eventwright"));
    QVERIFY(driver.value(QStringLiteral("rules")).toArray().size() >= 9);
    const QJsonObject result = run0.value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(result.value(QStringLiteral("ruleId")).toString(), QStringLiteral("MODEL-002"));
    QCOMPARE(result.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
}

void tst_Cli::validateFixAppliesSafeFixes()
{
    const QByteArray original = "eventwright: 1\ncomponents:\n  - id: orders\n    kind: sqs-queue\n"
                                "    properties:\n      VisibilityTimout: 60\nconnections: []\n";
    const QString path = write(QStringLiteral("fix.ew.yaml"), original);
    Result r = run({QStringLiteral("validate"), path});
    QVERIFY2(r.out.contains("warning MODEL-002 [orders]"), r.out.constData());
    QCOMPARE(r.code, 0);
    r = run({QStringLiteral("validate"), QStringLiteral("--fix"), path});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains((path + QStringLiteral(": fixed MODEL-002 [orders] Rename 'VisibilityTimout' to 'VisibilityTimeout'.")).toUtf8()),
             r.out.constData());
    QVERIFY2(r.out.endsWith("0 errors, 0 warnings, 0 info in 1 file\n"), r.out.constData());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("eventwright: 1\ncomponents:\n  - id: orders\n    kind: sqs-queue\n"
                                     "    properties:\n      VisibilityTimeout: 60\nconnections: []\n"));
    // The JSON output carries the fix text.
    write(QStringLiteral("fix.ew.yaml"), original);
    r = run({QStringLiteral("validate"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.out.contains("\"fix\": \"Rename 'VisibilityTimout' to 'VisibilityTimeout'.\""), r.out.constData());
}

void tst_Cli::brokenFiles_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("invalid yaml") << QByteArray("eventwright: 1\ncomponents: [\n") << QStringLiteral(":3:1: error: invalid YAML");
    QTest::newRow("wrong type") << QByteArray("eventwright: 1\ncomponents: {a: 1}\n") << QStringLiteral(":2:13: error: 'components' must be a list");
    QTest::newRow("duplicate id") << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n  - id: a\n    kind: x\n")
                                  << QStringLiteral(":5:9: error: duplicate component id 'a'");
    QTest::newRow("deep nesting") << QByteArray("eventwright: 1\nx: ") + QByteArray(50000, '[') << QStringLiteral(": error: the YAML is nested too deeply");
    QTest::newRow("binary garbage") << QByteArray("\x00\x01\x02\xff\xfe", 5) << QStringLiteral(": error: ");
    // yaml-cpp reads NUL as an escape and bad UTF-8 as U+FFFD: both are named at their place.
    QTest::newRow("NUL byte") << QByteArray("eventwright: 1\nname: a\0b\n", 25)
                              << QStringLiteral(":2:8: error: NUL byte");
    QTest::newRow("invalid UTF-8") << QByteArray("eventwright: 1\nname: caf\xe9\n")
                                   << QStringLiteral(":2:10: error: invalid UTF-8 (byte 0xE9)");
    QTest::newRow("huge position") << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: sqs-queue\n    at: [1e400, 0]\n")
                                   << QStringLiteral(":5:10: error: 'at' x = 1e400 is out of range");
}

void tst_Cli::brokenFiles()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("broken.ew.yaml"), text);
    for (const char *cmd : {"validate", "stats"}) {
        const Result r = run({QString::fromLatin1(cmd), path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(path.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }
}

void tst_Cli::statsJson()
{
    const Result r = run({QStringLiteral("stats"), QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"),
                          QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QStringList keys = o.keys();
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()),
             (QSet<QString>{"components", "connections", "triggers", "trigger_sources", "unmapped"}));
    // sns-fanout: one topic fanning out to three functions, each with an on-failure queue.
    QCOMPARE(o.value("components").toObject().value("lambda-function").toInt(), 3);
    QCOMPARE(o.value("components").toObject().value("sns-topic").toInt(), 1);
    QCOMPARE(o.value("connections").toObject().value("trigger").toInt(), 3);
    const QJsonObject triggers = o.value("triggers").toObject();
    QCOMPARE(triggers.value("async").toInt(), 3);
    QCOMPARE(triggers.value("sync").toInt(), 0);
    QCOMPARE(triggers.value("poll").toInt(), 0);
    QCOMPARE(o.value("trigger_sources").toObject().value("sns-topic").toInt(), 3);
    QCOMPARE(o.value("unmapped").toInt(-1), 0);
}

void tst_Cli::rulesJson()
{
    const Result r = run({QStringLiteral("rules"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, 0);
    const QJsonArray rules = QJsonDocument::fromJson(r.out).object().value("rules").toArray();
    QVERIFY(rules.size() >= 9);
    for (const QJsonValue &v : rules) {
        const QJsonObject rule = v.toObject();
        for (const char *key : {"id", "severity", "summary", "url"})
            QVERIFY2(!rule.value(QLatin1String(key)).toString().isEmpty(), key);
    }
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("unknown option") << QStringList{"validate", "--colour"};
    QTest::newRow("no file") << QStringList{"validate"};
    QTest::newRow("bad format") << QStringList{"rules", "--format", "xml"};
    QTest::newRow("missing file") << QStringList{"validate", "/nonexistent/p.ew.yaml"};
    QTest::newRow("unknown long option") << QStringList{"--frobnicate"};
    QTest::newRow("export to an unwritable place")
        << QStringList{"export", EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml", "--to", "sam", "--out", "/nonexistent/dir/t.yaml"};
    QTest::newRow("render without out") << QStringList{"render", EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"};
    // A subcommand of CLI.md this version lacks, and a mistyped one, never open the window.
    QTest::newRow("future subcommand") << QStringList{"scenarios", EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"};
    QTest::newRow("mistyped subcommand") << QStringList{"valdate", EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"};
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, args);
    const Result r = run(args);
    QCOMPARE(r.code, 2);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty());
}

void tst_Cli::renderWritesImages()
{
    const QString png = m_dir.filePath(QStringLiteral("out.png"));
    const QString svg = m_dir.filePath(QStringLiteral("out.svg"));
    const QString example = QStringLiteral(EW_SOURCE_DIR "/examples/http-api-queue-processor.ew.yaml");
    QCOMPARE(run({QStringLiteral("render"), example, QStringLiteral("--out"), png}).code, 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 800 && image.height() > 200);
    QCOMPARE(run({QStringLiteral("render"), example, QStringLiteral("--out"), svg}).code, 0);
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<svg"));
}

void tst_Cli::templatesAreImported()
{
    const QString tpl = QStringLiteral(EW_SOURCE_DIR "/tests/data/orders-template.yaml");
    const QString project = m_dir.filePath(QStringLiteral("imported.ew.yaml"));
    Result r = run({QStringLiteral("import"), tpl, QStringLiteral("--out"), project});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("1 resource not mapped") || r.err.contains("1 resources not mapped")
                 || r.err.contains("; 1 resource"), r.err.constData());
    QVERIFY2(r.err.contains("Workflow (AWS::StepFunctions::StateMachine)"), r.err.constData());
    // The written project loads, validates and has the queue → function trigger.
    r = run({QStringLiteral("stats"), project, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, 0);
    QJsonObject stats = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(stats.value("trigger_sources").toObject().value("sqs-queue").toInt(), 1);
    QCOMPARE(stats.value("unmapped").toInt(), 1);
    // validate, stats and export accept the template directly (CLI.md).
    r = run({QStringLiteral("stats"), tpl, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.code, 0);
    stats = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(stats.value("components").toObject().value("lambda-function").toInt(), 1);
    QCOMPARE(stats.value("unmapped").toInt(), 1);
    r = run({QStringLiteral("validate"), tpl});
    QVERIFY2(r.code == 0 || r.code == 1, r.err.constData());
    QVERIFY(r.out.contains(" in 1 file"));
    r = run({QStringLiteral("export"), tpl, QStringLiteral("--to"), QStringLiteral("sam"), QStringLiteral("--force")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("AWS::Serverless::Function"));
    QVERIFY2(r.out.contains("AWS::StepFunctions::StateMachine"), "unmapped resources are exported back");
    // A project is not a template.
    r = run({QStringLiteral("import"), QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml")});
    QCOMPARE(r.code, 2);
}

// --out naming the input (also by another spelling) is refused and the input is unchanged; import
// does not replace a file that is not a project unless --force.
void tst_Cli::outputNeverReplacesInput()
{
    QFile example(QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml"));
    QVERIFY(example.open(QIODevice::ReadOnly));
    const QByteArray original = example.readAll();
    const QString project = write(QStringLiteral("self.ew.yaml"), original);
    const QString other = m_dir.path() + QStringLiteral("/./self.ew.yaml");
    Result r = run({QStringLiteral("export"), project, QStringLiteral("--to"), QStringLiteral("mermaid"),
                    QStringLiteral("--out"), other});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--out names the input file"), r.err.constData());
    QFile f(project);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), original);
    f.close();

    const QString tpl = write(QStringLiteral("t.yaml"), QByteArray("AWSTemplateFormatVersion: '2010-09-09'\n"
                                                                   "Transform: AWS::Serverless-2016-10-31\n"
                                                                   "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"));
    r = run({QStringLiteral("import"), tpl, QStringLiteral("--out"), tpl});
    QCOMPARE(r.code, 2);
    const QString notes = write(QStringLiteral("notes.txt"), "my notes\n");
    r = run({QStringLiteral("import"), tpl, QStringLiteral("--out"), notes});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("is not an Eventwright project"), r.err.constData());
    QFile n(notes);
    QVERIFY(n.open(QIODevice::ReadOnly));
    QCOMPARE(n.readAll(), QByteArray("my notes\n"));
    n.close();
    r = run({QStringLiteral("import"), tpl, QStringLiteral("--out"), notes, QStringLiteral("--force")});
    QCOMPARE(r.code, 0);
    QVERIFY(n.open(QIODevice::ReadOnly));
    QVERIFY(n.readAll().startsWith("eventwright: 1"));
}

// A Terraform folder export that cannot write one of its files leaves the folder as it was.
void tst_Cli::folderExportIsAllOrNothing()
{
    const QString example = QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml");
    const QString out = m_dir.filePath(QStringLiteral("tf"));
    Result r = run({QStringLiteral("export"), example, QStringLiteral("--to"), QStringLiteral("terraform"),
                    QStringLiteral("--out"), out});
    QCOMPARE(r.code, 0);
    QDir dir(out);
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 2, qPrintable(files.join(u' ')));
    // Every file gets a marker; the last one becomes a folder, so it cannot be replaced.
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old " + name.toUtf8());
    }
    QVERIFY(QFile::remove(dir.filePath(files.last())));
    QVERIFY(dir.mkdir(files.last()));
    r = run({QStringLiteral("export"), example, QStringLiteral("--to"), QStringLiteral("terraform"),
             QStringLiteral("--out"), out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("nothing was written"), r.err.constData());
    for (const QString &name : files.mid(0, files.size() - 1)) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), "old " + name.toUtf8());
    }
    QCOMPARE(dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), files.size());
}

// Issue 10 item 12: a card at x = 1e12 hung `render` (a grid over the whole scene), at 1e6 it
// wrote a 0-byte PNG and exited 0, and 10,000 components took 4.8 GB. The picture is now scaled
// down to its bounds (and says so), and one that cannot be made is an error (exit 2).
void tst_Cli::renderIsBounded()
{
    // `render` with a time limit and, on Linux, a limit on the address space it may use.
    auto render = [&](const QString &project, const QString &image, int seconds, qint64 memoryLimit) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(env);
#ifdef Q_OS_LINUX
        p.setChildProcessModifier([memoryLimit] {
            const rlimit limit{rlim_t(memoryLimit), rlim_t(memoryLimit)};
            setrlimit(RLIMIT_AS, &limit);
        });
#else
        Q_UNUSED(memoryLimit);
#endif
        QElapsedTimer clock;
        clock.start();
        p.start(QStringLiteral(EW_EVENTWRIGHT_EXE), {QStringLiteral("render"), project, QStringLiteral("--out"), image});
        const bool finished = p.waitForFinished(seconds * 1000);
        Result r{finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                 p.readAllStandardOutput(), p.readAllStandardError()};
        if (!finished)
            r.err += "\n(killed after " + QByteArray::number(clock.elapsed()) + " ms)";
        return r;
    };
    auto withinBounds = [](const QString &image) {
        const QSize size = QImageReader(image).size();   // the header only: no 400 MB decode
        return size.isValid() && size.width() <= 16384 && size.height() <= 16384
               && qint64(size.width()) * size.height() <= 100'000'000;
    };
    const qint64 GB = qint64(1) << 30;

    // A card 10^12 units away: a few seconds, a bounded picture, a note naming the image once.
    const QString far = write(QStringLiteral("far.ew.yaml"),
                              "eventwright: 1\ncomponents:\n  - id: queue\n    kind: sqs-queue\n    at: [0, 0]\n"
                              "  - id: worker\n    kind: lambda-function\n    at: [1e12, 0]\n");
    const QString farPng = m_dir.filePath(QStringLiteral("far.png"));
    Result r = render(far, farPng, 10, 2 * GB);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(withinBounds(farPng));
    QVERIFY2(r.err.contains((farPng + QStringLiteral(": note: image scaled to ")).toUtf8()), r.err.constData());
    QCOMPARE(r.err.count(farPng.toUtf8()), 1);
    QVERIFY(r.out.isEmpty());
    const QString farSvg = m_dir.filePath(QStringLiteral("far.svg"));
    r = render(far, farSvg, 10, 2 * GB);
    QVERIFY2(r.code == 0, r.err.constData());
    QFile svg(farSvg);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    // Validation says why the picture is so small (MODEL-010 is a warning: exit 0).
    const Result validated = run({QStringLiteral("validate"), far});
    QCOMPARE(validated.code, 0);
    QVERIFY2(validated.out.contains("warning MODEL-010"), validated.out.constData());

    // 10^6 units away: a real PNG, not 0 bytes.
    const QString near = write(QStringLiteral("near.ew.yaml"),
                               "eventwright: 1\ncomponents:\n  - id: queue\n    kind: sqs-queue\n    at: [0, 0]\n"
                               "  - id: worker\n    kind: lambda-function\n    at: [1000000, 0]\n");
    const QString nearPng = m_dir.filePath(QStringLiteral("near.png"));
    r = render(near, nearPng, 10, 2 * GB);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(QFileInfo(nearPng).size() > 0);
    QVERIFY(!QImage(nearPng).isNull());

    // 10,000 components on a 100 × 100 grid: scaled to 100 Mpx, within 1 GB of address space.
    QByteArray big = "eventwright: 1\ncomponents:\n";
    for (int i = 0; i < 10000; ++i)
        big += "  - id: q" + QByteArray::number(i) + "\n    kind: sqs-queue\n    at: ["
               + QByteArray::number((i % 100) * 300) + ", " + QByteArray::number((i / 100) * 160) + "]\n";
    const QString many = write(QStringLiteral("many.ew.yaml"), big);
    const QString manyPng = m_dir.filePath(QStringLiteral("many.png"));
    r = render(many, manyPng, 120, GB);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(withinBounds(manyPng));
    QVERIFY2(r.err.contains("note: image scaled to"), r.err.constData());

#ifdef Q_OS_LINUX
    // An image that cannot be allocated is an error naming the image, and nothing is written.
    // (300 MB is enough for the program and the scene, not for the 400 MB picture; checked on a
    // small render first, so that a larger baseline elsewhere skips rather than fails.)
    const qint64 tight = 300 * (qint64(1) << 20);
    if (render(near, m_dir.filePath(QStringLiteral("tight.png")), 10, tight).code != 0)
        QSKIP("the program does not start within 300 MB here");
    const QString failedPng = m_dir.filePath(QStringLiteral("failed.png"));
    r = render(many, failedPng, 120, tight);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains((failedPng + QStringLiteral(": error: cannot allocate")).toUtf8()), r.err.constData());
    QCOMPARE(r.err.count(failedPng.toUtf8()), 1);
    QVERIFY(!QFileInfo::exists(failedPng));
#endif
}

// Every example simulates: exit 0, the contract's JSON, a ledger that adds up.
void tst_Cli::simulateExamples()
{
    for (const QString &file : examples()) {
        const Result r = run({QStringLiteral("simulate"), file, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(file + QLatin1Char(' ') + QString::fromUtf8(r.err)));
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY2(o.contains("duration_s") && o.contains("seed") && o.contains("components"), qPrintable(file));
        const QJsonObject e = o.value("events").toObject();
        qint64 sum = 0;
        for (const char *k : {"succeeded", "to_on_failure", "dead_lettered", "discarded", "rejected", "in_flight"})
            sum += e.value(k).toInteger();
        QCOMPARE(sum, e.value("injected").toInteger());
        QVERIFY2(e.value("injected").toInteger() > 0, qPrintable(file));
        QVERIFY(o.value("conserved").toBool());
        const Result text = run({QStringLiteral("simulate"), file});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("injected"));
    }
}

void tst_Cli::simulateOptionsAndTrace()
{
    const QString file = QStringLiteral(EW_SOURCE_DIR "/examples/fifo-orders.ew.yaml");
    const QStringList json{QStringLiteral("--format"), QStringLiteral("json")};
    const Result a = run(QStringList{QStringLiteral("simulate"), file, QStringLiteral("--seed"), QStringLiteral("7")} + json);
    const Result b = run(QStringList{QStringLiteral("simulate"), file, QStringLiteral("--seed"), QStringLiteral("7")} + json);
    QCOMPARE(a.code, 0);
    QCOMPARE(a.out, b.out);   // same seed, same bytes
    QCOMPARE(QJsonDocument::fromJson(a.out).object().value("seed").toInteger(), 7);
    const Result d = run(QStringList{QStringLiteral("simulate"), file, QStringLiteral("--duration"), QStringLiteral("30")} + json);
    QCOMPARE(QJsonDocument::fromJson(d.out).object().value("duration_s").toDouble(), 30.0);

    const QString trace = m_dir.filePath(QStringLiteral("run.jsonl"));
    const Result t = run(QStringList{QStringLiteral("simulate"), file, QStringLiteral("--trace"), trace} + json);
    QCOMPARE(t.code, 0);
    QFile f(trace);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    int finished = 0, steps = 0;
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const QJsonObject step = QJsonDocument::fromJson(line).object();
        QVERIFY2(step.contains("t") && step.contains("action"), line.constData());
        ++steps;
        finished += step.value("action").toString() == u"finish";
    }
    QVERIFY(steps > 0);
    const QJsonObject events = QJsonDocument::fromJson(t.out).object().value("events").toObject();
    // One finish line per ledger entry that reached its terminal state.
    QCOMPARE(finished, events.value("injected").toInt() - events.value("in_flight").toInt());
}

void tst_Cli::simulateErrors()
{
    const QString bad = write(QStringLiteral("bad-workload.ew.yaml"),
                              "eventwright: 1\ncomponents: []\nsimulation:\n  sources:\n    q:\n      rate: fast\n");
    const Result r = run({QStringLiteral("simulate"), bad});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("bad-workload.ew.yaml") && r.err.contains("'rate' must be a number"), r.err.constData());
    const QString file = QStringLiteral(EW_SOURCE_DIR "/examples/sns-fanout.ew.yaml");
    QCOMPARE(run({QStringLiteral("simulate"), file, QStringLiteral("--duration"), QStringLiteral("-5")}).code, 2);
    QCOMPARE(run({QStringLiteral("simulate"), file, QStringLiteral("--format"), QStringLiteral("xml")}).code, 2);
    QCOMPARE(run({QStringLiteral("simulate")}).code, 2);
    // --trace never replaces the input.
    const QString copy = write(QStringLiteral("copy.ew.yaml"), [&] {
        QFile f(file);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }());
    QFile before(copy);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();
    before.close();
    QCOMPARE(run({QStringLiteral("simulate"), copy, QStringLiteral("--trace"), copy}).code, 2);
    QFile after(copy);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"

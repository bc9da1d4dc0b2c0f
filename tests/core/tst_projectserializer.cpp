// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/io/projectserializer.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ew::core;

class tst_ProjectSerializer : public QObject
{
    Q_OBJECT
private slots:
    void examplesRoundTrip_data();
    void examplesRoundTrip();
    void unknownContentIsKept();
    void quotingKeepsTypes();
    void brokenInputFails_data();
    void brokenInputFails();
    void failedLoadLeavesFileUnchanged();
    void hugeFileIsRefused();
    void saveFileIsAtomicAndCanonical();
};

static QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void tst_ProjectSerializer::examplesRoundTrip_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EW_SOURCE_DIR "/examples"));
    const QStringList files = dir.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 8, "the project ships at least 8 examples");
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void tst_ProjectSerializer::examplesRoundTrip()
{
    QFETCH(QString, path);
    const QByteArray original = readFile(path);
    const ProjectLoadResult loaded = ProjectSerializer::load(original);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.format(path)));
    QVERIFY(loaded.data->description.has_value());
    QVERIFY(!loaded.data->description->isEmpty());
    const QByteArray saved = ProjectSerializer::save(*loaded.data);
    if (saved != original) {
        const QList<QByteArray> a = original.split('\n'), b = saved.split('\n');
        for (int i = 0; i < std::min(a.size(), b.size()); ++i) {
            if (a[i] != b[i])
                qWarning("line %d differs:\n  file:  %s\n  saved: %s", i + 1, a[i].constData(),
                         b[i].constData());
        }
    }
    QCOMPARE(saved, original);
}

void tst_ProjectSerializer::unknownContentIsKept()
{
    const QByteArray text = "eventwright: 1\n"
                            "components:\n"
                            "  - id: q\n"
                            "    kind: future-kind\n"
                            "    properties:\n"
                            "      Whatever:\n"
                            "        nested:\n"
                            "          - 1\n"
                            "          - two\n"
                            "    notes: keep me\n"
                            "connections: []\n"
                            "x-team: platform\n";
    const ProjectLoadResult loaded = ProjectSerializer::load(text);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
    QCOMPARE(loaded.data->components.front().kind, QStringLiteral("future-kind"));
    QCOMPARE(loaded.data->components.front().extra.size(), size_t(1));
    QCOMPARE(loaded.data->extra.size(), size_t(1));
    QCOMPARE(ProjectSerializer::save(*loaded.data), text);
}

void tst_ProjectSerializer::quotingKeepsTypes()
{
    DiagramData data;
    Component c;
    c.id = QStringLiteral("api");
    c.kind = QStringLiteral("apigateway-http");
    c.properties.set(QStringLiteral("Version"), Value::string(QStringLiteral("2.0")));
    c.properties.set(QStringLiteral("Flag"), Value::string(QStringLiteral("true")));
    c.properties.set(QStringLiteral("Colon"), Value::string(QStringLiteral("a: b")));
    c.properties.set(QStringLiteral("Multi"), Value::string(QStringLiteral("line one\nline two\n")));
    c.properties.set(QStringLiteral("Count"), Value::integer(5));
    data.components.push_back(c);
    const QByteArray saved = ProjectSerializer::save(data);
    QVERIFY2(saved.contains("Version: \"2.0\"\n"), saved.constData());
    QVERIFY2(saved.contains("Flag: \"true\"\n"), saved.constData());
    QVERIFY2(saved.contains("Colon: \"a: b\"\n"), saved.constData());
    QVERIFY2(saved.contains("Multi: |\n        line one\n        line two\n"), saved.constData());
    QVERIFY2(saved.contains("Count: 5\n"), saved.constData());
    const ProjectLoadResult back = ProjectSerializer::load(saved);
    QVERIFY(back.ok());
    const Value &props = back.data->components.front().properties;
    QCOMPARE(props.find(QStringLiteral("Version"))->toNumber(), std::nullopt);
    QCOMPARE(props.find(QStringLiteral("Version"))->text(), QStringLiteral("2.0"));
    QCOMPARE(props.find(QStringLiteral("Flag"))->toBool(), std::nullopt);
    QCOMPARE(props.find(QStringLiteral("Multi"))->text(), QStringLiteral("line one\nline two\n"));
    QCOMPARE(props.find(QStringLiteral("Count"))->toInteger(), std::optional<qint64>(5));
    QCOMPARE(ProjectSerializer::save(*back.data), saved);
}

void tst_ProjectSerializer::brokenInputFails_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("invalid YAML") << QByteArray("eventwright: 1\ncomponents: [\n  - id: a\n") << 3
                                  << QStringLiteral("invalid YAML");
    QTest::newRow("missing version") << QByteArray("components: []\n") << 1
                                     << QStringLiteral("'eventwright: 1' is missing");
    QTest::newRow("version is text") << QByteArray("eventwright: one\n") << 1
                                     << QStringLiteral("must be the format version");
    QTest::newRow("future version") << QByteArray("eventwright: 7\n") << 1
                                    << QStringLiteral("format version 7 is not supported");
    QTest::newRow("not a mapping") << QByteArray("- just\n- a list\n") << 1
                                   << QStringLiteral("must be a YAML mapping");
    QTest::newRow("components not a list") << QByteArray("eventwright: 1\ncomponents: 5\n") << 2
                                           << QStringLiteral("'components' must be a list");
    QTest::newRow("id is a list") << QByteArray("eventwright: 1\ncomponents:\n  - id: [a]\n    kind: x\n")
                                  << 3 << QStringLiteral("'id' must be a text value");
    QTest::newRow("bad id") << QByteArray("eventwright: 1\ncomponents:\n  - id: Bad_Id\n    kind: x\n")
                            << 3 << QStringLiteral("must match");
    QTest::newRow("missing kind") << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n") << 3
                                  << QStringLiteral("has no 'kind'");
    QTest::newRow("at not a pair")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n    at: [1]\n") << 5
        << QStringLiteral("'at' must be a position");
    QTest::newRow("properties not a map")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n    properties: [1]\n") << 5
        << QStringLiteral("'properties' must be a mapping");
    QTest::newRow("duplicate ids")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n  - id: a\n    kind: y\n")
        << 5 << QStringLiteral("duplicate component id 'a' (first used on line 3)");
    QTest::newRow("duplicate key")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n    kind: y\n") << 5
        << QStringLiteral("duplicate key 'kind'");
    QTest::newRow("dangling connection")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\nconnections:\n"
                      "  - from: a\n    to: ghost\n    role: trigger\n")
        << 7 << QStringLiteral("connection to 'ghost': no component has this id");
    QTest::newRow("custom tag")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n    properties:\n"
                      "      Name: !Ref Other\n")
        << 6 << QStringLiteral("YAML tags");
    QByteArray deepBlock = "eventwright: 1\nx:\n";
    for (int i = 0; i < 3000; ++i)
        deepBlock += QByteArray(2 * (i + 1), ' ') + "k" + QByteArray::number(i) + ":\n";
    QTest::newRow("deeply nested block") << deepBlock << -1 << QStringLiteral("nested too deeply");
    QTest::newRow("empty file") << QByteArray("") << 0 << QStringLiteral("the file is empty");

    // Deep nesting: yaml-cpp's depth guard stops it, with a position.
    QByteArray deep = "eventwright: 1\nx: " + QByteArray(100000, '[') + QByteArray(100000, ']') + "\n";
    QTest::newRow("deeply nested") << deep << 2 << QStringLiteral("nested too deeply");

    // An alias bomb: each level doubles the expansion (2^30 values).
    QByteArray bomb = "eventwright: 1\na0: &a0 [x, x]\n";
    for (int i = 1; i <= 30; ++i)
        bomb += QStringLiteral("a%1: &a%1 [*a%2, *a%2]\n").arg(i).arg(i - 1).toUtf8();
    QTest::newRow("alias bomb") << bomb << -1 << QStringLiteral("too many values");
}

void tst_ProjectSerializer::brokenInputFails()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, messagePart);
    const ProjectLoadResult result = ProjectSerializer::load(text);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    if (line >= 0)
        QCOMPARE(result.error.line, line);
    const QString formatted = result.error.format(QStringLiteral("p.ew.yaml"));
    QVERIFY(formatted.startsWith(QStringLiteral("p.ew.yaml")));
    QVERIFY(!formatted.contains(QLatin1Char('\n')));
}

void tst_ProjectSerializer::failedLoadLeavesFileUnchanged()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.ew.yaml"));
    const QByteArray text = "eventwright: 1\ncomponents:\n  - id: a\n    kind: x\n  - id: a\n";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    const QDateTime before = QFileInfo(path).lastModified();
    const ProjectLoadResult result = ProjectSerializer::loadFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(readFile(path), text);
    QCOMPARE(QFileInfo(path).lastModified(), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void tst_ProjectSerializer::hugeFileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.ew.yaml"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("eventwright: 1\ndescription: ");
        const QByteArray chunk(1024 * 1024, 'a');
        for (int i = 0; i < 50; ++i)
            f.write(chunk);
        f.write("\n");
    }
    const ProjectLoadResult result = ProjectSerializer::loadFile(path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.message.contains(QStringLiteral("too large")), qPrintable(result.error.message));
}

void tst_ProjectSerializer::saveFileIsAtomicAndCanonical()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.ew.yaml"));
    const QByteArray text = "eventwright: 1\nname: P\ncomponents:\n  - id: f\n    kind: lambda-function\n"
                            "    at: [120.5, -40]\nconnections: []\n";
    const ProjectLoadResult loaded = ProjectSerializer::load(text);
    QVERIFY(loaded.ok());
    QString error;
    QVERIFY2(ProjectSerializer::saveFile(path, *loaded.data, &error), qPrintable(error));
    QCOMPARE(readFile(path), text);
    QVERIFY(!ProjectSerializer::saveFile(dir.filePath(QStringLiteral("missing/dir/p.ew.yaml")),
                                         *loaded.data, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ProjectSerializer)
#include "tst_projectserializer.moc"

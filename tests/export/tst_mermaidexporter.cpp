// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
//
// The Mermaid exporters (flowchart and sequence diagrams): golden files for every example and
// the all-kinds fixture (EW_UPDATE_GOLDEN=1 rewrites them), determinism, the invariants of the
// flowchart (every component one node, every connection one edge with the arrow of its class,
// failure edges red) and of the sequence file (one block per trigger), Mermaid's 500-edge limit,
// escaping, and — when tests/external is set up — the real Mermaid parser on all of it.

#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>
#include <core/export/mermaidexporter.h>
#include <core/export/mermaidsequenceexporter.h>
#include <core/io/projectserializer.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ew::core;

class tst_mermaidexporter : public QObject
{
    Q_OBJECT
private slots:
    void registered();
    void escape_data();
    void escape();
    void golden_data();
    void golden();
    void deterministic_data();
    void deterministic();
    void flowchartInvariants_data();
    void flowchartInvariants();
    void sequenceInvariants_data();
    void sequenceInvariants();
    void largeProject();
    void nastyNames();
    void mermaidParses();
};

namespace {

const QString SourceDir = QStringLiteral(EW_SOURCE_DIR);

QString goldenDir()
{
    return SourceDir + QStringLiteral("/tests/export/golden/mermaid");
}

QStringList projectFiles()
{
    QStringList files;
    const QDir examples(SourceDir + QStringLiteral("/examples"));
    for (const QString &f :
         examples.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name))
        files << examples.filePath(f);
    files << SourceDir + QStringLiteral("/tests/data/all-kinds.ew.yaml");
    return files;
}

QString projectName(const QString &path)
{
    QString name = QFileInfo(path).fileName();
    name.chop(int(qstrlen(".ew.yaml")));
    return name;
}

DiagramData load(const QString &path)
{
    const ProjectLoadResult r = ProjectSerializer::loadFile(path);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error.format(path)));
    return *r.data;
}

DiagramData loadText(const QByteArray &yaml)
{
    const ProjectLoadResult r = ProjectSerializer::load(yaml);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error.format(QStringLiteral("<text>"))));
    return *r.data;
}

QByteArray flowchart(const DiagramData &data, QList<Diagnostic> *diagnostics = nullptr)
{
    const ExportResult r = MermaidExporter().exportDiagram(data, Catalog::builtin());
    if (diagnostics)
        *diagnostics = r.diagnostics;
    return r.files.size() == 1 ? r.files.front().content : QByteArray();
}

QByteArray sequence(const DiagramData &data)
{
    const ExportResult r = MermaidSequenceExporter().exportDiagram(data, Catalog::builtin());
    return r.files.size() == 1 ? r.files.front().content : QByteArray();
}

/// The synthetic "cell" of the validation benchmark, repeated: 11 connections and two implied
/// failure edges per cell.
QByteArray generatedProject(int cells)
{
    QByteArray c = "eventwright: 1\nname: Large\ncomponents:\n";
    QByteArray k = "connections:\n";
    for (int i = 0; i < cells; ++i) {
        const QByteArray n = QByteArray::number(i);
        auto comp = [&](const char *id, const char *kind, const QByteArray &props) {
            c += "  - id: " + QByteArray(id) + "-" + n + "\n    kind: " + kind + "\n";
            if (!props.isEmpty())
                c += "    properties:\n" + props;
        };
        auto conn
            = [&](const char *from, const char *to, const char *role, const QByteArray &props) {
                  k += "  - from: " + QByteArray(from) + "-" + n + "\n    to: " + to + "-" + n
                       + "\n    role: " + role + "\n";
                  if (!props.isEmpty())
                      k += "    properties:\n" + props;
              };
        const QByteArray fn = "      Runtime: python3.13\n      Handler: app.handler\n      "
                              "CodeUri: src/\n      Timeout: 20\n";
        comp("api", "apigateway-http", "      StageName: prod\n");
        comp("ingest", "lambda-function", fn);
        comp("queue", "sqs-queue", "      VisibilityTimeout: 180\n");
        comp("dlq", "sqs-queue", {});
        comp("worker", "lambda-function", fn);
        comp("table", "dynamodb-table",
             "      PartitionKey: pk:S\n      BillingMode: PAY_PER_REQUEST\n");
        comp("stream", "kinesis-stream", "      ShardCount: 2\n");
        comp("analytics", "lambda-function", fn);
        comp("failed", "sqs-queue", {});
        comp("topic", "sns-topic", {});
        conn("api", "ingest", "trigger", "      Method: POST\n      Path: /items\n");
        conn("ingest", "queue", "access", "      Access: write\n");
        conn("queue", "worker", "trigger", "      BatchSize: 10\n");
        conn("queue", "dlq", "dead-letter", "      maxReceiveCount: 5\n");
        conn("worker", "table", "access", "      Access: write\n");
        conn("stream", "analytics", "trigger",
             "      StartingPosition: LATEST\n      MaximumRetryAttempts: 3\n      OnFailure: "
             "failed-"
                 + n + "\n");
        conn("analytics", "table", "access", "      Access: read-write\n");
        conn("topic", "analytics", "trigger", "      DeadLetterQueue: dlq-" + n + "\n");
        conn("analytics", "failed", "on-failure", {});
        conn("worker", "topic", "access", "      Access: write\n");
        conn("ingest", "table", "access", "      Access: read\n");
    }
    return c + k;
}

/// Labels and ids that Mermaid and Markdown would read as syntax.
const QByteArray NastyProject = R"YAML(eventwright: 1
name: 'Nasty "names" #1; <b>bold</b> & %%{init: {"theme": "dark"}}%%'
description: "Line one;\nline two # not a comment | <script>alert(1)</script> `code`"
components:
  - id: end
    kind: apigateway-rest
    label: 'API "v2" #1; <b>x</b> [a] {b} (c) | `d` %% e \ f & g'
  - id: class
    kind: lambda-function
    label: "Fn: a -> b; c --> d"
  - id: loop
    kind: sqs-queue
    label: "Queue [[x]] ]]"
  - id: create
    kind: sqs-queue
    label: "DLQ (#35;)"
  - id: sg-triggers
    kind: sns-topic
    label: "end"
  - id: client
    kind: lambda-function
  - id: lambda
    kind: s3-bucket
  - id: style
    kind: eventbridge-schedule
    properties:
      ScheduleExpression: "cron(0 2 * * ? *)"
  - id: mystery
    kind: no-such-kind
connections:
  - from: end
    to: class
    role: trigger
    properties:
      Method: GET
      Path: '/items/{id};x#y|"z"'
  - from: end
    to: class
    role: trigger
    properties:
      Method: GET
      Path: '/items/{id};x#y|"z"'
  - from: loop
    to: class
    role: trigger
  - from: loop
    to: create
    role: dead-letter
  - from: sg-triggers
    to: client
    role: trigger
    properties:
      DeadLetterQueue: create
  - from: class
    to: sg-triggers
    role: access
  - from: client
    to: lambda
    role: on-failure
  - from: client
    to: class
    role: on-success
  - from: lambda
    to: client
    role: trigger
  - from: style
    to: client
    role: trigger
  - from: style
    to: loop
    role: target
  - from: mystery
    to: client
    role: trigger
)YAML";

struct FlowEdge
{
    QString from;
    QString arrow;
    QString label;
    QString to;
};

struct Flowchart
{
    QStringList nodes; ///< node ids, in order of definition
    QHash<QString, QString> nodeLabels;
    std::vector<FlowEdge> edges;
    QSet<int> red, green;
    QStringList comments;
};

Flowchart parseFlowchart(const QString &text)
{
    static const QRegularExpression nodeRe(
        QStringLiteral(R"RE(^    ([A-Za-z0-9_]+)[\[\(\{>]+\\?/?"(.*)"[\]\)\}\\/]+$)RE"));
    static const QRegularExpression edgeRe(QStringLiteral(
        R"RE(^  ([A-Za-z0-9_]+) (-->|-\.->|==>|--o)\|"([^"]*)"\| ([A-Za-z0-9_]+)$)RE"));
    static const QRegularExpression styleRe(
        QStringLiteral(R"RE(^  linkStyle ([0-9,]+) stroke:(#[0-9a-f]{6}))RE"));
    Flowchart f;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (const auto m = nodeRe.match(line); m.hasMatch()) {
            f.nodes << m.captured(1);
            f.nodeLabels.insert(m.captured(1), m.captured(2));
        } else if (const auto e = edgeRe.match(line); e.hasMatch()) {
            f.edges.push_back({e.captured(1), e.captured(2), e.captured(3), e.captured(4)});
        } else if (const auto s = styleRe.match(line); s.hasMatch()) {
            QSet<int> &set = s.captured(2) == u"#d62728"   ? f.red
                             : s.captured(2) == u"#2ca02c" ? f.green
                                                           : f.red;
            if (s.captured(2) != u"#d62728" && s.captured(2) != u"#2ca02c")
                continue;
            for (const QString &n : s.captured(1).split(QLatin1Char(',')))
                set.insert(n.toInt());
        } else if (line.trimmed().startsWith(QStringLiteral("%%"))) {
            f.comments << line.trimmed();
        }
    }
    return f;
}

/// The first differing lines of two texts, for a failure message.
QString firstDifference(const QByteArray &expected, const QByteArray &actual)
{
    const QList<QByteArray> e = expected.split('\n');
    const QList<QByteArray> a = actual.split('\n');
    for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
        const QByteArray el = e.value(i, "<end of file>");
        const QByteArray al = a.value(i, "<end of file>");
        if (el != al) {
            QString out = QStringLiteral("first difference at line %1:\n").arg(i + 1);
            for (qsizetype j = i; j < std::min(i + 3, std::max(e.size(), a.size())); ++j)
                out += QStringLiteral("  expected %1: %2\n  actual   %1: %3\n")
                           .arg(j + 1)
                           .arg(QString::fromUtf8(e.value(j, "<end of file>")),
                                QString::fromUtf8(a.value(j, "<end of file>")));
            return out;
        }
    }
    return QStringLiteral("no difference");
}

/// tests/external/bin/validate-mermaid, when node and the npm packages are there.
QString mermaidValidator()
{
    const QString bin = SourceDir + QStringLiteral("/tests/external/bin/validate-mermaid");
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()
        || !QFileInfo::exists(
            SourceDir + QStringLiteral("/tests/external/node_modules/mermaid/package.json")))
        return {};
    return bin;
}

} // namespace

void tst_mermaidexporter::registered()
{
    const ExporterRegistry &r = ExporterRegistry::builtin();
    QVERIFY(r.find(QStringLiteral("mermaid")));
    QVERIFY(r.find(QStringLiteral("mermaid-sequence")));
    QVERIFY(!r.find(QStringLiteral("mermaid"))->isFolder());
    QVERIFY(!r.find(QStringLiteral("mermaid-sequence"))->isFolder());
}

void tst_mermaidexporter::escape_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << QStringLiteral("Orders API") << QStringLiteral("Orders API");
    QTest::newRow("quote") << QStringLiteral("a \"b\"") << QStringLiteral("a #quot;b#quot;");
    QTest::newRow("hash semicolon") << QStringLiteral("#1;") << QStringLiteral("#35;1#59;");
    QTest::newRow("tags") << QStringLiteral("<b>") << QStringLiteral("#lt;b#gt;");
    QTest::newRow("ampersand pipe")
        << QStringLiteral("a & b | c") << QStringLiteral("a #amp; b #124; c");
    QTest::newRow("comment, backtick")
        << QStringLiteral("%% `x`") << QStringLiteral("#37;#37; #96;x#96;");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a#92;b");
    QTest::newRow("brackets stay")
        << QStringLiteral("[a] {b} (c)") << QStringLiteral("[a] {b} (c)");
    QTest::newRow("newline") << QStringLiteral("a\nb\tc") << QStringLiteral("a b c");
    QTest::newRow("unicode") << QStringLiteral("poll · batch → ü")
                             << QStringLiteral("poll · batch → ü");
}

void tst_mermaidexporter::escape()
{
    QFETCH(QString, text);
    QFETCH(QString, escaped);
    QCOMPARE(MermaidExporter::escape(text), escaped);
}

void tst_mermaidexporter::golden_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("format");
    for (const QString &p : projectFiles()) {
        QTest::addRow("%s mermaid", qPrintable(projectName(p))) << p << QStringLiteral("mermaid");
        QTest::addRow("%s mermaid-sequence", qPrintable(projectName(p)))
            << p << QStringLiteral("mermaid-sequence");
    }
}

void tst_mermaidexporter::golden()
{
    QFETCH(QString, project);
    QFETCH(QString, format);
    const DiagramData data = load(project);
    const bool flow = format == u"mermaid";
    const QByteArray actual = flow ? flowchart(data) : sequence(data);
    QVERIFY(!actual.isEmpty());
    QVERIFY(actual.endsWith('\n'));
    QVERIFY(!actual.endsWith("\n\n"));
    QVERIFY(!actual.contains('\r'));
    const QString golden = goldenDir() + QLatin1Char('/') + projectName(project)
                           + (flow ? QStringLiteral(".mmd") : QStringLiteral(".sequence.md"));
    if (qEnvironmentVariableIntValue("EW_UPDATE_GOLDEN") == 1) {
        QVERIFY(QDir().mkpath(goldenDir()));
        QFile f(golden);
        QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(f.errorString()));
        QCOMPARE(f.write(actual), actual.size());
        qInfo("wrote %s", qPrintable(golden));
        return;
    }
    QFile f(golden);
    QVERIFY2(
        f.open(QIODevice::ReadOnly),
        qPrintable(
            QStringLiteral("%1: %2 (EW_UPDATE_GOLDEN=1 writes it)").arg(golden, f.errorString())));
    const QByteArray expected = f.readAll();
    if (expected != actual)
        QFAIL(qPrintable(
            QStringLiteral("%1 differs from the export; EW_UPDATE_GOLDEN=1 rewrites it.\n%2")
                .arg(golden, firstDifference(expected, actual))));
}

void tst_mermaidexporter::deterministic_data()
{
    golden_data();
}

void tst_mermaidexporter::deterministic()
{
    QFETCH(QString, project);
    QFETCH(QString, format);
    const Exporter *e = ExporterRegistry::builtin().find(format);
    QVERIFY(e);
    const ExportResult a = e->exportDiagram(load(project), Catalog::builtin());
    const ExportResult b = e->exportDiagram(load(project), Catalog::builtin());
    QCOMPARE(a.files.size(), 1);
    QCOMPARE(b.files.size(), 1);
    QCOMPARE(a.files.front().name,
             format == u"mermaid" ? QStringLiteral("diagram.mmd") : QStringLiteral("sequence.md"));
    QCOMPARE(a.files.front().content, b.files.front().content);
    QVERIFY(a.diagnostics.isEmpty());
}

void tst_mermaidexporter::flowchartInvariants_data()
{
    QTest::addColumn<QString>("project");
    for (const QString &p : projectFiles())
        QTest::newRow(qPrintable(projectName(p))) << p;
    QTest::newRow("nasty names") << QString();
}

void tst_mermaidexporter::flowchartInvariants()
{
    QFETCH(QString, project);
    const DiagramData data = project.isEmpty() ? loadText(NastyProject) : load(project);
    const Catalog &catalog = Catalog::builtin();
    const QString text = QString::fromUtf8(flowchart(data));
    QVERIFY(text.startsWith(QStringLiteral("---\n"))
            || text.startsWith(QStringLiteral("flowchart LR\n")));
    QVERIFY(text.contains(QStringLiteral("\nflowchart LR\n"))
            || text.startsWith(QStringLiteral("flowchart LR\n")));
    const Flowchart f = parseFlowchart(text);
    const MermaidIds ids(
        data,
        {QStringLiteral("sg_triggers"), QStringLiteral("sg_functions"), QStringLiteral("sg_data")},
        MermaidIds::flowchartKeywords());

    // Every component is a node, once; node ids are unique.
    QCOMPARE(f.nodes.size(), qsizetype(data.components.size()));
    QSet<QString> seen;
    for (const Component &c : data.components) {
        const QString id = ids(c.id);
        QVERIFY2(f.nodes.count(id) == 1, qPrintable(c.id));
        QVERIFY2(!seen.contains(id.toLower()), qPrintable(id));
        seen.insert(id.toLower());
        QVERIFY2(!MermaidIds::flowchartKeywords().contains(id.toLower()), qPrintable(id));
    }

    // Every connection is an edge, in file order, with the arrow of its class; the failure
    // edges its trigger properties imply follow it, red.
    const QHash<QString, QString> arrowByInvocation = {
        {QStringLiteral("sync"), QStringLiteral("-->")},
        {QStringLiteral("async"), QStringLiteral("-.->")},
        {QStringLiteral("poll"), QStringLiteral("==>")},
        {QStringLiteral("none"), QStringLiteral("-->")},
    };
    size_t e = 0;
    QSet<QString> derivedEdges;
    for (const Connection &c : data.connections) {
        QVERIFY2(e < f.edges.size(), qPrintable(c.from + QStringLiteral(" -> ") + c.to));
        const FlowEdge &edge = f.edges[e];
        QCOMPARE(edge.from, ids(c.from));
        QCOMPARE(edge.to, ids(c.to));
        const KindSpec *source = catalog.kind(
            data.components[size_t(std::find_if(data.components.begin(), data.components.end(),
                                                [&](const Component &x) { return x.id == c.from; })
                                   - data.components.begin())]
                .kind);
        QString arrow;
        if (c.role == u"trigger")
            arrow
                = arrowByInvocation.value(toString(source ? source->invocation : Invocation::None));
        else if (c.role == u"access")
            arrow = QStringLiteral("--o");
        else
            arrow = QStringLiteral("-.->");
        QCOMPARE(edge.arrow, arrow);
        const bool failure = c.role == u"on-failure" || c.role == u"dead-letter";
        QCOMPARE(f.red.contains(int(e)), failure);
        QCOMPARE(f.green.contains(int(e)), c.role == u"on-success");
        if (c.role == u"access")
            QVERIFY(QStringList({QStringLiteral("read"), QStringLiteral("write"),
                                 QStringLiteral("read-write")})
                        .contains(edge.label));
        if (c.role == u"trigger" && source && source->invocation == Invocation::Poll)
            QVERIFY2(edge.label.startsWith(QStringLiteral("poll · batch ")),
                     qPrintable(edge.label));
        if (c.role == u"trigger" && source && source->category == u"sync-trigger") {
            const Value *method = c.properties.find(QStringLiteral("Method"));
            const Value *path = c.properties.find(QStringLiteral("Path"));
            if (method && path)
                QCOMPARE(edge.label,
                         MermaidExporter::escape(method->text() + QLatin1Char(' ') + path->text()));
        }
        ++e;
        while (e < f.edges.size()
               && (f.edges[e].label == u"batch on-failure"
                   || f.edges[e].label == u"undelivered · DLQ")) {
            QVERIFY(f.red.contains(int(e)));
            QCOMPARE(f.edges[e].arrow, QStringLiteral("-.->"));
            derivedEdges.insert(f.edges[e].from + QLatin1Char(' ') + f.edges[e].to);
            ++e;
        }
    }
    QCOMPARE(e, f.edges.size());
    // ...and every OnFailure / DeadLetterQueue of a trigger has its red edge.
    for (const Connection &c : data.connections) {
        if (const Value *v = c.properties.find(QStringLiteral("OnFailure")))
            QVERIFY2(derivedEdges.contains(ids(c.to) + QLatin1Char(' ') + ids(v->text())),
                     qPrintable(v->text()));
        if (const Value *v = c.properties.find(QStringLiteral("DeadLetterQueue")))
            QVERIFY2(derivedEdges.contains(ids(c.from) + QLatin1Char(' ') + ids(v->text())),
                     qPrintable(v->text()));
    }

    // Subgraphs: functions in Functions, trigger sources in Triggers.
    const qsizetype functions = text.indexOf(QStringLiteral("subgraph sg_functions"));
    const qsizetype dataGroup = text.indexOf(QStringLiteral("subgraph sg_data"));
    for (const Component &c : data.components) {
        const qsizetype at = text.indexOf(QStringLiteral("\n    ") + ids(c.id));
        QVERIFY(at > 0);
        const bool source = std::any_of(
            data.connections.begin(), data.connections.end(), [&](const Connection &x) {
                return x.from == c.id && (x.role == u"trigger" || x.role == u"target");
            });
        if (c.kind == u"lambda-function")
            QVERIFY2(at > functions && (dataGroup < 0 || at < dataGroup), qPrintable(c.id));
        else if (source && catalog.kind(c.kind))
            QVERIFY2(functions < 0 || at < functions, qPrintable(c.id));
    }
}

void tst_mermaidexporter::sequenceInvariants_data()
{
    flowchartInvariants_data();
}

void tst_mermaidexporter::sequenceInvariants()
{
    QFETCH(QString, project);
    const DiagramData data = project.isEmpty() ? loadText(NastyProject) : load(project);
    const Catalog &catalog = Catalog::builtin();
    const QString text = QString::fromUtf8(sequence(data));
    QStringList sections = text.split(QStringLiteral("\n## "));
    sections.removeFirst();
    std::vector<const Connection *> triggers;
    for (const Connection &c : data.connections) {
        if (c.role == u"trigger")
            triggers.push_back(&c);
    }
    // One section with one block per trigger path, headings unique.
    QCOMPARE(sections.size(), qsizetype(triggers.size()));
    QCOMPARE(text.count(QStringLiteral("```mermaid\nsequenceDiagram\n")),
             qsizetype(triggers.size()));
    QSet<QString> headings;
    for (qsizetype i = 0; i < sections.size(); ++i) {
        const QString &s = sections[i];
        const QString heading = s.left(s.indexOf(QLatin1Char('\n')));
        QVERIFY2(!headings.contains(heading), qPrintable(heading));
        headings.insert(heading);
        QVERIFY2(heading.contains(QStringLiteral(" → ")), qPrintable(heading));
        QCOMPARE(s.count(QStringLiteral("```mermaid")), 1);
        QVERIFY(s.trimmed().endsWith(QStringLiteral("```")));

        const Connection &c = *triggers[size_t(i)];
        const Component *source = nullptr;
        for (const Component &x : data.components) {
            if (x.id == c.from)
                source = &x;
        }
        const KindSpec *kind = catalog.kind(source->kind);
        const Invocation inv = kind ? kind->invocation : Invocation::None;
        QCOMPARE(s.contains(QStringLiteral("actor client as Client")), inv == Invocation::Sync);
        QCOMPARE(s.contains(QStringLiteral("participant lambda as Lambda async queue")),
                 inv == Invocation::Async);
        QCOMPARE(s.contains(QStringLiteral("participant lambda as Lambda poller")),
                 inv == Invocation::Poll);
        if (inv == Invocation::Async) {
            QVERIFY(s.contains(QStringLiteral("loop "))
                    || s.contains(QStringLiteral("no retries")));
            QVERIFY(s.contains(QStringLiteral("MaximumEventAgeInSeconds")));
        }
        if (inv == Invocation::Poll) {
            QVERIFY(s.contains(QStringLiteral("invoke synchronously with the batch")));
            QVERIFY(s.contains(QStringLiteral("    loop ")));
        }
        // Blocks are balanced.
        int depth = 0;
        for (const QString &line : s.split(QLatin1Char('\n'))) {
            const QString t = line.trimmed();
            if (t.startsWith(QStringLiteral("loop ")) || t.startsWith(QStringLiteral("alt "))
                || t.startsWith(QStringLiteral("opt ")))
                ++depth;
            else if (t == u"end")
                --depth;
            QVERIFY(depth >= 0);
        }
        QCOMPARE(depth, 0);
    }
}

void tst_mermaidexporter::largeProject()
{
    // 55 cells: 605 connections and 110 implied failure edges.
    const DiagramData data = loadText(generatedProject(55));
    QCOMPARE(data.connections.size(), size_t(605));
    QList<Diagnostic> diagnostics;
    const QString text = QString::fromUtf8(flowchart(data, &diagnostics));
    const Flowchart f = parseFlowchart(text);
    QVERIFY(f.edges.size() <= size_t(MermaidExporter::MaxEdges));
    QCOMPARE(f.nodes.size(), qsizetype(data.components.size()));
    // The access connections (5 per cell) are folded, nothing else: 715 - 275 = 440 edges.
    QCOMPARE(f.edges.size(), size_t(440));
    QVERIFY(!text.contains(QStringLiteral("--o")));
    QVERIFY(text.contains(QStringLiteral(
        "    ingest_0(\"ingest-0<br/>Lambda function<br/>write → queue-0<br/>read → table-0\")")));
    QCOMPARE(f.comments.size(), 1);
    QVERIFY(f.comments.front().contains(QStringLiteral("maxEdges")));
    // No init directive: Mermaid ignores maxEdges there (a "secure" key).
    QVERIFY(!text.contains(QStringLiteral("%%{")));
    QVERIFY(std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) {
        return d.rule == u"EXPORT-MMD-001" && d.severity == Severity::Warning
               && d.message.contains(QStringLiteral("275 access"));
    }));

    // More cells: destinations and failures go too, then the last triggers.
    QList<Diagnostic> more;
    const DiagramData huge = loadText(generatedProject(200));
    const Flowchart g = parseFlowchart(QString::fromUtf8(flowchart(huge, &more)));
    QCOMPARE(g.edges.size(), size_t(MermaidExporter::MaxEdges));
    QVERIFY(g.red.isEmpty());
    for (const FlowEdge &e : g.edges)
        QVERIFY(e.arrow != u"--o" && e.label != u"on failure");
    QVERIFY(g.nodeLabels.value(QStringLiteral("topic_199"))
                .contains(QStringLiteral("async → analytics-199")));
    QVERIFY(more.size() == 2); // edges folded, and the text is longer than Mermaid renders
    QCOMPARE(more.at(1).rule, QStringLiteral("EXPORT-MMD-002"));

    // Below the limit nothing is folded.
    QList<Diagnostic> none;
    const Flowchart small
        = parseFlowchart(QString::fromUtf8(flowchart(loadText(generatedProject(38)), &none)));
    QCOMPARE(small.edges.size(), size_t(38 * 13));
    QVERIFY(none.isEmpty());
}

void tst_mermaidexporter::nastyNames()
{
    const DiagramData data = loadText(NastyProject);
    const QString text = QString::fromUtf8(flowchart(data));
    // Keywords and the exporter's own ids are not used as node ids.
    for (const char *bad : {"\n    end(", "\n    class(", "\n    style(", "\n    sg_triggers{{"})
        QVERIFY2(!text.contains(QString::fromLatin1(bad)), bad);
    QVERIFY(text.contains(QStringLiteral(
        "\n    end_([\"API #quot;v2#quot; #35;1#59; #lt;b#gt;x#lt;/b#gt; [a] {b} (c) #124; "
        "#96;d#96; #37;#37; e #92; f #amp; g<br/>API Gateway REST API\"])")));
    QVERIFY(text.contains(QStringLiteral("\n    sg_triggers_{{")));
    QVERIFY(text.contains(QStringLiteral("\n    mystery[\"mystery<br/>no-such-kind\"]")));
    // The title's %%{ cannot become a directive.
    QVERIFY(!text.contains(QStringLiteral("%%{")));
    QVERIFY(text.contains(QStringLiteral("title: \"Nasty \\\"names\\\" #1; <b>bold</b> & % %{init: "
                                         "{\\\"theme\\\": \\\"dark\\\"}}% %\"")));

    const QString seq = QString::fromUtf8(sequence(data));
    QVERIFY(!seq.contains(QStringLiteral("participant end ")));
    QVERIFY(!seq.contains(QStringLiteral("participant loop ")));
    QVERIFY(seq.contains(QStringLiteral("participant loop_ as Queue [[x]] ]]")));
    QVERIFY(seq.contains(QStringLiteral("participant client_ as client")));
    QVERIFY(seq.contains(QStringLiteral("participant lambda_ as lambda")));
    // Two routes between the same components get distinct headings.
    QVERIFY(
        seq.contains(QStringLiteral("\n## API \"v2\" \\#1; \\<b\\>x\\</b\\> \\[a\\] {b} (c) \\| "
                                    "\\`d\\` %% e \\\\ f & g → Fn: a -\\> b; c --\\> d\n")));
    QVERIFY(seq.contains(
        QStringLiteral(" → Fn: a -\\> b; c --\\> d (GET /items/{id};x\\#y\\|\"z\")\n")));
    QVERIFY(
        seq.contains(QStringLiteral("\n    participant class as Fn: a -#gt; b#59; c --#gt; d\n")));
}

void tst_mermaidexporter::mermaidParses()
{
    // EW_MERMAID_DUMP=DIR keeps the generated exports there, to look at them.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dump = qEnvironmentVariable("EW_MERMAID_DUMP");
    const QDir dir(dump.isEmpty() ? tmp.path() : dump);
    QStringList files;
    auto write = [&](const QString &name, const QByteArray &content) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        files << f.fileName();
    };
    write(QStringLiteral("large.mmd"), flowchart(loadText(generatedProject(55))));
    write(QStringLiteral("huge.mmd"), flowchart(loadText(generatedProject(200))));
    write(QStringLiteral("nasty.mmd"), flowchart(loadText(NastyProject)));
    write(QStringLiteral("nasty.md"), sequence(loadText(NastyProject)));
    const QString validator = mermaidValidator();
    if (validator.isEmpty())
        QSKIP("tests/external is not set up (run tests/external/setup)");
    QProcess p;
    p.start(validator, files);
    QVERIFY(p.waitForFinished(240000));
    const QString output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(output));
    QCOMPARE(output.count(QStringLiteral("\nOK "))
                 + (output.startsWith(QStringLiteral("OK ")) ? 1 : 0),
             files.size());
}

QTEST_GUILESS_MAIN(tst_mermaidexporter)
#include "tst_mermaidexporter.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>
#include <core/export/hclwriter.h>
#include <core/model/logicalnames.h>
#include <core/export/terraformexporter.h>
#include <core/io/projectserializer.h>
#include <core/validation/validationcontext.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace ew::core;

// The Terraform exporter: golden files (EW_UPDATE_GOLDEN=1 rewrites them), determinism, and
// invariants read from the model and checked against the text: every trigger, destination and
// dead-letter target appears, and every IAM policy grants exactly the minimal actions.
class tst_terraformexporter : public QObject
{
    Q_OBJECT
private slots:
    void registered();
    void hclWriter();
    void golden_data();
    void golden();
    void deterministic_data();
    void deterministic();
    void invariants_data();
    void invariants();
    void alarms_data();
    void alarms();
    void warnings();
    void externalValidator_data();
    void externalValidator();
    void terraformFmt();
};

namespace {

const QString GoldenDir = QStringLiteral(EW_SOURCE_DIR "/tests/export/golden/terraform");

struct Project
{
    QString name;      ///< golden folder
    QString path;
    bool alarms = false;
};

QList<Project> projects()
{
    QList<Project> out;
    const QDir examples(QStringLiteral(EW_SOURCE_DIR "/examples"));
    for (const QString &f : examples.entryList({QStringLiteral("*.ew.yaml")}, QDir::Files, QDir::Name))
        out.append({f.chopped(8), examples.filePath(f), false});
    out.append({QStringLiteral("all-kinds"), QStringLiteral(EW_SOURCE_DIR "/tests/data/all-kinds.ew.yaml"), false});
    out.append({QStringLiteral("all-kinds-alarms"), QStringLiteral(EW_SOURCE_DIR "/tests/data/all-kinds.ew.yaml"), true});
    out.append({QStringLiteral("coverage"), GoldenDir + QStringLiteral("/coverage.ew.yaml"), false});
    return out;
}

DiagramData load(const QString &path)
{
    const ProjectLoadResult r = ProjectSerializer::loadFile(path);
    if (!r.ok())
        qFatal("cannot load %s", qPrintable(path));
    return *r.data;
}

ExportResult exportProject(const DiagramData &data, bool alarms)
{
    ExportOptions options;
    options.alarms = alarms;
    return TerraformExporter().exportDiagram(data, Catalog::builtin(), options);
}

QByteArray fileOf(const ExportResult &r, const QString &name)
{
    for (const ExportFile &f : r.files) {
        if (f.name == name)
            return f.content;
    }
    return {};
}

void addProjectRows(bool withAlarmsRows = true)
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("alarms");
    for (const Project &p : projects()) {
        if (withAlarmsRows || !p.alarms)
            QTest::newRow(qPrintable(p.name)) << p.path << p.alarms;
    }
}

// ------------------------------------------------------------------------------ HCL reading
// The exporter writes canonical HCL (terraform fmt leaves it unchanged): top-level blocks close
// with "}" at column 0, so a line-based reader is enough for the checks below.

struct Block
{
    QString kind;   ///< resource, data, variable, output
    QString type;
    QString name;
    QString body;
};

QList<Block> blocks(const QString &text)
{
    static const QRegularExpression head(QStringLiteral("^(resource|data) \"([^\"]+)\" \"([^\"]+)\" \\{(\\})?$"));
    static const QRegularExpression single(QStringLiteral("^(variable|output) \"([^\"]+)\" \\{(\\})?$"));
    QList<Block> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QRegularExpressionMatch m = head.match(lines[i]);
        Block b;
        if (m.hasMatch()) {
            b = {m.captured(1), m.captured(2), m.captured(3), {}};
        } else if ((m = single.match(lines[i])).hasMatch()) {
            b = {m.captured(1), QString(), m.captured(2), {}};
        } else {
            continue;
        }
        if (m.captured(m.lastCapturedIndex()) != u"}") {
            QStringList body;
            for (++i; i < lines.size() && lines[i] != u"}"; ++i)
                body << lines[i];
            b.body = body.join(QLatin1Char('\n'));
        }
        out.append(b);
    }
    return out;
}

QList<Block> ofType(const QList<Block> &all, const QString &type)
{
    QList<Block> out;
    for (const Block &b : all) {
        if (b.type == type)
            out.append(b);
    }
    return out;
}

/// The value of a top-level argument of a block (two-space indentation), or a null string.
QString arg(const Block &b, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^  %1\\s*=\\s*(.*)$").arg(QRegularExpression::escape(name)),
                                QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = re.match(b.body);
    return m.hasMatch() ? m.captured(1) : QString();
}

/// Every value of an argument at any depth.
QStringList args(const QString &body, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^\\s*%1\\s*=\\s*(.*)$").arg(QRegularExpression::escape(name)),
                                QRegularExpression::MultilineOption);
    QStringList out;
    for (auto it = re.globalMatch(body); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

QStringList quoted(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

struct PolicyStatement
{
    QString sid;
    QStringList actions;
    QStringList resources;
    QString comment;
    QString text;
};

QList<PolicyStatement> statements(const QString &body)
{
    static const QRegularExpression re(
        QStringLiteral("((?:\\n[ ]*#[^\\n]*)*)\\n[ ]*\\{\\n[ ]*Sid\\s*=\\s*\"([^\"]+)\"(.*?)\\n[ ]*\\},"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression action(QStringLiteral("Action\\s*=\\s*\\[(.*?)\\]"),
                                           QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression resource(QStringLiteral("Resource\\s*=\\s*\\[(.*?)\\](?:\\n|$)"),
                                             QRegularExpression::DotMatchesEverythingOption);
    QList<PolicyStatement> out;
    for (auto it = re.globalMatch(body); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        PolicyStatement s;
        s.comment = m.captured(1);
        s.sid = m.captured(2);
        s.text = m.captured(3);
        s.actions = quoted(action.match(s.text).captured(1));
        // Items at the top level of the list (commas inside calls and strings do not count).
        const QString list = resource.match(s.text).captured(1);
        QString item;
        int depth = 0;
        bool inString = false;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QChar ch = list.at(i);
            if (ch == QLatin1Char('\\')) {
                item += ch;
                if (++i < list.size())
                    item += list.at(i);
                continue;
            }
            if (ch == QLatin1Char('"'))
                inString = !inString;
            else if (ch == QLatin1Char('(') || ch == QLatin1Char('[') || ch == QLatin1Char('{'))
                ++depth;
            else if (ch == QLatin1Char(')') || ch == QLatin1Char(']') || ch == QLatin1Char('}'))
                --depth;
            if (ch == QLatin1Char(',') && depth == 0 && !inString) {
                if (!item.trimmed().isEmpty())
                    s.resources << item.trimmed();
                item.clear();
                continue;
            }
            item += ch;
        }
        if (!item.trimmed().isEmpty())
            s.resources << item.trimmed();
        out.append(s);
    }
    return out;
}

using Grants = QMap<QString, QSet<QString>>;   // resource expression → actions

Grants merged(const QList<PolicyStatement> &list)
{
    Grants g;
    for (const PolicyStatement &s : list) {
        for (const QString &r : s.resources) {
            for (const QString &a : s.actions)
                g[r].insert(a);
        }
    }
    return g;
}

QString show(const Grants &g)
{
    QStringList out;
    for (auto it = g.begin(); it != g.end(); ++it) {
        QStringList a(it.value().begin(), it.value().end());
        a.sort();
        out << it.key() + QStringLiteral(": ") + a.join(QLatin1Char(' '));
    }
    return out.join(QLatin1Char('\n'));
}

// ------------------------------------------------------------------------------ the model side
// What the project says, independently of the exporter's code: the names, ARNs and the minimal
// actions of aws-semantics §10 and of the access table.

class Model
{
public:
    explicit Model(const DiagramData &project)
        : data(project)
        , vc(project, Catalog::builtin())
        , names(project)
    {
    }

    bool usable(const Connection &c) const
    {
        const Component *from = vc.component(c.from);
        const Component *to = vc.component(c.to);
        return from && to && Catalog::builtin().allows(from->kind, c.role, to->kind);
    }
    QString tf(const QString &id) const { return names.terraform(id); }
    const Component &component(const QString &id) const { return *vc.component(id); }
    QString kind(const QString &id) const { return vc.component(id)->kind; }
    bool hasAlias(const QString &fn) const
    {
        const Value *v = vc.explicitValue(component(fn), QStringLiteral("ProvisionedConcurrentExecutions"));
        return v && v->toInteger().value_or(0) > 0;
    }
    bool isDefaultBus(const Component &c) const { return vc.text(c, QStringLiteral("Name")) == u"default"; }
    QString fnArn(const QString &fn) const
    {
        return (hasAlias(fn) ? QStringLiteral("aws_lambda_alias.") : QStringLiteral("aws_lambda_function.")) + tf(fn)
               + QStringLiteral(".arn");
    }
    QString arn(const QString &id) const
    {
        const Component &c = component(id);
        const QString n = tf(id);
        if (c.kind == u"sqs-queue") return QStringLiteral("aws_sqs_queue.%1.arn").arg(n);
        if (c.kind == u"sns-topic") return QStringLiteral("aws_sns_topic.%1.arn").arg(n);
        if (c.kind == u"s3-bucket") return QStringLiteral("aws_s3_bucket.%1.arn").arg(n);
        if (c.kind == u"dynamodb-table") return QStringLiteral("aws_dynamodb_table.%1.arn").arg(n);
        if (c.kind == u"kinesis-stream") return QStringLiteral("aws_kinesis_stream.%1.arn").arg(n);
        if (c.kind == u"eventbridge-bus")
            return (isDefaultBus(c) ? QStringLiteral("data.aws_cloudwatch_event_bus.") : QStringLiteral("aws_cloudwatch_event_bus."))
                   + n + QStringLiteral(".arn");
        if (c.kind == u"lambda-function") return fnArn(id);
        if (c.kind == u"eventbridge-rule") return QStringLiteral("aws_cloudwatch_event_rule.%1.arn").arg(n);
        if (c.kind == u"msk-cluster") return QStringLiteral("var.%1_arn").arg(n);
        return {};
    }
    /// A function's ARN spelled from its name (function policies: no dependency cycles).
    QString arnByName(const QString &fn) const
    {
        const Value *name = vc.explicitValue(component(fn), QStringLiteral("FunctionName"));
        return QStringLiteral("\"arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:"
                              "${data.aws_caller_identity.current.account_id}:function:%1%2\"")
            .arg(name ? name->text() : QStringLiteral("${var.name_prefix}") + fn, hasAlias(fn) ? QStringLiteral(":live") : QString());
    }
    QString objects(const QString &bucket) const { return QStringLiteral("\"${%1}/*\"").arg(arn(bucket)); }
    /// The component a connection property names when it is of one of the kinds, else empty.
    QString named(const Connection &c, const QString &prop, const QStringList &kinds) const
    {
        const Value *v = vc.explicitValue(c, prop);
        const Component *target = v ? vc.component(v->text()) : nullptr;
        return target && kinds.contains(target->kind) ? target->id : QString();
    }
    QString kmsKey(const QString &queue) const
    {
        if (kind(queue) != u"sqs-queue")
            return {};
        const QString key = vc.text(component(queue), QStringLiteral("KmsMasterKeyId"));
        return key.startsWith(QStringLiteral("arn:")) ? QLatin1Char('"') + key + QLatin1Char('"') : QString();
    }

    /// The minimal grants of a function's role.
    Grants expectedGrants(const QString &fn) const
    {
        Grants g;
        g[QStringLiteral("\"${aws_cloudwatch_log_group.%1.arn}:*\"").arg(tf(fn))] = {QStringLiteral("logs:CreateLogStream"),
                                                                                    QStringLiteral("logs:PutLogEvents")};
        auto destination = [&](const QString &target) {
            const QString k = kind(target);
            if (k == u"sqs-queue") {
                g[arn(target)] << QStringLiteral("sqs:SendMessage");
                if (!kmsKey(target).isEmpty())
                    g[kmsKey(target)] << QStringLiteral("kms:Decrypt") << QStringLiteral("kms:GenerateDataKey");
            }
            if (k == u"sns-topic") g[arn(target)] << QStringLiteral("sns:Publish");
            if (k == u"lambda-function") g[arnByName(target)] << QStringLiteral("lambda:InvokeFunction");
            if (k == u"eventbridge-bus") g[arn(target)] << QStringLiteral("events:PutEvents");
            if (k == u"s3-bucket") {
                g[arn(target)] << QStringLiteral("s3:ListBucket");
                g[objects(target)] << QStringLiteral("s3:PutObject");
            }
        };
        for (const Connection &c : data.connections) {
            if (!usable(c))
                continue;
            if (c.from == fn && c.role == u"access") {
                const QString access = vc.text(c, QStringLiteral("Access"));
                const bool read = access != u"write", write = access != u"read";
                const QString k = kind(c.to);
                const QString r = arn(c.to);
                if (k == u"dynamodb-table") {
                    if (read) g[r] << "dynamodb:GetItem" << "dynamodb:BatchGetItem" << "dynamodb:Query" << "dynamodb:Scan";
                    if (write) g[r] << "dynamodb:PutItem" << "dynamodb:UpdateItem" << "dynamodb:DeleteItem" << "dynamodb:BatchWriteItem";
                } else if (k == u"s3-bucket") {
                    if (read) { g[r] << "s3:ListBucket"; g[objects(c.to)] << "s3:GetObject"; }
                    if (write) g[objects(c.to)] << "s3:PutObject" << "s3:DeleteObject";
                } else if (k == u"sqs-queue") {
                    if (read) g[r] << "sqs:ReceiveMessage" << "sqs:DeleteMessage" << "sqs:ChangeMessageVisibility" << "sqs:GetQueueAttributes";
                    if (write) g[r] << "sqs:SendMessage";
                    if (!kmsKey(c.to).isEmpty()) {
                        g[kmsKey(c.to)] << "kms:Decrypt";
                        if (write) g[kmsKey(c.to)] << "kms:GenerateDataKey";
                    }
                } else if (k == u"sns-topic") {
                    if (read) g[r] << "sns:GetTopicAttributes";
                    if (write) g[r] << "sns:Publish";
                } else if (k == u"kinesis-stream") {
                    if (read) g[r] << "kinesis:DescribeStreamSummary" << "kinesis:GetRecords" << "kinesis:GetShardIterator" << "kinesis:ListShards";
                    if (write) g[r] << "kinesis:PutRecord" << "kinesis:PutRecords";
                } else if (k == u"eventbridge-bus") {
                    if (read) g[r] << "events:DescribeEventBus";
                    if (write) g[r] << "events:PutEvents";
                }
            } else if (c.from == fn && (c.role == u"on-success" || c.role == u"on-failure" || c.role == u"dead-letter")) {
                destination(c.to);
            } else if (c.to == fn && c.role == u"trigger") {
                const QString k = kind(c.from);
                const QString r = arn(c.from);
                if (k == u"sqs-queue") {   // aws-semantics §10.1
                    g[r] << "sqs:ReceiveMessage" << "sqs:DeleteMessage" << "sqs:GetQueueAttributes";
                    if (!kmsKey(c.from).isEmpty())
                        g[kmsKey(c.from)] << "kms:Decrypt";
                } else if (k == u"kinesis-stream") {
                    g[r] << "kinesis:DescribeStream" << "kinesis:DescribeStreamSummary" << "kinesis:GetRecords"
                         << "kinesis:GetShardIterator" << "kinesis:ListShards";
                    if (vc.flag(c, QStringLiteral("Consumer")))
                        g[QStringLiteral("aws_kinesis_stream_consumer.%1_%2.arn").arg(tf(c.from), tf(c.to))] << "kinesis:SubscribeToShard";
                    else
                        g[r] << "kinesis:SubscribeToShard";
                    g[QStringLiteral("\"*\"")] << "kinesis:ListStreams";
                } else if (k == u"dynamodb-table") {
                    g[QStringLiteral("aws_dynamodb_table.%1.stream_arn").arg(tf(c.from))]
                        << "dynamodb:DescribeStream" << "dynamodb:GetRecords" << "dynamodb:GetShardIterator";
                    g[QStringLiteral("\"*\"")] << "dynamodb:ListStreams";
                } else if (k == u"msk-cluster") {
                    g[r] << "kafka:DescribeCluster" << "kafka:DescribeClusterV2" << "kafka:GetBootstrapBrokers"
                         << "kafka-cluster:Connect" << "kafka-cluster:DescribeClusterDynamicConfiguration";
                    for (const Value &t : vc.explicitValue(c, QStringLiteral("Topics"))->items())
                        g[QStringLiteral("\"${replace(%1, \":cluster/\", \":topic/\")}/%2\"").arg(r, t.text())]
                            << "kafka-cluster:DescribeTopic" << "kafka-cluster:ReadData";
                    const QString group = vc.text(c, QStringLiteral("ConsumerGroupId"));
                    g[QStringLiteral("\"${replace(%1, \":cluster/\", \":group/\")}/%2\"")
                          .arg(r, group.isEmpty() ? QStringLiteral("*") : group)]
                        << "kafka-cluster:AlterGroup" << "kafka-cluster:DescribeGroup";
                    g[QStringLiteral("\"*\"")] << "ec2:CreateNetworkInterface" << "ec2:DescribeNetworkInterfaces"
                                               << "ec2:DescribeVpcs" << "ec2:DeleteNetworkInterface"
                                               << "ec2:DescribeSubnets" << "ec2:DescribeSecurityGroups";
                }
                if (k == u"kinesis-stream" || k == u"dynamodb-table" || k == u"msk-cluster") {
                    const QString onFailure = named(c, QStringLiteral("OnFailure"),
                                                    {QStringLiteral("sqs-queue"), QStringLiteral("sns-topic"), QStringLiteral("s3-bucket")});
                    if (!onFailure.isEmpty())
                        destination(onFailure);
                }
            }
        }
        return g;
    }

    const DiagramData &data;
    ValidationContext vc;
    LogicalNames names;
};

/// The actions that accept no narrower resource than "*": the documented exceptions.
const QSet<QString> &starActions()
{
    static const QSet<QString> s = {QStringLiteral("kinesis:ListStreams"), QStringLiteral("dynamodb:ListStreams"),
                                    QStringLiteral("ec2:CreateNetworkInterface"), QStringLiteral("ec2:DescribeNetworkInterfaces"),
                                    QStringLiteral("ec2:DescribeVpcs"), QStringLiteral("ec2:DeleteNetworkInterface"),
                                    QStringLiteral("ec2:DescribeSubnets"), QStringLiteral("ec2:DescribeSecurityGroups")};
    return s;
}

QString arnPath(const QString &path)
{
    QStringList parts;
    for (const QString &s : path.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        parts << (s.startsWith(QLatin1Char('{')) ? QStringLiteral("*") : s);
    return parts.join(QLatin1Char('/'));
}

} // namespace

// ------------------------------------------------------------------------------ tests

void tst_terraformexporter::registered()
{
    const Exporter *e = ExporterRegistry::builtin().find(QStringLiteral("terraform"));
    QVERIFY(e);
    QVERIFY(e->isFolder());
    QCOMPARE(ExporterRegistry::builtin().exporters().size(), size_t(4));
}

void tst_terraformexporter::hclWriter()
{
    QCOMPARE(HclWriter::quote(QStringLiteral("a\"b\\c\nd\te")), QStringLiteral("\"a\\\"b\\\\c\\nd\\te\""));
    QCOMPARE(HclWriter::quote(QStringLiteral("${x} %{if} $y %z $")), QStringLiteral("\"$${x} %%{if} $y %z $\""));
    QCOMPARE(HclWriter::quote(QString(QChar(0x01))), QStringLiteral("\"\\u0001\""));
    QCOMPARE(HclWriter::quote(QStringLiteral("é")), QStringLiteral("\"é\""));
    QCOMPARE(HclWriter::key(QStringLiteral("detail")), QStringLiteral("detail"));
    QCOMPARE(HclWriter::key(QStringLiteral("detail-type")), QStringLiteral("\"detail-type\""));
    QCOMPARE(HclWriter::key(QStringLiteral("null")), QStringLiteral("\"null\""));
    QCOMPARE(HclWriter::key(QStringLiteral("$or")), QStringLiteral("\"$or\""));

    // Model values keep their YAML types.
    Value pattern = Value::map();
    pattern.set(QStringLiteral("n"), Value::scalar(QStringLiteral("10")));
    pattern.set(QStringLiteral("s"), Value::scalar(QStringLiteral("10"), true));
    pattern.set(QStringLiteral("b"), Value::scalar(QStringLiteral("true")));
    pattern.set(QStringLiteral("z"), Value::scalar(QStringLiteral("null")));
    pattern.set(QStringLiteral("f"), Value::scalar(QStringLiteral("2.50")));
    pattern.set(QStringLiteral("t"), Value::scalar(QStringLiteral("${a}")));
    QCOMPARE(HclExpr::fromValue(pattern).render(),
             QStringLiteral("{\n  n = 10\n  s = \"10\"\n  b = true\n  z = null\n  f = 2.5\n  t = \"$${a}\"\n}"));

    HclWriter w;
    w.open(QStringLiteral("resource"), {QStringLiteral("t"), QStringLiteral("n")});
    w.string(QStringLiteral("a"), QStringLiteral("x"));
    w.raw(QStringLiteral("long_name"), QStringLiteral("\"${replace(v, \"=\", \"}\")}\""));
    w.attr(QStringLiteral("obj"), HclExpr::object().add(QStringLiteral("k"), HclExpr::integer(1)).add(QStringLiteral("kk"), HclExpr::integer(2)));
    w.integer(QStringLiteral("b"), 1);
    w.block(QStringLiteral("empty"));
    w.close();
    w.close();
    QCOMPARE(QString::fromUtf8(w.toUtf8()),
             QStringLiteral("resource \"t\" \"n\" {\n"
                            "  a         = \"x\"\n"
                            "  long_name = \"${replace(v, \"=\", \"}\")}\"\n"
                            "  obj = {\n"
                            "    k  = 1\n"
                            "    kk = 2\n"
                            "  }\n"
                            "  b = 1\n"
                            "  empty {}\n"
                            "}\n"));
}

void tst_terraformexporter::golden_data()
{
    addProjectRows();
}

void tst_terraformexporter::golden()
{
    QFETCH(QString, path);
    QFETCH(bool, alarms);
    const QString dir = GoldenDir + QLatin1Char('/') + QString::fromLatin1(QTest::currentDataTag());
    const ExportResult r = exportProject(load(path), alarms);
    QCOMPARE(r.files.size(), 3);
    QCOMPARE(r.files[0].name, QStringLiteral("main.tf"));
    QCOMPARE(r.files[1].name, QStringLiteral("variables.tf"));
    QCOMPARE(r.files[2].name, QStringLiteral("outputs.tf"));
    const bool update = qEnvironmentVariable("EW_UPDATE_GOLDEN") == u"1";
    for (const ExportFile &f : r.files) {
        const QString file = dir + QLatin1Char('/') + f.name;
        if (update) {
            QVERIFY(QDir().mkpath(dir));
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(f.content);
            qInfo("rewrote %s", qPrintable(file));
            continue;
        }
        QFile in(file);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(file + QStringLiteral(" is missing; run with EW_UPDATE_GOLDEN=1")));
        const QByteArray expected = in.readAll();
        if (expected == f.content)
            continue;
        const QList<QByteArray> want = expected.split('\n');
        const QList<QByteArray> got = f.content.split('\n');
        qsizetype line = 0;
        while (line < want.size() && line < got.size() && want[line] == got[line])
            ++line;
        QString report = QStringLiteral("%1 differs from the export at line %2 (EW_UPDATE_GOLDEN=1 rewrites it):\n")
                             .arg(file).arg(line + 1);
        for (qsizetype k = line; k < line + 5; ++k) {
            report += QStringLiteral("  golden %1: %2\n").arg(k + 1).arg(QString::fromUtf8(want.value(k, "<end>")));
            report += QStringLiteral("  export %1: %2\n").arg(k + 1).arg(QString::fromUtf8(got.value(k, "<end>")));
        }
        QFAIL(qPrintable(report));
    }
}

void tst_terraformexporter::deterministic_data()
{
    addProjectRows();
}

void tst_terraformexporter::deterministic()
{
    QFETCH(QString, path);
    QFETCH(bool, alarms);
    const ExportResult a = exportProject(load(path), alarms);
    const ExportResult b = exportProject(load(path), alarms);
    QCOMPARE(a.files.size(), b.files.size());
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    for (qsizetype i = 0; i < a.files.size(); ++i) {
        const QByteArray &text = a.files[i].content;
        QCOMPARE(text, b.files[i].content);
        QVERIFY(!text.isEmpty());
        QVERIFY2(text.endsWith('\n') && !text.endsWith("\n\n"), "one final newline");
        QVERIFY2(!text.contains('\r') && !text.contains('\t'), "LF line endings, spaces only");
        QVERIFY2(!text.contains(today.toUtf8()), "no timestamps");
        // Two spaces a level, a level for each line that opens brackets (as terraform fmt
        // indents); strings and comments do not count.
        static const QRegularExpression strings(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""));
        std::vector<int> levels;   // open brackets of each indented line
        for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
            const QString t = line.trimmed();
            if (t.isEmpty())
                continue;
            int net = 0;
            if (!t.startsWith(QLatin1Char('#'))) {
                QString code = t;
                code.remove(strings);
                for (const QChar c : std::as_const(code)) {
                    if (c == QLatin1Char('{') || c == QLatin1Char('[') || c == QLatin1Char('('))
                        ++net;
                    else if (c == QLatin1Char('}') || c == QLatin1Char(']') || c == QLatin1Char(')'))
                        --net;
                }
            }
            for (int closed = -net; closed > 0 && !levels.empty();) {
                const int top = levels.back();
                levels.pop_back();
                if (closed < top)
                    levels.push_back(top - closed);
                closed -= top;
            }
            const qsizetype lead = line.size() - QStringView(line).trimmed().size();
            QVERIFY2(lead == qsizetype(levels.size()) * 2,
                     qPrintable(QStringLiteral("indentation %1 at level %2: %3").arg(lead).arg(levels.size()).arg(line)));
            if (net > 0)
                levels.push_back(net);
        }
        const int depth = int(levels.size());
        QCOMPARE(depth, 0);
    }
}

void tst_terraformexporter::invariants_data()
{
    addProjectRows(false);
}

void tst_terraformexporter::invariants()
{
    QFETCH(QString, path);
    const DiagramData data = load(path);
    const Model m(data);
    const ExportResult r = exportProject(data, false);
    const QString text = QString::fromUtf8(fileOf(r, QStringLiteral("main.tf")));
    const QList<Block> all = blocks(text);
    QVERIFY(!all.isEmpty());

    const QList<Block> esms = ofType(all, QStringLiteral("aws_lambda_event_source_mapping"));
    const QList<Block> permissions = ofType(all, QStringLiteral("aws_lambda_permission"));
    QSet<QString> usedPermissions;
    int pollTriggers = 0;
    int permissionTriggers = 0;

    auto fnMatches = [&](const QString &value, const QString &fn) { return value == m.fnArn(fn); };
    auto takePermission = [&](const QString &fn, const QString &principal, const std::function<bool(const QString &)> &source) {
        for (const Block &p : permissions) {
            if (usedPermissions.contains(p.name))
                continue;
            if (arg(p, QStringLiteral("function_name")) != QStringLiteral("aws_lambda_function.%1.function_name").arg(m.tf(fn))
                || arg(p, QStringLiteral("principal")) != QLatin1Char('"') + principal + QLatin1Char('"')
                || arg(p, QStringLiteral("action")) != u"\"lambda:InvokeFunction\"" || !source(arg(p, QStringLiteral("source_arn"))))
                continue;
            if (m.hasAlias(fn) && arg(p, QStringLiteral("qualifier")) != QStringLiteral("aws_lambda_alias.%1.name").arg(m.tf(fn)))
                continue;
            usedPermissions.insert(p.name);
            return p;
        }
        return Block{};
    };

    for (int index = 0; index < int(data.connections.size()); ++index) {
        const Connection &c = data.connections[size_t(index)];
        if (!m.usable(c))
            continue;
        const QString from = m.tf(c.from);
        const QString what = QStringLiteral("%1 -> %2 (%3)").arg(c.from, c.to, c.role);
        const QString sourceKind = m.kind(c.from);
        if (c.role == u"trigger") {
            // (a) poll triggers: exactly one event source mapping with every setting.
            if (m.vc.invocationOf(c) == Invocation::Poll) {
                ++pollTriggers;
                QString source = m.arn(c.from);
                if (sourceKind == u"dynamodb-table")
                    source = QStringLiteral("aws_dynamodb_table.%1.stream_arn").arg(from);
                if (m.vc.flag(c, QStringLiteral("Consumer")))
                    source = QStringLiteral("aws_kinesis_stream_consumer.%1_%2.arn").arg(from, m.tf(c.to));
                QList<Block> found;
                for (const Block &e : esms) {
                    if (arg(e, QStringLiteral("event_source_arn")) == source && fnMatches(arg(e, QStringLiteral("function_name")), c.to))
                        found.append(e);
                }
                QVERIFY2(found.size() == 1, qPrintable(what + QStringLiteral(": %1 event source mappings").arg(found.size())));
                const Block &e = found.first();
                const QList<std::pair<const char *, const char *>> numbers = {
                    {"BatchSize", "batch_size"},
                    {"MaximumBatchingWindowInSeconds", "maximum_batching_window_in_seconds"},
                    {"ParallelizationFactor", "parallelization_factor"},
                    {"MaximumRetryAttempts", "maximum_retry_attempts"},
                    {"BisectBatchOnFunctionError", "bisect_batch_on_function_error"},
                    {"Enabled", "enabled"}};
                for (const auto &[prop, tfArg] : numbers) {
                    if (const Value *v = m.vc.explicitValue(c, QLatin1String(prop)))
                        QVERIFY2(arg(e, QLatin1String(tfArg)) == v->text(), qPrintable(what + QLatin1Char(' ') + QLatin1String(prop)));
                }
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("MaximumRecordAgeInSeconds"))) {
                    const qint64 age = v->toInteger().value_or(-1);
                    QCOMPARE(arg(e, QStringLiteral("maximum_record_age_in_seconds")),
                             age >= 0 && age < 60 ? QString() : v->text());   // Terraform rejects 0-59
                }
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("TumblingWindowInSeconds")))
                    QCOMPARE(arg(e, QStringLiteral("tumbling_window_in_seconds")), v->text() == u"0" ? QString() : v->text());
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("StartingPosition")))
                    QCOMPARE(arg(e, QStringLiteral("starting_position")), QLatin1Char('"') + v->text() + QLatin1Char('"'));
                if (m.vc.explicitValue(c, QStringLiteral("StartingPositionTimestamp")))
                    QVERIFY(!arg(e, QStringLiteral("starting_position_timestamp")).isEmpty());
                for (const char *list : {"FunctionResponseTypes", "Topics"}) {
                    if (const Value *v = m.vc.explicitValue(c, QLatin1String(list))) {
                        QStringList items;
                        for (const Value &i : v->items())
                            items << i.text();
                        const QString tfArg = list == QByteArray("Topics") ? QStringLiteral("topics") : QStringLiteral("function_response_types");
                        QCOMPARE(quoted(arg(e, tfArg)), items);
                    }
                }
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("ConsumerGroupId")))
                    QCOMPARE(args(e.body, QStringLiteral("consumer_group_id")), QStringList{QLatin1Char('"') + v->text() + QLatin1Char('"')});
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("MaximumConcurrency")))
                    QCOMPARE(args(e.body, QStringLiteral("maximum_concurrency")), QStringList{v->text()});
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("FilterPatterns")))
                    QCOMPARE(args(e.body, QStringLiteral("pattern")).size(), qsizetype(v->items().size()));
                else
                    QVERIFY(!e.body.contains(QStringLiteral("filter_criteria")));
                if (const Value *v = m.vc.explicitValue(c, QStringLiteral("ProvisionedPollerConfig"))) {
                    QCOMPARE(args(e.body, QStringLiteral("minimum_pollers")), QStringList{v->find(QStringLiteral("MinimumPollers"))->text()});
                    QCOMPARE(args(e.body, QStringLiteral("maximum_pollers")), QStringList{v->find(QStringLiteral("MaximumPollers"))->text()});
                }
                const QString onFailure = m.named(c, QStringLiteral("OnFailure"),
                                                  {QStringLiteral("sqs-queue"), QStringLiteral("sns-topic"), QStringLiteral("s3-bucket")});
                QCOMPARE(args(e.body, QStringLiteral("destination_arn")),
                         onFailure.isEmpty() ? QStringList() : QStringList{m.arn(onFailure)});
                continue;
            }
            // (b) push triggers: the permission (scoped by source) and the integration.
            const QString fn = c.to;
            if (sourceKind == u"apigateway-http" || sourceKind == u"apigateway-rest") {
                ++permissionTriggers;
                const bool http = sourceKind == u"apigateway-http";
                const QString method = m.vc.text(c, QStringLiteral("Method")).isEmpty() ? QStringLiteral("ANY") : m.vc.text(c, QStringLiteral("Method"));
                QString routePath = m.vc.text(c, QStringLiteral("Path"));
                if (!routePath.startsWith(QLatin1Char('/')))
                    routePath.prepend(QLatin1Char('/'));
                const QString api = http ? QStringLiteral("aws_apigatewayv2_api.%1").arg(from) : QStringLiteral("aws_api_gateway_rest_api.%1").arg(from);
                const QString expectedSource = QStringLiteral("\"${%1.execution_arn}/*/%2/%3\"")
                                                   .arg(api, method == u"ANY" ? QStringLiteral("*") : method, arnPath(routePath));
                const Block p = takePermission(fn, QStringLiteral("apigateway.amazonaws.com"),
                                               [&](const QString &s) { return s == expectedSource; });
                QVERIFY2(!p.name.isEmpty(), qPrintable(what + QStringLiteral(": no permission with source ") + expectedSource));
                const QString invoke = m.hasAlias(fn) ? QStringLiteral("aws_lambda_alias.%1.invoke_arn").arg(m.tf(fn))
                                                      : QStringLiteral("aws_lambda_function.%1.invoke_arn").arg(m.tf(fn));
                int routes = 0;
                if (http) {
                    for (const Block &route : ofType(all, QStringLiteral("aws_apigatewayv2_route"))) {
                        if (arg(route, QStringLiteral("route_key")) != QStringLiteral("\"%1 %2\"").arg(method, routePath)
                            || arg(route, QStringLiteral("api_id")) != api + QStringLiteral(".id"))
                            continue;
                        const QString integration = QRegularExpression(QStringLiteral("aws_apigatewayv2_integration\\.(\\w+)\\.id"))
                                                        .match(arg(route, QStringLiteral("target"))).captured(1);
                        for (const Block &i : ofType(all, QStringLiteral("aws_apigatewayv2_integration"))) {
                            if (i.name == integration) {
                                QCOMPARE(arg(i, QStringLiteral("integration_uri")), invoke);
                                QCOMPARE(arg(i, QStringLiteral("integration_type")), QStringLiteral("\"AWS_PROXY\""));
                                QCOMPARE(arg(i, QStringLiteral("payload_format_version")),
                                         QLatin1Char('"') + m.vc.text(c, QStringLiteral("PayloadFormatVersion")) + QLatin1Char('"'));
                                QCOMPARE(arg(i, QStringLiteral("timeout_milliseconds")), m.vc.value(c, QStringLiteral("TimeoutInMillis"))->text());
                                ++routes;
                            }
                        }
                    }
                } else {
                    for (const Block &i : ofType(all, QStringLiteral("aws_api_gateway_integration"))) {
                        if (arg(i, QStringLiteral("uri")) == invoke && arg(i, QStringLiteral("rest_api_id")) == api + QStringLiteral(".id")
                            && arg(i, QStringLiteral("type")) == u"\"AWS_PROXY\"" && arg(i, QStringLiteral("integration_http_method")) == u"\"POST\"")
                            ++routes;
                    }
                    QVERIFY2(routes >= 1, qPrintable(what));
                    routes = 1;
                }
                QVERIFY2(routes == 1, qPrintable(what + QStringLiteral(": %1 routes").arg(routes)));
            } else if (sourceKind == u"s3-bucket") {
                ++permissionTriggers;
                const Block p = takePermission(fn, QStringLiteral("s3.amazonaws.com"),
                                               [&](const QString &s) { return s == m.arn(c.from); });
                QVERIFY2(!p.name.isEmpty(), qPrintable(what));
                QCOMPARE(arg(p, QStringLiteral("source_account")), QStringLiteral("data.aws_caller_identity.current.account_id"));
                QList<Block> notifications;
                for (const Block &n : ofType(all, QStringLiteral("aws_s3_bucket_notification"))) {
                    if (arg(n, QStringLiteral("bucket")) == QStringLiteral("aws_s3_bucket.%1.id").arg(from))
                        notifications.append(n);
                }
                QCOMPARE(notifications.size(), 1);   // one per bucket (aws-semantics §9)
                QVERIFY2(args(notifications[0].body, QStringLiteral("lambda_function_arn")).contains(m.fnArn(fn)), qPrintable(what));
                QVERIFY2(arg(notifications[0], QStringLiteral("depends_on")).contains(QStringLiteral("aws_lambda_permission.") + p.name),
                         qPrintable(what + QStringLiteral(": the notification must depend on its permission")));
            } else if (sourceKind == u"sns-topic") {
                ++permissionTriggers;
                const Block p = takePermission(fn, QStringLiteral("sns.amazonaws.com"),
                                               [&](const QString &s) { return s == m.arn(c.from); });
                QVERIFY2(!p.name.isEmpty(), qPrintable(what));
                int subscriptions = 0;
                for (const Block &s : ofType(all, QStringLiteral("aws_sns_topic_subscription"))) {
                    if (arg(s, QStringLiteral("topic_arn")) != m.arn(c.from) || arg(s, QStringLiteral("endpoint")) != m.fnArn(fn))
                        continue;
                    ++subscriptions;
                    QCOMPARE(arg(s, QStringLiteral("protocol")), QStringLiteral("\"lambda\""));
                    QCOMPARE(arg(s, QStringLiteral("filter_policy")).isEmpty(), !m.vc.explicitValue(c, QStringLiteral("FilterPolicy")));
                    const QString dlq = m.named(c, QStringLiteral("DeadLetterQueue"), {QStringLiteral("sqs-queue")});
                    QCOMPARE(s.body.contains(QStringLiteral("deadLetterTargetArn = ") + (dlq.isEmpty() ? QStringLiteral("?") : m.arn(dlq))),
                             !dlq.isEmpty());
                    if (!dlq.isEmpty()) {   // the queue lets SNS deliver, scoped to the topic
                        bool allowed = false;
                        for (const Block &qp : ofType(all, QStringLiteral("aws_sqs_queue_policy"))) {
                            allowed = allowed || (qp.name == m.tf(dlq) && qp.body.contains(QStringLiteral("sns.amazonaws.com"))
                                                  && qp.body.contains(QStringLiteral("\"aws:SourceArn\" = ") + m.arn(c.from)));
                        }
                        QVERIFY2(allowed, qPrintable(what + QStringLiteral(": no queue policy for the subscription DLQ")));
                    }
                }
                QCOMPARE(subscriptions, 1);
            } else if (sourceKind == u"eventbridge-rule") {
                ++permissionTriggers;
                const Block p = takePermission(fn, QStringLiteral("events.amazonaws.com"),
                                               [&](const QString &s) { return s == m.arn(c.from); });
                QVERIFY2(!p.name.isEmpty(), qPrintable(what));
                int targets = 0;
                for (const Block &t : ofType(all, QStringLiteral("aws_cloudwatch_event_target"))) {
                    if (arg(t, QStringLiteral("rule")) != QStringLiteral("aws_cloudwatch_event_rule.%1.name").arg(from)
                        || arg(t, QStringLiteral("arn")) != m.fnArn(fn))
                        continue;
                    ++targets;
                    const QString dlq = m.named(c, QStringLiteral("DeadLetterQueue"), {QStringLiteral("sqs-queue")});
                    QCOMPARE(args(t.body, QStringLiteral("arn")).contains(dlq.isEmpty() ? QStringLiteral("?") : m.arn(dlq)), !dlq.isEmpty());
                    if (const Value *v = m.vc.explicitValue(c, QStringLiteral("RetryPolicyMaximumRetryAttempts")))
                        QCOMPARE(args(t.body, QStringLiteral("maximum_retry_attempts")), QStringList{v->text()});
                }
                QCOMPARE(targets, 1);
            } else if (sourceKind == u"eventbridge-schedule") {
                int schedules = 0;
                for (const Block &s : ofType(all, QStringLiteral("aws_scheduler_schedule"))) {
                    if (!args(s.body, QStringLiteral("arn")).contains(m.fnArn(fn)) || !s.name.startsWith(from))
                        continue;
                    ++schedules;
                    // Its role may invoke that function and nothing broader.
                    const QString role = QRegularExpression(QStringLiteral("aws_iam_role\\.(\\w+)\\.arn"))
                                             .match(args(s.body, QStringLiteral("role_arn")).value(0)).captured(1);
                    for (const Block &policy : ofType(all, QStringLiteral("aws_iam_role_policy"))) {
                        if (policy.name != role)
                            continue;
                        Grants want;
                        want[m.fnArn(fn)] = {QStringLiteral("lambda:InvokeFunction")};
                        const QString dlq = m.named(c, QStringLiteral("DeadLetterQueue"), {QStringLiteral("sqs-queue")});
                        if (!dlq.isEmpty())
                            want[m.arn(dlq)] = {QStringLiteral("sqs:SendMessage")};
                        QCOMPARE(show(merged(statements(policy.body))), show(want));
                    }
                }
                QCOMPARE(schedules, 1);
            }
        } else if (c.role == u"on-success" || c.role == u"on-failure") {
            // (c) destinations: the function's event invoke config names the target.
            bool found = false;
            for (const Block &cfg : ofType(all, QStringLiteral("aws_lambda_function_event_invoke_config"))) {
                if (cfg.name == from)
                    found = args(cfg.body, QStringLiteral("destination")).contains(m.arn(c.to));
            }
            const bool first = [&] {   // Lambda takes one destination of each kind: the first
                for (const Connection &o : data.connections) {
                    if (o.from == c.from && o.role == c.role && m.usable(o))
                        return o.to == c.to;
                }
                return false;
            }();
            QCOMPARE(found, first);
        } else if (c.role == u"dead-letter") {
            for (const Block &b : all) {
                if (m.kind(c.from) == u"lambda-function" && b.type == u"aws_lambda_function" && b.name == from)
                    QCOMPARE(args(b.body, QStringLiteral("target_arn")), QStringList{m.arn(c.to)});
                if (m.kind(c.from) == u"sqs-queue" && b.type == u"aws_sqs_queue" && b.name == from) {
                    QVERIFY2(b.body.contains(QStringLiteral("deadLetterTargetArn = ") + m.arn(c.to)), qPrintable(what));
                    const QRegularExpression count(QStringLiteral("maxReceiveCount\\s*=\\s*%1\\n")
                                                       .arg(m.vc.value(c, QStringLiteral("maxReceiveCount"))->text()));
                    QVERIFY2(count.match(b.body).hasMatch(), qPrintable(what));
                }
            }
        } else if (c.role == u"target") {
            // Rule targets that are not functions: the target and the resource policy.
            if (sourceKind == u"eventbridge-rule") {
                int targets = 0;
                for (const Block &t : ofType(all, QStringLiteral("aws_cloudwatch_event_target"))) {
                    if (arg(t, QStringLiteral("rule")) == QStringLiteral("aws_cloudwatch_event_rule.%1.name").arg(from)
                        && arg(t, QStringLiteral("arn")) == m.arn(c.to))
                        ++targets;
                }
                QCOMPARE(targets, 1);
                if (m.kind(c.to) != u"eventbridge-bus") {
                    const QString policyType = m.kind(c.to) == u"sqs-queue" ? QStringLiteral("aws_sqs_queue_policy") : QStringLiteral("aws_sns_topic_policy");
                    bool allowed = false;
                    for (const Block &p : ofType(all, policyType)) {
                        allowed = allowed || (p.name == m.tf(c.to) && p.body.contains(QStringLiteral("events.amazonaws.com"))
                                              && p.body.contains(QStringLiteral("\"aws:SourceArn\" = ") + m.arn(c.from)));
                    }
                    QVERIFY2(allowed, qPrintable(what + QStringLiteral(": no resource policy for EventBridge")));
                }
            }
        }
    }
    QCOMPARE(esms.size(), pollTriggers);
    QCOMPARE(permissions.size(), permissionTriggers);

    // (d) least privilege: each function's role grants exactly the minimal actions.
    for (const Component &c : data.components) {
        if (c.kind != u"lambda-function")
            continue;
        QList<PolicyStatement> list;
        for (const Block &p : ofType(all, QStringLiteral("aws_iam_role_policy"))) {
            if (p.name == m.tf(c.id))
                list = statements(p.body);
        }
        QVERIFY2(!list.isEmpty(), qPrintable(c.id));
        QCOMPARE(show(merged(list)), show(m.expectedGrants(c.id)));
    }
    // ...and no "*" anywhere but for the documented account-level exceptions, each explained.
    for (const Block &p : ofType(all, QStringLiteral("aws_iam_role_policy"))) {
        for (const PolicyStatement &s : statements(p.body)) {
            for (const QString &a : s.actions)
                QVERIFY2(!a.contains(QLatin1Char('*')), qPrintable(p.name + QStringLiteral(": wildcard action ") + a));
            if (!s.resources.contains(QStringLiteral("\"*\"")))
                continue;
            for (const QString &a : s.actions)
                QVERIFY2(starActions().contains(a), qPrintable(p.name + QStringLiteral(": \"*\" for ") + a));
            QVERIFY2(s.comment.contains(QStringLiteral("no narrower resource")), qPrintable(p.name + QStringLiteral(": unexplained \"*\"")));
        }
    }
    // Resource policies name a service and are scoped to their source.
    for (const QString &type : {QStringLiteral("aws_sqs_queue_policy"), QStringLiteral("aws_sns_topic_policy")}) {
        for (const Block &p : ofType(all, type)) {
            for (const PolicyStatement &s : statements(p.body)) {
                QVERIFY2(s.text.contains(QStringLiteral("Principal = { Service = ")), qPrintable(p.name));
                QVERIFY2(s.text.contains(QStringLiteral("ArnEquals = { \"aws:SourceArn\"")), qPrintable(p.name));
            }
        }
    }
    // Every function has its package, log group, role and policy.
    for (const Component &c : data.components) {
        if (c.kind != u"lambda-function")
            continue;
        for (const QString &type : {QStringLiteral("aws_lambda_function"), QStringLiteral("aws_iam_role"),
                                    QStringLiteral("aws_iam_role_policy"), QStringLiteral("aws_cloudwatch_log_group")}) {
            bool found = false;
            for (const Block &b : ofType(all, type))
                found = found || b.name == m.tf(c.id);
            QVERIFY2(found, qPrintable(type + QLatin1Char(' ') + c.id));
        }
        if (m.hasAlias(c.id)) {
            QVERIFY(text.contains(QStringLiteral("resource \"aws_lambda_alias\" \"%1\"").arg(m.tf(c.id))));
            QVERIFY(text.contains(QStringLiteral("resource \"aws_lambda_provisioned_concurrency_config\" \"%1\"").arg(m.tf(c.id))));
        }
    }
    // Terraform can order the resources: their references form no cycle.
    QHash<QString, QSet<QString>> edges;
    static const QRegularExpression reference(QStringLiteral("\\b((?:data\\.)?aws_[a-z0-9_]+|data\\.archive_file)\\.([A-Za-z0-9_-]+)\\b"));
    QSet<QString> declared;
    for (const Block &b : all)
        declared.insert((b.kind == u"data" ? QStringLiteral("data.") : QString()) + b.type + QLatin1Char('.') + b.name);
    for (const Block &b : all) {
        const QString self = (b.kind == u"data" ? QStringLiteral("data.") : QString()) + b.type + QLatin1Char('.') + b.name;
        for (auto it = reference.globalMatch(b.body); it.hasNext();) {
            const QRegularExpressionMatch ref = it.next();
            const QString target = ref.captured(1) + QLatin1Char('.') + ref.captured(2);
            if (declared.contains(target) && target != self)
                edges[self].insert(target);
        }
    }
    QHash<QString, int> state;   // 1 visiting, 2 done
    std::function<QString(const QString &)> cycle = [&](const QString &node) -> QString {
        state[node] = 1;
        for (const QString &next : edges.value(node)) {
            if (state.value(next) == 1)
                return node + QStringLiteral(" -> ") + next;
            if (state.value(next) == 0) {
                const QString found = cycle(next);
                if (!found.isEmpty())
                    return node + QStringLiteral(" -> ") + found;
            }
        }
        state[node] = 2;
        return QString();
    };
    QStringList nodes(declared.begin(), declared.end());
    nodes.sort();
    for (const QString &node : nodes) {
        if (state.value(node) == 0) {
            const QString found = cycle(node);
            QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("dependency cycle: ") + found));
        }
    }

    // The providers are pinned to the versions the validator's schemas describe.
    QVERIFY(text.contains(QStringLiteral("source  = \"hashicorp/aws\"\n      version = \"6.25.0\"")));
    if (text.contains(QStringLiteral("data \"archive_file\"")))
        QVERIFY(text.contains(QStringLiteral("source  = \"hashicorp/archive\"\n      version = \"2.7.1\"")));
}

void tst_terraformexporter::alarms_data()
{
    addProjectRows(false);
}

void tst_terraformexporter::alarms()
{
    QFETCH(QString, path);
    const DiagramData data = load(path);
    const Model m(data);
    const ExportResult without = exportProject(data, false);
    QVERIFY(!fileOf(without, QStringLiteral("main.tf")).contains("aws_cloudwatch_metric_alarm"));
    QVERIFY(!fileOf(without, QStringLiteral("variables.tf")).contains("alarm_actions"));

    const ExportResult with = exportProject(data, true);
    QVERIFY(fileOf(with, QStringLiteral("variables.tf")).contains("variable \"alarm_actions\""));
    const QList<Block> alarms = ofType(blocks(QString::fromUtf8(fileOf(with, QStringLiteral("main.tf")))),
                                       QStringLiteral("aws_cloudwatch_metric_alarm"));
    auto has = [&](const QString &metric, const QString &dimension) {
        for (const Block &a : alarms) {
            if (arg(a, QStringLiteral("metric_name")) == QLatin1Char('"') + metric + QLatin1Char('"')
                && a.body.contains(dimension) && arg(a, QStringLiteral("alarm_actions")) == u"var.alarm_actions")
                return true;
        }
        return false;
    };
    QSet<QString> failureQueues;
    for (const Connection &c : data.connections) {
        if (!m.usable(c))
            continue;
        if ((c.role == u"dead-letter" || c.role == u"on-failure") && m.kind(c.to) == u"sqs-queue")
            failureQueues.insert(c.to);
        if (c.role == u"trigger") {
            for (const QString &prop : {QStringLiteral("OnFailure"), QStringLiteral("DeadLetterQueue")}) {
                const QString q = m.named(c, prop, {QStringLiteral("sqs-queue")});
                if (!q.isEmpty())
                    failureQueues.insert(q);
            }
            const QString fnDimension = QStringLiteral("FunctionName = aws_lambda_function.%1.function_name").arg(m.tf(c.to));
            const QString source = m.kind(c.from);
            if (source == u"kinesis-stream" || source == u"dynamodb-table")
                QVERIFY2(has(QStringLiteral("IteratorAge"), fnDimension), qPrintable(c.from + QStringLiteral(" -> ") + c.to));
            if (source == u"sqs-queue")
                QVERIFY2(has(QStringLiteral("ApproximateAgeOfOldestMessage"),
                             QStringLiteral("QueueName = aws_sqs_queue.%1.name").arg(m.tf(c.from))), qPrintable(c.from));
        }
    }
    for (const QString &q : failureQueues)
        QVERIFY2(has(QStringLiteral("ApproximateNumberOfMessagesVisible"), QStringLiteral("QueueName = aws_sqs_queue.%1.name").arg(m.tf(q))),
                 qPrintable(q));
    for (const Component &c : data.components) {
        if (c.kind == u"lambda-function")
            QVERIFY2(has(QStringLiteral("Errors"), QStringLiteral("FunctionName = aws_lambda_function.%1.function_name").arg(m.tf(c.id))),
                     qPrintable(c.id));
    }
}

void tst_terraformexporter::warnings()
{
    // The examples export without a warning, except the Java code that Terraform cannot build.
    for (const Project &p : projects()) {
        if (p.name == u"coverage")
            continue;
        const ExportResult r = exportProject(load(p.path), p.alarms);
        for (const Diagnostic &d : r.diagnostics) {
            QVERIFY(d.severity == Severity::Warning);
            QVERIFY2(d.rule == u"EXPORT-101", qPrintable(p.name + QStringLiteral(": ") + d.rule + QLatin1Char(' ') + d.message));
        }
    }
    // What the coverage project has that Terraform cannot say is reported, once each.
    const ExportResult r = exportProject(load(GoldenDir + QStringLiteral("/coverage.ew.yaml")), false);
    QStringList got;
    for (const Diagnostic &d : r.diagnostics) {
        QVERIFY(d.severity == Severity::Warning);
        QVERIFY(d.rule.startsWith(QStringLiteral("EXPORT-")));
        QVERIFY(!d.message.isEmpty());
        got << d.rule + QLatin1Char(' ') + (d.connection ? d.connection->from + QStringLiteral("->") + d.connection->to : d.component);
    }
    got.sort();
    const QStringList want = {
        QStringLiteral("EXPORT-001 unknown-thing"),                // unknown kind
        QStringLiteral("EXPORT-001 unnamed-code->order-placed"),   // no such integration
        QStringLiteral("EXPORT-004 admin-api->worker"),            // JWT on a REST API
        QStringLiteral("EXPORT-005 every-five->ordered"),          // FIFO target without group id
        QStringLiteral("EXPORT-005 order-placed->ordered"),
        QStringLiteral("EXPORT-006 worker->undelivered"),          // second on-failure destination
        QStringLiteral("EXPORT-007 hot-path->tasks"),              // TASKS_QUEUE_URL set by the project
        QStringLiteral("EXPORT-008 unnamed-code"),                 // no CodeUri
        QStringLiteral("EXPORT-008 unnamed-code"),                 // no Handler
        QStringLiteral("EXPORT-009 order-placed->ordered"),        // EventBridge to a customer-key queue
        QStringLiteral("EXPORT-011 every-five->app-bus"),          // schedule to bus: detail type/source
        QStringLiteral("EXPORT-012 unused-api"),                   // REST API without routes
        QStringLiteral("EXPORT-102 hot-path"),                     // non-text environment value
        QStringLiteral("EXPORT-102 telemetry->worker"),            // record age Terraform rejects
    };
    QCOMPARE(got, want);
}

void tst_terraformexporter::externalValidator_data()
{
    QTest::addColumn<QString>("dir");
    for (const Project &p : projects())
        QTest::newRow(qPrintable(p.name)) << GoldenDir + QLatin1Char('/') + p.name;
}

void tst_terraformexporter::externalValidator()
{
    // HashiCorp's HCL parser and the AWS provider 6.25.0 schema, when tests/external/setup ran.
    QFETCH(QString, dir);
    const QString validator = QStringLiteral(EW_SOURCE_DIR "/tests/external/bin/validate-tf");
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()
        || !QDir(QStringLiteral(EW_SOURCE_DIR "/tests/external/node_modules/@cdktf/hcl2json")).exists())
        QSKIP("tests/external/setup has not run (no node or node_modules)");
    QProcess p;
    p.start(validator, {dir});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardOutput().constData());
}

void tst_terraformexporter::terraformFmt()
{
    // The golden files are in terraform fmt's canonical form (when terraform is installed).
    const QString terraform = QStandardPaths::findExecutable(QStringLiteral("terraform"));
    if (terraform.isEmpty())
        QSKIP("terraform is not installed");
    for (const Project &project : projects()) {
        QProcess p;
        p.start(terraform, {QStringLiteral("fmt"), QStringLiteral("-check"), QStringLiteral("-list=true"),
                            GoldenDir + QLatin1Char('/') + project.name});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, qPrintable(project.name + QStringLiteral(": ") + QString::fromUtf8(p.readAllStandardOutput())));
    }
}

QTEST_GUILESS_MAIN(tst_terraformexporter)
#include "tst_terraformexporter.moc"

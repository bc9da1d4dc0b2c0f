// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/terraformexporter.h"

#include "core/export/hclwriter.h"
#include "core/model/logicalnames.h"
#include "core/validation/validationcontext.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimeZone>

#include <map>

namespace ew::core {

namespace {

using Hcl = HclExpr;

const QString AwsVersion = QStringLiteral("6.25.0");
const QString ArchiveVersion = QStringLiteral("2.7.1");
const QString AliasName = QStringLiteral("live");

// Rule ids of what the module cannot say as the project does (all warnings). The ids the SAM
// exporter also reports keep its numbers and meanings; 101 and up are Terraform's own.
const QString RuleSkipped = QStringLiteral("EXPORT-001");        // unknown kind / connection: left out
const QString RuleRestJwt = QStringLiteral("EXPORT-004");        // REST API has no JWT authorizer
const QString RuleFifoGroup = QStringLiteral("EXPORT-005");      // FIFO target needs a group id
const QString RuleOneOnly = QStringLiteral("EXPORT-006");        // AWS takes one, first kept
const QString RuleEnvironment = QStringLiteral("EXPORT-007");    // environment variable name taken
const QString RuleMissing = QStringLiteral("EXPORT-008");        // missing value, placeholder used
const QString RuleKmsKey = QStringLiteral("EXPORT-009");         // KMS key IAM here cannot grant
const QString RuleBusDetail = QStringLiteral("EXPORT-011");      // schedule to bus: detail type/source
const QString RuleNoRoutes = QStringLiteral("EXPORT-012");       // REST API without routes: left out
const QString RuleBuild = QStringLiteral("EXPORT-101");          // code must be built first
const QString RuleTfRange = QStringLiteral("EXPORT-102");        // value Terraform rejects, dropped
const QString RuleBadReference = QStringLiteral("EXPORT-103");   // OnFailure/DLQ names no usable component

QString wrap(const QString &text, int width);

// ------------------------------------------------------------------------------- IAM actions
// The minimal actions for each access edge, by target kind and direction.
QStringList readActions(const QString &kind)
{
    if (kind == u"dynamodb-table")
        return {QStringLiteral("dynamodb:BatchGetItem"), QStringLiteral("dynamodb:GetItem"),
                QStringLiteral("dynamodb:Query"), QStringLiteral("dynamodb:Scan")};
    if (kind == u"sqs-queue")
        return {QStringLiteral("sqs:ChangeMessageVisibility"), QStringLiteral("sqs:DeleteMessage"),
                QStringLiteral("sqs:GetQueueAttributes"), QStringLiteral("sqs:ReceiveMessage")};
    if (kind == u"sns-topic")
        return {QStringLiteral("sns:GetTopicAttributes")};
    if (kind == u"kinesis-stream")
        return {QStringLiteral("kinesis:DescribeStreamSummary"), QStringLiteral("kinesis:GetRecords"),
                QStringLiteral("kinesis:GetShardIterator"), QStringLiteral("kinesis:ListShards")};
    if (kind == u"eventbridge-bus")
        return {QStringLiteral("events:DescribeEventBus")};
    return {};
}

QStringList writeActions(const QString &kind)
{
    if (kind == u"dynamodb-table")
        return {QStringLiteral("dynamodb:BatchWriteItem"), QStringLiteral("dynamodb:DeleteItem"),
                QStringLiteral("dynamodb:PutItem"), QStringLiteral("dynamodb:UpdateItem")};
    if (kind == u"sqs-queue")
        return {QStringLiteral("sqs:SendMessage")};
    if (kind == u"sns-topic")
        return {QStringLiteral("sns:Publish")};
    if (kind == u"kinesis-stream")
        return {QStringLiteral("kinesis:PutRecord"), QStringLiteral("kinesis:PutRecords")};
    if (kind == u"eventbridge-bus")
        return {QStringLiteral("events:PutEvents")};
    return {};
}

// ------------------------------------------------------------------------------- policies

/// One statement of a policy document: one resource, the actions needed on it, and why.
struct Statement
{
    QString sid;
    QString resource;            ///< an HCL expression
    QStringList actions;
    QStringList reasons;
    QString note;
    QString principalService;    ///< resource policies: the service principal
    QString conditionOperator;   ///< e.g. ArnEquals
    QString conditionKey;        ///< e.g. aws:SourceArn
    QString conditionValue;      ///< an HCL expression
};

/// A policy document built from grants; grants with the same Sid merge their actions.
class Policy
{
public:
    /// Grants actions on one resource. Grants on the same resource merge (the first Sid stays);
    /// a Sid already used for another resource gets a numeric suffix.
    void grant(const QString &sid, const QString &resource, const QStringList &actions,
               const QString &reason, const QString &note = {})
    {
        for (Statement &s : m_statements) {
            // Account-level actions ("*") stay in their own statements, each with its reason.
            if (s.resource != resource || !s.principalService.isEmpty()
                || (resource == u"\"*\"" && s.sid != sid))
                continue;
            for (const QString &a : actions) {
                if (!s.actions.contains(a))
                    s.actions << a;
            }
            if (!reason.isEmpty() && !s.reasons.contains(reason))
                s.reasons << reason;
            return;
        }
        Statement s;
        s.sid = uniqueSid(sid);
        s.resource = resource;
        s.actions = actions;
        if (!reason.isEmpty())
            s.reasons << reason;
        s.note = note;
        m_statements.push_back(std::move(s));
    }

    /// A resource-policy statement for a service principal, scoped by a condition.
    void allowService(const QString &sid, const QString &service, const QString &action,
                      const QString &resource, const QString &sourceArn, const QString &reason)
    {
        for (const Statement &s : m_statements) {
            if (s.sid == sid)
                return;
        }
        Statement s;
        s.sid = sid;
        s.principalService = service;
        s.actions = {action};
        s.resource = resource;
        s.reasons = {reason};
        s.conditionOperator = QStringLiteral("ArnEquals");
        s.conditionKey = QStringLiteral("aws:SourceArn");
        s.conditionValue = sourceArn;
        m_statements.push_back(std::move(s));
    }

    bool isEmpty() const { return m_statements.empty(); }

    Hcl document() const
    {
        Hcl statements = Hcl::list();
        for (const Statement &s : m_statements) {
            QStringList actions = s.actions;
            actions.sort();
            Hcl o = Hcl::object();
            o.add(QStringLiteral("Sid"), Hcl::string(s.sid));
            o.add(QStringLiteral("Effect"), Hcl::string(QStringLiteral("Allow")));
            if (!s.principalService.isEmpty())
                o.add(QStringLiteral("Principal"),
                      Hcl::object().add(QStringLiteral("Service"), Hcl::string(s.principalService)));
            o.add(QStringLiteral("Action"), Hcl::strings(actions));
            o.add(QStringLiteral("Resource"), Hcl::list({Hcl::raw(s.resource)}));
            if (!s.conditionOperator.isEmpty()) {
                o.add(QStringLiteral("Condition"),
                      Hcl::object().add(s.conditionOperator,
                                        Hcl::object().add(s.conditionKey, Hcl::raw(s.conditionValue))));
            }
            QString comment = wrap(s.reasons.join(QStringLiteral("; ")), 90);
            if (!s.note.isEmpty())
                comment += (comment.isEmpty() ? QString() : QStringLiteral("\n")) + s.note;
            o.withComment(comment);
            statements.append(std::move(o));
        }
        return Hcl::call(QStringLiteral("jsonencode"),
                         Hcl::object()
                             .add(QStringLiteral("Version"), Hcl::string(QStringLiteral("2012-10-17")))
                             .add(QStringLiteral("Statement"), statements));
    }

private:
    QString uniqueSid(const QString &base) const
    {
        QString sid = base;
        for (int n = 2;; ++n) {
            bool taken = false;
            for (const Statement &s : m_statements)
                taken = taken || s.sid == sid;
            if (!taken)
                return sid;
            sid = base + QString::number(n);
        }
    }

    std::vector<Statement> m_statements;
};

/// assume_role_policy for a service, optionally limited to the module's account.
Hcl assumeRolePolicy(const QString &service, bool sourceAccount)
{
    Hcl statement = Hcl::object();
    statement.add(QStringLiteral("Effect"), Hcl::string(QStringLiteral("Allow")));
    statement.add(QStringLiteral("Principal"),
                  Hcl::object().add(QStringLiteral("Service"), Hcl::string(service)));
    statement.add(QStringLiteral("Action"), Hcl::string(QStringLiteral("sts:AssumeRole")));
    if (sourceAccount) {
        statement.add(QStringLiteral("Condition"),
                      Hcl::object().add(QStringLiteral("StringEquals"),
                                        Hcl::object().add(QStringLiteral("aws:SourceAccount"),
                                                          Hcl::raw(QStringLiteral("data.aws_caller_identity.current.account_id")))));
    }
    return Hcl::call(QStringLiteral("jsonencode"),
                     Hcl::object()
                         .add(QStringLiteral("Version"), Hcl::string(QStringLiteral("2012-10-17")))
                         .add(QStringLiteral("Statement"), Hcl::list({statement})));
}

// ------------------------------------------------------------------------------- value helpers

bool toInt(const Value *v, qint64 &out)
{
    if (!v || !v->isScalar())
        return false;
    const std::optional<qint64> i = v->toInteger();
    if (!i.has_value())
        return false;
    out = i.value();
    return true;
}

/// A scalar setting as an HCL number / boolean / string, keeping what the model says.
Hcl numberOf(const Value &v)
{
    if (v.isScalar()) {
        qint64 i = 0;
        if (toInt(&v, i))
            return Hcl::integer(i);
        if (v.toNumber().has_value())
            return Hcl::fromValue(Value::scalar(v.text()));
    }
    return Hcl::string(v.display());
}

Hcl boolOf(const Value &v)
{
    const std::optional<bool> b = v.toBool();
    if (b.has_value())
        return Hcl::boolean(b.value());
    return Hcl::string(v.display());
}

QStringList textList(const Value *v)
{
    QStringList out;
    if (!v)
        return out;
    if (v->isList()) {
        for (const Value &item : v->items())
            out << item.toString();
    } else if (v->isScalar()) {
        out << v->text();
    }
    return out;
}

/// The environment variable naming an accessed resource, as the SAM export names it so that the
/// same code runs with either: ORDERS_TABLE_NAME for "orders-table", JOBS_QUEUE_URL for "jobs"
/// (the kind's word is added unless the id already ends with it).
QString environmentName(const QString &id, const QString &kindWord, const QString &what)
{
    QString base;
    for (QChar c : id)
        base += c.isLetterOrNumber() ? c.toUpper() : QChar(u'_');
    if (base.isEmpty() || !base.front().isLetter())
        base.prepend(u'R');
    if (base == kindWord || base.endsWith(u'_' + kindWord))
        return base + u'_' + what;
    if (kindWord == u"EVENT_BUS" && (base == u"BUS" || base.endsWith(QStringLiteral("_BUS"))))
        return base + u'_' + what;
    return base + u'_' + kindWord + u'_' + what;
}

QString pascal(const QString &text)
{
    return LogicalNames::toPascalCase(text);
}

/// "/items/{id}" → ["items", "{id}"].
QStringList pathSegments(const QString &path)
{
    QStringList out;
    for (const QString &s : path.split(QLatin1Char('/'))) {
        if (!s.isEmpty())
            out << s;
    }
    return out;
}

/// The path as it appears in an execute-api ARN: path parameters become wildcards.
QString arnPath(const QString &path)
{
    QStringList parts;
    for (const QString &s : pathSegments(path))
        parts << (s.startsWith(QLatin1Char('{')) ? QStringLiteral("*") : s);
    return parts.join(QLatin1Char('/'));
}

/// "/items/{id}" → "items_id", for resource names.
QString pathName(const QString &path)
{
    QStringList parts;
    for (QString s : pathSegments(path)) {
        s.remove(QLatin1Char('{')).remove(QLatin1Char('}')).remove(QLatin1Char('+'));
        if (!s.isEmpty())
            parts << LogicalNames::toSnakeCase(s);
    }
    return parts.isEmpty() ? QStringLiteral("root") : parts.join(QLatin1Char('_'));
}

QString wrap(const QString &text, int width)
{
    QStringList lines;
    for (const QString &paragraph : text.split(QLatin1Char('\n'))) {
        QString current;
        for (const QString &word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!current.isEmpty() && current.size() + 1 + word.size() > width) {
                lines << current;
                current.clear();
            }
            current += (current.isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        lines << current;
    }
    return lines.join(QLatin1Char('\n'));
}

// ------------------------------------------------------------------------------- the builder

struct Variable
{
    QString name;
    QString description;
    QString type;
    QString defaultValue;   ///< an HCL expression, empty for a required input
    QString condition;      ///< validation condition (an HCL expression), or empty
    QString error;          ///< its error message
};

Variable variable(const QString &name, const QString &description, const QString &type,
                  const QString &defaultValue = {})
{
    Variable v;
    v.name = name;
    v.description = description;
    v.type = type;
    v.defaultValue = defaultValue;
    return v;
}

class Builder
{
public:
    Builder(const DiagramData &data, const Catalog &catalog, const ExportOptions &options)
        : m_data(data)
        , m_catalog(catalog)
        , m_options(options)
        , m_vc(data, catalog)
        , m_names(data)
    {
    }

    ExportResult run();

private:
    // --- naming and references
    QString tf(const QString &id) const { return m_names.terraform(id); }
    QString unique(const QString &type, const QString &base);
    QString connectionBase(const Connection &c) const { return tf(c.from) + QLatin1Char('_') + tf(c.to); }
    const Component *component(const QString &id) const { return m_vc.component(id); }
    QString kindName(const Component &c) const;
    /// `"${var.name_prefix}<id><suffix>"`.
    QString derivedName(const QString &id, const QString &suffix = {}) const;
    /// The component's own name property, else a derived name.
    QString nameOf(const Component &c, const QString &property, const QString &suffix = {}) const;
    bool isDefaultBus(const Component &c) const;
    QString busRef(const Component &c) const;
    /// The ARN expression of a queue, topic, bucket, table, stream, bus or function (its alias
    /// when it has provisioned concurrency).
    QString arnOf(const Component &c) const;
    bool hasAlias(const QString &functionId) const { return m_alias.contains(functionId); }
    QString functionArn(const QString &functionId) const;
    QString functionInvokeArn(const QString &functionId) const;
    /// The function's ARN (its alias's when it has one) spelled from its name and the caller's
    /// partition, region and account, without a reference to the function's resources.
    QString functionArnByName(const Component &function);
    QString functionNameRef(const QString &functionId) const
    {
        return QStringLiteral("aws_lambda_function.%1.function_name").arg(tf(functionId));
    }
    QString mskArnVariable(const Component &cluster) const { return QStringLiteral("var.%1_arn").arg(tf(cluster.id)); }
    /// The component named by a connection property (OnFailure, DeadLetterQueue), or nullptr
    /// (with a warning) when it names none of the given kinds.
    const Component *referenced(int index, const QString &property, const QStringList &kinds);
    bool usable(int index) const { return !m_skipped.contains(index); }
    std::vector<int> outgoing(const QString &id, const QString &role = {}) const;
    std::vector<int> incoming(const QString &id, const QString &role = {}) const;
    const Connection &connection(int index) const { return m_data.connections[size_t(index)]; }

    // --- diagnostics
    void warn(const QString &rule, const QString &message, const QString &componentId,
              int connectionIndex = -1, const QString &fix = {});

    // --- writers for one setting
    void explicitNumber(HclWriter &w, const QString &arg, const Component &c, const QString &prop);
    void explicitNumber(HclWriter &w, const QString &arg, const Connection &c, const QString &prop);
    void effectiveNumber(HclWriter &w, const QString &arg, const Component &c, const QString &prop);
    void explicitString(HclWriter &w, const QString &arg, const Component &c, const QString &prop);
    void explicitBool(HclWriter &w, const QString &arg, const Connection &c, const QString &prop);
    void permission(const QString &name, const QString &functionId, const QString &principal,
                    const QString &sourceArn, bool sourceAccount = false);

    // --- sections
    void prepare();
    void section(const Component &c);
    void queue(const Component &c);
    void topic(const Component &c);
    void bucket(const Component &c);
    void table(const Component &c);
    void stream(const Component &c);
    void bus(const Component &c);
    void function(const Component &c);
    void functionPolicy(const Component &c, Policy &policy);
    void grantDestination(Policy &policy, const Component &target, const QString &reason);
    void grantQueueKey(Policy &policy, const Component &queue, bool produce, const QString &reason);
    /// Warns when a service principal sends to a queue encrypted with a customer managed key.
    void serviceKey(const Component &queue, const QString &service, int index);
    void httpApi(const Component &c);
    void restApi(const Component &c);
    void rule(const Component &c);
    void schedule(const Component &c);
    /// The input and retry policy of a rule's or a schedule's target (same names in both).
    void targetInputAndRetries(const Connection &trigger);
    void eventSourceMapping(int index);
    void resourcePolicy(const Component &c);
    void alarms();
    void alarm(const QString &name, const QString &alarmName, const QString &description,
               const QString &ns, const QString &metric, const QString &dimension,
               const QString &dimensionValue, const QString &statistic, int period,
               int evaluationPeriods, qint64 threshold);
    void variables();
    void outputs();
    QByteArray mainFile() const;

    const DiagramData &m_data;
    const Catalog &m_catalog;
    ExportOptions m_options;
    ValidationContext m_vc;
    LogicalNames m_names;
    ExportResult m_result;

    HclWriter m_body;
    HclWriter m_vars;
    HclWriter m_outs;
    std::vector<Variable> m_inputs;

    QSet<QString> m_componentNames;
    QHash<QString, QSet<QString>> m_taken;
    QSet<int> m_skipped;
    QSet<QString> m_alias;                        ///< functions with provisioned concurrency
    std::map<QString, Policy> m_resourcePolicies; ///< queue/topic id → resource policy
    std::map<int, QString> m_consumers;           ///< trigger index → kinesis consumer tf name
    QSet<QString> m_deadLetterQueues;             ///< queues that receive failures
    QSet<QString> m_leftOut;                      ///< components not exported
    QSet<QString> m_keyWarnings;                  ///< queues whose key alias was reported
    bool m_useArchive = false;
    bool m_useCallerIdentity = false;
    bool m_usePartitionAndRegion = false;
};

// ------------------------------------------------------------------------------- helpers

QString Builder::unique(const QString &type, const QString &base)
{
    QSet<QString> &taken = m_taken[type];
    QString name = base;
    for (int n = 2; taken.contains(name) || m_componentNames.contains(name); ++n)
        name = base + QLatin1Char('_') + QString::number(n);
    taken.insert(name);
    return name;
}

QString Builder::kindName(const Component &c) const
{
    const KindSpec *k = m_vc.kindOf(c);
    return k ? k->name : c.kind;
}

QString Builder::derivedName(const QString &id, const QString &suffix) const
{
    return QStringLiteral("\"${var.name_prefix}") + HclWriter::escape(id + suffix) + QLatin1Char('"');
}

QString Builder::nameOf(const Component &c, const QString &property, const QString &suffix) const
{
    const Value *v = m_vc.explicitValue(c, property);
    if (v && v->isScalar() && !v->text().isEmpty())
        return HclWriter::quote(v->text());
    return derivedName(c.id, suffix);
}

bool Builder::isDefaultBus(const Component &c) const
{
    return c.kind == u"eventbridge-bus" && m_vc.text(c, QStringLiteral("Name")) == u"default";
}

QString Builder::busRef(const Component &c) const
{
    return (isDefaultBus(c) ? QStringLiteral("data.aws_cloudwatch_event_bus.")
                            : QStringLiteral("aws_cloudwatch_event_bus."))
           + tf(c.id);
}

QString Builder::functionArn(const QString &functionId) const
{
    return hasAlias(functionId) ? QStringLiteral("aws_lambda_alias.%1.arn").arg(tf(functionId))
                                : QStringLiteral("aws_lambda_function.%1.arn").arg(tf(functionId));
}

QString Builder::functionInvokeArn(const QString &functionId) const
{
    return hasAlias(functionId) ? QStringLiteral("aws_lambda_alias.%1.invoke_arn").arg(tf(functionId))
                                : QStringLiteral("aws_lambda_function.%1.invoke_arn").arg(tf(functionId));
}

QString Builder::functionArnByName(const Component &function)
{
    m_useCallerIdentity = true;
    m_usePartitionAndRegion = true;
    const Value *explicitName = m_vc.explicitValue(function, QStringLiteral("FunctionName"));
    const QString name = explicitName && !explicitName->text().isEmpty() ? HclWriter::escape(explicitName->text())
                                                                         : QStringLiteral("${var.name_prefix}") + HclWriter::escape(function.id);
    return QStringLiteral("\"arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:"
                          "${data.aws_caller_identity.current.account_id}:function:%1%2\"")
        .arg(name, hasAlias(function.id) ? QLatin1Char(':') + AliasName : QString());
}

QString Builder::arnOf(const Component &c) const
{
    const QString n = tf(c.id);
    if (c.kind == u"sqs-queue")
        return QStringLiteral("aws_sqs_queue.%1.arn").arg(n);
    if (c.kind == u"sns-topic")
        return QStringLiteral("aws_sns_topic.%1.arn").arg(n);
    if (c.kind == u"s3-bucket")
        return QStringLiteral("aws_s3_bucket.%1.arn").arg(n);
    if (c.kind == u"dynamodb-table")
        return QStringLiteral("aws_dynamodb_table.%1.arn").arg(n);
    if (c.kind == u"kinesis-stream")
        return QStringLiteral("aws_kinesis_stream.%1.arn").arg(n);
    if (c.kind == u"eventbridge-bus")
        return busRef(c) + QStringLiteral(".arn");
    if (c.kind == u"lambda-function")
        return functionArn(c.id);
    if (c.kind == u"eventbridge-rule")
        return QStringLiteral("aws_cloudwatch_event_rule.%1.arn").arg(n);
    if (c.kind == u"msk-cluster")
        return mskArnVariable(c);
    return QString();
}

std::vector<int> Builder::outgoing(const QString &id, const QString &role) const
{
    std::vector<int> out;
    for (int i : m_vc.outgoing(id)) {
        if (usable(i) && (role.isEmpty() || connection(i).role == role))
            out.push_back(i);
    }
    return out;
}

std::vector<int> Builder::incoming(const QString &id, const QString &role) const
{
    std::vector<int> out;
    for (int i : m_vc.incoming(id)) {
        if (usable(i) && (role.isEmpty() || connection(i).role == role))
            out.push_back(i);
    }
    return out;
}

const Component *Builder::referenced(int index, const QString &property, const QStringList &kinds)
{
    const Value *v = m_vc.explicitValue(connection(index), property);
    if (!v)
        return nullptr;
    const Component *target = v->isScalar() ? component(v->text()) : nullptr;
    if (!target || !kinds.contains(target->kind)) {
        warn(RuleBadReference,
             QStringLiteral("%1 '%2' names no %3 of the project; the setting is not exported")
                 .arg(property, v->display(), kinds.join(QStringLiteral(" or "))),
             QString(), index, QStringLiteral("Name a component of one of these kinds."));
        return nullptr;
    }
    return target;
}

void Builder::warn(const QString &rule, const QString &message, const QString &componentId,
                   int connectionIndex, const QString &fix)
{
    Diagnostic d;
    d.rule = rule;
    d.severity = Severity::Warning;
    d.message = message;
    d.fix = fix;
    if (connectionIndex >= 0) {
        const Connection &c = connection(connectionIndex);
        d.connection = ConnectionRef{c.from, c.to, c.role};
        d.connectionIndex = connectionIndex;
    } else {
        d.component = componentId;
    }
    m_result.diagnostics.append(std::move(d));
}

void Builder::explicitNumber(HclWriter &w, const QString &arg, const Component &c, const QString &prop)
{
    if (const Value *v = m_vc.explicitValue(c, prop))
        w.attr(arg, numberOf(*v));
}

void Builder::explicitNumber(HclWriter &w, const QString &arg, const Connection &c, const QString &prop)
{
    if (const Value *v = m_vc.explicitValue(c, prop))
        w.attr(arg, numberOf(*v));
}

void Builder::effectiveNumber(HclWriter &w, const QString &arg, const Component &c, const QString &prop)
{
    if (const Value *v = m_vc.value(c, prop))
        w.attr(arg, numberOf(*v));
}

void Builder::explicitString(HclWriter &w, const QString &arg, const Component &c, const QString &prop)
{
    if (const Value *v = m_vc.explicitValue(c, prop))
        w.string(arg, v->isScalar() ? v->text() : v->display());
}

void Builder::explicitBool(HclWriter &w, const QString &arg, const Connection &c, const QString &prop)
{
    if (const Value *v = m_vc.explicitValue(c, prop))
        w.attr(arg, boolOf(*v));
}

void Builder::permission(const QString &name, const QString &functionId, const QString &principal,
                         const QString &sourceArn, bool sourceAccount)
{
    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_permission"), name});
    m_body.string(QStringLiteral("statement_id"), name);
    m_body.string(QStringLiteral("action"), QStringLiteral("lambda:InvokeFunction"));
    m_body.raw(QStringLiteral("function_name"), functionNameRef(functionId));
    if (hasAlias(functionId))
        m_body.raw(QStringLiteral("qualifier"), QStringLiteral("aws_lambda_alias.%1.name").arg(tf(functionId)));
    m_body.string(QStringLiteral("principal"), principal);
    m_body.raw(QStringLiteral("source_arn"), sourceArn);
    if (sourceAccount) {
        m_useCallerIdentity = true;
        m_body.raw(QStringLiteral("source_account"), QStringLiteral("data.aws_caller_identity.current.account_id"));
    }
    m_body.close();
}

// ------------------------------------------------------------------------------- preparation

void Builder::prepare()
{
    for (const Component &c : m_data.components)
        m_componentNames.insert(tf(c.id));

    for (size_t i = 0; i < m_data.connections.size(); ++i) {
        const Connection &c = m_data.connections[i];
        const Component *from = component(c.from);
        const Component *to = component(c.to);
        if (!from || !to || !m_catalog.allows(from->kind, c.role, to->kind)) {
            m_skipped.insert(int(i));
            warn(RuleSkipped,
                 QStringLiteral("the catalog has no '%1' connection from %2 to %3, so it is not exported")
                     .arg(c.role, from ? kindName(*from) : c.from, to ? kindName(*to) : c.to),
                 QString(), int(i), QStringLiteral("Remove the connection or change its role."));
        }
    }

    for (const Component &c : m_data.components) {
        if (c.kind != u"lambda-function")
            continue;
        qint64 pc = 0;
        if (toInt(m_vc.explicitValue(c, QStringLiteral("ProvisionedConcurrentExecutions")), pc) && pc > 0)
            m_alias.insert(c.id);
    }

    // Resource policies of queues and topics that AWS services deliver to, and the queues that
    // collect failures (for the alarms).
    for (size_t i = 0; i < m_data.connections.size(); ++i) {
        const int index = int(i);
        if (!usable(index))
            continue;
        const Connection &c = connection(index);
        const Component &from = *component(c.from);
        const Component &to = *component(c.to);
        if (c.role == u"dead-letter" || c.role == u"on-failure") {
            if (to.kind == u"sqs-queue")
                m_deadLetterQueues.insert(to.id);
        }
        if (c.role == u"trigger") {
            for (const QString &prop : {QStringLiteral("OnFailure"), QStringLiteral("DeadLetterQueue")}) {
                const Value *v = m_vc.explicitValue(c, prop);
                const Component *q = v && v->isScalar() ? component(v->text()) : nullptr;
                if (q && q->kind == u"sqs-queue")
                    m_deadLetterQueues.insert(q->id);
            }
        }
        if (c.role == u"trigger" && (from.kind == u"sns-topic" || from.kind == u"eventbridge-rule")) {
            const Value *v = m_vc.explicitValue(c, QStringLiteral("DeadLetterQueue"));
            const Component *q = v && v->isScalar() ? component(v->text()) : nullptr;
            if (q && q->kind == u"sqs-queue") {
                const bool sns = from.kind == u"sns-topic";
                serviceKey(*q, sns ? QStringLiteral("SNS") : QStringLiteral("EventBridge"), index);
                m_resourcePolicies[q->id].allowService(
                    QStringLiteral("Allow%1From%2").arg(sns ? QStringLiteral("Sns") : QStringLiteral("Events"),
                                                        m_names.cfn(from.id)),
                    sns ? QStringLiteral("sns.amazonaws.com") : QStringLiteral("events.amazonaws.com"),
                    QStringLiteral("sqs:SendMessage"), arnOf(*q), arnOf(from),
                    sns ? QStringLiteral("dead-letter queue of the subscriptions of %1").arg(from.id)
                        : QStringLiteral("dead-letter queue of the targets of rule %1").arg(from.id));
            }
        }
        if (c.role == u"target" && from.kind == u"eventbridge-rule"
            && (to.kind == u"sqs-queue" || to.kind == u"sns-topic")) {
            const bool queue = to.kind == u"sqs-queue";
            serviceKey(to, QStringLiteral("EventBridge"), index);
            m_resourcePolicies[to.id].allowService(
                QStringLiteral("AllowEventsFrom%1").arg(m_names.cfn(from.id)), QStringLiteral("events.amazonaws.com"),
                queue ? QStringLiteral("sqs:SendMessage") : QStringLiteral("sns:Publish"), arnOf(to),
                arnOf(from), QStringLiteral("target of rule %1").arg(from.id));
        }
    }
}

// ------------------------------------------------------------------------------- sections

void Builder::section(const Component &c)
{
    m_body.separate();
    QString title = QStringLiteral("%1 '%2'").arg(kindName(c), c.id);
    if (c.label && !c.label->isEmpty() && *c.label != c.id)
        title += QStringLiteral(": ") + QString(*c.label).replace(QLatin1Char('\n'), QLatin1Char(' '));
    m_body.comment(QStringLiteral("---- ") + title);

    if (c.kind == u"sqs-queue")
        queue(c);
    else if (c.kind == u"sns-topic")
        topic(c);
    else if (c.kind == u"s3-bucket")
        bucket(c);
    else if (c.kind == u"dynamodb-table")
        table(c);
    else if (c.kind == u"kinesis-stream")
        stream(c);
    else if (c.kind == u"eventbridge-bus")
        bus(c);
    else if (c.kind == u"msk-cluster") {
        m_inputs.push_back(variable(QStringLiteral("%1_arn").arg(tf(c.id)),
                            QStringLiteral("ARN of the Amazon MSK cluster '%1'%2 (Eventwright does not create clusters).")
                                .arg(c.id, m_vc.explicitValue(c, QStringLiteral("ClusterName"))
                                               ? QStringLiteral(", named %1").arg(m_vc.text(c, QStringLiteral("ClusterName")))
                                               : QString()),
                            QStringLiteral("string")));
        m_body.comment(QStringLiteral("The cluster is an input: var.%1_arn.").arg(tf(c.id)));
        for (int i : outgoing(c.id, QStringLiteral("trigger")))
            eventSourceMapping(i);
    } else if (c.kind == u"lambda-function")
        function(c);
    else if (c.kind == u"apigateway-http")
        httpApi(c);
    else if (c.kind == u"apigateway-rest")
        restApi(c);
    else if (c.kind == u"eventbridge-rule")
        rule(c);
    else if (c.kind == u"eventbridge-schedule")
        schedule(c);
    else {
        m_body.comment(QStringLiteral("Unknown kind '%1': nothing exported.").arg(c.kind));
        warn(RuleSkipped, QStringLiteral("the catalog has no kind '%1', so the component is not exported").arg(c.kind), c.id);
    }
}

void Builder::queue(const Component &c)
{
    const QString n = tf(c.id);
    const bool fifo = m_vc.flag(c, QStringLiteral("FifoQueue"));
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_sqs_queue"), n});
    m_body.raw(QStringLiteral("name"), nameOf(c, QStringLiteral("QueueName"), fifo ? QStringLiteral(".fifo") : QString()));
    if (fifo)
        m_body.boolean(QStringLiteral("fifo_queue"), true);
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("ContentBasedDeduplication")))
        m_body.attr(QStringLiteral("content_based_deduplication"), boolOf(*v));
    explicitString(m_body, QStringLiteral("deduplication_scope"), c, QStringLiteral("DeduplicationScope"));
    explicitString(m_body, QStringLiteral("fifo_throughput_limit"), c, QStringLiteral("FifoThroughputLimit"));
    explicitNumber(m_body, QStringLiteral("delay_seconds"), c, QStringLiteral("DelaySeconds"));
    effectiveNumber(m_body, QStringLiteral("visibility_timeout_seconds"), c, QStringLiteral("VisibilityTimeout"));
    effectiveNumber(m_body, QStringLiteral("message_retention_seconds"), c, QStringLiteral("MessageRetentionPeriod"));
    effectiveNumber(m_body, QStringLiteral("max_message_size"), c, QStringLiteral("MaximumMessageSize"));
    explicitNumber(m_body, QStringLiteral("receive_wait_time_seconds"), c, QStringLiteral("ReceiveMessageWaitTimeSeconds"));
    explicitString(m_body, QStringLiteral("kms_master_key_id"), c, QStringLiteral("KmsMasterKeyId"));
    const std::vector<int> redrive = outgoing(c.id, QStringLiteral("dead-letter"));
    if (!redrive.empty()) {
        const Connection &r = connection(redrive.front());
        Hcl policy = Hcl::object();
        policy.add(QStringLiteral("deadLetterTargetArn"), Hcl::raw(arnOf(*component(r.to))));
        policy.add(QStringLiteral("maxReceiveCount"), numberOf(*m_vc.value(r, QStringLiteral("maxReceiveCount"))));
        m_body.attr(QStringLiteral("redrive_policy"), Hcl::call(QStringLiteral("jsonencode"), policy));
        for (size_t k = 1; k < redrive.size(); ++k) {
            warn(RuleOneOnly, QStringLiteral("a queue has one redrive dead-letter queue; only the one to '%1' is exported")
                                  .arg(r.to), QString(), redrive[k]);
        }
    }
    m_body.close();
    resourcePolicy(c);
    for (int i : outgoing(c.id, QStringLiteral("trigger")))
        eventSourceMapping(i);
}

void Builder::resourcePolicy(const Component &c)
{
    const auto it = m_resourcePolicies.find(c.id);
    if (it == m_resourcePolicies.end() || it->second.isEmpty())
        return;
    const QString n = tf(c.id);
    m_body.blank();
    if (c.kind == u"sqs-queue") {
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_sqs_queue_policy"), n});
        m_body.raw(QStringLiteral("queue_url"), QStringLiteral("aws_sqs_queue.%1.id").arg(n));
    } else {
        m_body.comment(QStringLiteral("Replaces the topic's default policy; the account's own principals keep their access through IAM."));
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_sns_topic_policy"), n});
        m_body.raw(QStringLiteral("arn"), QStringLiteral("aws_sns_topic.%1.arn").arg(n));
    }
    m_body.attr(QStringLiteral("policy"), it->second.document());
    m_body.close();
}

void Builder::topic(const Component &c)
{
    const QString n = tf(c.id);
    const bool fifo = m_vc.flag(c, QStringLiteral("FifoTopic"));
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_sns_topic"), n});
    m_body.raw(QStringLiteral("name"), nameOf(c, QStringLiteral("TopicName"), fifo ? QStringLiteral(".fifo") : QString()));
    if (fifo)
        m_body.boolean(QStringLiteral("fifo_topic"), true);
    m_body.close();
    resourcePolicy(c);

    for (int i : outgoing(c.id, QStringLiteral("trigger"))) {
        const Connection &t = connection(i);
        const QString name = unique(QStringLiteral("aws_lambda_permission"), connectionBase(t));
        permission(name, t.to, QStringLiteral("sns.amazonaws.com"), QStringLiteral("aws_sns_topic.%1.arn").arg(n));
        const QString sub = unique(QStringLiteral("aws_sns_topic_subscription"), connectionBase(t));
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_sns_topic_subscription"), sub});
        m_body.raw(QStringLiteral("topic_arn"), QStringLiteral("aws_sns_topic.%1.arn").arg(n));
        m_body.string(QStringLiteral("protocol"), QStringLiteral("lambda"));
        m_body.raw(QStringLiteral("endpoint"), functionArn(t.to));
        if (const Value *v = m_vc.explicitValue(t, QStringLiteral("FilterPolicy")))
            m_body.attr(QStringLiteral("filter_policy"), Hcl::call(QStringLiteral("jsonencode"), Hcl::fromValue(*v)));
        if (const Value *v = m_vc.explicitValue(t, QStringLiteral("FilterPolicyScope")))
            m_body.string(QStringLiteral("filter_policy_scope"), v->toString());
        if (const Component *dlq = referenced(i, QStringLiteral("DeadLetterQueue"), {QStringLiteral("sqs-queue")})) {
            m_body.attr(QStringLiteral("redrive_policy"),
                        Hcl::call(QStringLiteral("jsonencode"),
                                  Hcl::object().add(QStringLiteral("deadLetterTargetArn"), Hcl::raw(arnOf(*dlq)))));
        }
        m_body.raw(QStringLiteral("depends_on"), QStringLiteral("[aws_lambda_permission.%1]").arg(name));
        m_body.close();
    }
}

void Builder::bucket(const Component &c)
{
    const QString n = tf(c.id);
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_s3_bucket"), n});
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("BucketName")))
        m_body.string(QStringLiteral("bucket"), v->toString());
    else
        m_body.comment(QStringLiteral("No BucketName in the project: Terraform generates a unique name."));
    m_body.close();

    const std::vector<int> triggers = outgoing(c.id, QStringLiteral("trigger"));
    if (triggers.empty())
        return;
    QStringList permissions;
    for (int i : triggers) {
        const Connection &t = connection(i);
        const QString name = unique(QStringLiteral("aws_lambda_permission"), connectionBase(t));
        permission(name, t.to, QStringLiteral("s3.amazonaws.com"), QStringLiteral("aws_s3_bucket.%1.arn").arg(n), true);
        permissions << QStringLiteral("aws_lambda_permission.") + name;
    }
    m_body.blank();
    m_body.comment(QStringLiteral("A bucket has one notification configuration: every function it invokes is in it."));
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_s3_bucket_notification"), n});
    m_body.raw(QStringLiteral("bucket"), QStringLiteral("aws_s3_bucket.%1.id").arg(n));
    for (int i : triggers) {
        const Connection &t = connection(i);
        m_body.block(QStringLiteral("lambda_function"));
        m_body.raw(QStringLiteral("lambda_function_arn"), functionArn(t.to));
        m_body.attr(QStringLiteral("events"), Hcl::strings(textList(m_vc.value(t, QStringLiteral("Events")))));
        if (const Value *v = m_vc.explicitValue(t, QStringLiteral("FilterPrefix")))
            m_body.string(QStringLiteral("filter_prefix"), v->toString());
        if (const Value *v = m_vc.explicitValue(t, QStringLiteral("FilterSuffix")))
            m_body.string(QStringLiteral("filter_suffix"), v->toString());
        m_body.close();
    }
    m_body.raw(QStringLiteral("depends_on"), QLatin1Char('[') + permissions.join(QStringLiteral(", ")) + QLatin1Char(']'));
    m_body.close();
}

void Builder::table(const Component &c)
{
    const QString n = tf(c.id);
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_dynamodb_table"), n});
    m_body.raw(QStringLiteral("name"), nameOf(c, QStringLiteral("TableName")));
    const QString billing = m_vc.text(c, QStringLiteral("BillingMode"));
    m_body.string(QStringLiteral("billing_mode"), billing);
    struct Key { QString name; QString type; };
    std::vector<Key> keys;
    for (const QString &prop : {QStringLiteral("PartitionKey"), QStringLiteral("SortKey")}) {
        const QString spec = m_vc.text(c, prop);
        if (spec.isEmpty())
            continue;
        const qsizetype colon = spec.lastIndexOf(QLatin1Char(':'));
        Key k{colon > 0 ? spec.left(colon) : spec, colon > 0 ? spec.mid(colon + 1) : QStringLiteral("S")};
        m_body.string(prop == u"PartitionKey" ? QStringLiteral("hash_key") : QStringLiteral("range_key"), k.name);
        keys.push_back(k);
    }
    if (keys.empty())
        warn(RuleMissing, QStringLiteral("the table has no PartitionKey; the module has no hash key"), c.id);
    if (billing == u"PROVISIONED") {
        for (const auto &[prop, arg] : {std::pair{QStringLiteral("ReadCapacityUnits"), QStringLiteral("read_capacity")},
                                        std::pair{QStringLiteral("WriteCapacityUnits"), QStringLiteral("write_capacity")}}) {
            if (const Value *v = m_vc.explicitValue(c, prop)) {
                m_body.attr(arg, numberOf(*v));
            } else {
                m_body.integer(arg, 5);
                warn(RuleMissing, QStringLiteral("PROVISIONED billing needs %1; the module uses 5").arg(prop), c.id,
                     -1, QStringLiteral("Set %1, or use PAY_PER_REQUEST billing.").arg(prop));
            }
        }
    }
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("StreamViewType"))) {
        m_body.boolean(QStringLiteral("stream_enabled"), true);
        m_body.string(QStringLiteral("stream_view_type"), v->toString());
    }
    for (const Key &k : keys) {
        m_body.block(QStringLiteral("attribute"));
        m_body.string(QStringLiteral("name"), k.name);
        m_body.string(QStringLiteral("type"), k.type);
        m_body.close();
    }
    m_body.close();
    for (int i : outgoing(c.id, QStringLiteral("trigger")))
        eventSourceMapping(i);
}

void Builder::stream(const Component &c)
{
    const QString n = tf(c.id);
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_kinesis_stream"), n});
    m_body.raw(QStringLiteral("name"), nameOf(c, QStringLiteral("Name")));
    const QString mode = m_vc.text(c, QStringLiteral("StreamModeDetails"));
    if (mode == u"ON_DEMAND") {
        if (m_vc.explicitValue(c, QStringLiteral("ShardCount")))
            warn(RuleTfRange, QStringLiteral("an ON_DEMAND stream takes no ShardCount; it is not exported"), c.id);
    } else if (const Value *v = m_vc.explicitValue(c, QStringLiteral("ShardCount"))) {
        m_body.attr(QStringLiteral("shard_count"), numberOf(*v));
    } else {
        m_body.integer(QStringLiteral("shard_count"), 1);
        warn(RuleMissing, QStringLiteral("a provisioned stream needs ShardCount; the module uses 1 shard"), c.id,
             -1, QStringLiteral("Set ShardCount, or StreamModeDetails ON_DEMAND."));
    }
    explicitNumber(m_body, QStringLiteral("retention_period"), c, QStringLiteral("RetentionPeriodHours"));
    if (!mode.isEmpty()) {
        m_body.block(QStringLiteral("stream_mode_details"));
        m_body.string(QStringLiteral("stream_mode"), mode);
        m_body.close();
    }
    m_body.close();

    QSet<QString> consumerNames;
    for (int i : outgoing(c.id, QStringLiteral("trigger"))) {
        const Connection &t = connection(i);
        if (!m_vc.flag(t, QStringLiteral("Consumer")))
            continue;
        const QString name = unique(QStringLiteral("aws_kinesis_stream_consumer"), connectionBase(t));
        QString consumer = t.to;
        for (int k = 2; consumerNames.contains(consumer); ++k)
            consumer = t.to + QLatin1Char('-') + QString::number(k);
        consumerNames.insert(consumer);
        m_consumers[i] = name;
        m_body.blank();
        m_body.comment(QStringLiteral("Enhanced fan-out: %1 reads through its own consumer.").arg(t.to));
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_kinesis_stream_consumer"), name});
        m_body.string(QStringLiteral("name"), consumer);
        m_body.raw(QStringLiteral("stream_arn"), QStringLiteral("aws_kinesis_stream.%1.arn").arg(n));
        m_body.close();
    }
    for (int i : outgoing(c.id, QStringLiteral("trigger")))
        eventSourceMapping(i);
}

void Builder::bus(const Component &c)
{
    const QString n = tf(c.id);
    if (isDefaultBus(c)) {
        m_body.comment(QStringLiteral("The account's default bus exists already."));
        m_body.open(QStringLiteral("data"), {QStringLiteral("aws_cloudwatch_event_bus"), n});
        m_body.string(QStringLiteral("name"), QStringLiteral("default"));
        m_body.close();
        return;
    }
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_cloudwatch_event_bus"), n});
    m_body.raw(QStringLiteral("name"), nameOf(c, QStringLiteral("Name")));
    m_body.close();
}

void Builder::eventSourceMapping(int index)
{
    const Connection &t = connection(index);
    const Component &source = *component(t.from);
    const QString name = unique(QStringLiteral("aws_lambda_event_source_mapping"), connectionBase(t));
    const bool kafka = source.kind == u"msk-cluster";
    const bool streamSource = source.kind == u"kinesis-stream" || source.kind == u"dynamodb-table";

    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_event_source_mapping"), name});
    QString sourceArn;
    if (source.kind == u"dynamodb-table")
        sourceArn = QStringLiteral("aws_dynamodb_table.%1.stream_arn").arg(tf(source.id));
    else if (const auto it = m_consumers.find(index); it != m_consumers.end())
        sourceArn = QStringLiteral("aws_kinesis_stream_consumer.%1.arn").arg(it->second);
    else
        sourceArn = arnOf(source);
    m_body.raw(QStringLiteral("event_source_arn"), sourceArn);
    m_body.raw(QStringLiteral("function_name"), functionArn(t.to));
    if (kafka) {
        if (const Value *v = m_vc.explicitValue(t, QStringLiteral("Topics")))
            m_body.attr(QStringLiteral("topics"), Hcl::strings(textList(v)));
    }
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("StartingPosition")))
        m_body.string(QStringLiteral("starting_position"), v->toString());
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("StartingPositionTimestamp"))) {
        const std::optional<double> seconds = v->toNumber();
        if (seconds.has_value()) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(seconds.value() * 1000.0), QTimeZone::utc());
            m_body.string(QStringLiteral("starting_position_timestamp"),   // RFC 3339, UTC
                          at.toString(at.time().msec() ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")
                                                       : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")));
        } else {
            warn(RuleTfRange, QStringLiteral("StartingPositionTimestamp is not a Unix time; it is not exported"),
                 QString(), index);
        }
    }
    explicitNumber(m_body, QStringLiteral("batch_size"), t, QStringLiteral("BatchSize"));
    explicitNumber(m_body, QStringLiteral("maximum_batching_window_in_seconds"), t,
                   QStringLiteral("MaximumBatchingWindowInSeconds"));
    explicitNumber(m_body, QStringLiteral("parallelization_factor"), t, QStringLiteral("ParallelizationFactor"));
    explicitNumber(m_body, QStringLiteral("maximum_retry_attempts"), t, QStringLiteral("MaximumRetryAttempts"));
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("MaximumRecordAgeInSeconds"))) {
        qint64 age = 0;
        if (toInt(v, age) && age >= 0 && age < 60) {
            warn(RuleTfRange, QStringLiteral("Terraform takes MaximumRecordAgeInSeconds -1 or 60 to 604800, not %1; it is not exported")
                                  .arg(age), QString(), index, QStringLiteral("Use -1 or at least 60."));
        } else {
            m_body.attr(QStringLiteral("maximum_record_age_in_seconds"), numberOf(*v));
        }
    }
    explicitBool(m_body, QStringLiteral("bisect_batch_on_function_error"), t, QStringLiteral("BisectBatchOnFunctionError"));
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("TumblingWindowInSeconds"))) {
        qint64 window = 0;
        if (!(toInt(v, window) && window == 0))   // 0 turns windows off, which is the default
            m_body.attr(QStringLiteral("tumbling_window_in_seconds"), numberOf(*v));
    }
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("FunctionResponseTypes")))
        m_body.attr(QStringLiteral("function_response_types"), Hcl::strings(textList(v)));
    explicitBool(m_body, QStringLiteral("enabled"), t, QStringLiteral("Enabled"));
    if (kafka) {
        if (const Value *v = m_vc.explicitValue(t, QStringLiteral("ConsumerGroupId"))) {
            m_body.block(QStringLiteral("amazon_managed_kafka_event_source_config"));
            m_body.string(QStringLiteral("consumer_group_id"), v->toString());
            m_body.close();
        }
    }
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("MaximumConcurrency"))) {
        m_body.block(QStringLiteral("scaling_config"));
        m_body.attr(QStringLiteral("maximum_concurrency"), numberOf(*v));
        m_body.close();
    }
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("ProvisionedPollerConfig")); v && v->isMap()) {
        m_body.block(QStringLiteral("provisioned_poller_config"));
        if (const Value *p = v->find(QStringLiteral("MinimumPollers")))
            m_body.attr(QStringLiteral("minimum_pollers"), numberOf(*p));
        if (const Value *p = v->find(QStringLiteral("MaximumPollers")))
            m_body.attr(QStringLiteral("maximum_pollers"), numberOf(*p));
        m_body.close();
    }
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("FilterPatterns")); v && v->isList() && !v->items().empty()) {
        m_body.block(QStringLiteral("filter_criteria"));
        for (const Value &pattern : v->items()) {
            m_body.block(QStringLiteral("filter"));
            m_body.attr(QStringLiteral("pattern"), Hcl::call(QStringLiteral("jsonencode"), Hcl::fromValue(pattern)));
            m_body.close();
        }
        m_body.close();
    }
    if (streamSource || kafka) {
        if (const Component *target = referenced(index, QStringLiteral("OnFailure"),
                                                 {QStringLiteral("sqs-queue"), QStringLiteral("sns-topic"),
                                                  QStringLiteral("s3-bucket")})) {
            m_body.block(QStringLiteral("destination_config"));
            m_body.block(QStringLiteral("on_failure"));
            m_body.raw(QStringLiteral("destination_arn"), arnOf(*target));
            m_body.close();
            m_body.close();
        }
    }
    m_body.close();
}

// ------------------------------------------------------------------------------- functions

void Builder::grantQueueKey(Policy &policy, const Component &queue, bool produce, const QString &reason)
{
    if (queue.kind != u"sqs-queue")
        return;
    const QString key = m_vc.text(queue, QStringLiteral("KmsMasterKeyId"));
    if (key.isEmpty() || key == u"alias/aws/sqs")
        return;
    if (!key.startsWith(QStringLiteral("arn:"))) {
        if (m_keyWarnings.contains(queue.id))
            return;
        m_keyWarnings.insert(queue.id);
        warn(RuleKmsKey,
             QStringLiteral("KmsMasterKeyId '%1' is not a key ARN, so the functions that use the queue get no KMS permission")
                 .arg(key),
             queue.id, -1, QStringLiteral("Give the key's ARN, or grant kms:Decrypt / kms:GenerateDataKey in the key policy."));
        return;
    }
    QStringList actions = {QStringLiteral("kms:Decrypt")};
    if (produce)
        actions << QStringLiteral("kms:GenerateDataKey");
    policy.grant(m_names.cfn(queue.id) + QStringLiteral("Key"), HclWriter::quote(key), actions, reason);
}

void Builder::serviceKey(const Component &queue, const QString &service, int index)
{
    if (queue.kind != u"sqs-queue")
        return;
    const QString key = m_vc.text(queue, QStringLiteral("KmsMasterKeyId"));
    if (key.isEmpty() || key == u"alias/aws/sqs")
        return;
    warn(RuleKmsKey,
         QStringLiteral("%1 sends to '%2', which is encrypted with the KMS key '%3': only the key's own policy can let %1 use it")
             .arg(service, queue.id, key),
         QString(), index, QStringLiteral("Allow the service kms:GenerateDataKey and kms:Decrypt in the key policy."));
}

void Builder::grantDestination(Policy &policy, const Component &target, const QString &reason)
{
    const QString sid = m_names.cfn(target.id);
    if (target.kind == u"sqs-queue") {
        policy.grant(sid, arnOf(target), {QStringLiteral("sqs:SendMessage")}, reason);
        grantQueueKey(policy, target, true, reason);
    } else if (target.kind == u"sns-topic") {
        policy.grant(sid, arnOf(target), {QStringLiteral("sns:Publish")}, reason);
    } else if (target.kind == u"lambda-function") {
        policy.grant(sid, functionArnByName(target), {QStringLiteral("lambda:InvokeFunction")}, reason,
                     QStringLiteral("The ARN is built from the function's name, not its resource, so that functions that\n"
                                    "are each other's destinations do not form a dependency cycle."));
    } else if (target.kind == u"eventbridge-bus") {
        policy.grant(sid, arnOf(target), {QStringLiteral("events:PutEvents")}, reason);
    } else if (target.kind == u"s3-bucket") {
        policy.grant(sid, arnOf(target), {QStringLiteral("s3:ListBucket")}, reason);
        policy.grant(sid + QStringLiteral("Objects"), QStringLiteral("\"${%1}/*\"").arg(arnOf(target)),
                     {QStringLiteral("s3:PutObject")}, reason);
    }
}

void Builder::functionPolicy(const Component &fn, Policy &policy)
{
    policy.grant(QStringLiteral("Logs"), QStringLiteral("\"${aws_cloudwatch_log_group.%1.arn}:*\"").arg(tf(fn.id)),
                 {QStringLiteral("logs:CreateLogStream"), QStringLiteral("logs:PutLogEvents")},
                 QStringLiteral("its log group (created by Terraform, so no logs:CreateLogGroup)"));

    for (size_t k = 0; k < m_data.connections.size(); ++k) {
        const int i = int(k);
        if (!usable(i))
            continue;
        const Connection &c = connection(i);
        if (c.from == fn.id && c.role == u"access") {
            const Component &target = *component(c.to);
            const QString access = m_vc.text(c, QStringLiteral("Access"));
            const bool read = access != u"write";
            const bool write = access != u"read";
            const QString reason = QStringLiteral("%1 access to %2").arg(access, c.to);
            const QString sid = m_names.cfn(target.id);
            if (target.kind == u"s3-bucket") {
                if (read)
                    policy.grant(sid, arnOf(target), {QStringLiteral("s3:ListBucket")}, reason);
                QStringList objectActions;
                if (read)
                    objectActions << QStringLiteral("s3:GetObject");
                if (write)
                    objectActions << QStringLiteral("s3:DeleteObject") << QStringLiteral("s3:PutObject");
                policy.grant(sid + QStringLiteral("Objects"), QStringLiteral("\"${%1}/*\"").arg(arnOf(target)),
                             objectActions, reason);
            } else {
                QStringList actions;
                if (read)
                    actions << readActions(target.kind);
                if (write)
                    actions << writeActions(target.kind);
                policy.grant(sid, arnOf(target), actions, reason);
                if (read)
                    grantQueueKey(policy, target, false, reason);
                if (write)
                    grantQueueKey(policy, target, true, reason);
            }
        } else if (c.from == fn.id && (c.role == u"on-success" || c.role == u"on-failure" || c.role == u"dead-letter")) {
            const QString what = c.role == u"dead-letter" ? QStringLiteral("dead-letter target")
                                                           : QStringLiteral("%1 destination").arg(c.role);
            grantDestination(policy, *component(c.to), what);
        } else if (c.to == fn.id && c.role == u"trigger" && m_vc.invocationOf(c) == Invocation::Poll) {
            const Component &source = *component(c.from);
            const QString sid = m_names.cfn(source.id);
            const QString reason = QStringLiteral("event source mapping from %1").arg(source.id);
            if (source.kind == u"sqs-queue") {
                policy.grant(sid, arnOf(source),
                             {QStringLiteral("sqs:DeleteMessage"), QStringLiteral("sqs:GetQueueAttributes"),
                              QStringLiteral("sqs:ReceiveMessage")},
                             reason);
                grantQueueKey(policy, source, false, reason);
            } else if (source.kind == u"kinesis-stream") {
                const auto consumer = m_consumers.find(i);
                QStringList actions = {QStringLiteral("kinesis:DescribeStream"), QStringLiteral("kinesis:DescribeStreamSummary"),
                                       QStringLiteral("kinesis:GetRecords"), QStringLiteral("kinesis:GetShardIterator"),
                                       QStringLiteral("kinesis:ListShards")};
                if (consumer == m_consumers.end())
                    actions << QStringLiteral("kinesis:SubscribeToShard");
                policy.grant(sid, arnOf(source), actions, reason);
                if (consumer != m_consumers.end()) {
                    policy.grant(m_names.cfn(source.id) + QStringLiteral("Consumer"),
                                 QStringLiteral("aws_kinesis_stream_consumer.%1.arn").arg(consumer->second),
                                 {QStringLiteral("kinesis:SubscribeToShard")}, reason + QStringLiteral(" (enhanced fan-out)"));
                }
                policy.grant(QStringLiteral("KinesisListStreams"), QStringLiteral("\"*\""), {QStringLiteral("kinesis:ListStreams")},
                             reason,
                             QStringLiteral("kinesis:ListStreams is account-level: IAM accepts no narrower resource than \"*\"."));
            } else if (source.kind == u"dynamodb-table") {
                policy.grant(sid + QStringLiteral("Stream"), QStringLiteral("aws_dynamodb_table.%1.stream_arn").arg(tf(source.id)),
                             {QStringLiteral("dynamodb:DescribeStream"), QStringLiteral("dynamodb:GetRecords"),
                              QStringLiteral("dynamodb:GetShardIterator")},
                             reason);
                policy.grant(QStringLiteral("DynamoDbListStreams"), QStringLiteral("\"*\""), {QStringLiteral("dynamodb:ListStreams")},
                             reason,
                             QStringLiteral("dynamodb:ListStreams is account-level: IAM accepts no narrower resource than \"*\"."));
            } else if (source.kind == u"msk-cluster") {
                const QString var = mskArnVariable(source);
                policy.grant(sid, var,
                             {QStringLiteral("kafka:DescribeCluster"), QStringLiteral("kafka:DescribeClusterV2"),
                              QStringLiteral("kafka:GetBootstrapBrokers"), QStringLiteral("kafka-cluster:Connect"),
                              QStringLiteral("kafka-cluster:DescribeClusterDynamicConfiguration")},
                             reason);
                const QStringList topics = textList(m_vc.explicitValue(c, QStringLiteral("Topics")));
                for (const QString &topicName : topics) {
                    policy.grant(sid + QStringLiteral("Topic") + pascal(topicName),
                                 QStringLiteral("\"${replace(%1, \":cluster/\", \":topic/\")}/%2\"")
                                     .arg(var, HclWriter::escape(topicName)),
                                 {QStringLiteral("kafka-cluster:DescribeTopic"), QStringLiteral("kafka-cluster:ReadData")},
                                 reason);
                }
                const QString group = m_vc.text(c, QStringLiteral("ConsumerGroupId"));
                policy.grant(sid + QStringLiteral("Group") + pascal(group.isEmpty() ? QStringLiteral("Any") : group),
                             QStringLiteral("\"${replace(%1, \":cluster/\", \":group/\")}/%2\"")
                                 .arg(var, group.isEmpty() ? QStringLiteral("*") : HclWriter::escape(group)),
                             {QStringLiteral("kafka-cluster:AlterGroup"), QStringLiteral("kafka-cluster:DescribeGroup")},
                             reason + (group.isEmpty() ? QStringLiteral(" (no ConsumerGroupId: Lambda names the group)") : QString()));
                policy.grant(QStringLiteral("MskNetworkInterfaces"), QStringLiteral("\"*\""),
                             {QStringLiteral("ec2:CreateNetworkInterface"), QStringLiteral("ec2:DeleteNetworkInterface"),
                              QStringLiteral("ec2:DescribeNetworkInterfaces"), QStringLiteral("ec2:DescribeSecurityGroups"),
                              QStringLiteral("ec2:DescribeSubnets"), QStringLiteral("ec2:DescribeVpcs")},
                             reason,
                             QStringLiteral("Documented exception: Lambda reaches the MSK cluster through network interfaces in its VPC,\n"
                                            "and these ec2 actions accept no narrower resource than \"*\"."));
            }
            if (source.kind == u"kinesis-stream" || source.kind == u"dynamodb-table" || source.kind == u"msk-cluster") {
                const Value *v = m_vc.explicitValue(c, QStringLiteral("OnFailure"));
                const Component *target = v && v->isScalar() ? component(v->text()) : nullptr;
                if (target && (target->kind == u"sqs-queue" || target->kind == u"sns-topic" || target->kind == u"s3-bucket"))
                    grantDestination(policy, *target, QStringLiteral("on-failure destination of the mapping from %1").arg(source.id));
            }
        }
    }
}

void Builder::function(const Component &c)
{
    const QString n = tf(c.id);
    const Value *explicitName = m_vc.explicitValue(c, QStringLiteral("FunctionName"));
    const QString functionName = explicitName && !explicitName->text().isEmpty()
                                     ? HclWriter::quote(explicitName->text())
                                     : derivedName(c.id);
    const QString logGroupName = explicitName && !explicitName->text().isEmpty()
                                     ? HclWriter::quote(QStringLiteral("/aws/lambda/") + explicitName->text())
                                     : QStringLiteral("\"/aws/lambda/${var.name_prefix}") + HclWriter::escape(c.id) + QLatin1Char('"');

    // Code: a local folder (zipped by archive_file), a local .zip/.jar, or an S3 object.
    QString code = m_vc.text(c, QStringLiteral("CodeUri"));
    if (code.isEmpty()) {
        code = QStringLiteral("src/") + c.id;
        warn(RuleMissing, QStringLiteral("the function has no CodeUri; the module packages the folder %1").arg(code), c.id,
             -1, QStringLiteral("Set CodeUri to the folder of the function's code."));
    }
    const QString runtime = m_vc.text(c, QStringLiteral("Runtime"));
    enum class Package { Folder, File, S3 } package = Package::Folder;
    QString s3Bucket, s3Key, path;
    if (code.startsWith(QStringLiteral("s3://"))) {
        package = Package::S3;
        const QString rest = code.mid(5);
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        s3Bucket = slash < 0 ? rest : rest.left(slash);
        s3Key = slash < 0 ? QString() : rest.mid(slash + 1);
    } else {
        path = code;
        while (path.startsWith(QStringLiteral("./")))
            path = path.mid(2);
        while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
            path.chop(1);
        if (path == u".")
            path.clear();
        const bool absolute = path.startsWith(QLatin1Char('/'));
        path = absolute ? HclWriter::escape(path)
                        : QStringLiteral("${path.module}") + (path.isEmpty() ? QString() : QLatin1Char('/') + HclWriter::escape(path));
        if (code.endsWith(QStringLiteral(".zip")) || code.endsWith(QStringLiteral(".jar")))
            package = Package::File;
        else if (runtime.startsWith(QStringLiteral("java")) || runtime.startsWith(QStringLiteral("dotnet"))
                 || runtime.startsWith(QStringLiteral("provided"))) {
            warn(RuleBuild,
                 QStringLiteral("Terraform zips %1 as it is; build the %2 code into that folder first (SAM would build it)")
                     .arg(code, runtime),
                 c.id, -1, QStringLiteral("Build the deployment package before terraform apply, or point CodeUri at a built .zip/.jar."));
        }
    }

    if (package == Package::Folder) {
        m_useArchive = true;
        m_body.open(QStringLiteral("data"), {QStringLiteral("archive_file"), n});
        m_body.string(QStringLiteral("type"), QStringLiteral("zip"));
        m_body.raw(QStringLiteral("source_dir"), QLatin1Char('"') + path + QLatin1Char('"'));
        m_body.raw(QStringLiteral("output_path"), QStringLiteral("\"${path.module}/build/%1.zip\"").arg(n));
        m_body.close();
        m_body.blank();
    }

    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_cloudwatch_log_group"), n});
    m_body.raw(QStringLiteral("name"), logGroupName);
    m_body.close();

    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_iam_role"), n});
    m_body.raw(QStringLiteral("name"), functionName);
    m_body.attr(QStringLiteral("assume_role_policy"), assumeRolePolicy(QStringLiteral("lambda.amazonaws.com"), false));
    m_body.close();

    Policy policy;
    functionPolicy(c, policy);
    m_body.blank();
    m_body.comment(QStringLiteral("Least privilege: exactly the actions the design needs, on the resources it names."));
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_iam_role_policy"), n});
    m_body.string(QStringLiteral("name"), QStringLiteral("least-privilege"));
    m_body.raw(QStringLiteral("role"), QStringLiteral("aws_iam_role.%1.id").arg(n));
    m_body.attr(QStringLiteral("policy"), policy.document());
    m_body.close();

    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_function"), n});
    m_body.raw(QStringLiteral("function_name"), functionName);
    explicitString(m_body, QStringLiteral("description"), c, QStringLiteral("Description"));
    m_body.raw(QStringLiteral("role"), QStringLiteral("aws_iam_role.%1.arn").arg(n));
    m_body.string(QStringLiteral("runtime"), runtime);
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("Handler"))) {
        m_body.string(QStringLiteral("handler"), v->toString());
    } else {
        warn(RuleMissing, QStringLiteral("the function has no Handler; AWS needs one for a .zip package"), c.id, -1,
             QStringLiteral("Set Handler, for example app.handler."));
    }
    switch (package) {
    case Package::Folder:
        m_body.raw(QStringLiteral("filename"), QStringLiteral("data.archive_file.%1.output_path").arg(n));
        m_body.raw(QStringLiteral("source_code_hash"), QStringLiteral("data.archive_file.%1.output_base64sha256").arg(n));
        break;
    case Package::File:
        m_body.raw(QStringLiteral("filename"), QLatin1Char('"') + path + QLatin1Char('"'));
        m_body.raw(QStringLiteral("source_code_hash"), QStringLiteral("filebase64sha256(\"%1\")").arg(path));
        break;
    case Package::S3:
        m_body.string(QStringLiteral("s3_bucket"), s3Bucket);
        m_body.string(QStringLiteral("s3_key"), s3Key);
        break;
    }
    m_body.attr(QStringLiteral("architectures"), Hcl::strings(textList(m_vc.value(c, QStringLiteral("Architectures")))));
    effectiveNumber(m_body, QStringLiteral("memory_size"), c, QStringLiteral("MemorySize"));
    effectiveNumber(m_body, QStringLiteral("timeout"), c, QStringLiteral("Timeout"));
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("Layers")))
        m_body.attr(QStringLiteral("layers"), Hcl::strings(textList(v)));
    explicitNumber(m_body, QStringLiteral("reserved_concurrent_executions"), c, QStringLiteral("ReservedConcurrentExecutions"));
    if (hasAlias(c.id))
        m_body.boolean(QStringLiteral("publish"), true);
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("EphemeralStorage"))) {
        m_body.block(QStringLiteral("ephemeral_storage"));
        m_body.attr(QStringLiteral("size"), numberOf(*v));
        m_body.close();
    }

    // Environment: the project's variables, then one per resource the code accesses.
    Hcl variables = Hcl::object();
    QSet<QString> keys;
    if (const Value *env = m_vc.explicitValue(c, QStringLiteral("Environment")); env && env->isMap()) {
        for (const MapEntry &e : env->entries()) {
            if (!e.value.isScalar()) {
                warn(RuleTfRange, QStringLiteral("environment variable %1 is not a text value; it is not exported").arg(e.key),
                     c.id, -1, QStringLiteral("Give the variable a text value (JSON text for structured data)."));
                continue;
            }
            variables.add(e.key, Hcl::string(e.value.text()));
            keys.insert(e.key);
        }
    }
    QHash<QString, QString> generated;   // variable → the component it names
    for (int i : outgoing(c.id, QStringLiteral("access"))) {
        const Component &target = *component(connection(i).to);
        const QString t = tf(target.id);
        QString key, expr;
        if (target.kind == u"dynamodb-table") {
            key = environmentName(target.id, QStringLiteral("TABLE"), QStringLiteral("NAME"));
            expr = QStringLiteral("aws_dynamodb_table.%1.name").arg(t);
        } else if (target.kind == u"sqs-queue") {
            key = environmentName(target.id, QStringLiteral("QUEUE"), QStringLiteral("URL"));
            expr = QStringLiteral("aws_sqs_queue.%1.url").arg(t);
        } else if (target.kind == u"sns-topic") {
            key = environmentName(target.id, QStringLiteral("TOPIC"), QStringLiteral("ARN"));
            expr = QStringLiteral("aws_sns_topic.%1.arn").arg(t);
        } else if (target.kind == u"s3-bucket") {
            key = environmentName(target.id, QStringLiteral("BUCKET"), QStringLiteral("NAME"));
            expr = QStringLiteral("aws_s3_bucket.%1.bucket").arg(t);
        } else if (target.kind == u"kinesis-stream") {
            key = environmentName(target.id, QStringLiteral("STREAM"), QStringLiteral("NAME"));
            expr = QStringLiteral("aws_kinesis_stream.%1.name").arg(t);
        } else if (target.kind == u"eventbridge-bus") {
            key = environmentName(target.id, QStringLiteral("EVENT_BUS"), QStringLiteral("NAME"));
            expr = busRef(target) + QStringLiteral(".name");
        } else {
            continue;
        }
        if (keys.contains(key) && !generated.contains(key)) {
            warn(RuleEnvironment,
                 QStringLiteral("the function already has an environment variable %1, so the module does not set it to the name of '%2'")
                     .arg(key, target.id),
                 QString(), i, QStringLiteral("Rename the project's variable, or let the export set it."));
            continue;
        }
        if (generated.contains(key)) {
            if (generated.value(key) != target.id)
                warn(RuleEnvironment,
                     QStringLiteral("'%1' and '%2' would both be named by the environment variable %3; it names the first")
                         .arg(generated.value(key), target.id, key),
                     QString(), i, QStringLiteral("Give the components ids that differ in more than punctuation."));
            continue;
        }
        keys.insert(key);
        generated.insert(key, target.id);
        variables.add(key, Hcl::raw(expr));
    }
    if (!variables.isEmpty()) {
        m_body.block(QStringLiteral("environment"));
        m_body.attr(QStringLiteral("variables"), variables);
        m_body.close();
    }

    const std::vector<int> deadLetters = outgoing(c.id, QStringLiteral("dead-letter"));
    if (!deadLetters.empty()) {
        m_body.block(QStringLiteral("dead_letter_config"));
        m_body.raw(QStringLiteral("target_arn"), arnOf(*component(connection(deadLetters.front()).to)));
        m_body.close();
        for (size_t k = 1; k < deadLetters.size(); ++k)
            warn(RuleOneOnly, QStringLiteral("a function has one dead-letter queue; only the first is exported"), QString(),
                 deadLetters[k]);
    }
    m_body.raw(QStringLiteral("depends_on"),
               QStringLiteral("[aws_cloudwatch_log_group.%1, aws_iam_role_policy.%1]").arg(n));
    m_body.close();

    if (hasAlias(c.id)) {
        m_body.blank();
        m_body.comment(QStringLiteral("Provisioned concurrency needs a version: every trigger invokes the alias."));
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_alias"), n});
        m_body.string(QStringLiteral("name"), AliasName);
        m_body.raw(QStringLiteral("function_name"), functionNameRef(c.id));
        m_body.raw(QStringLiteral("function_version"), QStringLiteral("aws_lambda_function.%1.version").arg(n));
        m_body.close();
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_provisioned_concurrency_config"), n});
        m_body.raw(QStringLiteral("function_name"), QStringLiteral("aws_lambda_alias.%1.function_name").arg(n));
        m_body.raw(QStringLiteral("qualifier"), QStringLiteral("aws_lambda_alias.%1.name").arg(n));
        m_body.attr(QStringLiteral("provisioned_concurrent_executions"),
                    numberOf(*m_vc.explicitValue(c, QStringLiteral("ProvisionedConcurrentExecutions"))));
        m_body.close();
    }

    const std::vector<int> onSuccess = outgoing(c.id, QStringLiteral("on-success"));
    const std::vector<int> onFailure = outgoing(c.id, QStringLiteral("on-failure"));
    const Value *retries = m_vc.explicitValue(c, QStringLiteral("MaximumRetryAttempts"));
    const Value *age = m_vc.explicitValue(c, QStringLiteral("MaximumEventAgeInSeconds"));
    if (retries || age || !onSuccess.empty() || !onFailure.empty()) {
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_function_event_invoke_config"), n});
        m_body.raw(QStringLiteral("function_name"), functionNameRef(c.id));
        if (hasAlias(c.id))
            m_body.raw(QStringLiteral("qualifier"), QStringLiteral("aws_lambda_alias.%1.name").arg(n));
        if (retries)
            m_body.attr(QStringLiteral("maximum_retry_attempts"), numberOf(*retries));
        if (age)
            m_body.attr(QStringLiteral("maximum_event_age_in_seconds"), numberOf(*age));
        if (!onSuccess.empty() || !onFailure.empty()) {
            m_body.block(QStringLiteral("destination_config"));
            for (const auto &[list, block] : {std::pair{&onSuccess, QStringLiteral("on_success")},
                                              std::pair{&onFailure, QStringLiteral("on_failure")}}) {
                if (list->empty())
                    continue;
                m_body.block(block);
                m_body.raw(QStringLiteral("destination"), arnOf(*component(connection(list->front()).to)));
                m_body.close();
                for (size_t k = 1; k < list->size(); ++k)
                    warn(RuleOneOnly, QStringLiteral("a function has one %1 destination; only the first is exported")
                                          .arg(connection((*list)[k]).role),
                         QString(), (*list)[k]);
            }
            m_body.close();
        }
        m_body.close();
    }

    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("RecursiveLoop"))) {
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_lambda_function_recursion_config"), n});
        m_body.raw(QStringLiteral("function_name"), functionNameRef(c.id));
        m_body.string(QStringLiteral("recursive_loop"), v->toString());
        m_body.close();
    }
}

// ------------------------------------------------------------------------------- APIs

void Builder::httpApi(const Component &c)
{
    const QString n = tf(c.id);
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_apigatewayv2_api"), n});
    m_body.raw(QStringLiteral("name"), derivedName(c.id));
    m_body.string(QStringLiteral("protocol_type"), QStringLiteral("HTTP"));
    if (m_vc.flag(c, QStringLiteral("Cors"))) {
        m_body.block(QStringLiteral("cors_configuration"));
        m_body.attr(QStringLiteral("allow_origins"), Hcl::strings({QStringLiteral("*")}));
        m_body.attr(QStringLiteral("allow_methods"), Hcl::strings({QStringLiteral("*")}));
        m_body.attr(QStringLiteral("allow_headers"), Hcl::strings({QStringLiteral("*")}));
        m_body.close();
    }
    m_body.close();

    const std::vector<int> routes = outgoing(c.id, QStringLiteral("trigger"));
    QString authorizer;
    for (int i : routes) {
        const QString auth = m_vc.text(connection(i), QStringLiteral("Auth"));
        if ((auth == u"JWT" || auth == u"COGNITO") && authorizer.isEmpty()) {
            authorizer = unique(QStringLiteral("aws_apigatewayv2_authorizer"), n + QStringLiteral("_jwt"));
            m_inputs.push_back(variable(n + QStringLiteral("_jwt_issuer"),
                                QStringLiteral("Issuer URL of the JWT authorizer of HTTP API '%1' (for Cognito: https://cognito-idp.REGION.amazonaws.com/USER_POOL_ID).")
                                    .arg(c.id),
                                QStringLiteral("string")));
            m_inputs.push_back(variable(n + QStringLiteral("_jwt_audience"),
                                QStringLiteral("Audiences (client ids) the JWT authorizer of HTTP API '%1' accepts.").arg(c.id),
                                QStringLiteral("list(string)")));
            m_body.blank();
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_apigatewayv2_authorizer"), authorizer});
            m_body.raw(QStringLiteral("api_id"), QStringLiteral("aws_apigatewayv2_api.%1.id").arg(n));
            m_body.string(QStringLiteral("name"), QStringLiteral("jwt"));
            m_body.string(QStringLiteral("authorizer_type"), QStringLiteral("JWT"));
            m_body.attr(QStringLiteral("identity_sources"), Hcl::strings({QStringLiteral("$request.header.Authorization")}));
            m_body.block(QStringLiteral("jwt_configuration"));
            m_body.raw(QStringLiteral("issuer"), QStringLiteral("var.%1_jwt_issuer").arg(n));
            m_body.raw(QStringLiteral("audience"), QStringLiteral("var.%1_jwt_audience").arg(n));
            m_body.close();
            m_body.close();
        }
    }

    for (int i : routes) {
        const Connection &t = connection(i);
        const QString base = connectionBase(t);
        const QString method = m_vc.text(t, QStringLiteral("Method")).isEmpty() ? QStringLiteral("ANY")
                                                                                 : m_vc.text(t, QStringLiteral("Method"));
        QString path = m_vc.text(t, QStringLiteral("Path"));
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        const QString integration = unique(QStringLiteral("aws_apigatewayv2_integration"), base);
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_apigatewayv2_integration"), integration});
        m_body.raw(QStringLiteral("api_id"), QStringLiteral("aws_apigatewayv2_api.%1.id").arg(n));
        m_body.string(QStringLiteral("integration_type"), QStringLiteral("AWS_PROXY"));
        m_body.string(QStringLiteral("integration_method"), QStringLiteral("POST"));
        m_body.raw(QStringLiteral("integration_uri"), functionInvokeArn(t.to));
        m_body.string(QStringLiteral("payload_format_version"), m_vc.text(t, QStringLiteral("PayloadFormatVersion")));
        m_body.attr(QStringLiteral("timeout_milliseconds"), numberOf(*m_vc.value(t, QStringLiteral("TimeoutInMillis"))));
        m_body.close();

        const QString route = unique(QStringLiteral("aws_apigatewayv2_route"), base);
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_apigatewayv2_route"), route});
        m_body.raw(QStringLiteral("api_id"), QStringLiteral("aws_apigatewayv2_api.%1.id").arg(n));
        m_body.string(QStringLiteral("route_key"), method + QLatin1Char(' ') + path);
        m_body.raw(QStringLiteral("target"), QStringLiteral("\"integrations/${aws_apigatewayv2_integration.%1.id}\"").arg(integration));
        const QString auth = m_vc.text(t, QStringLiteral("Auth"));
        if (auth == u"AWS_IAM") {
            m_body.string(QStringLiteral("authorization_type"), QStringLiteral("AWS_IAM"));
        } else if (auth == u"JWT" || auth == u"COGNITO") {
            m_body.string(QStringLiteral("authorization_type"), QStringLiteral("JWT"));
            m_body.raw(QStringLiteral("authorizer_id"), QStringLiteral("aws_apigatewayv2_authorizer.%1.id").arg(authorizer));
        }
        m_body.close();

        const QString sourcePath = arnPath(path);
        permission(unique(QStringLiteral("aws_lambda_permission"), base), t.to, QStringLiteral("apigateway.amazonaws.com"),
                   QStringLiteral("\"${aws_apigatewayv2_api.%1.execution_arn}/*/%2/%3\"")
                       .arg(n, method == u"ANY" ? QStringLiteral("*") : method, HclWriter::escape(sourcePath)));
    }

    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_apigatewayv2_stage"), n});
    m_body.raw(QStringLiteral("api_id"), QStringLiteral("aws_apigatewayv2_api.%1.id").arg(n));
    const QString stage = m_vc.text(c, QStringLiteral("StageName"));
    m_body.string(QStringLiteral("name"), stage.isEmpty() ? QStringLiteral("$default") : stage);
    m_body.boolean(QStringLiteral("auto_deploy"), true);
    m_body.close();
}

void Builder::restApi(const Component &c)
{
    const QString n = tf(c.id);
    if (outgoing(c.id, QStringLiteral("trigger")).empty()) {
        m_leftOut.insert(c.id);
        m_body.comment(QStringLiteral("No routes: API Gateway cannot deploy a REST API without methods, so it is left out."));
        warn(RuleNoRoutes, QStringLiteral("the REST API has no routes, and API Gateway cannot deploy it; it is left out"), c.id,
             -1, QStringLiteral("Connect it to a function with a trigger."));
        return;
    }
    const QString api = QStringLiteral("aws_api_gateway_rest_api.%1").arg(n);
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_rest_api"), n});
    m_body.raw(QStringLiteral("name"), derivedName(c.id));
    m_body.close();

    const std::vector<int> routes = outgoing(c.id, QStringLiteral("trigger"));
    QStringList redeploy;   // everything whose change needs a new deployment

    QString authorizer;
    for (int i : routes) {
        if (m_vc.text(connection(i), QStringLiteral("Auth")) == u"COGNITO" && authorizer.isEmpty()) {
            authorizer = unique(QStringLiteral("aws_api_gateway_authorizer"), n + QStringLiteral("_cognito"));
            m_inputs.push_back(variable(n + QStringLiteral("_cognito_user_pool_arns"),
                                QStringLiteral("ARNs of the Cognito user pools whose tokens REST API '%1' accepts.").arg(c.id),
                                QStringLiteral("list(string)")));
            m_body.blank();
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_authorizer"), authorizer});
            m_body.string(QStringLiteral("name"), QStringLiteral("cognito"));
            m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
            m_body.string(QStringLiteral("type"), QStringLiteral("COGNITO_USER_POOLS"));
            m_body.raw(QStringLiteral("provider_arns"), QStringLiteral("var.%1_cognito_user_pool_arns").arg(n));
            m_body.close();
            redeploy << QStringLiteral("aws_api_gateway_authorizer.%1.id").arg(authorizer);
        }
    }

    // One resource per path prefix, parents first, in the order routes name them.
    std::map<QString, QString> resources;          // "/items/{id}" → tf name
    std::map<QString, QStringList> methodsAt;      // path → methods of routes there
    QStringList paths;                             // in creation order
    auto resourceId = [&](const QString &path) {
        return path == u"/" ? api + QStringLiteral(".root_resource_id")
                            : QStringLiteral("aws_api_gateway_resource.%1.id").arg(resources[path]);
    };
    auto normalized = [](QString p) {
        const QStringList s = pathSegments(p);
        return QLatin1Char('/') + s.join(QLatin1Char('/'));
    };
    for (int i : routes) {
        const QString path = normalized(m_vc.text(connection(i), QStringLiteral("Path")));
        QString prefix;
        QString parent = QStringLiteral("/");
        for (const QString &segment : pathSegments(path)) {
            prefix += QLatin1Char('/') + segment;
            if (resources.find(prefix) == resources.end()) {
                const QString name = unique(QStringLiteral("aws_api_gateway_resource"), n + QLatin1Char('_') + pathName(prefix));
                resources[prefix] = name;
                paths << prefix;
                m_body.blank();
                m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_resource"), name});
                m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
                m_body.raw(QStringLiteral("parent_id"), resourceId(parent));
                m_body.string(QStringLiteral("path_part"), segment);
                m_body.close();
                redeploy << QStringLiteral("aws_api_gateway_resource.%1.id").arg(name);
            }
            parent = prefix;
        }
        if (!paths.contains(path) && path == u"/")
            paths.prepend(path);
    }

    for (int i : routes) {
        const Connection &t = connection(i);
        const QString base = connectionBase(t);
        const QString method = m_vc.text(t, QStringLiteral("Method")).isEmpty() ? QStringLiteral("ANY")
                                                                                 : m_vc.text(t, QStringLiteral("Method"));
        const QString path = normalized(m_vc.text(t, QStringLiteral("Path")));
        methodsAt[path] << method;
        const QString methodName = unique(QStringLiteral("aws_api_gateway_method"), base);
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_method"), methodName});
        m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
        m_body.raw(QStringLiteral("resource_id"), resourceId(path));
        m_body.string(QStringLiteral("http_method"), method);
        const QString auth = m_vc.text(t, QStringLiteral("Auth"));
        if (auth == u"AWS_IAM") {
            m_body.string(QStringLiteral("authorization"), QStringLiteral("AWS_IAM"));
        } else if (auth == u"COGNITO") {
            m_body.string(QStringLiteral("authorization"), QStringLiteral("COGNITO_USER_POOLS"));
            m_body.raw(QStringLiteral("authorizer_id"), QStringLiteral("aws_api_gateway_authorizer.%1.id").arg(authorizer));
        } else if (auth == u"JWT") {
            m_body.comment(QStringLiteral("REST APIs have no JWT authorizer: the route requires SigV4 (AWS_IAM) instead."));
            m_body.string(QStringLiteral("authorization"), QStringLiteral("AWS_IAM"));
            warn(RuleRestJwt,
                 QStringLiteral("REST APIs have no JWT authorizer; the route is exported with AWS_IAM authorization so it is not left open"),
                 QString(), i, QStringLiteral("Use an HTTP API for JWT, or COGNITO on a REST API."));
        } else {
            m_body.string(QStringLiteral("authorization"), QStringLiteral("NONE"));
        }
        m_body.close();

        const QString integration = unique(QStringLiteral("aws_api_gateway_integration"), base);
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_integration"), integration});
        m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
        m_body.raw(QStringLiteral("resource_id"), resourceId(path));
        m_body.raw(QStringLiteral("http_method"), QStringLiteral("aws_api_gateway_method.%1.http_method").arg(methodName));
        m_body.string(QStringLiteral("integration_http_method"), QStringLiteral("POST"));
        m_body.string(QStringLiteral("type"), QStringLiteral("AWS_PROXY"));
        m_body.raw(QStringLiteral("uri"), functionInvokeArn(t.to));
        m_body.attr(QStringLiteral("timeout_milliseconds"), numberOf(*m_vc.value(t, QStringLiteral("TimeoutInMillis"))));
        m_body.close();
        redeploy << QStringLiteral("aws_api_gateway_method.%1.id").arg(methodName)
                 << QStringLiteral("aws_api_gateway_integration.%1.id").arg(integration);

        permission(unique(QStringLiteral("aws_lambda_permission"), base), t.to, QStringLiteral("apigateway.amazonaws.com"),
                   QStringLiteral("\"${%1.execution_arn}/*/%2/%3\"")
                       .arg(api, method == u"ANY" ? QStringLiteral("*") : method, HclWriter::escape(arnPath(path))));
    }

    if (m_vc.flag(c, QStringLiteral("Cors"))) {
        QStringList routed;   // paths with routes, in creation order
        for (const QString &p : paths) {
            if (methodsAt.count(p))
                routed << p;
        }
        if (methodsAt.count(QStringLiteral("/")) && !routed.contains(QStringLiteral("/")))
            routed.prepend(QStringLiteral("/"));
        for (const QString &path : routed) {
            const QStringList &methods = methodsAt[path];
            if (methods.contains(QStringLiteral("OPTIONS")) || methods.contains(QStringLiteral("ANY")))
                continue;   // the function answers preflight requests itself
            const QString base = path == u"/" ? n + QStringLiteral("_root_cors")
                                              : resources[path] + QStringLiteral("_cors");
            QStringList allowed = methods;
            allowed << QStringLiteral("OPTIONS");
            allowed.removeDuplicates();
            const QString m = unique(QStringLiteral("aws_api_gateway_method"), base);
            m_body.blank();
            m_body.comment(wrap(QStringLiteral("CORS preflight for %1: answered by API Gateway (the function's responses must "
                                               "carry Access-Control-Allow-Origin themselves, as with any Lambda proxy integration).")
                                    .arg(path), 96));
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_method"), m});
            m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
            m_body.raw(QStringLiteral("resource_id"), resourceId(path));
            m_body.string(QStringLiteral("http_method"), QStringLiteral("OPTIONS"));
            m_body.string(QStringLiteral("authorization"), QStringLiteral("NONE"));
            m_body.close();

            const QString integ = unique(QStringLiteral("aws_api_gateway_integration"), base);
            m_body.blank();
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_integration"), integ});
            m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
            m_body.raw(QStringLiteral("resource_id"), resourceId(path));
            m_body.raw(QStringLiteral("http_method"), QStringLiteral("aws_api_gateway_method.%1.http_method").arg(m));
            m_body.string(QStringLiteral("type"), QStringLiteral("MOCK"));
            m_body.attr(QStringLiteral("request_templates"),
                        Hcl::object().add(QStringLiteral("application/json"),
                                          Hcl::string(QStringLiteral("{\"statusCode\": 200}"))));
            m_body.close();

            const QString header = QStringLiteral("method.response.header.Access-Control-Allow-");
            const QString response = unique(QStringLiteral("aws_api_gateway_method_response"), base);
            m_body.blank();
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_method_response"), response});
            m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
            m_body.raw(QStringLiteral("resource_id"), resourceId(path));
            m_body.raw(QStringLiteral("http_method"), QStringLiteral("aws_api_gateway_method.%1.http_method").arg(m));
            m_body.string(QStringLiteral("status_code"), QStringLiteral("200"));
            m_body.attr(QStringLiteral("response_parameters"),
                        Hcl::object()
                            .add(header + QStringLiteral("Headers"), Hcl::boolean(true))
                            .add(header + QStringLiteral("Methods"), Hcl::boolean(true))
                            .add(header + QStringLiteral("Origin"), Hcl::boolean(true)));
            m_body.close();

            const QString integResponse = unique(QStringLiteral("aws_api_gateway_integration_response"), base);
            m_body.blank();
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_integration_response"), integResponse});
            m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
            m_body.raw(QStringLiteral("resource_id"), resourceId(path));
            m_body.raw(QStringLiteral("http_method"), QStringLiteral("aws_api_gateway_method.%1.http_method").arg(m));
            m_body.raw(QStringLiteral("status_code"), QStringLiteral("aws_api_gateway_method_response.%1.status_code").arg(response));
            m_body.attr(QStringLiteral("response_parameters"),
                        Hcl::object()
                            .add(header + QStringLiteral("Headers"),
                                 Hcl::string(QStringLiteral("'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'")))
                            .add(header + QStringLiteral("Methods"), Hcl::string(QLatin1Char('\'') + allowed.join(QLatin1Char(',')) + QLatin1Char('\'')))
                            .add(header + QStringLiteral("Origin"), Hcl::string(QStringLiteral("'*'"))));
            m_body.raw(QStringLiteral("depends_on"), QStringLiteral("[aws_api_gateway_integration.%1]").arg(integ));
            m_body.close();
            redeploy << QStringLiteral("aws_api_gateway_method.%1.id").arg(m)
                     << QStringLiteral("aws_api_gateway_integration.%1.id").arg(integ)
                     << QStringLiteral("aws_api_gateway_integration_response.%1.id").arg(integResponse);
        }
    }

    m_body.blank();
    m_body.comment(QStringLiteral("A new deployment whenever a resource, method or integration changes."));
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_deployment"), n});
    m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
    Hcl ids = Hcl::list();
    for (const QString &r : redeploy)
        ids.append(Hcl::raw(r));
    m_body.attr(QStringLiteral("triggers"),
                Hcl::object().add(QStringLiteral("redeployment"),
                                  Hcl::call(QStringLiteral("sha1"), Hcl::call(QStringLiteral("jsonencode"), ids))));
    m_body.block(QStringLiteral("lifecycle"));
    m_body.boolean(QStringLiteral("create_before_destroy"), true);
    m_body.close();
    m_body.close();

    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_api_gateway_stage"), n});
    m_body.raw(QStringLiteral("rest_api_id"), api + QStringLiteral(".id"));
    m_body.raw(QStringLiteral("deployment_id"), QStringLiteral("aws_api_gateway_deployment.%1.id").arg(n));
    const QString stage = m_vc.text(c, QStringLiteral("StageName"));
    m_body.string(QStringLiteral("stage_name"), stage.isEmpty() ? QStringLiteral("prod") : stage);
    m_body.close();
}

// ------------------------------------------------------------------------------- EventBridge

void Builder::targetInputAndRetries(const Connection &t)
{
    if (const Value *v = m_vc.explicitValue(t, QStringLiteral("Input")))
        m_body.string(QStringLiteral("input"), v->toString());
    const Value *retries = m_vc.explicitValue(t, QStringLiteral("RetryPolicyMaximumRetryAttempts"));
    const Value *age = m_vc.explicitValue(t, QStringLiteral("RetryPolicyMaximumEventAgeInSeconds"));
    if (retries || age) {
        m_body.block(QStringLiteral("retry_policy"));
        m_body.attr(QStringLiteral("maximum_retry_attempts"),
                    numberOf(*m_vc.value(t, QStringLiteral("RetryPolicyMaximumRetryAttempts"))));
        m_body.attr(QStringLiteral("maximum_event_age_in_seconds"),
                    numberOf(*m_vc.value(t, QStringLiteral("RetryPolicyMaximumEventAgeInSeconds"))));
        m_body.close();
    }
}

void Builder::rule(const Component &c)
{
    const QString n = tf(c.id);
    // The bus: a bus component of the project with that Name is referenced (so it exists first).
    QString busName;
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("EventBusName")); v && v->isScalar()) {
        busName = HclWriter::quote(v->text());
        for (const Component &b : m_data.components) {
            if (b.kind == u"eventbridge-bus" && m_vc.text(b, QStringLiteral("Name")) == v->text()) {
                busName = busRef(b) + QStringLiteral(".name");
                break;
            }
        }
    }
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_cloudwatch_event_rule"), n});
    m_body.raw(QStringLiteral("name"), derivedName(c.id));
    if (c.label && !c.label->isEmpty())
        m_body.string(QStringLiteral("description"), *c.label);
    if (!busName.isEmpty())
        m_body.raw(QStringLiteral("event_bus_name"), busName);
    if (const Value *v = m_vc.explicitValue(c, QStringLiteral("EventPattern")))
        m_body.attr(QStringLiteral("event_pattern"), Hcl::call(QStringLiteral("jsonencode"), Hcl::fromValue(*v)));
    else
        warn(RuleMissing, QStringLiteral("the rule has no EventPattern, which AWS requires of a rule without a schedule"), c.id);
    explicitString(m_body, QStringLiteral("state"), c, QStringLiteral("State"));
    m_body.close();

    for (int i : outgoing(c.id)) {
        const Connection &t = connection(i);
        if (t.role != u"trigger" && t.role != u"target")
            continue;
        const Component &target = *component(t.to);
        const QString base = connectionBase(t);
        QString role;
        if (target.kind == u"eventbridge-bus") {
            role = unique(QStringLiteral("aws_iam_role"), base);
            m_useCallerIdentity = true;
            m_body.blank();
            m_body.comment(QStringLiteral("EventBridge needs a role to put events on another bus."));
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_iam_role"), role});
            m_body.attr(QStringLiteral("assume_role_policy"), assumeRolePolicy(QStringLiteral("events.amazonaws.com"), true));
            m_body.close();
            Policy policy;
            policy.grant(m_names.cfn(target.id), arnOf(target), {QStringLiteral("events:PutEvents")},
                         QStringLiteral("target of rule %1").arg(c.id));
            m_body.blank();
            m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_iam_role_policy"), role});
            m_body.string(QStringLiteral("name"), QStringLiteral("least-privilege"));
            m_body.raw(QStringLiteral("role"), QStringLiteral("aws_iam_role.%1.id").arg(role));
            m_body.attr(QStringLiteral("policy"), policy.document());
            m_body.close();
        }
        const QString name = unique(QStringLiteral("aws_cloudwatch_event_target"), base);
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_cloudwatch_event_target"), name});
        m_body.raw(QStringLiteral("rule"), QStringLiteral("aws_cloudwatch_event_rule.%1.name").arg(n));
        if (!busName.isEmpty())
            m_body.raw(QStringLiteral("event_bus_name"), busName);
        m_body.raw(QStringLiteral("arn"), arnOf(target));
        if (!role.isEmpty())
            m_body.raw(QStringLiteral("role_arn"), QStringLiteral("aws_iam_role.%1.arn").arg(role));
        const bool dependsOnRole = !role.isEmpty();
        if (t.role == u"trigger") {
            targetInputAndRetries(t);
            if (const Component *dlq = referenced(i, QStringLiteral("DeadLetterQueue"), {QStringLiteral("sqs-queue")})) {
                m_body.block(QStringLiteral("dead_letter_config"));
                m_body.raw(QStringLiteral("arn"), arnOf(*dlq));
                m_body.close();
            }
        } else if (target.kind == u"sqs-queue" && m_vc.isFifo(target)) {
            m_body.block(QStringLiteral("sqs_target"));
            m_body.string(QStringLiteral("message_group_id"), c.id);
            m_body.close();
            warn(RuleFifoGroup,
                 QStringLiteral("a FIFO queue target needs a message group id, which the project does not give; the module uses '%1'")
                     .arg(c.id),
                 QString(), i);
        }
        if (dependsOnRole)
            m_body.raw(QStringLiteral("depends_on"), QStringLiteral("[aws_iam_role_policy.%1]").arg(role));
        m_body.close();
        if (t.role == u"trigger") {
            permission(unique(QStringLiteral("aws_lambda_permission"), base), t.to, QStringLiteral("events.amazonaws.com"),
                       QStringLiteral("aws_cloudwatch_event_rule.%1.arn").arg(n));
        }
    }
}

void Builder::schedule(const Component &c)
{
    std::vector<int> connections;
    for (int i : outgoing(c.id)) {
        if (connection(i).role == u"trigger" || connection(i).role == u"target")
            connections.push_back(i);
    }
    if (connections.empty()) {
        m_body.comment(QStringLiteral("The schedule has no target: nothing exported."));
        return;
    }
    for (int i : connections) {
        const Connection &t = connection(i);
        const Component &target = *component(t.to);
        const bool several = connections.size() > 1;
        // A schedule has one target: a component with several gets one schedule each, named
        // schedule_target; a component with one target names its schedule and role itself.
        const QString name = several ? unique(QStringLiteral("aws_scheduler_schedule"), connectionBase(t)) : tf(c.id);
        const QString roleName = several ? unique(QStringLiteral("aws_iam_role"), name) : tf(c.id);

        Policy policy;
        const QString why = QStringLiteral("target of schedule %1").arg(c.id);
        if (target.kind == u"lambda-function")
            policy.grant(m_names.cfn(target.id), arnOf(target), {QStringLiteral("lambda:InvokeFunction")}, why);
        else if (target.kind == u"sqs-queue") {
            policy.grant(m_names.cfn(target.id), arnOf(target), {QStringLiteral("sqs:SendMessage")}, why);
            grantQueueKey(policy, target, true, why);
        } else if (target.kind == u"sns-topic")
            policy.grant(m_names.cfn(target.id), arnOf(target), {QStringLiteral("sns:Publish")}, why);
        else if (target.kind == u"eventbridge-bus")
            policy.grant(m_names.cfn(target.id), arnOf(target), {QStringLiteral("events:PutEvents")}, why);
        const Component *dlq = t.role == u"trigger"
                                   ? referenced(i, QStringLiteral("DeadLetterQueue"), {QStringLiteral("sqs-queue")})
                                   : nullptr;
        if (dlq) {
            policy.grant(m_names.cfn(dlq->id), arnOf(*dlq), {QStringLiteral("sqs:SendMessage")},
                         QStringLiteral("dead-letter queue of schedule %1").arg(c.id));
            grantQueueKey(policy, *dlq, true, QStringLiteral("dead-letter queue of schedule %1").arg(c.id));
        }

        m_useCallerIdentity = true;
        m_body.blank();
        m_body.comment(QStringLiteral("EventBridge Scheduler invokes its target with this role (no resource policy)."));
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_iam_role"), roleName});
        m_body.attr(QStringLiteral("assume_role_policy"), assumeRolePolicy(QStringLiteral("scheduler.amazonaws.com"), true));
        m_body.close();
        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_iam_role_policy"), roleName});
        m_body.string(QStringLiteral("name"), QStringLiteral("least-privilege"));
        m_body.raw(QStringLiteral("role"), QStringLiteral("aws_iam_role.%1.id").arg(roleName));
        m_body.attr(QStringLiteral("policy"), policy.document());
        m_body.close();

        m_body.blank();
        m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_scheduler_schedule"), name});
        m_body.raw(QStringLiteral("name"), derivedName(c.id, several ? QLatin1Char('-') + t.to : QString()));
        if (c.label && !c.label->isEmpty())
            m_body.string(QStringLiteral("description"), *c.label);
        m_body.string(QStringLiteral("schedule_expression"), m_vc.text(c, QStringLiteral("ScheduleExpression")));
        explicitString(m_body, QStringLiteral("schedule_expression_timezone"), c, QStringLiteral("ScheduleExpressionTimezone"));
        m_body.block(QStringLiteral("flexible_time_window"));
        const QString mode = m_vc.text(c, QStringLiteral("FlexibleTimeWindowMode"));
        m_body.string(QStringLiteral("mode"), mode);
        if (mode == u"FLEXIBLE")
            explicitNumber(m_body, QStringLiteral("maximum_window_in_minutes"), c,
                           QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes"));
        m_body.close();
        m_body.block(QStringLiteral("target"));
        m_body.raw(QStringLiteral("arn"), arnOf(target));
        m_body.raw(QStringLiteral("role_arn"), QStringLiteral("aws_iam_role.%1.arn").arg(roleName));
        if (t.role == u"trigger") {
            targetInputAndRetries(t);
            if (dlq) {
                m_body.block(QStringLiteral("dead_letter_config"));
                m_body.raw(QStringLiteral("arn"), arnOf(*dlq));
                m_body.close();
            }
        } else if (target.kind == u"sqs-queue" && m_vc.isFifo(target)) {
            m_body.block(QStringLiteral("sqs_parameters"));
            m_body.string(QStringLiteral("message_group_id"), c.id);
            m_body.close();
            warn(RuleFifoGroup,
                 QStringLiteral("a FIFO queue target needs a message group id, which the project does not give; the module uses '%1'")
                     .arg(c.id),
                 QString(), i);
        } else if (target.kind == u"eventbridge-bus") {
            m_body.block(QStringLiteral("eventbridge_parameters"));
            m_body.string(QStringLiteral("detail_type"), QStringLiteral("Scheduled Event"));
            m_body.string(QStringLiteral("source"), QStringLiteral("eventwright.") + c.id);
            m_body.close();
            warn(RuleBusDetail,
                 QStringLiteral("putting events on a bus needs a detail type and a source, which the project does not give; "
                                "the module uses 'Scheduled Event' and 'eventwright.%1'")
                     .arg(c.id),
                 QString(), i);
        }
        m_body.close();
        m_body.raw(QStringLiteral("depends_on"), QStringLiteral("[aws_iam_role_policy.%1]").arg(roleName));
        m_body.close();
    }
}

// ------------------------------------------------------------------------------- alarms

void Builder::alarm(const QString &name, const QString &alarmName, const QString &description,
                    const QString &ns, const QString &metric, const QString &dimension,
                    const QString &dimensionValue, const QString &statistic, int period,
                    int evaluationPeriods, qint64 threshold)
{
    m_body.blank();
    m_body.open(QStringLiteral("resource"), {QStringLiteral("aws_cloudwatch_metric_alarm"), name});
    m_body.raw(QStringLiteral("alarm_name"), alarmName);
    m_body.string(QStringLiteral("alarm_description"), description);
    m_body.string(QStringLiteral("namespace"), ns);
    m_body.string(QStringLiteral("metric_name"), metric);
    m_body.attr(QStringLiteral("dimensions"), Hcl::object().add(dimension, Hcl::raw(dimensionValue)));
    m_body.string(QStringLiteral("statistic"), statistic);
    m_body.integer(QStringLiteral("period"), period);
    m_body.integer(QStringLiteral("evaluation_periods"), evaluationPeriods);
    m_body.integer(QStringLiteral("threshold"), threshold);
    m_body.string(QStringLiteral("comparison_operator"), QStringLiteral("GreaterThanThreshold"));
    m_body.string(QStringLiteral("treat_missing_data"), QStringLiteral("notBreaching"));
    m_body.raw(QStringLiteral("alarm_actions"), QStringLiteral("var.alarm_actions"));
    m_body.raw(QStringLiteral("ok_actions"), QStringLiteral("var.alarm_actions"));
    m_body.close();
}

void Builder::alarms()
{
    m_body.separate();
    m_body.comment(QStringLiteral("---- Alarms (notifications go to var.alarm_actions)"));
    for (const Component &c : m_data.components) {
        const QString n = tf(c.id);
        if (c.kind == u"lambda-function") {
            const QString fn = functionNameRef(c.id);
            alarm(unique(QStringLiteral("aws_cloudwatch_metric_alarm"), n + QStringLiteral("_errors")),
                  QStringLiteral("\"${%1}-errors\"").arg(fn),
                  QStringLiteral("Function %1 returned an error.").arg(c.id), QStringLiteral("AWS/Lambda"),
                  QStringLiteral("Errors"), QStringLiteral("FunctionName"), fn, QStringLiteral("Sum"), 60, 1, 0);
            QStringList streams;
            for (int i : incoming(c.id, QStringLiteral("trigger"))) {
                const QString kind = component(connection(i).from)->kind;
                if (kind == u"kinesis-stream" || kind == u"dynamodb-table")
                    streams << connection(i).from;
            }
            streams.removeDuplicates();
            if (!streams.isEmpty()) {
                alarm(unique(QStringLiteral("aws_cloudwatch_metric_alarm"), n + QStringLiteral("_iterator_age")),
                      QStringLiteral("\"${%1}-iterator-age\"").arg(fn),
                      QStringLiteral("Function %1 is more than a minute behind its stream triggers (%2).")
                          .arg(c.id, streams.join(QStringLiteral(", "))),
                      QStringLiteral("AWS/Lambda"), QStringLiteral("IteratorAge"), QStringLiteral("FunctionName"), fn,
                      QStringLiteral("Maximum"), 60, 5, 60000);
            }
        } else if (c.kind == u"sqs-queue") {
            const QString q = QStringLiteral("aws_sqs_queue.%1.name").arg(n);
            if (m_deadLetterQueues.contains(c.id)) {
                alarm(unique(QStringLiteral("aws_cloudwatch_metric_alarm"), n + QStringLiteral("_messages_visible")),
                      QStringLiteral("\"${%1}-messages-visible\"").arg(q),
                      QStringLiteral("Failed events or messages are waiting in %1.").arg(c.id), QStringLiteral("AWS/SQS"),
                      QStringLiteral("ApproximateNumberOfMessagesVisible"), QStringLiteral("QueueName"), q,
                      QStringLiteral("Maximum"), 300, 1, 0);
            }
            if (!outgoing(c.id, QStringLiteral("trigger")).empty()) {
                alarm(unique(QStringLiteral("aws_cloudwatch_metric_alarm"), n + QStringLiteral("_oldest_message_age")),
                      QStringLiteral("\"${%1}-oldest-message-age\"").arg(q),
                      QStringLiteral("A message has waited more than five minutes in %1.").arg(c.id), QStringLiteral("AWS/SQS"),
                      QStringLiteral("ApproximateAgeOfOldestMessage"), QStringLiteral("QueueName"), q,
                      QStringLiteral("Maximum"), 300, 1, 300);
            }
        }
    }
}

// ------------------------------------------------------------------------------- other files

void Builder::variables()
{
    std::vector<Variable> all;
    all.push_back(variable(QStringLiteral("region"), QStringLiteral("AWS Region to deploy to."), QStringLiteral("string"),
                   QStringLiteral("\"us-east-1\"")));
    Variable prefix = variable(QStringLiteral("name_prefix"),
                               QStringLiteral("Prepended to every name derived from a component id (names the project sets are used as they are)."),
                               QStringLiteral("string"), QStringLiteral("\"\""));
    prefix.condition = QStringLiteral("can(regex(\"^[A-Za-z0-9_-]*$\", var.name_prefix))");
    prefix.error = QStringLiteral("Use letters, digits, hyphens and underscores only: every kind of resource accepts them in its name.");
    all.push_back(prefix);
    for (const Variable &v : m_inputs)
        all.push_back(v);
    if (m_options.alarms)
        all.push_back(variable(QStringLiteral("alarm_actions"),
                       QStringLiteral("ARNs (for example an SNS topic) notified when an alarm changes state."),
                       QStringLiteral("list(string)"), QStringLiteral("[]")));
    m_vars.comment(QStringLiteral("Inputs of the module generated by Eventwright."));
    for (const Variable &v : all) {
        m_vars.blank();
        m_vars.open(QStringLiteral("variable"), {v.name});
        m_vars.string(QStringLiteral("description"), v.description);
        m_vars.raw(QStringLiteral("type"), v.type);
        if (!v.defaultValue.isEmpty())
            m_vars.raw(QStringLiteral("default"), v.defaultValue);
        if (!v.condition.isEmpty()) {
            m_vars.block(QStringLiteral("validation"));
            m_vars.raw(QStringLiteral("condition"), v.condition);
            m_vars.string(QStringLiteral("error_message"), v.error);
            m_vars.close();
        }
        m_vars.close();
    }
}

void Builder::outputs()
{
    m_outs.comment(QStringLiteral("Outputs of the module generated by Eventwright."));
    auto output = [this](const QString &name, const QString &description, const QString &value) {
        m_outs.blank();
        m_outs.open(QStringLiteral("output"), {name});
        m_outs.string(QStringLiteral("description"), description);
        m_outs.raw(QStringLiteral("value"), value);
        m_outs.close();
    };
    for (const Component &c : m_data.components) {
        const QString n = tf(c.id);
        if (c.kind == u"apigateway-http")
            output(n + QStringLiteral("_url"), QStringLiteral("Invoke URL of HTTP API '%1'.").arg(c.id),
                   QStringLiteral("aws_apigatewayv2_stage.%1.invoke_url").arg(n));
        else if (c.kind == u"apigateway-rest" && !m_leftOut.contains(c.id))
            output(n + QStringLiteral("_url"), QStringLiteral("Invoke URL of REST API '%1'.").arg(c.id),
                   QStringLiteral("aws_api_gateway_stage.%1.invoke_url").arg(n));
        else if (c.kind == u"lambda-function")
            output(n + QStringLiteral("_function_arn"), QStringLiteral("ARN of function '%1'.").arg(c.id),
                   QStringLiteral("aws_lambda_function.%1.arn").arg(n));
        else if (c.kind == u"sqs-queue")
            output(n + QStringLiteral("_queue_url"), QStringLiteral("URL of queue '%1'.").arg(c.id),
                   QStringLiteral("aws_sqs_queue.%1.url").arg(n));
        else if (c.kind == u"sns-topic")
            output(n + QStringLiteral("_topic_arn"), QStringLiteral("ARN of topic '%1'.").arg(c.id),
                   QStringLiteral("aws_sns_topic.%1.arn").arg(n));
        else if (c.kind == u"dynamodb-table")
            output(n + QStringLiteral("_table_name"), QStringLiteral("Name of table '%1'.").arg(c.id),
                   QStringLiteral("aws_dynamodb_table.%1.name").arg(n));
        else if (c.kind == u"s3-bucket")
            output(n + QStringLiteral("_bucket_name"), QStringLiteral("Name of bucket '%1'.").arg(c.id),
                   QStringLiteral("aws_s3_bucket.%1.bucket").arg(n));
    }
}

QByteArray Builder::mainFile() const
{
    HclWriter intro;
    QString title = QStringLiteral("Terraform module generated by Eventwright");
    if (m_data.name && !m_data.name->isEmpty())
        title += QStringLiteral(" from the project \"%1\"").arg(QString(*m_data.name).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    intro.comment(wrap(title + QStringLiteral(". Edit the project and export again rather than this file."), 96));
    if (m_data.description && !m_data.description->trimmed().isEmpty()) {
        intro.comment(QString());
        intro.comment(wrap(m_data.description->trimmed(), 96));
    }
    HclWriter head;
    head.open(QStringLiteral("terraform"));
    head.string(QStringLiteral("required_version"), QStringLiteral(">= 1.5.0"));
    head.block(QStringLiteral("required_providers"));
    Hcl aws = Hcl::object()
                  .add(QStringLiteral("source"), Hcl::string(QStringLiteral("hashicorp/aws")))
                  .add(QStringLiteral("version"), Hcl::string(AwsVersion));
    head.attr(QStringLiteral("aws"), aws);
    if (m_useArchive) {
        head.attr(QStringLiteral("archive"), Hcl::object()
                                                 .add(QStringLiteral("source"), Hcl::string(QStringLiteral("hashicorp/archive")))
                                                 .add(QStringLiteral("version"), Hcl::string(ArchiveVersion)));
    }
    head.close();
    head.close();
    head.blank();
    head.open(QStringLiteral("provider"), {QStringLiteral("aws")});
    head.raw(QStringLiteral("region"), QStringLiteral("var.region"));
    head.close();
    if (m_useCallerIdentity) {
        head.blank();
        head.open(QStringLiteral("data"), {QStringLiteral("aws_caller_identity"), QStringLiteral("current")});
        head.close();
    }
    if (m_usePartitionAndRegion) {
        head.blank();
        head.open(QStringLiteral("data"), {QStringLiteral("aws_partition"), QStringLiteral("current")});
        head.close();
        head.blank();
        head.open(QStringLiteral("data"), {QStringLiteral("aws_region"), QStringLiteral("current")});
        head.close();
    }
    QString text = intro.text() + QLatin1Char('\n') + head.text();
    if (!m_body.isEmpty())
        text += QLatin1Char('\n') + m_body.text();
    return HclWriter::align(text).toUtf8();
}

ExportResult Builder::run()
{
    prepare();
    for (const Component &c : m_data.components)
        section(c);
    if (m_options.alarms)
        alarms();
    variables();
    outputs();
    m_result.files.append({QStringLiteral("main.tf"), mainFile()});
    m_result.files.append({QStringLiteral("variables.tf"), m_vars.toUtf8()});
    m_result.files.append({QStringLiteral("outputs.tf"), m_outs.toUtf8()});
    return std::move(m_result);
}

} // namespace

ExportResult TerraformExporter::exportDiagram(const DiagramData &data, const Catalog &catalog,
                                              const ExportOptions &options) const
{
    Builder builder(data, catalog, options);
    return builder.run();
}

} // namespace ew::core

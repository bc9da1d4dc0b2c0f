// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/samexporter.h"

#include "core/model/wellknown.h"
#include "core/model/logicalnames.h"
#include "core/io/yamlwriter.h"
#include "core/validation/validationcontext.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

// Warnings this exporter reports (severity Warning; the template is still written):
//
// | rule       | what SAM (or the template) cannot express                                        |
// | EXPORT-001 | a component of an unknown kind, or a connection the catalog does not allow: left out |
// | EXPORT-002 | ProvisionedPollerConfig on an SQS trigger (SAM's SQS event has no such property)   |
// | EXPORT-003 | an EventBridge rule State other than ENABLED on a function trigger (SAM's         |
// |            | EventBridgeRule event has no State); the rule's other targets get it              |
// | EXPORT-004 | Auth JWT on a REST API route (REST APIs have no JWT authorizer): AWS_IAM instead   |
// | EXPORT-005 | a FIFO queue as rule / schedule target: MessageGroupId set to the rule's id       |
// | EXPORT-006 | a second on-success / on-failure / dead-letter connection where AWS takes one     |
// | EXPORT-007 | an Environment variable with the name Eventwright gives an accessed resource      |
// | EXPORT-008 | a setting AWS requires is missing (project exported with --force): value assumed |
// | EXPORT-009 | a queue's KMS key given as an alias (no IAM resource), or a service that sends to  |
// |            | a queue encrypted with a customer managed key (needs the key policy)              |
// | EXPORT-010 | a project description longer than CloudFormation's 1,024 bytes: shortened         |
// | EXPORT-011 | a schedule targeting an event bus: the event's detail-type and source are assumed |
// | EXPORT-012 | a REST API without routes (API Gateway cannot deploy it): left out                 |

namespace ew::core {
namespace {

using namespace wellknown;



const QString AliasName = QStringLiteral("live");

// ------------------------------------------------------------------------------------------
// Values

/// True when a YAML 1.1 reader (PyYAML, as cfn-lint uses) or a YAML 1.2 reader could take the
/// plain text for something else than a string: booleans such as OFF or yes, nulls, and
/// anything that looks like a number, a date or a sexagesimal.
bool yamlAmbiguous(const QString &t)
{
    static const QSet<QString> words = {
        QStringLiteral("y"),     QStringLiteral("Y"),     QStringLiteral("yes"),   QStringLiteral("Yes"),
        QStringLiteral("YES"),   QStringLiteral("n"),     QStringLiteral("N"),     QStringLiteral("no"),
        QStringLiteral("No"),    QStringLiteral("NO"),    QStringLiteral("true"),  QStringLiteral("True"),
        QStringLiteral("TRUE"),  QStringLiteral("false"), QStringLiteral("False"), QStringLiteral("FALSE"),
        QStringLiteral("on"),    QStringLiteral("On"),    QStringLiteral("ON"),    QStringLiteral("off"),
        QStringLiteral("Off"),   QStringLiteral("OFF"),   QStringLiteral("null"),  QStringLiteral("Null"),
        QStringLiteral("NULL"),  QStringLiteral("~"),     QStringLiteral("="),     QStringLiteral("<<"),
        QStringLiteral(".inf"),  QStringLiteral(".Inf"),  QStringLiteral(".INF"),  QStringLiteral("-.inf"),
        QStringLiteral("+.inf"), QStringLiteral(".nan"),  QStringLiteral(".NaN"),  QStringLiteral(".NAN")};
    if (t.isEmpty() || words.contains(t))
        return true;
    const QChar first = t.front();
    if (!first.isDigit() && first != u'+' && first != u'-' && first != u'.')
        return false;
    static const QString numberish = QStringLiteral("0123456789abcdefABCDEFxXoO_:.+-eE");
    for (QChar c : t) {
        if (!numberish.contains(c))
            return false;
    }
    return true;
}

/// A string scalar that reads back as this string in YAML 1.1 and 1.2.
Value str(const QString &text)
{
    Value v = Value::string(text);
    if (!v.isQuoted() && yamlAmbiguous(text))
        v = Value::scalar(text, true);
    return v;
}

Value integer(qint64 v)
{
    return Value::integer(v);
}
Value boolean(bool v)
{
    return Value::boolean(v);
}

/// A map built entry by entry, in the order given.
class Obj
{
public:
    Obj() = default;
    Obj &set(const QString &key, const Value &value)
    {
        m_v.set(key, value);
        return *this;
    }
    /// Sets the entry only when the value is not null.
    Obj &opt(const QString &key, const Value &value)
    {
        if (!value.isNull())
            m_v.set(key, value);
        return *this;
    }
    bool empty() const { return m_v.entries().empty(); }
    const Value &value() const { return m_v; }
    operator Value() const { return m_v; }

private:
    Value m_v = Value::map();
};

Value listOf(std::vector<Value> items)
{
    return Value::list(std::move(items));
}

Value strList(const QStringList &items)
{
    std::vector<Value> out;
    for (const QString &s : items)
        out.push_back(str(s));
    return Value::list(std::move(out));
}

Value ref(const QString &name)
{
    return Obj().set(QStringLiteral("Ref"), str(name));
}

Value getAtt(const QString &name, const QString &attribute)
{
    return Obj().set(QStringLiteral("Fn::GetAtt"), strList({name, attribute}));
}

Value sub(const QString &text)
{
    return Obj().set(QStringLiteral("Fn::Sub"), str(text));
}

Value sub(const QString &text, const Value &variables)
{
    return Obj().set(QStringLiteral("Fn::Sub"), listOf({str(text), variables}));
}

Value select(int index, const Value &list)
{
    return Obj().set(QStringLiteral("Fn::Select"), listOf({integer(index), list}));
}

Value split(const QString &separator, const Value &text)
{
    return Obj().set(QStringLiteral("Fn::Split"), listOf({str(separator), text}));
}

/// A model value, with scalars in a canonical form: quoted text stays text, plain scalars keep
/// the type YAML 1.2 gives them (number, boolean, null), other text is a string.
Value canonical(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return Value();
    case Value::Type::Scalar: {
        if (v.isQuoted())
            return str(v.text());
        if (v.isPlainNull())
            return Value();
        if (const std::optional<bool> b = v.toBool())
            return boolean(*b);
        if (const std::optional<qint64> i = v.toInteger())
            return integer(*i);
        if (v.toNumber())
            return Value::scalar(v.text());
        return str(v.text());
    }
    case Value::Type::List: {
        std::vector<Value> items;
        for (const Value &item : v.items())
            items.push_back(canonical(item));
        return Value::list(std::move(items));
    }
    case Value::Type::Map: {
        Value out = Value::map();
        for (const MapEntry &e : v.entries())
            out.set(e.key, canonical(e.value));
        return out;
    }
    }
    return Value();
}

/// A model value converted as its catalog type says (so `OFF` or `123` stay text where the
/// catalog wants text, and `10` is an integer where it wants an integer).
Value typed(const Value &v, const PropertySpec *spec)
{
    if (!spec || v.isNull())
        return canonical(v);
    switch (spec->type) {
    case PropertyType::String:
    case PropertyType::Enum:
    case PropertyType::Component:
        return v.isScalar() ? str(v.text()) : canonical(v);
    case PropertyType::Integer:
        if (const std::optional<qint64> i = v.toInteger())
            return integer(*i);
        return canonical(v);
    case PropertyType::Boolean:
        if (const std::optional<bool> b = v.toBool())
            return boolean(*b);
        return canonical(v);
    case PropertyType::List:
        if (v.isList() && (spec->items == u"string" || spec->items == u"enum")) {
            std::vector<Value> items;
            for (const Value &item : v.items())
                items.push_back(item.isScalar() ? str(item.text()) : canonical(item));
            return Value::list(std::move(items));
        }
        return canonical(v);
    case PropertyType::Number:
    case PropertyType::Map:
        return canonical(v);
    }
    return canonical(v);
}

void appendJsonString(QString &out, const QString &s)
{
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

/// Compact JSON text of a model value (map order kept), as event filter patterns take it.
void appendJson(QString &out, const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        out += QStringLiteral("null");
        return;
    case Value::Type::Scalar:
        if (!v.isQuoted()) {
            if (v.isPlainNull()) {
                out += QStringLiteral("null");
                return;
            }
            if (const std::optional<bool> b = v.toBool()) {
                out += *b ? QStringLiteral("true") : QStringLiteral("false");
                return;
            }
            if (const std::optional<double> d = v.toNumber()) {
                if (const std::optional<qint64> i = v.toInteger())
                    out += QString::number(*i);
                else
                    out += QString::number(*d, 'g', 17);
                return;
            }
        }
        appendJsonString(out, v.text());
        return;
    case Value::Type::List: {
        out += u'[';
        bool first = true;
        for (const Value &item : v.items()) {
            if (!first)
                out += u',';
            first = false;
            appendJson(out, item);
        }
        out += u']';
        return;
    }
    case Value::Type::Map: {
        out += u'{';
        bool first = true;
        for (const MapEntry &e : v.entries()) {
            if (!first)
                out += u',';
            first = false;
            appendJsonString(out, e.key);
            out += u':';
            appendJson(out, e.value);
        }
        out += u'}';
        return;
    }
    }
}

QString json(const Value &v)
{
    QString out;
    appendJson(out, v);
    return out;
}

/// "orders-table" → "ORDERS_TABLE"; environment variable names start with a letter.
QString envBase(const QString &id)
{
    QString out;
    for (QChar c : id)
        out += c.isLetterOrNumber() ? c.toUpper() : QChar(u'_');
    if (out.isEmpty() || !out.front().isLetter())
        out.prepend(u'R');
    return out;
}

/// ORDERS_TABLE_NAME for "orders-table", JOBS_QUEUE_URL for "jobs": the kind's word is added
/// unless the id already ends with it.
QString envName(const QString &id, const QString &kindWord, const QString &what)
{
    const QString base = envBase(id);
    if (base == kindWord || base.endsWith(u'_' + kindWord))
        return base + u'_' + what;
    if (kindWord == u"EVENT_BUS" && (base == u"BUS" || base.endsWith(QStringLiteral("_BUS"))))
        return base + u'_' + what;
    return base + u'_' + kindWord + u'_' + what;
}

// ------------------------------------------------------------------------------------------
// IAM: a function's Policies (SAM policy templates, then one inline policy document).

class PolicySet
{
public:
    void addTemplate(const QString &name, const Value &parameters)
    {
        const Value t = Obj().set(name, parameters);
        if (std::find(m_templates.begin(), m_templates.end(), t) == m_templates.end())
            m_templates.push_back(t);
    }
    void addStatement(const QStringList &actions, const Value &resource)
    {
        for (Statement &s : m_statements) {
            if (s.actions == actions) {
                if (std::find(s.resources.begin(), s.resources.end(), resource) == s.resources.end())
                    s.resources.push_back(resource);
                return;
            }
        }
        m_statements.push_back({actions, {resource}});
    }
    bool empty() const { return m_templates.empty() && m_statements.empty(); }
    bool hasStatements() const { return !m_statements.empty(); }
    /// The inline statements as one policy document.
    Value document() const
    {
        std::vector<Value> statements;
        for (const Statement &s : m_statements) {
            statements.push_back(
                Obj()
                    .set(QStringLiteral("Effect"), str(QStringLiteral("Allow")))
                    .set(QStringLiteral("Action"), strList(s.actions))
                    .set(QStringLiteral("Resource"),
                         s.resources.size() == 1 ? s.resources.front() : Value::list(s.resources)));
        }
        return Obj()
            .set(QStringLiteral("Version"), str(QStringLiteral("2012-10-17")))
            .set(QStringLiteral("Statement"), Value::list(std::move(statements)));
    }
    /// SAM's Policies: the templates, then the inline document.
    Value value() const
    {
        std::vector<Value> out = m_templates;
        if (!m_statements.empty())
            out.push_back(document());
        return Value::list(std::move(out));
    }

private:
    struct Statement
    {
        QStringList actions;
        std::vector<Value> resources;
    };
    std::vector<Value> m_templates;
    std::vector<Statement> m_statements;
};

/// Statements of a resource policy (queue or topic) that let AWS services send, each scoped to
/// the ARNs of the sources (aws:SourceArn).
class ResourcePolicy
{
public:
    void allow(const QString &service, const QString &action, const Value &sourceArn)
    {
        for (Grant &g : m_grants) {
            if (g.service == service && g.action == action) {
                if (std::find(g.sources.begin(), g.sources.end(), sourceArn) == g.sources.end())
                    g.sources.push_back(sourceArn);
                return;
            }
        }
        m_grants.push_back({service, action, {sourceArn}});
    }
    bool empty() const { return m_grants.empty(); }
    Value document(const Value &resource) const
    {
        std::vector<Value> statements;
        for (const Grant &g : m_grants) {
            const Value sources = g.sources.size() == 1 ? g.sources.front() : Value::list(g.sources);
            statements.push_back(
                Obj()
                    .set(QStringLiteral("Effect"), str(QStringLiteral("Allow")))
                    .set(QStringLiteral("Principal"), Obj().set(QStringLiteral("Service"), str(g.service)))
                    .set(QStringLiteral("Action"), str(g.action))
                    .set(QStringLiteral("Resource"), resource)
                    .set(QStringLiteral("Condition"),
                         Obj().set(QStringLiteral("ArnEquals"),
                                   Obj().set(QStringLiteral("aws:SourceArn"), sources))));
        }
        return Obj()
            .set(QStringLiteral("Version"), str(QStringLiteral("2012-10-17")))
            .set(QStringLiteral("Statement"), Value::list(std::move(statements)));
    }

private:
    struct Grant
    {
        QString service;
        QString action;
        std::vector<Value> sources;
    };
    std::vector<Grant> m_grants;
};

/// A trust policy for a role that an AWS service assumes for this account only.
Value serviceTrust(const QString &service)
{
    return Obj()
        .set(QStringLiteral("Version"), str(QStringLiteral("2012-10-17")))
        .set(QStringLiteral("Statement"),
             listOf({Obj()
                         .set(QStringLiteral("Effect"), str(QStringLiteral("Allow")))
                         .set(QStringLiteral("Principal"), Obj().set(QStringLiteral("Service"), str(service)))
                         .set(QStringLiteral("Action"), str(QStringLiteral("sts:AssumeRole")))
                         .set(QStringLiteral("Condition"),
                              Obj().set(QStringLiteral("StringEquals"),
                                        Obj().set(QStringLiteral("aws:SourceAccount"),
                                                  ref(QStringLiteral("AWS::AccountId")))))}));
}

// ------------------------------------------------------------------------------------------

/// What a value refers to, as written: "Fn", "Fn.Version", "Fn.Version.FunctionArn" (Ref,
/// Fn::GetAtt and Fn::Sub variables).
void referencesIn(const Value &v, QSet<QString> &out, int depth = 0)
{
    if (depth > 200)
        return;
    if (v.isList()) {
        for (const Value &i : v.items())
            referencesIn(i, out, depth + 1);
        return;
    }
    if (!v.isMap())
        return;
    if (v.entries().size() == 1) {
        const QString &k = v.entries().front().key;
        const Value &arg = v.entries().front().value;
        if ((k == u"Ref" || k == u"Fn::GetAtt") && arg.isScalar()) {
            out.insert(arg.text());
            return;
        }
        if (k == u"Fn::GetAtt" && arg.isList()) {
            QStringList parts;
            for (const Value &i : arg.items())
                parts << (i.isScalar() ? i.text() : QString());
            out.insert(parts.join(u'.'));
            return;
        }
        if (k == u"Fn::Sub") {
            const Value *text = arg.isScalar() ? &arg : arg.isList() && !arg.items().empty() ? &arg.items()[0] : nullptr;
            if (text && text->isScalar()) {
                static const QRegularExpression var(QStringLiteral("\\$\\{([^}!]+)\\}"));
                for (auto it = var.globalMatch(text->text()); it.hasNext();)
                    out.insert(it.next().captured(1).trimmed());
            }
            if (arg.isList() && arg.items().size() > 1)
                referencesIn(arg.items()[1], out, depth + 1);
            return;
        }
    }
    for (const MapEntry &e : v.entries())
        referencesIn(e.value, out, depth + 1);
}

/// `Fn::GetAtt: Fn.Version.FunctionArn` (how a reader keeps `!GetAtt Fn.Version.FunctionArn`)
/// as the list [Fn, Version.FunctionArn], which the short form means: cfn-lint reads the
/// long form's string differently when the attribute has a dot of its own.
void splitNestedGetAtts(Value &v, int depth = 0)
{
    if (depth > 200)
        return;
    if (v.isList()) {
        for (Value &i : v.items())
            splitNestedGetAtts(i, depth + 1);
        return;
    }
    if (!v.isMap())
        return;
    if (v.entries().size() == 1 && v.entries().front().key == u"Fn::GetAtt" && v.entries().front().value.isScalar()) {
        const QString text = v.entries().front().value.text();
        if (text.count(u'.') > 1) {
            const qsizetype dot = text.indexOf(u'.');
            v.entries().front().value = Value::list({Value::string(text.left(dot)), Value::string(text.mid(dot + 1))});
        }
        return;
    }
    for (MapEntry &e : v.entries())
        splitNestedGetAtts(e.value, depth + 1);
}

/// Logical ids an imported template gave its components where they differ from the names
/// derived from component ids (SamImporter: `unmapped-template` → `LogicalIds`, component id →
/// logical id). The export keeps them: kept resources refer to them and to what SAM derives
/// from them (<Function>Role, <Api>ProdStage), and CloudFormation replaces a resource whose
/// logical id changes. One that is not alphanumeric, names no component, or clashes with a
/// kept resource, a name SAM generates or an earlier one, is not used.
QHash<QString, QString> importedLogicalIds(const DiagramData &data)
{
    QHash<QString, QString> out;
    const Value *ids = nullptr;
    QSet<QString> taken = {QStringLiteral("serverlessrestapi"), QStringLiteral("serverlesshttpapi")};
    for (const char *word : {"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
        taken.insert(QLatin1String(word));
    for (const MapEntry &e : data.extra) {
        if (e.key == u"unmapped-template" && e.value.isMap())
            ids = e.value.find(QStringLiteral("LogicalIds"));
        if (e.key == u"unmapped-resources" && e.value.isMap()) {
            for (const MapEntry &r : e.value.entries())
                taken.insert(r.key.toLower());
        }
    }
    if (!ids || !ids->isMap())
        return out;
    static const QRegularExpression alnum(QStringLiteral("^[A-Za-z][A-Za-z0-9]{0,254}$"));
    QSet<QString> components;
    for (const Component &c : data.components)
        components.insert(c.id);
    for (const MapEntry &e : ids->entries()) {
        const QString name = e.value.isScalar() ? e.value.text() : QString();
        if (!components.contains(e.key) || out.contains(e.key) || !alnum.match(name).hasMatch()
            || taken.contains(name.toLower()))
            continue;
        taken.insert(name.toLower());
        out.insert(e.key, name);
    }
    return out;
}

/// The components whose names LogicalNames derives (those without an imported logical id).
DiagramData withoutImportedNames(const DiagramData &data, const QHash<QString, QString> &imported)
{
    DiagramData out;
    for (const Component &c : data.components) {
        if (!imported.contains(c.id)) {
            Component named;
            named.id = c.id;
            out.components.push_back(named);
        }
    }
    return out;
}

/// Names SAM generates for a function, which no component may take.
QStringList reservedNames(const DiagramData &data, const QHash<QString, QString> &imported)
{
    QStringList out = {QStringLiteral("ServerlessRestApi"), QStringLiteral("ServerlessRestApiProdStage"),
                       QStringLiteral("ServerlessRestApiDeployment"), QStringLiteral("ServerlessHttpApi"),
                       QStringLiteral("ServerlessHttpApiApiGatewayDefaultStage")};
    // Keys a YAML 1.1 reader (cfn-lint's) would take for booleans or null.
    for (const char *word : {"Y", "N", "Yes", "No", "On", "Off", "True", "False", "Null"})
        out << QLatin1String(word);
    // Resources kept from an imported template (SamImporter): their logical ids are taken.
    for (const MapEntry &e : data.extra) {
        if (e.key == u"unmapped-resources" && e.value.isMap()) {
            for (const MapEntry &r : e.value.entries())
                out << r.key;
        }
    }
    for (const Component &c : data.components) {
        if (c.kind != KindFunction)
            continue;
        const QString base = imported.value(c.id, LogicalNames::toPascalCase(c.id));
        out << base + QStringLiteral("Role") << base + QStringLiteral("EventInvokeConfig")
            << base + QStringLiteral("Alias") + AliasName;
    }
    for (const QString &name : imported)
        out << name;
    return out;
}

class SamBuilder
{
public:
    SamBuilder(const DiagramData &data, const Catalog &catalog, const ExportOptions &options)
        : m_data(data)
        , m_catalog(catalog)
        , m_options(options)
        , m_ctx(data, catalog)
        , m_imported(importedLogicalIds(data))
        , m_names(withoutImportedNames(data, m_imported), reservedNames(data, m_imported))
    { }

    ExportResult run();

private:
    struct ApiInfo
    {
        bool explicitResource = false;
        QString stage;        ///< REST: always set; HTTP: empty for $default
        QStringList auth;     ///< authorizers used by routes: AWS_IAM, JWT, COGNITO
        qsizetype routes = 0; ///< exported trigger connections
    };

    // names
    QString claim(const QString &base);
    bool taken(const QString &name) const { return m_taken.contains(name.toLower()); }
    QString logical(const QString &id) const
    {
        const auto it = m_imported.constFind(id);
        return it != m_imported.cend() ? *it : m_names.cfn(id);
    }
    const Component *component(const QString &id) const { return m_ctx.component(id); }
    QString kindOf(const QString &id) const
    {
        const Component *c = component(id);
        return c ? c->kind : QString();
    }

    // model values
    Value prop(const Component &c, const QString &name) const;
    Value propOrDefault(const Component &c, const QString &name) const;
    Value prop(const Connection &c, const QString &name) const;
    Value propOrDefault(const Connection &c, const QString &name) const;
    const PropertySpec *spec(const Connection &c, const QString &name) const;
    /// The component a component-typed connection property names, or nullptr.
    const Component *named(const Connection &c, const QString &name) const;

    // references
    bool isDefaultBus(const Component &bus) const;
    QString busName(const Component &bus) const;
    const Component *busNamed(const QString &eventBusName) const;
    Value eventBusNameValue(const QString &eventBusName) const;
    Value arnOf(const Component &c) const;
    Value nameOf(const Component &c) const;
    Value bucketObjectsArn(const Component &bucket) const;
    Value functionTarget(const Component &function) const;

    void warn(const QString &rule, const QString &message, const QString &componentId,
              int connectionIndex = -1);
    void addResource(const QString &name, const QString &type, const Value &properties);

    // phases
    void checkModel();
    void planApis();
    void planEvents();
    void buildQueue(const Component &c);
    void buildTopic(const Component &c);
    void buildBucket(const Component &c);
    void buildTable(const Component &c);
    void buildStream(const Component &c);
    void buildBus(const Component &c);
    void buildApi(const Component &c);
    void buildRuleTargets(const Component &rule);
    void buildScheduleTargets(const Component &schedule);
    void buildFunction(const Component &c);
    Value buildEvent(const Component &function, int index, PolicySet &policies);
    Value apiEvent(const Connection &c, int index, bool http);
    Value streamEvent(const Component &function, const Connection &c, int index, const QString &type,
                      PolicySet &policies);
    void buildSnsSubscription(const Component &function, const Connection &c, int index);
    /// sqs:SendMessage / sns:Publish / s3:PutObject + s3:ListBucket for a stream or Kafka
    /// trigger's on-failure destination (SAM grants them only with its own `Type` key).
    void addDestinationGrant(const Component &target, PolicySet &policies);
    void addAccess(const Component &function, const Connection &c, int index, PolicySet &policies,
                   Obj &environment, const QSet<QString> &userVariables, QSet<QString> &names);
    void addKafkaGrants(const Component &cluster, const Connection &c, PolicySet &policies);
    void addKmsGrant(const Component &queue, const QStringList &actions, PolicySet &policies);
    void serviceSendsToQueue(const Component &queue, const QString &service, const Value &sourceArn,
                             int connectionIndex);
    void buildResourcePolicies();
    void buildAlarms();
    void buildOutputs();
    Value metadata() const;
    QByteArray write() const;

    const DiagramData &m_data;
    const Catalog &m_catalog;
    ExportOptions m_options;
    ValidationContext m_ctx;
    QHash<QString, QString> m_imported; ///< component id → the imported template's logical id
    QHash<QString, const Value *> m_kept; ///< resources kept from an imported template, by logical id
    QSet<QString> m_keptReferences;       ///< what kept resources and imported properties refer to
    LogicalNames m_names;
    QSet<QString> m_taken;
    QSet<QString> m_outputNames;
    std::map<QString, Value> m_resources;
    std::map<QString, Value> m_parameters;
    std::map<QString, Value> m_outputs;
    QHash<QString, ApiInfo> m_apis;          ///< by API component id
    QHash<int, QString> m_eventNames;        ///< trigger connection index → event name
    QHash<QString, QString> m_mskParameters; ///< cluster id → parameter name
    QSet<QString> m_triggerBuckets;          ///< buckets that trigger a function
    QSet<QString> m_excluded;                ///< components not exported (unknown kind)
    QSet<QString> m_kmsWarned;
    /// Resource policies of queues and topics, by component id, in the order first needed.
    std::vector<std::pair<QString, ResourcePolicy>> m_resourcePolicies;
    QList<Diagnostic> m_diagnostics;
    QString m_description;

    ResourcePolicy &resourcePolicy(const QString &id)
    {
        for (auto &p : m_resourcePolicies) {
            if (p.first == id)
                return p.second;
        }
        m_resourcePolicies.emplace_back(id, ResourcePolicy());
        return m_resourcePolicies.back().second;
    }
};

QString SamBuilder::claim(const QString &base)
{
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = base + QString::number(n);
    m_taken.insert(name.toLower());
    return name;
}

Value SamBuilder::prop(const Component &c, const QString &name) const
{
    const Value *v = c.properties.find(name);
    if (!v || v->isPlainNull())
        return Value();
    const KindSpec *k = m_ctx.kindOf(c);
    return typed(*v, k ? k->property(name) : nullptr);
}

Value SamBuilder::propOrDefault(const Component &c, const QString &name) const
{
    const Value *v = m_ctx.value(c, name);
    if (!v || v->isPlainNull())
        return Value();
    const KindSpec *k = m_ctx.kindOf(c);
    return typed(*v, k ? k->property(name) : nullptr);
}

const PropertySpec *SamBuilder::spec(const Connection &c, const QString &name) const
{
    const RoleSpec *r = m_catalog.roleSpec(kindOf(c.from), c.role);
    return r ? r->property(name) : nullptr;
}

Value SamBuilder::prop(const Connection &c, const QString &name) const
{
    const Value *v = c.properties.find(name);
    if (!v || v->isPlainNull())
        return Value();
    return typed(*v, spec(c, name));
}

Value SamBuilder::propOrDefault(const Connection &c, const QString &name) const
{
    const Value *v = m_ctx.value(c, name);
    if (!v || v->isPlainNull())
        return Value();
    return typed(*v, spec(c, name));
}

const Component *SamBuilder::named(const Connection &c, const QString &name) const
{
    const Value *v = c.properties.find(name);
    if (!v || !v->isScalar())
        return nullptr;
    const Component *target = component(v->text());
    return target && !m_excluded.contains(target->id) ? target : nullptr;
}

void SamBuilder::warn(const QString &rule, const QString &message, const QString &componentId,
                      int connectionIndex)
{
    Diagnostic d;
    d.rule = rule;
    d.severity = Severity::Warning;
    d.message = message;
    if (connectionIndex >= 0) {
        const Connection &c = m_ctx.connection(connectionIndex);
        d.connection = ConnectionRef{c.from, c.to, c.role};
        d.connectionIndex = connectionIndex;
    } else {
        d.component = componentId;
    }
    m_diagnostics.append(d);
}

void SamBuilder::addResource(const QString &name, const QString &type, const Value &properties)
{
    Obj r;
    r.set(QStringLiteral("Type"), str(type));
    if (properties.isMap() && !properties.entries().empty())
        r.set(QStringLiteral("Properties"), properties);
    m_resources[name] = r;
}

// ------------------------------------------------------------------------------------------
// References

bool SamBuilder::isDefaultBus(const Component &bus) const
{
    return busName(bus) == u"default";
}

QString SamBuilder::busName(const Component &bus) const
{
    const QString name = m_ctx.text(bus, QStringLiteral("Name"));
    return name.isEmpty() ? bus.id : name;
}

const Component *SamBuilder::busNamed(const QString &eventBusName) const
{
    const QString name = eventBusName.section(u'/', -1);
    for (const Component *bus : m_ctx.componentsOfKind(KindBus)) {
        if (busName(*bus) == name)
            return bus;
    }
    return nullptr;
}

/// The EventBusName of a rule: a Ref to the bus when the project has it, else the text as
/// written; null for the default bus.
Value SamBuilder::eventBusNameValue(const QString &eventBusName) const
{
    if (eventBusName.isEmpty() || eventBusName == u"default")
        return Value();
    const Component *bus = busNamed(eventBusName);
    if (bus && !isDefaultBus(*bus))
        return ref(logical(bus->id));
    return str(eventBusName);
}

Value SamBuilder::arnOf(const Component &c) const
{
    const QString l = logical(c.id);
    if (c.kind == KindTopic)
        return ref(l);
    if (c.kind == KindMsk)
        return ref(m_mskParameters.value(c.id));
    if (c.kind == KindBus && isDefaultBus(c))
        return sub(QStringLiteral(
            "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"));
    if (c.kind == KindBucket && m_triggerBuckets.contains(c.id)) {
        // A bucket that triggers a function is referred to by name, not by Ref: the bucket's
        // notification depends on the function, so a Ref from the function's role or
        // environment would close a dependency cycle.
        const Value name = nameOf(c);
        const Value *text = name.isMap() ? name.find(QStringLiteral("Fn::Sub")) : nullptr;
        if (text && text->isList())
            return sub(QStringLiteral("arn:${AWS::Partition}:s3:::") + text->items()[0].text(),
                       text->items()[1]);
        return sub(QStringLiteral("arn:${AWS::Partition}:s3:::") + name.text());
    }
    return getAtt(l, QStringLiteral("Arn"));
}

Value SamBuilder::nameOf(const Component &c) const
{
    const QString l = logical(c.id);
    if (c.kind == KindQueue)
        return getAtt(l, QStringLiteral("QueueName"));
    if (c.kind == KindTopic)
        return getAtt(l, QStringLiteral("TopicName"));
    if (c.kind == KindBus && isDefaultBus(c))
        return str(QStringLiteral("default"));
    if (c.kind == KindBucket && m_triggerBuckets.contains(c.id)) {
        const QString given = m_ctx.text(c, QStringLiteral("BucketName"));
        if (!given.isEmpty())
            return str(given);
        // <id>-<last 12 hex digits of the stack's UUID>: lower case, unique per stack, known
        // before the bucket exists.
        QString base = c.id.left(50);
        while (base.endsWith(u'-'))
            base.chop(1);
        const Value suffix =
            select(4,
                   split(QStringLiteral("-"),
                         select(2, split(QStringLiteral("/"), ref(QStringLiteral("AWS::StackId"))))));
        return sub(base + QStringLiteral("-${Suffix}"), Obj().set(QStringLiteral("Suffix"), suffix));
    }
    return ref(l);
}

Value SamBuilder::bucketObjectsArn(const Component &bucket) const
{
    const Value arn = arnOf(bucket);
    const Value *text = arn.find(QStringLiteral("Fn::Sub"));
    if (text && text->isList())
        return sub(text->items()[0].text() + QStringLiteral("/*"), text->items()[1]);
    if (text)
        return sub(text->text() + QStringLiteral("/*"));
    return sub(QStringLiteral("${%1.Arn}/*").arg(logical(bucket.id)));
}

/// What a push source invokes: the function, or its alias when it has provisioned concurrency.
Value SamBuilder::functionTarget(const Component &function) const
{
    if (!prop(function, QStringLiteral("ProvisionedConcurrentExecutions")).isNull())
        return ref(logical(function.id) + QStringLiteral(".Alias"));
    return getAtt(logical(function.id), QStringLiteral("Arn"));
}

// ------------------------------------------------------------------------------------------

void SamBuilder::checkModel()
{
    for (const Component &c : m_data.components) {
        if (!m_catalog.kind(c.kind)) {
            m_excluded.insert(c.id);
            warn(QStringLiteral("EXPORT-001"),
                 QStringLiteral("'%1' has the kind '%2', which Eventwright does not know, so the "
                                "template leaves it out.")
                     .arg(c.id, c.kind),
                 c.id);
        }
    }
    for (size_t i = 0; i < m_data.connections.size(); ++i) {
        const Connection &c = m_data.connections[i];
        if (m_excluded.contains(c.from) || m_excluded.contains(c.to))
            continue;
        if (!m_catalog.allows(kindOf(c.from), c.role, kindOf(c.to))) {
            warn(QStringLiteral("EXPORT-001"),
                 QStringLiteral("The %1 connection %2 is not one AWS offers between these kinds, so the "
                                "template leaves it out.")
                     .arg(c.role, ValidationContext::describe(c)),
                 {}, int(i));
        }
    }
    for (const Connection &c : m_data.connections) {
        if (c.role == RoleTrigger && kindOf(c.from) == KindBucket && kindOf(c.to) == KindFunction)
            m_triggerBuckets.insert(c.from);
    }
}

/// Whether a connection is exported: both ends known and the role allowed between them.
static bool usable(const Catalog &catalog, const ValidationContext &ctx, const QSet<QString> &excluded,
                   const Connection &c)
{
    const Component *from = ctx.component(c.from);
    const Component *to = ctx.component(c.to);
    return from && to && !excluded.contains(c.from) && !excluded.contains(c.to)
        && catalog.allows(from->kind, c.role, to->kind);
}

void SamBuilder::planApis()
{
    for (const QString &kind : {KindRest, KindHttp}) {
        const std::vector<const Component *> apis = m_ctx.componentsOfKind(kind);
        for (const Component *api : apis) {
            ApiInfo info;
            const QString stage = m_ctx.text(*api, QStringLiteral("StageName"));
            for (int i : m_ctx.outgoing(api->id, RoleTrigger)) {
                const QString auth = m_ctx.text(m_ctx.connection(i), QStringLiteral("Auth"));
                if (!auth.isEmpty() && auth != u"NONE" && !info.auth.contains(auth))
                    info.auth << auth;
            }
            info.explicitResource = apis.size() > 1 || !stage.isEmpty()
                || m_ctx.flag(*api, QStringLiteral("Cors")) || !info.auth.isEmpty();
            const std::vector<int> routes = m_ctx.outgoing(api->id, RoleTrigger);
            info.routes = std::count_if(routes.begin(), routes.end(), [this](int i) {
                return usable(m_catalog, m_ctx, m_excluded, m_ctx.connection(i));
            });
            if (kind == KindRest && info.routes == 0 && !m_excluded.contains(api->id)) {
                info.explicitResource = false;
                warn(
                    QStringLiteral("EXPORT-012"),
                    QStringLiteral("%1 has no route (no trigger connection), and API Gateway cannot deploy a "
                                   "REST API without methods; the template leaves it out.")
                        .arg(m_ctx.describe(api->id)),
                    api->id);
            }
            if (kind == KindRest)
                info.stage = stage.isEmpty() ? QStringLiteral("Prod") : stage;
            else // SAM names a `$default` stage <Api>ApiGatewayDefaultStage with or without the key
                info.stage = stage == u"$default" ? QString() : stage;
            m_apis.insert(api->id, info);
        }
    }
}

/// Event names: the source's logical id, numbered when a function has several triggers from
/// it; none of the names SAM derives from it (<Function><Event>, …Permission, …Role) may be
/// taken.
void SamBuilder::planEvents()
{
    for (const Component &f : m_data.components) {
        if (f.kind != KindFunction)
            continue;
        const QString fn = logical(f.id);
        QSet<QString> used;
        for (int i : m_ctx.incoming(f.id, RoleTrigger)) {
            const Connection &c = m_ctx.connection(i);
            if (!usable(m_catalog, m_ctx, m_excluded, c))
                continue;
            const QString base = logical(c.from);
            QString name = base;
            for (int n = 2;; ++n) {
                const bool free = !used.contains(name) && !taken(fn + name)
                    && !taken(fn + name + QStringLiteral("Permission"))
                    && !taken(fn + name + QStringLiteral("Role"));
                if (free)
                    break;
                name = base + QString::number(n);
            }
            used.insert(name);
            m_taken.insert((fn + name).toLower());
            m_taken.insert((fn + name + QStringLiteral("Permission")).toLower());
            m_taken.insert((fn + name + QStringLiteral("Role")).toLower());
            m_eventNames.insert(i, name);
        }
    }
}

// ------------------------------------------------------------------------------------------
// Resources of the non-function kinds

void SamBuilder::buildQueue(const Component &c)
{
    Obj p;
    for (const char *name :
         {"QueueName", "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
          "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
          "ReceiveMessageWaitTimeSeconds", "KmsMasterKeyId"})
        p.opt(QLatin1String(name), prop(c, QLatin1String(name)));
    bool first = true;
    for (int i : m_ctx.outgoing(c.id, RoleDeadLetter)) {
        const Connection &dl = m_ctx.connection(i);
        if (!usable(m_catalog, m_ctx, m_excluded, dl))
            continue;
        if (!first) {
            warn(QStringLiteral("EXPORT-006"),
                 QStringLiteral("%1 already sends failed messages to another dead-letter queue; a queue "
                                "has one redrive policy, so %2 is left out.")
                     .arg(m_ctx.describe(c.id), ValidationContext::describe(dl)),
                 {}, i);
            continue;
        }
        first = false;
        p.set(QStringLiteral("RedrivePolicy"),
              Obj()
                  .set(QStringLiteral("deadLetterTargetArn"), getAtt(logical(dl.to), QStringLiteral("Arn")))
                  .set(QStringLiteral("maxReceiveCount"),
                       propOrDefault(dl, QStringLiteral("maxReceiveCount"))));
    }
    addResource(logical(c.id), QStringLiteral("AWS::SQS::Queue"), p);
}

void SamBuilder::buildTopic(const Component &c)
{
    Obj p;
    p.opt(QStringLiteral("TopicName"), prop(c, QStringLiteral("TopicName")));
    p.opt(QStringLiteral("FifoTopic"), prop(c, QStringLiteral("FifoTopic")));
    addResource(logical(c.id), QStringLiteral("AWS::SNS::Topic"), p);
}

void SamBuilder::buildBucket(const Component &c)
{
    Obj p;
    if (m_triggerBuckets.contains(c.id))
        p.set(QStringLiteral("BucketName"), nameOf(c));
    else
        p.opt(QStringLiteral("BucketName"), prop(c, QStringLiteral("BucketName")));
    addResource(logical(c.id), QStringLiteral("AWS::S3::Bucket"), p);
}

void SamBuilder::buildTable(const Component &c)
{
    static const QRegularExpression keyPattern(QStringLiteral("^([A-Za-z0-9_.-]+):(S|N|B)$"));
    Obj p;
    p.opt(QStringLiteral("TableName"), prop(c, QStringLiteral("TableName")));
    QRegularExpressionMatch pk = keyPattern.match(m_ctx.text(c, QStringLiteral("PartitionKey")));
    if (!pk.hasMatch()) {
        warn(QStringLiteral("EXPORT-008"),
             QStringLiteral("%1 has no valid PartitionKey (name:S, name:N or name:B), which DynamoDB "
                            "requires; the template assumes id:S.")
                 .arg(m_ctx.describe(c.id)),
             c.id);
        pk = keyPattern.match(QStringLiteral("id:S"));
    }
    const QRegularExpressionMatch sk = keyPattern.match(m_ctx.text(c, QStringLiteral("SortKey")));
    const bool hasSort = sk.hasMatch() && sk.captured(1) != pk.captured(1);
    auto attribute = [](const QRegularExpressionMatch &m) {
        return Obj()
            .set(QStringLiteral("AttributeName"), str(m.captured(1)))
            .set(QStringLiteral("AttributeType"), str(m.captured(2)))
            .value();
    };
    auto key = [](const QRegularExpressionMatch &m, const QString &type) {
        return Obj()
            .set(QStringLiteral("AttributeName"), str(m.captured(1)))
            .set(QStringLiteral("KeyType"), str(type))
            .value();
    };
    std::vector<Value> attributes{attribute(pk)};
    std::vector<Value> keys{key(pk, QStringLiteral("HASH"))};
    if (hasSort) {
        attributes.push_back(attribute(sk));
        keys.push_back(key(sk, QStringLiteral("RANGE")));
    }
    p.set(QStringLiteral("AttributeDefinitions"), Value::list(attributes));
    p.set(QStringLiteral("KeySchema"), Value::list(keys));
    const QString billing = m_ctx.text(c, QStringLiteral("BillingMode"));
    p.set(QStringLiteral("BillingMode"), str(billing.isEmpty() ? QStringLiteral("PROVISIONED") : billing));
    if (billing != u"PAY_PER_REQUEST") {
        const Value read = prop(c, QStringLiteral("ReadCapacityUnits"));
        const Value write = prop(c, QStringLiteral("WriteCapacityUnits"));
        p.set(QStringLiteral("ProvisionedThroughput"),
              Obj()
                  .set(QStringLiteral("ReadCapacityUnits"), read.isNull() ? integer(5) : read)
                  .set(QStringLiteral("WriteCapacityUnits"), write.isNull() ? integer(5) : write));
    }
    QString view = m_ctx.text(c, QStringLiteral("StreamViewType"));
    if (view.isEmpty()) {
        for (int i : m_ctx.outgoing(c.id, RoleTrigger)) {
            if (!usable(m_catalog, m_ctx, m_excluded, m_ctx.connection(i)))
                continue;
            warn(QStringLiteral("EXPORT-008"),
                 QStringLiteral("%1 triggers a function but has no StreamViewType, so it has no stream "
                                "to read; the template turns the stream on with NEW_AND_OLD_IMAGES.")
                     .arg(m_ctx.describe(c.id)),
                 c.id);
            view = QStringLiteral("NEW_AND_OLD_IMAGES");
            break;
        }
    }
    if (!view.isEmpty())
        p.set(QStringLiteral("StreamSpecification"), Obj().set(QStringLiteral("StreamViewType"), str(view)));
    addResource(logical(c.id), QStringLiteral("AWS::DynamoDB::Table"), p);
}

void SamBuilder::buildStream(const Component &c)
{
    Obj p;
    p.opt(QStringLiteral("Name"), prop(c, QStringLiteral("Name")));
    const QString mode = m_ctx.text(c, QStringLiteral("StreamModeDetails"));
    if (mode != u"ON_DEMAND")
        p.opt(QStringLiteral("ShardCount"), prop(c, QStringLiteral("ShardCount")));
    if (!mode.isEmpty())
        p.set(QStringLiteral("StreamModeDetails"), Obj().set(QStringLiteral("StreamMode"), str(mode)));
    p.opt(QStringLiteral("RetentionPeriodHours"), prop(c, QStringLiteral("RetentionPeriodHours")));
    addResource(logical(c.id), QStringLiteral("AWS::Kinesis::Stream"), p);
}

void SamBuilder::buildBus(const Component &c)
{
    if (isDefaultBus(c))
        return; // the account's default bus exists already
    addResource(logical(c.id), QStringLiteral("AWS::Events::EventBus"),
                Obj().set(QStringLiteral("Name"), str(busName(c))));
}

void SamBuilder::buildApi(const Component &c)
{
    const ApiInfo info = m_apis.value(c.id);
    if (!info.explicitResource)
        return;
    const QString api = logical(c.id);
    const bool cors = m_ctx.flag(c, QStringLiteral("Cors"));
    auto parameter = [this, &c](const QString &suffix, const QString &description) {
        const QString name = claim(logical(c.id) + suffix);
        m_parameters[name] = Obj()
                                 .set(QStringLiteral("Type"), str(QStringLiteral("String")))
                                 .set(QStringLiteral("Description"), str(description));
        return name;
    };
    Obj p;
    if (c.kind == KindRest) {
        p.set(QStringLiteral("StageName"), str(info.stage));
        if (cors) {
            p.set(QStringLiteral("Cors"),
                  Obj()
                      .set(QStringLiteral("AllowOrigin"), str(QStringLiteral("'*'")))
                      .set(QStringLiteral("AllowMethods"), str(QStringLiteral("'*'")))
                      .set(QStringLiteral("AllowHeaders"), str(QStringLiteral("'*'"))));
        }
        if (info.auth.contains(QStringLiteral("COGNITO"))) {
            const QString pool =
                parameter(QStringLiteral("UserPoolArn"),
                          QStringLiteral("ARN of the Cognito user pool whose users may call %1")
                              .arg(m_ctx.describe(c.id)));
            p.set(QStringLiteral("Auth"),
                  Obj().set(QStringLiteral("Authorizers"),
                            Obj().set(QStringLiteral("CognitoAuthorizer"),
                                      Obj().set(QStringLiteral("UserPoolArn"), ref(pool)))));
        }
        addResource(api, QStringLiteral("AWS::Serverless::Api"), p);
        return;
    }
    if (!info.stage.isEmpty())
        p.set(QStringLiteral("StageName"), str(info.stage));
    if (cors) {
        const Value any = strList({QStringLiteral("*")});
        p.set(QStringLiteral("CorsConfiguration"),
              Obj()
                  .set(QStringLiteral("AllowOrigins"), any)
                  .set(QStringLiteral("AllowMethods"), any)
                  .set(QStringLiteral("AllowHeaders"), any));
    }
    Obj auth;
    if (info.auth.contains(QStringLiteral("AWS_IAM")))
        auth.set(QStringLiteral("EnableIamAuthorizer"), boolean(true));
    Obj authorizers;
    const Value identity = str(QStringLiteral("$request.header.Authorization"));
    if (info.auth.contains(QStringLiteral("JWT"))) {
        const QString issuer =
            parameter(QStringLiteral("JwtIssuer"),
                      QStringLiteral("Issuer URL of the JWTs that %1 accepts").arg(m_ctx.describe(c.id)));
        const QString audience = parameter(
            QStringLiteral("JwtAudience"),
            QStringLiteral("Audience (client id) of the JWTs that %1 accepts").arg(m_ctx.describe(c.id)));
        authorizers.set(QStringLiteral("JwtAuthorizer"),
                        Obj()
                            .set(QStringLiteral("IdentitySource"), identity)
                            .set(QStringLiteral("JwtConfiguration"),
                                 Obj()
                                     .set(QStringLiteral("issuer"), ref(issuer))
                                     .set(QStringLiteral("audience"), listOf({ref(audience)}))));
    }
    if (info.auth.contains(QStringLiteral("COGNITO"))) {
        const QString pool = parameter(
            QStringLiteral("UserPoolId"),
            QStringLiteral("Id of the Cognito user pool whose users may call %1").arg(m_ctx.describe(c.id)));
        const QString client =
            parameter(QStringLiteral("UserPoolClientId"),
                      QStringLiteral("Id of the Cognito app client that calls %1").arg(m_ctx.describe(c.id)));
        authorizers.set(
            QStringLiteral("CognitoAuthorizer"),
            Obj()
                .set(QStringLiteral("IdentitySource"), identity)
                .set(QStringLiteral("JwtConfiguration"),
                     Obj()
                         .set(QStringLiteral("issuer"),
                              sub(QStringLiteral("https://cognito-idp.${AWS::Region}.amazonaws.com/${%1}")
                                      .arg(pool)))
                         .set(QStringLiteral("audience"), listOf({ref(client)}))));
    }
    if (!authorizers.empty())
        auth.set(QStringLiteral("Authorizers"), authorizers);
    if (!auth.empty())
        p.set(QStringLiteral("Auth"), auth);
    addResource(api, QStringLiteral("AWS::Serverless::HttpApi"), p);
}

void SamBuilder::serviceSendsToQueue(const Component &queue, const QString &service, const Value &sourceArn,
                                     int connectionIndex)
{
    resourcePolicy(queue.id).allow(service, QStringLiteral("sqs:SendMessage"), sourceArn);
    const QString key = m_ctx.text(queue, QStringLiteral("KmsMasterKeyId"));
    if (key.isEmpty() || key.startsWith(QStringLiteral("alias/aws/")))
        return;
    const QString id = queue.id + u'/' + service;
    if (m_kmsWarned.contains(id))
        return;
    m_kmsWarned.insert(id);
    warn(QStringLiteral("EXPORT-009"),
         QStringLiteral("%1 is encrypted with the KMS key '%2': %3 can send to it only if that key's "
                        "policy lets the service use the key (kms:GenerateDataKey and kms:Decrypt), and "
                        "the key is not part of the template.")
             .arg(m_ctx.describe(queue.id), key, service),
         queue.id, connectionIndex);
}

void SamBuilder::addKmsGrant(const Component &queue, const QStringList &actions, PolicySet &policies)
{
    const QString key = m_ctx.text(queue, QStringLiteral("KmsMasterKeyId"));
    if (key.isEmpty() || key.startsWith(QStringLiteral("alias/aws/")))
        return; // AWS managed keys allow every principal of the account through SQS
    Value resource;
    if (key.startsWith(QStringLiteral("arn:")) && !key.contains(QStringLiteral(":alias/")))
        resource = str(key);
    else if (!key.startsWith(QStringLiteral("alias/")) && !key.startsWith(QStringLiteral("arn:")))
        resource =
            sub(QStringLiteral("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/") + key);
    if (resource.isNull()) {
        if (!m_kmsWarned.contains(queue.id)) {
            m_kmsWarned.insert(queue.id);
            warn(QStringLiteral("EXPORT-009"),
                 QStringLiteral("%1 is encrypted with the KMS key alias '%2'; IAM policies name keys, not "
                                "aliases, so the template grants no kms:Decrypt / kms:GenerateDataKey on it: "
                                "set KmsMasterKeyId to the key's ARN or id, or grant them by hand.")
                     .arg(m_ctx.describe(queue.id), key),
                 queue.id);
        }
        return;
    }
    policies.addStatement(actions, resource);
}

void SamBuilder::buildRuleTargets(const Component &rule)
{
    std::vector<int> targets;
    for (int i : m_ctx.outgoing(rule.id, RoleTarget)) {
        if (usable(m_catalog, m_ctx, m_excluded, m_ctx.connection(i)))
            targets.push_back(i);
    }
    if (targets.empty())
        return;
    const QString name = logical(rule.id);
    const Value ruleArn = getAtt(name, QStringLiteral("Arn"));
    QString roleName;
    std::vector<Value> buses;
    std::vector<Value> list;
    for (int i : targets) {
        const Component *target = component(m_ctx.connection(i).to);
        Obj t;
        t.set(QStringLiteral("Id"), str(logical(target->id)));
        t.set(QStringLiteral("Arn"), arnOf(*target));
        if (target->kind == KindQueue) {
            serviceSendsToQueue(*target, QStringLiteral("events.amazonaws.com"), ruleArn, i);
            if (m_ctx.isFifo(*target)) {
                t.set(QStringLiteral("SqsParameters"),
                      Obj().set(QStringLiteral("MessageGroupId"), str(rule.id)));
                warn(QStringLiteral("EXPORT-005"),
                     QStringLiteral("%1 is a FIFO queue, and EventBridge needs a message group id for "
                                    "it; the template uses '%2' for every event, so they are kept in one "
                                    "ordered group.")
                         .arg(m_ctx.describe(target->id), rule.id),
                     {}, i);
            }
        } else if (target->kind == KindTopic) {
            resourcePolicy(target->id)
                .allow(QStringLiteral("events.amazonaws.com"), QStringLiteral("sns:Publish"), ruleArn);
        } else if (target->kind == KindBus) {
            if (roleName.isEmpty())
                roleName = claim(name + QStringLiteral("TargetsRole"));
            t.set(QStringLiteral("RoleArn"), getAtt(roleName, QStringLiteral("Arn")));
            buses.push_back(arnOf(*target));
        }
        list.push_back(t);
    }
    Obj p;
    p.opt(QStringLiteral("EventBusName"),
          eventBusNameValue(m_ctx.text(rule, QStringLiteral("EventBusName"))));
    const Value pattern = prop(rule, QStringLiteral("EventPattern"));
    if (pattern.isMap()) {
        p.set(QStringLiteral("EventPattern"), pattern);
    } else {
        warn(QStringLiteral("EXPORT-008"),
             QStringLiteral("%1 has no EventPattern, which EventBridge requires; the template matches "
                            "every event of this account on its bus.")
                 .arg(m_ctx.describe(rule.id)),
             rule.id);
        p.set(QStringLiteral("EventPattern"),
              Obj().set(QStringLiteral("account"), listOf({ref(QStringLiteral("AWS::AccountId"))})));
    }
    p.opt(QStringLiteral("State"), prop(rule, QStringLiteral("State")));
    p.set(QStringLiteral("Targets"), Value::list(list));
    addResource(name, QStringLiteral("AWS::Events::Rule"), p);
    if (!roleName.isEmpty()) {
        PolicySet role;
        for (const Value &bus : buses)
            role.addStatement({QStringLiteral("events:PutEvents")}, bus);
        addResource(roleName, QStringLiteral("AWS::IAM::Role"),
                    Obj()
                        .set(QStringLiteral("AssumeRolePolicyDocument"),
                             serviceTrust(QStringLiteral("events.amazonaws.com")))
                        .set(QStringLiteral("Policies"),
                             listOf({Obj()
                                         .set(QStringLiteral("PolicyName"),
                                              str(QStringLiteral("PutEventsOnTargetBuses")))
                                         .set(QStringLiteral("PolicyDocument"), role.document())})));
    }
}

/// ScheduleExpression, time zone and flexible window of a schedule, as SAM's ScheduleV2 and
/// AWS::Scheduler::Schedule both spell them. `required` adds FlexibleTimeWindow OFF when the
/// model has no mode (CloudFormation requires it; SAM defaults it).
void addScheduleTiming(Obj &p, const Value &expression, const Value &timezone, const Value &mode,
                       const Value &window, bool required)
{
    p.set(QStringLiteral("ScheduleExpression"), expression);
    p.opt(QStringLiteral("ScheduleExpressionTimezone"), timezone);
    if (mode.isNull() && !required)
        return;
    Obj flexible;
    flexible.set(QStringLiteral("Mode"), mode.isNull() ? str(QStringLiteral("OFF")) : mode);
    if (mode.text() == u"FLEXIBLE")
        flexible.opt(QStringLiteral("MaximumWindowInMinutes"), window);
    p.set(QStringLiteral("FlexibleTimeWindow"), flexible);
}

void SamBuilder::buildScheduleTargets(const Component &schedule)
{
    std::vector<int> targets;
    for (int i : m_ctx.outgoing(schedule.id, RoleTarget)) {
        if (usable(m_catalog, m_ctx, m_excluded, m_ctx.connection(i)))
            targets.push_back(i);
    }
    if (targets.empty())
        return;
    const QString name = logical(schedule.id);
    const QString roleName = claim(name + QStringLiteral("TargetsRole"));
    Value expression = prop(schedule, QStringLiteral("ScheduleExpression"));
    if (expression.isNull()) {
        warn(QStringLiteral("EXPORT-008"),
             QStringLiteral("%1 has no ScheduleExpression, which EventBridge Scheduler requires; the "
                            "template assumes rate(1 day).")
                 .arg(m_ctx.describe(schedule.id)),
             schedule.id);
        expression = str(QStringLiteral("rate(1 day)"));
    }
    PolicySet role;
    for (int i : targets) {
        const Component *target = component(m_ctx.connection(i).to);
        const QString scheduleName = claim(name + QStringLiteral("To") + logical(target->id));
        Obj t;
        t.set(QStringLiteral("Arn"), arnOf(*target));
        t.set(QStringLiteral("RoleArn"), getAtt(roleName, QStringLiteral("Arn")));
        if (target->kind == KindQueue) {
            role.addStatement({QStringLiteral("sqs:SendMessage")}, arnOf(*target));
            addKmsGrant(*target, {QStringLiteral("kms:GenerateDataKey"), QStringLiteral("kms:Decrypt")},
                        role);
            if (m_ctx.isFifo(*target)) {
                t.set(QStringLiteral("SqsParameters"),
                      Obj().set(QStringLiteral("MessageGroupId"), str(schedule.id)));
                warn(QStringLiteral("EXPORT-005"),
                     QStringLiteral("%1 is a FIFO queue, and EventBridge Scheduler needs a message group id "
                                    "for it; the template uses '%2' for every message.")
                         .arg(m_ctx.describe(target->id), schedule.id),
                     {}, i);
            }
        } else if (target->kind == KindTopic) {
            role.addStatement({QStringLiteral("sns:Publish")}, arnOf(*target));
        } else if (target->kind == KindBus) {
            role.addStatement({QStringLiteral("events:PutEvents")}, arnOf(*target));
            t.set(QStringLiteral("EventBridgeParameters"),
                  Obj()
                      .set(QStringLiteral("DetailType"), str(QStringLiteral("Scheduled Event")))
                      .set(QStringLiteral("Source"), str(QStringLiteral("eventwright.") + schedule.id)));
            warn(QStringLiteral("EXPORT-011"),
                 QStringLiteral("EventBridge Scheduler needs a detail-type and a source for the events it "
                                "puts on %1; the template uses 'Scheduled Event' and 'eventwright.%2'.")
                     .arg(m_ctx.describe(target->id), schedule.id),
                 {}, i);
        }
        Obj p;
        addScheduleTiming(p, expression, prop(schedule, QStringLiteral("ScheduleExpressionTimezone")),
                          prop(schedule, QStringLiteral("FlexibleTimeWindowMode")),
                          prop(schedule, QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes")), true);
        p.set(QStringLiteral("Target"), t);
        addResource(scheduleName, QStringLiteral("AWS::Scheduler::Schedule"), p);
    }
    addResource(
        roleName, QStringLiteral("AWS::IAM::Role"),
        Obj()
            .set(QStringLiteral("AssumeRolePolicyDocument"),
                 serviceTrust(QStringLiteral("scheduler.amazonaws.com")))
            .set(QStringLiteral("Policies"),
                 listOf({Obj()
                             .set(QStringLiteral("PolicyName"), str(QStringLiteral("DeliverToTargets")))
                             .set(QStringLiteral("PolicyDocument"), role.document())})));
}

// ------------------------------------------------------------------------------------------
// Functions

/// Event filter patterns as FilterCriteria: {Filters: [{Pattern: "<JSON>"}]}.
Value filterCriteria(const Value &patterns)
{
    if (!patterns.isList() || patterns.items().empty())
        return Value();
    std::vector<Value> filters;
    for (const Value &pattern : patterns.items()) {
        const QString text = pattern.isScalar() ? pattern.text() : json(pattern);
        filters.push_back(Obj().set(QStringLiteral("Pattern"), str(text)));
    }
    return Obj().set(QStringLiteral("Filters"), Value::list(std::move(filters)));
}

/// RetryPolicy of an EventBridge rule or schedule target, from the connection's settings.
Value retryPolicy(const Value &attempts, const Value &age)
{
    Obj r;
    r.opt(QStringLiteral("MaximumRetryAttempts"), attempts);
    r.opt(QStringLiteral("MaximumEventAgeInSeconds"), age);
    return r.empty() ? Value() : r.value();
}

void SamBuilder::addDestinationGrant(const Component &target, PolicySet &policies)
{
    if (target.kind == KindQueue) {
        policies.addStatement({QStringLiteral("sqs:SendMessage")}, arnOf(target));
        addKmsGrant(target, {QStringLiteral("kms:GenerateDataKey"), QStringLiteral("kms:Decrypt")}, policies);
    } else if (target.kind == KindTopic) {
        policies.addStatement({QStringLiteral("sns:Publish")}, arnOf(target));
    } else if (target.kind == KindBucket) {
        policies.addStatement({QStringLiteral("s3:PutObject")}, bucketObjectsArn(target));
        policies.addStatement({QStringLiteral("s3:ListBucket")}, arnOf(target));
    }
}

/// The kafka-cluster permissions a mapping needs on a cluster with IAM access control (Lambda
/// authenticates with the execution role when no secret is given); AWSLambdaMSKExecutionRole,
/// which SAM attaches, does not include them.
void SamBuilder::addKafkaGrants(const Component &cluster, const Connection &c, PolicySet &policies)
{
    const QString parameter = m_mskParameters.value(cluster.id);
    const Value clusterArn = ref(parameter);
    const Value parts =
        Obj()
            .set(QStringLiteral("ClusterName"), select(1, split(QStringLiteral("/"), clusterArn)))
            .set(QStringLiteral("ClusterUuid"), select(2, split(QStringLiteral("/"), clusterArn)));
    const QString prefix = QStringLiteral("arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:");
    policies.addStatement({QStringLiteral("kafka-cluster:Connect"),
                           QStringLiteral("kafka-cluster:DescribeClusterDynamicConfiguration")},
                          clusterArn);
    const Value topics = prop(c, QStringLiteral("Topics"));
    for (const Value &topic : topics.items()) {
        policies.addStatement(
            {QStringLiteral("kafka-cluster:DescribeTopic"), QStringLiteral("kafka-cluster:ReadData")},
            sub(prefix + QStringLiteral("topic/${ClusterName}/${ClusterUuid}/") + topic.text(), parts));
    }
    const QString group = m_ctx.text(c, QStringLiteral("ConsumerGroupId"));
    policies.addStatement(
        {QStringLiteral("kafka-cluster:AlterGroup"), QStringLiteral("kafka-cluster:DescribeGroup")},
        sub(prefix + QStringLiteral("group/${ClusterName}/${ClusterUuid}/")
                + (group.isEmpty() ? QStringLiteral("*") : group),
            parts));
}

Value SamBuilder::apiEvent(const Connection &c, int index, bool http)
{
    const ApiInfo info = m_apis.value(c.from);
    Obj p;
    if (info.explicitResource)
        p.set(http ? QStringLiteral("ApiId") : QStringLiteral("RestApiId"), ref(logical(c.from)));
    Value path = prop(c, QStringLiteral("Path"));
    Value method = prop(c, QStringLiteral("Method"));
    if (!http || !path.isNull() || !method.isNull()) { // an HTTP API route without both is $default
        if (path.isNull() || method.isNull()) {
            warn(QStringLiteral("EXPORT-008"),
                 QStringLiteral("The route %1 has no %2; the template routes %3.")
                     .arg(ValidationContext::describe(c),
                          path.isNull() && method.isNull() ? QStringLiteral("Method or Path")
                              : path.isNull()              ? QStringLiteral("Path")
                                                           : QStringLiteral("Method"),
                          path.isNull() ? QStringLiteral("every path (/{proxy+})")
                                        : QStringLiteral("every method (ANY)")),
                 {}, index);
        }
        p.set(QStringLiteral("Path"), path.isNull() ? str(QStringLiteral("/{proxy+}")) : path);
        p.set(QStringLiteral("Method"), method.isNull() ? str(QStringLiteral("ANY")) : method);
    }
    p.opt(QStringLiteral("TimeoutInMillis"), prop(c, QStringLiteral("TimeoutInMillis")));
    if (http)
        p.opt(QStringLiteral("PayloadFormatVersion"), prop(c, QStringLiteral("PayloadFormatVersion")));
    const QString auth = m_ctx.text(c, QStringLiteral("Auth"));
    QString authorizer;
    if (auth == u"AWS_IAM")
        authorizer = QStringLiteral("AWS_IAM");
    else if (auth == u"COGNITO")
        authorizer = QStringLiteral("CognitoAuthorizer");
    else if (auth == u"JWT" && http)
        authorizer = QStringLiteral("JwtAuthorizer");
    else if (auth == u"JWT") {
        authorizer = QStringLiteral("AWS_IAM");
        warn(QStringLiteral("EXPORT-004"),
             QStringLiteral("The route %1 asks for JWT authorization, which REST APIs do not have (HTTP "
                            "APIs do); the template requires AWS_IAM instead, so the route is not left "
                            "open. Use an HTTP API, a Cognito authorizer or a Lambda authorizer.")
                 .arg(ValidationContext::describe(c)),
             {}, index);
    }
    if (!authorizer.isEmpty())
        p.set(QStringLiteral("Auth"), Obj().set(QStringLiteral("Authorizer"), str(authorizer)));
    Obj event;
    event.set(QStringLiteral("Type"), str(http ? QStringLiteral("HttpApi") : QStringLiteral("Api")));
    if (!p.empty()) // an implicit HTTP API's $default route has none
        event.set(QStringLiteral("Properties"), p);
    return event;
}

Value SamBuilder::streamEvent(const Component &function, const Connection &c, int index, const QString &type,
                              PolicySet &policies)
{
    const Component &source = *component(c.from);
    const QString fn = logical(function.id);
    Obj p;
    if (type == u"Kinesis") {
        if (m_ctx.flag(c, QStringLiteral("Consumer"))) {
            const QString consumer = claim(logical(source.id) + fn + QStringLiteral("Consumer"));
            QString consumerName = function.id;
            if (m_eventNames.value(index) != logical(source.id))
                consumerName += u'-' + m_eventNames.value(index).toLower();
            addResource(
                consumer, QStringLiteral("AWS::Kinesis::StreamConsumer"),
                Obj()
                    .set(QStringLiteral("ConsumerName"), str(consumerName))
                    .set(QStringLiteral("StreamARN"), getAtt(logical(source.id), QStringLiteral("Arn"))));
            p.set(QStringLiteral("Stream"), getAtt(consumer, QStringLiteral("ConsumerARN")));
        } else {
            p.set(QStringLiteral("Stream"), getAtt(logical(source.id), QStringLiteral("Arn")));
        }
    } else if (type == u"DynamoDB") {
        p.set(QStringLiteral("Stream"), getAtt(logical(source.id), QStringLiteral("StreamArn")));
    } else {
        p.set(QStringLiteral("Stream"), ref(m_mskParameters.value(source.id)));
        const Value topics = prop(c, QStringLiteral("Topics"));
        if (!topics.isList() || topics.items().empty()) {
            warn(QStringLiteral("EXPORT-008"),
                 QStringLiteral("The Kafka trigger %1 names no topic, which Lambda requires; the template "
                                "leaves the trigger out.")
                     .arg(ValidationContext::describe(c)),
                 {}, index);
            return Value();
        }
        p.set(QStringLiteral("Topics"), topics);
        p.opt(QStringLiteral("ConsumerGroupId"), prop(c, QStringLiteral("ConsumerGroupId")));
        addKafkaGrants(source, c, policies);
    }
    Value start = prop(c, QStringLiteral("StartingPosition"));
    if (start.isNull()) {
        warn(QStringLiteral("EXPORT-008"),
             QStringLiteral("The trigger %1 has no StartingPosition, which Lambda requires; the template "
                            "assumes LATEST (only new records).")
                 .arg(ValidationContext::describe(c)),
             {}, index);
        start = str(QStringLiteral("LATEST"));
    }
    p.set(QStringLiteral("StartingPosition"), start);
    for (const char *name :
         {"StartingPositionTimestamp", "BatchSize", "MaximumBatchingWindowInSeconds", "ParallelizationFactor",
          "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
          "TumblingWindowInSeconds", "FunctionResponseTypes"})
        p.opt(QLatin1String(name), prop(c, QLatin1String(name)));
    p.opt(QStringLiteral("FilterCriteria"), filterCriteria(prop(c, QStringLiteral("FilterPatterns"))));
    if (const Component *target = named(c, QStringLiteral("OnFailure"))) {
        p.set(
            QStringLiteral("DestinationConfig"),
            Obj().set(QStringLiteral("OnFailure"), Obj().set(QStringLiteral("Destination"), arnOf(*target))));
        addDestinationGrant(*target, policies);
    }
    if (type == u"MSK")
        p.opt(QStringLiteral("ProvisionedPollerConfig"), prop(c, QStringLiteral("ProvisionedPollerConfig")));
    p.opt(QStringLiteral("Enabled"), prop(c, QStringLiteral("Enabled")));
    return Obj().set(QStringLiteral("Type"), str(type)).set(QStringLiteral("Properties"), p);
}

/// An SNS trigger with a subscription dead-letter queue: the subscription and the permission SAM
/// would generate for an SNS event, written out because SAM's schema lacks RedrivePolicy.
void SamBuilder::buildSnsSubscription(const Component &function, const Connection &c, int index)
{
    const Component *dlq = named(c, QStringLiteral("DeadLetterQueue"));
    const QString name = logical(function.id) + m_eventNames.value(index);
    const Value topic = ref(logical(c.from));
    Obj s;
    s.set(QStringLiteral("Protocol"), str(QStringLiteral("lambda")));
    s.set(QStringLiteral("Endpoint"), functionTarget(function));
    s.set(QStringLiteral("TopicArn"), topic);
    s.opt(QStringLiteral("FilterPolicy"), prop(c, QStringLiteral("FilterPolicy")));
    s.opt(QStringLiteral("FilterPolicyScope"), prop(c, QStringLiteral("FilterPolicyScope")));
    s.set(QStringLiteral("RedrivePolicy"),
          Obj().set(QStringLiteral("deadLetterTargetArn"), getAtt(logical(dlq->id), QStringLiteral("Arn"))));
    addResource(name, QStringLiteral("AWS::SNS::Subscription"), s);
    addResource(name + QStringLiteral("Permission"), QStringLiteral("AWS::Lambda::Permission"),
                Obj()
                    .set(QStringLiteral("Action"), str(QStringLiteral("lambda:InvokeFunction")))
                    .set(QStringLiteral("FunctionName"), functionTarget(function))
                    .set(QStringLiteral("Principal"), str(QStringLiteral("sns.amazonaws.com")))
                    .set(QStringLiteral("SourceArn"), topic));
    serviceSendsToQueue(*dlq, QStringLiteral("sns.amazonaws.com"), topic, index);
}

Value SamBuilder::buildEvent(const Component &function, int index, PolicySet &policies)
{
    const Connection &c = m_ctx.connection(index);
    const Component &source = *component(c.from);
    const QString eventName = m_eventNames.value(index);
    const QString kind = source.kind;
    if (kind == KindRest || kind == KindHttp)
        return apiEvent(c, index, kind == KindHttp);
    Obj p;
    QString type;
    if (kind == KindBucket) {
        type = QStringLiteral("S3");
        p.set(QStringLiteral("Bucket"), ref(logical(source.id)));
        p.set(QStringLiteral("Events"), propOrDefault(c, QStringLiteral("Events")));
        std::vector<Value> rules;
        for (const auto &[property, rule] :
             {std::pair{"FilterPrefix", "prefix"}, std::pair{"FilterSuffix", "suffix"}}) {
            const Value v = prop(c, QLatin1String(property));
            if (!v.isNull()) {
                rules.push_back(Obj()
                                    .set(QStringLiteral("Name"), str(QLatin1String(rule)))
                                    .set(QStringLiteral("Value"), v));
            }
        }
        if (!rules.empty()) {
            p.set(QStringLiteral("Filter"),
                  Obj().set(QStringLiteral("S3Key"), Obj().set(QStringLiteral("Rules"), Value::list(rules))));
        }
    } else if (kind == KindTopic) {
        if (named(c, QStringLiteral("DeadLetterQueue"))) {
            buildSnsSubscription(function, c, index);
            return Value();
        }
        type = QStringLiteral("SNS");
        p.set(QStringLiteral("Topic"), ref(logical(source.id)));
        p.opt(QStringLiteral("FilterPolicy"), prop(c, QStringLiteral("FilterPolicy")));
        p.opt(QStringLiteral("FilterPolicyScope"), prop(c, QStringLiteral("FilterPolicyScope")));
    } else if (kind == KindQueue) {
        type = QStringLiteral("SQS");
        p.set(QStringLiteral("Queue"), getAtt(logical(source.id), QStringLiteral("Arn")));
        p.opt(QStringLiteral("BatchSize"), prop(c, QStringLiteral("BatchSize")));
        p.opt(QStringLiteral("MaximumBatchingWindowInSeconds"),
              prop(c, QStringLiteral("MaximumBatchingWindowInSeconds")));
        p.opt(QStringLiteral("FunctionResponseTypes"), prop(c, QStringLiteral("FunctionResponseTypes")));
        const Value concurrency = prop(c, QStringLiteral("MaximumConcurrency"));
        if (!concurrency.isNull())
            p.set(QStringLiteral("ScalingConfig"),
                  Obj().set(QStringLiteral("MaximumConcurrency"), concurrency));
        p.opt(QStringLiteral("FilterCriteria"), filterCriteria(prop(c, QStringLiteral("FilterPatterns"))));
        p.opt(QStringLiteral("Enabled"), prop(c, QStringLiteral("Enabled")));
        if (!prop(c, QStringLiteral("ProvisionedPollerConfig")).isNull()) {
            warn(QStringLiteral("EXPORT-002"),
                 QStringLiteral("The SQS trigger %1 uses provisioned mode (ProvisionedPollerConfig), which "
                                "SAM's SQS event cannot express; the template leaves it out, so the "
                                "mapping scales on demand.")
                     .arg(ValidationContext::describe(c)),
                 {}, index);
        }
        addKmsGrant(source, {QStringLiteral("kms:Decrypt")}, policies);
    } else if (kind == KindStream) {
        return streamEvent(function, c, index, QStringLiteral("Kinesis"), policies);
    } else if (kind == KindTable) {
        return streamEvent(function, c, index, QStringLiteral("DynamoDB"), policies);
    } else if (kind == KindMsk) {
        return streamEvent(function, c, index, QStringLiteral("MSK"), policies);
    } else if (kind == KindRule) {
        type = QStringLiteral("EventBridgeRule");
        const Value pattern = prop(source, QStringLiteral("EventPattern"));
        if (pattern.isMap()) {
            p.set(QStringLiteral("Pattern"), pattern);
        } else {
            warn(QStringLiteral("EXPORT-008"),
                 QStringLiteral("%1 has no EventPattern, which EventBridge requires; the template matches "
                                "every event of this account on its bus.")
                     .arg(m_ctx.describe(source.id)),
                 {}, index);
            p.set(QStringLiteral("Pattern"),
                  Obj().set(QStringLiteral("account"), listOf({ref(QStringLiteral("AWS::AccountId"))})));
        }
        p.opt(QStringLiteral("EventBusName"),
              eventBusNameValue(m_ctx.text(source, QStringLiteral("EventBusName"))));
        const QString state = m_ctx.text(source, QStringLiteral("State"));
        if (!state.isEmpty() && state != u"ENABLED") {
            warn(QStringLiteral("EXPORT-003"),
                 QStringLiteral("%1 has State %2, which SAM's EventBridgeRule event cannot set: the rule "
                                "SAM creates for %3 is enabled.")
                     .arg(m_ctx.describe(source.id), state, m_ctx.describe(function.id)),
                 {}, index);
        }
    } else if (kind == KindSchedule) {
        type = QStringLiteral("ScheduleV2");
        Value expression = prop(source, QStringLiteral("ScheduleExpression"));
        if (expression.isNull()) {
            warn(QStringLiteral("EXPORT-008"),
                 QStringLiteral("%1 has no ScheduleExpression, which EventBridge Scheduler requires; the "
                                "template assumes rate(1 day).")
                     .arg(m_ctx.describe(source.id)),
                 {}, index);
            expression = str(QStringLiteral("rate(1 day)"));
        }
        addScheduleTiming(p, expression, prop(source, QStringLiteral("ScheduleExpressionTimezone")),
                          prop(source, QStringLiteral("FlexibleTimeWindowMode")),
                          prop(source, QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes")), false);
        // SAM names the schedule after its logical id unless told not to; a generated name lets
        // the template be deployed twice in one account and Region.
        p.set(QStringLiteral("OmitName"), boolean(true));
    }
    if (kind == KindRule || kind == KindSchedule) {
        p.opt(QStringLiteral("Input"), prop(c, QStringLiteral("Input")));
        p.opt(QStringLiteral("RetryPolicy"),
              retryPolicy(prop(c, QStringLiteral("RetryPolicyMaximumRetryAttempts")),
                          prop(c, QStringLiteral("RetryPolicyMaximumEventAgeInSeconds"))));
        if (const Component *dlq = named(c, QStringLiteral("DeadLetterQueue"))) {
            p.set(QStringLiteral("DeadLetterConfig"),
                  Obj().set(QStringLiteral("Arn"), getAtt(logical(dlq->id), QStringLiteral("Arn"))));
            if (kind == KindRule) {
                // SAM gives the rule no permission on a queue named by Arn.
                serviceSendsToQueue(*dlq, QStringLiteral("events.amazonaws.com"),
                                    getAtt(logical(function.id) + eventName, QStringLiteral("Arn")), index);
            } else {
                // SAM adds sqs:SendMessage to the role it creates for the schedule, not kms.
                const QString key = m_ctx.text(*dlq, QStringLiteral("KmsMasterKeyId"));
                if (!key.isEmpty() && !key.startsWith(QStringLiteral("alias/aws/"))) {
                    warn(QStringLiteral("EXPORT-009"),
                         QStringLiteral("%1 is encrypted with the KMS key '%2', but the role SAM creates for "
                                        "the schedule gets no kms:GenerateDataKey on it; grant it by hand.")
                             .arg(m_ctx.describe(dlq->id), key),
                         {}, index);
                }
            }
        }
    }
    return Obj().set(QStringLiteral("Type"), str(type)).set(QStringLiteral("Properties"), p);
}

void SamBuilder::addAccess(const Component &function, const Connection &c, int index, PolicySet &policies,
                           Obj &environment, const QSet<QString> &userVariables, QSet<QString> &names)
{
    const Component &target = *component(c.to);
    const QString access = m_ctx.text(c, QStringLiteral("Access"));
    const bool read = access != u"write";
    const bool write = access != u"read";
    const QString l = logical(target.id);
    QString variable;
    Value variableValue;
    if (target.kind == KindTable) {
        const QString t = read && write ? QStringLiteral("DynamoDBCrudPolicy")
            : read                      ? QStringLiteral("DynamoDBReadPolicy")
                                        : QStringLiteral("DynamoDBWritePolicy");
        policies.addTemplate(t, Obj().set(QStringLiteral("TableName"), ref(l)));
        variable = envName(target.id, QStringLiteral("TABLE"), QStringLiteral("NAME"));
        variableValue = ref(l);
    } else if (target.kind == KindBucket) {
        const QString t = read && write ? QStringLiteral("S3CrudPolicy")
            : read                      ? QStringLiteral("S3ReadPolicy")
                                        : QStringLiteral("S3WritePolicy");
        policies.addTemplate(t, Obj().set(QStringLiteral("BucketName"), nameOf(target)));
        variable = envName(target.id, QStringLiteral("BUCKET"), QStringLiteral("NAME"));
        variableValue = nameOf(target);
    } else if (target.kind == KindQueue) {
        if (read)
            policies.addTemplate(QStringLiteral("SQSPollerPolicy"),
                                 Obj().set(QStringLiteral("QueueName"), nameOf(target)));
        if (write)
            policies.addTemplate(QStringLiteral("SQSSendMessagePolicy"),
                                 Obj().set(QStringLiteral("QueueName"), nameOf(target)));
        addKmsGrant(target,
                    write ? QStringList{QStringLiteral("kms:GenerateDataKey"), QStringLiteral("kms:Decrypt")}
                          : QStringList{QStringLiteral("kms:Decrypt")},
                    policies);
        variable = envName(target.id, QStringLiteral("QUEUE"), QStringLiteral("URL"));
        variableValue = ref(l);
    } else if (target.kind == KindTopic) {
        if (write)
            policies.addTemplate(QStringLiteral("SNSPublishMessagePolicy"),
                                 Obj().set(QStringLiteral("TopicName"), nameOf(target)));
        if (read)
            policies.addStatement({QStringLiteral("sns:GetTopicAttributes")}, arnOf(target));
        variable = envName(target.id, QStringLiteral("TOPIC"), QStringLiteral("ARN"));
        variableValue = ref(l);
    } else if (target.kind == KindStream) {
        if (read)
            policies.addTemplate(QStringLiteral("KinesisStreamReadPolicy"),
                                 Obj().set(QStringLiteral("StreamName"), ref(l)));
        if (write)
            policies.addStatement({QStringLiteral("kinesis:PutRecord"), QStringLiteral("kinesis:PutRecords")},
                                  arnOf(target));
        variable = envName(target.id, QStringLiteral("STREAM"), QStringLiteral("NAME"));
        variableValue = ref(l);
    } else if (target.kind == KindBus) {
        if (write)
            policies.addTemplate(QStringLiteral("EventBridgePutEventsPolicy"),
                                 Obj().set(QStringLiteral("EventBusName"), nameOf(target)));
        if (read)
            policies.addStatement({QStringLiteral("events:DescribeEventBus")}, arnOf(target));
        variable = envName(target.id, QStringLiteral("EVENT_BUS"), QStringLiteral("NAME"));
        variableValue = nameOf(target);
    }
    if (variable.isEmpty())
        return;
    if (userVariables.contains(variable)) {
        warn(QStringLiteral("EXPORT-007"),
             QStringLiteral("%1 already has an environment variable %2, so the template does not set it "
                            "to the name of %3.")
                 .arg(m_ctx.describe(function.id), variable, m_ctx.describe(target.id)),
             {}, index);
        return;
    }
    if (names.contains(variable)) {
        if (environment.value().find(variable) && *environment.value().find(variable) != variableValue) {
            warn(QStringLiteral("EXPORT-007"),
                 QStringLiteral("Two resources that %1 accesses would both be named by the environment "
                                "variable %2; it names the first, and %3 gets none.")
                     .arg(m_ctx.describe(function.id), variable, m_ctx.describe(target.id)),
                 {}, index);
        }
        return;
    }
    names.insert(variable);
    environment.set(variable, variableValue);
}

void SamBuilder::buildFunction(const Component &f)
{
    const QString fn = logical(f.id);
    Obj p;
    p.opt(QStringLiteral("FunctionName"), prop(f, QStringLiteral("FunctionName")));
    p.opt(QStringLiteral("Description"), prop(f, QStringLiteral("Description")));
    Value code = prop(f, QStringLiteral("CodeUri"));
    if (code.isNull()) {
        code = str(QStringLiteral("src/%1/").arg(f.id));
        warn(QStringLiteral("EXPORT-008"),
             QStringLiteral("%1 has no CodeUri; the template expects its code in src/%2/.")
                 .arg(m_ctx.describe(f.id), f.id),
             f.id);
    }
    p.set(QStringLiteral("CodeUri"), code);
    Value handler = prop(f, QStringLiteral("Handler"));
    if (handler.isNull()) {
        handler = str(QStringLiteral("app.handler"));
        warn(QStringLiteral("EXPORT-008"),
             QStringLiteral("%1 has no Handler, which Lambda requires; the template assumes app.handler.")
                 .arg(m_ctx.describe(f.id)),
             f.id);
    }
    p.set(QStringLiteral("Handler"), handler);
    p.opt(QStringLiteral("Runtime"), propOrDefault(f, QStringLiteral("Runtime")));
    for (const char *name : {"Architectures", "MemorySize", "Timeout"})
        p.opt(QLatin1String(name), prop(f, QLatin1String(name)));
    const Value storage = prop(f, QStringLiteral("EphemeralStorage"));
    if (!storage.isNull())
        p.set(QStringLiteral("EphemeralStorage"), Obj().set(QStringLiteral("Size"), storage));
    p.opt(QStringLiteral("Layers"), prop(f, QStringLiteral("Layers")));
    p.opt(QStringLiteral("ReservedConcurrentExecutions"),
          prop(f, QStringLiteral("ReservedConcurrentExecutions")));
    const Value provisioned = prop(f, QStringLiteral("ProvisionedConcurrentExecutions"));
    // <Function>.Version and <Function>.Alias exist only with AutoPublishAlias: a kept resource
    // or an imported property that names them needs it.
    const bool versioned = std::any_of(m_keptReferences.cbegin(), m_keptReferences.cend(), [&fn](const QString &r) {
        return r.startsWith(fn + QStringLiteral(".Version")) || r.startsWith(fn + QStringLiteral(".Alias"));
    });
    if (!provisioned.isNull() || versioned)
        p.set(QStringLiteral("AutoPublishAlias"), str(AliasName));
    if (!provisioned.isNull()) {
        p.set(QStringLiteral("ProvisionedConcurrencyConfig"),
              Obj().set(QStringLiteral("ProvisionedConcurrentExecutions"), provisioned));
    }
    p.opt(QStringLiteral("RecursiveLoop"), prop(f, QStringLiteral("RecursiveLoop")));

    // Environment: the model's variables, then one per accessed resource.
    PolicySet policies;
    Obj variables;
    QSet<QString> userVariables;
    const Value *given = f.properties.find(QStringLiteral("Environment"));
    if (given && given->isMap()) {
        for (const MapEntry &e : given->entries()) {
            userVariables.insert(e.key);
            // An intrinsic (!Sub, !Ref, !GetAtt, !If ...) stays an intrinsic; other structures
            // become their JSON text, since a variable's value is a string.
            variables.set(e.key,
                          e.value.isIntrinsic()  ? e.value
                          : e.value.isScalar()   ? str(e.value.isPlainNull() ? QString() : e.value.text())
                          : e.value.isNull()     ? str(QString())
                                                 : str(json(e.value)));
        }
    }
    QSet<QString> names;
    for (int i : m_ctx.outgoing(f.id, RoleAccess)) {
        if (usable(m_catalog, m_ctx, m_excluded, m_ctx.connection(i)))
            addAccess(f, m_ctx.connection(i), i, policies, variables, userVariables, names);
    }
    if (!variables.empty())
        p.set(QStringLiteral("Environment"), Obj().set(QStringLiteral("Variables"), variables));

    // Function dead-letter queue (SAM grants sqs:SendMessage / sns:Publish on it).
    bool first = true;
    for (int i : m_ctx.outgoing(f.id, RoleDeadLetter)) {
        const Connection &c = m_ctx.connection(i);
        if (!usable(m_catalog, m_ctx, m_excluded, c))
            continue;
        if (!first) {
            warn(QStringLiteral("EXPORT-006"),
                 QStringLiteral("%1 already has a dead-letter queue; a function has one, so %2 is left out.")
                     .arg(m_ctx.describe(f.id), ValidationContext::describe(c)),
                 {}, i);
            continue;
        }
        first = false;
        const Component &target = *component(c.to);
        p.set(QStringLiteral("DeadLetterQueue"),
              Obj()
                  .set(QStringLiteral("Type"),
                       str(target.kind == KindQueue ? QStringLiteral("SQS") : QStringLiteral("SNS")))
                  .set(QStringLiteral("TargetArn"), arnOf(target)));
        if (target.kind == KindQueue)
            addKmsGrant(target, {QStringLiteral("kms:GenerateDataKey"), QStringLiteral("kms:Decrypt")},
                        policies);
    }

    // Asynchronous invocation: retries, event age and destinations (SAM grants the sending).
    Obj invoke;
    invoke.opt(QStringLiteral("MaximumEventAgeInSeconds"),
               prop(f, QStringLiteral("MaximumEventAgeInSeconds")));
    invoke.opt(QStringLiteral("MaximumRetryAttempts"), prop(f, QStringLiteral("MaximumRetryAttempts")));
    Obj destinations;
    for (const auto &[role, key] :
         {std::pair{&RoleOnSuccess, "OnSuccess"}, std::pair{&RoleOnFailure, "OnFailure"}}) {
        bool firstDestination = true;
        for (int i : m_ctx.outgoing(f.id, *role)) {
            const Connection &c = m_ctx.connection(i);
            if (!usable(m_catalog, m_ctx, m_excluded, c))
                continue;
            if (!firstDestination) {
                warn(QStringLiteral("EXPORT-006"),
                     QStringLiteral("%1 already has an %2 destination; Lambda takes one, so %3 is left out.")
                         .arg(m_ctx.describe(f.id), *role, ValidationContext::describe(c)),
                     {}, i);
                continue;
            }
            firstDestination = false;
            const Component &target = *component(c.to);
            const QString type = target.kind == KindQueue ? QStringLiteral("SQS")
                : target.kind == KindTopic                ? QStringLiteral("SNS")
                : target.kind == KindBus                  ? QStringLiteral("EventBridge")
                : target.kind == KindBucket               ? QStringLiteral("S3Bucket")
                                                          : QStringLiteral("Lambda");
            // A function with provisioned concurrency is invoked through its alias.
            const Value arn = target.kind == KindFunction ? functionTarget(target) : arnOf(target);
            destinations.set(
                QLatin1String(key),
                Obj().set(QStringLiteral("Type"), str(type)).set(QStringLiteral("Destination"), arn));
            if (target.kind == KindQueue)
                addKmsGrant(target, {QStringLiteral("kms:GenerateDataKey"), QStringLiteral("kms:Decrypt")},
                            policies);
        }
    }
    if (!destinations.empty())
        invoke.set(QStringLiteral("DestinationConfig"), destinations);
    if (!invoke.empty())
        p.set(QStringLiteral("EventInvokeConfig"), invoke);

    // Events (and the grants of their on-failure destinations and Kafka clusters).
    Obj events;
    for (int i : m_ctx.incoming(f.id, RoleTrigger)) {
        if (!m_eventNames.contains(i))
            continue;
        const Value e = buildEvent(f, i, policies);
        if (!e.isNull())
            events.set(m_eventNames.value(i), e);
    }
    // An imported template's own execution role, kept because a kept resource refers to it,
    // under the name SAM would give the role it creates: the function uses it (SAM would
    // otherwise fail on the duplicate id), and SAM ignores Policies next to a Role.
    const QString roleName = fn + QStringLiteral("Role");
    const Value *keptRole = m_kept.value(roleName);
    const Value *keptType = keptRole ? keptRole->find(QStringLiteral("Type")) : nullptr;
    if (keptType && keptType->isScalar() && keptType->text() == u"AWS::IAM::Role")
        p.set(QStringLiteral("Role"), getAtt(roleName, QStringLiteral("Arn")));
    else if (!policies.empty())
        p.set(QStringLiteral("Policies"), policies.value());
    if (!events.empty())
        p.set(QStringLiteral("Events"), events);
    addResource(fn, QStringLiteral("AWS::Serverless::Function"), p);
}

// ------------------------------------------------------------------------------------------
// Queue and topic policies, alarms, outputs, metadata

void SamBuilder::buildResourcePolicies()
{
    for (const auto &[id, policy] : m_resourcePolicies) {
        const Component &c = *component(id);
        const QString l = logical(id);
        if (c.kind == KindQueue) {
            addResource(claim(l + QStringLiteral("Policy")), QStringLiteral("AWS::SQS::QueuePolicy"),
                        Obj()
                            .set(QStringLiteral("Queues"), listOf({ref(l)}))
                            .set(QStringLiteral("PolicyDocument"),
                                 policy.document(getAtt(l, QStringLiteral("Arn")))));
        } else {
            addResource(claim(l + QStringLiteral("Policy")), QStringLiteral("AWS::SNS::TopicPolicy"),
                        Obj()
                            .set(QStringLiteral("Topics"), listOf({ref(l)}))
                            .set(QStringLiteral("PolicyDocument"), policy.document(ref(l))));
        }
    }
}

Value alarm(const QString &description, const QString &metricNamespace, const QString &metric,
            const QString &dimension, const Value &dimensionValue, const QString &statistic, qint64 threshold,
            const QString &comparison)
{
    return Obj()
        .set(QStringLiteral("Type"), str(QStringLiteral("AWS::CloudWatch::Alarm")))
        .set(QStringLiteral("Properties"),
             Obj()
                 .set(QStringLiteral("AlarmDescription"), str(description))
                 .set(QStringLiteral("Namespace"), str(metricNamespace))
                 .set(QStringLiteral("MetricName"), str(metric))
                 .set(QStringLiteral("Dimensions"),
                      listOf({Obj()
                                  .set(QStringLiteral("Name"), str(dimension))
                                  .set(QStringLiteral("Value"), dimensionValue)}))
                 .set(QStringLiteral("Statistic"), str(statistic))
                 .set(QStringLiteral("Period"), integer(300))
                 .set(QStringLiteral("EvaluationPeriods"), integer(1))
                 .set(QStringLiteral("Threshold"), integer(threshold))
                 .set(QStringLiteral("ComparisonOperator"), str(comparison))
                 .set(QStringLiteral("TreatMissingData"), str(QStringLiteral("notBreaching"))));
}

void SamBuilder::buildAlarms()
{
    if (!m_options.alarms)
        return;
    // Queues that receive failures, and queues that trigger functions, in project order.
    QSet<QString> failureQueues;
    QSet<QString> triggerQueues;
    auto addIfQueue = [this](QSet<QString> &set, const Component *c) {
        if (c && c->kind == KindQueue && !m_excluded.contains(c->id))
            set.insert(c->id);
    };
    for (size_t i = 0; i < m_data.connections.size(); ++i) {
        const Connection &c = m_data.connections[i];
        if (!usable(m_catalog, m_ctx, m_excluded, c))
            continue;
        if (c.role == RoleDeadLetter || c.role == RoleOnFailure)
            addIfQueue(failureQueues, component(c.to));
        if (c.role == RoleTrigger) {
            addIfQueue(failureQueues, named(c, QStringLiteral("OnFailure")));
            addIfQueue(failureQueues, named(c, QStringLiteral("DeadLetterQueue")));
            if (kindOf(c.from) == KindQueue)
                triggerQueues.insert(c.from);
        }
    }
    for (const Component &c : m_data.components) {
        const QString l = logical(c.id);
        if (c.kind == KindFunction) {
            m_resources[claim(l + QStringLiteral("ErrorsAlarm"))] =
                alarm(QStringLiteral("%1 reported errors in the last 5 minutes.").arg(m_ctx.describe(c.id)),
                      QStringLiteral("AWS/Lambda"), QStringLiteral("Errors"), QStringLiteral("FunctionName"),
                      ref(l), QStringLiteral("Sum"), 1, QStringLiteral("GreaterThanOrEqualToThreshold"));
            QStringList streams;
            for (int i : m_ctx.incoming(c.id, RoleTrigger)) {
                const Connection &t = m_ctx.connection(i);
                if (m_eventNames.contains(i) && (kindOf(t.from) == KindStream || kindOf(t.from) == KindTable))
                    streams << t.from;
            }
            if (!streams.isEmpty()) {
                // IteratorAge is published per function, not per mapping: one alarm covers all.
                m_resources[claim(l + QStringLiteral("IteratorAgeAlarm"))] =
                    alarm(QStringLiteral("%1 is more than 5 minutes behind on its stream records (%2).")
                              .arg(m_ctx.describe(c.id), streams.join(QStringLiteral(", "))),
                          QStringLiteral("AWS/Lambda"), QStringLiteral("IteratorAge"),
                          QStringLiteral("FunctionName"), ref(l), QStringLiteral("Maximum"), 300000,
                          QStringLiteral("GreaterThanThreshold"));
            }
        } else if (c.kind == KindQueue) {
            const Value queueName = getAtt(l, QStringLiteral("QueueName"));
            if (failureQueues.contains(c.id)) {
                m_resources[claim(l + QStringLiteral("MessagesVisibleAlarm"))] =
                    alarm(QStringLiteral("%1 holds failed messages or events.").arg(m_ctx.describe(c.id)),
                          QStringLiteral("AWS/SQS"), QStringLiteral("ApproximateNumberOfMessagesVisible"),
                          QStringLiteral("QueueName"), queueName, QStringLiteral("Maximum"), 1,
                          QStringLiteral("GreaterThanOrEqualToThreshold"));
            }
            if (triggerQueues.contains(c.id)) {
                const qint64 visibility =
                    qint64(m_ctx.number(c, QStringLiteral("VisibilityTimeout")).value_or(30));
                const qint64 threshold = std::max<qint64>(300, 2 * visibility);
                m_resources[claim(l + QStringLiteral("OldestMessageAgeAlarm"))] = alarm(
                    QStringLiteral("The oldest message in %1 has waited more than %2 seconds (at least 5 "
                                   "minutes, and twice the visibility timeout).")
                        .arg(m_ctx.describe(c.id))
                        .arg(threshold),
                    QStringLiteral("AWS/SQS"), QStringLiteral("ApproximateAgeOfOldestMessage"),
                    QStringLiteral("QueueName"), queueName, QStringLiteral("Maximum"), threshold,
                    QStringLiteral("GreaterThanThreshold"));
            }
        }
    }
}

void SamBuilder::buildOutputs()
{
    auto output = [this](const QString &base, const QString &description, const Value &value) {
        QString name = base;
        for (int n = 2; m_outputNames.contains(name.toLower()); ++n)
            name = base + QString::number(n);
        m_outputNames.insert(name.toLower());
        m_outputs[name] =
            Obj().set(QStringLiteral("Description"), str(description)).set(QStringLiteral("Value"), value);
    };
    const QString host = QStringLiteral("https://${%1}.execute-api.${AWS::Region}.${AWS::URLSuffix}/");
    for (const Component &c : m_data.components) {
        if (m_excluded.contains(c.id))
            continue;
        const QString l = logical(c.id);
        const QString what = m_ctx.describe(c.id);
        if (c.kind == KindRest || c.kind == KindHttp) {
            const ApiInfo info = m_apis.value(c.id);
            if (info.routes == 0 && !info.explicitResource)
                continue; // no route: SAM creates no implicit API, and a REST API is left out
            const QString api = info.explicitResource ? l
                : c.kind == KindRest                  ? QStringLiteral("ServerlessRestApi")
                                                      : QStringLiteral("ServerlessHttpApi");
            const QString stage = info.stage.isEmpty() ? QString() : info.stage + u'/';
            output(l + QStringLiteral("Url"), QStringLiteral("URL of %1").arg(what),
                   sub(host.arg(api) + stage));
        } else if (c.kind == KindFunction) {
            output(l + QStringLiteral("Arn"), QStringLiteral("ARN of %1").arg(what),
                   getAtt(l, QStringLiteral("Arn")));
        } else if (c.kind == KindQueue) {
            output(l + QStringLiteral("Url"), QStringLiteral("URL of %1").arg(what), ref(l));
        } else if (c.kind == KindTopic) {
            output(l + QStringLiteral("Arn"), QStringLiteral("ARN of %1").arg(what), ref(l));
        } else if (c.kind == KindBucket || c.kind == KindTable) {
            output(l + QStringLiteral("Name"), QStringLiteral("Name of %1").arg(what), ref(l));
        } else if (c.kind == KindStream) {
            output(l + QStringLiteral("Arn"), QStringLiteral("ARN of %1").arg(what),
                   getAtt(l, QStringLiteral("Arn")));
        } else if (c.kind == KindBus && !isDefaultBus(c)) {
            output(l + QStringLiteral("Arn"), QStringLiteral("ARN of %1").arg(what),
                   getAtt(l, QStringLiteral("Arn")));
        }
    }
}

Value coordinate(double v)
{
    return Value::number(v);
}

Value SamBuilder::metadata() const
{
    // Built as a vector with a key index: Obj::set looks its key up linearly, which made the
    // layout of n components O(n²) (100,000 components took minutes).
    std::vector<MapEntry> layout;
    QHash<QString, size_t> layoutIndex;
    layout.reserve(m_data.components.size());
    for (const Component &c : m_data.components) {
        Obj entry;
        entry.set(QStringLiteral("Id"), str(c.id));
        entry.set(QStringLiteral("Kind"), str(c.kind));
        if (c.label)
            entry.set(QStringLiteral("Label"), str(*c.label));
        if (c.position) {
            entry.set(QStringLiteral("x"), coordinate(c.position->x()));
            entry.set(QStringLiteral("y"), coordinate(c.position->y()));
        }
        const QString key = logical(c.id);
        const auto known = layoutIndex.constFind(key);
        if (known != layoutIndex.cend()) {
            layout[*known].value = entry;
        } else {
            layoutIndex.insert(key, layout.size());
            layout.push_back({key, entry});
        }
    }
    Obj eventwright;
    if (m_data.name)
        eventwright.set(QStringLiteral("Name"), str(*m_data.name));
    eventwright.set(QStringLiteral("Layout"), Value::map(std::move(layout)));
    return Obj().set(QStringLiteral("Eventwright"), eventwright);
}

QByteArray SamBuilder::write() const
{
    const YamlWriter writer;
    QString out;
    writer.writeEntry(out, QStringLiteral("AWSTemplateFormatVersion"), str(QStringLiteral("2010-09-09")), 0);
    // AWS::LanguageExtensions, when the imported template had it (SamImporter records it in
    // `unmapped-template`); it runs before the SAM transform.
    bool languageExtensions = false;
    for (const MapEntry &e : m_data.extra) {
        const Value *t = e.key == u"unmapped-template" ? e.value.find(QStringLiteral("Transform")) : nullptr;
        for (const Value &i : t ? t->items() : std::vector<Value>{})
            languageExtensions = languageExtensions || (i.isScalar() && i.text() == u"AWS::LanguageExtensions");
    }
    if (languageExtensions)
        writer.writeEntry(out, QStringLiteral("Transform"),
                          strList({QStringLiteral("AWS::LanguageExtensions"), QStringLiteral("AWS::Serverless-2016-10-31")}), 0);
    else
        writer.writeEntry(out, QStringLiteral("Transform"), str(QStringLiteral("AWS::Serverless-2016-10-31")), 0);
    if (!m_description.isEmpty())
        writer.writeEntry(out, QStringLiteral("Description"), str(m_description), 0);
    // Sections in the order a reader wants them: what is deployed (Parameters, Resources,
    // Outputs) first, the long Eventwright layout block last. Each section starts with a blank
    // line. SamImporter finds Metadata by key, wherever it stands.
    // What resources kept from an imported template need: their parameters, conditions and
    // mappings (SamImporter's `unmapped-template`).
    std::map<QString, Value> parameters = m_parameters;
    std::vector<MapEntry> sections;
    for (const MapEntry &e : m_data.extra) {
        if (e.key != u"unmapped-template" || !e.value.isMap())
            continue;
        for (const MapEntry &section : e.value.entries()) {
            if (section.key == u"Parameters") {
                for (const MapEntry &p : section.value.entries())
                    parameters.try_emplace(p.key, p.value);
            } else if ((section.key == u"Conditions" || section.key == u"Mappings") && section.value.isMap()) {
                sections.push_back(section);
            }
        }
    }
    if (!parameters.empty()) {
        out += QStringLiteral("\nParameters:\n");
        for (const auto &[name, value] : parameters)
            writer.writeEntry(out, name, value, 2);
    }
    for (const MapEntry &section : sections) {
        out += u'\n';
        writer.writeEntry(out, section.key, section.value, 0);
    }
    out += QStringLiteral("\nResources:\n");
    bool first = true;
    for (const auto &[name, value] : m_resources) {
        if (!first)
            out += u'\n';
        first = false;
        writer.writeEntry(out, name, value, 2);
    }
    // Resources an imported template had that no kind models, unchanged, sorted, after ours.
    for (const MapEntry &e : m_data.extra) {
        if (e.key != u"unmapped-resources" || !e.value.isMap())
            continue;
        std::map<QString, Value> kept;
        for (const MapEntry &r : e.value.entries()) {
            if (m_resources.count(r.key))
                continue;
            Value resource = r.value;
            // SAM's translator still accepts the legacy string form `EndpointConfiguration:
            // REGIONAL` on AWS::Serverless::Api and turns it into {Type: REGIONAL}; its published
            // schema only has the object form. Writing the object form keeps the meaning and
            // passes the schema (SAM docs, AWS::Serverless::Api EndpointConfiguration).
            const Value *type = resource.find(QStringLiteral("Type"));
            const Value *props = resource.find(QStringLiteral("Properties"));
            if (type && type->text() == u"AWS::Serverless::Api" && props && props->isMap()) {
                const Value *endpoint = props->find(QStringLiteral("EndpointConfiguration"));
                if (endpoint && endpoint->isScalar()) {
                    Value newProps = *props;
                    Value object = Value::map();
                    object.set(QStringLiteral("Type"), *endpoint);
                    newProps.set(QStringLiteral("EndpointConfiguration"), object);
                    resource.set(QStringLiteral("Properties"), newProps);
                }
            }
            splitNestedGetAtts(resource);
            kept[r.key] = resource;
        }
        for (const auto &[name, value] : kept) {
            if (!first)
                out += u'\n';
            first = false;
            writer.writeEntry(out, name, value, 2);
        }
    }
    if (!m_outputs.empty()) {
        out += QStringLiteral("\nOutputs:\n");
        for (const auto &[name, value] : m_outputs)
            writer.writeEntry(out, name, value, 2);
    }
    out += u'\n';
    writer.writeEntry(out, QStringLiteral("Metadata"), metadata(), 0);
    return out.toUtf8();
}

ExportResult SamBuilder::run()
{
    for (const MapEntry &e : m_data.extra) {
        if (e.key == u"unmapped-resources" && e.value.isMap()) {
            for (const MapEntry &r : e.value.entries()) {
                m_kept.insert(r.key, &r.value);
                referencesIn(r.value, m_keptReferences);
            }
        }
    }
    for (const Component &c : m_data.components)
        referencesIn(c.properties, m_keptReferences);
    for (const Connection &c : m_data.connections)
        referencesIn(c.properties, m_keptReferences);
    for (const Component &c : m_data.components)
        m_taken.insert(logical(c.id).toLower());
    for (const QString &r : reservedNames(m_data, m_imported))
        m_taken.insert(r.toLower());
    checkModel();
    for (const Component &c : m_data.components) {
        if (c.kind == KindMsk && !m_excluded.contains(c.id) && !m_ctx.outgoing(c.id, RoleTrigger).empty())
            m_mskParameters.insert(c.id, claim(logical(c.id) + QStringLiteral("Arn")));
    }
    planApis();
    planEvents();
    for (const Component &c : m_data.components) {
        if (m_excluded.contains(c.id))
            continue;
        if (c.kind == KindQueue)
            buildQueue(c);
        else if (c.kind == KindTopic)
            buildTopic(c);
        else if (c.kind == KindBucket)
            buildBucket(c);
        else if (c.kind == KindTable)
            buildTable(c);
        else if (c.kind == KindStream)
            buildStream(c);
        else if (c.kind == KindBus)
            buildBus(c);
        else if (c.kind == KindRest || c.kind == KindHttp)
            buildApi(c);
        else if (c.kind == KindRule)
            buildRuleTargets(c);
        else if (c.kind == KindSchedule)
            buildScheduleTargets(c);
        else if (c.kind == KindMsk && m_mskParameters.contains(c.id)) {
            const QString cluster = m_ctx.text(c, QStringLiteral("ClusterName"));
            const QString description = cluster.isEmpty()
                ? QStringLiteral("ARN of the existing Amazon MSK cluster of component '%1'; the template "
                                 "does not create it")
                      .arg(c.id)
                : QStringLiteral("ARN of the existing Amazon MSK cluster named %1 (component '%2'); the "
                                 "template does not create it")
                      .arg(cluster, c.id);
            m_parameters[m_mskParameters.value(c.id)] =
                Obj()
                    .set(QStringLiteral("Type"), str(QStringLiteral("String")))
                    .set(QStringLiteral("Description"), str(description))
                    .set(QStringLiteral("AllowedPattern"),
                         str(QStringLiteral("^arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:cluster/%1/.+")
                                 .arg(cluster.isEmpty() ? QStringLiteral("[^/]+")
                                                        : QRegularExpression::escape(cluster))));
        }
    }
    for (const Component &c : m_data.components) {
        if (c.kind == KindFunction)
            buildFunction(c);
    }
    buildResourcePolicies();
    buildAlarms();
    buildOutputs();

    m_description = m_data.description.value_or(m_data.name.value_or(QString())).trimmed();
    if (m_description.toUtf8().size() > 1024) {
        QByteArray bytes = m_description.toUtf8().left(1021);
        while (!bytes.isEmpty() && (quint8(bytes.back()) & 0xC0) == 0x80)
            bytes.chop(1); // do not cut a character in two
        if (!bytes.isEmpty() && quint8(bytes.back()) >= 0xC0)
            bytes.chop(1);
        m_description = QString::fromUtf8(bytes) + QStringLiteral("...");
        warn(QStringLiteral("EXPORT-010"),
             QStringLiteral("The project description is longer than the 1,024 bytes CloudFormation allows "
                            "for a template description; the template keeps its first 1,021 bytes."),
             {});
    }

    ExportResult result;
    result.files.append({QStringLiteral("template.yaml"), write()});
    result.diagnostics = m_diagnostics;
    return result;
}

} // namespace

ExportResult SamExporter::exportDiagram(const DiagramData &data, const Catalog &catalog,
                                        const ExportOptions &options) const
{
    return SamBuilder(data, catalog, options).run();
}

} // namespace ew::core

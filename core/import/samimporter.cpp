// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/samimporter.h"

#include "core/model/wellknown.h"
#include "core/model/logicalnames.h"
#include "core/io/yamlreader.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace ew::core {
namespace {

using namespace wellknown;


// ------------------------------------------------------------------------------------------
// Template text → Value, with CloudFormation's tags turned into their long forms.

class TemplateConverter
{
public:
    QList<Diagnostic> *notes = nullptr;
    YamlError error;

    std::optional<Value> convert(const YAML::Node &node, int depth)
    {
        if (--m_budget < 0) {
            error.position = positionOf(node);
            error.message = QStringLiteral(
                "the template expands to too many values (alias expansion?); refusing to read it");
            return std::nullopt;
        }
        if (depth > 400) {
            error.position = positionOf(node);
            error.message = QStringLiteral("the template is nested too deeply");
            return std::nullopt;
        }
        std::optional<Value> v = plain(node, depth);
        if (!v)
            return v;
        const std::string &tag = node.Tag();
        if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
            const QString name = QString::fromStdString(tag.substr(1));
            const QString key = name == u"Ref" || name == u"Condition" ? name : QStringLiteral("Fn::") + name;
            return Value::map({{key, *v}});
        }
        return v;
    }

private:
    std::optional<Value> plain(const YAML::Node &node, int depth)
    {
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return Value();
        case YAML::NodeType::Scalar:
            return Value::scalar(yamlScalar(node), isQuoted(node));
        case YAML::NodeType::Sequence: {
            std::vector<Value> items;
            for (const YAML::Node &child : node) {
                std::optional<Value> v = convert(child, depth + 1);
                if (!v)
                    return std::nullopt;
                items.push_back(std::move(*v));
            }
            return Value::list(std::move(items));
        }
        case YAML::NodeType::Map: {
            Value map = Value::map();
            std::vector<Value> merges;
            for (auto it = node.begin(); it != node.end(); ++it) {
                const YAML::Node key = it->first;
                if (!key.IsScalar()) {
                    note(positionOf(key), QStringLiteral("a mapping key that is not a string was left out"));
                    continue;
                }
                const QString k = yamlScalar(key);
                std::optional<Value> v = convert(it->second, depth + 1);
                if (!v)
                    return std::nullopt;
                if (k == u"<<" && !isQuoted(key)) { // YAML 1.1 merge key: explicit keys win
                    merges.push_back(*v);
                    continue;
                }
                if (map.find(k)) {
                    note(positionOf(key),
                         QStringLiteral("duplicate key '%1': the last one is kept, as CloudFormation does")
                             .arg(k));
                    map.remove(k);
                }
                map.set(k, *v);
            }
            for (const Value &m : merges) {
                const std::vector<Value> sources = m.isList() ? m.items() : std::vector<Value>{m};
                for (const Value &src : sources) {
                    for (const MapEntry &e : src.entries()) {
                        if (!map.find(e.key))
                            map.set(e.key, e.value);
                    }
                }
            }
            return map;
        }
        }
        return Value();
    }

    void note(TextPosition p, const QString &message)
    {
        if (!notes)
            return;
        Diagnostic d;
        d.rule = QStringLiteral("IMPORT-YAML");
        d.severity = Severity::Warning;
        d.message = p.line > 0 ? QStringLiteral("line %1, column %2: %3").arg(p.line).arg(p.column).arg(message)
                               : message;
        notes->append(d);
    }

    int m_budget = 2'000'000;
};

// ------------------------------------------------------------------------------------------
// Helpers on Values

QString text(const Value *v)
{
    return v && v->isScalar() ? v->text() : QString();
}

const Value *at(const Value &v, std::initializer_list<const char *> path)
{
    const Value *cur = &v;
    for (const char *k : path) {
        cur = cur->find(QLatin1String(k));
        if (!cur)
            return nullptr;
    }
    return cur;
}


/// Names used in ${...} of a Sub string (without attributes; not ${!literal}).
void subNames(const QString &s, QStringList &out)
{
    static const QRegularExpression re(QStringLiteral("\\$\\{([^!}][^}]*)\\}"));
    auto it = re.globalMatch(s);
    while (it.hasNext()) {
        const QString name = it.next().captured(1).trimmed().section(u'.', 0, 0);
        if (!name.startsWith(QStringLiteral("AWS::")) && !out.contains(name))
            out << name;
    }
}

/// Logical ids a value refers to (Ref, GetAtt, Sub), in order of appearance.
void refsIn(const Value &v, QStringList &out, int depth = 0)
{
    if (depth > 200)
        return;
    if (v.isList()) {
        for (const Value &i : v.items())
            refsIn(i, out, depth + 1);
        return;
    }
    if (!v.isMap())
        return;
    if (v.entries().size() == 1) {
        const QString &k = v.entries().front().key;
        const Value &arg = v.entries().front().value;
        auto add = [&out](const QString &name) {
            if (!name.isEmpty() && !name.startsWith(QStringLiteral("AWS::")) && !out.contains(name))
                out << name;
        };
        if (k == u"Ref") {
            add(arg.text().section(u'.', 0, 0));
            return;
        }
        if (k == u"Fn::GetAtt") {
            if (arg.isScalar())
                add(arg.text().section(u'.', 0, 0));
            else if (arg.isList() && !arg.items().empty())
                add(arg.items().front().text());
            return;
        }
        if (k == u"Fn::Sub") {
            if (arg.isScalar()) {
                subNames(arg.text(), out);
            } else if (arg.isList() && !arg.items().empty()) {
                QStringList names;
                subNames(arg.items().front().text(), names);
                const Value vars = arg.items().size() > 1 ? arg.items()[1] : Value::map();
                for (const QString &n : names) {
                    if (!vars.find(n))
                        add(n);
                }
                if (arg.items().size() > 1)
                    refsIn(arg.items()[1], out, depth + 1);
            }
            return;
        }
    }
    for (const MapEntry &e : v.entries())
        refsIn(e.value, out, depth + 1);
}

QStringList refs(const Value &v)
{
    QStringList out;
    refsIn(v, out);
    return out;
}

/// "OrdersQueue" → "orders-queue".
QString idFromLogical(const QString &logical)
{
    QString out;
    for (int i = 0; i < logical.size(); ++i) {
        const QChar c = logical[i];
        if (c.isUpper()) {
            const bool prevLower = i > 0 && (logical[i - 1].isLower() || logical[i - 1].isDigit());
            const bool nextLower = i + 1 < logical.size() && logical[i + 1].isLower();
            const bool prevUpper = i > 0 && logical[i - 1].isUpper();
            if (!out.isEmpty() && !out.endsWith(u'-') && (prevLower || (prevUpper && nextLower)))
                out += u'-';
            out += c.toLower();
        } else if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c.toLower();
        } else if (!out.isEmpty() && !out.endsWith(u'-')) {
            out += u'-';
        }
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    if (out.isEmpty())
        out = QStringLiteral("resource");
    return out.left(63);
}

Value jsonToValue(const QJsonValue &j)
{
    if (j.isObject()) {
        Value m = Value::map();
        const QJsonObject o = j.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            m.set(it.key(), jsonToValue(it.value()));
        return m;
    }
    if (j.isArray()) {
        std::vector<Value> items;
        for (const QJsonValue &i : j.toArray())
            items.push_back(jsonToValue(i));
        return Value::list(std::move(items));
    }
    if (j.isString())
        return Value::string(j.toString());
    if (j.isBool())
        return Value::boolean(j.toBool());
    if (j.isDouble()) {
        const double d = j.toDouble();
        if (d == double(qint64(d)))
            return Value::integer(qint64(d));
        return Value::number(d);
    }
    return Value();
}

/// A filter pattern: JSON text becomes a map, other text stays as written.
Value patternValue(const Value &p)
{
    if (!p.isScalar())
        return p;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(p.text().toUtf8(), &err);
    if (err.error == QJsonParseError::NoError && doc.isObject())
        return jsonToValue(doc.object());
    return p;
}

QString accessName(int bits)
{
    return bits == 1 ? QStringLiteral("read") : bits == 2 ? QStringLiteral("write") : QStringLiteral("read-write");
}

// ------------------------------------------------------------------------------------------

/// Renames logical ids in Ref, GetAtt, Sub and DependsOn (for resources kept as they were,
/// whose neighbours the exporter names after their component ids).
void renameRefs(Value &v, const QHash<QString, QString> &names, int depth = 0)
{
    if (depth > 200 || names.isEmpty())
        return;
    auto renamed = [&names](const QString &s) {
        const QString head = s.section(u'.', 0, 0);
        return names.contains(head) ? names.value(head) + s.mid(head.size()) : s;
    };
    auto renameSub = [&names](QString s) {
        static const QRegularExpression re(QStringLiteral("\\$\\{([A-Za-z0-9]+)([.}])"));
        QString out;
        qsizetype last = 0;
        auto it = re.globalMatch(s);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out += s.mid(last, m.capturedStart(1) - last);
            out += names.value(m.captured(1), m.captured(1));
            last = m.capturedEnd(1);
        }
        return out + s.mid(last);
    };
    if (v.isList()) {
        for (Value &i : v.items())
            renameRefs(i, names, depth + 1);
        return;
    }
    if (!v.isMap())
        return;
    if (v.entries().size() == 1) {
        MapEntry &e = v.entries().front();
        if ((e.key == u"Ref" || e.key == u"Fn::GetAtt") && e.value.isScalar()) {
            e.value = Value::scalar(renamed(e.value.text()), e.value.isQuoted());
            return;
        }
        if (e.key == u"Fn::GetAtt" && e.value.isList() && !e.value.items().empty() && e.value.items()[0].isScalar()) {
            Value &first = e.value.items()[0];
            first = Value::scalar(renamed(first.text()), first.isQuoted());
            return;
        }
        if (e.key == u"Fn::Sub") {
            Value *str = e.value.isScalar() ? &e.value : e.value.isList() && !e.value.items().empty() ? &e.value.items()[0] : nullptr;
            if (str && str->isScalar())
                *str = Value::scalar(renameSub(str->text()), str->isQuoted());
            if (e.value.isList() && e.value.items().size() > 1)
                renameRefs(e.value.items()[1], names, depth + 1);
            return;
        }
    }
    for (MapEntry &e : v.entries()) {
        if (e.key == u"DependsOn" && depth == 0) {
            if (e.value.isScalar())
                e.value = Value::scalar(renamed(e.value.text()), e.value.isQuoted());
            for (Value &i : e.value.items())
                if (i.isScalar())
                    i = Value::scalar(renamed(i.text()), i.isQuoted());
            continue;
        }
        renameRefs(e.value, names, depth + 1);
    }
}

class Importer
{
public:
    Importer(const Value &root, const Catalog &catalog, ImportResult &result)
        : m_root(root), m_catalog(catalog), m_result(result)
    {
    }
    void run();

private:
    struct Res
    {
        QString type;
        Value props = Value::map();
        const Value *whole = nullptr;
    };

    void note(const QString &message, const QString &component = {})
    {
        Diagnostic d;
        d.rule = QStringLiteral("IMPORT");
        d.severity = Severity::Warning;
        d.message = message;
        d.component = component;
        m_result.notes.append(d);
    }

    QString uniqueId(const QString &base)
    {
        QString id = base;
        for (int n = 2; m_usedIds.contains(id); ++n)
            id = base.left(60) + u'-' + QString::number(n);
        m_usedIds.insert(id);
        return id;
    }
    Component *addComponent(const QString &logical, const QString &kind, const QString &idHint = {});
    Component *comp(const QString &logical)
    {
        const auto it = m_index.find(logical);
        return it == m_index.end() ? nullptr : &m_data.components[it.value()];
    }
    QString kindOf(const QString &logical)
    {
        Component *c = comp(logical);
        return c ? c->kind : QString();
    }
    /// The component a value refers to (first reference that is one), following aliases.
    QString target(const Value &v, const QStringList &kinds = {});
    /// A source component for a trigger: a resource, a parameter (external) or an ARN.
    QString source(const Value &v, const QString &kind, const QString &hint);
    QString externalFor(const QString &key, const QString &kind, const QString &label);
    Connection &connect(const QString &fromLogical, const QString &toLogical, const QString &role,
                        const Value &props = Value::map());
    void addAccess(const QString &fn, const QString &target, int bits, bool fromPolicy);

    void createComponents();
    void componentProperties(const QString &logical, const Res &r, Component &c);
    void functionEvents(const QString &fn, const Res &r);
    void functionSettings(const QString &fn, const Res &r);
    void functionPolicies(const QString &fn, const Res &r);
    void statements(const QString &fn, const Value &document);
    void pollProperties(const Value &p, Value &out, const QString &fn);
    void standalone(const QString &logical, const Res &r);
    QString functionOf(const Value &v) { return target(v, {KindFunction}); }
    QString apiPath(const QString &resourceLogical, int depth = 0);
    void definitionBody(const QString &api, const Value &body, const QString &kind);

    const Value &m_root;
    const Catalog &m_catalog;
    ImportResult &m_result;
    DiagramData m_data;
    std::map<QString, Res> m_resources;
    QStringList m_order;
    QHash<QString, int> m_index;          // logical id → component index
    QHash<QString, QString> m_alias;      // logical id of a helper → component logical id
    QSet<QString> m_usedIds;
    QSet<QString> m_consumed;
    QHash<QString, Value> m_layout;
    QHash<QString, QString> m_externals;  // key → logical
    Value m_parameters = Value::map();
    QHash<QString, QSet<QString>> m_destinations; // fn → components it sends to by SAM's grants
    struct AccessInfo
    {
        int bits = 0;
        bool policy = false;
    };
    std::map<std::pair<QString, QString>, AccessInfo> m_access;
    std::vector<std::pair<QString, QString>> m_accessOrder;
    int m_externalCount = 0;
};

Component *Importer::addComponent(const QString &logical, const QString &kind, const QString &idHint)
{
    if (Component *existing = comp(logical))
        return existing;
    Component c;
    c.kind = kind;
    const Value layout = m_layout.value(logical);
    const QString layoutId = text(layout.find(QStringLiteral("Id")));
    if (!layoutId.isEmpty() && ProjectSerializer::isValidId(layoutId) && !m_usedIds.contains(layoutId)) {
        c.id = layoutId;
        m_usedIds.insert(layoutId);
    } else {
        c.id = uniqueId(idHint.isEmpty() ? idFromLogical(logical) : idHint);
    }
    if (layout.isMap()) {
        if (const Value *label = layout.find(QStringLiteral("Label")))
            c.label = label->text();
        const Value *x = layout.find(QStringLiteral("x"));
        const Value *y = layout.find(QStringLiteral("y"));
        if (x && y && x->toNumber() && y->toNumber())
            c.position = QPointF(*x->toNumber(), *y->toNumber());
    } else {
        c.label = logical;
    }
    m_index.insert(logical, int(m_data.components.size()));
    m_data.components.push_back(c);
    return &m_data.components.back();
}

QString Importer::target(const Value &v, const QStringList &kinds)
{
    for (QString name : refs(v)) {
        name = m_alias.value(name, name);
        if (Component *c = comp(name)) {
            if (kinds.isEmpty() || kinds.contains(c->kind))
                return name;
        }
    }
    // A bucket named by text (BucketName literal, or the exporter's <id>-${Suffix} form).
    QString s = v.isScalar() ? v.text() : QString();
    if (const Value *sub = v.find(QStringLiteral("Fn::Sub")))
        s = sub->isScalar() ? sub->text() : sub->isList() && !sub->items().empty() ? sub->items()[0].text() : QString();
    if (!s.isEmpty() && (kinds.isEmpty() || kinds.contains(KindBucket))) {
        s.remove(QRegularExpression(QStringLiteral("^arn:[^:]*:s3:::")));
        if (s.endsWith(QStringLiteral("/*")))
            s.chop(2);
        for (auto it = m_index.begin(); it != m_index.end(); ++it) {
            const Component &c = m_data.components[it.value()];
            if (c.kind != KindBucket)
                continue;
            const QString given = text(c.properties.find(QStringLiteral("BucketName")));
            QString base = c.id.left(50);
            while (base.endsWith(u'-'))
                base.chop(1);
            if ((!given.isEmpty() && given == s) || s == base + QStringLiteral("-${Suffix}"))
                return it.key();
        }
    }
    return {};
}

QString Importer::externalFor(const QString &key, const QString &kind, const QString &label)
{
    if (m_externals.contains(key + u'|' + kind))
        return m_externals.value(key + u'|' + kind);
    QString logical = key;
    while (m_index.contains(logical) || m_resources.count(logical))
        logical = key + QString::number(++m_externalCount);
    Component *c = addComponent(logical, kind);
    c->label = label;
    m_externals.insert(key + u'|' + kind, logical);
    return logical;
}

QString Importer::source(const Value &v, const QString &kind, const QString &hint)
{
    const QString t = target(v, {kind});
    if (!t.isEmpty())
        return t;
    for (const QString &name : refs(v)) {
        if (m_parameters.find(name)) {
            // The exporter's MSK parameter <Cluster>Arn names a cluster kept in the layout.
            if (name.endsWith(QStringLiteral("Arn")) && comp(name.chopped(3)) && kindOf(name.chopped(3)) == kind) {
                Component *c = comp(name.chopped(3));
                static const QRegularExpression cluster(QStringLiteral(":cluster/(.+)/\\.\\+$"));
                const QRegularExpressionMatch m =
                    cluster.match(text(at(*m_parameters.find(name), {"AllowedPattern"})));
                QString clusterName = m.captured(1);
                if (kind == KindMsk && m.hasMatch() && clusterName != u"[^/]+"
                    && !c->properties.find(QStringLiteral("ClusterName"))) {
                    clusterName.remove(QRegularExpression(QStringLiteral("\\\\(?=.)")));
                    c->properties.set(QStringLiteral("ClusterName"), Value::string(clusterName));
                }
                return name.chopped(3);
            }
            return externalFor(name, kind, QStringLiteral("external (parameter %1)").arg(name));
        }
    }
    const QString arn = v.isScalar() ? v.text() : QString();
    if (!arn.isEmpty()) {
        QString name = arn.section(u':', -1).section(u'/', -1);
        if (name.isEmpty())
            name = hint;
        return externalFor(name, kind, QStringLiteral("external (%1)").arg(arn));
    }
    return externalFor(hint, kind, QStringLiteral("external (%1)").arg(v.display()));
}

Connection &Importer::connect(const QString &fromLogical, const QString &toLogical, const QString &role,
                              const Value &props)
{
    Connection c;
    c.from = comp(fromLogical)->id;
    c.to = comp(toLogical)->id;
    c.role = role;
    c.properties = props.isMap() ? props : Value::map();
    m_data.connections.push_back(c);
    return m_data.connections.back();
}

void Importer::addAccess(const QString &fn, const QString &targetLogical, int bits, bool fromPolicy)
{
    static const QStringList accessible = {KindTable, KindBucket, KindQueue, KindTopic, KindStream, KindBus};
    if (!accessible.contains(kindOf(targetLogical)) || kindOf(fn) != KindFunction)
        return;
    const auto key = std::pair{fn, targetLogical};
    auto it = m_access.find(key);
    if (it == m_access.end()) {
        m_access[key] = {bits, fromPolicy};
        m_accessOrder.push_back(key);
        return;
    }
    if (fromPolicy && !it->second.policy)
        it->second = {bits, true};
    else if (fromPolicy || !it->second.policy)
        it->second.bits |= bits;
}

// ------------------------------------------------------------------------------------------

QString kindForType(const QString &type, const Value &props)
{
    if (type == u"AWS::Serverless::Function" || type == u"AWS::Lambda::Function")
        return KindFunction;
    if (type == u"AWS::SQS::Queue")
        return KindQueue;
    if (type == u"AWS::SNS::Topic")
        return KindTopic;
    if (type == u"AWS::S3::Bucket")
        return KindBucket;
    if (type == u"AWS::DynamoDB::Table" || type == u"AWS::Serverless::SimpleTable")
        return KindTable;
    if (type == u"AWS::Kinesis::Stream")
        return KindStream;
    if (type == u"AWS::Events::EventBus")
        return KindBus;
    if (type == u"AWS::MSK::Cluster" || type == u"AWS::MSK::ServerlessCluster")
        return KindMsk;
    if (type == u"AWS::Serverless::Api" || type == u"AWS::ApiGateway::RestApi")
        return KindRest;
    if (type == u"AWS::Serverless::HttpApi")
        return KindHttp;
    if (type == u"AWS::ApiGatewayV2::Api")
        return text(props.find(QStringLiteral("ProtocolType"))) == u"WEBSOCKET" ? QString() : KindHttp;
    if (type == u"AWS::Events::Rule")
        return props.find(QStringLiteral("ScheduleExpression")) ? KindSchedule : KindRule;
    return {};
}

/// Copies a setting whatever its form, an intrinsic function included (a schedule expression
/// given as !Ref of a parameter, !If, !Sub ...); rules skip values they cannot know.
void copyAny(const Value &from, const char *name, Value &to)
{
    if (const Value *v = from.find(QLatin1String(name)); v && !v->isPlainNull())
        to.set(QLatin1String(name), *v);
}

void copyScalar(const Value &from, const char *name, Value &to, const char *as = nullptr)
{
    const Value *v = from.find(QLatin1String(name));
    if (v && (v->isScalar() || v->isList() || (v->isMap() && !v->isIntrinsic())))
        to.set(QLatin1String(as ? as : name), *v);
}

void Importer::componentProperties(const QString &logical, const Res &r, Component &c)
{
    const Value &p = r.props;
    Value &out = c.properties;
    if (c.kind == KindQueue) {
        for (const char *n : {"QueueName", "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope",
                              "FifoThroughputLimit", "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
                              "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "KmsMasterKeyId"})
            copyScalar(p, n, out);
    } else if (c.kind == KindTopic) {
        copyScalar(p, "TopicName", out);
        copyScalar(p, "FifoTopic", out);
    } else if (c.kind == KindBucket) {
        if (const Value *n = p.find(QStringLiteral("BucketName")); n && n->isScalar())
            out.set(QStringLiteral("BucketName"), *n);
    } else if (c.kind == KindTable) {
        copyScalar(p, "TableName", out);
        auto typeOf = [&p](const QString &attr) {
            if (const Value *defs = p.find(QStringLiteral("AttributeDefinitions")); defs && defs->isList()) {
                for (const Value &d : defs->items()) {
                    if (text(d.find(QStringLiteral("AttributeName"))) == attr)
                        return text(d.find(QStringLiteral("AttributeType")));
                }
            }
            return QStringLiteral("S");
        };
        if (const Value *keys = p.find(QStringLiteral("KeySchema")); keys && keys->isList()) {
            for (const Value &k : keys->items()) {
                const QString name = text(k.find(QStringLiteral("AttributeName")));
                const QString type = text(k.find(QStringLiteral("KeyType")));
                if (name.isEmpty())
                    continue;
                out.set(type == u"RANGE" ? QStringLiteral("SortKey") : QStringLiteral("PartitionKey"),
                        Value::string(name + u':' + typeOf(name)));
            }
        }
        // SimpleTable without PrimaryKey: SAM creates the key id (String)
        // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html).
        if (r.type == u"AWS::Serverless::SimpleTable" && !p.find(QStringLiteral("PrimaryKey")))
            out.set(QStringLiteral("PartitionKey"), Value::string(QStringLiteral("id:S")));
        if (const Value *pk = p.find(QStringLiteral("PrimaryKey"))) { // SimpleTable
            const QString type = text(pk->find(QStringLiteral("Type")));
            const QString t = type == u"Number" ? QStringLiteral("N") : type == u"Binary" ? QStringLiteral("B") : QStringLiteral("S");
            out.set(QStringLiteral("PartitionKey"), Value::string(text(pk->find(QStringLiteral("Name"))) + u':' + t));
        }
        if (r.type == u"AWS::Serverless::SimpleTable" && !p.find(QStringLiteral("ProvisionedThroughput")))
            out.set(QStringLiteral("BillingMode"), Value::string(QStringLiteral("PAY_PER_REQUEST")));
        copyScalar(p, "BillingMode", out);
        if (const Value *pt = p.find(QStringLiteral("ProvisionedThroughput"))) {
            copyScalar(*pt, "ReadCapacityUnits", out);
            copyScalar(*pt, "WriteCapacityUnits", out);
        }
        if (const Value *view = at(p, {"StreamSpecification", "StreamViewType"}))
            out.set(QStringLiteral("StreamViewType"), *view);
        // Streaming to Kinesis (KinesisStreamSpecification) is no connection role of the
        // catalog: say so rather than drop the wire silently.
        if (const Value *arn = at(p, {"KinesisStreamSpecification", "StreamArn"}))
            note(QStringLiteral("%1: the Kinesis streaming destination (KinesisStreamSpecification, %2) is not drawn")
                     .arg(logical, arn->display()), c.id);
    } else if (c.kind == KindStream) {
        copyScalar(p, "Name", out);
        copyScalar(p, "ShardCount", out);
        if (const Value *mode = at(p, {"StreamModeDetails", "StreamMode"}))
            out.set(QStringLiteral("StreamModeDetails"), *mode);
        copyScalar(p, "RetentionPeriodHours", out);
    } else if (c.kind == KindBus) {
        copyScalar(p, "Name", out);
    } else if (c.kind == KindMsk) {
        copyScalar(p, "ClusterName", out);
    } else if (c.kind == KindRest || c.kind == KindHttp) {
        if (r.type.startsWith(QStringLiteral("AWS::Serverless::")))
            copyScalar(p, "StageName", out);
        if (p.find(QStringLiteral("Cors")) || p.find(QStringLiteral("CorsConfiguration")))
            out.set(QStringLiteral("Cors"), Value::boolean(true));
        if (p.find(QStringLiteral("DefinitionUri")))
            note(QStringLiteral("%1: DefinitionUri is recorded, not followed; routes defined there are not imported")
                     .arg(logical), c.id);
    } else if (c.kind == KindRule) {
        if (const Value *pattern = p.find(QStringLiteral("EventPattern")))
            out.set(QStringLiteral("EventPattern"), patternValue(*pattern));
        copyScalar(p, "State", out);
    } else if (c.kind == KindSchedule) {
        copyAny(p, "ScheduleExpression", out);
        copyScalar(p, "ScheduleExpressionTimezone", out);
        if (const Value *mode = at(p, {"FlexibleTimeWindow", "Mode"}))
            out.set(QStringLiteral("FlexibleTimeWindowMode"), *mode);
        if (const Value *w = at(p, {"FlexibleTimeWindow", "MaximumWindowInMinutes"}))
            out.set(QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes"), *w);
    } else if (c.kind == KindFunction) {
        for (const char *n : {"FunctionName", "Description", "Runtime", "Handler", "CodeUri", "Architectures",
                              "MemorySize", "Timeout", "Layers", "ReservedConcurrentExecutions", "RecursiveLoop"})
            copyScalar(p, n, out);
        // SAM's CodeUri may be an S3 location object; with literal parts it is the s3:// URI
        // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functioncode.html).
        if (const Value *uri = p.find(QStringLiteral("CodeUri")); uri && uri->isMap() && !uri->isIntrinsic()) {
            const Value *bucket = uri->find(QStringLiteral("Bucket"));
            const Value *key = uri->find(QStringLiteral("Key"));
            if (bucket && key && bucket->isScalar() && key->isScalar() && !uri->find(QStringLiteral("Version")))
                out.set(QStringLiteral("CodeUri"), Value::string(QStringLiteral("s3://%1/%2").arg(bucket->text(), key->text())));
        }
        if (r.type == u"AWS::Lambda::Function") {
            if (const Value *code = p.find(QStringLiteral("Code"))) {
                if (const Value *key = code->find(QStringLiteral("S3Key")); key && key->isScalar())
                    out.set(QStringLiteral("CodeUri"), *key);
                else if (const Value *uri = code->find(QStringLiteral("ImageUri")); uri && uri->isScalar())
                    out.set(QStringLiteral("CodeUri"), *uri);
            }
        }
        if (const Value *size = at(p, {"EphemeralStorage", "Size"}))
            out.set(QStringLiteral("EphemeralStorage"), *size);
        if (const Value *pc = at(p, {"ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"}))
            out.set(QStringLiteral("ProvisionedConcurrentExecutions"), *pc);
        if (const Value *inv = p.find(QStringLiteral("EventInvokeConfig"))) {
            copyScalar(*inv, "MaximumEventAgeInSeconds", out);
            copyScalar(*inv, "MaximumRetryAttempts", out);
        }
    }
}

void Importer::createComponents()
{
    for (const QString &logical : m_order) {
        const Res &r = m_resources[logical];
        const QString kind = kindForType(r.type, r.props);
        if (kind.isEmpty() || !m_catalog.kind(kind))
            continue;
        Component *c = addComponent(logical, kind);
        componentProperties(logical, r, *c);
    }
    // Components of the layout that have no resource of their own: implicit APIs, MSK
    // clusters named by a parameter, rules and schedules written as function events, the
    // default event bus.
    const Value *layout = at(m_root, {"Metadata", "Eventwright", "Layout"});
    if (layout && layout->isMap()) {
        for (const MapEntry &e : layout->entries()) {
            const QString kind = text(e.value.find(QStringLiteral("Kind")));
            if (m_resources.count(e.key) || comp(e.key) || !m_catalog.kind(kind))
                continue;
            Component *c = addComponent(e.key, kind);
            if (kind == KindBus)
                c->properties.set(QStringLiteral("Name"), Value::string(QStringLiteral("default")));
        }
    }
}

// ------------------------------------------------------------------------------------------
// Connections

void Importer::pollProperties(const Value &p, Value &out, const QString &fn)
{
    for (const char *n : {"StartingPosition", "StartingPositionTimestamp", "BatchSize", "MaximumBatchingWindowInSeconds",
                          "ParallelizationFactor", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds",
                          "BisectBatchOnFunctionError", "TumblingWindowInSeconds", "FunctionResponseTypes", "Topics",
                          "ConsumerGroupId"})
        copyScalar(p, n, out);
    if (const Value *g = at(p, {"AmazonManagedKafkaEventSourceConfig", "ConsumerGroupId"}))
        out.set(QStringLiteral("ConsumerGroupId"), *g);
    if (const Value *mc = at(p, {"ScalingConfig", "MaximumConcurrency"}))
        out.set(QStringLiteral("MaximumConcurrency"), *mc);
    if (const Value *filters = at(p, {"FilterCriteria", "Filters"}); filters && filters->isList()) {
        std::vector<Value> patterns;
        for (const Value &f : filters->items()) {
            if (const Value *pattern = f.find(QStringLiteral("Pattern")))
                patterns.push_back(patternValue(*pattern));
        }
        if (!patterns.empty())
            out.set(QStringLiteral("FilterPatterns"), Value::list(patterns));
    }
    if (const Value *dest = at(p, {"DestinationConfig", "OnFailure", "Destination"})) {
        const QString t = target(*dest);
        if (!t.isEmpty()) {
            out.set(QStringLiteral("OnFailure"), Value::string(comp(t)->id));
            m_destinations[fn].insert(t);
        }
    }
    copyScalar(p, "ProvisionedPollerConfig", out);
    copyScalar(p, "Enabled", out);
}

QString authOf(const QString &authorizer, const Value *apiAuth)
{
    if (authorizer.isEmpty() || authorizer == u"NONE")
        return {};
    if (authorizer == u"AWS_IAM")
        return authorizer;
    const Value *def = apiAuth ? at(*apiAuth, {"Authorizers"}) : nullptr;
    const Value *a = def ? def->find(authorizer) : nullptr;
    if (authorizer.contains(QStringLiteral("Cognito"), Qt::CaseInsensitive) || (a && a->find(QStringLiteral("UserPoolArn"))))
        return QStringLiteral("COGNITO");
    if (a && a->find(QStringLiteral("JwtConfiguration")))
        return QStringLiteral("JWT");
    return {};
}

void Importer::functionEvents(const QString &fn, const Res &r)
{
    const Value *events = r.props.find(QStringLiteral("Events"));
    if (!events || !events->isMap())
        return;
    for (const MapEntry &e : events->entries()) {
        const QString type = text(e.value.find(QStringLiteral("Type")));
        const Value *pp = e.value.find(QStringLiteral("Properties"));
        const Value p = pp && pp->isMap() ? *pp : Value::map();
        const QString hint = fn + e.key;
        Value props = Value::map();
        if (type == u"Api" || type == u"HttpApi") {
            const bool http = type == u"HttpApi";
            const QString kind = http ? KindHttp : KindRest;
            const Value *apiRef = p.find(http ? QStringLiteral("ApiId") : QStringLiteral("RestApiId"));
            QString api = apiRef ? target(*apiRef, {kind}) : QString();
            if (api.isEmpty() && apiRef)
                api = source(*apiRef, kind, hint);
            if (api.isEmpty()) {
                // The implicit API: a layout-only component of the kind, else ServerlessRestApi.
                for (auto it = m_index.begin(); it != m_index.end() && api.isEmpty(); ++it) {
                    if (m_data.components[it.value()].kind == kind && !m_resources.count(it.key())
                        && m_layout.contains(it.key()))
                        api = it.key();
                }
                if (api.isEmpty()) {
                    api = http ? QStringLiteral("ServerlessHttpApi") : QStringLiteral("ServerlessRestApi");
                    addComponent(api, kind);
                }
            }
            copyScalar(p, "Path", props);
            // SAM upper-cases the method (get, Post, any are accepted):
            // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
            if (const Value *m = p.find(QStringLiteral("Method")); m && m->isScalar())
                props.set(QStringLiteral("Method"), Value::scalar(m->text().toUpper(), m->isQuoted()));
            copyScalar(p, "TimeoutInMillis", props);
            if (http)
                copyScalar(p, "PayloadFormatVersion", props);
            const Res *apiRes = m_resources.count(api) ? &m_resources[api] : nullptr;
            const QString auth = authOf(text(at(p, {"Auth", "Authorizer"})),
                                        apiRes ? apiRes->props.find(QStringLiteral("Auth")) : nullptr);
            if (!auth.isEmpty())
                props.set(QStringLiteral("Auth"), Value::string(auth));
            connect(api, fn, QStringLiteral("trigger"), props);
        } else if (type == u"S3") {
            const QString bucket = source(p.find(QStringLiteral("Bucket")) ? *p.find(QStringLiteral("Bucket")) : Value(),
                                          KindBucket, hint);
            if (const Value *ev = p.find(QStringLiteral("Events")))
                props.set(QStringLiteral("Events"), ev->isList() ? *ev : Value::list({*ev}));
            if (const Value *rules = at(p, {"Filter", "S3Key", "Rules"}); rules && rules->isList()) {
                for (const Value &rule : rules->items()) {
                    const QString name = text(rule.find(QStringLiteral("Name"))).toLower();
                    if (const Value *v = rule.find(QStringLiteral("Value")))
                        props.set(name == u"prefix" ? QStringLiteral("FilterPrefix") : QStringLiteral("FilterSuffix"), *v);
                }
            }
            connect(bucket, fn, QStringLiteral("trigger"), props);
        } else if (type == u"SNS") {
            const QString topic = source(p.find(QStringLiteral("Topic")) ? *p.find(QStringLiteral("Topic")) : Value(),
                                         KindTopic, hint);
            if (const Value *fp = p.find(QStringLiteral("FilterPolicy")))
                props.set(QStringLiteral("FilterPolicy"), *fp);
            copyScalar(p, "FilterPolicyScope", props);
            if (const Value *dl = at(p, {"RedrivePolicy", "deadLetterTargetArn"})) {
                const QString q = target(*dl, {KindQueue});
                if (!q.isEmpty())
                    props.set(QStringLiteral("DeadLetterQueue"), Value::string(comp(q)->id));
            }
            connect(topic, fn, QStringLiteral("trigger"), props);
        } else if (type == u"SQS" || type == u"Kinesis" || type == u"DynamoDB" || type == u"MSK"
                   || type == u"SelfManagedKafka") {
            const QString kind = type == u"SQS" ? KindQueue : type == u"Kinesis" ? KindStream
                : type == u"DynamoDB" ? KindTable : KindMsk;
            Value ref = p.find(type == u"SQS" ? QStringLiteral("Queue") : QStringLiteral("Stream"))
                ? *p.find(type == u"SQS" ? QStringLiteral("Queue") : QStringLiteral("Stream")) : Value();
            if (type == u"SelfManagedKafka")
                ref = Value::string(QStringLiteral("self-managed-kafka"));
            bool consumer = false;
            for (const QString &name : refs(ref)) {
                if (m_resources.count(name) && m_resources[name].type == u"AWS::Kinesis::StreamConsumer") {
                    consumer = true;
                    m_consumed.insert(name);
                }
            }
            const QString src = source(ref, kind, hint);
            pollProperties(p, props, fn);
            if (consumer)
                props.set(QStringLiteral("Consumer"), Value::boolean(true));
            connect(src, fn, QStringLiteral("trigger"), props);
        } else if (type == u"EventBridgeRule" || type == u"CloudWatchEvent" || type == u"Schedule"
                   || type == u"ScheduleV2") {
            const bool schedule = type.startsWith(QStringLiteral("Schedule"));
            const QString kind = schedule ? KindSchedule : KindRule;
            QString logical = e.key;
            if (!(comp(logical) && kindOf(logical) == kind && !m_resources.count(logical)))
                logical = hint;
            Component *c = addComponent(logical, kind);
            if (schedule) {
                if (const Value *s = p.find(QStringLiteral("Schedule")))
                    c->properties.set(QStringLiteral("ScheduleExpression"), *s);
                copyAny(p, "ScheduleExpression", c->properties);
                copyScalar(p, "ScheduleExpressionTimezone", c->properties);
                if (const Value *mode = at(p, {"FlexibleTimeWindow", "Mode"}))
                    c->properties.set(QStringLiteral("FlexibleTimeWindowMode"), *mode);
                if (const Value *w = at(p, {"FlexibleTimeWindow", "MaximumWindowInMinutes"}))
                    c->properties.set(QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes"), *w);
            } else {
                if (const Value *pattern = p.find(QStringLiteral("Pattern")))
                    c->properties.set(QStringLiteral("EventPattern"), patternValue(*pattern));
                if (const Value *bus = p.find(QStringLiteral("EventBusName"))) {
                    const QString b = target(*bus, {KindBus});
                    if (!b.isEmpty()) {
                        const QString name = text(comp(b)->properties.find(QStringLiteral("Name")));
                        c->properties.set(QStringLiteral("EventBusName"), Value::string(name.isEmpty() ? comp(b)->id : name));
                    } else if (bus->isScalar()) {
                        c->properties.set(QStringLiteral("EventBusName"), *bus);
                    }
                }
                copyScalar(p, "State", c->properties);
            }
            copyScalar(p, "Input", props);
            if (const Value *rp = p.find(QStringLiteral("RetryPolicy"))) {
                copyScalar(*rp, "MaximumRetryAttempts", props, "RetryPolicyMaximumRetryAttempts");
                copyScalar(*rp, "MaximumEventAgeInSeconds", props, "RetryPolicyMaximumEventAgeInSeconds");
            }
            if (const Value *dl = at(p, {"DeadLetterConfig", "Arn"})) {
                const QString q = target(*dl, {KindQueue});
                if (!q.isEmpty())
                    props.set(QStringLiteral("DeadLetterQueue"), Value::string(comp(q)->id));
            }
            connect(logical, fn, QStringLiteral("trigger"), props);
        } else {
            note(QStringLiteral("%1: the event %2 of type %3 is not modelled").arg(fn, e.key, type), comp(fn)->id);
        }
    }
}

void Importer::functionSettings(const QString &fn, const Res &r)
{
    const Value &p = r.props;
    // Dead-letter queue (SAM) or DeadLetterConfig (Lambda).
    const Value *dlq = at(p, {"DeadLetterQueue", "TargetArn"});
    if (!dlq)
        dlq = at(p, {"DeadLetterConfig", "TargetArn"});
    if (dlq) {
        const QString t = target(*dlq, {KindQueue, KindTopic});
        if (!t.isEmpty()) {
            connect(fn, t, QStringLiteral("dead-letter"));
            m_destinations[fn].insert(t);
        }
    }
    const Value *dest = at(p, {"EventInvokeConfig", "DestinationConfig"});
    if (dest) {
        for (const auto &[key, role] : {std::pair{"OnSuccess", "on-success"}, std::pair{"OnFailure", "on-failure"}}) {
            const Value *d = at(*dest, {key, "Destination"});
            if (!d) {
                if (dest->find(QLatin1String(key)))
                    note(QStringLiteral("%1: the %2 destination has no Destination (SAM creates one); it is not imported")
                             .arg(fn, QLatin1String(key)), comp(fn)->id);
                continue;
            }
            const QString t = target(*d);
            if (!t.isEmpty()) {
                connect(fn, t, QLatin1String(role));
                m_destinations[fn].insert(t);
            }
        }
    }
}

int policyTemplateAccess(const QString &name)
{
    static const QHash<QString, int> table = {
        {QStringLiteral("DynamoDBCrudPolicy"), 3}, {QStringLiteral("DynamoDBReadPolicy"), 1},
        {QStringLiteral("DynamoDBWritePolicy"), 2}, {QStringLiteral("DynamoDBStreamReadPolicy"), 1},
        {QStringLiteral("DynamoDBReconfigurePolicy"), 3}, {QStringLiteral("DynamoDBBackupFullAccessPolicy"), 3},
        {QStringLiteral("DynamoDBRestoreFromBackupPolicy"), 3},
        {QStringLiteral("S3ReadPolicy"), 1}, {QStringLiteral("S3WritePolicy"), 2}, {QStringLiteral("S3CrudPolicy"), 3},
        {QStringLiteral("S3FullAccessPolicy"), 3},
        {QStringLiteral("SQSSendMessagePolicy"), 2}, {QStringLiteral("SQSPollerPolicy"), 1},
        {QStringLiteral("SNSPublishMessagePolicy"), 2}, {QStringLiteral("SNSCrudPolicy"), 3},
        {QStringLiteral("EventBridgePutEventsPolicy"), 2},
        {QStringLiteral("KinesisStreamReadPolicy"), 1}, {QStringLiteral("KinesisCrudPolicy"), 3},
    };
    return table.value(name, 0);
}

int actionAccess(const QString &action)
{
    const QString verb = action.section(u':', 1);
    if (verb == u"*" || verb.isEmpty())
        return 3;
    static const QStringList readVerbs = {QStringLiteral("Get"), QStringLiteral("List"), QStringLiteral("Describe"),
                                          QStringLiteral("Query"), QStringLiteral("Scan"), QStringLiteral("Receive"),
                                          QStringLiteral("BatchGet"), QStringLiteral("Read"), QStringLiteral("Subscribe"),
                                          QStringLiteral("DeleteMessage"), QStringLiteral("ChangeMessageVisibility"),
                                          QStringLiteral("ConditionCheck"), QStringLiteral("PartiQLSelect")};
    for (const QString &r : readVerbs) {
        if (verb.startsWith(r))
            return 1;
    }
    return 2;
}

QString serviceKind(const QString &service)
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("dynamodb"), KindTable}, {QStringLiteral("s3"), KindBucket}, {QStringLiteral("sqs"), KindQueue},
        {QStringLiteral("sns"), KindTopic}, {QStringLiteral("kinesis"), KindStream}, {QStringLiteral("events"), KindBus},
    };
    return table.value(service.toLower());
}

void Importer::statements(const QString &fn, const Value &document)
{
    const Value *st = document.find(QStringLiteral("Statement"));
    if (!st)
        return;
    const std::vector<Value> list = st->isList() ? st->items() : std::vector<Value>{*st};
    for (const Value &s : list) {
        if (text(s.find(QStringLiteral("Effect"))) == u"Deny")
            continue;
        QStringList actions;
        if (const Value *a = s.find(QStringLiteral("Action"))) {
            if (a->isScalar())
                actions << a->text();
            for (const Value &i : a->items())
                actions << i.text();
        }
        const Value *resource = s.find(QStringLiteral("Resource"));
        if (!resource)
            continue;
        const std::vector<Value> resources = resource->isList() ? resource->items() : std::vector<Value>{*resource};
        for (const Value &res : resources) {
            const QString t = target(res);
            if (t.isEmpty() || m_destinations.value(fn).contains(t))
                continue;
            int bits = 0;
            for (const QString &a : actions) {
                if (a == u"*" || serviceKind(a.section(u':', 0, 0)) == kindOf(t))
                    bits |= actionAccess(a);
            }
            if (bits)
                addAccess(fn, t, bits, true);
        }
    }
}

void Importer::functionPolicies(const QString &fn, const Res &r)
{
    const Value *policies = r.props.find(QStringLiteral("Policies"));
    if (policies) {
        const std::vector<Value> list = policies->isList() ? policies->items() : std::vector<Value>{*policies};
        for (const Value &p : list) {
            if (!p.isMap())
                continue;
            if (p.find(QStringLiteral("Statement"))) {
                statements(fn, p);
                continue;
            }
            if (const Value *doc = p.find(QStringLiteral("PolicyDocument"))) {
                statements(fn, *doc);
                continue;
            }
            for (const MapEntry &e : p.entries()) {
                const int bits = policyTemplateAccess(e.key);
                if (!bits)
                    continue;
                // {TableName: !Ref T}: the parameter's value names the resource.
                const Value &arg = e.value.isMap() && !e.value.isIntrinsic() && !e.value.entries().empty()
                    ? e.value.entries().front().value : e.value;
                const QString t = target(arg);
                if (!t.isEmpty())
                    addAccess(fn, t, bits, true);
            }
        }
    }
    // The execution role and the IAM policies attached to it.
    if (const Value *role = r.props.find(QStringLiteral("Role"))) {
        for (const QString &name : refs(*role)) {
            if (!m_resources.count(name) || m_resources[name].type != u"AWS::IAM::Role")
                continue;
            m_consumed.insert(name);
            const Res &rr = m_resources[name];
            if (const Value *ps = rr.props.find(QStringLiteral("Policies")); ps && ps->isList()) {
                for (const Value &p : ps->items()) {
                    if (const Value *doc = p.find(QStringLiteral("PolicyDocument")))
                        statements(fn, *doc);
                }
            }
            for (const auto &[pl, pr] : m_resources) {
                if (pr.type != u"AWS::IAM::Policy" && pr.type != u"AWS::IAM::ManagedPolicy")
                    continue;
                const Value *roles = pr.props.find(QStringLiteral("Roles"));
                if (roles && refs(*roles).contains(name)) {
                    m_consumed.insert(pl);
                    if (const Value *doc = pr.props.find(QStringLiteral("PolicyDocument")))
                        statements(fn, *doc);
                }
            }
        }
    }
    // Environment variables naming a resource: access edges; the others stay.
    Component *c = comp(fn);
    if (const Value *vars = at(r.props, {"Environment", "Variables"}); vars && vars->isMap()) {
        Value env = Value::map();
        for (const MapEntry &e : vars->entries()) {
            const QString t = e.value.isIntrinsic() ? target(e.value) : QString();
            if (!t.isEmpty() && !m_destinations.value(fn).contains(t)) {
                static const QStringList accessible = {KindTable, KindBucket, KindQueue, KindTopic, KindStream, KindBus};
                if (accessible.contains(kindOf(t))) {
                    // A queue or stream the function polls is named to read it (delete messages,
                    // read the stream's records), not to write to it: writing would re-trigger it.
                    const QString fromId = comp(t)->id;
                    const QString toId = c->id;
                    const bool polled = std::any_of(m_data.connections.begin(), m_data.connections.end(),
                                                    [&](const Connection &x) {
                                                        return x.role == u"trigger" && x.from == fromId && x.to == toId;
                                                    });
                    addAccess(fn, t, polled ? 1 : 3, false);
                    continue;
                }
            }
            env.set(e.key, e.value);
        }
        if (!env.entries().empty())
            c->properties.set(QStringLiteral("Environment"), env);
    }
}

QString Importer::apiPath(const QString &resourceLogical, int depth)
{
    if (depth > 50 || !m_resources.count(resourceLogical))
        return {};
    const Res &r = m_resources[resourceLogical];
    m_consumed.insert(resourceLogical);
    const QString part = text(r.props.find(QStringLiteral("PathPart")));
    QString parent;
    if (const Value *pid = r.props.find(QStringLiteral("ParentId"))) {
        for (const QString &n : refs(*pid)) {
            if (m_resources.count(n) && m_resources[n].type == u"AWS::ApiGateway::Resource")
                parent = apiPath(n, depth + 1);
        }
    }
    return parent + u'/' + part;
}

void Importer::definitionBody(const QString &api, const Value &body, const QString &kind)
{
    const Value *paths = body.find(QStringLiteral("paths"));
    if (!paths || !paths->isMap())
        return;
    for (const MapEntry &path : paths->entries()) {
        if (!path.value.isMap())
            continue;
        for (const MapEntry &method : path.value.entries()) {
            const Value *uri = at(method.value, {"x-amazon-apigateway-integration", "uri"});
            if (!uri)
                continue;
            const QString fn = functionOf(*uri);
            if (fn.isEmpty())
                continue;
            Value props = Value::map();
            props.set(QStringLiteral("Method"), Value::string(method.key == u"x-amazon-apigateway-any-method"
                                                                  ? QStringLiteral("ANY") : method.key.toUpper()));
            props.set(QStringLiteral("Path"), Value::string(path.key));
            connect(api, fn, QStringLiteral("trigger"), props);
        }
    }
    Q_UNUSED(kind);
}

void Importer::standalone(const QString &logical, const Res &r)
{
    const Value &p = r.props;
    const QString &type = r.type;
    if (type == u"AWS::Lambda::EventSourceMapping") {
        const QString fn = functionOf(p.find(QStringLiteral("FunctionName")) ? *p.find(QStringLiteral("FunctionName")) : Value());
        if (fn.isEmpty())
            return;
        const Value arn = p.find(QStringLiteral("EventSourceArn")) ? *p.find(QStringLiteral("EventSourceArn")) : Value();
        QString kind;
        for (const QString &n : refs(arn)) {
            QString k = kindOf(m_alias.value(n, n));
            if (m_resources.count(n) && m_resources[n].type == u"AWS::Kinesis::StreamConsumer") {
                m_consumed.insert(n);
                k = KindStream;
            }
            if (!k.isEmpty()) {
                kind = k;
                break;
            }
        }
        const QString arnText = arn.isScalar() ? arn.text() : arn.display();
        if (kind.isEmpty()) {
            const QString lower = arnText.toLower() + u' ' + refs(arn).join(u' ').toLower();
            kind = p.find(QStringLiteral("SelfManagedEventSource")) || lower.contains(QStringLiteral("kafka")) ? KindMsk
                : lower.contains(QStringLiteral("kinesis")) ? KindStream
                : lower.contains(QStringLiteral("dynamodb")) || lower.contains(QStringLiteral("table")) ? KindTable
                : KindQueue;
        }
        const QString src = source(arn.isNull() ? Value::string(QStringLiteral("self-managed-kafka")) : arn, kind, logical);
        Value props = Value::map();
        pollProperties(p, props, fn);
        connect(src, fn, QStringLiteral("trigger"), props);
        m_consumed.insert(logical);
    } else if (type == u"AWS::Lambda::Permission") {
        if (!functionOf(p.find(QStringLiteral("FunctionName")) ? *p.find(QStringLiteral("FunctionName")) : Value()).isEmpty())
            m_consumed.insert(logical);
    } else if (type == u"AWS::Lambda::EventInvokeConfig") {
        const QString fn = functionOf(p.find(QStringLiteral("FunctionName")) ? *p.find(QStringLiteral("FunctionName")) : Value());
        if (fn.isEmpty())
            return;
        m_consumed.insert(logical);
        copyScalar(p, "MaximumEventAgeInSeconds", comp(fn)->properties);
        copyScalar(p, "MaximumRetryAttempts", comp(fn)->properties);
        Res fake;
        fake.props = Value::map();
        if (const Value *d = p.find(QStringLiteral("DestinationConfig")))
            fake.props.set(QStringLiteral("EventInvokeConfig"), Value::map({{QStringLiteral("DestinationConfig"), *d}}));
        functionSettings(fn, fake);
    } else if (type == u"AWS::SNS::Subscription") {
        if (text(p.find(QStringLiteral("Protocol"))) != u"lambda") {
            note(QStringLiteral("%1: the SNS subscription (protocol %2) is not drawn; it is kept as written")
                     .arg(logical, text(p.find(QStringLiteral("Protocol")))));
            return;
        }
        const QString fn = functionOf(p.find(QStringLiteral("Endpoint")) ? *p.find(QStringLiteral("Endpoint")) : Value());
        if (fn.isEmpty())
            return;
        const QString topic = source(p.find(QStringLiteral("TopicArn")) ? *p.find(QStringLiteral("TopicArn")) : Value(),
                                     KindTopic, logical);
        Value props = Value::map();
        if (const Value *fp = p.find(QStringLiteral("FilterPolicy")))
            props.set(QStringLiteral("FilterPolicy"), *fp);
        copyScalar(p, "FilterPolicyScope", props);
        if (const Value *dl = at(p, {"RedrivePolicy", "deadLetterTargetArn"})) {
            const QString q = target(*dl, {KindQueue});
            if (!q.isEmpty())
                props.set(QStringLiteral("DeadLetterQueue"), Value::string(comp(q)->id));
        }
        connect(topic, fn, QStringLiteral("trigger"), props);
        m_consumed.insert(logical);
    } else if (type == u"AWS::SNS::Topic") {
        if (const Value *subs = p.find(QStringLiteral("Subscription")); subs && subs->isList()) {
            for (const Value &s : subs->items()) {
                if (text(s.find(QStringLiteral("Protocol"))) != u"lambda") {
                    note(QStringLiteral("%1: the subscription of protocol %2 (%3) is not drawn")
                             .arg(logical, text(s.find(QStringLiteral("Protocol"))),
                                  s.find(QStringLiteral("Endpoint")) ? s.find(QStringLiteral("Endpoint"))->display() : QString()),
                         comp(logical) ? comp(logical)->id : QString());
                    continue;
                }
                const QString fn = functionOf(s.find(QStringLiteral("Endpoint")) ? *s.find(QStringLiteral("Endpoint")) : Value());
                if (!fn.isEmpty())
                    connect(logical, fn, QStringLiteral("trigger"));
            }
        }
    } else if (type == u"AWS::S3::Bucket") {
        const Value *configs = at(p, {"NotificationConfiguration", "LambdaConfigurations"});
        if (!configs || !configs->isList())
            return;
        for (const Value &cfg : configs->items()) {
            const QString fn = functionOf(cfg.find(QStringLiteral("Function")) ? *cfg.find(QStringLiteral("Function")) : Value());
            if (fn.isEmpty())
                continue;
            Value props = Value::map();
            if (const Value *ev = cfg.find(QStringLiteral("Event")))
                props.set(QStringLiteral("Events"), Value::list({*ev}));
            if (const Value *rules = at(cfg, {"Filter", "S3Key", "Rules"}); rules && rules->isList()) {
                for (const Value &rule : rules->items()) {
                    const QString name = text(rule.find(QStringLiteral("Name"))).toLower();
                    if (const Value *v = rule.find(QStringLiteral("Value")))
                        props.set(name == u"prefix" ? QStringLiteral("FilterPrefix") : QStringLiteral("FilterSuffix"), *v);
                }
            }
            connect(logical, fn, QStringLiteral("trigger"), props);
        }
    } else if (type == u"AWS::SQS::Queue") {
        if (const Value *dl = at(p, {"RedrivePolicy", "deadLetterTargetArn"})) {
            const QString q = target(*dl, {KindQueue});
            if (!q.isEmpty()) {
                Value props = Value::map();
                if (const Value *n = at(p, {"RedrivePolicy", "maxReceiveCount"}))
                    props.set(QStringLiteral("maxReceiveCount"), *n);
                connect(logical, q, QStringLiteral("dead-letter"), props);
            }
        }
    } else if (type == u"AWS::Events::Rule" || type == u"AWS::Scheduler::Schedule") {
        QString owner = logical;
        if (type == u"AWS::Scheduler::Schedule") {
            // The exporter writes one schedule per target, <Schedule>To<Target>.
            for (auto it = m_index.begin(); it != m_index.end(); ++it) {
                if (!m_resources.count(it.key()) && kindOf(it.key()) == KindSchedule
                    && logical.startsWith(it.key() + QStringLiteral("To")))
                    owner = it.key();
            }
            Component *c = addComponent(owner, KindSchedule);
            if (c->properties.entries().empty()) {
                Res copy = r;
                componentProperties(owner, copy, *c);
            }
            if (owner != logical)
                m_consumed.insert(logical);
            else
                m_consumed.insert(logical);
        }
        const Value *targets = p.find(QStringLiteral("Targets"));
        std::vector<Value> list = targets && targets->isList() ? targets->items() : std::vector<Value>{};
        if (const Value *t = p.find(QStringLiteral("Target")))
            list.push_back(*t);
        for (const Value &t : list) {
            const Value arn = t.find(QStringLiteral("Arn")) ? *t.find(QStringLiteral("Arn")) : Value();
            if (const Value *role = t.find(QStringLiteral("RoleArn"))) {
                for (const QString &n : refs(*role)) {
                    if (m_resources.count(n) && m_resources[n].type == u"AWS::IAM::Role")
                        m_consumed.insert(n);
                }
            }
            const QString to = target(arn);
            if (to.isEmpty()) {
                note(QStringLiteral("%1: a target (%2) is not a component of the project").arg(logical, arn.display()),
                     comp(owner) ? comp(owner)->id : QString());
                continue;
            }
            if (kindOf(to) == KindFunction) {
                Value props = Value::map();
                copyScalar(t, "Input", props);
                if (const Value *rp = t.find(QStringLiteral("RetryPolicy"))) {
                    copyScalar(*rp, "MaximumRetryAttempts", props, "RetryPolicyMaximumRetryAttempts");
                    copyScalar(*rp, "MaximumEventAgeInSeconds", props, "RetryPolicyMaximumEventAgeInSeconds");
                }
                if (const Value *dl = at(t, {"DeadLetterConfig", "Arn"})) {
                    const QString q = target(*dl, {KindQueue});
                    if (!q.isEmpty())
                        props.set(QStringLiteral("DeadLetterQueue"), Value::string(comp(q)->id));
                }
                connect(owner, to, QStringLiteral("trigger"), props);
            } else if (m_catalog.allows(kindOf(owner), QStringLiteral("target"), kindOf(to))) {
                connect(owner, to, QStringLiteral("target"));
            }
        }
    } else if (type == u"AWS::ApiGateway::Method") {
        const Value *uri = at(p, {"Integration", "Uri"});
        const QString fn = uri ? functionOf(*uri) : QString();
        const QString api = p.find(QStringLiteral("RestApiId")) ? target(*p.find(QStringLiteral("RestApiId")), {KindRest}) : QString();
        if (fn.isEmpty() || api.isEmpty())
            return;
        Value props = Value::map();
        copyScalar(p, "HttpMethod", props, "Method");
        QString path = QStringLiteral("/");
        if (const Value *rid = p.find(QStringLiteral("ResourceId"))) {
            for (const QString &n : refs(*rid)) {
                if (m_resources.count(n) && m_resources[n].type == u"AWS::ApiGateway::Resource")
                    path = apiPath(n);
            }
        }
        props.set(QStringLiteral("Path"), Value::string(path));
        const QString auth = text(p.find(QStringLiteral("AuthorizationType")));
        if (auth == u"AWS_IAM" || auth == u"COGNITO_USER_POOLS")
            props.set(QStringLiteral("Auth"), Value::string(auth == u"AWS_IAM" ? auth : QStringLiteral("COGNITO")));
        connect(api, fn, QStringLiteral("trigger"), props);
        m_consumed.insert(logical);
    } else if (type == u"AWS::ApiGatewayV2::Route") {
        const QString api = p.find(QStringLiteral("ApiId")) ? target(*p.find(QStringLiteral("ApiId")), {KindHttp}) : QString();
        const Value *tgt = p.find(QStringLiteral("Target"));
        if (api.isEmpty() || !tgt)
            return;
        QString fn;
        for (const QString &n : refs(*tgt)) {
            if (m_resources.count(n) && m_resources[n].type == u"AWS::ApiGatewayV2::Integration") {
                const Value *u = m_resources[n].props.find(QStringLiteral("IntegrationUri"));
                fn = u ? functionOf(*u) : QString();
                if (!fn.isEmpty())
                    m_consumed.insert(n);
            }
        }
        if (fn.isEmpty())
            return;
        Value props = Value::map();
        const QString key = text(p.find(QStringLiteral("RouteKey")));
        if (key.contains(u' ')) {
            props.set(QStringLiteral("Method"), Value::string(key.section(u' ', 0, 0)));
            props.set(QStringLiteral("Path"), Value::string(key.section(u' ', 1)));
        }
        connect(api, fn, QStringLiteral("trigger"), props);
        m_consumed.insert(logical);
    } else if (type == u"AWS::ApiGatewayV2::Api") {
        if (const Value *t = p.find(QStringLiteral("Target")); t && comp(logical)) {
            const QString fn = functionOf(*t);
            if (!fn.isEmpty())
                connect(logical, fn, QStringLiteral("trigger"));
        }
    } else if (type == u"AWS::SQS::QueuePolicy" || type == u"AWS::SNS::TopicPolicy") {
        const Value *on = p.find(type == u"AWS::SQS::QueuePolicy" ? QStringLiteral("Queues") : QStringLiteral("Topics"));
        bool all = on != nullptr;
        for (const QString &n : on ? refs(*on) : QStringList())
            all = all && comp(n);
        if (all) {
            m_consumed.insert(logical);
            note(QStringLiteral("%1 (%2) is not imported: a project gives services the access its connections need")
                     .arg(logical, type));
        }
    }
    if (comp(logical) && (r.type == u"AWS::Serverless::Api" || r.type == u"AWS::Serverless::HttpApi"
                          || r.type == u"AWS::ApiGateway::RestApi")) {
        if (const Value *body = p.find(QStringLiteral("DefinitionBody")); body && body->isMap()) {
            if (body->find(QStringLiteral("Fn::Transform")))
                note(QStringLiteral("%1: DefinitionBody uses AWS::Include, which is recorded, not followed").arg(logical),
                     comp(logical)->id);
            else
                definitionBody(logical, *body, kindOf(logical));
        }
        if (const Value *body = p.find(QStringLiteral("Body")); body && body->isMap())
            definitionBody(logical, *body, kindOf(logical));
    }
}

void Importer::run()
{
    const Value *resources = m_root.find(QStringLiteral("Resources"));
    if (const Value *params = m_root.find(QStringLiteral("Parameters")); params && params->isMap())
        m_parameters = *params;
    if (const Value *layout = at(m_root, {"Metadata", "Eventwright", "Layout"}); layout && layout->isMap()) {
        for (const MapEntry &e : layout->entries())
            m_layout.insert(e.key, e.value);
    }
    if (const Value *name = at(m_root, {"Metadata", "Eventwright", "Name"}))
        m_data.name = name->text();
    if (const Value *d = m_root.find(QStringLiteral("Description")); d && d->isScalar()) {
        m_data.description = d->text();
        if (m_data.name && m_data.description == m_data.name)
            m_data.description.reset();
    }
    if (const Value *conditions = m_root.find(QStringLiteral("Conditions")); conditions && conditions->isMap()) {
        for (const MapEntry &e : conditions->entries())
            note(QStringLiteral("Condition %1 is kept as a note: %2").arg(e.key, e.value.display()));
    }
    if (const Value *transform = m_root.find(QStringLiteral("Transform"))) {
        const QString all = transform->display();
        if (all.contains(QStringLiteral("AWS::Include")))
            note(QStringLiteral("Transform AWS::Include is recorded, not followed"));
    }
    if (const Value *outputs = m_root.find(QStringLiteral("Outputs")); outputs && outputs->isMap()) {
        QStringList names;
        for (const MapEntry &e : outputs->entries())
            names << e.key;
        if (!names.isEmpty())
            note(QStringLiteral("Outputs are not imported (the SAM export writes its own): %1").arg(names.join(QStringLiteral(", "))));
    }
    const Value *globals = at(m_root, {"Globals", "Function"});
    for (const MapEntry &e : resources->entries()) {
        Res r;
        r.whole = &e.value;
        r.type = text(e.value.find(QStringLiteral("Type")));
        if (const Value *props = e.value.find(QStringLiteral("Properties")); props && props->isMap())
            r.props = *props;
        if (r.type == u"AWS::Serverless::Function" && globals && globals->isMap()) {
            Value merged = *globals;
            for (const MapEntry &pe : r.props.entries()) {
                const Value *g = merged.find(pe.key);
                if (g && g->isMap() && pe.value.isMap() && !pe.value.isIntrinsic()) {
                    Value m = *g;
                    for (const MapEntry &inner : pe.value.entries()) {
                        const Value *gi = m.find(inner.key);
                        if (gi && gi->isMap() && inner.value.isMap() && !inner.value.isIntrinsic()) {
                            Value mi = *gi;
                            for (const MapEntry &x : inner.value.entries())
                                mi.set(x.key, x.value);
                            m.set(inner.key, mi);
                        } else {
                            m.set(inner.key, inner.value);
                        }
                    }
                    merged.set(pe.key, m);
                } else {
                    merged.set(pe.key, pe.value);
                }
            }
            r.props = merged;
        }
        if (const Value *cond = e.value.find(QStringLiteral("Condition")))
            note(QStringLiteral("%1 is created only under Condition %2").arg(e.key, cond->text()));
        m_resources[e.key] = r;
        m_order << e.key;
    }
    createComponents();
    // Helpers that stand for a component.
    for (const auto &[logical, r] : m_resources) {
        if (r.type == u"AWS::Kinesis::StreamConsumer") {
            const QString s = target(r.props.find(QStringLiteral("StreamARN")) ? *r.props.find(QStringLiteral("StreamARN")) : Value(), {KindStream});
            if (!s.isEmpty())
                m_alias.insert(logical, s);
        }
    }
    for (const QString &logical : m_order) {
        const Res &r = m_resources[logical];
        if (kindOf(logical) == KindFunction) {
            functionSettings(logical, r);
            functionEvents(logical, r);
        }
    }
    for (const QString &logical : m_order)
        standalone(logical, m_resources[logical]);
    for (const QString &logical : m_order) {
        if (kindOf(logical) == KindFunction)
            functionPolicies(logical, m_resources[logical]);
    }
    for (const auto &key : m_accessOrder) {
        const AccessInfo &a = m_access[key];
        Connection &c = connect(key.first, key.second, QStringLiteral("access"));
        c.properties.set(QStringLiteral("Access"), Value::string(accessName(a.bits)));
    }
    // CloudFormation converts a quoted number ("30") to the number a property takes; so does
    // the import, so that the model's typed properties hold numbers.
    const auto numbers = [](const std::vector<PropertySpec> &specs, Value &props) {
        for (MapEntry &e : props.entries()) {
            for (const PropertySpec &spec : specs) {
                if (spec.name != e.key || !e.value.isScalar() || !e.value.isQuoted())
                    continue;
                if (spec.type == PropertyType::Integer || spec.type == PropertyType::Number) {
                    const Value plain = Value::scalar(e.value.text(), false);
                    if (spec.type == PropertyType::Integer ? bool(plain.toInteger()) : bool(plain.toNumber()))
                        e.value = plain;
                }
            }
        }
    };
    for (Component &c : m_data.components) {
        if (const KindSpec *k = m_catalog.kind(c.kind))
            numbers(k->properties, c.properties);
    }
    for (Connection &c : m_data.connections) {
        const Component *from = nullptr;
        for (const Component &x : m_data.components)
            if (x.id == c.from)
                from = &x;
        if (const RoleSpec *role = from ? m_catalog.roleSpec(from->kind, c.role) : nullptr)
            numbers(role->properties, c.properties);
    }
    // APIs with no route to a function are not components (the exporter would leave them out).
    for (const QString &logical : m_order) {
        Component *c = comp(logical);
        if (!c || (c->kind != KindRest && c->kind != KindHttp))
            continue;
        const bool used = std::any_of(m_data.connections.begin(), m_data.connections.end(),
                                      [c](const Connection &x) { return x.from == c->id || x.to == c->id; });
        if (used)
            continue;
        const int index = m_index.value(logical);
        m_data.components.erase(m_data.components.begin() + index);
        m_index.remove(logical);
        for (auto it = m_index.begin(); it != m_index.end(); ++it) {
            if (it.value() > index)
                --it.value();
        }
    }
    // Everything else is kept as it was, under unmapped-resources; helpers that a kept
    // resource refers to are kept too.
    QSet<QString> kept;
    for (const QString &logical : m_order) {
        if (!comp(logical) && !m_consumed.contains(logical))
            kept.insert(logical);
    }
    // A helper that an imported property names (an environment variable with the ARN of a
    // role the import folded into its function) stays too, or the reference would dangle.
    {
        QStringList named;
        for (const Component &c : m_data.components)
            named << refs(c.properties);
        for (const Connection &c : m_data.connections)
            named << refs(c.properties);
        for (const QString &n : std::as_const(named)) {
            if (m_consumed.contains(n) && !comp(n) && m_resources.count(n))
                kept.insert(n);
        }
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const QString &logical : QSet<QString>(kept)) {
            QStringList names = refs(*m_resources[logical].whole);
            if (const Value *dep = m_resources[logical].whole->find(QStringLiteral("DependsOn"))) {
                if (dep->isScalar())
                    names << dep->text();
                for (const Value &d : dep->items())
                    names << d.text();
            }
            for (const QString &n : names) {
                if (m_consumed.contains(n) && !kept.contains(n)) {
                    kept.insert(n);
                    grew = true;
                }
            }
        }
    }
    // The SAM exporter names a component after its id ("get-all-items" → GetAllItems) unless
    // the template gave it another logical id ("getAllItems", "ReportingAPIV1"): that one is
    // recorded (unmapped-template → LogicalIds) and kept by the export, because kept resources
    // refer to it and to what SAM derives from it (<Function>Role, <Api>ProdStage, a
    // Connector's Id), and CloudFormation replaces a resource whose logical id changes.
    // References to a component that has no template logical id of its own are renamed.
    QHash<QString, QString> renames;
    Value logicalIds = Value::map();
    const LogicalNames names(m_data);
    for (const QString &logical : m_order) {
        const auto it = m_index.constFind(logical);
        if (it == m_index.cend())
            continue;
        const QString &id = m_data.components[it.value()].id;
        if (names.cfn(id) != logical)
            logicalIds.set(id, Value::string(logical));
    }
    for (auto it = m_index.begin(); it != m_index.end(); ++it) {
        const QString now = names.cfn(m_data.components[it.value()].id);
        if (now != it.key() && !m_resources.count(it.key()))
            renames.insert(it.key(), now);
    }
    Value unmapped = Value::map();
    QStringList referenced;
    for (const QString &logical : m_order) {
        if (!kept.contains(logical))
            continue;
        const Res &r = m_resources[logical];
        m_result.unmapped << QStringLiteral("%1 (%2)").arg(logical, r.type);
        Value v = *r.whole;
        for (const QString &n : refs(v))
            referenced << n;
        if (const Value *cond = v.find(QStringLiteral("Condition")))
            referenced << cond->text();
        renameRefs(v, renames);
        unmapped.set(logical, v);
    }
    // Parameters, conditions and mappings that kept resources or imported properties use go
    // with them.
    for (const Component &c : m_data.components)
        referenced << refs(c.properties);
    for (const Connection &c : m_data.connections)
        referenced << refs(c.properties);
    if (const Value *conditions = m_root.find(QStringLiteral("Conditions")))
        referenced << refs(*conditions);
    // An API that a kept resource names must stay a resource of its own: an explicit stage.
    for (auto it = m_index.begin(); it != m_index.end(); ++it) {
        Component &c = m_data.components[it.value()];
        if ((c.kind == KindRest || c.kind == KindHttp) && referenced.contains(it.key())
            && !c.properties.find(QStringLiteral("StageName")))
            c.properties.set(QStringLiteral("StageName"),
                             Value::string(c.kind == KindRest ? QStringLiteral("Prod") : QStringLiteral("$default")));
    }
    Value rest = Value::map();
    for (const char *section : {"Parameters", "Conditions", "Mappings"}) {
        const Value *all = m_root.find(QLatin1String(section));
        if (!all || !all->isMap())
            continue;
        Value keptSection = Value::map();
        for (const MapEntry &e : all->entries()) {
            if (QLatin1String(section) != QLatin1String("Parameters") || referenced.contains(e.key))
                keptSection.set(e.key, e.value);
        }
        if (!keptSection.entries().empty())
            rest.set(QLatin1String(section), keptSection);
    }
    if (!logicalIds.entries().empty())
        rest.set(QStringLiteral("LogicalIds"), logicalIds);
    // AWS::LanguageExtensions (Fn::ForEach, Fn::Length, intrinsics in AutoPublishAlias or
    // DeletionPolicy): kept resources and properties may rely on it, so the export keeps it.
    if (const Value *transform = m_root.find(QStringLiteral("Transform"))) {
        bool language = transform->isScalar() && transform->text() == u"AWS::LanguageExtensions";
        for (const Value &t : transform->items())
            language = language || (t.isScalar() && t.text() == u"AWS::LanguageExtensions");
        if (language)
            rest.set(QStringLiteral("Transform"), Value::list({Value::string(QStringLiteral("AWS::LanguageExtensions"))}));
    }
    if (!rest.entries().empty())
        m_data.extra.push_back({QStringLiteral("unmapped-template"), rest});
    m_result.unmapped.sort();
    if (!unmapped.entries().empty())
        m_data.extra.push_back({SamImporter::unmappedKey(), unmapped});
    // The same API route can be written twice (an inline event and a kept OpenAPI body or
    // raw method naming the same function); it is one trigger. Keep the first.
    {
        QSet<QString> seen;
        std::vector<Connection> unique;
        for (const Connection &c : m_data.connections) {
            if (c.role == u"trigger" && c.properties.find(QStringLiteral("Path"))) {
                const Value *method = c.properties.find(QStringLiteral("Method"));
                const QString key = c.from + u'|' + c.to + u'|' + (method ? method->text().toUpper() : QString())
                                    + u'|' + c.properties.find(QStringLiteral("Path"))->text();
                if (seen.contains(key))
                    continue;
                seen.insert(key);
            }
            unique.push_back(c);
        }
        m_data.connections = std::move(unique);
    }
    m_result.data = std::move(m_data);
}

QString tabMessage(const QByteArray &text, int *line, int *column)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &l = lines[i];
        for (int j = 0; j < l.size() && (l[j] == ' ' || l[j] == '\t'); ++j) {
            if (l[j] == '\t') {
                *line = i + 1;
                *column = j + 1;
                return QStringLiteral("a tab character is used for indentation; YAML allows only spaces");
            }
        }
    }
    return {};
}

} // namespace

bool SamImporter::looksLikeTemplate(const QByteArray &text)
{
    static const QRegularExpression yamlKey(
        QStringLiteral("^ *(AWSTemplateFormatVersion|Transform|Resources)\\s*:"), QRegularExpression::MultilineOption);
    static const QRegularExpression jsonKey(QStringLiteral("\"(AWSTemplateFormatVersion|Transform|Resources)\"\\s*:"));
    const QString s = QString::fromUtf8(text.left(1 << 20));
    if (s.trimmed().startsWith(u'{'))
        return jsonKey.match(s).hasMatch();
    return yamlKey.match(s).hasMatch();
}

ImportResult SamImporter::import(const QByteArray &input, const Catalog &catalog)
{
    ImportResult result;
    if (input.size() > ProjectSerializer::MaxFileBytes) {
        result.error.message = QStringLiteral("the template is larger than %1 MB").arg(ProjectSerializer::MaxFileBytes >> 20);
        return result;
    }
    QByteArray text = input;
    text.replace("\r\n", "\n");
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    YamlError yamlError;
    std::optional<YAML::Node> doc = parseYaml(text, &yamlError);
    if (!doc) {
        int line = 0, column = 0;
        const QString tab = tabMessage(text, &line, &column);
        if (!tab.isEmpty()) {
            result.error = {line, column, tab};
        } else {
            result.error = {yamlError.position.line, yamlError.position.column, yamlError.message};
        }
        return result;
    }
    TemplateConverter converter;
    converter.notes = &result.notes;
    std::optional<Value> root;
    try {
        root = converter.convert(*doc, 0);
    } catch (const std::exception &e) {
        result.error.message = QStringLiteral("could not read the template: %1").arg(QString::fromLocal8Bit(e.what()));
        return result;
    }
    if (!root) {
        result.error = {converter.error.position.line, converter.error.position.column, converter.error.message};
        return result;
    }
    if (!root->isMap()) {
        result.error = {1, 1, QStringLiteral("a template is a mapping with a Resources section")};
        return result;
    }
    const Value *resources = root->find(QStringLiteral("Resources"));
    if (!resources || !resources->isMap()) {
        TextPosition p;
        if (doc->IsMap() && (*doc)["Resources"])
            p = positionOf((*doc)["Resources"]);
        result.error = {p.line, p.column, QStringLiteral("the template has no Resources mapping")};
        return result;
    }
    Importer(*root, catalog, result).run();
    return result;
}

ImportResult SamImporter::importFile(const QString &path, const Catalog &catalog)
{
    ImportResult result;
    QFileInfo info(path);
    if (info.exists() && info.size() > ProjectSerializer::MaxFileBytes) {
        result.error.message = QStringLiteral("the file is larger than %1 MB").arg(ProjectSerializer::MaxFileBytes >> 20);
        return result;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        result.error.message = QStringLiteral("cannot open the file: %1").arg(f.errorString());
        return result;
    }
    return import(f.read(ProjectSerializer::MaxFileBytes + 1), catalog);
}

} // namespace ew::core

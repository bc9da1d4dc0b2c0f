// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/templateimporter.h"

#include "core/import/naming.h"
#include "core/import/templatevalues.h"
#include "core/import/typemap.h"

#include <QRegularExpression>

namespace ew::core::samimport {

using namespace wellknown;

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
    finish();
}

} // namespace ew::core::samimport

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/templateimporter.h"

#include "core/import/templatevalues.h"

namespace ew::core::samimport {

using namespace wellknown;

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

static QString authOf(const QString &authorizer, const Value *apiAuth)
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

} // namespace ew::core::samimport

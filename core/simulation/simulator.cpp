// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/engine.h"

#include "core/model/wellknown.h"
#include "core/simulation/eventmatch.h"

namespace ew::core::sim {

namespace detail {

using namespace wellknown;

// ----------------------------------------------------------------------------------------
// Building the runtime model from the design

void Engine::build()
{
    const int n = int(m_data.components.size());
    for (int i = 0; i < n; ++i)
        m_index.insert(m_data.components[size_t(i)].id, i);
    m_out.assign(size_t(n), {});
    const size_t connections = m_data.connections.size();
    m_from.assign(connections, -1);
    m_to.assign(connections, -1);
    m_trigger.assign(connections, false);
    m_integrationTimeout.assign(connections, 0);
    m_filter.assign(connections, nullptr);
    for (size_t i = 0; i < connections; ++i) {
        const Connection &c = m_data.connections[i];
        m_from[i] = compOf(c.from);
        m_to[i] = compOf(c.to);
        m_trigger[i] = c.role == RoleTrigger;
        if (const Value *f = c.properties.find(QStringLiteral("FilterPolicy")); f && f->isMap())
            m_filter[i] = f;
        if (m_from[i] >= 0 && (kindOf(m_from[i]) == KindRest || kindOf(m_from[i]) == KindHttp))
            m_integrationTimeout[i] = numberOr(cprop(int(i), QStringLiteral("TimeoutInMillis")),
                                               kindOf(m_from[i]) == KindHttp ? 30000 : 29000) / 1000.0;
    }
    for (int i = 0; i < int(m_data.connections.size()); ++i) {
        const int from = fromOf(i);
        if (from >= 0 && toOf(i) >= 0)
            m_out[size_t(from)].push_back(i);
    }
    m_fnOf.assign(size_t(n), -1);
    m_kind.assign(size_t(n), K::Other);
    for (int i = 0; i < n; ++i) {
        const QString &kind = kindOf(i);
        m_kind[size_t(i)] = kind == KindRest || kind == KindHttp ? K::Api
                            : kind == KindFunction             ? K::Function
                            : kind == KindQueue                ? K::Queue
                            : kind == KindBus                  ? K::Bus
                            : kind == KindRule || kind == KindSchedule ? K::Rule
                                                               : K::Other;
    }
    m_queueOf.assign(size_t(n), -1);
    m_streamEsmsOf.assign(size_t(n), {});
    m_apiCursor.assign(size_t(n), 0);
    m_seqOf.assign(size_t(n), 0);
    m_result.components.assign(size_t(n), {});
    m_duplicateRate.assign(size_t(n), 0.0);
    m_pattern.assign(size_t(n), nullptr);
    for (int i = 0; i < n; ++i)
        if (const Value *p = m_data.components[size_t(i)].properties.find(QStringLiteral("EventPattern")); p && p->isMap())
            m_pattern[size_t(i)] = p;
    m_rulesOf.assign(size_t(n), {});
    for (const SourceLoad &l : m_w.sources)
        if (const int c = compOf(l.component); c >= 0)
            m_duplicateRate[size_t(c)] = l.duplicateRate;
    for (int b = 0; b < n; ++b) {
        if (kindOf(b) != KindBus)
            continue;
        const Value *nameValue = prop(b, QStringLiteral("Name"));
        const QString &id = m_data.components[size_t(b)].id;
        const QString busName = nameValue && nameValue->isScalar() && !nameValue->text().isEmpty()
                                    ? nameValue->text() : id;
        for (int r = 0; r < n; ++r) {
            if (kindOf(r) != KindRule)
                continue;
            const Value *state = prop(r, QStringLiteral("State"));
            if (state && state->text() == u"DISABLED")
                continue;
            const Value *v = prop(r, QStringLiteral("EventBusName"));
            QString want = v && v->isScalar() ? v->text().section(u'/', -1) : QString();
            if (want.isEmpty())
                want = QStringLiteral("default");
            if (want == busName || want == id)
                m_rulesOf[size_t(b)].push_back(r);
        }
    }

    for (int i = 0; i < n; ++i) {
        const QString &kind = kindOf(i);
        if (kind == KindFunction)
            buildFunction(i);
        else if (kind == KindQueue)
            buildQueue(i);
    }
    int reservedSum = 0;
    for (const Function &f : m_fns)
        reservedSum += f.reserved.value_or(0);
    m_unreservedCapacity = std::max(0, m_w.accountConcurrency - reservedSum);
    if (m_w.accountConcurrency - reservedSum < int(m_n.lambdaUnreservedMinimum))
        m_result.notes.push_back(QStringLiteral("reserved concurrency leaves fewer than 100 "
                                                "unreserved executions; AWS would refuse it"));

    // Event source mappings.
    for (int c = 0; c < int(m_data.connections.size()); ++c) {
        const Connection &conn = m_data.connections[size_t(c)];
        const int from = fromOf(c), to = toOf(c);
        if (from < 0 || to < 0 || conn.role != RoleTrigger || m_fnOf[size_t(to)] < 0)
            continue;
        const QString &kind = kindOf(from);
        const bool enabled = !cprop(c, QStringLiteral("Enabled"))
                             || cprop(c, QStringLiteral("Enabled"))->toBool().value_or(true);
        if (kind == KindQueue) {
            SqsEsm e;
            e.conn = c;
            e.queue = m_queueOf[size_t(from)];
            e.fn = m_fnOf[size_t(to)];
            e.batchSize = std::max(1, int(numberOr(cprop(c, QStringLiteral("BatchSize")), 10)));
            e.window = numberOr(cprop(c, QStringLiteral("MaximumBatchingWindowInSeconds")), 0);
            if (m_queues[size_t(e.queue)].fifo) {
                e.window = 0;
                e.batchSize = std::min(e.batchSize, 10);
            }
            e.partial = listHas(cprop(c, QStringLiteral("FunctionResponseTypes")),
                                QStringLiteral("ReportBatchItemFailures"));
            e.maxConcurrency = int(numberOr(cprop(c, QStringLiteral("MaximumConcurrency")), 0));
            e.enabled = enabled;
            m_queues[size_t(e.queue)].esms.push_back(int(m_sqsEsms.size()));
            m_sqsEsms.push_back(e);
        } else if (kind == KindStream || kind == KindTable || kind == KindMsk) {
            StreamEsm e;
            e.conn = c;
            e.stream = from;
            e.fn = m_fnOf[size_t(to)];
            const SourceLoad *load = m_w.source(m_data.components[size_t(from)].id);
            if (kind == KindStream) {
                const bool onDemand = prop(from, QStringLiteral("StreamModeDetails"))
                                      && prop(from, QStringLiteral("StreamModeDetails"))->text() == u"ON_DEMAND";
                e.shards = int(numberOr(prop(from, QStringLiteral("ShardCount")),
                                        onDemand ? m_n.kinesisOnDemandInitialShards : 1));
                e.retention = numberOr(prop(from, QStringLiteral("RetentionPeriodHours")), 24) * 3600;
                e.pollInterval = m_n.kinesisPollInterval;
            } else if (kind == KindTable) {
                e.retention = m_n.dynamodbStreamRetention;
                e.pollInterval = m_n.dynamodbPollInterval;
            } else {
                e.retention = m_n.mskRetention;
            }
            if (load && load->shards)
                e.shards = *load->shards;
            e.shards = std::max(1, e.shards);
            e.parallel = std::clamp(int(numberOr(cprop(c, QStringLiteral("ParallelizationFactor")), 1)), 1, 10);
            e.batchSize = std::max(1, int(numberOr(cprop(c, QStringLiteral("BatchSize")),
                                                   m_n.esmDefaultStreamBatch)));
            e.window = numberOr(cprop(c, QStringLiteral("MaximumBatchingWindowInSeconds")),
                                kind == KindMsk ? m_n.mskDefaultBatchingWindow : 0);
            e.maxRetry = int(numberOr(cprop(c, QStringLiteral("MaximumRetryAttempts")), -1));
            e.maxRecordAge = numberOr(cprop(c, QStringLiteral("MaximumRecordAgeInSeconds")), -1);
            e.bisect = flagOf(cprop(c, QStringLiteral("BisectBatchOnFunctionError")));
            e.partial = listHas(cprop(c, QStringLiteral("FunctionResponseTypes")),
                                QStringLiteral("ReportBatchItemFailures"));
            e.enabled = enabled;
            if (const Value *of = cprop(c, QStringLiteral("OnFailure")); of && of->isScalar())
                e.onFailure = compOf(of->text());
            e.lanes.assign(size_t(e.shards * (kind == KindMsk ? 1 : e.parallel)), {});
            for (Lane &l : e.lanes)
                l.limit = e.batchSize;
            m_streamEsmsOf[size_t(from)].push_back(int(m_streamEsms.size()));
            m_streamEsms.push_back(std::move(e));
        }
    }
    for (int i = 0; i < n; ++i) {
        ComponentStats &s = stats(i);
        const QString &kind = kindOf(i);
        if (kind == KindFunction)
            s.role = ComponentStats::Role::Function;
        else if (kind == KindQueue)
            s.role = ComponentStats::Role::Queue;
        else if (!m_streamEsmsOf[size_t(i)].empty() || kind == KindStream || kind == KindMsk)
            s.role = ComponentStats::Role::Stream;
    }
}

void Engine::buildFunction(int comp)
{
    Function f;
    f.comp = comp;
    if (const Value *v = prop(comp, QStringLiteral("ReservedConcurrentExecutions")); v && v->toInteger())
        f.reserved = int(std::max<qint64>(0, *v->toInteger()));
    f.provisioned = int(numberOr(prop(comp, QStringLiteral("ProvisionedConcurrentExecutions")), 0));
    f.timeout = numberOr(prop(comp, QStringLiteral("Timeout")), 3);
    f.maxRetry = int(numberOr(prop(comp, QStringLiteral("MaximumRetryAttempts")), 2));
    f.maxAge = numberOr(prop(comp, QStringLiteral("MaximumEventAgeInSeconds")), 21600);
    const Value *loop = prop(comp, QStringLiteral("RecursiveLoop"));
    f.terminateLoops = !loop || loop->text() != u"Allow";
    const QString &id = m_data.components[size_t(comp)].id;
    if (const FunctionBehaviour *b = m_w.function(id))
        f.behaviour = *b;
    f.behaviour.component = id;
    f.duration = f.behaviour.durationMs / 1000.0;
    f.warm = f.provisioned;
    for (int c : m_out[size_t(comp)]) {
        const Connection &conn = m_data.connections[size_t(c)];
        if (conn.role == RoleOnSuccess)
            f.onSuccess.push_back(c);
        else if (conn.role == RoleOnFailure)
            f.onFailure.push_back(c);
        else if (conn.role == RoleDeadLetter)
            f.deadLetter.push_back(c);
        else if (conn.role == RoleAccess) {
            const Value *access = cprop(c, QStringLiteral("Access"));
            const QString mode = access ? access->text() : QStringLiteral("read-write");
            const QString &to = kindOf(toOf(c));
            if (mode != u"read"
                && (to == KindQueue || to == KindTopic || to == KindStream || to == KindBus || to == KindBucket))
                f.writes.push_back(c);
        }
    }
    m_fnOf[size_t(comp)] = int(m_fns.size());
    m_fns.push_back(std::move(f));
}

void Engine::buildQueue(int comp)
{
    Queue q;
    q.comp = comp;
    q.fifo = flagOf(prop(comp, QStringLiteral("FifoQueue")));
    q.visibility = numberOr(prop(comp, QStringLiteral("VisibilityTimeout")), 30);
    q.retention = numberOr(prop(comp, QStringLiteral("MessageRetentionPeriod")), 345600);
    q.delay = numberOr(prop(comp, QStringLiteral("DelaySeconds")), 0);
    for (int c : m_out[size_t(comp)]) {
        if (m_data.connections[size_t(c)].role == RoleDeadLetter) {
            q.dlqConn = c;
            q.maxReceive = std::max(1, int(numberOr(cprop(c, QStringLiteral("maxReceiveCount")), 10)));
        }
    }
    m_queueOf[size_t(comp)] = int(m_queues.size());
    m_queues.push_back(std::move(q));
}

// ----------------------------------------------------------------------------------------
// Sources and routing

void Engine::sourceNext(int index)
{
    SourceState &s = m_sources[size_t(index)];
    const double stop = s.load.stop.value_or(m_w.duration);
    const auto one = [&] {
        Token proto;
        proto.eventId = ++m_lastEvent;
        proto.seq = m_seqOf[size_t(s.comp)]++;
        proto.key = int(proto.seq % std::max(1, s.load.keys));
        if (!s.load.events.empty())
            proto.event = &s.load.events[size_t(proto.seq) % s.load.events.size()];
        produce(s.comp, proto, -1);
        ++s.emitted;
    };
    if (s.load.rate <= 0) {
        // A burst: all `count` events at `start`, before anything polls them.
        while (s.load.count && s.emitted < *s.load.count && m_live < LiveCap)
            one();
        return;
    }
    one();
    if (s.load.count && s.emitted >= *s.load.count)
        return;
    double next;
    if (s.load.poisson) {
        next = m_now - std::log(1.0 - m_rng.uniform()) / s.load.rate;
    } else {
        next = s.load.start + double(s.emitted) / s.load.rate;
    }
    if (next < stop && next <= m_w.duration)
        schedule(next, EvType::SourceNext, index);
}

/// An event produced at a component (a workload source): it flows as if AWS received it.
void Engine::produce(int comp, Token proto, int viaConn)
{
    // Rule -> bus -> rule chains happen within one instant: stop an endless one.
    if (m_produceDepth > 32) {
        if (!m_result.stoppedEarly)
            m_result.notes.push_back(QStringLiteral("an event looped through %1 without end; the "
                                                    "simulator stopped following it")
                                         .arg(m_data.components[size_t(comp)].id));
        m_result.stoppedEarly = true;
        return;
    }
    struct Depth { int &d; explicit Depth(int &x) : d(x) { ++d; } ~Depth() { --d; } } depth(m_produceDepth);
    const double duplicateRate = m_duplicateRate[size_t(comp)];
    if (tracing() && viaConn < 0)
        emitStep(TraceStep{m_now, Action::Inject, comp, -1, {}, QStringLiteral("event %1").arg(proto.eventId)});
    const K kind = m_kind[size_t(comp)];
    if (kind == K::Api) {
        std::vector<int> routes;
        for (int c : m_out[size_t(comp)])
            if (isTrigger(c) && m_fnOf[size_t(toOf(c))] >= 0)
                routes.push_back(c);
        if (routes.empty())
            return;
        const int c = routes[size_t(m_apiCursor[size_t(comp)]++ % int(routes.size()))];
        syncRequest(c, proto);
        return;
    }
    if (kind == K::Function) {
        // An async invocation by another function (a destination) or by the workload.
        Token t = newEntry(proto, viaConn);
        deliverAsync(viaConn, t);
        return;
    }
    if (kind == K::Queue) {
        sqsEnqueue(m_queueOf[size_t(comp)], proto, viaConn);
        if (m_rng.chance(duplicateRate))
            sqsEnqueue(m_queueOf[size_t(comp)], proto, viaConn);
        return;
    }
    if (!m_streamEsmsOf[size_t(comp)].empty()) {
        for (int e : m_streamEsmsOf[size_t(comp)]) {
            streamAppend(e, proto);
            if (m_rng.chance(duplicateRate))
                streamAppend(e, proto);
        }
        return;
    }
    if (kind == K::Bus) {
        for (int r : m_rulesOf[size_t(comp)])
            fireRule(r, proto);
        return;
    }
    if (kind == K::Rule) {
        const Value *state = prop(comp, QStringLiteral("State"));
        if (state && state->text() == u"DISABLED")
            return;
        fireRule(comp, proto);
        return;
    }
    // S3 buckets, SNS topics and anything else with trigger connections: one async delivery
    // per subscription; other connections (targets) are put into their destination.
    for (int c : m_out[size_t(comp)]) {
        if (!isTrigger(c) || m_fnOf[size_t(toOf(c))] < 0)
            continue;
        if (proto.event && m_filter[size_t(c)] && !eventMatches(*m_filter[size_t(c)], *proto.event)) {
            ++stats(comp).filteredOut;   // the subscription's filter policy says no
            continue;
        }
        startAsync(c, proto, true, duplicateRate);
    }
}

void Engine::fireRule(int rule, const Token &proto)
{
    const double duplicateRate = m_duplicateRate[size_t(rule)];
    if (proto.event && m_pattern[size_t(rule)] && !eventMatches(*m_pattern[size_t(rule)], *proto.event)) {
        ++stats(rule).filteredOut;   // the rule's event pattern does not match
        return;
    }
    for (int c : m_out[size_t(rule)]) {
        if (isTrigger(c) && m_fnOf[size_t(toOf(c))] >= 0) {
            startAsync(c, proto, true, duplicateRate);
        } else if (m_data.connections[size_t(c)].role == RoleTarget) {
            Token t = proto;
            t.loopSafe = false;
            if (tracing())
                emitStep(TraceStep{m_now, Action::Deliver, toOf(c), c, {}, {}});
            putInto(toOf(c), t, c);
        }
    }
}

/// A message put into a component by a function, a rule target or a destination.
void Engine::putInto(int comp, const Token &proto, int viaConn)
{
    if (comp < 0)
        return;
    if (m_live >= LiveCap) {
        m_result.stoppedEarly = true;
        return;
    }
    Token t = proto;
    t.entry = 0;
    t.dup = -1;
    t.failed = false;
    produce(comp, t, viaConn);
}

void Engine::sample()
{
    for (Function &f : m_fns) {
        if (f.intervalLatency.total == 0)
            continue;
        level(f.comp, Series::LatencyP50, f.intervalLatency.quantile(0.5));
        level(f.comp, Series::LatencyP99, f.intervalLatency.quantile(0.99));
        f.intervalLatency = {};
    }
    for (const Queue &q : m_queues) {
        level(q.comp, Series::QueueDepth, double(q.count));
        double oldest = 0;
        for (const auto &[serial, slot] : q.order) {
            const SqsMessage &m = m_msgs[size_t(slot)];
            if (m.alive && m.serial == serial) {
                oldest = m_now - m.token.origin;
                break;
            }
        }
        level(q.comp, Series::OldestAge, oldest);
        ComponentStats &s = stats(q.comp);
        s.maxAgeOfOldest = std::max(s.maxAgeOfOldest, oldest);
    }
    for (StreamEsm &e : m_streamEsms) {
        double age = 0;
        for (const Lane &l : e.lanes)
            if (!l.records.empty())
                age = std::max(age, m_now - l.records.front().origin);
        level(e.stream, Series::IteratorAge, age);
        ComponentStats &s = stats(e.stream);
        s.maxIteratorAge = std::max(s.maxIteratorAge, age);
    }
}

Result Engine::run()
{
    m_result.workload = m_w;
    const int n = int(m_data.components.size());
    m_result.series.samples = std::max(1, m_opt.seriesSamples);
    m_result.series.interval = m_w.duration / m_result.series.samples;
    m_result.series.values.assign(size_t(n), {});
    for (auto &metrics : m_result.series.values)
        for (auto &v : metrics)
            v.assign(size_t(m_result.series.samples), 0.0);
    build();

    for (const SourceLoad &l : m_w.sources) {
        const int comp = compOf(l.component);
        if (comp < 0) {
            m_result.notes.push_back(QStringLiteral("source '%1' is not a component of the design").arg(l.component));
            continue;
        }
        if (kindOf(comp) == KindFunction) {
            m_result.notes.push_back(QStringLiteral("source '%1' is a function; functions produce "
                                                    "events through their access edges").arg(l.component));
            continue;
        }
        if (l.count && *l.count == 0)
            continue;
        m_sources.push_back({l, comp, 0, 0});
        schedule(l.start, EvType::SourceNext, int(m_sources.size()) - 1);
    }
    for (const FunctionBehaviour &b : m_w.functions)
        if (compOf(b.component) < 0 || kindOf(compOf(b.component)) != KindFunction)
            m_result.notes.push_back(QStringLiteral("'%1' under functions is not a function of the design").arg(b.component));
    for (int i = 1; i <= m_result.series.samples; ++i)
        schedule(std::min(m_w.duration, i * m_result.series.interval) - 1e-9, EvType::Sample, i);

    while (!m_events.empty()) {
        const Ev ev = m_events.top();
        if (ev.t > m_w.duration)
            break;
        m_events.pop();
        m_now = std::max(m_now, ev.t);
        ++m_result.steps;
        switch (ev.type) {
        case EvType::SourceNext:
            sourceNext(ev.a);
            break;
        case EvType::InvokeEnd:
            endInvocation(ev.a);
            break;
        case EvType::AsyncReady: {
            std::vector<Token> t = take(ev.payload);
            // Back in the async queue, at its head (retries keep their place).
            m_fns[size_t(ev.a)].asyncReady.push_front(t.front());
            pumpAsync(ev.a);
            break;
        }
        case EvType::DeliveryRetry: {
            std::vector<Token> t = take(ev.payload);
            deliverAsync(ev.a, t.front());
            break;
        }
        case EvType::SqsVisible:
            sqsVisible(ev.a, ev.b);
            break;
        case EvType::SqsPoll:
            if (m_sqsEsms[size_t(ev.a)].pollAt <= m_now)
                m_sqsEsms[size_t(ev.a)].pollAt = -1;
            sqsPoll(ev.a);
            break;
        case EvType::LanePoll: {
            Lane &l = m_streamEsms[size_t(ev.a)].lanes[size_t(ev.b)];
            if (l.pollAt <= m_now + 1e-12)
                l.pollAt = -1;
            lanePoll(ev.a, ev.b);
            break;
        }
        case EvType::Sample:
            sample();
            break;
        }
    }
    m_now = m_w.duration;
    for (Queue &q : m_queues)
        sqsExpire(q);

    // Conservation: every entry not finished must still be somewhere in the model.
    qint64 live = 0;
    for (const SqsMessage &m : m_msgs)
        if (m.alive && m.token.entry)
            ++live;
    for (const Function &f : m_fns)
        for (const Token &t : f.asyncReady)
            live += t.entry ? 1 : 0;
    for (const StreamEsm &e : m_streamEsms)
        for (const Lane &l : e.lanes)
            live += qint64(l.records.size());
    while (!m_events.empty()) {
        const Ev ev = m_events.top();
        m_events.pop();
        if (ev.payload >= 0 && (ev.type == EvType::AsyncReady || ev.type == EvType::DeliveryRetry))
            for (const Token &t : m_payloads[size_t(ev.payload)])
                live += t.entry ? 1 : 0;
        if (ev.type == EvType::InvokeEnd) {
            const Invocation &inv = m_invs[size_t(ev.a)];
            if (inv.via == Via::Sync || inv.via == Via::Async)
                for (const Token &t : m_payloads[size_t(inv.payload)])
                    live += t.entry ? 1 : 0;
        }
    }
    m_result.fates[size_t(Fate::InFlight)] = live;
    qint64 sum = 0;
    for (qint64 v : m_result.fates)
        sum += v;
    if (sum != m_result.injected || live != m_live)
        m_result.conserved = false;
    for (const Queue &q : m_queues)
        stats(q.comp).depthAtEnd = q.count;
    for (const Function &f : m_fns) {
        stats(f.comp).latencyP50 = f.latency.quantile(0.5);
        stats(f.comp).latencyP99 = f.latency.quantile(0.99);
    }
    if (m_result.stoppedEarly)
        m_result.notes.push_back(QStringLiteral("more than %1 events were alive at once; new "
                                                "messages were no longer produced").arg(LiveCap));
    return std::move(m_result);
}

} // namespace detail

Result simulate(const DiagramData &data, const Catalog &catalog, const Workload &workload,
                const Options &options)
{
    detail::Engine engine(data, catalog, workload, options);
    return engine.run();
}

} // namespace ew::core::sim

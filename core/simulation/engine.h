// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// The simulator's engine: its runtime model and the class Engine that simulate() runs. Private
// to core/simulation; the member functions are defined by invocation class in simulator.cpp
// (build, run, sources and routing), simasync.cpp (async, sync and deliveries), simsqs.cpp,
// simstreams.cpp (streams and Kafka) and simfunctions.cpp (concurrency and invocations).

#include "core/simulation/simulator.h"

#include "core/simulation/awsnumbers.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <queue>

namespace ew::core::sim::detail {

/// xoshiro256** seeded by splitmix64: the same stream of numbers on every platform.
class Random
{
public:
    explicit Random(quint64 seed)
    {
        for (quint64 &s : m_s) {
            seed += 0x9e3779b97f4a7c15ULL;
            quint64 z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }
    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return p > 0 && (p >= 1 || uniform() < p); }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_s[4];
};

/// One event travelling through the design: a ledger entry's token.
struct Token
{
    quint64 entry = 0;      ///< ledger entry id (0: not an entry, e.g. a message nobody consumes)
    quint64 eventId = 0;
    double created = 0;     ///< when the entry started (latency, maximum event age)
    double origin = 0;      ///< when it was first put on its queue or stream (retention)
    double arrival = 0;     ///< when it arrived where it waits now (iterator age, window)
    int attempts = 0;       ///< invocations of this entry so far
    int receives = 0;       ///< SQS ApproximateReceiveCount
    int key = 0;            ///< message group / partition key
    int seq = 0;            ///< sequence number at its producer (poison-every)
    int depth = 0;          ///< functions in its chain (recursive-loop detection)
    int dup = -1;           ///< shared duplicate counter slot, or -1
    int slot = -1;          ///< SQS message slot while in a batch
    quint64 serial = 0;     ///< SQS message serial while in a batch
    int entryConn = -1;     ///< the connection the entry entered
    double backoff = 0;     ///< async/delivery retry backoff
    bool failed = false;    ///< set by the invocation for this token
    bool loopSafe = true;   ///< chain only through services the loop detector watches
    const Value *event = nullptr;   ///< what it looks like (workload `events`), or unknown
};

enum class EvType { SourceNext, InvokeEnd, AsyncReady, SqsVisible, SqsPoll, LanePoll, Sample, DeliveryRetry };

struct Ev
{
    double t;
    quint64 seq;
    EvType type;
    int a;
    int b;
    int payload;   ///< slot in the token pools, or -1
    bool operator>(const Ev &o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

/// A fixed log-scale histogram of seconds (1 ms .. ~18 h), for p50/p99 in bounded memory.
struct Histogram
{
    static constexpr int Buckets = 200;
    std::array<qint64, Buckets> counts{};
    qint64 total = 0;
    static int bucketOf(double s)
    {
        if (s <= 0.001)
            return 0;
        const int b = int(std::log2(s / 0.001) * 8) + 1;
        return std::min(b, Buckets - 1);
    }
    static double upperOf(int b) { return b == 0 ? 0.001 : 0.001 * std::exp2(b / 8.0); }
    void add(double s)
    {
        ++counts[size_t(bucketOf(s))];
        ++total;
    }
    double quantile(double q) const
    {
        if (total == 0)
            return 0;
        const qint64 want = qint64(std::ceil(q * double(total)));
        qint64 seen = 0;
        for (int b = 0; b < Buckets; ++b) {
            seen += counts[size_t(b)];
            if (seen >= want)
                return upperOf(b);
        }
        return upperOf(Buckets - 1);
    }
};

/// The numbers of awsnumbers.cpp the engine uses, read once per run.
struct Numbers
{
    double asyncRetryDelay1 = awsNumber("async.retry-delay-1");
    double asyncRetryDelay2 = awsNumber("async.retry-delay-2");
    double asyncThrottleBackoffMax = awsNumber("async.throttle-backoff-max");
    double asyncThrottleBackoffMin = awsNumber("async.throttle-backoff-min");
    double dynamodbPollInterval = awsNumber("dynamodb.poll-interval");
    double dynamodbStreamRetention = awsNumber("dynamodb.stream-retention");
    double esmDefaultStreamBatch = awsNumber("esm.default-stream-batch");
    double eventbridgeRetryBackoffMax = awsNumber("eventbridge.retry-backoff-max");
    double eventbridgeRetryBackoffMin = awsNumber("eventbridge.retry-backoff-min");
    double kinesisOnDemandInitialShards = awsNumber("kinesis.on-demand-initial-shards");
    double kinesisPollInterval = awsNumber("kinesis.poll-interval");
    double lambdaColdStart = awsNumber("lambda.cold-start");
    double lambdaRecursionLimit = awsNumber("lambda.recursion-limit");
    double lambdaScalingEnvironments = awsNumber("lambda.scaling-environments");
    double lambdaScalingPeriod = awsNumber("lambda.scaling-period");
    double lambdaUnreservedMinimum = awsNumber("lambda.unreserved-minimum");
    double mskDefaultBatchingWindow = awsNumber("msk.default-batching-window");
    double mskRetention = awsNumber("msk.retention");
    double snsLambdaRetryAttempts = awsNumber("sns.lambda-retry-attempts");
    double snsLambdaRetryDelay = awsNumber("sns.lambda-retry-delay");
    double snsLambdaRetryPeriod = awsNumber("sns.lambda-retry-period");
    double s3DeliveryRetryAttempts = awsNumber("s3.delivery-retry-attempts");
    double s3DeliveryRetryPeriod = awsNumber("s3.delivery-retry-period");
    double s3DeliveryRetryDelay = awsNumber("s3.delivery-retry-delay");
    double sqsInitialBatches = awsNumber("sqs.initial-batches");
    double sqsMaxBatches = awsNumber("sqs.max-batches");
    double sqsScalePerMinute = awsNumber("sqs.scale-per-minute");
    double sqsThrottledRepoll = awsNumber("sqs.throttled-repoll");
    double streamRetryDelay = awsNumber("stream.retry-delay");
};

enum class Via { Sync, Async, Sqs, Stream };
/// What the engine does with a component, decided once per run from its kind.
enum class K : quint8 { Api, Function, Queue, Bus, Rule, Other };

struct Function
{
    int comp = -1;
    std::optional<int> reserved;
    int provisioned = 0;
    double timeout = 3;
    int maxRetry = 2;
    double maxAge = 21600;
    bool terminateLoops = true;
    FunctionBehaviour behaviour;
    double duration = 0.1;
    std::vector<int> onSuccess, onFailure, deadLetter, writes;   ///< connection indexes
    int running = 0;
    int warm = 0;
    double scaleWindowStart = 0;
    int scaleWindowCount = 0;
    std::deque<Token> asyncReady;
    int emitted = 0;
    Histogram latency;
    Histogram intervalLatency;   ///< since the last sample
};

struct SqsMessage
{
    Token token;
    int queue = -1;
    quint64 serial = 0;
    int version = 0;
    bool inFlight = false;
    bool alive = false;
    bool listed = false;    ///< standard queue: counted in `visible`
    int successes = 0;      ///< successful invocations that held it
    int running = 0;        ///< invocations holding it now
};

struct FifoGroup
{
    std::deque<int> messages;   ///< slots in order, visible and in flight
    int inFlight = 0;
};

struct Queue
{
    int comp = -1;
    bool fifo = false;
    double visibility = 30;
    double retention = 345600;
    double delay = 0;
    int dlqConn = -1;
    int maxReceive = 10;
    std::deque<std::pair<quint64, int>> visible; ///< standard: (serial, slot), lazily cleaned
    qint64 visibleCount = 0;
    std::map<int, FifoGroup> groups;          ///< FIFO: per message group
    int fifoCursor = 0;
    std::deque<std::pair<quint64, int>> order; ///< (serial, slot) in enqueue order, lazily cleaned
    std::vector<int> esms;
    qint64 count = 0;
};

struct SqsEsm
{
    int conn = -1;
    int queue = -1;
    int fn = -1;
    int batchSize = 10;
    double window = 0;
    bool partial = false;
    int maxConcurrency = 0;
    bool enabled = true;
    int inFlight = 0;
    double backlogSince = -1;
    double pollAt = -1;   ///< a poll is scheduled at this time
};

struct Lane
{
    std::deque<Token> records;
    bool inFlight = false;
    int attempts = 0;
    int limit = 0;          ///< batch size limit (halved by bisect)
    double pollAt = -1;     ///< a batching-window poll is scheduled
    double retryAt = -1;    ///< blocked until then (retry after an error or a throttle)
};

struct StreamEsm
{
    int conn = -1;
    int stream = -1;        ///< component
    int fn = -1;
    int shards = 1;
    int parallel = 1;
    int batchSize = 100;
    double window = 0;
    int maxRetry = -1;
    double maxRecordAge = -1;
    double retention = 86400;
    double pollInterval = 0;   ///< Lambda polls an idle shard this often
    bool bisect = false;
    bool partial = false;
    bool enabled = true;
    int onFailure = -1;     ///< component index of the OnFailure destination
    std::vector<Lane> lanes;
};

struct Invocation
{
    int fn = -1;
    Via via = Via::Async;
    int ref = -1;           ///< connection (sync), esm index (sqs), esm*65536+lane (stream)
    int payload = -1;
    double start = 0;
    double end = 0;
    bool error = false;
    bool timedOut = false;
    double integrationTimeout = 0;
};

class Engine
{
public:
    Engine(const DiagramData &data, const Catalog &catalog, const Workload &workload,
           const Options &options)
        : m_data(data), m_catalog(catalog), m_w(workload), m_opt(options), m_rng(workload.seed)
    {
    }

    Result run();

private:
    // --- design ---------------------------------------------------------------------------
    const Value *prop(int comp, const QString &name) const
    {
        const Component &c = m_data.components[size_t(comp)];
        if (const Value *v = c.properties.find(name))
            return v;
        if (const KindSpec *k = m_catalog.kind(c.kind))
            if (const PropertySpec *p = k->property(name); p && p->defaultValue)
                return &*p->defaultValue;
        return nullptr;
    }
    const Value *cprop(int conn, const QString &name) const
    {
        const Connection &c = m_data.connections[size_t(conn)];
        if (const Value *v = c.properties.find(name))
            return v;
        const int from = m_index.value(c.from, -1);
        if (from >= 0)
            if (const RoleSpec *r = m_catalog.roleSpec(m_data.components[size_t(from)].kind, c.role))
                if (const PropertySpec *p = r->property(name); p && p->defaultValue)
                    return &*p->defaultValue;
        return nullptr;
    }
    static double numberOr(const Value *v, double fallback)
    {
        if (!v || !v->isScalar() || v->isQuoted())
            return fallback;
        return v->toNumber().value_or(fallback);
    }
    static bool flagOf(const Value *v) { return v && v->isScalar() && v->toBool().value_or(false); }
    static bool listHas(const Value *v, const QString &item)
    {
        if (!v)
            return false;
        if (v->isScalar())
            return v->text() == item;
        for (const Value &i : v->items())
            if (i.isScalar() && i.text() == item)
                return true;
        return false;
    }
    const QString &kindOf(int comp) const { return m_data.components[size_t(comp)].kind; }
    int compOf(const QString &id) const { return m_index.value(id, -1); }
    int toOf(int conn) const { return m_to[size_t(conn)]; }
    int fromOf(int conn) const { return m_from[size_t(conn)]; }
    bool isTrigger(int conn) const { return m_trigger[size_t(conn)]; }

    void build();
    void buildFunction(int comp);
    void buildQueue(int comp);

    // --- event queue ----------------------------------------------------------------------
    void schedule(double t, EvType type, int a, int b = 0, int payload = -1)
    {
        m_events.push(Ev{t, m_seq++, type, a, b, payload});
    }
    int store(std::vector<Token> tokens)
    {
        int slot;
        if (!m_freePayloads.empty()) {
            slot = m_freePayloads.back();
            m_freePayloads.pop_back();
            m_payloads[size_t(slot)] = std::move(tokens);
        } else {
            slot = int(m_payloads.size());
            m_payloads.push_back(std::move(tokens));
        }
        return slot;
    }
    std::vector<Token> take(int slot)
    {
        std::vector<Token> tokens = std::move(m_payloads[size_t(slot)]);
        m_payloads[size_t(slot)].clear();
        m_freePayloads.push_back(slot);
        return tokens;
    }

    // --- trace ----------------------------------------------------------------------------
    bool tracing() const { return m_opt.trace || m_opt.onStep; }
    void step(Action action, int comp, int conn, const std::vector<Token> &tokens, QString detail = {})
    {
        if (!tracing())
            return;
        TraceStep s{m_now, action, comp, conn, {}, std::move(detail)};
        s.entries.reserve(tokens.size());
        for (const Token &t : tokens)
            if (t.entry)
                s.entries.push_back(t.entry);
        emitStep(std::move(s));
    }
    void step(Action action, int comp, int conn, const Token &token, QString detail = {})
    {
        if (!tracing() || !token.entry)
            return;
        emitStep(TraceStep{m_now, action, comp, conn, {token.entry}, std::move(detail)});
    }
    void emitStep(TraceStep &&s)
    {
        if (m_opt.onStep) {
            m_opt.onStep(s);
            return;
        }
        if (qint64(m_result.trace.size()) < m_opt.maxTraceSteps)
            m_result.trace.push_back(std::move(s));
    }

    // --- ledger ---------------------------------------------------------------------------
    Token newEntry(const Token &proto, int conn)
    {
        Token t = proto;
        t.entry = ++m_lastEntry;
        t.created = m_now;
        t.attempts = 0;
        t.receives = 0;
        t.entryConn = conn;
        t.backoff = 0;
        t.failed = false;
        ++m_result.injected;
        ++m_live;
        if (m_opt.keepEntries) {
            EntryRecord r;
            r.id = t.entry;
            r.eventId = t.eventId;
            r.connection = conn;
            r.created = m_now;
            m_result.entries.push_back(r);
        }
        return t;
    }
    void finish(const Token &t, Fate fate, int where)
    {
        if (!t.entry)
            return;
        if (t.dup >= 0)
            releaseDup(t.dup);
        ++m_result.fates[size_t(fate)];
        --m_live;
        if (m_opt.keepEntries) {
            EntryRecord &r = m_result.entries[size_t(t.entry - 1)];
            if (r.finished >= 0)
                m_result.conserved = false;   // finished twice: a bug the check must show
            r.finished = m_now;
            r.fate = fate;
            r.receives = std::max(t.receives, t.attempts);
            r.where = where;
        }
        if (fate == Fate::Discarded)
            count(where, Series::Lost, 1);
        if (tracing())
            emitStep(TraceStep{m_now, Action::Finish, where, t.entryConn, {t.entry}, fateName(fate)});
    }
    int newDup()
    {
        if (!m_freeDups.empty()) {
            const int s = m_freeDups.back();
            m_freeDups.pop_back();
            m_dups[size_t(s)] = {0, 0};
            return s;
        }
        m_dups.push_back({0, 0});
        return int(m_dups.size()) - 1;
    }
    void releaseDup(int s)
    {
        if (--m_dups[size_t(s)].second <= 0)
            m_freeDups.push_back(s);
    }

    // --- metrics --------------------------------------------------------------------------
    int sampleIndex() const
    {
        return std::clamp(int(m_now / m_result.series.interval), 0, m_result.series.samples - 1);
    }
    void count(int comp, Series::Metric m, double n)
    {
        if (comp < 0)
            return;
        m_result.series.values[size_t(comp)][m][size_t(sampleIndex())] += n;
    }
    void level(int comp, Series::Metric m, double v)
    {
        if (comp < 0)
            return;
        double &cell = m_result.series.values[size_t(comp)][m][size_t(sampleIndex())];
        cell = std::max(cell, v);
    }
    ComponentStats &stats(int comp) { return m_result.components[size_t(comp)]; }
    static void addLatency(Function &f, double seconds)
    {
        f.latency.add(seconds);
        f.intervalLatency.add(seconds);
    }

    // --- flows ----------------------------------------------------------------------------
    void sourceNext(int sourceIndex);
    void produce(int comp, Token proto, int viaConn);
    void putInto(int comp, const Token &proto, int viaConn);
    void fireRule(int rule, const Token &proto);
    void startAsync(int conn, const Token &proto, bool allowDuplicate, double duplicateRate);
    void deliverAsync(int conn, Token token);
    void enqueueAsync(int fn, Token token);
    void pumpAsync(int fn);
    void asyncFailed(int fn, Token token);
    void syncRequest(int conn, const Token &proto);
    void sqsEnqueue(int queue, Token token, int viaConn);
    void sqsPoll(int esm);
    /// Polls once everything that happens at this instant has happened (a burst is one batch).
    void requestPoll(int esm)
    {
        SqsEsm &e = m_sqsEsms[size_t(esm)];
        if (e.pollAt == m_now)
            return;
        e.pollAt = m_now;
        schedule(m_now, EvType::SqsPoll, esm);
    }
    void sqsDelete(int slot);
    void sqsToDlq(int slot);
    void sqsVisible(int slot, int version);
    void sqsExpire(Queue &q);
    /// Pops entries of `visible` whose message was deleted or received meanwhile.
    void dropDeadVisible(Queue &q)
    {
        while (!q.visible.empty()) {
            const auto [serial, slot] = q.visible.front();
            const SqsMessage &m = m_msgs[size_t(slot)];
            if (m.alive && m.serial == serial && m.listed)
                return;
            q.visible.pop_front();
        }
    }
    void streamAppend(int esm, Token token);
    void lanePoll(int esm, int lane);
    void laneDiscard(StreamEsm &s, std::vector<Token> tokens, Fate fallback);
    bool acquire(int fn, double *coldStart);
    int startInvocation(int fn, Via via, int ref, std::vector<Token> tokens, double integrationTimeout,
                        bool *throttled);
    void endInvocation(int inv);
    void succeeded(int fn, Token &t);
    void emitAfter(int fn, const std::vector<Token> &tokens);
    void sample();
    bool loopStops(int fn, const std::vector<Token> &tokens) const;

    const DiagramData &m_data;
    const Catalog &m_catalog;
    Workload m_w;
    Options m_opt;
    Random m_rng;
    Result m_result;
    const Numbers m_n;

    QHash<QString, int> m_index;
    std::vector<int> m_from, m_to;             ///< per connection: component indexes (-1: missing)
    std::vector<bool> m_trigger;               ///< per connection: role trigger
    std::vector<double> m_integrationTimeout;  ///< per connection: API integration timeout, s
    std::vector<const Value *> m_filter;       ///< per connection: SNS FilterPolicy, or null
    std::vector<const Value *> m_pattern;      ///< per component: a rule's EventPattern, or null
    std::vector<std::vector<int>> m_out;       ///< outgoing connections per component
    std::vector<int> m_fnOf;                   ///< component -> function index or -1
    std::vector<K> m_kind;
    std::vector<int> m_queueOf;                ///< component -> queue index or -1
    std::vector<Function> m_fns;
    std::vector<Queue> m_queues;
    std::vector<SqsEsm> m_sqsEsms;
    std::vector<StreamEsm> m_streamEsms;
    std::vector<std::vector<int>> m_streamEsmsOf;   ///< component -> stream esm indexes
    std::vector<int> m_apiCursor;
    std::vector<double> m_duplicateRate;         ///< per component, from its source load
    std::vector<std::vector<int>> m_rulesOf;     ///< bus -> the enabled rules listening on it
    struct SourceState { SourceLoad load; int comp; qint64 emitted = 0; double next = 0; };
    std::vector<SourceState> m_sources;
    std::vector<int> m_seqOf;                  ///< per component: produced so far

    std::priority_queue<Ev, std::vector<Ev>, std::greater<Ev>> m_events;
    quint64 m_seq = 0;
    double m_now = 0;
    std::vector<std::vector<Token>> m_payloads;
    std::vector<int> m_freePayloads;
    std::vector<SqsMessage> m_msgs;
    std::vector<int> m_freeMsgs;
    quint64 m_lastSerial = 0;
    int m_lastVersion = 0;   ///< receipt handles: unique over the run
    std::vector<Invocation> m_invs;
    std::vector<int> m_freeInvs;
    std::vector<std::pair<int, int>> m_dups;   ///< (successes, references)
    /// Deleted SQS messages that invocations still hold: serial -> (successes, running).
    QHash<quint64, std::pair<int, int>> m_ghosts;
    int m_produceDepth = 0;
    std::vector<int> m_freeDups;
    quint64 m_lastEntry = 0;
    quint64 m_lastEvent = 0;
    qint64 m_live = 0;
    int m_unreservedCapacity = 1000;
    int m_unreservedRunning = 0;
    static constexpr qint64 LiveCap = 5'000'000;
};

} // namespace ew::core::sim::detail

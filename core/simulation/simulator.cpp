// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/simulator.h"

#include "core/model/wellknown.h"
#include "core/simulation/awsnumbers.h"
#include "core/simulation/eventmatch.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <queue>

namespace ew::core::sim {

using namespace wellknown;

namespace {

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

void Engine::startAsync(int conn, const Token &proto, bool allowDuplicate, double duplicateRate)
{
    Token t = newEntry(proto, conn);
    if (allowDuplicate && m_rng.chance(duplicateRate)) {
        // At-least-once delivery: a second entry with the same event id.
        Token copy = newEntry(proto, conn);
        t.dup = copy.dup = newDup();
        m_dups[size_t(t.dup)].second = 2;
        deliverAsync(conn, t);
        deliverAsync(conn, copy);
        return;
    }
    deliverAsync(conn, t);
}

/// The source's delivery layer hands the event to Lambda's Invoke API (asynchronous).
void Engine::deliverAsync(int conn, Token token)
{
    const int to = conn >= 0 ? toOf(conn) : -1;
    const int fn = to >= 0 ? m_fnOf[size_t(to)] : -1;
    if (fn < 0) {
        finish(token, Fate::Discarded, to);
        return;
    }
    const Function &f = m_fns[size_t(fn)];
    step(Action::Deliver, f.comp, conn, token);
    if (f.behaviour.unavailable && f.behaviour.unavailable->contains(m_now)) {
        // The Invoke API refused: the delivery layer retries by its own policy.
        const int from = fromOf(conn);
        const QString &kind = kindOf(from);
        ++token.attempts;
        double maxAttempts = 0, maxAge = 0, delay = 0;
        if (kind == KindRule || kind == KindSchedule) {
            maxAttempts = numberOr(cprop(conn, QStringLiteral("RetryPolicyMaximumRetryAttempts")), 185);
            maxAge = numberOr(cprop(conn, QStringLiteral("RetryPolicyMaximumEventAgeInSeconds")), 86400);
            token.backoff = std::clamp(token.backoff * 2, m_n.eventbridgeRetryBackoffMin,
                                       m_n.eventbridgeRetryBackoffMax);
            delay = token.backoff * (0.5 + 0.5 * m_rng.uniform());
        } else if (kind == KindTopic) {
            maxAttempts = m_n.snsLambdaRetryAttempts;
            maxAge = m_n.snsLambdaRetryPeriod;
            delay = m_n.snsLambdaRetryDelay;
        } else {
            maxAttempts = m_n.s3DeliveryRetryAttempts;
            maxAge = m_n.s3DeliveryRetryPeriod;
            delay = m_n.s3DeliveryRetryDelay;
        }
        if (token.attempts <= maxAttempts && m_now - token.created + delay <= maxAge) {
            if (tracing())
                step(Action::Retry, from, conn, token, QStringLiteral("delivery attempt %1").arg(token.attempts + 1));
            schedule(m_now + delay, EvType::DeliveryRetry, conn, 0, store({token}));
            return;
        }
        if (const Value *dlq = cprop(conn, QStringLiteral("DeadLetterQueue")); dlq && dlq->isScalar()) {
            const int q = compOf(dlq->text());
            if (q >= 0) {
                finish(token, Fate::DeadLettered, q);
                putInto(q, token, -1);
                return;
            }
        }
        finish(token, Fate::Discarded, from);
        return;
    }
    token.attempts = 0;
    token.backoff = 0;
    enqueueAsync(fn, token);
}

void Engine::enqueueAsync(int fn, Token token)
{
    Function &f = m_fns[size_t(fn)];
    const bool throttledToZero = (f.reserved && *f.reserved == 0)
                                 || (f.behaviour.throttle && f.behaviour.throttle->contains(m_now));
    if (throttledToZero) {
        // Reserved concurrency 0: async events go straight to the DLQ or on-failure destination.
        ++stats(f.comp).throttles;
        count(f.comp, Series::Throttles, 1);
        if (tracing())
            step(Action::Throttle, f.comp, -1, token, QStringLiteral("reserved concurrency 0"));
        asyncFailed(fn, token);
        return;
    }
    token.arrival = m_now;
    f.asyncReady.push_back(token);
    if (tracing())
        step(Action::Enqueue, f.comp, -1, token, QStringLiteral("async queue"));
    pumpAsync(fn);
}

void Engine::pumpAsync(int fn)
{
    while (!m_fns[size_t(fn)].asyncReady.empty()) {
        Function &f = m_fns[size_t(fn)];
        Token t = f.asyncReady.front();
        if (m_now - t.created > f.maxAge) {
            f.asyncReady.pop_front();
            if (tracing())
                step(Action::Expire, f.comp, -1, t, QStringLiteral("maximum event age"));
            asyncFailed(fn, t);
            continue;
        }
        if (loopStops(fn, {t})) {
            f.asyncReady.pop_front();
            if (tracing())
                step(Action::Fail, f.comp, -1, t, QStringLiteral("recursive loop stopped"));
            asyncFailed(fn, t);
            continue;
        }
        bool throttled = false;
        f.asyncReady.pop_front();
        startInvocation(fn, Via::Async, -1, {t}, 0, &throttled);
        if (throttled) {
            Function &g = m_fns[size_t(fn)];
            t.backoff = std::clamp(t.backoff * 2, m_n.asyncThrottleBackoffMin,
                                   m_n.asyncThrottleBackoffMax);
            if (tracing())
                step(Action::Retry, g.comp, -1, t, QStringLiteral("throttled, back off %1 s").arg(t.backoff));
            schedule(m_now + t.backoff, EvType::AsyncReady, fn, 0, store({t}));
            // Events behind it wait for a free slot (pumped when an invocation ends).
            return;
        }
    }
}

void Engine::asyncFailed(int fn, Token token)
{
    const Function &f = m_fns[size_t(fn)];
    if (!f.onFailure.empty()) {
        finish(token, Fate::ToOnFailure, toOf(f.onFailure.front()));
        for (int c : f.onFailure) {
            if (tracing())
                emitStep(TraceStep{m_now, Action::Deliver, toOf(c), c, {}, {}});
            putInto(toOf(c), token, c);
        }
        for (int c : f.deadLetter)
            putInto(toOf(c), token, c);
        return;
    }
    if (!f.deadLetter.empty()) {
        finish(token, Fate::DeadLettered, toOf(f.deadLetter.front()));
        for (int c : f.deadLetter) {
            if (tracing())
                emitStep(TraceStep{m_now, Action::Deliver, toOf(c), c, {}, {}});
            putInto(toOf(c), token, c);
        }
        return;
    }
    ++stats(f.comp).asyncDropped;
    finish(token, Fate::Discarded, f.comp);
}

void Engine::syncRequest(int conn, const Token &proto)
{
    Token t = newEntry(proto, conn);
    const int fn = m_fnOf[size_t(toOf(conn))];
    step(Action::Deliver, m_fns[size_t(fn)].comp, conn, t);
    const double integration = m_integrationTimeout[size_t(conn)];
    const Function &f = m_fns[size_t(fn)];
    if (f.behaviour.unavailable && f.behaviour.unavailable->contains(m_now)) {
        if (tracing())
            step(Action::Fail, f.comp, conn, t, QStringLiteral("Lambda service error: 502"));
        finish(t, Fate::Rejected, fromOf(conn));
        return;
    }
    bool throttled = false;
    startInvocation(fn, Via::Sync, conn, {t}, integration, &throttled);
    if (throttled)
        finish(t, Fate::Rejected, fromOf(conn));   // 429 to the caller, no retry
}

// ----------------------------------------------------------------------------------------
// SQS

void Engine::sqsEnqueue(int qi, Token token, int viaConn)
{
    Queue &q = m_queues[size_t(qi)];
    if (!q.esms.empty()) {
        token = newEntry(token, m_sqsEsms[size_t(q.esms.front())].conn);
    } else {
        token.entry = 0;
    }
    token.origin = m_now;
    token.receives = 0;
    int slot;
    if (!m_freeMsgs.empty()) {
        slot = m_freeMsgs.back();
        m_freeMsgs.pop_back();
    } else {
        slot = int(m_msgs.size());
        m_msgs.push_back({});
    }
    SqsMessage &m = m_msgs[size_t(slot)];
    m = SqsMessage{};
    m.token = token;
    m.queue = qi;
    m.serial = ++m_lastSerial;
    m.alive = true;
    ++q.count;
    ++stats(q.comp).received;
    q.order.emplace_back(m.serial, slot);
    ComponentStats &s = stats(q.comp);
    s.maxQueueDepth = std::max(s.maxQueueDepth, q.count);
    level(q.comp, Series::QueueDepth, double(q.count));
    step(Action::Enqueue, q.comp, viaConn, token);
    if (q.delay > 0) {
        // Hidden until DelaySeconds pass: modelled as an in-flight period without a receive.
        m.inFlight = true;
        if (q.fifo)
            ++q.groups[token.key].inFlight, q.groups[token.key].messages.push_back(slot);
        schedule(m_now + q.delay, EvType::SqsVisible, slot, m.version);
        return;
    }
    if (q.fifo) {
        q.groups[token.key].messages.push_back(slot);
    } else {
        q.visible.emplace_back(m.serial, slot);
        ++q.visibleCount;
        m.listed = true;
    }
    m.token.arrival = m_now;
    for (int e : q.esms)
        requestPoll(e);
}

void Engine::sqsExpire(Queue &q)
{
    while (!q.order.empty()) {
        const auto [serial, slot] = q.order.front();
        SqsMessage &m = m_msgs[size_t(slot)];
        if (!m.alive || m.serial != serial) {
            q.order.pop_front();
            continue;
        }
        if (m_now - m.token.origin < q.retention)
            break;
        q.order.pop_front();
        if (tracing())
            step(Action::Expire, q.comp, -1, m.token, QStringLiteral("message retention"));
        finish(m.token, Fate::Discarded, q.comp);
        sqsDelete(slot);
    }
}

void Engine::sqsDelete(int slot)
{
    SqsMessage &m = m_msgs[size_t(slot)];
    if (!m.alive)
        return;
    Queue &q = m_queues[size_t(m.queue)];
    m.alive = false;
    --q.count;
    if (m.running > 0)
        m_ghosts.insert(m.serial, {m.successes, m.running});
    if (q.fifo) {
        FifoGroup &g = q.groups[m.token.key];
        auto it = std::find(g.messages.begin(), g.messages.end(), slot);
        if (it != g.messages.end())
            g.messages.erase(it);
        if (m.inFlight)
            --g.inFlight;
        if (g.messages.empty() && g.inFlight == 0)
            q.groups.erase(m.token.key);
    } else if (m.listed) {
        --q.visibleCount;   // its place in `visible` is skipped when reached
        m.listed = false;
    }
    m_freeMsgs.push_back(slot);
}

void Engine::sqsToDlq(int slot)
{
    SqsMessage &m = m_msgs[size_t(slot)];
    const Queue &q = m_queues[size_t(m.queue)];
    const int dlq = toOf(q.dlqConn);
    Token t = m.token;
    const double origin = t.origin;
    if (tracing())
        emitStep(TraceStep{m_now, Action::Deliver, dlq, q.dlqConn, {t.entry}, {}});
    finish(t, Fate::DeadLettered, dlq);
    sqsDelete(slot);
    if (dlq >= 0 && m_queueOf[size_t(dlq)] >= 0) {
        Token moved = t;
        moved.entry = 0;
        moved.dup = -1;
        sqsEnqueue(m_queueOf[size_t(dlq)], moved, q.dlqConn);
        // A standard DLQ keeps the original enqueue time (retention counts from it).
        if (!m_queues[size_t(m_queueOf[size_t(dlq)])].fifo && !m_queues[size_t(m_queueOf[size_t(dlq)])].order.empty()) {
            const int s = m_queues[size_t(m_queueOf[size_t(dlq)])].order.back().second;
            m_msgs[size_t(s)].token.origin = origin;
        }
    }
}

void Engine::sqsVisible(int slot, int version)
{
    SqsMessage &m = m_msgs[size_t(slot)];
    if (!m.alive || m.version != version || !m.inFlight)
        return;
    Queue &q = m_queues[size_t(m.queue)];
    m.inFlight = false;
    m.token.arrival = m_now;
    if (m.version > 0)
        if (tracing())
            step(Action::Visible, q.comp, -1, m.token, QStringLiteral("visibility timeout passed"));
    if (q.fifo) {
        --q.groups[m.token.key].inFlight;
    } else {
        q.visible.emplace_back(m.serial, slot);
        ++q.visibleCount;
        m.listed = true;
    }
    for (int e : q.esms)
        requestPoll(e);
}

void Engine::sqsPoll(int ei)
{
    SqsEsm &e = m_sqsEsms[size_t(ei)];
    if (!e.enabled)
        return;
    Queue &q = m_queues[size_t(e.queue)];
    sqsExpire(q);
    const auto visibleCount = [&]() -> qint64 {
        if (!q.fifo)
            return q.visibleCount;
        qint64 n = 0;
        for (const auto &[key, g] : q.groups)
            if (g.inFlight == 0)
                n += qint64(g.messages.size());
        return n;
    };
    while (true) {
        const qint64 visible = visibleCount();
        if (visible == 0) {
            if (e.inFlight == 0)
                e.backlogSince = -1;
            return;
        }
        if (e.backlogSince < 0)
            e.backlogSince = m_now;
        double cap = std::min(m_n.sqsMaxBatches,
                              m_n.sqsInitialBatches
                                  + m_n.sqsScalePerMinute * (m_now - e.backlogSince) / 60.0);
        if (e.maxConcurrency > 0)
            cap = std::min(cap, double(e.maxConcurrency));
        if (e.inFlight >= int(cap)) {
            // More pollers come as the minute goes on.
            const double later = m_now + 60.0 / m_n.sqsScalePerMinute;
            if (e.maxConcurrency == 0 || e.inFlight < e.maxConcurrency) {
                if (e.pollAt < m_now || e.pollAt > later) {
                    e.pollAt = later;
                    schedule(later, EvType::SqsPoll, ei);
                }
            }
            return;
        }
        if (!q.fifo)
            dropDeadVisible(q);
        if (e.window > 0 && !q.fifo && visible < e.batchSize) {
            const double since = m_msgs[size_t(q.visible.front().second)].token.arrival;
            if (m_now < since + e.window) {
                if (e.pollAt < m_now || e.pollAt > since + e.window) {
                    e.pollAt = since + e.window;
                    schedule(e.pollAt, EvType::SqsPoll, ei);
                }
                return;
            }
        }
        // Receive a batch.
        std::vector<Token> batch;
        std::vector<int> toDlq;
        const auto receive = [&](int slot) {
            SqsMessage &m = m_msgs[size_t(slot)];
            if (q.dlqConn >= 0 && m.token.receives >= q.maxReceive) {
                toDlq.push_back(slot);
                return;
            }
            ++m.token.receives;
            m.version = ++m_lastVersion;
            m.inFlight = true;
            schedule(m_now + q.visibility, EvType::SqsVisible, slot, m.version);
            Token t = m.token;
            t.slot = slot;
            t.serial = m.serial;
            t.failed = false;
            ++m.running;
            batch.push_back(t);
        };
        if (!q.fifo) {
            while (int(batch.size()) < e.batchSize && (dropDeadVisible(q), !q.visible.empty())) {
                const int slot = q.visible.front().second;
                q.visible.pop_front();
                --q.visibleCount;
                m_msgs[size_t(slot)].listed = false;
                receive(slot);
            }
        } else {
            // One batch takes the heads of idle groups in turn, in order within each group.
            std::vector<int> keys;
            for (const auto &[key, g] : q.groups)
                if (g.inFlight == 0 && !g.messages.empty())
                    keys.push_back(key);
            std::rotate(keys.begin(), keys.begin() + (q.fifoCursor++ % std::max<size_t>(1, keys.size())), keys.end());
            for (int key : keys) {
                FifoGroup &g = q.groups[key];
                for (int slot : std::vector<int>(g.messages.begin(), g.messages.end())) {
                    if (int(batch.size()) >= e.batchSize)
                        break;
                    const size_t before = batch.size();
                    receive(slot);
                    if (batch.size() > before)
                        ++g.inFlight;
                }
                if (int(batch.size()) >= e.batchSize)
                    break;
            }
        }
        for (int slot : toDlq)
            sqsToDlq(slot);
        if (batch.empty())
            continue;
        bool throttled = false;
        for (Token &t : batch)
            if (tracing())
                step(Action::Receive, q.comp, e.conn, t, QStringLiteral("receive %1").arg(t.receives));
        if (loopStops(e.fn, batch)) {
            for (const Token &t : batch) {
                if (tracing())
                    step(Action::Fail, m_fns[size_t(e.fn)].comp, e.conn, t, QStringLiteral("recursive loop stopped"));
                if (q.dlqConn >= 0)
                    sqsToDlq(t.slot);
                else {
                    finish(t, Fate::Discarded, q.comp);
                    sqsDelete(t.slot);
                }
            }
            continue;
        }
        startInvocation(e.fn, Via::Sqs, ei, std::move(batch), 0, &throttled);
        if (throttled) {
            // The batch stays invisible until its visibility timeout; poll again later.
            const double later = m_now + m_n.sqsThrottledRepoll;
            e.pollAt = later;
            schedule(later, EvType::SqsPoll, ei);
            return;
        }
        ++e.inFlight;
    }
}

// ----------------------------------------------------------------------------------------
// Streams and Kafka

void Engine::streamAppend(int ei, Token token)
{
    StreamEsm &e = m_streamEsms[size_t(ei)];
    token = newEntry(token, e.conn);
    token.origin = token.arrival = m_now;
    token.loopSafe = false;   // the loop detector does not watch streams
    const int shard = token.key % e.shards;
    const int lanesPerShard = int(e.lanes.size()) / e.shards;
    const int lane = shard * lanesPerShard + (token.key / e.shards) % lanesPerShard;
    if (tracing())
        step(Action::Enqueue, e.stream, e.conn, token, QStringLiteral("shard %1").arg(shard));
    Lane &l = e.lanes[size_t(lane)];
    l.records.push_back(token);
    if (l.inFlight || l.retryAt > m_now)
        return;
    // An idle shard is read at the next poll.
    const double at = e.pollInterval > 0 ? (std::floor(m_now / e.pollInterval + 1e-9) + 1) * e.pollInterval : m_now;
    if (l.pollAt >= m_now && l.pollAt <= at)
        return;
    l.pollAt = at;
    schedule(at, EvType::LanePoll, ei, lane);
}

void Engine::laneDiscard(StreamEsm &e, std::vector<Token> tokens, Fate fallback)
{
    for (const Token &t : tokens) {
        if (e.onFailure >= 0) {
            finish(t, Fate::ToOnFailure, e.onFailure);
            putInto(e.onFailure, t, -1);
        } else {
            finish(t, fallback, e.stream);
        }
    }
}

void Engine::lanePoll(int ei, int li)
{
    StreamEsm &e = m_streamEsms[size_t(ei)];
    Lane &lane = e.lanes[size_t(li)];
    if (!e.enabled || lane.inFlight || m_now + 1e-9 < lane.retryAt)
        return;
    // Records past retention leave the stream, whatever the function does.
    while (!lane.records.empty() && m_now - lane.records.front().origin >= e.retention) {
        if (tracing())
            step(Action::Expire, e.stream, e.conn, lane.records.front(), QStringLiteral("stream retention"));
        finish(lane.records.front(), Fate::Discarded, e.stream);
        lane.records.pop_front();
        lane.attempts = 0;
    }
    if (lane.records.empty())
        return;
    if (e.window > 0 && int(lane.records.size()) < lane.limit
        && m_now < lane.records.front().arrival + e.window) {
        const double at = lane.records.front().arrival + e.window;
        if (lane.pollAt < m_now || lane.pollAt > at) {
            lane.pollAt = at;
            schedule(at, EvType::LanePoll, ei, li);
        }
        return;
    }
    std::vector<Token> batch;
    const int n = std::min<int>(lane.limit, int(lane.records.size()));
    batch.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        Token t = lane.records[size_t(i)];
        t.failed = false;
        batch.push_back(t);
    }
    bool throttled = false;
    lane.inFlight = true;
    startInvocation(e.fn, Via::Stream, ei * 65536 + li, std::move(batch), 0, &throttled);
    if (throttled) {
        Lane &l = m_streamEsms[size_t(ei)].lanes[size_t(li)];
        l.inFlight = false;
        l.retryAt = m_now + m_n.streamRetryDelay;
        schedule(l.retryAt, EvType::LanePoll, ei, li);
    }
}

// ----------------------------------------------------------------------------------------
// Functions

bool Engine::loopStops(int fn, const std::vector<Token> &tokens) const
{
    const Function &f = m_fns[size_t(fn)];
    if (!f.terminateLoops)
        return false;
    for (const Token &t : tokens)
        if (t.loopSafe && t.depth >= int(m_n.lambdaRecursionLimit))
            return true;
    return false;
}

bool Engine::acquire(int fn, double *coldStart)
{
    Function &f = m_fns[size_t(fn)];
    int limit;
    if (f.behaviour.throttle && f.behaviour.throttle->contains(m_now))
        limit = 0;
    else if (f.reserved)
        limit = *f.reserved;
    else
        limit = f.running + (m_unreservedCapacity - m_unreservedRunning);
    if (f.running >= limit)
        return false;
    *coldStart = 0;
    if (f.running >= f.warm) {
        // A new execution environment: scaling is limited per function.
        const double period = m_n.lambdaScalingPeriod;
        if (m_now - f.scaleWindowStart >= period) {
            f.scaleWindowStart = m_now;
            f.scaleWindowCount = 0;
        }
        if (f.scaleWindowCount >= int(m_n.lambdaScalingEnvironments))
            return false;
        ++f.scaleWindowCount;
        ++f.warm;
        *coldStart = m_n.lambdaColdStart;
        ++stats(f.comp).coldStarts;
    }
    ++f.running;
    if (!f.reserved)
        ++m_unreservedRunning;
    ComponentStats &s = stats(f.comp);
    s.maxConcurrency = std::max(s.maxConcurrency, f.running);
    level(f.comp, Series::Concurrency, f.running);
    return true;
}

int Engine::startInvocation(int fn, Via via, int ref, std::vector<Token> tokens,
                            double integrationTimeout, bool *throttled)
{
    Function &f = m_fns[size_t(fn)];
    double coldStart = 0;
    if (!acquire(fn, &coldStart)) {
        *throttled = true;
        ++stats(f.comp).throttles;
        count(f.comp, Series::Throttles, 1);
        step(Action::Throttle, f.comp, -1, tokens);
        if (via == Via::Sqs) {
            // The received messages return after their visibility timeout.
        }
        return -1;
    }
    *throttled = false;
    Invocation inv;
    inv.fn = fn;
    inv.via = via;
    inv.ref = ref;
    inv.start = m_now;
    inv.integrationTimeout = integrationTimeout;
    double run = f.duration + coldStart;
    if (run > f.timeout) {
        run = f.timeout;
        inv.timedOut = true;
    }
    inv.end = m_now + run;
    const FunctionBehaviour &b = f.behaviour;
    inv.error = inv.timedOut || m_rng.chance(b.errorRate) || (b.outage && b.outage->contains(m_now));
    bool anyPoison = false;
    for (Token &t : tokens) {
        ++t.attempts;
        t.failed = b.poisonEvery > 0 && (t.seq + 1) % b.poisonEvery == 0;
        anyPoison = anyPoison || t.failed;
    }
    const bool partial = (via == Via::Sqs && m_sqsEsms[size_t(ref)].partial)
                         || (via == Via::Stream && m_streamEsms[size_t(ref / 65536)].partial);
    if (anyPoison && !partial)
        inv.error = true;   // the function throws: the whole batch fails
    if (anyPoison && partial && via == Via::Sqs && m_queues[size_t(m_sqsEsms[size_t(ref)].queue)].fifo) {
        // FIFO: the function stops at a group's first failure and reports the rest of that
        // group as failed too, so that order holds (with-sqs, partial batch responses).
        QSet<int> stopped;
        for (Token &t : tokens) {
            if (stopped.contains(t.key))
                t.failed = true;
            else if (t.failed)
                stopped.insert(t.key);
        }
    }
    if (inv.error)
        for (Token &t : tokens)
            t.failed = true;
    const int conn = via == Via::Sqs ? m_sqsEsms[size_t(ref)].conn
                     : via == Via::Stream ? m_streamEsms[size_t(ref / 65536)].conn
                     : via == Via::Sync ? ref : -1;
    if (tracing())
        if (tracing())
            step(Action::Invoke, f.comp, conn, tokens,
             QStringLiteral("attempt %1%2").arg(tokens.empty() ? 1 : tokens.front().attempts)
                 .arg(coldStart > 0 ? QStringLiteral(", cold start") : QString()));
    ++stats(f.comp).invocations;
    count(f.comp, Series::Invocations, 1);
    inv.payload = store(std::move(tokens));
    int slot;
    if (!m_freeInvs.empty()) {
        slot = m_freeInvs.back();
        m_freeInvs.pop_back();
        m_invs[size_t(slot)] = inv;
    } else {
        slot = int(m_invs.size());
        m_invs.push_back(inv);
    }
    schedule(inv.end, EvType::InvokeEnd, slot);
    return slot;
}

void Engine::succeeded(int fn, Token &t)
{
    Function &f = m_fns[size_t(fn)];
    int successes = 1;
    if (t.dup >= 0) {
        successes = ++m_dups[size_t(t.dup)].first;
    } else if (t.serial) {
        SqsMessage &m = m_msgs[size_t(t.slot)];
        if (m.alive && m.serial == t.serial)
            successes = ++m.successes;
        else if (auto it = m_ghosts.find(t.serial); it != m_ghosts.end())
            successes = ++it->first;
    }
    if (successes == 2) {
        ++stats(f.comp).duplicates;
        count(f.comp, Series::Duplicates, 1);
    }
}

void Engine::emitAfter(int fn, const std::vector<Token> &tokens)
{
    Function &f = m_fns[size_t(fn)];
    if (!f.behaviour.emits || f.writes.empty() || tokens.empty())
        return;
    int depth = 0;
    bool loopSafe = true;
    for (const Token &t : tokens) {
        depth = std::max(depth, t.depth);
        loopSafe = loopSafe && t.loopSafe;
    }
    for (int c : f.writes) {
        Token proto;
        proto.eventId = ++m_lastEvent;
        proto.seq = m_seqOf[size_t(f.comp)]++;
        proto.key = tokens.front().key;
        proto.depth = depth + 1;
        proto.loopSafe = loopSafe;
        if (tracing())
            emitStep(TraceStep{m_now, Action::Deliver, toOf(c), c, {}, QStringLiteral("emit")});
        putInto(toOf(c), proto, c);
    }
}

void Engine::endInvocation(int slot)
{
    const Invocation inv = m_invs[size_t(slot)];
    m_freeInvs.push_back(slot);
    Function &f = m_fns[size_t(inv.fn)];
    --f.running;
    if (!f.reserved)
        --m_unreservedRunning;
    std::vector<Token> tokens = take(inv.payload);
    ComponentStats &s = stats(f.comp);
    const int conn = inv.via == Via::Sqs ? m_sqsEsms[size_t(inv.ref)].conn
                     : inv.via == Via::Stream ? m_streamEsms[size_t(inv.ref / 65536)].conn
                     : inv.via == Via::Sync ? inv.ref : -1;
    if (inv.error) {
        ++s.errors;
        count(f.comp, Series::Errors, 1);
        if (inv.timedOut)
            ++s.timeouts;
        if (tracing())
            step(Action::Fail, f.comp, conn, tokens, inv.timedOut ? QStringLiteral("timed out") : QStringLiteral("error"));
    }
    std::vector<Token> ok;
    for (Token &t : tokens) {
        if (!t.failed) {
            succeeded(inv.fn, t);
            ok.push_back(t);
        }
    }
    if (!ok.empty() && !inv.error)
        step(Action::Succeed, f.comp, conn, ok);
    // Side effects happen even when the caller stopped waiting.
    if (!inv.error)
        emitAfter(inv.fn, tokens);

    switch (inv.via) {
    case Via::Sync: {
        Token &t = tokens.front();
        const double run = inv.end - inv.start;
        if (inv.integrationTimeout > 0 && run > inv.integrationTimeout) {
            // The caller got 504 at the integration timeout; the function ran on.
            const double now = m_now;
            m_now = inv.start + inv.integrationTimeout;
            finish(t, Fate::Rejected, fromOf(inv.ref));
            m_now = now;
        } else if (inv.error) {
            finish(t, Fate::Rejected, fromOf(inv.ref));
        } else {
            addLatency(f, m_now - t.created);
            finish(t, Fate::Succeeded, f.comp);
        }
        break;
    }
    case Via::Async: {
        Token &t = tokens.front();
        if (!inv.error) {
            addLatency(f, m_now - t.created);
            finish(t, Fate::Succeeded, f.comp);
            for (int c : f.onSuccess) {
                if (tracing())
                    emitStep(TraceStep{m_now, Action::Deliver, toOf(c), c, {}, QStringLiteral("on-success")});
                putInto(toOf(c), t, c);
            }
        } else if (t.attempts <= f.maxRetry) {
            const double delay = t.attempts == 1 ? m_n.asyncRetryDelay1 : m_n.asyncRetryDelay2;
            if (m_now - t.created + delay > f.maxAge) {
                if (tracing())
                    step(Action::Expire, f.comp, -1, t, QStringLiteral("maximum event age"));
                asyncFailed(inv.fn, t);
            } else {
                if (tracing())
                    step(Action::Retry, f.comp, -1, t, QStringLiteral("retry in %1 s").arg(delay));
                t.backoff = 0;
                schedule(m_now + delay, EvType::AsyncReady, inv.fn, 0, store({t}));
            }
        } else {
            asyncFailed(inv.fn, t);
        }
        break;
    }
    case Via::Sqs: {
        SqsEsm &e = m_sqsEsms[size_t(inv.ref)];
        --e.inFlight;
        const bool fifo = m_queues[size_t(e.queue)].fifo;
        for (const Token &t : tokens) {
            SqsMessage &m = m_msgs[size_t(t.slot)];
            const bool alive = m.alive && m.serial == t.serial;
            if (alive) {
                --m.running;
            } else if (auto it = m_ghosts.find(t.serial); it != m_ghosts.end() && --it->second <= 0) {
                m_ghosts.erase(it);
            }
            if (t.failed)
                continue;
            // A standard queue deletes with an older receipt handle too; a FIFO queue needs
            // the latest one (the message was received again meanwhile).
            if (alive && (!fifo || m.token.receives == t.receives)) {
                addLatency(f, m_now - t.created);
                finish(m.token, Fate::Succeeded, f.comp);
                sqsDelete(t.slot);
            }
        }
        // A FIFO group stays locked until its failed messages become visible again.
        sqsPoll(inv.ref);
        break;
    }
    case Via::Stream: {
        const int ei = inv.ref / 65536, li = inv.ref % 65536;
        StreamEsm &e = m_streamEsms[size_t(ei)];
        Lane &lane = e.lanes[size_t(li)];
        lane.inFlight = false;
        int done = 0;   // records checkpointed from the head
        if (!inv.error) {
            // Success, or a partial batch response: checkpoint up to the first failed record.
            while (done < int(tokens.size()) && !tokens[size_t(done)].failed)
                ++done;
        }
        for (int i = 0; i < done; ++i) {
            addLatency(f, m_now - tokens[size_t(i)].created);
            finish(lane.records.front(), Fate::Succeeded, f.comp);
            lane.records.pop_front();
        }
        if (done == int(tokens.size())) {
            lane.attempts = 0;
            lane.limit = std::min(e.batchSize, lane.limit * 2);
            lanePoll(ei, li);
            break;
        }
        // The rest of the batch failed.
        const int failedCount = int(tokens.size()) - done;
        if (e.bisect && inv.error && failedCount > 1) {
            lane.limit = (failedCount + 1) / 2;
            if (tracing())
                step(Action::Bisect, e.stream, e.conn, tokens, QStringLiteral("split into %1").arg(lane.limit));
        } else {
            ++lane.attempts;
        }
        const bool retriesLeft = e.maxRetry < 0 || lane.attempts <= e.maxRetry;
        const bool tooOld = e.maxRecordAge > 0 && m_now - lane.records.front().origin > e.maxRecordAge;
        if (!retriesLeft || tooOld) {
            std::vector<Token> rest;
            const int n = std::min<int>(failedCount, int(lane.records.size()));
            for (int i = 0; i < n; ++i) {
                rest.push_back(lane.records.front());
                lane.records.pop_front();
            }
            if (tracing())
                step(Action::Expire, e.stream, e.conn, rest,
                     tooOld ? QStringLiteral("maximum record age") : QStringLiteral("retries exhausted"));
            laneDiscard(e, std::move(rest), Fate::Discarded);
            lane.attempts = 0;
            lane.limit = e.batchSize;
            lanePoll(ei, li);
        } else {
            if (tracing())
                step(Action::Retry, e.stream, e.conn, tokens, QStringLiteral("retry %1").arg(lane.attempts));
            // The shard (lane) is blocked: nothing behind the batch runs meanwhile.
            lane.retryAt = m_now + m_n.streamRetryDelay;
            schedule(lane.retryAt, EvType::LanePoll, ei, li);
        }
        break;
    }
    }
    pumpAsync(inv.fn);
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

} // namespace

Result simulate(const DiagramData &data, const Catalog &catalog, const Workload &workload,
                const Options &options)
{
    Engine engine(data, catalog, workload, options);
    return engine.run();
}

} // namespace ew::core::sim

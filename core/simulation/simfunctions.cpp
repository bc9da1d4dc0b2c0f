// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/engine.h"

namespace ew::core::sim::detail {

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

} // namespace ew::core::sim::detail

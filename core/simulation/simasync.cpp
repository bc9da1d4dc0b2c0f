// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/engine.h"

#include "core/model/wellknown.h"

namespace ew::core::sim::detail {

using namespace wellknown;

// ----------------------------------------------------------------------------------------
// Async invocations, synchronous requests and deliveries

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

} // namespace ew::core::sim::detail

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/engine.h"

namespace ew::core::sim::detail {

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

} // namespace ew::core::sim::detail

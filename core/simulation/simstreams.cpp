// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/engine.h"

namespace ew::core::sim::detail {

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

} // namespace ew::core::sim::detail

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/mermaidsequenceexporter.h"

#include "core/export/mermaidexporter.h"
#include "core/validation/validationcontext.h"

#include <QSet>

#include <optional>

namespace ew::core {

namespace {

const QString ClientId = QStringLiteral("client");
const QString LambdaId = QStringLiteral("lambda");

QString text(const Value *v)
{
    if (!v)
        return {};
    if (const auto n = v->toInteger())
        return QString::number(*n);
    return v->toString();
}

QString number(double v)
{
    return v == double(qint64(v)) ? QString::number(qint64(v)) : QString::number(v, 'g', 12);
}

/// Text for a Markdown heading or paragraph: characters Markdown reads as syntax are escaped.
QString markdown(const QString &s)
{
    QString out;
    for (const QChar c : s.simplified()) {
        if (QStringLiteral("\\`*_[]<>#|").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

bool hasItem(const Value *list, const QString &item)
{
    if (!list)
        return false;
    for (const Value &v : list->items()) {
        if (v.toString() == item)
            return true;
    }
    return false;
}

/// One sequenceDiagram: participants first (in the order declared), then the body, with
/// loop/alt/opt blocks indented.
class Block
{
public:
    void participant(const QString &id, const QString &label, bool actor = false)
    {
        if (m_declared.contains(id))
            return;
        m_declared.insert(id);
        m_head += QStringLiteral("    ")
                  + (actor ? QStringLiteral("actor ") : QStringLiteral("participant ")) + id
                  + QStringLiteral(" as ") + MermaidExporter::escape(label) + QLatin1Char('\n');
    }
    /// A request (solid arrow) and an answer (dashed arrow).
    void call(const QString &from, const QString &to, const QString &text)
    {
        line(from + QStringLiteral("->>") + to + QStringLiteral(": ")
             + MermaidExporter::escape(text));
    }
    void reply(const QString &from, const QString &to, const QString &text)
    {
        line(from + QStringLiteral("-->>") + to + QStringLiteral(": ")
             + MermaidExporter::escape(text));
    }
    void note(const QString &where, const QString &text)
    {
        line(QStringLiteral("Note ") + where + QStringLiteral(": ")
             + MermaidExporter::escape(text));
    }
    void open(const QString &keyword, const QString &text)
    {
        line(keyword + QLatin1Char(' ') + MermaidExporter::escape(text));
        ++m_depth;
    }
    void otherwise(const QString &text)
    {
        --m_depth;
        line(QStringLiteral("else ") + MermaidExporter::escape(text));
        ++m_depth;
    }
    void close()
    {
        --m_depth;
        line(QStringLiteral("end"));
    }
    QString text() const
    {
        return QStringLiteral("```mermaid\nsequenceDiagram\n") + m_head + m_body
               + QStringLiteral("```\n");
    }

private:
    void line(const QString &s)
    {
        m_body += QString(4 * m_depth, QLatin1Char(' ')) + s + QLatin1Char('\n');
    }

    QString m_head;
    QString m_body;
    QSet<QString> m_declared;
    int m_depth = 1;
};

QString over(const QString &a, const QString &b)
{
    return a == b ? QStringLiteral("over ") + a
                  : QStringLiteral("over ") + a + QLatin1Char(',') + b;
}

class Writer
{
public:
    Writer(const DiagramData &data, const Catalog &catalog)
        : m_ctx(data, catalog)
        , m_ids(data, {ClientId, LambdaId}, MermaidIds::sequenceKeywords())
    {}

    /// The section of one trigger connection: heading, one-line summary, diagram.
    QString section(const Connection &c, const QString &heading)
    {
        const Component &source = *m_ctx.component(c.from);
        const Component &target = *m_ctx.component(c.to);
        Block b;
        QString summary;
        switch (m_ctx.invocationOf(c)) {
        case Invocation::Sync: summary = sync(b, c, source, target); break;
        case Invocation::Async: summary = async(b, c, source, target); break;
        case Invocation::Poll:
            summary = source.kind == u"sqs-queue" ? queue(b, c, source, target)
                                                  : stream(b, c, source, target);
            break;
        case Invocation::None: summary = other(b, source, target); break;
        }
        return QStringLiteral("## ") + heading + QStringLiteral("\n\n") + markdown(summary)
               + QStringLiteral("\n\n") + b.text();
    }

private:
    QString id(const Component &c) const { return m_ids(c.id); }
    void participant(Block &b, const Component &c) { b.participant(id(c), c.displayName()); }
    double fnNumber(const Component &fn, const char *name, double fallback) const
    {
        return m_ctx.number(fn, QString::fromLatin1(name)).value_or(fallback);
    }
    std::optional<double> connNumber(const Connection &c, const char *name) const
    {
        return m_ctx.number(c, QString::fromLatin1(name));
    }
    /// Targets of the function's outgoing connections with a role, in file order.
    std::vector<const Component *> targets(const Component &fn, const char *role) const
    {
        std::vector<const Component *> out;
        for (int i : m_ctx.outgoing(fn.id, QString::fromLatin1(role))) {
            if (const Component *t = m_ctx.component(m_ctx.connection(i).to))
                out.push_back(t);
        }
        return out;
    }
    const Component *componentProperty(const Connection &c, const char *name) const
    {
        const Value *v = m_ctx.explicitValue(c, QString::fromLatin1(name));
        return v ? m_ctx.component(v->toString()) : nullptr;
    }

    QString sync(Block &b, const Connection &c, const Component &api, const Component &fn)
    {
        b.participant(ClientId, QStringLiteral("Client"), true);
        participant(b, api);
        participant(b, fn);
        const QString a = id(api), f = id(fn);
        QStringList route;
        for (const char *name : {"Method", "Path"}) {
            const QString v = text(m_ctx.explicitValue(c, QString::fromLatin1(name)));
            if (!v.isEmpty())
                route << v;
        }
        const double fnTimeout = fnNumber(fn, "Timeout", 3);
        const std::optional<double> apiTimeout = connNumber(c, "TimeoutInMillis");
        b.call(ClientId, a,
               route.isEmpty() ? QStringLiteral("request") : route.join(QLatin1Char(' ')));
        b.call(a, f, QStringLiteral("invoke synchronously and wait"));
        if (apiTimeout)
            b.note(over(a, f),
                   QStringLiteral(
                       "waits at most %1 ms (TimeoutInMillis), the function's Timeout is %2 s")
                       .arg(number(*apiTimeout), number(fnTimeout)));
        const bool apiGivesUpFirst = apiTimeout && fnTimeout * 1000 > *apiTimeout;
        b.open(QStringLiteral("alt"), QStringLiteral("the function answers in time"));
        b.reply(f, a, QStringLiteral("response"));
        b.reply(a, ClientId, QStringLiteral("the function's response"));
        b.otherwise(apiGivesUpFirst ? QStringLiteral("the function fails")
                                    : QStringLiteral("the function fails or times out after %1 s")
                                          .arg(number(fnTimeout)));
        b.reply(f, a, QStringLiteral("error"));
        b.reply(a, ClientId, QStringLiteral("5xx error"));
        if (apiGivesUpFirst) {
            b.otherwise(QStringLiteral("no answer within %1 ms").arg(number(*apiTimeout)));
            b.reply(a, ClientId, QStringLiteral("504 Gateway Timeout"));
            b.note(QStringLiteral("right of ") + f,
                   QStringLiteral("keeps running, and is billed, up to its Timeout of %1 s")
                       .arg(number(fnTimeout)));
        }
        b.close();
        b.note(over(ClientId, f),
               QStringLiteral("nobody retries: the client decides whether to call again"));
        return QStringLiteral("Synchronous: the client waits while %1 waits for %2; errors go back "
                              "to the client "
                              "as 5xx answers and nobody retries.")
            .arg(api.displayName(), fn.displayName());
    }

    QString async(Block &b, const Connection &c, const Component &src, const Component &fn)
    {
        const auto onSuccess = targets(fn, "on-success");
        const auto onFailure = targets(fn, "on-failure");
        const auto deadLetter = targets(fn, "dead-letter");
        const Component *sourceDlq = componentProperty(c, "DeadLetterQueue");
        participant(b, src);
        b.participant(LambdaId, QStringLiteral("Lambda async queue"));
        participant(b, fn);
        for (const auto *list : {&onSuccess, &onFailure, &deadLetter}) {
            for (const Component *t : *list)
                participant(b, *t);
        }
        if (sourceDlq)
            participant(b, *sourceDlq);
        const QString s = id(src), f = id(fn);

        QString event = QStringLiteral("event");
        if (src.kind == u"s3-bucket") {
            QStringList events;
            if (const Value *v = m_ctx.value(c, QStringLiteral("Events"))) {
                for (const Value &e : v->items())
                    events << e.toString();
            }
            event = QStringLiteral("object event (%1)").arg(events.join(QStringLiteral(", ")));
            const QString prefix = text(m_ctx.explicitValue(c, QStringLiteral("FilterPrefix")));
            const QString suffix = text(m_ctx.explicitValue(c, QStringLiteral("FilterSuffix")));
            if (!prefix.isEmpty() || !suffix.isEmpty())
                event += QStringLiteral(" for keys ") + prefix + QLatin1Char('*') + suffix;
        } else if (src.kind == u"sns-topic") {
            event = m_ctx.explicitValue(c, QStringLiteral("FilterPolicy"))
                        ? QStringLiteral("message that matches the filter policy")
                        : QStringLiteral("message");
        } else if (src.kind == u"eventbridge-rule") {
            event = QStringLiteral("event that matches the rule");
        } else if (src.kind == u"eventbridge-schedule") {
            const QString expr = m_ctx.text(src, QStringLiteral("ScheduleExpression"));
            event = expr.isEmpty() ? QStringLiteral("scheduled event")
                                   : QStringLiteral("scheduled event, %1").arg(expr);
        }
        b.call(s, LambdaId, event);
        b.reply(LambdaId, s, QStringLiteral("202 Accepted: the source does not wait"));

        // EventBridge and SNS retry handing the event over, then keep it in their own DLQ.
        const bool eventBridge
            = src.kind == u"eventbridge-rule" || src.kind == u"eventbridge-schedule";
        if (eventBridge || src.kind == u"sns-topic") {
            b.open(QStringLiteral("opt"),
                   QStringLiteral("Lambda does not take the event (throttled or unavailable)"));
            if (eventBridge) {
                b.open(
                    QStringLiteral("loop"),
                    QStringLiteral("up to %1 retries (RetryPolicyMaximumRetryAttempts) within %2 s "
                                   "(RetryPolicyMaximumEventAgeInSeconds)")
                        .arg(number(connNumber(c, "RetryPolicyMaximumRetryAttempts").value_or(185)),
                             number(connNumber(c, "RetryPolicyMaximumEventAgeInSeconds")
                                        .value_or(86400))));
            } else {
                b.open(QStringLiteral("loop"),
                       QStringLiteral("SNS retries with back-off, for Lambda up to 100,015 "
                                      "attempts over 23 days"));
            }
            b.call(s, LambdaId, QStringLiteral("deliver again"));
            b.close();
            if (sourceDlq)
                b.call(s, id(*sourceDlq),
                       QStringLiteral("the undelivered event (DeadLetterQueue)"));
            else
                b.note(over(s, s), QStringLiteral("the undelivered event is dropped"));
            b.close();
        }

        const double retries = fnNumber(fn, "MaximumRetryAttempts", 2);
        const double maxAge = fnNumber(fn, "MaximumEventAgeInSeconds", 21600);
        if (const auto reserved = m_ctx.number(fn, QStringLiteral("ReservedConcurrentExecutions"));
            reserved && *reserved == 0)
            b.note(
                over(LambdaId, f),
                QStringLiteral("ReservedConcurrentExecutions is 0: the function is never invoked, "
                               "every event takes the failure path"));
        b.call(LambdaId, f, QStringLiteral("invoke with the event"));
        b.open(QStringLiteral("alt"), QStringLiteral("the function succeeds"));
        b.reply(f, LambdaId, QStringLiteral("result"));
        for (const Component *t : onSuccess)
            b.call(LambdaId, id(*t), QStringLiteral("invocation record (Success)"));
        b.otherwise(QStringLiteral("the function fails or times out"));
        b.reply(f, LambdaId, QStringLiteral("error"));
        if (retries >= 1) {
            b.open(QStringLiteral("loop"),
                   QStringLiteral("until it succeeds, at most %1 %2 (MaximumRetryAttempts)")
                       .arg(number(retries),
                            retries == 1 ? QStringLiteral("retry") : QStringLiteral("retries")));
            b.note(over(LambdaId, LambdaId),
                   retries >= 2
                       ? QStringLiteral("waits ~1 min before the 1st retry, ~2 min before the 2nd")
                       : QStringLiteral("waits ~1 min before the retry"));
            b.call(LambdaId, f, QStringLiteral("invoke again"));
            b.close();
        } else {
            b.note(over(LambdaId, f), QStringLiteral("no retries (MaximumRetryAttempts 0)"));
        }
        b.open(QStringLiteral("opt"),
               QStringLiteral("every attempt failed, or the event is older than %1 s "
                              "(MaximumEventAgeInSeconds)")
                   .arg(number(maxAge)));
        for (const Component *t : onFailure)
            b.call(LambdaId, id(*t),
                   QStringLiteral("invocation record (RetriesExhausted or EventAgeExceeded)"));
        for (const Component *t : deadLetter)
            b.call(LambdaId, id(*t), QStringLiteral("the event (dead-letter queue)"));
        if (onFailure.empty() && deadLetter.empty())
            b.note(
                over(LambdaId, LambdaId),
                QStringLiteral("event discarded: no on-failure destination or dead-letter queue"));
        b.close();
        b.close();

        QString where;
        if (!onFailure.empty() || !deadLetter.empty()) {
            QStringList names;
            for (const auto *list : {&onFailure, &deadLetter}) {
                for (const Component *t : *list)
                    names << t->displayName();
            }
            names.removeDuplicates();
            where = QStringLiteral("then sends it to ") + names.join(QStringLiteral(" and "));
        } else {
            where = QStringLiteral("then discards it");
        }
        return QStringLiteral(
                   "Asynchronous: %1 hands the event to Lambda and does not wait; Lambda retries "
                   "%2 at most %3 %4, %5.")
            .arg(src.displayName(), fn.displayName(), number(retries),
                 retries == 1 ? QStringLiteral("time") : QStringLiteral("times"), where);
    }

    QString queue(Block &b, const Connection &c, const Component &q, const Component &fn)
    {
        std::vector<std::pair<const Component *, QString>> redrive;
        for (int i : m_ctx.outgoing(q.id, QStringLiteral("dead-letter"))) {
            const Connection &d = m_ctx.connection(i);
            if (const Component *t = m_ctx.component(d.to))
                redrive.emplace_back(t, text(m_ctx.value(d, QStringLiteral("maxReceiveCount"))));
        }
        participant(b, q);
        b.participant(LambdaId, QStringLiteral("Lambda poller"));
        participant(b, fn);
        for (const auto &[t, count] : redrive)
            participant(b, *t);
        const QString s = id(q), f = id(fn);
        const QString batch = text(m_ctx.value(c, QStringLiteral("BatchSize")));
        const double window = connNumber(c, "MaximumBatchingWindowInSeconds").value_or(0);
        const QString visibility
            = number(m_ctx.number(q, QStringLiteral("VisibilityTimeout")).value_or(30));
        const bool partial = hasItem(m_ctx.value(c, QStringLiteral("FunctionResponseTypes")),
                                     QStringLiteral("ReportBatchItemFailures"));

        if (const Value *enabled = m_ctx.explicitValue(c, QStringLiteral("Enabled"));
            enabled && enabled->toBool() == false)
            b.note(over(s, f),
                   QStringLiteral(
                       "the mapping is disabled (Enabled false): messages wait in the queue"));
        b.open(QStringLiteral("loop"), QStringLiteral("while the mapping is enabled"));
        b.call(LambdaId, s,
               window > 0
                   ? QStringLiteral("poll, gathering messages for up to %1 s").arg(number(window))
                   : QStringLiteral("poll (long polling)"));
        b.reply(s, LambdaId,
                QStringLiteral("up to %1 messages, hidden for %2 s (VisibilityTimeout)")
                    .arg(batch, visibility));
        if (m_ctx.explicitValue(c, QStringLiteral("FilterPatterns")))
            b.note(over(LambdaId, LambdaId),
                   QStringLiteral("messages that match no filter pattern are deleted"));
        b.call(LambdaId, f, QStringLiteral("invoke synchronously with the batch and wait"));
        b.open(QStringLiteral("alt"), QStringLiteral("the whole batch succeeds"));
        b.reply(f, LambdaId, QStringLiteral("success"));
        b.call(LambdaId, s, QStringLiteral("delete the batch"));
        if (partial) {
            b.otherwise(QStringLiteral("some messages fail (ReportBatchItemFailures)"));
            b.reply(f, LambdaId, QStringLiteral("batchItemFailures"));
            b.call(LambdaId, s, QStringLiteral("delete the messages that succeeded"));
            b.note(over(s, s),
                   QStringLiteral("the failed messages reappear after %1 s").arg(visibility));
        }
        b.otherwise(QStringLiteral("the function fails or times out"));
        b.reply(f, LambdaId, QStringLiteral("error"));
        b.note(over(s, s), QStringLiteral("the whole batch reappears after %1 s").arg(visibility));
        b.close();
        b.close();
        if (m_ctx.isFifo(q))
            b.note(
                over(s, f),
                QStringLiteral("FIFO: a failing message holds back the rest of its message group "
                               "until it succeeds or leaves the queue"));
        for (const auto &[t, count] : redrive) {
            b.open(QStringLiteral("opt"),
                   QStringLiteral("a message was received %1 times (maxReceiveCount)").arg(count));
            b.call(s, id(*t), QStringLiteral("move the message (redrive)"));
            b.close();
        }
        const QString retention
            = number(m_ctx.number(q, QStringLiteral("MessageRetentionPeriod")).value_or(345600));
        if (redrive.empty())
            b.note(
                over(s, s),
                QStringLiteral("no redrive policy: a failing message returns until it is %1 s old "
                               "(MessageRetentionPeriod), then it is deleted")
                    .arg(retention));
        QString where
            = redrive.empty()
                  ? QStringLiteral("until the queue deletes them after %1 s").arg(retention)
                  : QStringLiteral("until %1 receives, then they move to %2")
                        .arg(redrive.front().second, redrive.front().first->displayName());
        return QStringLiteral("Poll-based: Lambda's poller reads %1 and invokes %2 synchronously "
                              "with batches of "
                              "up to %3 messages; failed messages return to the queue %4.")
            .arg(q.displayName(), fn.displayName(), batch, where);
    }

    QString stream(Block &b, const Connection &c, const Component &src, const Component &fn)
    {
        const bool kafka = src.kind == u"msk-cluster";
        const QString unit = kafka ? QStringLiteral("partition") : QStringLiteral("shard");
        const Component *onFailure = componentProperty(c, "OnFailure");
        participant(b, src);
        b.participant(LambdaId, QStringLiteral("Lambda poller"));
        participant(b, fn);
        if (onFailure)
            participant(b, *onFailure);
        const QString s = id(src), f = id(fn);
        const QString batch = text(m_ctx.value(c, QStringLiteral("BatchSize")));
        const double retries = connNumber(c, "MaximumRetryAttempts").value_or(-1);
        const double age = connNumber(c, "MaximumRecordAgeInSeconds").value_or(-1);
        const double window = connNumber(c, "MaximumBatchingWindowInSeconds").value_or(0);
        const double parallel = connNumber(c, "ParallelizationFactor").value_or(1);
        const double tumbling = connNumber(c, "TumblingWindowInSeconds").value_or(0);
        const bool bisect = m_ctx.flag(c, QStringLiteral("BisectBatchOnFunctionError"));
        const bool partial = hasItem(m_ctx.value(c, QStringLiteral("FunctionResponseTypes")),
                                     QStringLiteral("ReportBatchItemFailures"));
        const QString start = text(m_ctx.explicitValue(c, QStringLiteral("StartingPosition")));
        QString retention;
        if (src.kind == u"kinesis-stream")
            retention
                = number(m_ctx.number(src, QStringLiteral("RetentionPeriodHours")).value_or(24))
                  + QStringLiteral(" h");
        else if (src.kind == u"dynamodb-table")
            retention = QStringLiteral("24 h");

        if (src.kind == u"dynamodb-table"
            && !m_ctx.explicitValue(src, QStringLiteral("StreamViewType")))
            b.note(over(s, s),
                   QStringLiteral("no StreamViewType: the table has no stream to read yet"));
        if (const Value *enabled = m_ctx.explicitValue(c, QStringLiteral("Enabled"));
            enabled && enabled->toBool() == false)
            b.note(over(s, f),
                   QStringLiteral("the mapping is disabled (Enabled false): nothing is read"));
        QString loop = QStringLiteral("each %1, in order").arg(unit);
        if (parallel > 1)
            loop += QStringLiteral(", %1 batches at a time (ParallelizationFactor)")
                        .arg(number(parallel));
        b.open(QStringLiteral("loop"), loop);
        QString read
            = kafka ? QStringLiteral("read records of the topic") : QStringLiteral("read records");
        if (kafka) {
            if (const Value *topics = m_ctx.explicitValue(c, QStringLiteral("Topics"));
                topics && !topics->items().empty())
                read = QStringLiteral("read records of topic %1")
                           .arg(topics->items().front().toString());
        }
        if (!start.isEmpty())
            read += QStringLiteral(" (first from %1)").arg(start);
        if (window > 0)
            read += QStringLiteral(", gathering for up to %1 s").arg(number(window));
        b.call(LambdaId, s, read);
        b.reply(s, LambdaId, QStringLiteral("up to %1 records").arg(batch));
        if (m_ctx.explicitValue(c, QStringLiteral("FilterPatterns")))
            b.note(over(LambdaId, LambdaId),
                   QStringLiteral("records that match no filter pattern are skipped"));
        b.call(LambdaId, f, QStringLiteral("invoke synchronously with the batch and wait"));
        if (tumbling > 0)
            b.note(over(LambdaId, f),
                   QStringLiteral("tumbling windows of %1 s: the function returns its state, "
                                  "Lambda passes it to the next invocation of the window")
                       .arg(number(tumbling)));
        b.open(QStringLiteral("alt"), QStringLiteral("the batch succeeds"));
        b.reply(f, LambdaId, QStringLiteral("success"));
        b.note(over(LambdaId, LambdaId),
               QStringLiteral("the %1's checkpoint moves past the batch").arg(unit));
        b.otherwise(QStringLiteral("the function fails or times out"));
        b.reply(f, LambdaId,
                partial ? QStringLiteral("error, or batchItemFailures") : QStringLiteral("error"));
        if (partial)
            b.note(over(LambdaId, LambdaId),
                   QStringLiteral("with batchItemFailures the checkpoint moves to the first "
                                  "failed record and retries start there"));
        const bool unlimited = retries < 0 && age < 0;
        QStringList limits;
        QStringList limitsSummary;
        if (retries >= 0) {
            limits << QStringLiteral("at most %1 %2 (MaximumRetryAttempts)")
                          .arg(number(retries),
                               retries == 1 ? QStringLiteral("retry") : QStringLiteral("retries"));
            limitsSummary << QStringLiteral("at most %1 %2")
                                 .arg(number(retries), retries == 1 ? QStringLiteral("time")
                                                                    : QStringLiteral("times"));
        }
        if (age >= 0) {
            limits << QStringLiteral(
                          "while the records are younger than %1 s (MaximumRecordAgeInSeconds)")
                          .arg(number(age));
            limitsSummary
                << QStringLiteral("while its records are younger than %1 s").arg(number(age));
        }
        const QString expiry
            = retention.isEmpty()
                  ? QStringLiteral("the records expire")
                  : QStringLiteral("the records expire (retention %1)").arg(retention);
        if (unlimited) {
            b.open(QStringLiteral("loop"), QStringLiteral("until it succeeds or %1").arg(expiry));
            b.note(over(s, LambdaId),
                   QStringLiteral("the %1 is blocked: nothing newer is read from it").arg(unit));
        } else {
            b.open(QStringLiteral("loop"),
                   QStringLiteral("until it succeeds, ") + limits.join(QStringLiteral(" and ")));
        }
        if (bisect)
            b.note(over(LambdaId, LambdaId),
                   QStringLiteral("BisectBatchOnFunctionError: the batch is split in two "
                                  "and each half retried"));
        b.call(LambdaId, f, QStringLiteral("invoke again"));
        b.close();
        b.open(QStringLiteral("opt"), unlimited ? expiry : QStringLiteral("the batch still fails"));
        if (onFailure)
            b.call(LambdaId, id(*onFailure),
                   QStringLiteral("record of the failed batch (%1, positions), not the records")
                       .arg(unit));
        else
            b.note(over(LambdaId, LambdaId),
                   QStringLiteral("no OnFailure destination: the batch is lost without a trace"));
        if (!unlimited)
            b.note(over(s, LambdaId), QStringLiteral("the %1 moves on past the batch").arg(unit));
        b.close();
        b.close();
        b.close();

        QString what;
        if (unlimited)
            what = QStringLiteral(
                       "a failing batch is retried until its records expire, blocking its %1")
                       .arg(unit);
        else
            what = QStringLiteral("a failing batch is retried %1")
                       .arg(limitsSummary.join(QStringLiteral(" and ")));
        what += onFailure ? QStringLiteral(", then recorded in %1").arg(onFailure->displayName())
                          : QStringLiteral(", then lost");
        return QStringLiteral(
                   "Poll-based: Lambda's poller reads each %1 of %2 in order and invokes %3 "
                   "synchronously with batches of up to %4 records; %5.")
            .arg(unit, src.displayName(), fn.displayName(), batch, what);
    }

    QString other(Block &b, const Component &src, const Component &fn)
    {
        participant(b, src);
        participant(b, fn);
        b.call(id(src), id(fn), QStringLiteral("invoke"));
        b.note(over(id(src), id(fn)),
               QStringLiteral("the catalog gives %1 no invocation class").arg(src.kind));
        return QStringLiteral("%1 invokes %2, how is not known.")
            .arg(src.displayName(), fn.displayName());
    }

    ValidationContext m_ctx;
    MermaidIds m_ids;
};

} // namespace

ExportResult MermaidSequenceExporter::exportDiagram(const DiagramData &data, const Catalog &catalog,
                                                    const ExportOptions &options) const
{
    Q_UNUSED(options);
    Writer writer(data, catalog);
    const ValidationContext ctx(data, catalog);

    // Headings, made unique: a second route between the same two components names its route.
    std::vector<int> triggers;
    for (int i = 0; i < int(data.connections.size()); ++i) {
        const Connection &c = data.connections[size_t(i)];
        if (c.role == u"trigger" && ctx.component(c.from) && ctx.component(c.to))
            triggers.push_back(i);
    }

    QString out = QStringLiteral("# ");
    out += data.name && !data.name->trimmed().isEmpty()
               ? markdown(*data.name) + QStringLiteral(": trigger paths")
               : QStringLiteral("Trigger paths");
    out += QStringLiteral(
        "\n\nWho waits, who retries and where failures go: one sequence diagram per trigger "
        "connection, in the order of the project file.\n");
    if (triggers.empty())
        out += QStringLiteral("\nThe project has no trigger connections.\n");

    QSet<QString> used;
    for (int i : triggers) {
        const Connection &c = ctx.connection(i);
        const QString base = markdown(ctx.component(c.from)->displayName()) + QStringLiteral(" → ")
                             + markdown(ctx.component(c.to)->displayName());
        QString heading = base;
        if (used.contains(heading)) {
            QStringList route;
            for (const char *name : {"Method", "Path"}) {
                const QString v = text(ctx.explicitValue(c, QString::fromLatin1(name)));
                if (!v.isEmpty())
                    route << v;
            }
            if (!route.isEmpty())
                heading = base + QStringLiteral(" (") + markdown(route.join(QLatin1Char(' ')))
                          + QLatin1Char(')');
            for (int n = 2; used.contains(heading); ++n)
                heading = base + QStringLiteral(" (%1)").arg(n);
        }
        used.insert(heading);
        out += QLatin1Char('\n') + writer.section(c, heading);
    }
    ExportResult result;
    result.files.append({QStringLiteral("sequence.md"), out.toUtf8()});
    return result;
}

} // namespace ew::core

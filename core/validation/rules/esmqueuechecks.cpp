// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rules/esmrun.h"

namespace ew::core::rules::esm {

void Run::checkQueues()
{
    // Queues that trigger a function, with the functions they trigger.
    QStringList triggering;
    QHash<QString, QStringList> functions;
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Sqs)
            continue;
        if (!functions.contains(e.source->id))
            triggering << e.source->id;
        functions[e.source->id] << describe(e.function->id);
    }
    for (const QString &id : triggering) {
        const Component &queue = *m_ctx.component(id);
        std::vector<int> redrives;
        for (int i : m_ctx.outgoing(id, DeadLetter)) {
            const Component *target = m_ctx.component(m_ctx.connection(i).to);
            if (target && target->kind == u"sqs-queue")
                redrives.push_back(i);
        }
        if (redrives.empty()) {
            const bool fifo = m_ctx.isFifo(queue);
            const QString dlq = newId(id + QStringLiteral("-dlq"));
            Value properties = Value::map();
            if (fifo)
                properties.set(QStringLiteral("FifoQueue"), Value::boolean(true));
            const QString name = validText(queue, QStringLiteral("QueueName"));
            if (!name.isEmpty()) {
                QString stem = name.endsWith(QStringLiteral(".fifo")) ? name.chopped(5) : name;
                const QString suffix = QStringLiteral("-dlq") + (fifo ? QStringLiteral(".fifo") : QString());
                properties.set(QStringLiteral("QueueName"), Value::string(stem.left(80 - suffix.size()) + suffix));
            }
            // A dead-letter queue keeps messages longer than its source: a standard queue's
            // message keeps its original enqueue time (SQS developer guide, dead-letter queues).
            properties.set(QStringLiteral("MessageRetentionPeriod"), Value::integer(1209600));
            Value redrive = Value::map();
            redrive.set(QStringLiteral("maxReceiveCount"), Value::integer(5));
            double retention = 345600;
            number(queue, QStringLiteral("MessageRetentionPeriod"), retention);
            m_ctx.report(QStringLiteral("ESM-SQS-005"),
                         QStringLiteral("%1 triggers %2 but has no dead-letter queue: a message that keeps failing "
                                        "comes back after every visibility timeout until it expires (%3), invoking "
                                        "the function each time, and is then lost.")
                             .arg(describe(id), functions.value(id).join(QStringLiteral(" and ")), duration(retention)),
                         id, -1, {},
                         QuickFix{QStringLiteral("Add a dead-letter queue '%1' for '%2' (maxReceiveCount 5, messages "
                                                 "kept 14 days).")
                                      .arg(dlq, id),
                                  true,
                                  {addComponent(dlq, QStringLiteral("sqs-queue"),
                                                QStringLiteral("Dead letters of %1").arg(queue.displayName()), properties),
                                   addConnection(id, dlq, DeadLetter, redrive)}});
            continue;
        }
        for (int i : redrives) {
            double count = 10;
            if (!number(m_ctx.connection(i), QStringLiteral("maxReceiveCount"), count) || count >= 5)
                continue;
            m_ctx.report(QStringLiteral("ESM-SQS-005"),
                         QStringLiteral("The redrive from %1 to its dead-letter queue '%2' uses maxReceiveCount %3: a "
                                        "message that is only throttled or fails briefly moves to the dead-letter "
                                        "queue after %3 receive%4, without a fair chance to be processed.")
                             .arg(describe(id), m_ctx.connection(i).to, Value::number(count).text(),
                                  count == 1 ? QString() : QStringLiteral("s")),
                         id, i, {},
                         QuickFix{QStringLiteral("Set maxReceiveCount to 5."), true,
                                  {ValidationContext::setConnectionProperty(i, QStringLiteral("maxReceiveCount"),
                                                                            Value::integer(5))}});
        }
    }

    // Names and FIFO-only attributes, for every queue (length and characters are the catalog's
    // pattern on QueueName, reported under ESM-SQS-007 by the model group).
    for (const Component *queue : m_ctx.componentsOfKind(QStringLiteral("sqs-queue"))) {
        const bool fifo = m_ctx.isFifo(*queue);
        const QString name = validText(*queue, QStringLiteral("QueueName"));
        const bool fifoName = name.endsWith(QStringLiteral(".fifo"));
        if (fifo && !name.isEmpty() && !fifoName) {
            std::optional<QuickFix> fix;
            if (name.size() + 5 <= 80) {
                fix = QuickFix{QStringLiteral("Rename the queue to '%1.fifo'.").arg(name), false,
                               {ValidationContext::setProperty(queue->id, QStringLiteral("QueueName"),
                                                               Value::string(name + QStringLiteral(".fifo")))}};
            }
            m_ctx.report(QStringLiteral("ESM-SQS-007"),
                         QStringLiteral("%1 is a FIFO queue named '%2', but a FIFO queue's name must end in .fifo; "
                                        "SQS rejects the queue, so the deployment fails.")
                             .arg(describe(queue->id), name),
                         queue->id, -1, QStringLiteral("Add .fifo to the queue name."), fix);
        } else if (!fifo && fifoName) {
            m_ctx.report(QStringLiteral("ESM-SQS-007"),
                         QStringLiteral("%1 is named '%2' but is a standard queue (FifoQueue is not true); only FIFO "
                                        "queue names may end in .fifo, so SQS rejects the queue.")
                             .arg(describe(queue->id), name),
                         queue->id, -1, {},
                         QuickFix{QStringLiteral("Make '%1' a FIFO queue (FifoQueue: true).").arg(queue->id), false,
                                  {ValidationContext::setProperty(queue->id, QStringLiteral("FifoQueue"), Value::boolean(true))}});
        }
        if (!fifo) {
            QStringList fifoOnly;
            for (const char *attribute : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
                if (isExplicit(*queue, QLatin1String(attribute)))
                    fifoOnly << QLatin1String(attribute);
            }
            if (!fifoOnly.isEmpty()) {
                QuickFix fix{QStringLiteral("Remove %1 from '%2'.").arg(fifoOnly.join(QStringLiteral(" and ")), queue->id),
                             false, {}};
                for (const QString &attribute : fifoOnly)
                    fix.edits.push_back(removeComponentProperty(queue->id, attribute));
                m_ctx.report(QStringLiteral("ESM-SQS-007"),
                             QStringLiteral("%1 is a standard queue but sets %2, which exist only on FIFO queues; "
                                            "SQS rejects the queue, so the deployment fails.")
                                 .arg(describe(queue->id), fifoOnly.join(QStringLiteral(" and "))),
                             queue->id, -1, {}, fix);
            }
        }
    }
}

void Run::checkRedrive()
{
    for (int i = 0; i < int(m_ctx.data().connections.size()); ++i) {
        const Connection &c = m_ctx.connection(i);
        if (c.role != DeadLetter)
            continue;
        const Component *source = m_ctx.component(c.from);
        const Component *dlq = m_ctx.component(c.to);
        if (!source || !dlq || source->kind != u"sqs-queue" || dlq->kind != u"sqs-queue" || source == dlq)
            continue;
        const bool fifo = m_ctx.isFifo(*source);
        if (fifo == m_ctx.isFifo(*dlq))
            continue;
        QuickFix fix{fifo ? QStringLiteral("Make '%1' a FIFO queue like '%2'.").arg(dlq->id, source->id)
                          : QStringLiteral("Make '%1' a standard queue like '%2'.").arg(dlq->id, source->id),
                     false, {}};
        const QString name = validText(*dlq, QStringLiteral("QueueName"));
        if (fifo) {
            fix.edits.push_back(ValidationContext::setProperty(dlq->id, QStringLiteral("FifoQueue"), Value::boolean(true)));
            if (!name.isEmpty() && !name.endsWith(QStringLiteral(".fifo")))
                fix.edits.push_back(ValidationContext::setProperty(dlq->id, QStringLiteral("QueueName"),
                                                                   Value::string(name.left(75) + QStringLiteral(".fifo"))));
        } else {
            fix.edits.push_back(removeComponentProperty(dlq->id, QStringLiteral("FifoQueue")));
            for (const char *attribute : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"}) {
                if (isExplicit(*dlq, QLatin1String(attribute)))
                    fix.edits.push_back(removeComponentProperty(dlq->id, QLatin1String(attribute)));
            }
            if (name.endsWith(QStringLiteral(".fifo")))
                fix.edits.push_back(ValidationContext::setProperty(dlq->id, QStringLiteral("QueueName"),
                                                                   Value::string(name.chopped(5))));
        }
        m_ctx.report(QStringLiteral("ESM-SQS-006"),
                     QStringLiteral("%1 is a %2 queue but its dead-letter queue '%3' is a %4 queue; SQS rejects the "
                                    "redrive policy, so the deployment fails.")
                         .arg(describe(source->id), fifo ? QStringLiteral("FIFO") : QStringLiteral("standard"),
                              dlq->id, fifo ? QStringLiteral("standard") : QStringLiteral("FIFO")),
                     source->id, i, {}, fix);
    }
}

void Run::checkReservedConcurrency()
{
    QHash<QString, std::vector<const Esm *>> byFunction;   // SQS triggers with MaximumConcurrency
    for (const Esm &e : m_esms) {
        if (e.kind == Source::Sqs && given(e, QStringLiteral("MaximumConcurrency")))
            byFunction[e.function->id].push_back(&e);
    }
    for (const Component *function : m_ctx.componentsOfKind(QStringLiteral("lambda-function"))) {
        const auto triggers = byFunction.constFind(function->id);
        double reserved = 0;
        if (triggers == byFunction.constEnd()
            || !isExplicit(*function, QStringLiteral("ReservedConcurrentExecutions"))
            || !number(*function, QStringLiteral("ReservedConcurrentExecutions"), reserved))
            continue;
        double sum = 0;
        QStringList parts;
        for (const Esm *e : *triggers) {
            double concurrency = 0;
            if (!number(*e, QStringLiteral("MaximumConcurrency"), concurrency))
                continue;
            sum += concurrency;
            parts << QStringLiteral("%1 from '%2'").arg(Value::number(concurrency).text(), e->source->id);
        }
        if (parts.isEmpty() || reserved >= sum)
            continue;
        m_ctx.report(QStringLiteral("ESM-SQS-008"),
                     QStringLiteral("%1 has reserved concurrency %2, below the %3 instances its SQS triggers may run "
                                    "at once (MaximumConcurrency %4); Lambda throttles the rest, and throttled "
                                    "messages return to their queue and may reach the dead-letter queue unprocessed.")
                         .arg(describe(function->id), Value::number(reserved).text(), Value::number(sum).text(),
                              parts.join(QStringLiteral(" + "))),
                     function->id, -1, {},
                     QuickFix{QStringLiteral("Raise ReservedConcurrentExecutions of '%1' to %2 (or lower the triggers' "
                                             "MaximumConcurrency).")
                                  .arg(function->id, Value::number(sum).text()),
                              false,
                              {ValidationContext::setProperty(function->id, QStringLiteral("ReservedConcurrentExecutions"),
                                                              Value::integer(qint64(sum)))}});
    }
}

void Run::checkStreamReaders()
{
    QStringList order;
    QHash<QString, std::vector<const Esm *>> bySource;
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Kinesis && e.kind != Source::DynamoDb)
            continue;
        if (!bySource.contains(e.source->id))
            order << e.source->id;
        bySource[e.source->id].push_back(&e);
    }
    for (const QString &id : order) {
        const std::vector<const Esm *> &readers = bySource[id];
        if (readers.front()->kind == Source::DynamoDb) {
            if (readers.size() > 2) {
                m_ctx.report(QStringLiteral("ESM-DDB-002"),
                             QStringLiteral("%1 has %2 triggers reading its stream, but DynamoDB Streams serve about "
                                            "two readers per shard; the others are throttled and every trigger on "
                                            "the table falls behind.")
                                 .arg(describe(id))
                                 .arg(readers.size()),
                             id, -1,
                             QStringLiteral("Keep at most two triggers on '%1': let one function fan the changes out "
                                            "(for example through SNS or EventBridge), or stream the table into a "
                                            "Kinesis data stream for many consumers.")
                                 .arg(id));
            }
            continue;
        }
        std::vector<const Esm *> shared;
        int fanOut = 0;
        for (const Esm *e : readers) {
            if (m_ctx.flag(*e->connection, QStringLiteral("Consumer")))
                ++fanOut;
            else
                shared.push_back(e);
        }
        if (fanOut > 20) {
            m_ctx.report(QStringLiteral("ESM-KIN-001"),
                         QStringLiteral("%1 has %2 triggers with enhanced fan-out (Consumer: true), more than the 20 "
                                        "consumers a stream can register (50 for On-demand Advantage streams); "
                                        "registering the others fails and those triggers cannot read.")
                             .arg(describe(id))
                             .arg(fanOut),
                         id, -1,
                         QStringLiteral("Keep at most 20 triggers with Consumer: true on '%1'; let the others share "
                                        "the stream's throughput, or fan out from fewer functions.")
                             .arg(id));
        }
        if (shared.size() > 5) {
            QuickFix fix{QStringLiteral("Give %1 of the triggers on '%2' enhanced fan-out (Consumer: true).")
                             .arg(shared.size() - 5)
                             .arg(id),
                         false, {}};
            for (size_t i = 5; i < shared.size(); ++i)
                fix.edits.push_back(ValidationContext::setConnectionProperty(shared[i]->index, QStringLiteral("Consumer"),
                                                                             Value::boolean(true)));
            m_ctx.report(QStringLiteral("ESM-KIN-002"),
                         QStringLiteral("%1 has %2 triggers sharing each shard's read throughput (5 reads per second, "
                                        "2 MB/s), so they are throttled and fall behind the stream.")
                             .arg(describe(id))
                             .arg(shared.size()),
                         id, -1, {}, fix);
        }
    }
}

void Run::checkConsumerGroups()
{
    QHash<QString, const Esm *> first;
    QSet<QString> used;
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Kafka)
            continue;
        if (const Value *v = given(e, QStringLiteral("ConsumerGroupId")))
            used.insert(v->text());
    }
    for (const Esm &e : m_esms) {
        if (e.kind != Source::Kafka)
            continue;
        const Value *v = given(e, QStringLiteral("ConsumerGroupId"));
        if (!v || !v->isScalar() || v->text().isEmpty())
            continue;
        const QString group = v->text();
        const auto it = first.constFind(group);
        if (it == first.constEnd()) {
            first.insert(group, &e);
            continue;
        }
        QString unique = group.left(200 - e.function->id.size() - 1) + QLatin1Char('-') + e.function->id;
        for (int n = 2; used.contains(unique); ++n)
            unique = group.left(200 - e.function->id.size() - 5) + QLatin1Char('-') + e.function->id
                     + QLatin1Char('-') + QString::number(n);
        used.insert(unique);
        report(QStringLiteral("ESM-KAF-002"),
               QStringLiteral("%1 joins the consumer group '%2', which the trigger from %3 to %4 also uses; Lambda "
                              "requires a consumer group unique among Kafka triggers, and two functions in one group "
                              "would each get only part of the records.")
                   .arg(trigger(e), group, describe((*it)->source->id), describe((*it)->function->id)),
               e, {},
               QuickFix{QStringLiteral("Set ConsumerGroupId to '%1'.").arg(unique), false,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("ConsumerGroupId"),
                                                                  Value::string(unique))}});
    }
}

} // namespace ew::core::rules::esm

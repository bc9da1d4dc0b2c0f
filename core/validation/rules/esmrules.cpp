// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rules/esmrun.h"

// Event source mappings: the triggers from SQS queues, Kinesis streams, DynamoDB streams and MSK
// clusters to Lambda functions (aws-semantics.md §4, §4.1, §5, §9, §14). Pure range checks are
// catalog data (`rule:` on the property) and are reported by the model group under these ids.

namespace ew::core::rules {

namespace esm {

bool Run::number(const Connection &c, const QString &name, double &out) const
{
    if (const Value *v = m_ctx.explicitValue(c, name)) {
        const Component *source = m_ctx.component(c.from);
        const RoleSpec *role = source ? m_ctx.catalog().roleSpec(source->kind, c.role) : nullptr;
        const PropertySpec *spec = role ? role->property(name) : nullptr;
        if (!spec || checkPropertyValue(*spec, *v).kind != PropertyProblem::None)
            return false;
    }
    const Value *v = m_ctx.value(c, name);
    const std::optional<double> n = v ? v->toNumber() : std::nullopt;
    if (!n)
        return false;
    out = *n;
    return true;
}

bool Run::number(const Component &c, const QString &name, double &out) const
{
    if (const Value *v = m_ctx.explicitValue(c, name)) {
        const KindSpec *kind = m_ctx.kindOf(c);
        const PropertySpec *spec = kind ? kind->property(name) : nullptr;
        if (!spec || checkPropertyValue(*spec, *v).kind != PropertyProblem::None)
            return false;
    }
    const Value *v = m_ctx.value(c, name);
    const std::optional<double> n = v ? v->toNumber() : std::nullopt;
    if (!n)
        return false;
    out = *n;
    return true;
}

QString Run::validText(const Component &c, const QString &name) const
{
    const Value *v = m_ctx.explicitValue(c, name);
    if (!v)
        return {};
    const KindSpec *kind = m_ctx.kindOf(c);
    const PropertySpec *spec = kind ? kind->property(name) : nullptr;
    if (!spec || checkPropertyValue(*spec, *v).kind != PropertyProblem::None)
        return {};
    return v->text();
}

QString Run::newId(const QString &base)
{
    QString stem = base.left(56);   // room for "-NN" within the 63 characters an id may have
    while (stem.endsWith(QLatin1Char('-')))
        stem.chop(1);
    QString id = stem;
    for (int n = 2; m_ctx.component(id) || m_newIds.contains(id); ++n)
        id = stem + QLatin1Char('-') + QString::number(n);
    m_newIds.insert(id);
    return id;
}

QuickFix Run::addOnFailureQueue(const Esm &e, const QString &text)
{
    const QString id = newId(e.source->id + QStringLiteral("-failures"));
    Value properties = Value::map();
    properties.set(QStringLiteral("MessageRetentionPeriod"), Value::integer(1209600));
    QuickFix fix{text.arg(id), false, {}};
    fix.edits.push_back(addComponent(id, QStringLiteral("sqs-queue"),
                                     QStringLiteral("Discarded batches of %1").arg(e.source->displayName()),
                                     properties));
    fix.edits.push_back(ValidationContext::setConnectionProperty(e.index, QStringLiteral("OnFailure"),
                                                                 Value::string(id)));
    return fix;
}

void Run::run()
{
    const DiagramData &data = m_ctx.data();
    for (int i = 0; i < int(data.connections.size()); ++i) {
        const Connection &c = data.connections[size_t(i)];
        if (c.role != Trigger)
            continue;
        const Component *source = m_ctx.component(c.from);
        const Component *function = m_ctx.component(c.to);
        if (!source || !function || function->kind != u"lambda-function" || !m_ctx.kindOf(*source))
            continue;
        const std::optional<Source> kind = sourceOf(source->kind);
        if (!kind)
            continue;
        m_esms.push_back(Esm{i, &c, source, function, *kind});
    }
    for (const Esm &e : m_esms) {
        checkMisplacedSettings(e);
        if (e.kind == Source::Sqs)
            checkSqsTrigger(e);
        else
            checkStreamTrigger(e);
        checkPartialBatch(e);
        checkFilters(e);
    }
    checkQueues();
    checkRedrive();
    checkReservedConcurrency();
    checkStreamReaders();
    checkConsumerGroups();
}

// Settings that exist in AWS::Lambda::EventSourceMapping but not for this source. The format
// does not know them for the source either (MODEL-007 says they are not exported); these rules
// say that AWS would reject them. Removing them changes nothing that is deployed: safe.
void Run::checkMisplacedSettings(const Esm &e)
{
    auto present = [&](std::initializer_list<const char *> names) {
        QStringList out;
        for (const char *n : names) {
            if (given(e, QLatin1String(n)))
                out << QLatin1String(n);
        }
        return out;
    };
    auto removal = [&](const QStringList &names) {
        QuickFix fix{QStringLiteral("Remove %1 from the trigger.").arg(names.join(QStringLiteral(" and "))), true, {}};
        for (const QString &n : names)
            fix.edits.push_back(ValidationContext::removeConnectionProperty(e.index, n));
        return fix;
    };
    const bool sqs = e.kind == Source::Sqs;
    const bool stream = e.kind == Source::Kinesis || e.kind == Source::DynamoDb;

    if (!stream) {
        if (const QStringList names = present({"ParallelizationFactor", "TumblingWindowInSeconds"}); !names.isEmpty()) {
            report(QStringLiteral("ESM-GEN-003"),
                   QStringLiteral("%1 sets %2, which only Kinesis and DynamoDB Streams triggers have; Lambda "
                                  "rejects the mapping, so the function is never invoked.")
                       .arg(trigger(e), names.join(QStringLiteral(" and "))),
                   e, {}, removal(names));
        }
    }
    if (sqs) {
        if (const QStringList names = present({"MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError"});
            !names.isEmpty()) {
            report(QStringLiteral("ESM-GEN-004"),
                   QStringLiteral("%1 sets %2, which SQS triggers do not have (a failed message returns to the "
                                  "queue after its visibility timeout); Lambda rejects the mapping.")
                       .arg(trigger(e), names.join(QStringLiteral(", "))),
                   e, {}, removal(names));
        }
        if (const QStringList names = present({"StartingPosition", "StartingPositionTimestamp"}); !names.isEmpty()) {
            report(QStringLiteral("ESM-GEN-011"),
                   QStringLiteral("%1 sets %2, but a queue has no position to start from; Lambda rejects the "
                                  "mapping, so the function is never invoked.")
                       .arg(trigger(e), names.join(QStringLiteral(" and "))),
                   e, {}, removal(names));
        }
        if (const Value *onFailure = given(e, QStringLiteral("OnFailure"))) {
            // The redrive policy is SQS's failure path (aws-semantics.md §4: DestinationConfig "—
            // (use queue redrive DLQ)"). Moving a same-type queue there keeps the intent.
            const Component *target = m_ctx.component(onFailure->text());
            const bool movable = target && target->kind == u"sqs-queue" && target->id != e.source->id
                                 && m_ctx.isFifo(*target) == m_ctx.isFifo(*e.source)
                                 && m_ctx.outgoing(e.source->id, DeadLetter).empty();
            QuickFix fix = removal({QStringLiteral("OnFailure")});
            if (movable) {
                Value properties = Value::map();
                properties.set(QStringLiteral("maxReceiveCount"), Value::integer(5));
                fix = QuickFix{QStringLiteral("Remove OnFailure and make '%1' the dead-letter queue of '%2' "
                                              "(maxReceiveCount 5).")
                                   .arg(target->id, e.source->id),
                               false,
                               {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("OnFailure")),
                                addConnection(e.source->id, target->id, DeadLetter, properties)}};
            }
            report(QStringLiteral("ESM-GEN-007"),
                   QStringLiteral("%1 names an OnFailure destination, which SQS triggers do not have; Lambda "
                                  "rejects the mapping, and failed messages would anyway stay in the queue.")
                       .arg(trigger(e)),
                   e, {}, fix);
        }
    } else if (given(e, QStringLiteral("MaximumConcurrency"))) {
        report(QStringLiteral("ESM-GEN-016"),
               QStringLiteral("%1 sets MaximumConcurrency, which only SQS triggers have (stream and Kafka triggers "
                              "scale with their shards or partitions); Lambda rejects the mapping.")
                   .arg(trigger(e)),
               e, {}, removal({QStringLiteral("MaximumConcurrency")}));
    }
    if (stream && given(e, QStringLiteral("ProvisionedPollerConfig"))) {
        report(QStringLiteral("ESM-GEN-018"),
               QStringLiteral("%1 sets ProvisionedPollerConfig, but provisioned mode exists only for SQS and Kafka "
                              "triggers; Lambda rejects the mapping.")
                   .arg(trigger(e)),
               e, {}, removal({QStringLiteral("ProvisionedPollerConfig")}));
    }
    if (const QStringList names = present({"OnSuccess"}); !names.isEmpty()) {
        report(QStringLiteral("ESM-GEN-006"),
               QStringLiteral("%1 names an OnSuccess destination, but triggers that poll a source only have an "
                              "on-failure destination; Lambda rejects the mapping.")
                   .arg(trigger(e)),
               e, {}, removal(names));
    }
}

void Run::checkSqsTrigger(const Esm &e)
{
    const Component &queue = *e.source;
    const bool fifo = m_ctx.isFifo(queue);
    double batch = 0;
    const bool hasBatch = number(e, QStringLiteral("BatchSize"), batch);
    double window = 0;
    const bool hasWindow = number(e, QStringLiteral("MaximumBatchingWindowInSeconds"), window);

    if (!fifo && hasBatch && batch > 10 && hasWindow && window < 1) {
        report(QStringLiteral("ESM-GEN-002"),
               QStringLiteral("%1 takes batches of %2 messages without a batching window; above 10 messages Lambda "
                              "needs a window of at least 1 second and rejects the mapping.")
                   .arg(trigger(e), Value::number(batch).text()),
               e, {},
               QuickFix{QStringLiteral("Set MaximumBatchingWindowInSeconds to 1 s."), true,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("MaximumBatchingWindowInSeconds"),
                                                                  Value::integer(1))}});
    }
    if (fifo && hasBatch && batch > 10) {
        report(QStringLiteral("ESM-SQS-001"),
               QStringLiteral("%1 takes batches of %2 messages, but %3 is a FIFO queue, which hands out at most 10 "
                              "at a time; Lambda rejects the mapping.")
                   .arg(trigger(e), Value::number(batch).text(), describe(queue.id)),
               e, {},
               QuickFix{QStringLiteral("Set BatchSize to 10."), true,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("BatchSize"), Value::integer(10))}});
    }
    if (fifo && given(e, QStringLiteral("MaximumBatchingWindowInSeconds")) && hasWindow && window > 0) {
        report(QStringLiteral("ESM-SQS-002"),
               QStringLiteral("%1 waits up to %2 to fill a batch, but %3 is a FIFO queue, for which Lambda "
                              "supports no batching window; Lambda rejects the mapping.")
                   .arg(trigger(e), seconds(window), describe(queue.id)),
               e, {},
               QuickFix{QStringLiteral("Remove MaximumBatchingWindowInSeconds from the trigger."), true,
                        {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("MaximumBatchingWindowInSeconds"))}});
    }

    double visibility = 0;
    double timeout = 0;
    if (number(queue, QStringLiteral("VisibilityTimeout"), visibility)
        && number(*e.function, QStringLiteral("Timeout"), timeout)) {
        const double extra = hasWindow ? window : 0;
        const double recommended = std::min(43200.0, std::ceil(6 * timeout + extra));
        const QString visibilityText =
            seconds(visibility) + (isExplicit(queue, QStringLiteral("VisibilityTimeout")) ? QString() : QStringLiteral(", the default"));
        const QString timeoutText =
            seconds(timeout) + (isExplicit(*e.function, QStringLiteral("Timeout")) ? QString() : QStringLiteral(", the default"));
        const QuickFix fix{QStringLiteral("Set VisibilityTimeout of '%1' to %2 (6 x the function timeout%3).")
                               .arg(queue.id, seconds(recommended),
                                    extra > 0 ? QStringLiteral(" + the batching window") : QString()),
                           true,
                           {ValidationContext::setProperty(queue.id, QStringLiteral("VisibilityTimeout"),
                                                           Value::integer(qint64(recommended)))}};
        if (visibility < timeout) {
            report(QStringLiteral("ESM-SQS-003"),
                   QStringLiteral("%1: the queue's visibility timeout (%2) is shorter than the function's timeout "
                                  "(%3), so Lambda refuses to create the trigger; messages would reappear while "
                                  "the function still works on them.")
                       .arg(trigger(e), visibilityText, timeoutText),
                   e, {}, fix);
        } else if (visibility < 6 * timeout + extra) {
            report(QStringLiteral("ESM-SQS-004"),
                   QStringLiteral("%1: the queue's visibility timeout (%2) is below 6 x the function's timeout (%3)%4, "
                                  "so messages of a retried or throttled batch can reappear and be processed twice.")
                       .arg(trigger(e), visibilityText, timeoutText,
                            extra > 0 ? QStringLiteral(" + the batching window (%1)").arg(seconds(extra)) : QString()),
                   e, {}, fix);
        }
    }

    if (given(e, QStringLiteral("MaximumConcurrency")) && given(e, QStringLiteral("ProvisionedPollerConfig"))) {
        report(QStringLiteral("ESM-GEN-017"),
               QStringLiteral("%1 sets both MaximumConcurrency and provisioned mode (ProvisionedPollerConfig); "
                              "Lambda rejects the combination, so the trigger is not created.")
                   .arg(trigger(e)),
               e, {},
               QuickFix{QStringLiteral("Remove MaximumConcurrency (provisioned mode's MaximumPollers bounds the "
                                       "trigger)."),
                        false,
                        {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("MaximumConcurrency"))}});
    }
    checkPollers(e);

    // Advice (info): customer managed KMS key; FIFO with partial batch responses.
    const QString key = validText(queue, QStringLiteral("KmsMasterKeyId"));
    if (!key.isEmpty() && key != u"alias/aws/sqs") {
        report(QStringLiteral("ESM-SQS-009"),
               QStringLiteral("%1 reads a queue encrypted with the KMS key '%2'; unless the function's execution "
                              "role may use kms:Decrypt on that key, Lambda cannot receive the messages.")
                   .arg(trigger(e), key),
               e,
               QStringLiteral("Allow kms:Decrypt on '%1' for the execution role of '%2' (the managed policy "
                              "AWSLambdaSQSQueueExecutionRole does not include it).")
                   .arg(key, e.function->id));
    }
    const Value *types = given(e, QStringLiteral("FunctionResponseTypes"));
    if (fifo && types && types->isList()
        && std::any_of(types->items().begin(), types->items().end(),
                       [](const Value &v) { return v.text() == ReportBatchItemFailures; })) {
        report(QStringLiteral("ESM-SQS-009"),
               QStringLiteral("%1 reports partial batch failures from FIFO queue '%2': unless the function stops at "
                              "the first failed message and reports it with every later one, messages of a group "
                              "are processed out of order.")
                   .arg(trigger(e), queue.id),
               e,
               QStringLiteral("In '%1', on the first failure add that message and all remaining messages of the "
                              "batch to batchItemFailures and return.")
                   .arg(e.function->id));
    }
}

void Run::checkPollers(const Esm &e)
{
    const Value *config = given(e, QStringLiteral("ProvisionedPollerConfig"));
    if (!config || !config->isMap())
        return;
    // API_ProvisionedPollerConfig: SQS minimum 2-200 and maximum 2-10,000 (the newer API text;
    // aws-semantics.md §4 has 2-2,000 from an older page, so 2,001-10,000 is accepted here);
    // Kafka minimum 1-200, maximum 1-2,000. PollerGroupName is for Kafka only.
    const bool sqs = e.kind == Source::Sqs;
    const qint64 low = sqs ? 2 : 1;
    const qint64 maxHigh = sqs ? 10000 : 2000;
    QStringList problems;
    Value fixed = *config;
    bool fixable = true;
    qint64 minimum = -1;
    qint64 maximum = -1;
    auto check = [&](const QString &name, qint64 high, qint64 &out) {
        const Value *v = config->find(name);
        if (!v)
            return;
        const std::optional<qint64> n = v->toInteger();
        if (!n) {
            problems << QStringLiteral("%1 must be a whole number").arg(name);
            fixable = false;
            return;
        }
        out = std::clamp(*n, low, high);
        if (*n != out) {
            problems << QStringLiteral("%1 must be %2 to %3 (it is %4)").arg(name).arg(low).arg(high).arg(*n);
            fixed.set(name, Value::integer(out));
        }
    };
    check(QStringLiteral("MinimumPollers"), 200, minimum);
    check(QStringLiteral("MaximumPollers"), maxHigh, maximum);
    if (minimum >= 0 && maximum >= 0 && minimum > maximum) {
        problems << QStringLiteral("MinimumPollers (%1) is above MaximumPollers (%2)").arg(minimum).arg(maximum);
        fixed.set(QStringLiteral("MaximumPollers"), Value::integer(minimum));
    }
    if (sqs && config->find(QStringLiteral("PollerGroupName"))) {
        problems << QStringLiteral("PollerGroupName is for Kafka triggers only");
        fixed.remove(QStringLiteral("PollerGroupName"));
    }
    if (problems.isEmpty())
        return;
    std::optional<QuickFix> fix;
    if (fixable) {
        fix = QuickFix{QStringLiteral("Set ProvisionedPollerConfig to %1.").arg(fixed.display()), false,
                       {ValidationContext::setConnectionProperty(e.index, QStringLiteral("ProvisionedPollerConfig"), fixed)}};
    }
    report(QStringLiteral("ESM-GEN-018"),
           QStringLiteral("%1 has provisioned mode settings Lambda rejects: %2; the trigger is not created.")
               .arg(trigger(e), problems.join(QStringLiteral("; "))),
           e, QStringLiteral("Correct ProvisionedPollerConfig."), fix);
}

void Run::checkStreamTrigger(const Esm &e)
{
    const bool kafka = e.kind == Source::Kafka;
    const QString unit = kafka ? QStringLiteral("partition") : QStringLiteral("shard");

    checkStartingPosition(e);

    // MaximumRecordAgeInSeconds: -1 or 60-604,800. The catalog range is -1-604,800; the gap
    // 0-59 is checked here (aws-semantics.md §4 range notes, TF-16113).
    double age = -1;
    const bool hasAge = number(e, QStringLiteral("MaximumRecordAgeInSeconds"), age);
    if (given(e, QStringLiteral("MaximumRecordAgeInSeconds")) && hasAge && age >= 0 && age < 60) {
        report(QStringLiteral("ESM-GEN-005"),
               QStringLiteral("%1 skips records older than %2, but the record age must be -1 (no limit) or at least "
                              "60 s; Lambda rejects the mapping.")
                   .arg(trigger(e), seconds(age)),
               e, {},
               QuickFix{QStringLiteral("Set MaximumRecordAgeInSeconds to 60 s."), false,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("MaximumRecordAgeInSeconds"),
                                                                  Value::integer(60))}});
    }

    const Value *onFailure = given(e, QStringLiteral("OnFailure"));
    if (onFailure) {
        const Component *target = m_ctx.component(onFailure->text());
        if (target && (target->kind == u"sqs-queue" || target->kind == u"sns-topic") && m_ctx.isFifo(*target)) {
            report(QStringLiteral("ESM-GEN-008"),
                   QStringLiteral("%1 sends discarded batches to %2, a FIFO %3; triggers accept only standard "
                                  "queues and topics or S3 buckets as on-failure destinations, so Lambda rejects "
                                  "the mapping.")
                       .arg(trigger(e), describe(target->id),
                            target->kind == u"sqs-queue" ? QStringLiteral("queue") : QStringLiteral("topic")),
                   e, {},
                   addOnFailureQueue(e, QStringLiteral("Add a standard SQS queue '%1' and make it the OnFailure destination.")));
        }
    }

    // §14's condition as written: unlimited retries, unlimited age and no OnFailure. (With an
    // OnFailure but unlimited retries the shard still waits until the records expire; the
    // destination then at least records what was lost.)
    double retries = -1;
    const bool hasRetries = number(e, QStringLiteral("MaximumRetryAttempts"), retries);
    if (!onFailure && hasRetries && hasAge && retries < 0 && age < 0) {
        report(QStringLiteral("ESM-GEN-009"),
               QStringLiteral("%1 retries a failing batch until its records expire and has no OnFailure "
                              "destination: one bad record stops its %2 for up to the %3's retention period, and "
                              "then the records are lost without a trace.")
                   .arg(trigger(e), unit, kafka ? QStringLiteral("topic") : QStringLiteral("stream")),
               e, {},
               addOnFailureQueue(e, QStringLiteral("Add an SQS queue '%1' as the OnFailure destination (and consider "
                                                   "limiting MaximumRetryAttempts).")));
    }

    if (kafka) {
        // The 14-minute limit (§14 marks it [verify]) is current: with-msk.html and
        // with-kafka.html say MSK, self-managed Kafka, DocumentDB and MQ mappings "only support
        // functions with maximum timeout limits of 14 minutes".
        double timeout = 0;
        if (number(*e.function, QStringLiteral("Timeout"), timeout) && timeout > 840) {
            report(QStringLiteral("ESM-KAF-005"),
                   QStringLiteral("%1: the function's timeout is %2, but Kafka triggers support functions with a "
                                  "timeout of at most 14 minutes (840 s), so that the mapping can handle errors and "
                                  "retries of a batch.")
                       .arg(trigger(e), seconds(timeout)),
                   e, {},
                   QuickFix{QStringLiteral("Set Timeout of '%1' to 840 s.").arg(e.function->id), false,
                            {ValidationContext::setProperty(e.function->id, QStringLiteral("Timeout"), Value::integer(840))}});
        }
        // Topic names (the count is the catalog's min/max-items under ESM-KAF-001).
        const Value *topics = given(e, QStringLiteral("Topics"));
        if (topics && topics->isList() && topics->items().size() == 1 && topics->items().front().isScalar()) {
            static const QRegularExpression topicName(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
            const QString name = topics->items().front().text();
            if (!topicName.match(name).hasMatch() || name == u"." || name == u"..") {
                report(QStringLiteral("ESM-KAF-001"),
                       QStringLiteral("%1 reads the topic '%2', which is not a valid Kafka topic name (1 to 249 "
                                      "letters, digits, '.', '_' or '-'); Lambda rejects the mapping.")
                           .arg(trigger(e), name),
                       e, QStringLiteral("Use the topic's exact name."));
            }
        }
        checkPollers(e);
    }

    if (e.kind == Source::DynamoDb && !m_ctx.explicitValue(*e.source, QStringLiteral("StreamViewType"))) {
        report(QStringLiteral("ESM-DDB-001"),
               QStringLiteral("%1 reads the table's stream, but %2 has no stream (StreamViewType is not set), so "
                              "there is nothing to read and the deployment fails.")
                   .arg(trigger(e), describe(e.source->id)),
               e, {},
               QuickFix{QStringLiteral("Turn on the stream of '%1' with StreamViewType NEW_AND_OLD_IMAGES.").arg(e.source->id),
                        true,
                        {ValidationContext::setProperty(e.source->id, QStringLiteral("StreamViewType"),
                                                        Value::string(QStringLiteral("NEW_AND_OLD_IMAGES")))}});
    }

    if (e.kind == Source::Kinesis && validText(*e.source, QStringLiteral("StreamModeDetails")) != u"ON_DEMAND") {
        double shards = 0;
        double factor = 1;
        double reserved = 0;
        if (isExplicit(*e.source, QStringLiteral("ShardCount")) && number(*e.source, QStringLiteral("ShardCount"), shards)
            && shards > 0 && number(e, QStringLiteral("ParallelizationFactor"), factor)
            && isExplicit(*e.function, QStringLiteral("ReservedConcurrentExecutions"))
            && number(*e.function, QStringLiteral("ReservedConcurrentExecutions"), reserved)
            && shards * factor > reserved) {
            const qint64 needed = qint64(shards * factor);
            report(QStringLiteral("ESM-KIN-003"),
                   QStringLiteral("%1 can run %2 batches at once (%3 shards x ParallelizationFactor %4), but the "
                                  "function's reserved concurrency is %5, so the extra batches are throttled and "
                                  "the trigger falls behind the stream.")
                       .arg(trigger(e))
                       .arg(needed)
                       .arg(qint64(shards))
                       .arg(qint64(factor))
                       .arg(qint64(reserved)),
                   e, {},
                   QuickFix{QStringLiteral("Raise ReservedConcurrentExecutions of '%1' to %2.").arg(e.function->id).arg(needed),
                            false,
                            {ValidationContext::setProperty(e.function->id, QStringLiteral("ReservedConcurrentExecutions"),
                                                            Value::integer(needed))}});
        }
    }
}

void Run::checkStartingPosition(const Esm &e)
{
    const Value *position = given(e, QStringLiteral("StartingPosition"));
    const Value *timestamp = given(e, QStringLiteral("StartingPositionTimestamp"));
    if (!position) {
        // With a timestamp the intent is clear: start there.
        const bool at = timestamp && e.kind != Source::DynamoDb;
        const QString value = at ? QStringLiteral("AT_TIMESTAMP") : QStringLiteral("LATEST");
        report(QStringLiteral("ESM-GEN-010"),
               QStringLiteral("%1 has no StartingPosition; AWS has no default for %2 triggers and rejects the "
                              "mapping, so the function is never invoked.")
                   .arg(trigger(e), m_ctx.kindOf(*e.source)->name),
               e, {},
               QuickFix{at ? QStringLiteral("Set StartingPosition to AT_TIMESTAMP (the trigger has a "
                                            "StartingPositionTimestamp).")
                           : QStringLiteral("Set StartingPosition to LATEST (only new records; TRIM_HORIZON would "
                                            "also read the records already kept)."),
                        at,
                        {ValidationContext::setConnectionProperty(e.index, QStringLiteral("StartingPosition"),
                                                                  Value::string(value))}});
        return;
    }
    if (e.kind == Source::DynamoDb)
        return;   // AT_TIMESTAMP is out of the catalog's choices there: ESM-GEN-012
    const bool at = position->text() == u"AT_TIMESTAMP";
    if (!at && timestamp) {
        report(QStringLiteral("ESM-GEN-013"),
               QStringLiteral("%1 sets StartingPositionTimestamp, but its StartingPosition is %2, not "
                              "AT_TIMESTAMP; Lambda rejects the mapping.")
                   .arg(trigger(e), position->text()),
               e, {},
               QuickFix{QStringLiteral("Remove StartingPositionTimestamp (or set StartingPosition to AT_TIMESTAMP)."),
                        false,
                        {ValidationContext::removeConnectionProperty(e.index, QStringLiteral("StartingPositionTimestamp"))}});
    } else if (at && !timestamp) {
        report(QStringLiteral("ESM-GEN-013"),
               QStringLiteral("%1 starts AT_TIMESTAMP but gives no StartingPositionTimestamp, so Lambda does not "
                              "know where to start and rejects the mapping.")
                   .arg(trigger(e)),
               e,
               QStringLiteral("Set StartingPositionTimestamp to the Unix time (in seconds) to start from, or use "
                              "TRIM_HORIZON or LATEST."));
    } else if (at) {
        double when = 0;
        const QDateTime endOfToday(m_ctx.today().addDays(1), QTime(0, 0), Qt::UTC);
        if (number(e, QStringLiteral("StartingPositionTimestamp"), when) && when >= double(endOfToday.toSecsSinceEpoch())) {
            report(QStringLiteral("ESM-GEN-013"),
                   QStringLiteral("%1 starts reading at %2, which is in the future; Lambda rejects a starting time "
                                  "later than now.")
                       .arg(trigger(e), QDateTime::fromSecsSinceEpoch(qint64(when), Qt::UTC).toString(Qt::ISODate)),
                   e, QStringLiteral("Use a past time, or StartingPosition LATEST to read only new records."));
        }
    }
}

void Run::checkPartialBatch(const Esm &e)
{
    if (e.kind == Source::Kafka)
        return;   // §14: SQS and stream mappings
    double batch = 0;
    if (!number(e, QStringLiteral("BatchSize"), batch) || batch <= 1)
        return;
    const Value *types = given(e, QStringLiteral("FunctionResponseTypes"));
    if (types && (!types->isList() || !types->items().empty()))
        return;   // set (an invalid value is ESM-GEN-014's business)
    const bool sqs = e.kind == Source::Sqs;
    report(QStringLiteral("ESM-GEN-015"),
           QStringLiteral("%1 takes batches of up to %2 %3 without ReportBatchItemFailures, so one failing %4 makes "
                          "Lambda retry the whole batch and process the others again.")
               .arg(trigger(e), Value::number(batch).text(), sqs ? QStringLiteral("messages") : QStringLiteral("records"),
                    sqs ? QStringLiteral("message") : QStringLiteral("record")),
           e, {},
           QuickFix{QStringLiteral("Add ReportBatchItemFailures to FunctionResponseTypes (the function must then "
                                   "return the failed %1 in batchItemFailures).")
                        .arg(sqs ? QStringLiteral("message ids") : QStringLiteral("sequence numbers")),
                    false,
                    {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FunctionResponseTypes"),
                                                              Value::list({Value::string(ReportBatchItemFailures)}))}});
}

} // namespace esm

void checkEventSourceMappings(ValidationContext &context)
{
    esm::Run(context).run();
}

} // namespace ew::core::rules

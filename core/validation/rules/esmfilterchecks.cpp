// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rules/esmrun.h"

#include "core/validation/filterpattern.h"

namespace ew::core::rules::esm {

void Run::checkFilters(const Esm &e)
{
    const Value *patterns = given(e, QStringLiteral("FilterPatterns"));
    if (!patterns || !patterns->isList())
        return;
    const int count = int(patterns->items().size());
    // DG-FILTER: 5 per mapping by default, up to 10 with a quota increase (more than 10 is the
    // catalog's max-items, reported under FILTER-001 by the model group).
    if (count > 5 && count <= 10) {
        report(QStringLiteral("FILTER-001"),
               QStringLiteral("%1 has %2 filter patterns, but Lambda's default quota is 5 per trigger; unless the "
                              "account's quota was raised, Lambda rejects the mapping.")
                   .arg(trigger(e))
                   .arg(count),
               e,
               QStringLiteral("Merge patterns to at most 5 (values in one list are alternatives), or request a "
                              "quota increase of filters per event source mapping (up to 10)."));
    }
    for (int i = 0; i < count; ++i) {
        const Value &pattern = patterns->items()[size_t(i)];
        if (!pattern.isMap())
            continue;   // MODEL-003
        QStringList problems;
        bool fixable = true;
        patternProblems(pattern, {}, problems, fixable);
        if (!problems.isEmpty()) {
            std::optional<QuickFix> fix;
            Value wrapped = *patterns;
            wrapped.items()[size_t(i)] = wrapSingleValues(pattern);
            if (fixable && patternJson(wrapped.items()[size_t(i)]).size() <= 4096) {
                fix = QuickFix{QStringLiteral("Put each single value of filter pattern %1 into a list.").arg(i + 1), true,
                               {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), wrapped)}};
            }
            report(QStringLiteral("FILTER-002"),
                   QStringLiteral("%1: filter pattern %2 is not a valid pattern (%3); Lambda rejects the mapping "
                                  "with \"Invalid filter pattern definition\".")
                       .arg(trigger(e))
                       .arg(i + 1)
                       .arg(problems.join(QStringLiteral("; "))),
                   e, QStringLiteral("Give every field a non-empty list of values or operators."), fix);
        }
        const qsizetype length = patternJson(pattern).size();
        if (length > 4096) {
            report(QStringLiteral("FILTER-002"),
                   QStringLiteral("%1: filter pattern %2 is %3 characters long as JSON, more than the 4,096 Lambda "
                                  "accepts; Lambda rejects the mapping.")
                       .arg(trigger(e))
                       .arg(i + 1)
                       .arg(length),
                   e, QStringLiteral("Shorten the pattern, or split it into several patterns (they are alternatives)."));
        }
        checkPatternFields(e, i + 1, pattern);
    }
    if (e.kind == Source::Sqs && count > 0) {
        report(QStringLiteral("FILTER-004"),
               QStringLiteral("%1 has %2 filter pattern%3: Lambda deletes every message of '%4' that matches none "
                              "of them without invoking '%5', and a plain-text body never matches a pattern on JSON "
                              "fields.")
                   .arg(trigger(e))
                   .arg(count)
                   .arg(count == 1 ? "" : "s")
                   .arg(e.source->id, e.function->id),
               e,
               QStringLiteral("Make sure every message sent to '%1' is meant for '%2' or may be discarded; give "
                              "other consumers their own queue (for example through SNS subscription filters).")
                   .arg(e.source->id, e.function->id));
    }
}

// The top-level fields of a record per source (the event shapes in the Lambda guide). The
// per-source filtering pages say that filtering is supported on the data key (SQS body,
// Kinesis data, DynamoDB dynamodb, Kafka value; with-sqs-filtering.html and siblings);
// metadata fields are accepted too, as aws-semantics.md §5 has it and as AWS's own examples
// filter DynamoDB records on eventName. A field outside this list is never in a record.
void Run::checkPatternFields(const Esm &e, int number, const Value &pattern)
{
    static const QStringList sqsFields = {
        QStringLiteral("body"), QStringLiteral("messageId"), QStringLiteral("receiptHandle"),
        QStringLiteral("attributes"), QStringLiteral("messageAttributes"), QStringLiteral("md5OfBody"),
        QStringLiteral("md5OfMessageAttributes"), QStringLiteral("eventSource"),
        QStringLiteral("eventSourceARN"), QStringLiteral("awsRegion")};
    static const QStringList kinesisFields = {
        QStringLiteral("data"), QStringLiteral("partitionKey"), QStringLiteral("sequenceNumber"),
        QStringLiteral("approximateArrivalTimestamp"), QStringLiteral("kinesisSchemaVersion"),
        QStringLiteral("encryptionType"), QStringLiteral("eventSource"), QStringLiteral("eventVersion"),
        QStringLiteral("eventID"), QStringLiteral("eventName"), QStringLiteral("invokeIdentityArn"),
        QStringLiteral("awsRegion"), QStringLiteral("eventSourceARN")};
    static const QStringList dynamoDbFields = {
        QStringLiteral("dynamodb"), QStringLiteral("eventID"), QStringLiteral("eventName"),
        QStringLiteral("eventVersion"), QStringLiteral("eventSource"), QStringLiteral("awsRegion"),
        QStringLiteral("userIdentity"), QStringLiteral("eventSourceARN")};
    static const QStringList kafkaFields = {
        QStringLiteral("value"), QStringLiteral("key"), QStringLiteral("topic"), QStringLiteral("partition"),
        QStringLiteral("offset"), QStringLiteral("timestamp"), QStringLiteral("timestampType"),
        QStringLiteral("headers")};
    static const QStringList dataKeys = {QStringLiteral("body"), QStringLiteral("data"),
                                         QStringLiteral("dynamodb"), QStringLiteral("value")};
    static const QStringList streamRecordFields = {
        QStringLiteral("Keys"), QStringLiteral("NewImage"), QStringLiteral("OldImage"),
        QStringLiteral("SequenceNumber"), QStringLiteral("SizeBytes"), QStringLiteral("StreamViewType"),
        QStringLiteral("ApproximateCreationDateTime")};

    const QStringList *fields = &sqsFields;
    QString dataKey = QStringLiteral("body");
    switch (e.kind) {
    case Source::Sqs: break;
    case Source::Kinesis: fields = &kinesisFields; dataKey = QStringLiteral("data"); break;
    case Source::DynamoDb: fields = &dynamoDbFields; dataKey = QStringLiteral("dynamodb"); break;
    case Source::Kafka: fields = &kafkaFields; dataKey = QStringLiteral("value"); break;
    }
    const QString sourceName = m_ctx.kindOf(*e.source)->name;
    const QString dropped = e.kind == Source::Sqs ? QStringLiteral("deleted from the queue") : QStringLiteral("dropped");

    QStringList unknown;
    for (const MapEntry &entry : pattern.entries()) {
        if (!fields->contains(entry.key))
            unknown << entry.key;
    }
    if (!unknown.isEmpty()) {
        std::optional<QuickFix> fix;
        Value patterns = *given(e, QStringLiteral("FilterPatterns"));
        Value &mine = patterns.items()[size_t(number - 1)];
        if (!pattern.find(dataKey) && unknown.size() == 1 && dataKeys.contains(unknown.front())) {
            // Another source's data key: the payload of this source is under dataKey.
            const int at = mine.indexOf(unknown.front());
            const Value moved = *mine.find(unknown.front());
            mine.remove(unknown.front());
            mine.insertAt(at, dataKey, moved);
            fix = QuickFix{QStringLiteral("Rename '%1' to '%2' in filter pattern %3.").arg(unknown.front(), dataKey).arg(number),
                           false, {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), patterns)}};
        } else if (e.kind == Source::Kinesis && unknown == QStringList{QStringLiteral("kinesis")}
                   && pattern.find(unknown.front())->isMap() && !pattern.find(unknown.front())->entries().empty()
                   && std::all_of(pattern.find(unknown.front())->entries().begin(),
                                  pattern.find(unknown.front())->entries().end(),
                                  [](const MapEntry &inner) { return kinesisFields.contains(inner.key) && !inner.key.isEmpty(); })
                   && std::none_of(pattern.find(unknown.front())->entries().begin(),
                                   pattern.find(unknown.front())->entries().end(),
                                   [&](const MapEntry &inner) { return pattern.find(inner.key) != nullptr; })) {
            // The record's 'kinesis' object: its fields are filtered at the top level.
            const Value inner = *mine.find(unknown.front());
            int at = mine.indexOf(unknown.front());
            mine.remove(unknown.front());
            for (const MapEntry &field : inner.entries())
                mine.insertAt(at++, field.key, field.value);
            fix = QuickFix{QStringLiteral("Move the fields of 'kinesis' to the top of filter pattern %1.").arg(number),
                           false, {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), patterns)}};
        } else if (e.kind == Source::DynamoDb && !pattern.find(dataKey)
                   && std::all_of(unknown.begin(), unknown.end(),
                                  [](const QString &k) { return streamRecordFields.contains(k); })) {
            // NewImage, Keys and the like live under 'dynamodb'.
            Value inner = Value::map();
            int at = -1;
            for (const QString &k : unknown) {
                const int index = mine.indexOf(k);
                at = at < 0 ? index : std::min(at, index);
                inner.set(k, *mine.find(k));
            }
            for (const QString &k : unknown)
                mine.remove(k);
            mine.insertAt(at, dataKey, inner);
            fix = QuickFix{QStringLiteral("Move %1 under 'dynamodb' in filter pattern %2.").arg(quotedList(unknown)).arg(number),
                           false, {ValidationContext::setConnectionProperty(e.index, QStringLiteral("FilterPatterns"), patterns)}};
        }
        report(QStringLiteral("FILTER-003"),
               QStringLiteral("%1: filter pattern %2 tests %3, which records from %4 never have (their payload is "
                              "under '%5'), so the pattern matches nothing and the records it was meant to let "
                              "through are %6.")
                   .arg(trigger(e))
                   .arg(number)
                   .arg(quotedList(unknown), describe(e.source->id), dataKey, dropped),
               e, QStringLiteral("Test the payload under '%1', or a field every %2 record has.").arg(dataKey, sourceName),
               fix);
    }

    // DynamoDB: the images a pattern reads must be in the table's stream records.
    if (e.kind == Source::DynamoDb) {
        const Value *change = pattern.find(dataKey);
        const QString view = validText(*e.source, QStringLiteral("StreamViewType"));
        if (!change || !change->isMap() || view.isEmpty())
            return;
        QStringList missing;
        if (change->find(QStringLiteral("NewImage")) && view != u"NEW_IMAGE" && view != u"NEW_AND_OLD_IMAGES")
            missing << QStringLiteral("NewImage");
        if (change->find(QStringLiteral("OldImage")) && view != u"OLD_IMAGE" && view != u"NEW_AND_OLD_IMAGES")
            missing << QStringLiteral("OldImage");
        if (missing.isEmpty())
            return;
        report(QStringLiteral("FILTER-003"),
               QStringLiteral("%1: filter pattern %2 tests dynamodb.%3, but %4 streams %5 records, which have no "
                              "%3; the pattern matches nothing and the changes it was meant to let through are "
                              "dropped.")
                   .arg(trigger(e))
                   .arg(number)
                   .arg(missing.join(QStringLiteral(" and ")), describe(e.source->id), view),
               e, {},
               QuickFix{QStringLiteral("Set StreamViewType of '%1' to NEW_AND_OLD_IMAGES.").arg(e.source->id), false,
                        {ValidationContext::setProperty(e.source->id, QStringLiteral("StreamViewType"),
                                                        Value::string(QStringLiteral("NEW_AND_OLD_IMAGES")))}});
    }
}

} // namespace ew::core::rules::esm

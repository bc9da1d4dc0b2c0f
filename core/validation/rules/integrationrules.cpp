// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rulegroups.h"

#include "core/model/wellknown.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <deque>

// Push integrations and graph rules (aws-semantics.md §1, §7, §9, §14).
//
// Which §14 rules are here and which are not, for what project format 1 can express:
// - SYNC-002 (integration timeout range), SYNC-003 (payload format version), S3-002 (key filter
//   length), SNS-002 (topic name pattern), EB-006 / SCHED-003 (retry ranges) and SCHED-002
//   (window range) are value ranges: the catalog names them (`rule:`) and the model checks
//   report them; the cross-property parts are checked below.
// - Not registered, because a design cannot get them wrong: PERM-* and IAM-* (the exporters
//   generate every role, policy and resource-based permission, §14 "Designs vs imported
//   templates"; the format has no property for them); S3-004 (the Terraform exporter writes one
//   aws_s3_bucket_notification per bucket that depends on the permissions — an exporter
//   property, not a design property); S3-005 and SNS-004 (in format 1 an S3 bucket and an SNS
//   topic can only trigger Lambda functions, so there is no S3 -> FIFO or endpoint/protocol
//   mismatch to express); EB-007 (format 1 rules are event-pattern rules: a schedule is the
//   eventbridge-schedule kind, which already is EventBridge Scheduler, the service EB-007
//   recommends).
// - EB-001..EB-003 check the rate() and cron() expressions of eventbridge-schedule (the rule
//   kind has no ScheduleExpression); SCHED-001 checks the expression's form and at().
//
// Differences from §14, following AWS's documentation:
// - EB-006 and SCHED-003 also reject a FIFO dead-letter queue: EventBridge and Scheduler take
//   standard queues only (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html:
//   "EventBridge Scheduler does not support using a FIFO queue as your schedule's DLQ";
//   PutTargets answers "SQS FIFO is not supported by Dead Letter Queues"). EB-006 also checks
//   that a rule target's Input is JSON (API_Target: "Valid JSON text passed to the target").
// - SNS-003 accepts a subscription DeadLetterQueue (a standard queue: "FIFO topic
//   subscriptions use FIFO queues, and standard topic subscriptions use standard queues",
//   https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html).
// - S3 loops are detected by Lambda since October 2024 (not July 2024 as §9/§13 say:
//   https://aws.amazon.com/about-aws/whats-new/2024/10/aws-lambda-detects-stops-recursive-loops-lambda-s3/).
// - S3-001 follows the S3 User Guide's definition of overlap: same event type (a `:*` type
//   covers its variants), prefixes of which one starts with the other and suffixes of which one
//   ends with the other, an absent prefix or suffix overlapping every other
//   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html).
// - EB-005 also rejects empty lists and empty objects in a pattern, which PutRule refuses
//   ("Empty arrays are not allowed", "Empty objects are not allowed").

namespace ew::core::rules {

namespace {

using namespace wellknown;

const QString UrlApiGateway = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html");
const QString UrlApiQuotas = QStringLiteral(
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html");
const QString UrlS3Filtering = QStringLiteral(
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html");
const QString UrlS3FilterRule = QStringLiteral("https://docs.aws.amazon.com/AmazonS3/latest/API/API_FilterRule.html");
const QString UrlRecursion = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html");
const QString UrlSnsFifo = QStringLiteral("https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html");
const QString UrlSnsCreateTopic = QStringLiteral("https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html");
const QString UrlSnsRetries = QStringLiteral("https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html");
const QString UrlEbSchedule = QStringLiteral(
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html");
const QString UrlEbPutTargets = QStringLiteral("https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html");
const QString UrlEbPatterns = QStringLiteral(
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html");
const QString UrlEbDelivery = QStringLiteral(
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-event-delivery.html");
const QString UrlEbBestPractices = QStringLiteral(
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules-best-practices.html");
const QString UrlSchedTypes = QStringLiteral("https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html");
const QString UrlSchedWindow = QStringLiteral(
    "https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-flexible-time-windows.html");
const QString UrlSchedTarget = QStringLiteral("https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html");

} // namespace

const QList<RuleInfo> &integrationRules()
{
    static const QList<RuleInfo> list = {
        {QStringLiteral("SYNC-001"), Severity::Warning,
         QStringLiteral("Function timeout longer than the API's integration timeout"),
         QStringLiteral("API Gateway waits for a Lambda function only as long as its integration timeout: "
                        "at most 29 s for a REST API (more only for Regional or private APIs after a quota "
                        "increase) and 30 s for an HTTP API. If the function runs longer, the caller gets "
                        "a 504 error while the function keeps running and is billed to the end. Keep the "
                        "function's Timeout within the integration timeout, or hand long work to a queue "
                        "and answer at once."),
         UrlApiGateway},
        {QStringLiteral("SYNC-002"), Severity::Error,
         QStringLiteral("Integration timeout out of range"),
         QStringLiteral("API Gateway accepts an integration timeout (TimeoutInMillis) from 50 ms up to "
                        "29,000 ms for REST APIs and up to 30,000 ms for HTTP APIs. A value outside this "
                        "range is rejected when the API is deployed. Only Regional and private REST APIs "
                        "can wait longer, after AWS raises the account's quota."),
         UrlApiQuotas},
        {QStringLiteral("SYNC-003"), Severity::Error,
         QStringLiteral("Invalid HTTP API payload format version"),
         QStringLiteral("An HTTP API route that invokes a Lambda function sends the request in payload "
                        "format 1.0 or 2.0 and reads the function's answer in the same format. Any other "
                        "value is rejected when the API is deployed. When the value is absent, Eventwright "
                        "exports 2.0, SAM's default for HttpApi events."),
         UrlApiGateway},
        {QStringLiteral("S3-001"), Severity::Error,
         QStringLiteral("Overlapping S3 notifications on one bucket"),
         QStringLiteral("A bucket has one notification configuration, and S3 rejects it when two of its "
                        "notifications match the same event type for keys that both can match: two "
                        "prefixes overlap when one starts with the other, two suffixes when one ends with "
                        "the other, and a missing prefix or suffix overlaps every other. The deployment "
                        "then fails. Use prefixes or suffixes that no key can match at once, or notify one "
                        "SNS topic that fans out to the functions."),
         UrlS3Filtering},
        {QStringLiteral("S3-002"), Severity::Error,
         QStringLiteral("S3 key filter value too long"),
         QStringLiteral("A notification's key filter holds at most one prefix and one suffix, each at most "
                        "1,024 characters long. S3 rejects a longer value, so the deployment fails."),
         UrlS3FilterRule},
        {QStringLiteral("S3-003"), Severity::Error,
         QStringLiteral("Recursive S3 loop"),
         QStringLiteral("When a function triggered by a bucket writes objects back into the same bucket and "
                        "the trigger matches the keys it writes, every object it writes invokes it again, "
                        "without end. Lambda stops such a loop only after about 16 invocations, and every "
                        "run until then is billed. Write to another bucket, or let the trigger watch a "
                        "prefix or suffix the function never writes; Eventwright cannot see which keys your "
                        "code writes, so it takes a trigger with a prefix or suffix filter as excluding them."),
         UrlRecursion},
        {QStringLiteral("SNS-001"), Severity::Error,
         QStringLiteral("FIFO topic subscribed by a Lambda function"),
         QStringLiteral("SNS FIFO topics deliver only to SQS queues: SNS rejects a Lambda subscription on a "
                        "FIFO topic ('Invalid protocol type: lambda'), so the deployment fails. To keep the "
                        "order, subscribe an SQS FIFO queue to the topic and let the queue trigger the "
                        "function; otherwise make the topic a standard topic."),
         UrlSnsFifo},
        {QStringLiteral("SNS-002"), Severity::Error,
         QStringLiteral("Invalid SNS topic name"),
         QStringLiteral("A topic name has 1 to 256 letters, digits, hyphens and underscores. A FIFO topic's "
                        "name must end in .fifo, and a standard topic's name cannot, since it may not "
                        "contain a dot. SNS rejects any other name, so the deployment fails."),
         UrlSnsCreateTopic},
        {QStringLiteral("SNS-003"), Severity::Warning,
         QStringLiteral("SNS subscription without a dead-letter queue"),
         QStringLiteral("SNS retries a delivery to Lambda that fails on the AWS side many times over several "
                        "days, and gives up at once on a client-side error such as a missing permission or "
                        "a deleted function. Without a redrive policy the message is then lost without a "
                        "trace. Name a standard SQS queue as the subscription's DeadLetterQueue to keep "
                        "such messages; errors inside the function are handled by its own on-failure "
                        "destination instead."),
         UrlSnsRetries},
        {QStringLiteral("EB-001"), Severity::Error,
         QStringLiteral("Invalid rate expression"),
         QStringLiteral("A rate expression is rate(value unit): a positive whole number and minute, hour or "
                        "day, singular when the value is 1 and plural otherwise, as in rate(1 hour) and "
                        "rate(5 hours). Anything else is rejected, so the schedule is not created. The "
                        "shortest interval is one minute."),
         UrlEbSchedule},
        {QStringLiteral("EB-002"), Severity::Error,
         QStringLiteral("Invalid cron expression"),
         QStringLiteral("An EventBridge cron expression has exactly six fields: minutes (0-59), hours "
                        "(0-23), day-of-month (1-31), month (1-12 or JAN-DEC), day-of-week (1-7 or SUN-SAT) "
                        "and year (1970-2199), each with the wildcards its field allows. Another number of "
                        "fields or a value out of range is rejected, so the schedule is not created. It is "
                        "not the five-field Unix crontab format."),
         UrlEbSchedule},
        {QStringLiteral("EB-003"), Severity::Error,
         QStringLiteral("cron sets both day-of-month and day-of-week"),
         QStringLiteral("In an EventBridge cron expression, one of the day-of-month and day-of-week fields "
                        "must be '?' (no specific value), because a schedule cannot follow both. When one "
                        "holds '*' or a value, the other must be '?'; otherwise the expression is rejected "
                        "and the schedule is not created."),
         UrlEbSchedule},
        {QStringLiteral("EB-004"), Severity::Error,
         QStringLiteral("More than five targets on one rule"),
         QStringLiteral("An EventBridge rule sends each matching event to at most five targets, counting "
                        "functions, queues, topics and buses. A sixth target is rejected when the rule is "
                        "deployed. Split the targets over several rules with the same pattern, or send to "
                        "one SNS topic that fans out."),
         UrlEbPutTargets},
        {QStringLiteral("EB-005"), Severity::Error,
         QStringLiteral("Missing or invalid event pattern"),
         QStringLiteral("A rule matches events with an event pattern: an object shaped like the events, in "
                        "which every leaf is a list of allowed values or matching operators (source: "
                        "[aws.ec2], not source: aws.ec2). EventBridge rejects a missing pattern, single "
                        "values, empty lists, empty objects and patterns longer than 4,096 characters, so "
                        "the rule is not created."),
         UrlEbPatterns},
        {QStringLiteral("EB-006"), Severity::Error,
         QStringLiteral("Invalid rule target settings"),
         QStringLiteral("A rule target's retry policy allows 0 to 185 retries and an event age of 60 to "
                        "86,400 seconds, its dead-letter queue must be a standard SQS queue (EventBridge "
                        "does not support FIFO queues there), and a fixed Input must be valid JSON. "
                        "EventBridge rejects other settings when the target is created."),
         UrlEbDelivery},
        {QStringLiteral("EB-008"), Severity::Warning,
         QStringLiteral("EventBridge rule can trigger itself"),
         QStringLiteral("When a function invoked by a rule puts events on the bus the rule listens on, "
                        "directly or through its on-success or on-failure destination, the rule can match "
                        "them and invoke the function again, without end. Lambda's recursive loop detection "
                        "does not cover EventBridge, so nothing stops it. Make the pattern exclude the "
                        "events the function sends (by their source or detail-type), or send them to "
                        "another bus."),
         UrlEbBestPractices},
        {QStringLiteral("SCHED-001"), Severity::Error,
         QStringLiteral("Invalid schedule expression"),
         QStringLiteral("EventBridge Scheduler accepts at(yyyy-mm-ddThh:mm:ss) for a single run, "
                        "rate(value unit) and six-field cron(...) expressions of at most 256 characters. "
                        "Any other expression is rejected, so the schedule is not created."),
         UrlSchedTypes},
        {QStringLiteral("SCHED-002"), Severity::Error,
         QStringLiteral("Invalid flexible time window"),
         QStringLiteral("A schedule's flexible time window is OFF, which invokes the target on time and is "
                        "what Eventwright exports by default, or FLEXIBLE with a maximum window of 1 to "
                        "1,440 minutes. FLEXIBLE without a window, or a window out of range, is rejected, "
                        "so the schedule is not created."),
         UrlSchedWindow},
        {QStringLiteral("SCHED-003"), Severity::Error,
         QStringLiteral("Invalid schedule target settings"),
         QStringLiteral("A schedule's retry policy allows 0 to 185 retries and an event age of 60 to 86,400 "
                        "seconds, its dead-letter queue must be a standard SQS queue, and the Input it sends "
                        "to a Lambda function must be well-formed JSON. EventBridge Scheduler rejects other "
                        "settings, so the schedule is not created."),
         UrlSchedTarget},
        {QStringLiteral("LOOP-001"), Severity::Error,
         QStringLiteral("Recursive loop"),
         QStringLiteral("The connections form a cycle: what a function writes or sends to a destination "
                        "reaches a resource that invokes, directly or through other functions, the same "
                        "function again, so one event can run forever and multiply costs. Lambda stops "
                        "loops made only of functions, SQS, SNS and S3 after about 16 invocations, but not "
                        "loops through DynamoDB streams or Kinesis. A trigger with a filter (S3 prefix or "
                        "suffix, SNS filter policy, filter patterns) or a disabled mapping is taken to "
                        "break the loop."),
         UrlRecursion},
        {QStringLiteral("LOOP-002"), Severity::Info,
         QStringLiteral("Loop detection turned off inside a loop"),
         QStringLiteral("RecursiveLoop: Allow tells Lambda not to stop the function when it sees the "
                        "function invoke itself again and again through SQS, SNS, S3 or other functions. "
                        "Inside a loop that Eventwright found, the loop then runs until someone stops it. "
                        "Keep the default Terminate unless the recursion is intended and your code bounds "
                        "it."),
         UrlRecursion},
    };
    return list;
}

namespace {



/// True when the text is one well-formed JSON value (object, array, string, number, ...).
bool isJsonValue(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson((u'[' + text + u']').toUtf8(), &error);
    return error.error == QJsonParseError::NoError && doc.isArray() && doc.array().size() == 1;
}

/// The text as a JSON string literal ("hello" with quotes and escapes).
QString jsonString(const QString &text)
{
    QString s = QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact));
    return s.mid(1, s.size() - 2);
}

QString quoted(const QString &s)
{
    return u'\'' + s + u'\'';
}

/// Whether two S3 event types cover a common event: equal, or one is `family:*` of the other.
bool s3EventsOverlap(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    const auto covers = [](const QString &wild, const QString &other) {
        return wild.endsWith(QStringLiteral(":*")) && other.startsWith(wild.chopped(1));
    };
    return covers(a, b) || covers(b, a);
}

/// Events a function causes by creating objects (PutObject, CopyObject, multipart upload).
bool s3CreatesOnWrite(const QString &event)
{
    return event.startsWith(QStringLiteral("s3:ObjectCreated:"));
}

QString keysDescription(const QString &prefix, const QString &suffix)
{
    if (prefix.isEmpty() && suffix.isEmpty())
        return QStringLiteral("every key");
    if (suffix.isEmpty())
        return QStringLiteral("keys starting with %1").arg(quoted(prefix));
    if (prefix.isEmpty())
        return QStringLiteral("keys ending with %1").arg(quoted(suffix));
    return QStringLiteral("keys starting with %1 and ending with %2").arg(quoted(prefix), quoted(suffix));
}

/// What a rule could see arriving on its bus from a function or another rule.
enum class Emitted { Code, SuccessRecord, FailureRecord, Forwarded };

/// Whether one field of an event pattern (a list of values and operators) admits some value of
/// the field. `exact` lists the possible values; nullptr means "any text that does not start
/// with aws." (a source that code may use with PutEvents: the aws. prefix is reserved).
bool fieldAdmits(const Value *field, const QStringList *exact)
{
    if (field && field->isScalar()) {   // invalid (EB-005), read as the list the user meant
        const Value list = Value::list({*field});
        return fieldAdmits(&list, exact);
    }
    if (!field || !field->isList())
        return true;   // absent: matches anything
    const auto anyCandidate = [&](auto &&pred) {
        if (!exact)
            return true;
        return std::any_of(exact->begin(), exact->end(), pred);
    };
    for (const Value &item : field->items()) {
        if (item.isScalar()) {
            const QString s = item.text();
            if (exact ? exact->contains(s) : !s.startsWith(QStringLiteral("aws.")))
                return true;
            continue;
        }
        if (!item.isMap() || item.entries().empty())
            return true;
        const MapEntry &op = item.entries().front();
        const QString arg = op.value.isScalar() ? op.value.text() : QString();
        if (op.key == u"prefix" && op.value.isScalar()) {
            if (exact ? anyCandidate([&](const QString &c) { return c.startsWith(arg); })
                      : !arg.startsWith(QStringLiteral("aws.")))
                return true;
        } else if (op.key == u"suffix" && op.value.isScalar()) {
            if (anyCandidate([&](const QString &c) { return c.endsWith(arg); }))
                return true;
        } else if (op.key == u"equals-ignore-case" && op.value.isScalar()) {
            if (anyCandidate([&](const QString &c) { return c.compare(arg, Qt::CaseInsensitive) == 0; }))
                return true;
        } else if (op.key == u"wildcard" && op.value.isScalar()) {
            QString re = QRegularExpression::escape(arg);
            re.replace(QStringLiteral("\\*"), QStringLiteral(".*"));
            const QRegularExpression wildcard(QRegularExpression::anchoredPattern(re));
            if (anyCandidate([&](const QString &c) { return wildcard.match(c).hasMatch(); }))
                return true;
        } else if (op.key == u"anything-but") {
            QStringList excluded;
            if (op.value.isScalar())
                excluded << op.value.text();
            for (const Value &v : op.value.items())
                excluded << v.text();
            if (anyCandidate([&](const QString &c) { return !excluded.contains(c); }))
                return true;
        } else if (op.key == u"exists") {
            if (op.value.toBool().value_or(true))
                return true;
        } else if (op.key == u"numeric" || op.key == u"cidr") {
            continue;   // source and detail-type are text, never numbers or addresses
        } else {
            return true;   // an operator Eventwright does not evaluate: assume it may match
        }
    }
    return false;
}

/// Whether an event pattern can match events of the given kind. An absent or malformed pattern
/// matches nothing here (EB-005 reports it).
bool patternMayMatch(const Value *pattern, Emitted kind)
{
    if (!pattern || !pattern->isMap() || pattern->entries().empty())
        return false;
    if (pattern->find(QStringLiteral("$or")) || kind == Emitted::Forwarded)
        return true;
    const Value *source = pattern->find(QStringLiteral("source"));
    const Value *detailType = pattern->find(QStringLiteral("detail-type"));
    if (kind == Emitted::Code)
        return fieldAdmits(source, nullptr);
    // Lambda destinations on EventBridge: source "lambda", detail-type "Lambda Function
    // Invocation Result - Success|Failure" (AWS's pages print the Failure dash as '–' too).
    static const QStringList lambdaSource = {QStringLiteral("lambda")};
    static const QStringList success = {QStringLiteral("Lambda Function Invocation Result - Success")};
    static const QStringList failure = {QStringLiteral("Lambda Function Invocation Result - Failure"),
                                        QStringLiteral("Lambda Function Invocation Result \u2013 Failure")};
    return fieldAdmits(source, &lambdaSource)
           && fieldAdmits(detailType, kind == Emitted::SuccessRecord ? &success : &failure);
}

/// Approximate length of the value as compact JSON, for the 4,096-character pattern limit.
qsizetype jsonLength(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return 4;
    case Value::Type::Scalar:
        if (!v.isQuoted() && (v.toNumber() || v.toBool() || v.isPlainNull()))
            return v.text().size();
        return jsonString(v.text()).size();
    case Value::Type::List: {
        qsizetype n = 2 + std::max<qsizetype>(0, qsizetype(v.items().size()) - 1);
        for (const Value &item : v.items())
            n += jsonLength(item);
        return n;
    }
    case Value::Type::Map: {
        qsizetype n = 2 + std::max<qsizetype>(0, qsizetype(v.entries().size()) - 1);
        for (const MapEntry &e : v.entries())
            n += jsonString(e.key).size() + 1 + jsonLength(e.value);
        return n;
    }
    }
    return 0;
}

struct PatternProblems
{
    QStringList scalars;   ///< paths of single values (fixable by wrapping them in a list)
    QStringList others;    ///< empty lists, empty objects, malformed $or
};

void inspectPattern(const Value &map, const QString &path, PatternProblems &out)
{
    if (map.entries().empty()) {
        out.others << (path.isEmpty() ? QStringLiteral("the pattern is an empty object")
                                      : QStringLiteral("%1 is an empty object").arg(path));
        return;
    }
    for (const MapEntry &e : map.entries()) {
        const QString at = path.isEmpty() ? e.key : path + u'.' + e.key;
        if (e.key == u"$or") {
            if (!e.value.isList() || e.value.items().size() < 2) {
                out.others << QStringLiteral("%1 must list at least two alternative patterns").arg(at);
                continue;
            }
            for (const Value &alternative : e.value.items()) {
                if (alternative.isMap())
                    inspectPattern(alternative, at, out);
                else
                    out.others << QStringLiteral("%1 holds %2, which is not a pattern").arg(at, alternative.display());
            }
        } else if (e.value.isMap()) {
            inspectPattern(e.value, at, out);
        } else if (e.value.isList()) {
            if (e.value.items().empty())
                out.others << QStringLiteral("%1 is an empty list").arg(at);
        } else if (e.value.isScalar() && !e.value.isPlainNull()) {
            out.scalars << QStringLiteral("%1 (%2)").arg(at, e.value.display());
        } else {
            out.others << QStringLiteral("%1 has no value").arg(at);
        }
    }
}

/// The pattern with every single leaf value wrapped in a list.
Value wrapLeaves(const Value &map)
{
    Value out = map;
    for (MapEntry &e : out.entries()) {
        if (e.key == u"$or" && e.value.isList()) {
            for (Value &alternative : e.value.items()) {
                if (alternative.isMap())
                    alternative = wrapLeaves(alternative);
            }
        } else if (e.value.isMap()) {
            e.value = wrapLeaves(e.value);
        } else if (e.value.isScalar() && !e.value.isPlainNull()) {
            e.value = Value::list({e.value});
        }
    }
    return out;
}

// ---- schedule expressions ------------------------------------------------------------------

struct CronField
{
    const char *name;
    int lo;
    int hi;
    QStringList names;     ///< JAN.. / SUN.., value lo + index
    bool question;         ///< '?'
    bool slash;            ///< '/'
    bool last;             ///< 'L'
    bool weekday;          ///< 'W' (day-of-month)
    bool hash;             ///< '#' (day-of-week)
};

const std::vector<CronField> &cronFields()
{
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
    static const std::vector<CronField> fields = {
        {"minutes", 0, 59, {}, false, true, false, false, false},
        {"hours", 0, 23, {}, false, true, false, false, false},
        {"day-of-month", 1, 31, {}, true, true, true, true, false},
        {"month", 1, 12,
         {QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"), QStringLiteral("APR"),
          QStringLiteral("MAY"), QStringLiteral("JUN"), QStringLiteral("JUL"), QStringLiteral("AUG"),
          QStringLiteral("SEP"), QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")},
         false, true, false, false, false},
        // Some localized pages list '/' for day-of-week too; accepting it avoids a false error.
        {"day-of-week", 1, 7,
         {QStringLiteral("SUN"), QStringLiteral("MON"), QStringLiteral("TUE"), QStringLiteral("WED"),
          QStringLiteral("THU"), QStringLiteral("FRI"), QStringLiteral("SAT")},
         true, true, true, false, true},
        {"year", 1970, 2199, {}, false, true, false, false, false},
    };
    return fields;
}

bool isDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

/// A single value of the field (number or name); returns the problem or an empty string.
QString checkCronValue(const CronField &f, const QString &s)
{
    if (isDigits(s)) {
        const int v = s.toInt();
        if (v < f.lo || v > f.hi)
            return QStringLiteral("%1 is outside %2-%3").arg(s).arg(f.lo).arg(f.hi);
        return {};
    }
    if (f.names.contains(s.toUpper()))
        return {};
    return QStringLiteral("%1 is not a value of this field (%2-%3%4)")
        .arg(quoted(s))
        .arg(f.lo)
        .arg(f.hi)
        .arg(f.names.isEmpty() ? QString() : QStringLiteral(" or ") + f.names.first() + u'-' + f.names.last());
}

QString checkCronField(const CronField &f, const QString &text)
{
    const QString field = QLatin1String(f.name);
    if (text == u"?")
        return f.question ? QString() : QStringLiteral("'?' is allowed only in day-of-month and day-of-week");
    if (f.hash && text.count(u'#') > 1)
        return QStringLiteral("only one '#' expression is allowed");
    for (const QString &part : text.split(u',')) {
        if (part.isEmpty())
            return QStringLiteral("has an empty item");
        if (part.contains(u'?'))
            return QStringLiteral("'?' must stand alone");
        if (f.hash && part.contains(u'#')) {
            const QStringList nk = part.split(u'#');
            if (nk.size() != 2 || !isDigits(nk[1]) || nk[1].toInt() < 1 || nk[1].toInt() > 5)
                return QStringLiteral("%1 must be day#n with n from 1 to 5").arg(quoted(part));
            const QString problem = checkCronValue(f, nk[0]);
            if (!problem.isEmpty())
                return problem;
            continue;
        }
        if (f.last && part == u"L")
            continue;
        if (f.weekday && part == u"LW")
            continue;
        if (f.weekday && part.endsWith(u'W')) {
            const QString problem = checkCronValue(f, part.chopped(1));
            if (!problem.isEmpty())
                return problem;
            continue;
        }
        if (f.last && f.hash && part.endsWith(u'L')) {   // 5L: the last Thursday
            const QString problem = checkCronValue(f, part.chopped(1));
            if (!problem.isEmpty())
                return problem;
            continue;
        }
        const QStringList stepped = part.split(u'/');
        if (stepped.size() > 2)
            return QStringLiteral("%1 has more than one '/'").arg(quoted(part));
        if (stepped.size() == 2) {
            if (!f.slash)
                return QStringLiteral("'/' is not allowed in %1").arg(field);
            if (!isDigits(stepped[1]) || stepped[1].toInt() < 1)
                return QStringLiteral("the increment in %1 must be a positive whole number").arg(quoted(part));
        }
        const QString base = stepped[0];
        if (base == u"*")
            continue;
        const QStringList range = base.split(u'-');
        if (range.size() > 2)
            return QStringLiteral("%1 is not a value or a range").arg(quoted(base));
        for (const QString &v : range) {
            const QString problem = checkCronValue(f, v);
            if (!problem.isEmpty())
                return problem;
        }
    }
    return {};
}

// ---- the run ---------------------------------------------------------------------------------

class Run
{
public:
    explicit Run(ValidationContext &context)
        : m_ctx(context)
        , m_data(context.data())
    {
    }

    void run()
    {
        checkApis();
        checkBuckets();
        checkTopics();
        checkRules();
        checkSchedules();
        checkLoops();
    }

private:
    void checkApis();
    void checkBuckets();
    void checkTopics();
    void checkRules();
    void checkRuleTarget(int index, const QString &rule);
    void checkSchedules();
    void checkScheduleExpression(const Component &schedule);
    void checkRate(const Component &schedule, const QString &expression, const QString &inner);
    void checkCron(const Component &schedule, const QString &expression, const QString &inner);
    void checkLoops();

    QString describe(const QString &id) const { return m_ctx.describe(id); }
    QString kindOf(const QString &id) const
    {
        const Component *c = m_ctx.component(id);
        return c ? c->kind : QString();
    }
    bool isWrite(const Connection &c) const
    {
        const QString access = m_ctx.text(c, QStringLiteral("Access"));
        return access == u"write" || access == u"read-write";
    }
    QString busName(const Component &bus) const
    {
        const QString name = m_ctx.text(bus, QStringLiteral("Name"));
        return name.isEmpty() ? bus.id : name;
    }
    QString unusedId(QString base) const;
    bool triggerCanLoop(const Connection &c) const;

    ValidationContext &m_ctx;
    const DiagramData &m_data;
    /// (bucket, function) pairs S3-003 reported; LOOP-001 does not report them again.
    QSet<QPair<QString, QString>> m_s3Loops;
};

QString Run::unusedId(QString base) const
{
    base = base.left(59);
    QString id = base;
    for (int n = 2; m_ctx.component(id); ++n)
        id = base.left(59 - int(QString::number(n).size())) + u'-' + QString::number(n);
    return id;
}

// SYNC-001 (SYNC-002 and SYNC-003 are catalog ranges).
void Run::checkApis()
{
    for (int i = 0; i < int(m_data.connections.size()); ++i) {
        const Connection &c = m_ctx.connection(i);
        const QString source = kindOf(c.from);
        const bool rest = source == u"apigateway-rest";
        if (c.role != RoleTrigger || (!rest && source != u"apigateway-http") || kindOf(c.to) != KindFunction)
            continue;
        const Component &function = *m_ctx.component(c.to);
        const std::optional<double> timeout = m_ctx.number(function, QStringLiteral("Timeout"));
        const std::optional<double> waitMs = m_ctx.number(c, QStringLiteral("TimeoutInMillis"));
        if (!timeout || !waitMs)
            continue;
        const double hardMs = rest ? 29000 : 30000;
        if (*waitMs < 50 || *waitMs > hardMs || *timeout * 1000 <= *waitMs)
            continue;   // an integration timeout out of range is SYNC-002's business
        const int fitting = int(*waitMs / 1000);
        const QString wait = QString::number(*waitMs / 1000);
        std::optional<QuickFix> fix;
        if (fitting >= 1) {
            fix = QuickFix{QStringLiteral("Set the Timeout of '%1' to %2 s.").arg(function.id).arg(fitting), false,
                           {ValidationContext::setProperty(function.id, QStringLiteral("Timeout"),
                                                           Value::integer(fitting))}};
        }
        m_ctx.report(QStringLiteral("SYNC-001"),
                     QStringLiteral("%1 may run for up to %2 s, but %3 stops waiting for it after %4 s: "
                                    "callers then get a 504 error while the function keeps running and "
                                    "is billed.")
                         .arg(describe(function.id), QString::number(*timeout), describe(c.from), wait),
                     {}, i,
                     QStringLiteral("Lower the Timeout of '%1' to %2 s or less, or answer at once and "
                                    "hand the long work to a queue.")
                         .arg(function.id, wait),
                     fix);
    }
}

// S3-001, S3-003 (S3-002 is a catalog range).
void Run::checkBuckets()
{
    struct Notification
    {
        int index;
        QStringList events;
        QString prefix;
        QString suffix;
    };
    for (const Component *bucket : m_ctx.componentsOfKind(KindBucket)) {
        std::vector<Notification> notifications;
        for (int i : m_ctx.outgoing(bucket->id, RoleTrigger)) {
            const Connection &c = m_ctx.connection(i);
            const Value *events = m_ctx.value(c, QStringLiteral("Events"));
            if (kindOf(c.to) != KindFunction || !events || !events->isList())
                continue;
            Notification n{i, {}, m_ctx.text(c, QStringLiteral("FilterPrefix")),
                           m_ctx.text(c, QStringLiteral("FilterSuffix"))};
            for (const Value &e : events->items())
                n.events << e.text();
            notifications.push_back(std::move(n));
        }
        // S3-001: pairwise within one bucket (a bucket has a handful of notifications).
        for (size_t b = 0; b < notifications.size(); ++b) {
            for (size_t a = 0; a < b; ++a) {
                const Notification &x = notifications[a];
                const Notification &y = notifications[b];
                const bool prefixes = x.prefix.startsWith(y.prefix) || y.prefix.startsWith(x.prefix);
                const bool suffixes = x.suffix.endsWith(y.suffix) || y.suffix.endsWith(x.suffix);
                if (!prefixes || !suffixes)
                    continue;
                QString common;
                for (const QString &ex : x.events) {
                    for (const QString &ey : y.events) {
                        if (common.isEmpty() && s3EventsOverlap(ex, ey))
                            common = ex.endsWith(u'*') ? ey : ex;
                    }
                }
                if (common.isEmpty())
                    continue;
                const Connection &cx = m_ctx.connection(x.index);
                const Connection &cy = m_ctx.connection(y.index);
                const QString keys = keysDescription(x.prefix.size() > y.prefix.size() ? x.prefix : y.prefix,
                                                     x.suffix.size() > y.suffix.size() ? x.suffix : y.suffix);
                m_ctx.report(QStringLiteral("S3-001"),
                             QStringLiteral("%1 notifies both '%2' (connection %3) and '%4' of %5 events "
                                            "for %6: S3 rejects overlapping notifications, so the "
                                            "deployment fails.")
                                 .arg(describe(bucket->id), cx.to, ValidationContext::describe(cx), cy.to,
                                      common, keys),
                             {}, y.index,
                             QStringLiteral("Give the two triggers prefixes or suffixes that no key can "
                                            "match at once (such as images/ and logs/, or .jpg and .png) "
                                            "or event types that do not overlap; to run both functions on "
                                            "the same objects, notify one SNS topic they both subscribe to."));
            }
        }
        // S3-003: the function writes back into the bucket that triggers it, unfiltered.
        for (const Notification &n : notifications) {
            const Connection &trigger = m_ctx.connection(n.index);
            if (!n.prefix.isEmpty() || !n.suffix.isEmpty()
                || std::none_of(n.events.begin(), n.events.end(), s3CreatesOnWrite))
                continue;
            for (int a : m_ctx.outgoing(trigger.to, RoleAccess)) {
                const Connection &access = m_ctx.connection(a);
                if (access.to != bucket->id || !isWrite(access))
                    continue;
                m_s3Loops.insert({bucket->id, trigger.to});
                m_ctx.report(QStringLiteral("S3-003"),
                             QStringLiteral("%1 writes objects into %2 (connection %3), and this trigger "
                                            "invokes it for every object created there, so each object it "
                                            "writes invokes it again, without end.")
                                 .arg(describe(trigger.to), describe(bucket->id),
                                      ValidationContext::describe(access)),
                             {}, n.index,
                             QStringLiteral("Write the results to another bucket, or set FilterPrefix on "
                                            "this trigger to the prefix new objects arrive under (such as "
                                            "incoming/) and make '%1' write outside it.")
                                 .arg(trigger.to),
                             QuickFix{QStringLiteral("Set FilterPrefix incoming/ on this trigger; '%1' must then write outside incoming/.")
                                          .arg(trigger.to),
                                      false,
                                      {ValidationContext::setConnectionProperty(
                                          n.index, QStringLiteral("FilterPrefix"),
                                          Value::string(QStringLiteral("incoming/")))}});
                break;
            }
        }
    }
}

// SNS-001, SNS-002 (with the catalog's name pattern), SNS-003.
void Run::checkTopics()
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_-]+(\\.fifo)?$"));
    const QString fifoSuffix = QStringLiteral(".fifo");
    for (const Component *topic : m_ctx.componentsOfKind(KindTopic)) {
        const bool fifo = m_ctx.isFifo(*topic);
        const Value *nameValue = m_ctx.explicitValue(*topic, QStringLiteral("TopicName"));
        const QString name = nameValue && nameValue->isScalar() ? nameValue->text() : QString();
        const bool wellFormed = namePattern.match(name).hasMatch() && name.size() <= 256;
        if (wellFormed && fifo && !name.endsWith(fifoSuffix)) {
            std::optional<QuickFix> fix;
            if (name.size() + fifoSuffix.size() <= 256) {
                fix = QuickFix{QStringLiteral("Rename the topic to %1.").arg(name + fifoSuffix), true,
                               {ValidationContext::setProperty(topic->id, QStringLiteral("TopicName"),
                                                               Value::string(name + fifoSuffix))}};
            }
            m_ctx.report(QStringLiteral("SNS-002"),
                         QStringLiteral("%1 is a FIFO topic, but its name %2 does not end in .fifo; SNS "
                                        "rejects the topic, so the deployment fails.")
                             .arg(describe(topic->id), quoted(name)),
                         topic->id, -1,
                         QStringLiteral("Add .fifo to the end of TopicName, or set FifoTopic to false."), fix);
        } else if (wellFormed && !fifo && name.endsWith(fifoSuffix)) {
            const QString standard = name.chopped(fifoSuffix.size());
            m_ctx.report(QStringLiteral("SNS-002"),
                         QStringLiteral("%1 is a standard topic, but its name %2 ends in .fifo, which only "
                                        "FIFO topics may use; SNS rejects the topic, so the deployment fails.")
                             .arg(describe(topic->id), quoted(name)),
                         topic->id, -1,
                         QStringLiteral("Remove .fifo from TopicName, or set FifoTopic to true if the topic "
                                        "must keep order (it then cannot invoke Lambda functions)."),
                         QuickFix{QStringLiteral("Rename the topic to %1.").arg(standard), false,
                                  {ValidationContext::setProperty(topic->id, QStringLiteral("TopicName"),
                                                                  Value::string(standard))}});
        }

        for (int i : m_ctx.outgoing(topic->id, RoleTrigger)) {
            const Connection &c = m_ctx.connection(i);
            if (kindOf(c.to) != KindFunction)
                continue;
            if (fifo) {
                QuickFix fix{QStringLiteral("Make '%1' a standard topic (FifoTopic false).").arg(topic->id), false,
                             {ValidationContext::setProperty(topic->id, QStringLiteral("FifoTopic"),
                                                             Value::boolean(false))}};
                if (name.endsWith(fifoSuffix)) {
                    fix.edits.push_back(ValidationContext::setProperty(
                        topic->id, QStringLiteral("TopicName"), Value::string(name.chopped(fifoSuffix.size()))));
                }
                m_ctx.report(QStringLiteral("SNS-001"),
                             QStringLiteral("%1 is a FIFO topic, and FIFO topics deliver only to SQS queues: "
                                            "SNS rejects the subscription of %2, so the deployment fails.")
                                 .arg(describe(topic->id), describe(c.to)),
                             {}, i,
                             QStringLiteral("Make the topic a standard topic, or, to keep the order, "
                                            "subscribe an SQS FIFO queue to it and let the queue trigger "
                                            "'%1'.")
                                 .arg(c.to),
                             fix);
                continue;
            }
            const Value *dlq = m_ctx.explicitValue(c, QStringLiteral("DeadLetterQueue"));
            if (dlq) {
                const Component *queue = m_ctx.component(dlq->text());
                if (queue && queue->kind == KindQueue && m_ctx.isFifo(*queue)) {
                    m_ctx.report(QStringLiteral("SNS-003"),
                                 QStringLiteral("The subscription of %1 to %2 names the FIFO queue '%3' as "
                                                "its dead-letter queue, but a standard topic's subscription "
                                                "can only redrive to a standard queue, so undeliverable "
                                                "messages are still lost.")
                                     .arg(describe(c.to), describe(topic->id), queue->id),
                                 {}, i,
                                 QStringLiteral("Point DeadLetterQueue at a standard SQS queue."));
                }
                continue;   // a missing or unsuitable component is MODEL-006's business
            }
            QString queueId = topic->id + QStringLiteral("-dlq");
            const Component *existing = m_ctx.component(queueId);
            QuickFix fix{{}, true, {}};
            if (!existing || existing->kind != KindQueue || m_ctx.isFifo(*existing)) {
                queueId = unusedId(queueId);
                FixEdit add;
                add.kind = FixEdit::Kind::AddComponent;
                add.componentId = queueId;
                add.kindId = KindQueue;
                add.label = QStringLiteral("Undelivered messages of %1").arg(topic->displayName());
                add.properties.set(QStringLiteral("MessageRetentionPeriod"), Value::integer(1209600));
                fix.edits.push_back(add);
                fix.text = QStringLiteral("Add an SQS queue '%1' as the dead-letter queue of the subscription "
                                          "of '%2'.")
                               .arg(queueId, c.to);
            } else {
                fix.text = QStringLiteral("Use the SQS queue '%1' as the dead-letter queue of the subscription "
                                          "of '%2'.")
                               .arg(queueId, c.to);
            }
            fix.edits.push_back(ValidationContext::setConnectionProperty(
                i, QStringLiteral("DeadLetterQueue"), Value::string(queueId)));
            m_ctx.report(QStringLiteral("SNS-003"),
                         QStringLiteral("The subscription of %1 to %2 has no dead-letter queue: a message "
                                        "SNS cannot deliver to the function (for example because of a "
                                        "missing permission, or after its retries run out) is lost.")
                             .arg(describe(c.to), describe(topic->id)),
                         {}, i,
                         QStringLiteral("Set DeadLetterQueue on this connection to a standard SQS queue."),
                         fix);
        }
    }
}

// EB-004, EB-005, EB-006 (with the catalog's ranges), EB-008.
void Run::checkRules()
{
    for (const Component *rule : m_ctx.componentsOfKind(KindRule)) {
        const Value *pattern = m_ctx.explicitValue(*rule, QStringLiteral("EventPattern"));
        if (!pattern) {
            m_ctx.report(QStringLiteral("EB-005"),
                         QStringLiteral("%1 has no EventPattern, so it would match no event; EventBridge "
                                        "rejects a rule without a pattern or a schedule, so the deployment "
                                        "fails.")
                             .arg(describe(rule->id)),
                         rule->id, -1,
                         QStringLiteral("Set EventPattern to the events the rule must match, such as "
                                        "source: [aws.ec2]; to run something on a timetable, use an "
                                        "EventBridge schedule instead."));
        } else if (pattern->isMap()) {
            PatternProblems problems;
            inspectPattern(*pattern, {}, problems);
            QStringList all;
            for (const QString &s : problems.scalars)
                all << QStringLiteral("%1 is a single value, not a list").arg(s);
            all << problems.others;
            const qsizetype length = jsonLength(*pattern);
            if (length > 4096)
                all << QStringLiteral("the pattern is about %1 characters long (at most 4,096)").arg(length);
            if (!all.isEmpty()) {
                std::optional<QuickFix> fix;
                if (problems.others.isEmpty() && length <= 4096) {
                    fix = QuickFix{QStringLiteral("Put each single value of the pattern in a list."), true,
                                   {ValidationContext::setProperty(rule->id, QStringLiteral("EventPattern"),
                                                                   wrapLeaves(*pattern))}};
                }
                m_ctx.report(QStringLiteral("EB-005"),
                             QStringLiteral("The EventPattern of %1 is not valid: %2; EventBridge rejects "
                                            "the pattern, so the rule is not created.")
                                 .arg(describe(rule->id), all.join(QStringLiteral("; "))),
                             rule->id, -1,
                             problems.others.isEmpty()
                                 ? QStringLiteral("Write each leaf value as a list, such as source: [aws.ec2].")
                                 : QStringLiteral("Write each leaf value as a non-empty list, such as "
                                                  "source: [aws.ec2], remove empty objects and keep the "
                                                  "pattern under 4,096 characters."),
                             fix);
            }
        }

        QStringList targets;
        for (int i : m_ctx.outgoing(rule->id)) {
            const Connection &c = m_ctx.connection(i);
            if (c.role == RoleTrigger || c.role == RoleTarget)
                targets << c.to;
            if (c.role == RoleTrigger)
                checkRuleTarget(i, QStringLiteral("EB-006"));
        }
        if (targets.size() > 5) {
            m_ctx.report(QStringLiteral("EB-004"),
                         QStringLiteral("%1 has %2 targets (%3), but a rule accepts at most 5: the "
                                        "deployment fails.")
                             .arg(describe(rule->id))
                             .arg(targets.size())
                             .arg(targets.join(QStringLiteral(", "))),
                         rule->id, -1,
                         QStringLiteral("Move some targets to a second rule with the same pattern, or "
                                        "send the events to one SNS topic that fans out."));
        }

        // EB-008: events the rule's own function puts on the bus the rule listens on.
        if (m_ctx.text(*rule, QStringLiteral("State")) == u"DISABLED")
            continue;   // a disabled rule matches nothing
        QString bus = m_ctx.text(*rule, QStringLiteral("EventBusName"));
        bus = bus.isEmpty() ? QStringLiteral("default") : bus.section(u'/', -1);
        QSet<int> reported;
        for (int i : m_ctx.outgoing(rule->id)) {
            const Connection &c = m_ctx.connection(i);
            const Component *to = m_ctx.component(c.to);
            if (c.role == RoleTarget && to && to->kind == KindBus && busName(*to) == bus
                && patternMayMatch(pattern, Emitted::Forwarded)) {
                m_ctx.report(QStringLiteral("EB-008"),
                             QStringLiteral("%1 listens on the event bus '%2' and sends the events it "
                                            "matches to %3, that same bus: each event matches again and "
                                            "is sent again, without end.")
                                 .arg(describe(rule->id), bus, describe(c.to)),
                             {}, i,
                             QStringLiteral("Send the events to another bus, or remove this target."));
                continue;
            }
            if (c.role != RoleTrigger || !to || to->kind != KindFunction)
                continue;
            for (int j : m_ctx.outgoing(to->id)) {
                const Connection &out = m_ctx.connection(j);
                const Component *target = m_ctx.component(out.to);
                if (!target || target->kind != KindBus || busName(*target) != bus || reported.contains(j))
                    continue;
                QString what;
                if (out.role == RoleAccess && isWrite(out) && patternMayMatch(pattern, Emitted::Code))
                    what = QStringLiteral("puts events on");
                else if (out.role == RoleOnSuccess && patternMayMatch(pattern, Emitted::SuccessRecord))
                    what = QStringLiteral("sends a record of each successful run (source lambda) to");
                else if (out.role == RoleOnFailure && patternMayMatch(pattern, Emitted::FailureRecord))
                    what = QStringLiteral("sends a record of each failed run (source lambda) to");
                if (what.isEmpty())
                    continue;
                reported.insert(j);
                m_ctx.report(QStringLiteral("EB-008"),
                             QStringLiteral("%1, invoked by %2, %3 %4, the bus '%5' that the rule listens "
                                            "on, and the rule's pattern can match those events: each of "
                                            "them can invoke the function again, without end.")
                                 .arg(describe(to->id), describe(rule->id), what, describe(target->id), bus),
                             {}, j,
                             QStringLiteral("Make the EventPattern of '%1' exclude these events (list only "
                                            "the sources you expect in source, or use anything-but), or "
                                            "send them to another bus.")
                                 .arg(rule->id));
            }
        }
    }
}

// EB-006 / SCHED-003: the dead-letter queue must be standard, a fixed Input must be JSON.
void Run::checkRuleTarget(int index, const QString &rule)
{
    const Connection &c = m_ctx.connection(index);
    const Value *dlq = m_ctx.explicitValue(c, QStringLiteral("DeadLetterQueue"));
    const Component *queue = dlq ? m_ctx.component(dlq->text()) : nullptr;
    if (queue && queue->kind == KindQueue && m_ctx.isFifo(*queue)) {
        const QString service = kindOf(c.from) == KindSchedule ? QStringLiteral("EventBridge Scheduler")
                                                               : QStringLiteral("EventBridge");
        m_ctx.report(rule,
                     QStringLiteral("Connection %1 names the FIFO queue '%2' as its dead-letter queue, but "
                                    "%3 supports only standard SQS queues as dead-letter queues: the "
                                    "deployment fails.")
                         .arg(ValidationContext::describe(c), queue->id, service),
                     {}, index, QStringLiteral("Point DeadLetterQueue at a standard SQS queue."));
    }
    const Value *input = m_ctx.explicitValue(c, QStringLiteral("Input"));
    if (input && input->isScalar() && !isJsonValue(input->text())) {
        const QString json = jsonString(input->text());
        m_ctx.report(rule,
                     QStringLiteral("The Input that %1 sends to %2 is not valid JSON (%3): it is rejected, "
                                    "so the deployment fails.")
                         .arg(describe(c.from), describe(c.to), input->display()),
                     {}, index,
                     QStringLiteral("Write Input as JSON, such as {\"report\": \"daily\"}, or as a quoted "
                                    "JSON string."),
                     QuickFix{QStringLiteral("Send the text as the JSON string %1 on connection %2.")
                                  .arg(json, ValidationContext::describe(c)),
                              false,
                              {ValidationContext::setConnectionProperty(index, QStringLiteral("Input"),
                                                                        Value::string(json))}});
    }
}

// SCHED-001..003, and EB-001..003 on the schedule's rate() and cron().
void Run::checkSchedules()
{
    for (const Component *schedule : m_ctx.componentsOfKind(KindSchedule)) {
        checkScheduleExpression(*schedule);
        const Value *mode = m_ctx.explicitValue(*schedule, QStringLiteral("FlexibleTimeWindowMode"));
        const Value *window =
            m_ctx.explicitValue(*schedule, QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes"));
        if (mode && mode->text() == u"FLEXIBLE" && !window) {
            m_ctx.report(QStringLiteral("SCHED-002"),
                         QStringLiteral("%1 has a FLEXIBLE time window but no "
                                        "FlexibleTimeWindowMaximumWindowInMinutes; EventBridge Scheduler "
                                        "rejects the schedule, so the deployment fails.")
                             .arg(describe(schedule->id)),
                         schedule->id, -1,
                         QStringLiteral("Set FlexibleTimeWindowMaximumWindowInMinutes (1 to 1,440), or set "
                                        "FlexibleTimeWindowMode to OFF."),
                         QuickFix{QStringLiteral("Set FlexibleTimeWindowMaximumWindowInMinutes to 15 (the schedule may then run up to 15 minutes late)."), false,
                                  {ValidationContext::setProperty(
                                      schedule->id, QStringLiteral("FlexibleTimeWindowMaximumWindowInMinutes"),
                                      Value::integer(15))}});
        }
        for (int i : m_ctx.outgoing(schedule->id, RoleTrigger))
            checkRuleTarget(i, QStringLiteral("SCHED-003"));
    }
}

void Run::checkScheduleExpression(const Component &schedule)
{
    const Value *value = m_ctx.explicitValue(schedule, QStringLiteral("ScheduleExpression"));
    if (!value || !value->isScalar() || value->isPlainNull())
        return;   // MODEL-009 / MODEL-003
    const QString expression = value->text();
    const auto report = [&](const QString &problem, std::optional<QuickFix> fix = std::nullopt) {
        m_ctx.report(QStringLiteral("SCHED-001"),
                     QStringLiteral("The ScheduleExpression of %1, %2, %3; EventBridge Scheduler rejects it, "
                                    "so the schedule is not created.")
                         .arg(describe(schedule.id), quoted(expression), problem),
                     schedule.id, -1,
                     QStringLiteral("Write at(yyyy-mm-ddThh:mm:ss) for a single run, rate(5 minutes), or "
                                    "cron(minutes hours day-of-month month day-of-week year)."),
                     std::move(fix));
    };
    if (expression.size() > 256) {
        report(QStringLiteral("is longer than 256 characters"));
        return;
    }
    if (!expression.endsWith(u')')) {
        report(QStringLiteral("is not of the form at(...), rate(...) or cron(...)"));
        return;
    }
    if (expression.startsWith(QStringLiteral("rate("))) {
        checkRate(schedule, expression, expression.mid(5).chopped(1));
    } else if (expression.startsWith(QStringLiteral("cron("))) {
        checkCron(schedule, expression, expression.mid(5).chopped(1));
    } else if (expression.startsWith(QStringLiteral("at("))) {
        const QString inner = expression.mid(3).chopped(1);
        const QString format = QStringLiteral("yyyy-MM-ddTHH:mm:ss");
        static const QRegularExpression exact(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"));
        if (exact.match(inner).hasMatch() && QDateTime::fromString(inner, format).isValid())
            return;
        // A date and a time that are only written loosely: a space for the T, no seconds.
        static const QRegularExpression loose(
            QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2})(:\\d{2})?$"));
        const QRegularExpressionMatch m = loose.match(inner);
        std::optional<QuickFix> fix;
        if (m.hasMatch()) {
            const QString fixed = m.captured(1) + u'T' + m.captured(2)
                                  + (m.captured(3).isEmpty() ? QStringLiteral(":00") : m.captured(3));
            if (QDateTime::fromString(fixed, format).isValid()) {
                fix = QuickFix{QStringLiteral("Write the expression as at(%1).").arg(fixed), true,
                               {ValidationContext::setProperty(schedule.id, QStringLiteral("ScheduleExpression"),
                                                               Value::string(QStringLiteral("at(%1)").arg(fixed)))}};
            }
        }
        report(QStringLiteral("is not a valid at(yyyy-mm-ddThh:mm:ss) date and time"), fix);
    } else {
        report(QStringLiteral("is not of the form at(...), rate(...) or cron(...)"));
    }
}

void Run::checkRate(const Component &schedule, const QString &expression, const QString &inner)
{
    const QStringList parts = inner.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    QString problem;
    QString fixed;
    if (parts.size() != 2) {
        problem = QStringLiteral("must be a number and a unit, as in rate(5 minutes)");
    } else if (!isDigits(parts[0]) || parts[0].toLongLong() < 1) {
        problem = QStringLiteral("has %1 where a positive whole number of minutes, hours or days is expected")
                      .arg(quoted(parts[0]));
    } else {
        const qint64 n = parts[0].toLongLong();
        const QString unit = parts[1].toLower();
        QString base;
        if (unit == u"minute" || unit == u"minutes" || unit == u"min" || unit == u"mins")
            base = QStringLiteral("minute");
        else if (unit == u"hour" || unit == u"hours" || unit == u"hr" || unit == u"hrs")
            base = QStringLiteral("hour");
        else if (unit == u"day" || unit == u"days")
            base = QStringLiteral("day");
        const QString expected = n == 1 ? base : base + u's';
        if (base.isEmpty()) {
            problem = unit.startsWith(QStringLiteral("sec"))
                          ? QStringLiteral("uses seconds, but the shortest interval is one minute")
                          : QStringLiteral("has the unit %1, which is not minute(s), hour(s) or day(s)")
                                .arg(quoted(parts[1]));
        } else if (parts[1] != expected) {
            problem = n == 1 ? QStringLiteral("needs the singular unit %1 for a value of 1").arg(quoted(expected))
                             : QStringLiteral("needs the plural unit %1 for a value above 1").arg(quoted(expected));
            fixed = QStringLiteral("rate(%1 %2)").arg(n).arg(expected);
        }
    }
    if (problem.isEmpty())
        return;
    std::optional<QuickFix> fix;
    if (!fixed.isEmpty()) {
        fix = QuickFix{QStringLiteral("Write the expression as %1.").arg(fixed), true,
                       {ValidationContext::setProperty(schedule.id, QStringLiteral("ScheduleExpression"),
                                                       Value::string(fixed))}};
    }
    m_ctx.report(QStringLiteral("EB-001"),
                 QStringLiteral("The rate expression %1 of %2 %3; it is rejected, so the schedule is not "
                                "created.")
                     .arg(quoted(expression), describe(schedule.id), problem),
                 schedule.id, -1,
                 QStringLiteral("Write rate(N unit) with a whole number N of at least 1 and the unit "
                                "minute, hour or day, plural when N is above 1: rate(1 hour), rate(5 minutes)."),
                 fix);
}

void Run::checkCron(const Component &schedule, const QString &expression, const QString &inner)
{
    const QStringList fields = inner.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    const auto fixTo = [&](const QStringList &f) {
        const QString fixed = QStringLiteral("cron(%1)").arg(f.join(u' '));
        return QuickFix{QStringLiteral("Write the expression as %1.").arg(fixed), true,
                        {ValidationContext::setProperty(schedule.id, QStringLiteral("ScheduleExpression"),
                                                        Value::string(fixed))}};
    };
    if (fields.size() != 6) {
        std::optional<QuickFix> fix;
        // A Unix crontab line (minutes hours day-of-month month day-of-week) whose day-of-week is
        // '*' or named days means the same with '?' and every year; numbered days differ (Unix
        // counts Sunday as 0, EventBridge as 1), so those are left to the user.
        if (fields.size() == 5) {
            QStringList f = fields;
            const bool namedDays = std::none_of(f[4].begin(), f[4].end(), [](QChar c) { return c.isDigit(); });
            if (f[4] == u"*" || f[4] == u"?")
                f[4] = QStringLiteral("?");
            else if (namedDays && (f[2] == u"*" || f[2] == u"?"))
                f[2] = QStringLiteral("?");
            else
                f.clear();
            if (!f.isEmpty()) {
                f << QStringLiteral("*");
                bool valid = true;
                for (int i = 0; i < 6; ++i)
                    valid = valid && checkCronField(cronFields()[size_t(i)], f[i]).isEmpty();
                if (valid)
                    fix = fixTo(f);
            }
        }
        m_ctx.report(QStringLiteral("EB-002"),
                     QStringLiteral("The cron expression %1 of %2 has %3 fields, but EventBridge needs six "
                                    "(minutes hours day-of-month month day-of-week year): it is rejected, "
                                    "so the schedule is not created.")
                         .arg(quoted(expression), describe(schedule.id))
                         .arg(fields.size()),
                     schedule.id, -1,
                     QStringLiteral("Write six fields, such as cron(0 2 * * ? *) for every day at 02:00; "
                                    "unlike Unix cron, there is a year field, and one of day-of-month and "
                                    "day-of-week must be '?'."),
                     fix);
        return;
    }
    QStringList problems;
    for (int i = 0; i < 6; ++i) {
        const CronField &f = cronFields()[size_t(i)];
        const QString problem = checkCronField(f, fields[i]);
        if (!problem.isEmpty())
            problems << QStringLiteral("in %1 (%2), %3").arg(QLatin1String(f.name), fields[i], problem);
    }
    if (!problems.isEmpty()) {
        m_ctx.report(QStringLiteral("EB-002"),
                     QStringLiteral("The cron expression %1 of %2 is not valid: %3; it is rejected, so the "
                                    "schedule is not created.")
                         .arg(quoted(expression), describe(schedule.id), problems.join(QStringLiteral("; "))),
                     schedule.id, -1,
                     QStringLiteral("Keep each field within its values: minutes 0-59, hours 0-23, "
                                    "day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or "
                                    "SUN-SAT, year 1970-2199."));
    }
    const QString &dom = fields[2];
    const QString &dow = fields[4];
    if (dom != u"?" && dow != u"?") {
        std::optional<QuickFix> fix;
        QStringList f = fields;
        if (dow == u"*")
            f[4] = QStringLiteral("?");   // every day either way
        else if (dom == u"*")
            f[2] = QStringLiteral("?");   // the listed week days, in every month
        else
            f.clear();
        if (!f.isEmpty())
            fix = fixTo(f);
        m_ctx.report(QStringLiteral("EB-003"),
                     QStringLiteral("The cron expression %1 of %2 sets both day-of-month (%3) and "
                                    "day-of-week (%4), but one of them must be '?': it is rejected, so the "
                                    "schedule is not created.")
                         .arg(quoted(expression), describe(schedule.id), dom, dow),
                     schedule.id, -1,
                     QStringLiteral("Put '?' in day-of-month or in day-of-week, whichever the schedule "
                                    "does not depend on."),
                     fix);
    }
}

/// Whether the trigger passes on whatever its source receives. A filter (S3 prefix or suffix,
/// SNS filter policy, filter patterns) is the designer's way to keep a function's own output
/// out, and a disabled mapping invokes nothing; both are taken to break a loop.
bool Run::triggerCanLoop(const Connection &c) const
{
    const QString source = kindOf(c.from);
    if (source == KindBucket) {
        const Value *events = m_ctx.value(c, QStringLiteral("Events"));
        bool creates = false;
        if (events && events->isList()) {
            for (const Value &e : events->items())
                creates = creates || s3CreatesOnWrite(e.text());
        }
        return creates && m_ctx.text(c, QStringLiteral("FilterPrefix")).isEmpty()
               && m_ctx.text(c, QStringLiteral("FilterSuffix")).isEmpty();
    }
    if (source == KindTopic) {
        const Value *policy = m_ctx.explicitValue(c, QStringLiteral("FilterPolicy"));
        return !policy || (policy->isMap() && policy->entries().empty());
    }
    const Value *patterns = m_ctx.explicitValue(c, QStringLiteral("FilterPatterns"));
    if (patterns && patterns->isList() && !patterns->items().empty())
        return false;
    const Value *enabled = m_ctx.explicitValue(c, QStringLiteral("Enabled"));
    return !(enabled && enabled->toBool() == false);
}

// LOOP-001 / LOOP-002: strongly connected components of the whole graph (Tarjan, iterative,
// linear in components + connections). Edges: trigger (source -> function), access with write,
// and the function's destinations (on-success, on-failure, dead-letter).
void Run::checkLoops()
{
    const int n = int(m_data.components.size());
    QHash<QString, int> node;
    node.reserve(n);
    for (int i = 0; i < n; ++i)
        node.insert(m_data.components[size_t(i)].id, i);
    struct Edge
    {
        int to;
        int connection;
    };
    std::vector<std::vector<Edge>> adj(static_cast<size_t>(n));
    std::vector<bool> selfLoop(size_t(n), false);
    for (int i = 0; i < int(m_data.connections.size()); ++i) {
        const Connection &c = m_ctx.connection(i);
        const QString fromKind = kindOf(c.from);
        const QString toKind = kindOf(c.to);
        bool edge = false;
        if (c.role == RoleTrigger)
            edge = toKind == KindFunction && triggerCanLoop(c);
        else if (c.role == RoleAccess)
            edge = fromKind == KindFunction && isWrite(c);
        else if (c.role == RoleOnSuccess || c.role == RoleOnFailure || c.role == RoleDeadLetter)
            edge = fromKind == KindFunction;
        if (!edge)
            continue;
        const int u = node.value(c.from);
        const int v = node.value(c.to);
        adj[size_t(u)].push_back({v, i});
        if (u == v)
            selfLoop[size_t(u)] = true;
    }

    std::vector<int> index(size_t(n), -1), low(size_t(n), 0), component(size_t(n), -1);
    std::vector<bool> onStack(size_t(n), false);
    std::vector<int> stack;
    std::vector<std::vector<int>> components;
    struct Frame
    {
        int v;
        size_t next;
    };
    std::vector<Frame> calls;
    int counter = 0;
    for (int s = 0; s < n; ++s) {
        if (index[size_t(s)] >= 0)
            continue;
        const auto enter = [&](int v) {
            index[size_t(v)] = low[size_t(v)] = counter++;
            stack.push_back(v);
            onStack[size_t(v)] = true;
            calls.push_back({v, 0});
        };
        enter(s);
        while (!calls.empty()) {
            const int v = calls.back().v;
            if (calls.back().next < adj[size_t(v)].size()) {
                const int w = adj[size_t(v)][calls.back().next++].to;
                if (index[size_t(w)] < 0)
                    enter(w);
                else if (onStack[size_t(w)])
                    low[size_t(v)] = std::min(low[size_t(v)], index[size_t(w)]);
                continue;
            }
            if (low[size_t(v)] == index[size_t(v)]) {
                std::vector<int> members;
                int w = -1;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[size_t(w)] = false;
                    component[size_t(w)] = int(components.size());
                    members.push_back(w);
                } while (w != v);
                std::sort(members.begin(), members.end());   // file order
                components.push_back(std::move(members));
            }
            calls.pop_back();
            if (!calls.empty()) {
                const int u = calls.back().v;
                low[size_t(u)] = std::min(low[size_t(u)], low[size_t(v)]);
            }
        }
    }

    static const QSet<QString> detected = {KindFunction, KindQueue, KindTopic, KindBucket};
    const auto allowsLoops = [&](const Component &f) {
        const Value *v = m_ctx.explicitValue(f, QStringLiteral("RecursiveLoop"));
        return v && v->text() == u"Allow";
    };
    const auto reportAllow = [&](const Component &f, const QString &loop) {
        m_ctx.report(QStringLiteral("LOOP-002"),
                     QStringLiteral("%1 is part of the recursive loop %2 and has RecursiveLoop: Allow, so "
                                    "Lambda does not stop the loop when it detects it.")
                         .arg(describe(f.id), loop),
                     f.id, -1,
                     QStringLiteral("Set RecursiveLoop to Terminate (the default) unless the recursion is "
                                    "intended and your code bounds it."),
                     QuickFix{QStringLiteral("Set RecursiveLoop of '%1' to Terminate.").arg(f.id), false,
                              {ValidationContext::setProperty(f.id, QStringLiteral("RecursiveLoop"),
                                                              Value::string(QStringLiteral("Terminate")))}});
    };

    for (const auto &[bucket, function] : m_s3Loops) {
        const Component *f = m_ctx.component(function);
        if (f && allowsLoops(*f))
            reportAllow(*f, QStringLiteral("%1 -> %2 -> %3").arg(describe(bucket), describe(function), quoted(bucket)));
    }

    // Breadth-first search state, shared by all components and reset after each search.
    std::vector<int> parent(size_t(n), -2), via(size_t(n), -1);
    std::vector<int> touched;
    std::vector<bool> onPath(size_t(n), false);
    for (const std::vector<int> &members : components) {
        const int first = members.front();
        if (members.size() == 1 && !selfLoop[size_t(first)])
            continue;
        const int c = int(component[size_t(first)]);
        if (members.size() == 2) {
            const QString &a = m_data.components[size_t(members[0])].id;
            const QString &b = m_data.components[size_t(members[1])].id;
            if (m_s3Loops.contains({a, b}) || m_s3Loops.contains({b, a}))
                continue;   // S3-003 reported it
        }
        // The subject: the first function of the loop in file order (every cycle has one: only
        // functions write or send to destinations).
        int subject = first;
        for (int m : members) {
            if (m_data.components[size_t(m)].kind == KindFunction) {
                subject = m;
                break;
            }
        }
        // One concrete cycle through the subject, found breadth-first inside the component.
        std::deque<int> queue;
        queue.push_back(subject);
        parent[size_t(subject)] = -1;
        touched.push_back(subject);
        int closing = -1;   // connection back into the subject
        int last = -1;
        while (!queue.empty() && closing < 0) {
            const int u = queue.front();
            queue.pop_front();
            for (const Edge &e : adj[size_t(u)]) {
                if (component[size_t(e.to)] != c)
                    continue;
                if (e.to == subject) {
                    closing = e.connection;
                    last = u;
                    break;
                }
                if (parent[size_t(e.to)] == -2) {
                    parent[size_t(e.to)] = u;
                    via[size_t(e.to)] = e.connection;
                    touched.push_back(e.to);
                    queue.push_back(e.to);
                }
            }
        }
        std::vector<int> path;   // subject ... last
        for (int v = last; v >= 0; v = parent[size_t(v)])
            path.push_back(v);
        std::reverse(path.begin(), path.end());
        // Read the loop from the resource that invokes the subject (jobs -> worker -> jobs).
        std::vector<int> links;   // links[k]: the connection from path[k] to the next member
        for (size_t k = 0; k < path.size(); ++k)
            links.push_back(k + 1 < path.size() ? via[size_t(path[k + 1])] : closing);
        if (path.size() > 1 && m_data.components[size_t(path.back())].kind != KindFunction) {
            std::rotate(path.begin(), path.end() - 1, path.end());
            std::rotate(links.begin(), links.end() - 1, links.end());
        }
        for (int t : touched)
            parent[size_t(t)] = -2;
        touched.clear();
        // Long loops are named by their first hops and their size.
        constexpr size_t MaxNamed = 12;
        QStringList hops;
        bool awsDetects = true;
        bool allowed = false;   // a function of the loop has RecursiveLoop: Allow
        QString breakAt;
        for (size_t k = 0; k < path.size(); ++k) {
            const Component &m = m_data.components[size_t(path[k])];
            onPath[size_t(path[k])] = true;
            if (k < MaxNamed - 1 || path.size() <= MaxNamed)
                hops << describe(m.id);
            else if (k == MaxNamed - 1)
                hops << QStringLiteral("... (%1 more)").arg(path.size() - k);
            awsDetects = awsDetects && detected.contains(m.kind);
            allowed = allowed || (m.kind == KindFunction && allowsLoops(m));
            const Connection &link = m_ctx.connection(links[k]);
            if (breakAt.isEmpty() && m.kind == KindFunction && link.role != RoleTrigger)
                breakAt = ValidationContext::describe(link);
        }
        const QString loop = hops.join(QStringLiteral(" -> ")) + QStringLiteral(" -> ")
                             + quoted(m_data.components[size_t(path.front())].id);
        QStringList others;
        size_t unnamed = 0;
        for (int m : members) {
            if (onPath[size_t(m)])
                continue;
            if (others.size() < qsizetype(MaxNamed))
                others << quoted(m_data.components[size_t(m)].id);
            else
                ++unnamed;
        }
        if (unnamed > 0)
            others << QStringLiteral("%1 more").arg(unnamed);
        for (int m : path)
            onPath[size_t(m)] = false;
        const QString &subjectId = m_data.components[size_t(subject)].id;
        const QString through = others.isEmpty()
                                    ? QString()
                                    : QStringLiteral(" (and through %1)").arg(others.join(QStringLiteral(", ")));
        const QString message =
            QStringLiteral("%1%2 form a recursive loop: each run of '%3' produces an event that comes back to "
                           "invoke it again, %4.")
                .arg(loop, through, subjectId,
                     !awsDetects ? QStringLiteral("without end, since AWS does not detect loops through DynamoDB "
                                                  "streams or Kinesis, and every run is billed")
                     : allowed   ? QStringLiteral("without end, since RecursiveLoop: Allow keeps Lambda from "
                                                  "stopping it, and every run is billed")
                                 : QStringLiteral("until Lambda stops the chain after about 16 invocations and "
                                                  "sends the event to a dead-letter queue or on-failure "
                                                  "destination, if there is one"));
        m_ctx.report(QStringLiteral("LOOP-001"), message, subjectId, -1,
                     QStringLiteral("Break the cycle: make a function write or send to another resource "
                                    "(for example change connection %1), or filter a trigger so that the "
                                    "functions' own output does not match it.")
                         .arg(breakAt));
        if (awsDetects) {
            for (int m : members) {
                const Component &f = m_data.components[size_t(m)];
                if (f.kind == KindFunction && allowsLoops(f))
                    reportAllow(f, loop);
            }
        }
    }
}

} // namespace

void checkIntegrations(ValidationContext &context)
{
    Run(context).run();
}

} // namespace ew::core::rules

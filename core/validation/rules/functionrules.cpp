// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rulegroups.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <optional>

// Functions and asynchronous invocation (aws-semantics.md §2, §2.1, §6, §8 and the FN-*, ASYNC-*,
// CONC-* rows of §14).
//
// Pure range rules live in the catalog (resources/catalog/kinds/lambda-function.yaml names the
// rule with `rule:`) and are reported by the model group under these ids: FN-001 Timeout,
// FN-002 MemorySize, FN-003 EphemeralStorage, FN-005 Layers, ASYNC-001 MaximumRetryAttempts,
// ASYNC-002 MaximumEventAgeInSeconds. This group describes them and checks everything else.
//
// Not implemented, on purpose:
// - ASYNC-003 (S3 bucket as on-success destination) is described here and reported by the
//   model group, where the catalog refuses the on-success role towards s3-bucket: the §14 id
//   is the published one, not MODEL-005.
// - CONC-002 (provisioned concurrency on $LATEST, no version or alias): in a design the
//   exporters publish an alias (SAM AutoPublishAlias) whenever ProvisionedConcurrentExecutions
//   is set, so provisioned concurrency never lands on $LATEST (§14, "Designs vs imported
//   templates"). A value of 0 or below is a different fault, out of the API's range (minimum 1),
//   which the catalog reports as MODEL-004 with the right explanation; reporting it as
//   CONC-002 would name the wrong cause. The rule belongs to a future template importer.
// - PAY-001/002: the project format has no payload-size property.

namespace ew::core::rules {

namespace {

// AWS documentation, by the source keys of aws-semantics.md §0.
const QString UrlQuota = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html");   // DG-QUOTA
const QString UrlCreateFunction = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html");  // API-LMB
const QString UrlEventInvokeConfig = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html");  // API-LMB
const QString UrlRuntimes = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html");  // DG-RUNTIMES
const QString UrlAsync = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html");  // DG-ASYNC
const QString UrlAsyncDest = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html");  // DG-ASYNC-DEST
const QString UrlRecursion = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html");  // DG-REC
const QString UrlConcurrency = QStringLiteral("https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html");  // DG-CONC

const QString Function = QStringLiteral("lambda-function");
const QString Trigger = QStringLiteral("trigger");
const QString OnSuccess = QStringLiteral("on-success");
const QString OnFailure = QStringLiteral("on-failure");
const QString DeadLetter = QStringLiteral("dead-letter");

/// One row of the runtime lifecycle table of aws-semantics.md §2.1: AWS's runtimes page
/// (DG-RUNTIMES) as tabulated in cfn-lint 1.51 (LmbdRuntimeLifecycle.json). Dates are ISO
/// (YYYY-MM-DD); an empty date means AWS has announced none. Refresh this table from the AWS
/// page when AWS publishes new dates; the rules compare it with ValidationContext::today().
struct RuntimeLifecycle
{
    const char *id;
    const char *deprecated;
    const char *createBlocked;
    const char *updateBlocked;
    const char *successor;   ///< empty for a current runtime
};

// Successors follow §2.1 except for .NET: §2.1 names dotnet9, but .NET 9 is offered for
// container images only and `dotnet9` is not a value of the Runtime enum of CreateFunction
// (API-LMB; DG-RUNTIMES lists ".NET 9 (container only)"), so a zip function cannot move to it.
// The successor is dotnet10, the current managed .NET runtime.
constexpr RuntimeLifecycle Runtimes[] = {
    {"nodejs", "2016-08-30", "2016-09-30", "2016-10-31", "nodejs24.x"},
    {"dotnetcore2.0", "2019-05-30", "2019-04-30", "2019-05-30", "dotnet10"},
    {"dotnetcore1.0", "2019-06-27", "2019-06-30", "2019-07-30", "dotnet10"},
    {"nodejs6.10", "2019-08-12", "2019-07-12", "2019-08-12", "nodejs24.x"},
    {"nodejs4.3", "2020-03-05", "2020-02-03", "2020-03-05", "nodejs24.x"},
    {"nodejs4.3-edge", "2020-03-05", "2019-03-31", "2019-04-30", "nodejs24.x"},
    {"nodejs8.10", "2020-03-06", "2020-02-04", "2020-03-06", "nodejs24.x"},
    {"python2.7", "2021-07-15", "2021-07-15", "2022-05-30", "python3.14"},
    {"nodejs10.x", "2021-07-30", "2021-07-30", "2022-02-14", "nodejs24.x"},
    {"ruby2.5", "2021-07-30", "2021-07-30", "2022-03-31", "ruby3.4"},
    {"dotnetcore2.1", "2022-01-05", "2022-01-05", "2022-04-13", "dotnet10"},
    {"python3.6", "2022-07-18", "2022-07-18", "2022-08-29", "python3.14"},
    {"nodejs12.x", "2023-03-31", "2023-03-31", "2023-04-30", "nodejs24.x"},
    {"dotnetcore3.1", "2023-04-03", "2023-04-03", "2023-05-03", "dotnet10"},
    {"nodejs14.x", "2023-12-04", "2024-01-09", "2026-07-01", "nodejs24.x"},
    {"python3.7", "2023-12-04", "2024-01-09", "2026-03-09", "python3.14"},
    {"ruby2.7", "2023-12-07", "2024-01-09", "2026-07-01", "ruby3.4"},
    {"go1.x", "2024-01-08", "2024-02-08", "2026-07-01", "provided.al2023"},
    {"java8", "2024-01-08", "2024-02-08", "2026-07-01", "java25"},
    {"provided", "2024-01-08", "2024-02-08", "2026-07-01", "provided.al2023"},
    {"nodejs16.x", "2024-06-12", "2026-06-01", "2026-07-01", "nodejs24.x"},
    {"python3.8", "2024-10-14", "2026-06-01", "2026-07-01", "python3.14"},
    {"dotnet6", "2024-12-20", "2026-06-01", "2026-07-01", "dotnet10"},
    {"nodejs18.x", "2025-09-01", "2026-06-01", "2026-07-01", "nodejs24.x"},
    {"python3.9", "2025-12-15", "2026-06-01", "2026-07-01", "python3.14"},
    {"ruby3.2", "2026-03-31", "2026-06-01", "2026-07-01", "ruby3.4"},
    {"nodejs20.x", "2026-04-30", "2026-06-01", "2026-07-01", "nodejs24.x"},
    {"java11", "2026-06-30", "2026-07-31", "2026-08-31", "java25"},
    {"java17", "2026-06-30", "2026-07-31", "2026-08-31", "java25"},
    {"java8.al2", "2026-06-30", "2026-07-31", "2026-08-31", "java25"},
    {"provided.al2", "2026-06-30", "2026-07-31", "2026-08-31", "provided.al2023"},
    {"python3.10", "2026-06-30", "2026-07-31", "2026-08-31", "python3.14"},
    {"python3.11", "2026-06-30", "2026-07-31", "2026-08-31", "python3.14"},
    {"dotnet8", "2026-11-10", "2026-12-10", "2027-01-11", "dotnet10"},
    {"ruby3.3", "2027-03-31", "2027-04-30", "2027-05-31", "ruby3.4"},
    {"nodejs22.x", "2027-04-30", "2027-06-01", "2027-07-01", "nodejs24.x"},
    {"ruby3.4", "2028-03-31", "2028-04-30", "2028-05-31", ""},
    {"nodejs24.x", "2028-04-30", "2028-06-01", "2028-07-01", ""},
    {"python3.12", "2028-10-31", "2028-11-30", "2029-01-10", "python3.14"},
    {"java21", "2029-06-30", "2029-07-31", "2029-08-31", "java25"},
    {"java25", "2029-06-30", "2029-07-31", "2029-08-31", ""},
    {"provided.al2023", "2029-06-30", "2029-07-31", "2029-08-31", ""},
    {"python3.13", "2029-06-30", "2029-07-31", "2029-08-31", "python3.14"},
    {"python3.14", "2029-06-30", "2029-07-31", "2029-08-31", ""},
    {"dotnet10", "", "", "", ""},
    {"ruby4.0", "", "", "", ""},
};

/// FN-008 looks this far ahead (days).
constexpr int DeprecationNoticeDays = 180;
/// Lambda's limit for all environment variables of a function together (DG-QUOTA).
constexpr qsizetype EnvironmentLimit = 4096;
/// Default concurrency quota of an account in a Region, and the part that must stay
/// unreserved (DG-QUOTA; PutFunctionConcurrency in API-LMB; DG-CONC).
constexpr qint64 AccountConcurrency = 1000;
constexpr qint64 UnreservedMinimum = 100;

const RuntimeLifecycle *findRuntime(const QString &id)
{
    for (const RuntimeLifecycle &r : Runtimes) {
        if (id == QLatin1String(r.id))
            return &r;
    }
    return nullptr;
}

QDate date(const char *iso)
{
    return QDate::fromString(QLatin1String(iso), Qt::ISODate);
}

/// Optimal string alignment distance: edits, with a swap of neighbours counting as one.
int editDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                              d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = v;
        }
    }
    return d[size_t(n)][size_t(m)];
}

FixEdit removeProperty(const QString &componentId, const QString &name)
{
    FixEdit e;
    e.kind = FixEdit::Kind::SetComponentProperty;
    e.componentId = componentId;
    e.name = name;
    return e;   // no value: the property is removed
}

/// 1,000 rather than 1000 in messages.
QString count(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

QString joined(const QStringList &items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) + QStringLiteral(" and ")
           + items.last();
}

class FunctionRun
{
public:
    explicit FunctionRun(ValidationContext &context)
        : m_ctx(context)
    {
    }

    void run();

private:
    void checkEnvironment(const Component &f);
    void checkRuntime(const Component &f);
    void checkDestinationTypes(const Component &f);
    void checkAsyncUse(const Component &f);
    void checkConcurrency(const Component &f);
    void checkReservedTotal();
    void checkDestinationCycles();

    bool isFunction(const QString &id) const
    {
        const Component *c = m_ctx.component(id);
        return c && c->kind == Function;
    }
    /// A connection the catalog allows (others are MODEL-005 and not judged again here).
    bool allowed(const Connection &c) const
    {
        const Component *from = m_ctx.component(c.from);
        const Component *to = m_ctx.component(c.to);
        return from && to && m_ctx.catalog().allows(from->kind, c.role, to->kind);
    }
    std::vector<int> outgoingAllowed(const Component &f, const QString &role) const
    {
        std::vector<int> out;
        for (int i : m_ctx.outgoing(f.id, role)) {
            if (allowed(m_ctx.connection(i)))
                out.push_back(i);
        }
        return out;
    }
    /// The connections that invoke the function asynchronously: triggers from async kinds
    /// (S3, SNS, EventBridge rules and schedules) and on-success/on-failure destinations of other
    /// functions, which Lambda also invokes asynchronously with the invocation record
    /// (DG-ASYNC-DEST; this is what makes ASYNC-008's destination cycles possible).
    std::vector<int> asyncInvocations(const Component &f) const;
    std::optional<QuickFix> makeStandardFix(const Component &destination) const;
    QString failureAdvice(const std::vector<int> &triggers) const;
    QString uniqueId(const QString &base) const;

    ValidationContext &m_ctx;
};

void FunctionRun::run()
{
    for (const Component &f : m_ctx.data().components) {
        if (f.kind != Function)
            continue;
        checkEnvironment(f);
        checkRuntime(f);
        checkDestinationTypes(f);
        checkAsyncUse(f);
        checkConcurrency(f);
    }
    checkReservedTotal();
    checkDestinationCycles();
}

// FN-004. §14 (after cfn-lint E3697) adds up the lengths of names and values. Lambda itself
// measures the variables as the JSON text it stores ("...exceeded the 4KB limit. String measured:
// {"NAME":"value",...}"), so quotes, colons and commas count too; this rule measures the same
// text, in UTF-8 bytes, so that a set just under §14's sum but over Lambda's measure is caught.
void FunctionRun::checkEnvironment(const Component &f)
{
    const Value *env = m_ctx.explicitValue(f, QStringLiteral("Environment"));
    if (!env || !env->isMap())
        return;   // a non-map is MODEL-003
    QJsonObject variables;
    QString largest;
    qsizetype largestSize = -1;
    for (const MapEntry &e : env->entries()) {
        const QString value = e.value.isScalar() ? e.value.text() : e.value.display();
        variables.insert(e.key, value);
        const qsizetype size = e.key.toUtf8().size() + value.toUtf8().size();
        if (size > largestSize) {
            largestSize = size;
            largest = e.key;
        }
    }
    const qsizetype bytes = QJsonDocument(variables).toJson(QJsonDocument::Compact).size();
    if (bytes <= EnvironmentLimit)
        return;
    m_ctx.report(QStringLiteral("FN-004"),
                 QStringLiteral("%1 has environment variables of %2 bytes in all (the largest is '%3'), "
                                "more than the 4 KB (4,096 bytes) Lambda allows, so creating or "
                                "updating the function fails.")
                     .arg(m_ctx.describe(f.id), count(bytes), largest),
                 f.id, -1,
                 QStringLiteral("Shorten the variables of '%1', or keep large values (certificates, "
                                "configuration documents) in SSM Parameter Store or Secrets Manager "
                                "and read them when the function starts.")
                     .arg(f.id));
}

// FN-006 .. FN-009.
void FunctionRun::checkRuntime(const Component &f)
{
    const Value *v = m_ctx.value(f, QStringLiteral("Runtime"));
    if (!v || !v->isScalar() || v->isPlainNull())
        return;   // absent without a default, or MODEL-003
    const QString runtime = v->text();
    const QDate today = m_ctx.today();
    const RuntimeLifecycle *r = findRuntime(runtime);
    if (!r) {
        // FN-009: suggest the nearest runtime that can still be used for new functions.
        const QString wanted = runtime.trimmed().toLower();
        QString best;
        int bestDistance = 1 << 20;
        int ties = 0;
        for (const RuntimeLifecycle &candidate : Runtimes) {
            const QDate blocked = date(candidate.createBlocked);
            if (blocked.isValid() && blocked <= today)
                continue;
            const QString id = QLatin1String(candidate.id);
            const int distance = editDistance(wanted, id);
            if (distance < bestDistance) {
                best = id;
                bestDistance = distance;
                ties = 1;
            } else if (distance == bestDistance) {
                best = id;   // the table runs from old to new: prefer the newer runtime
                ++ties;
            }
        }
        const bool close = !best.isEmpty() && bestDistance <= 3 && bestDistance * 2 < best.size();
        const QString message =
            QStringLiteral("%1 has Runtime '%2', which is not a Lambda runtime identifier, so AWS "
                           "rejects the function when it is created.")
                .arg(m_ctx.describe(f.id), runtime)
            + (close ? QStringLiteral(" Did you mean %1?").arg(best) : QString());
        if (!close) {
            m_ctx.report(QStringLiteral("FN-009"), message, f.id, -1,
                         QStringLiteral("Set Runtime of '%1' to a Lambda runtime such as python3.14, "
                                        "nodejs24.x, java25, dotnet10 or ruby3.4; for other languages "
                                        "use the OS-only runtime provided.al2023.")
                             .arg(f.id));
            return;
        }
        // A unique nearest match one edit away (or differing only in case or spaces) is a typo;
        // anything else is a guess about which language version was meant.
        const bool safe = ties == 1 && bestDistance <= 1;
        m_ctx.report(QStringLiteral("FN-009"), message, f.id, -1, {},
                     QuickFix{QStringLiteral("Set Runtime of '%1' to %2.").arg(f.id, best), safe,
                              {ValidationContext::setProperty(f.id, QStringLiteral("Runtime"),
                                                              Value::string(best))}});
        return;
    }

    const QDate deprecated = date(r->deprecated);
    const QDate createBlocked = date(r->createBlocked);
    const QDate updateBlocked = date(r->updateBlocked);
    const QString successor = QLatin1String(r->successor);
    // Moving to another major language version can change behaviour: never applied blindly.
    const auto upgrade = [&]() -> std::optional<QuickFix> {
        if (successor.isEmpty())
            return std::nullopt;
        return QuickFix{QStringLiteral("Set Runtime of '%1' to %2, its successor, and test the code on it.")
                            .arg(f.id, successor),
                        false,
                        {ValidationContext::setProperty(f.id, QStringLiteral("Runtime"), Value::string(successor))}};
    };
    const QString noSuccessor =
        QStringLiteral("Plan to move '%1' to the next runtime of its language when AWS releases it.").arg(f.id);
    const QString iso = QStringLiteral("yyyy-MM-dd");

    if (createBlocked.isValid() && createBlocked <= today) {
        const QString updates =
            updateBlocked.isValid() && updateBlocked <= today
                ? QStringLiteral(" and updating existing ones since %1").arg(updateBlocked.toString(iso))
                : QStringLiteral(" (updating existing ones stops on %1)").arg(updateBlocked.toString(iso));
        m_ctx.report(QStringLiteral("FN-006"),
                     QStringLiteral("%1 uses runtime %2, deprecated since %3, and AWS has blocked "
                                    "creating functions with it since %4%5, so deploying the "
                                    "function fails.")
                         .arg(m_ctx.describe(f.id), runtime, deprecated.toString(iso),
                              createBlocked.toString(iso), updates),
                     f.id, -1, noSuccessor, upgrade());
    } else if (deprecated.isValid() && deprecated <= today) {
        m_ctx.report(QStringLiteral("FN-007"),
                     QStringLiteral("%1 uses runtime %2, deprecated since %3: it no longer gets "
                                    "security patches, and AWS blocks creating functions with it "
                                    "from %4 and updating them from %5.")
                         .arg(m_ctx.describe(f.id), runtime, deprecated.toString(iso),
                              createBlocked.toString(iso), updateBlocked.toString(iso)),
                     f.id, -1, noSuccessor, upgrade());
    } else if (deprecated.isValid() && today.daysTo(deprecated) <= DeprecationNoticeDays) {
        m_ctx.report(QStringLiteral("FN-008"),
                     QStringLiteral("%1 uses runtime %2, which AWS deprecates on %3 (in %4 days); "
                                    "after that it gets no security patches, and creating functions "
                                    "with it is blocked from %5.")
                         .arg(m_ctx.describe(f.id), runtime, deprecated.toString(iso),
                              QString::number(today.daysTo(deprecated)), createBlocked.toString(iso)),
                     f.id, -1, noSuccessor, upgrade());
    }
}

std::optional<QuickFix> FunctionRun::makeStandardFix(const Component &destination) const
{
    // Only for a queue or topic that serves purely as a destination or DLQ of functions: if
    // anything else uses it (a trigger, a redrive, a reference from a trigger property), its
    // ordering may matter there.
    if (!m_ctx.outgoing(destination.id).empty())
        return std::nullopt;
    for (int i : m_ctx.incoming(destination.id)) {
        const Connection &c = m_ctx.connection(i);
        if (!isFunction(c.from) || (c.role != OnSuccess && c.role != OnFailure && c.role != DeadLetter))
            return std::nullopt;
    }
    for (const Connection &c : m_ctx.data().connections) {
        for (const MapEntry &e : c.properties.entries()) {
            if (e.value.isScalar() && e.value.text() == destination.id)
                return std::nullopt;
        }
    }
    const bool queue = destination.kind == u"sqs-queue";
    const QString fifoKey = queue ? QStringLiteral("FifoQueue") : QStringLiteral("FifoTopic");
    const QString nameKey = queue ? QStringLiteral("QueueName") : QStringLiteral("TopicName");
    std::vector<FixEdit> edits{removeProperty(destination.id, fifoKey)};
    if (queue && m_ctx.explicitValue(destination, QStringLiteral("ContentBasedDeduplication")))
        edits.push_back(removeProperty(destination.id, QStringLiteral("ContentBasedDeduplication")));
    if (const Value *name = m_ctx.explicitValue(destination, nameKey);
        name && name->isScalar() && name->text().endsWith(QStringLiteral(".fifo")) && name->text().size() > 5) {
        edits.push_back(ValidationContext::setProperty(destination.id, nameKey,
                                                       Value::string(name->text().chopped(5))));
    }
    return QuickFix{QStringLiteral("Make %1 a standard %2 (not FIFO).")
                        .arg(m_ctx.describe(destination.id), queue ? QStringLiteral("queue") : QStringLiteral("topic")),
                    false, std::move(edits)};
}

// ASYNC-004 and ASYNC-005: what the catalog's roles still let through is a FIFO queue or topic.
// DG-ASYNC-DEST: destinations and DLQs must be standard queues and topics; records sent to a
// FIFO one are dropped and only the DestinationDeliveryFailures metric shows it.
void FunctionRun::checkDestinationTypes(const Component &f)
{
    for (int i : m_ctx.outgoing(f.id)) {
        const Connection &c = m_ctx.connection(i);
        if (c.role != OnSuccess && c.role != OnFailure && c.role != DeadLetter)
            continue;
        if (!allowed(c))
            continue;
        const Component *target = m_ctx.component(c.to);
        if (!target || !m_ctx.isFifo(*target))
            continue;
        const QString what = target->kind == u"sqs-queue" ? QStringLiteral("a FIFO queue")
                                                         : QStringLiteral("a FIFO topic");
        const QString advice =
            QStringLiteral("Point this connection at a standard (non-FIFO) SQS queue or SNS topic.");
        if (c.role == DeadLetter) {
            m_ctx.report(QStringLiteral("ASYNC-005"),
                         QStringLiteral("%1 uses %2, %3, as its dead-letter queue, but Lambda keeps "
                                        "failed events only in standard queues and topics, so they are "
                                        "lost.")
                             .arg(m_ctx.describe(f.id), m_ctx.describe(c.to), what),
                         {}, i, advice, makeStandardFix(*target));
        } else {
            m_ctx.report(QStringLiteral("ASYNC-004"),
                         QStringLiteral("%1 sends its %2 records to %3, %4, which Lambda does not "
                                        "support as a destination: every record is silently dropped.")
                             .arg(m_ctx.describe(f.id), c.role, m_ctx.describe(c.to), what),
                         {}, i, advice, makeStandardFix(*target));
        }
    }
}

std::vector<int> FunctionRun::asyncInvocations(const Component &f) const
{
    std::vector<int> out;
    for (int i : m_ctx.incoming(f.id)) {
        const Connection &c = m_ctx.connection(i);
        if (!allowed(c))
            continue;
        if ((c.role == Trigger && m_ctx.invocationOf(c) == Invocation::Async)
            || ((c.role == OnSuccess || c.role == OnFailure) && isFunction(c.from)))
            out.push_back(i);
    }
    return out;
}

QString FunctionRun::uniqueId(const QString &base) const
{
    // Component ids: [a-z0-9][a-z0-9-]{0,62}.
    QString id = base.left(63);
    for (int n = 2; m_ctx.component(id); ++n) {
        const QString suffix = QStringLiteral("-%1").arg(n);
        id = base.left(63 - suffix.size()) + suffix;
    }
    return id;
}

QString FunctionRun::failureAdvice(const std::vector<int> &triggers) const
{
    QStringList ways;
    for (int i : triggers) {
        const Connection &c = m_ctx.connection(i);
        const Component *source = m_ctx.component(c.from);
        if (!source)
            continue;
        QString way;
        if (source->kind == u"sqs-queue")
            way = QStringLiteral("give queue '%1' a dead-letter queue (redrive)").arg(c.from);
        else if (m_ctx.invocationOf(c) == Invocation::Poll)
            way = QStringLiteral("set OnFailure on the trigger from '%1'").arg(c.from);
        else
            way = QStringLiteral("let the caller of '%1' handle the error it receives").arg(c.from);
        if (!ways.contains(way))
            ways << way;
    }
    return QStringLiteral("To keep failed events, %1 instead.").arg(joined(ways));
}

// ASYNC-006 and ASYNC-007.
void FunctionRun::checkAsyncUse(const Component &f)
{
    const std::vector<int> async = asyncInvocations(f);
    std::vector<int> failureTargets = outgoingAllowed(f, OnFailure);
    for (int i : outgoingAllowed(f, DeadLetter))
        failureTargets.push_back(i);

    if (!async.empty()) {
        if (!failureTargets.empty())
            return;
        const Connection &first = m_ctx.connection(async.front());
        const QString via = first.role == Trigger ? m_ctx.describe(first.from)
                                                  : QStringLiteral("%1 (as its %2 destination)")
                                                        .arg(m_ctx.describe(first.from), first.role);
        const QString queueId = uniqueId(f.id + QStringLiteral("-failures"));
        FixEdit queue;
        queue.kind = FixEdit::Kind::AddComponent;
        queue.componentId = queueId;
        queue.kindId = QStringLiteral("sqs-queue");
        // 14 days, the longest SQS keeps a message: time to inspect and replay failures.
        queue.properties.set(QStringLiteral("MessageRetentionPeriod"), Value::integer(1209600));
        FixEdit link;
        link.kind = FixEdit::Kind::AddConnection;
        link.from = f.id;
        link.to = queueId;
        link.role = OnFailure;
        // Adds a billed resource, and an SNS topic or event bus may suit the design better.
        m_ctx.report(QStringLiteral("ASYNC-006"),
                     QStringLiteral("%1 is invoked asynchronously by %2 but has no on-failure "
                                    "destination or dead-letter queue, so an event that still fails "
                                    "after Lambda's retries, or waits too long, is discarded.")
                         .arg(m_ctx.describe(f.id), via),
                     f.id, -1, {},
                     QuickFix{QStringLiteral("Add an SQS queue '%1' as the on-failure destination of '%2'.")
                                  .arg(queueId, f.id),
                              false, {queue, link}});
        return;
    }

    // Not invoked asynchronously by anything in the design. Only judge a function whose
    // invocations the design shows (§14: "function only has sync or ESM triggers"): one without
    // triggers may be invoked asynchronously from outside, where these settings do apply.
    const std::vector<int> triggers = m_ctx.incoming(f.id, Trigger);
    if (triggers.empty())
        return;
    QStringList sources;
    for (int i : triggers) {
        const Invocation inv = m_ctx.invocationOf(m_ctx.connection(i));
        if (inv != Invocation::Sync && inv != Invocation::Poll)
            return;   // an unknown kind (MODEL-001) or an odd role: no claim
        sources << m_ctx.describe(m_ctx.connection(i).from);
    }
    sources.removeDuplicates();
    const QString invokedBy =
        QStringLiteral("it is only invoked synchronously or through an event source mapping (by %1)")
            .arg(joined(sources));

    QStringList settings;
    for (const QString &name : {QStringLiteral("MaximumRetryAttempts"), QStringLiteral("MaximumEventAgeInSeconds")}) {
        if (m_ctx.explicitValue(f, name))
            settings << name;
    }
    if (!settings.isEmpty()) {
        std::vector<FixEdit> edits;
        for (const QString &name : settings)
            edits.push_back(removeProperty(f.id, name));
        m_ctx.report(QStringLiteral("ASYNC-007"),
                     QStringLiteral("%1 sets %2, but %3, so Lambda never applies these asynchronous "
                                    "settings.")
                         .arg(m_ctx.describe(f.id), joined(settings), invokedBy),
                     f.id, -1, {},
                     QuickFix{QStringLiteral("Remove %1 from '%2'.").arg(joined(settings), f.id), true,
                              std::move(edits)});
    }
    for (int i : m_ctx.outgoing(f.id)) {
        const Connection &c = m_ctx.connection(i);
        if ((c.role != OnSuccess && c.role != OnFailure && c.role != DeadLetter) || !allowed(c))
            continue;
        const QString what = c.role == DeadLetter
                                 ? QStringLiteral("uses %1 as its dead-letter queue").arg(m_ctx.describe(c.to))
                                 : QStringLiteral("sends its %1 records to %2").arg(c.role, m_ctx.describe(c.to));
        const QString advice = c.role == OnSuccess
                                   ? QStringLiteral("Remove this connection; to pass results on, let the "
                                                    "function's code send them.")
                                   : QStringLiteral("Remove this connection. ") + failureAdvice(triggers);
        m_ctx.report(QStringLiteral("ASYNC-007"),
                     QStringLiteral("%1 %2, but %3, so nothing ever arrives there.")
                         .arg(m_ctx.describe(f.id), what, invokedBy),
                     {}, i, advice);
    }
}

// CONC-003 and CONC-004.
void FunctionRun::checkConcurrency(const Component &f)
{
    const Value *rv = m_ctx.explicitValue(f, QStringLiteral("ReservedConcurrentExecutions"));
    const Value *pv = m_ctx.explicitValue(f, QStringLiteral("ProvisionedConcurrentExecutions"));
    // -1 when absent or not a whole number (MODEL-003).
    const qint64 reserved = rv ? rv->toInteger().value_or(-1) : -1;
    const qint64 provisioned = pv ? pv->toInteger().value_or(-1) : -1;

    if (reserved == 0) {
        const QString effect =
            asyncInvocations(f).empty()
                ? QStringLiteral("callers get a throttling error and queues or streams are not processed")
                : QStringLiteral("its asynchronous events go straight to its on-failure destination or "
                                 "dead-letter queue, or are discarded");
        // 0 is also AWS's documented off switch, so removing it is the user's call.
        m_ctx.report(QStringLiteral("CONC-004"),
                     QStringLiteral("%1 has ReservedConcurrentExecutions 0, so every invocation is throttled and "
                                    "it never runs: %2.")
                         .arg(m_ctx.describe(f.id), effect),
                     f.id, -1, {},
                     QuickFix{QStringLiteral("Remove ReservedConcurrentExecutions from '%1' (unless 0 is "
                                             "meant as an off switch).")
                                  .arg(f.id),
                              false, {removeProperty(f.id, QStringLiteral("ReservedConcurrentExecutions"))}});
    }

    // DG-CONC: provisioned concurrency is part of the function's reserved concurrency, and
    // PutProvisionedConcurrencyConfig rejects more than the reservation. Out-of-range values
    // (reserved < 0, provisioned < 1) are MODEL-004.
    if (reserved >= 0 && provisioned >= 1 && provisioned > reserved) {
        // Lowering provisioned vs raising reserved is a design decision.
        QuickFix fix = reserved >= 1
            ? QuickFix{QStringLiteral("Lower ProvisionedConcurrentExecutions of '%1' to %2.")
                           .arg(f.id, QString::number(reserved)),
                       false,
                       {ValidationContext::setProperty(f.id, QStringLiteral("ProvisionedConcurrentExecutions"),
                                                       Value::integer(reserved))}}
            : QuickFix{QStringLiteral("Remove ProvisionedConcurrentExecutions from '%1'.").arg(f.id), false,
                       {removeProperty(f.id, QStringLiteral("ProvisionedConcurrentExecutions"))}};
        m_ctx.report(QStringLiteral("CONC-003"),
                     QStringLiteral("%1 asks for %2 provisioned concurrent executions but reserves only "
                                    "%3, and Lambda rejects provisioned concurrency above the "
                                    "reservation, so the deployment fails.")
                         .arg(m_ctx.describe(f.id), QString::number(provisioned), QString::number(reserved)),
                     f.id, -1, {}, std::move(fix));
    }
}

// CONC-001: PutFunctionConcurrency fails when reservations would leave fewer than 100 of the
// account's concurrency unreserved; the account quota is 1,000 by default (DG-QUOTA, DG-CONC).
void FunctionRun::checkReservedTotal()
{
    qint64 total = 0;
    const Component *largest = nullptr;
    qint64 largestValue = -1;
    QStringList parts;
    for (const Component *f : m_ctx.componentsOfKind(Function)) {
        const Value *v = m_ctx.explicitValue(*f, QStringLiteral("ReservedConcurrentExecutions"));
        const std::optional<qint64> reserved = v ? v->toInteger() : std::nullopt;
        if (!reserved || *reserved <= 0)
            continue;
        total += *reserved;
        parts << QStringLiteral("%1: %2").arg(f->id, count(*reserved));
        if (*reserved > largestValue) {
            largestValue = *reserved;
            largest = f;
        }
    }
    const qint64 allowedTotal = AccountConcurrency - UnreservedMinimum;
    if (!largest || total <= allowedTotal)
        return;
    const qint64 excess = total - allowedTotal;
    const QString message =
        QStringLiteral("%1 reserves %2 concurrent executions, and all reservations add up to %3 (%4), "
                       "more than the %5 the default Regional quota of %6 allows while %7 stay "
                       "unreserved, so Lambda rejects a reservation and the deployment fails.")
            .arg(m_ctx.describe(largest->id), count(largestValue), count(total),
                 parts.join(QStringLiteral(", ")), count(allowedTotal), count(AccountConcurrency),
                 count(UnreservedMinimum));
    const QString advice =
        QStringLiteral("Lower the reservations to at most %1 in total, or have AWS raise the account's "
                       "concurrency quota first (and keep %2 unreserved).")
            .arg(count(allowedTotal), count(UnreservedMinimum));
    if (largestValue - excess < 1) {
        m_ctx.report(QStringLiteral("CONC-001"), message, largest->id, -1, advice);
        return;
    }
    // Which function gives up capacity is a design decision.
    m_ctx.report(QStringLiteral("CONC-001"), message, largest->id, -1, {},
                 QuickFix{QStringLiteral("Lower ReservedConcurrentExecutions of '%1' to %2, bringing the "
                                         "total to %3.")
                              .arg(largest->id, QString::number(largestValue - excess), count(allowedTotal)),
                          false,
                          {ValidationContext::setProperty(largest->id, QStringLiteral("ReservedConcurrentExecutions"),
                                                          Value::integer(largestValue - excess))}});
}

// ASYNC-008: cycles of on-success/on-failure connections between functions, anywhere in the
// project (strongly connected components, Tarjan's algorithm without recursion). One
// diagnostic per cycle group, on its first connection in file order.
void FunctionRun::checkDestinationCycles()
{
    const std::vector<const Component *> functions = m_ctx.componentsOfKind(Function);
    const size_t n = functions.size();
    QHash<QString, int> node;
    for (size_t i = 0; i < n; ++i)
        node.insert(functions[i]->id, int(i));
    std::vector<std::vector<int>> next(n);
    std::vector<int> edges;   // connection indexes
    for (int i = 0; i < int(m_ctx.data().connections.size()); ++i) {
        const Connection &c = m_ctx.connection(i);
        if ((c.role != OnSuccess && c.role != OnFailure) || !node.contains(c.from) || !node.contains(c.to)
            || !allowed(c))
            continue;
        next[size_t(node.value(c.from))].push_back(node.value(c.to));
        edges.push_back(i);
    }
    if (edges.empty())
        return;

    std::vector<int> index(n, -1), low(n, 0), group(n, -1), groupSize;
    std::vector<bool> onStack(n, false);
    std::vector<int> stack;
    int counter = 0;
    for (size_t s = 0; s < n; ++s) {
        if (index[s] >= 0)
            continue;
        std::vector<std::pair<int, size_t>> calls{{int(s), 0}};
        index[s] = low[s] = counter++;
        stack.push_back(int(s));
        onStack[s] = true;
        while (!calls.empty()) {
            const int v = calls.back().first;
            const size_t k = calls.back().second;
            if (k < next[size_t(v)].size()) {
                ++calls.back().second;
                const int w = next[size_t(v)][k];
                if (index[size_t(w)] < 0) {
                    index[size_t(w)] = low[size_t(w)] = counter++;
                    stack.push_back(w);
                    onStack[size_t(w)] = true;
                    calls.push_back({w, 0});
                } else if (onStack[size_t(w)]) {
                    low[size_t(v)] = std::min(low[size_t(v)], index[size_t(w)]);
                }
                continue;
            }
            if (low[size_t(v)] == index[size_t(v)]) {
                const int id = int(groupSize.size());
                int size = 0;
                int w = -1;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[size_t(w)] = false;
                    group[size_t(w)] = id;
                    ++size;
                } while (w != v);
                groupSize.push_back(size);
            }
            calls.pop_back();
            if (!calls.empty()) {
                const int parent = calls.back().first;
                low[size_t(parent)] = std::min(low[size_t(parent)], low[size_t(v)]);
            }
        }
    }

    QSet<int> reported;
    for (int i : edges) {
        const Connection &c = m_ctx.connection(i);
        const int from = node.value(c.from);
        const int to = node.value(c.to);
        const int g = group[size_t(from)];
        if (g != group[size_t(to)] || reported.contains(g) || (groupSize[size_t(g)] == 1 && from != to))
            continue;
        reported.insert(g);
        // The cycle through this connection: the shortest way back from its target.
        std::vector<int> previous(n, -1);
        std::vector<int> queue{to};
        previous[size_t(to)] = to;
        for (size_t q = 0; q < queue.size() && previous[size_t(from)] < 0; ++q) {
            for (int w : next[size_t(queue[q])]) {
                if (group[size_t(w)] == g && previous[size_t(w)] < 0) {
                    previous[size_t(w)] = queue[q];
                    queue.push_back(w);
                }
            }
        }
        QStringList path{c.from, c.to};
        if (from != to) {
            QStringList back;
            for (int v = from; v != to; v = previous[size_t(v)])
                back.prepend(functions[size_t(v)]->id);
            path << back;
        }
        m_ctx.report(QStringLiteral("ASYNC-008"),
                     from == to
                         ? QStringLiteral("%1 is its own %2 destination, so each finished run invokes it "
                                          "again asynchronously and one event can keep it running, and "
                                          "billing, without end.")
                               .arg(m_ctx.describe(c.from), c.role)
                         : QStringLiteral("%1 and its destinations form a cycle (%2), so each finished run "
                                          "invokes the next function asynchronously and one event can "
                                          "keep them running, and billing, without end.")
                               .arg(m_ctx.describe(c.from), path.join(QStringLiteral(" -> "))),
                     {}, i,
                     QStringLiteral("Remove one on-success or on-failure connection of the cycle, or send "
                                    "the results to a queue or topic instead of back to a function."));
    }
}

} // namespace

const QList<RuleInfo> &functionRules()
{
    static const QList<RuleInfo> list = {
        {QStringLiteral("FN-001"), Severity::Error, QStringLiteral("Function timeout outside 1 to 900 seconds"),
         QStringLiteral("Lambda stops a run that lasts longer than the function's timeout and counts it "
                        "as failed. For standard functions AWS accepts 1 to 900 seconds (15 minutes), so "
                        "another value makes the deployment fail. Work that needs longer has to be split "
                        "into steps, for example with Step Functions."),
         UrlQuota},
        {QStringLiteral("FN-002"), Severity::Error, QStringLiteral("Function memory outside 128 to 10,240 MB"),
         QStringLiteral("Memory is the size of each run's environment, and the CPU share grows with it. "
                        "Lambda accepts 128 MB to 10,240 MB in 1 MB steps, so another value makes the "
                        "deployment fail."),
         UrlCreateFunction},
        {QStringLiteral("FN-003"), Severity::Error, QStringLiteral("Ephemeral storage outside 512 to 10,240 MB"),
         QStringLiteral("Ephemeral storage is the temporary disk (/tmp) each run of the function can write "
                        "to. Lambda accepts 512 MB to 10,240 MB, so another value makes the deployment "
                        "fail."),
         UrlCreateFunction},
        {QStringLiteral("FN-004"), Severity::Error, QStringLiteral("Environment variables larger than 4 KB"),
         QStringLiteral("Lambda stores a function's environment variables together and allows at most "
                        "4 KB for all of them, counting names, values and the JSON text around them. A "
                        "larger set makes creating or updating the function fail. Keep large values in "
                        "SSM Parameter Store or Secrets Manager and read them when the function starts."),
         UrlQuota},
        {QStringLiteral("FN-005"), Severity::Error, QStringLiteral("More than 5 layers"),
         QStringLiteral("Layers add shared libraries or data to the function's code. A function can use "
                        "at most 5 layers, so a longer list makes the deployment fail; merge layers or "
                        "package the libraries with the code."),
         UrlQuota},
        {QStringLiteral("FN-006"), Severity::Error, QStringLiteral("Runtime can no longer be used for new functions"),
         QStringLiteral("AWS retires each runtime on published dates: it is deprecated (no more security "
                        "patches), then creating functions with it is blocked, then updating them. Once "
                        "creation is blocked, deploying the function as new fails. Move the code to the "
                        "runtime's successor and test it, because a new language version can behave "
                        "differently."),
         UrlRuntimes},
        {QStringLiteral("FN-007"), Severity::Warning, QStringLiteral("Runtime is deprecated"),
         QStringLiteral("A deprecated runtime no longer receives security patches and is not covered by "
                        "AWS support, although functions using it still run. AWS blocks creating and then "
                        "updating functions with it on announced dates, after which deployments fail. "
                        "Move to the successor runtime before then."),
         UrlRuntimes},
        {QStringLiteral("FN-008"), Severity::Info, QStringLiteral("Runtime will be deprecated within 180 days"),
         QStringLiteral("AWS has announced the date on which this runtime stops receiving security "
                        "patches; some weeks later creating functions with it is blocked. Nothing breaks "
                        "yet, but planning the move to the successor now avoids a rushed upgrade."),
         UrlRuntimes},
        {QStringLiteral("FN-009"), Severity::Error, QStringLiteral("Unknown runtime"),
         QStringLiteral("Lambda accepts only its own runtime identifiers, such as python3.14 or "
                        "nodejs24.x, and rejects any other value when the function is created. Often the "
                        "value is a typo or a language version AWS does not offer; other languages run on "
                        "the OS-only runtime provided.al2023."),
         UrlRuntimes},
        {QStringLiteral("ASYNC-001"), Severity::Error, QStringLiteral("Asynchronous retry attempts outside 0 to 2"),
         QStringLiteral("When a function invoked asynchronously (by S3, SNS or EventBridge) returns an "
                        "error, Lambda retries the event; MaximumRetryAttempts sets how often, and AWS "
                        "accepts only 0, 1 or 2, so another value makes the deployment fail. For more "
                        "retries, put an SQS queue in front of the function."),
         UrlEventInvokeConfig},
        {QStringLiteral("ASYNC-002"), Severity::Error, QStringLiteral("Asynchronous maximum event age outside 60 to 21,600 seconds"),
         QStringLiteral("Lambda keeps asynchronous events in its internal queue until they are processed, "
                        "at most for MaximumEventAgeInSeconds; older events are discarded or sent to the "
                        "on-failure destination. AWS accepts 60 seconds to 6 hours (21,600 s), so another "
                        "value makes the deployment fail."),
         UrlEventInvokeConfig},
        {QStringLiteral("ASYNC-003"), Severity::Error, QStringLiteral("S3 bucket as on-success destination"),
         QStringLiteral("Lambda can write the records of failed asynchronous invocations to an S3 bucket, "
                        "but not those of successful ones: S3 can only be an on-failure destination, and "
                        "PutFunctionEventInvokeConfig rejects an on-success bucket. Send successes to a "
                        "queue, topic, function or event bus, or make the bucket the on-failure destination."),
         UrlAsyncDest},
        {QStringLiteral("ASYNC-004"), Severity::Error, QStringLiteral("FIFO queue or topic as asynchronous destination"),
         QStringLiteral("Lambda can send the records of asynchronous invocations to a standard SQS queue, "
                        "a standard SNS topic, a function, an event bus or (on failure) an S3 bucket. A FIFO "
                        "queue or topic deploys without complaint, but Lambda cannot deliver to it: every "
                        "record is dropped and only the DestinationDeliveryFailures metric shows it."),
         UrlAsyncDest},
        {QStringLiteral("ASYNC-005"), Severity::Error, QStringLiteral("FIFO queue or topic as dead-letter queue"),
         QStringLiteral("A function's dead-letter queue keeps the asynchronous events that failed all "
                        "attempts. Lambda supports only a standard SQS queue or a standard SNS topic "
                        "there, so with a FIFO one the failed events are not kept."),
         UrlAsyncDest},
        {QStringLiteral("ASYNC-006"), Severity::Warning, QStringLiteral("Asynchronously invoked function without a failure destination"),
         QStringLiteral("When a function is invoked asynchronously, Lambda retries a failing event up to "
                        "two times and keeps waiting events for at most six hours; after that it discards "
                        "the event. Without an on-failure destination or a dead-letter queue such events "
                        "are lost without a trace. An SQS queue as on-failure destination keeps them for "
                        "inspection and replay."),
         UrlAsync},
        {QStringLiteral("ASYNC-007"), Severity::Warning, QStringLiteral("Asynchronous settings on a function that is never invoked asynchronously"),
         QStringLiteral("Retry attempts, maximum event age, destinations and dead-letter queues apply only "
                        "to asynchronous invocations. A function triggered only synchronously (API "
                        "Gateway) or through an event source mapping (SQS, Kinesis, DynamoDB, Kafka) never "
                        "uses them, so failed events do not go where the design suggests. Handle failures "
                        "at the source instead, such as a redrive queue on the SQS queue or OnFailure on a "
                        "stream trigger."),
         UrlAsync},
        {QStringLiteral("ASYNC-008"), Severity::Warning, QStringLiteral("Destination cycle between functions"),
         QStringLiteral("A function that is an on-success or on-failure destination is invoked "
                        "asynchronously with the record of the previous run, and its own destinations "
                        "then fire in turn. If the destinations lead back to a function already on the "
                        "way, one event can keep the functions invoking each other without end, costing "
                        "money until someone notices."),
         UrlRecursion},
        {QStringLiteral("CONC-001"), Severity::Error, QStringLiteral("Reserved concurrency leaves less than 100 unreserved"),
         QStringLiteral("All functions of an account share its concurrency in a Region, 1,000 by default. "
                        "Lambda keeps at least 100 of it unreserved for functions without a reservation, "
                        "so it rejects reservations that would add up to more than 900 with the default "
                        "quota. Lower the reservations or have AWS raise the quota first."),
         UrlConcurrency},
        {QStringLiteral("CONC-003"), Severity::Error, QStringLiteral("Provisioned concurrency above reserved concurrency"),
         QStringLiteral("Reserved concurrency is the most runs a function may have at once, and its "
                        "provisioned (pre-initialized) instances count towards it. Lambda therefore "
                        "rejects provisioned concurrency larger than the function's reservation, and the "
                        "deployment fails."),
         UrlConcurrency},
        {QStringLiteral("CONC-004"), Severity::Warning, QStringLiteral("Reserved concurrency 0 stops the function"),
         QStringLiteral("Reserved concurrency 0 allows no run at all: every invocation is throttled. "
                        "Synchronous callers get an error, queues and streams are not processed, and "
                        "asynchronous events go straight to the dead-letter queue or on-failure "
                        "destination. It is meant as an off switch, not as a normal setting."),
         UrlConcurrency},
    };
    return list;
}

void checkFunctions(ValidationContext &context)
{
    FunctionRun(context).run();
}

} // namespace ew::core::rules

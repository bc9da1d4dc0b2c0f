// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/validation/rulegroups.h"

#include "core/catalog/propertycheck.h"
#include "core/model/wellknown.h"
#include "core/validation/validator.h"

#include <algorithm>
#include <cmath>

namespace ew::core::rules {

static const QString FormatUrl =
    QStringLiteral("https://github.com/eventwright/eventwright/blob/main/docs/project-format.md");

const QList<RuleInfo> &modelRules()
{
    static const QList<RuleInfo> list = {
        {QStringLiteral("MODEL-001"), Severity::Error, QStringLiteral("Unknown component kind"),
         QStringLiteral("The component's kind is not in the catalog, so Eventwright cannot check "
                        "or export it. The component is kept in the file as written. Use one of "
                        "the kinds listed in the project format, or check the spelling."),
         FormatUrl + QStringLiteral("#component-kinds")},
        {QStringLiteral("MODEL-002"), Severity::Warning, QStringLiteral("Unknown component property"),
         QStringLiteral("The property is not one the catalog knows for this kind. It is kept and "
                        "written back, but it is not checked and exporters ignore it. Often it is "
                        "a typo of a CloudFormation property name."),
         FormatUrl + QStringLiteral("#component-kinds")},
        {QStringLiteral("MODEL-003"), Severity::Error, QStringLiteral("Property value has the wrong type"),
         QStringLiteral("The value's type does not match the catalog (for example text where AWS "
                        "expects a whole number). CloudFormation would reject the resource at "
                        "deploy time."),
         FormatUrl + QStringLiteral("#component-kinds")},
        {QStringLiteral("MODEL-004"), Severity::Error, QStringLiteral("Property value outside the allowed range"),
         QStringLiteral("The value lies outside the range or the list of choices AWS accepts for "
                        "this setting; the deployment would fail with a validation error."),
         FormatUrl + QStringLiteral("#component-kinds")},
        {QStringLiteral("MODEL-005"), Severity::Error, QStringLiteral("Connection role not allowed between these kinds"),
         QStringLiteral("AWS has no such integration: the role is unknown, or this source kind "
                        "cannot take it towards this target kind (for example an S3 bucket cannot "
                        "trigger a queue). Use a role the catalog allows."),
         FormatUrl + QStringLiteral("#connection-roles")},
        {QStringLiteral("MODEL-006"), Severity::Error, QStringLiteral("Reference to a missing or unsuitable component"),
         QStringLiteral("A property that names another component (such as OnFailure or "
                        "DeadLetterQueue) names an id that does not exist, or a component of a kind "
                        "that cannot serve there."),
         FormatUrl + QStringLiteral("#connection-roles")},
        {QStringLiteral("MODEL-007"), Severity::Warning, QStringLiteral("Unknown connection property"),
         QStringLiteral("The property is not one the catalog knows for connections of this role "
                        "from this kind of source. It is kept and written back, but not checked "
                        "or exported."),
         FormatUrl + QStringLiteral("#connection-roles")},
        {QStringLiteral("MODEL-008"), Severity::Warning, QStringLiteral("Unknown key in the project file"),
         QStringLiteral("The key is not part of project format 1. It is kept and written back "
                        "unchanged, but Eventwright does not use it."),
         FormatUrl + QStringLiteral("#shape")},
        {QStringLiteral("MODEL-009"), Severity::Error, QStringLiteral("Required property missing"),
         QStringLiteral("The catalog marks this property as required: AWS has no default for it "
                        "and rejects the resource without it."),
         FormatUrl + QStringLiteral("#component-kinds")},
        {QStringLiteral("MODEL-010"), Severity::Warning, QStringLiteral("Component placed far off the canvas"),
         QStringLiteral("The card's position ('at') lies beyond 1,000,000 canvas units from the "
                        "origin in x or y. AWS does not care, but the designer and 'render' then "
                        "draw it far from the other cards, and a picture of the whole design is "
                        "scaled down until nothing can be read. It is usually a typo or a file "
                        "written by another tool."),
         FormatUrl + QStringLiteral("#components")},
    };
    return list;
}

namespace {

/// Beyond this, in canvas units, a position is reported by MODEL-010.
constexpr double MaxCoordinate = 1'000'000;

/// Edit distance, for "did you mean" on property names (short strings only).
int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[size_t(j)] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            const bool same = a[i - 1].toLower() == b[j - 1].toLower();
            row[size_t(j)] = std::min({up + 1, row[size_t(j) - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[size_t(b.size())];
}

/// The catalog property a misspelt name most likely means: same letters ignoring case, or at
/// most two edits away (one for short names).
const PropertySpec *closestProperty(const std::vector<PropertySpec> &specs, const QString &name)
{
    const PropertySpec *best = nullptr;
    int bestDistance = name.size() < 8 ? 2 : 3;
    for (const PropertySpec &s : specs) {
        const int d = editDistance(s.name, name);
        if (d < bestDistance) {
            best = &s;
            bestDistance = d;
        }
    }
    return best;
}

class Run
{
public:
    explicit Run(ValidationContext &context)
        : m_ctx(context)
        , m_data(context.data())
        , m_catalog(context.catalog())
    {
    }

    void run();

private:
    void add(const QString &rule, const QString &message, const QString &component,
             int connectionIndex, const QString &fix)
    {
        m_ctx.report(rule, message, component, connectionIndex, fix);
    }
    void checkProperties(const std::vector<PropertySpec> &specs, const Value &properties,
                         const QString &subject, const QString &component, int connectionIndex,
                         const char *unknownRule);
    QString describe(const QString &componentId) const { return m_ctx.describe(componentId); }
    QString kindOf(const QString &componentId) const
    {
        const Component *c = m_ctx.component(componentId);
        return c ? c->kind : QString();
    }

    ValidationContext &m_ctx;
    const DiagramData &m_data;
    const Catalog &m_catalog;
};

void Run::checkProperties(const std::vector<PropertySpec> &specs, const Value &properties,
                          const QString &subject, const QString &component, int connectionIndex,
                          const char *unknownRule)
{
    for (const MapEntry &e : properties.entries()) {
        const PropertySpec *spec = nullptr;
        for (const PropertySpec &s : specs) {
            if (s.name == e.key) {
                spec = &s;
                break;
            }
        }
        if (!spec) {
            const PropertySpec *likely = closestProperty(specs, e.key);
            const bool taken = likely && properties.find(likely->name);
            std::optional<QuickFix> fix;
            if (likely && !taken) {
                // Renaming keeps the value; it is what the author meant.
                QuickFix q{QStringLiteral("Rename '%1' to '%2'.").arg(e.key, likely->name), true, {}};
                if (connectionIndex < 0) {
                    FixEdit remove = ValidationContext::setProperty(component, e.key, e.value);
                    remove.value.reset();
                    q.edits = {remove, ValidationContext::setProperty(component, likely->name, e.value)};
                } else {
                    q.edits = {ValidationContext::removeConnectionProperty(connectionIndex, e.key),
                               ValidationContext::setConnectionProperty(connectionIndex, likely->name, e.value)};
                }
                fix = q;
            }
            m_ctx.report(QLatin1String(unknownRule),
                         QStringLiteral("%1 has a property '%2' that Eventwright does not know; it is "
                                        "kept but not checked or exported.")
                             .arg(subject, e.key),
                         component, connectionIndex,
                         QStringLiteral("Remove '%1' or correct its name.").arg(e.key), fix);
            continue;
        }
        // An intrinsic function (Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::FindInMap ...) is resolved by
        // CloudFormation at deploy time, so its value cannot be known here: it is accepted
        // wherever its result could be, in a list too, and range checks skip it.
        if (e.value.isIntrinsic(true))
            continue;
        Value checked = e.value;
        if (checked.isList()) {
            // Counted as items (FN-005 counts layers), but not judged by type or choice.
            std::vector<Value> known;
            bool changed = false;
            for (const Value &item : checked.items()) {
                if (!item.isIntrinsic(true)) {
                    known.push_back(item);
                } else if (spec->items != u"enum") {
                    known.push_back(spec->items == u"map" ? item : Value::string(QStringLiteral("intrinsic")));
                    changed = true;
                } else {
                    changed = true;
                }
            }
            if (changed)
                checked = Value::list(std::move(known));
        }
        const PropertyProblem problem = checkPropertyValue(*spec, checked);
        if (problem.kind == PropertyProblem::IllTyped) {
            add(QStringLiteral("MODEL-003"),
                QStringLiteral("%1: %2 %3 (it is %4); AWS rejects this value at deploy time.")
                    .arg(subject, spec->name, problem.message, e.value.display()),
                component, connectionIndex,
                QStringLiteral("Set %1 to %2.").arg(spec->name, toString(spec->type) == u"list"
                                                                  ? QStringLiteral("a list")
                                                                  : QStringLiteral("a value of type ") + toString(spec->type)));
        } else if (problem.kind == PropertyProblem::OutOfRange) {
            // A range that aws-semantics.md §14 names gets that rule's id (catalog `rule:`).
            const bool known = !spec->rule.isEmpty() && Validator::rule(spec->rule);
            // A number past a bound: the quick fix sets the nearest value AWS accepts. Not
            // safe for `validate --fix`: it changes what the author wrote (the UI asks first).
            std::optional<QuickFix> clamp;
            if (const std::optional<double> n = e.value.toNumber(); n && (spec->min || spec->max)) {
                const double nearest = spec->max && *n > *spec->max ? *spec->max : spec->min && *n < *spec->min ? *spec->min : *n;
                if (nearest != *n) {
                    const Value v = spec->type == PropertyType::Integer ? Value::integer(qint64(nearest)) : Value::number(nearest);
                    QuickFix q{QStringLiteral("Set %1 to %2, the nearest value AWS accepts.").arg(spec->name, v.display()),
                               false, {}};
                    q.edits = {connectionIndex < 0 ? ValidationContext::setProperty(component, spec->name, v)
                                                   : ValidationContext::setConnectionProperty(connectionIndex, spec->name, v)};
                    clamp = q;
                }
            }
            m_ctx.report(known ? spec->rule : QStringLiteral("MODEL-004"),
                         QStringLiteral("%1: %2 %3 (it is %4); AWS rejects this value at deploy time.")
                             .arg(subject, spec->name, problem.message, e.value.display()),
                         component, connectionIndex,
                         spec->defaultValue
                             ? QStringLiteral("Use a value within range, e.g. the default %1.").arg(spec->defaultValue->display())
                             : QStringLiteral("Use a value within range."),
                         clamp);
        } else if (spec->type == PropertyType::Component) {
            const QString target = e.value.text();
            const QString targetKind = kindOf(target);
            if (targetKind.isEmpty()) {
                add(QStringLiteral("MODEL-006"),
                    QStringLiteral("%1: %2 names '%3', but no component has that id.")
                        .arg(subject, spec->name, target),
                    component, connectionIndex,
                    QStringLiteral("Point %1 at an existing component (%2).")
                        .arg(spec->name, spec->kinds.join(QStringLiteral(", "))));
            } else if (!spec->kinds.contains(targetKind)) {
                add(QStringLiteral("MODEL-006"),
                    QStringLiteral("%1: %2 names %3, but it must be one of: %4.")
                        .arg(subject, spec->name, describe(target), spec->kinds.join(QStringLiteral(", "))),
                    component, connectionIndex,
                    QStringLiteral("Point %1 at a component of a suitable kind.").arg(spec->name));
            }
        }
    }
    for (const PropertySpec &s : specs) {
        if (s.required && !properties.find(s.name)) {
            add(QStringLiteral("MODEL-009"),
                QStringLiteral("%1 has no %2, which AWS requires.").arg(subject, s.name), component,
                connectionIndex,
                s.defaultValue ? QStringLiteral("Set %1, e.g. to %2.").arg(s.name, s.defaultValue->display())
                               : QStringLiteral("Set %1.").arg(s.name));
        }
    }
}

void Run::run()
{
    for (const MapEntry &e : m_data.extra) {
        // Resources an import could not map are kept on purpose (and written back on export).
        if (e.key == u"unmapped-resources" || e.key == u"unmapped-template")
            continue;
        // The simulator's workload (SIMULATOR.md §8.1), part of format 1; `simulate` checks its shape.
        if (e.key == u"simulation")
            continue;
        add(QStringLiteral("MODEL-008"),
            QStringLiteral("The project has a top-level key '%1' that format 1 does not define; it "
                           "is kept as written.")
                .arg(e.key),
            {}, -1, QStringLiteral("Remove '%1' if it is a mistake.").arg(e.key));
    }
    for (const Component &c : m_data.components) {
        for (const MapEntry &e : c.extra) {
            add(QStringLiteral("MODEL-008"),
                QStringLiteral("Component '%1' has a key '%2' that format 1 does not define; it is "
                               "kept as written.")
                    .arg(c.id, e.key),
                c.id, -1, QStringLiteral("Move it under 'properties' or remove it."));
        }
        if (c.position && (std::abs(c.position->x()) > MaxCoordinate || std::abs(c.position->y()) > MaxCoordinate)) {
            add(QStringLiteral("MODEL-010"),
                QStringLiteral("Component '%1' is at [%2, %3], beyond 1,000,000 canvas units from "
                               "the origin: it is drawn far from the other cards.")
                    .arg(c.id, QString::number(c.position->x(), 'g', 15), QString::number(c.position->y(), 'g', 15)),
                c.id, -1,
                QStringLiteral("Move it next to the others (View > Tidy Layout), or set 'at' to "
                               "numbers between -1000000 and 1000000."));
        }
        const KindSpec *kind = m_catalog.kind(c.kind);
        if (!kind) {
            add(QStringLiteral("MODEL-001"),
                QStringLiteral("Component '%1' has kind '%2', which is not in the catalog; it "
                               "cannot be checked or exported.")
                    .arg(c.id, c.kind),
                c.id, -1, QStringLiteral("Use a catalog kind such as lambda-function or sqs-queue."));
            continue;
        }
        checkProperties(kind->properties, c.properties, describe(c.id), c.id, -1, "MODEL-002");
    }
    for (int index = 0; index < int(m_data.connections.size()); ++index) {
        const Connection &c = m_data.connections[size_t(index)];
        const int ref = index;
        const QString subject = QStringLiteral("Connection %1 -> %2 (%3)").arg(c.from, c.to, c.role);
        for (const MapEntry &e : c.extra) {
            add(QStringLiteral("MODEL-008"),
                QStringLiteral("%1 has a key '%2' that format 1 does not define; it is kept as "
                               "written.")
                    .arg(subject, e.key),
                {}, ref, QStringLiteral("Move it under 'properties' or remove it."));
        }
        const QString fromKind = kindOf(c.from);
        const QString toKind = kindOf(c.to);
        if (!m_catalog.kind(fromKind) || !m_catalog.kind(toKind))
            continue;   // MODEL-001 already says why this cannot be checked
        if (!Catalog::roles().contains(c.role)) {
            add(QStringLiteral("MODEL-005"),
                QStringLiteral("%1: '%2' is not a connection role.").arg(subject, c.role), {}, ref,
                QStringLiteral("Use one of: %1.").arg(Catalog::roles().join(QStringLiteral(", "))));
            continue;
        }
        const RoleSpec *role = m_catalog.roleSpec(fromKind, c.role);
        if (!role || !role->to.contains(toKind)) {
            QStringList possible;
            if (const KindSpec *k = m_catalog.kind(fromKind)) {
                for (const RoleSpec &r : k->connections) {
                    if (r.to.contains(toKind))
                        possible << r.role;
                }
            }
            if (c.role == wellknown::RoleOnSuccess && fromKind == wellknown::KindFunction && toKind == wellknown::KindBucket) {
                // aws-semantics.md §14 names this case ASYNC-003; published ids are a contract.
                add(QStringLiteral("ASYNC-003"),
                    QStringLiteral("%1 cannot be the on-success destination of %2: S3 can only be an "
                                   "on-failure destination, so Lambda rejects the configuration.")
                        .arg(describe(c.to), describe(c.from)),
                    {}, ref, QStringLiteral("Make the bucket the on-failure destination, or send successes to a queue, topic, function or event bus."));
                continue;
            }
            add(QStringLiteral("MODEL-005"),
                QStringLiteral("%1 cannot be the %2 of %3: AWS has no such integration.")
                    .arg(describe(c.to), c.role, describe(c.from)),
                {}, ref,
                possible.isEmpty()
                    ? QStringLiteral("Remove this connection.")
                    : QStringLiteral("Use the role %1.").arg(possible.join(QStringLiteral(" or "))));
            continue;
        }
        checkProperties(role->properties, c.properties, subject, {}, ref, "MODEL-007");
    }
}

} // namespace

void checkModel(ValidationContext &context)
{
    Run(context).run();
}

} // namespace ew::core::rules

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/mermaidexporter.h"

#include "core/model/logicalnames.h"
#include "core/validation/validationcontext.h"

#include <algorithm>
#include <array>

namespace ew::core {

QString MermaidExporter::escape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"': out += QStringLiteral("#quot;"); break;
        case u'#': out += QStringLiteral("#35;"); break;
        case u';': out += QStringLiteral("#59;"); break;
        case u'<': out += QStringLiteral("#lt;"); break;
        case u'>': out += QStringLiteral("#gt;"); break;
        case u'&': out += QStringLiteral("#amp;"); break;
        case u'|': out += QStringLiteral("#124;"); break;
        case u'`': out += QStringLiteral("#96;"); break;
        case u'%': out += QStringLiteral("#37;"); break;
        case u'\\': out += QStringLiteral("#92;"); break;
        case u'\n':
        case u'\r':
        case u'\t': out += QLatin1Char(' '); break;
        default:
            if (c.category() == QChar::Other_Control)
                out += QLatin1Char(' ');
            else
                out += c;
        }
    }
    return out;
}

MermaidIds::MermaidIds(const DiagramData &data, const QStringList &reserved,
                       const QSet<QString> &keywords)
{
    const LogicalNames names(data);
    QSet<QString> taken;
    for (const QString &r : reserved)
        taken.insert(r.toLower());
    for (const Component &c : data.components)
        taken.insert(names.mermaid(c.id).toLower());
    for (const Component &c : data.components) {
        const QString base = names.mermaid(c.id);
        const bool clash
            = keywords.contains(base.toLower()) || reserved.contains(base, Qt::CaseInsensitive);
        if (!clash) {
            m_ids.insert(c.id, base);
            continue;
        }
        QString name = base + QLatin1Char('_');
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = base + QLatin1Char('_') + QString::number(n);
        taken.insert(name.toLower());
        m_ids.insert(c.id, name);
    }
}

static QSet<QString> wordSet(const char *words)
{
    QSet<QString> out;
    for (const QString &w : QString::fromLatin1(words).split(QLatin1Char(' ')))
        out.insert(w);
    return out;
}

const QSet<QString> &MermaidIds::flowchartKeywords()
{
    // Found by parsing `flowchart LR\n  WORD["x"]\n  a --> WORD` with Mermaid 11: these fail.
    // default/direction/classdef/linkstyle pass today but are keywords too, so they are avoided.
    static const QSet<QString> words = wordSet("end graph flowchart subgraph style class classdef "
                                               "linkstyle call href click interpolate default "
                                               "direction");
    return words;
}

const QSet<QString> &MermaidIds::sequenceKeywords()
{
    // Found by using each word as a participant id in Mermaid 11: these fail.
    static const QSet<QString> words = wordSet(
        "end loop alt opt par par_over and else rect note critical break option box create "
        "destroy actor participant activate deactivate title autonumber links link properties "
        "details over off acctitle accdescr sequencediagram");
    return words;
}

namespace {

enum class Group { Triggers, Functions, Data };

/// What an edge stands for; decides its arrow, its colour and the order in which edges are
/// folded into labels when there are too many.
enum class EdgeClass { Access, Target, Success, Failure, Trigger };

struct Edge
{
    QString from;
    QString to;
    QString arrow;
    QString label;
    EdgeClass cls = EdgeClass::Trigger;
    bool drawn = true;
};

struct Node
{
    const Component *component = nullptr;
    QString id;
    Group group = Group::Data;
    QStringList folded; ///< connections listed in the label instead of drawn
};

QString text(const Value *v)
{
    if (!v)
        return {};
    if (const auto n = v->toInteger())
        return QString::number(*n);
    return v->toString();
}

QString arrowFor(Invocation invocation)
{
    switch (invocation) {
    case Invocation::Sync: return QStringLiteral("-->");
    case Invocation::Async: return QStringLiteral("-.->");
    case Invocation::Poll: return QStringLiteral("==>");
    case Invocation::None: break;
    }
    return QStringLiteral("-->");
}

/// "Orders API<br/>API Gateway HTTP API" with the shape of the kind around it.
QString nodeShape(const QString &kind, const QString &label)
{
    struct Shape
    {
        const char *kind;
        const char *open;
        const char *close;
    };
    // clang-format off
    static constexpr Shape shapes[] = {
        {"apigateway-rest",      "([", "])"},   // stadium
        {"apigateway-http",      "([", "])"},   // stadium
        {"lambda-function",      "(",  ")"},    // rounded
        {"dynamodb-table",       "[(", ")]"},   // cylinder
        {"s3-bucket",            "[\\", "/]"},  // bucket: wide top
        {"sns-topic",            "{{", "}}"},   // hexagon
        {"sqs-queue",            "[[", "]]"},   // subroutine
        {"eventbridge-schedule", "((", "))"},   // circle: a clock
        {"eventbridge-rule",     "{",  "}"},    // rhombus: a pattern decides
        {"eventbridge-bus",      ">",  "]"},    // flag
        {"kinesis-stream",       "[/", "/]"},   // parallelogram
        {"msk-cluster",          "[\\", "\\]"}, // parallelogram, the other slant
    };
    // clang-format on
    QString open = QStringLiteral("["), close = QStringLiteral("]");
    for (const Shape &s : shapes) {
        if (kind == QLatin1String(s.kind)) {
            open = QString::fromLatin1(s.open);
            close = QString::fromLatin1(s.close);
        }
    }
    return open + QLatin1Char('"') + label + QLatin1Char('"') + close;
}

QString triggerLabel(const ValidationContext &ctx, const Connection &c, const Component &source,
                     Invocation invocation)
{
    const QString sep = QStringLiteral(" · ");
    switch (invocation) {
    case Invocation::Sync: {
        QStringList parts;
        for (const char *name : {"Method", "Path"}) {
            const QString v = text(ctx.explicitValue(c, QString::fromLatin1(name)));
            if (!v.isEmpty())
                parts << v;
        }
        return parts.isEmpty() ? QStringLiteral("sync") : parts.join(QLatin1Char(' '));
    }
    case Invocation::Async: {
        QString label = QStringLiteral("async");
        if (source.kind == u"s3-bucket") {
            QStringList events;
            if (const Value *v = ctx.value(c, QStringLiteral("Events"))) {
                for (const Value &e : v->items()) {
                    QString name = e.toString();
                    if (name.startsWith(u"s3:"))
                        name = name.mid(3);
                    events << name;
                }
            }
            if (!events.isEmpty())
                label += sep + events.join(QStringLiteral(", "));
            const QString prefix = text(ctx.explicitValue(c, QStringLiteral("FilterPrefix")));
            const QString suffix = text(ctx.explicitValue(c, QStringLiteral("FilterSuffix")));
            if (!prefix.isEmpty() || !suffix.isEmpty())
                label += sep + prefix + QLatin1Char('*') + suffix;
        } else if (source.kind == u"sns-topic") {
            if (ctx.explicitValue(c, QStringLiteral("FilterPolicy")))
                label += sep + QStringLiteral("filtered");
        } else if (source.kind == u"eventbridge-schedule") {
            const QString expr = ctx.text(source, QStringLiteral("ScheduleExpression"));
            if (!expr.isEmpty())
                label += sep + expr;
        }
        return label;
    }
    case Invocation::Poll: {
        QString label = QStringLiteral("poll");
        const QString batch = text(ctx.value(c, QStringLiteral("BatchSize")));
        if (!batch.isEmpty())
            label += sep + QStringLiteral("batch ") + batch;
        const auto window = ctx.number(c, QStringLiteral("MaximumBatchingWindowInSeconds"));
        if (window && *window > 0)
            label += sep + QStringLiteral("window ")
                     + text(ctx.value(c, QStringLiteral("MaximumBatchingWindowInSeconds")))
                     + QStringLiteral(" s");
        return label;
    }
    case Invocation::None: break;
    }
    return QStringLiteral("trigger");
}

} // namespace

ExportResult MermaidExporter::exportDiagram(const DiagramData &data, const Catalog &catalog,
                                            const ExportOptions &options) const
{
    Q_UNUSED(options);
    const ValidationContext ctx(data, catalog);
    const QString sgTriggers = QStringLiteral("sg_triggers");
    const QString sgFunctions = QStringLiteral("sg_functions");
    const QString sgData = QStringLiteral("sg_data");
    const MermaidIds ids(data, {sgTriggers, sgFunctions, sgData}, MermaidIds::flowchartKeywords());

    // Kinds that some role or component property can point at: a trigger kind that is none of
    // them (an API, a rule, a schedule, a Kafka cluster) can only ever be a source.
    QSet<QString> targetKinds;
    for (const KindSpec &k : catalog.kinds()) {
        for (const RoleSpec &r : k.connections) {
            for (const QString &t : r.to)
                targetKinds.insert(t);
            for (const PropertySpec &p : r.properties) {
                for (const QString &t : p.kinds)
                    targetKinds.insert(t);
            }
        }
    }

    // Nodes, in file order.
    std::vector<Node> nodes;
    QHash<QString, int> nodeIndex;
    for (const Component &c : data.components) {
        Node n;
        n.component = &c;
        n.id = ids(c.id);
        const KindSpec *k = catalog.kind(c.kind);
        const QString category = k ? k->category : QString();
        const bool triggerKind = category == u"sync-trigger" || category == u"async-trigger"
                                 || category == u"poll-source";
        if (c.kind == u"lambda-function") {
            n.group = Group::Functions;
        } else if (triggerKind) {
            const bool usedAsSource = !ctx.outgoing(c.id, QStringLiteral("trigger")).empty()
                                      || !ctx.outgoing(c.id, QStringLiteral("target")).empty();
            n.group = usedAsSource || !targetKinds.contains(c.kind) ? Group::Triggers : Group::Data;
        }
        nodeIndex.insert(c.id, int(nodes.size()));
        nodes.push_back(std::move(n));
    }

    // Edges: each connection in file order, followed by the failure edges its properties imply
    // (once per distinct source, target and meaning).
    std::vector<Edge> edges;
    QSet<QString> derivedSeen;
    auto addDerived = [&](const QString &from, const QString &to, const QString &label) {
        if (!nodeIndex.contains(from) || !nodeIndex.contains(to))
            return;
        const QString key = from + QLatin1Char('\n') + to + QLatin1Char('\n') + label;
        if (derivedSeen.contains(key))
            return;
        derivedSeen.insert(key);
        edges.push_back({from, to, QStringLiteral("-.->"), label, EdgeClass::Failure});
    };
    for (const Connection &c : data.connections) {
        const Component *source = ctx.component(c.from);
        if (!source || !ctx.component(c.to))
            continue;
        Edge e{c.from, c.to, QStringLiteral("-->"), c.role, EdgeClass::Trigger};
        if (c.role == u"trigger") {
            const Invocation inv = ctx.invocationOf(c);
            e.arrow = arrowFor(inv);
            e.label = triggerLabel(ctx, c, *source, inv);
        } else if (c.role == u"access") {
            e.cls = EdgeClass::Access;
            e.arrow = QStringLiteral("--o");
            e.label = text(ctx.value(c, QStringLiteral("Access")));
            if (e.label.isEmpty())
                e.label = QStringLiteral("read-write");
        } else if (c.role == u"target") {
            e.cls = EdgeClass::Target;
            e.arrow = QStringLiteral("-.->");
            e.label = QStringLiteral("target");
        } else if (c.role == u"on-success") {
            e.cls = EdgeClass::Success;
            e.arrow = QStringLiteral("-.->");
            e.label = QStringLiteral("on success");
        } else if (c.role == u"on-failure") {
            e.cls = EdgeClass::Failure;
            e.arrow = QStringLiteral("-.->");
            e.label = QStringLiteral("on failure");
        } else if (c.role == u"dead-letter") {
            e.cls = EdgeClass::Failure;
            e.arrow = QStringLiteral("-.->");
            if (source->kind == u"sqs-queue") {
                const QString count = text(ctx.value(c, QStringLiteral("maxReceiveCount")));
                e.label = count.isEmpty()
                              ? QStringLiteral("redrive")
                              : QStringLiteral("redrive · after %1 receives").arg(count);
            } else {
                e.label = QStringLiteral("dead-letter");
            }
        }
        edges.push_back(e);
        if (c.role != u"trigger")
            continue;
        // Lambda's event source mapping reports a batch it gave up on: drawn from the function.
        const QString onFailure = text(ctx.explicitValue(c, QStringLiteral("OnFailure")));
        if (!onFailure.isEmpty())
            addDerived(c.to, onFailure, QStringLiteral("batch on-failure"));
        // EventBridge / SNS keep what they could not deliver: drawn from the source.
        const QString dlq = text(ctx.explicitValue(c, QStringLiteral("DeadLetterQueue")));
        if (!dlq.isEmpty())
            addDerived(c.from, dlq, QStringLiteral("undelivered · DLQ"));
    }

    // Mermaid draws at most MaxEdges edges: fold whole classes into their source's label, the
    // least structural first; triggers last, and only those beyond the limit.
    const int total = int(edges.size());
    int drawn = total;
    QStringList foldedClasses;
    ExportResult result;
    if (total > MaxEdges) {
        struct FoldStep
        {
            std::vector<EdgeClass> classes;
            const char *name;
        };
        const std::array<FoldStep, 3> steps = {{
            {{EdgeClass::Access}, "access"},
            {{EdgeClass::Target}, "rule target"},
            {{EdgeClass::Success, EdgeClass::Failure}, "destination and failure"},
        }};
        for (const FoldStep &step : steps) {
            if (drawn <= MaxEdges)
                break;
            int n = 0;
            for (Edge &e : edges) {
                if (e.drawn
                    && std::find(step.classes.begin(), step.classes.end(), e.cls)
                           != step.classes.end()) {
                    e.drawn = false;
                    ++n;
                }
            }
            if (n > 0) {
                drawn -= n;
                foldedClasses << QStringLiteral("%1 %2").arg(n).arg(QString::fromLatin1(step.name));
            }
        }
        if (drawn > MaxEdges) {
            int n = 0;
            for (auto it = edges.rbegin(); it != edges.rend() && drawn > MaxEdges; ++it) {
                if (it->drawn) {
                    it->drawn = false;
                    --drawn;
                    ++n;
                }
            }
            foldedClasses << QStringLiteral("%1 trigger").arg(n);
        }
        for (const Edge &e : edges) {
            if (!e.drawn)
                nodes[size_t(nodeIndex.value(e.from))].folded
                    << e.label + QStringLiteral(" → ") + ctx.component(e.to)->displayName();
        }
        Diagnostic d;
        d.rule = QStringLiteral("EXPORT-MMD-001");
        d.severity = Severity::Warning;
        d.message = QStringLiteral("The flowchart has %1 edges and Mermaid draws at most %2; "
                                   "%3 edges are listed in their source's label instead (%4)")
                        .arg(total)
                        .arg(MaxEdges)
                        .arg(total - drawn)
                        .arg(foldedClasses.join(QStringLiteral(", ")));
        result.diagnostics.append(d);
    }

    // Text.
    QString out;
    if (data.name && !data.name->trimmed().isEmpty()) {
        QString title = data.name->simplified();
        title.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        title.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        title.replace(QStringLiteral("%%"), QStringLiteral("% %"));
        out += QStringLiteral("---\ntitle: \"") + title + QStringLiteral("\"\n---\n");
    }
    out += QStringLiteral("flowchart LR\n");
    auto freeText = [](const QString &s) {
        QString t = s.simplified();
        t.replace(QStringLiteral("%%"), QStringLiteral("% %"));
        return t;
    };
    if (data.name && !data.name->trimmed().isEmpty())
        out += QStringLiteral("  accTitle: ") + freeText(*data.name) + QLatin1Char('\n');
    if (data.description && !data.description->trimmed().isEmpty())
        out += QStringLiteral("  accDescr: ") + freeText(*data.description) + QLatin1Char('\n');
    if (total > MaxEdges)
        out += QStringLiteral("  %% %1 edges: Mermaid draws at most %2 (maxEdges, which a diagram "
                              "cannot raise); %3 are listed in node labels (%4)\n")
                   .arg(total)
                   .arg(MaxEdges)
                   .arg(total - drawn)
                   .arg(foldedClasses.join(QStringLiteral(", ")));

    const std::array<std::pair<Group, QString>, 3> groups = {{
        {Group::Triggers, sgTriggers + QStringLiteral("[\"Triggers\"]")},
        {Group::Functions, sgFunctions + QStringLiteral("[\"Functions\"]")},
        {Group::Data, sgData + QStringLiteral("[\"Destinations #amp; data\"]")},
    }};
    for (const auto &[group, header] : groups) {
        QString body;
        for (const Node &n : nodes) {
            if (n.group != group)
                continue;
            const KindSpec *k = catalog.kind(n.component->kind);
            QString label = escape(n.component->displayName()) + QStringLiteral("<br/>")
                            + escape(k ? k->name : n.component->kind);
            for (const QString &f : n.folded)
                label += QStringLiteral("<br/>") + escape(f);
            body += QStringLiteral("    ") + n.id + nodeShape(n.component->kind, label)
                    + QLatin1Char('\n');
        }
        if (!body.isEmpty())
            out += QStringLiteral("  subgraph ") + header + QLatin1Char('\n') + body
                   + QStringLiteral("  end\n");
    }

    QList<int> failureLinks, successLinks, accessLinks;
    int index = 0;
    for (const Edge &e : edges) {
        if (!e.drawn)
            continue;
        out += QStringLiteral("  ") + ids(e.from) + QLatin1Char(' ') + e.arrow
               + QStringLiteral("|\"") + escape(e.label) + QStringLiteral("\"| ") + ids(e.to)
               + QLatin1Char('\n');
        if (e.cls == EdgeClass::Failure)
            failureLinks << index;
        else if (e.cls == EdgeClass::Success)
            successLinks << index;
        else if (e.cls == EdgeClass::Access)
            accessLinks << index;
        ++index;
    }
    auto linkStyle = [&out](const QList<int> &links, const QString &style) {
        if (links.isEmpty())
            return;
        QStringList numbers;
        for (int i : links)
            numbers << QString::number(i);
        out += QStringLiteral("  linkStyle ") + numbers.join(QLatin1Char(',')) + QLatin1Char(' ')
               + style + QLatin1Char('\n');
    };
    linkStyle(failureLinks, QStringLiteral("stroke:#d62728,stroke-width:2px,color:#d62728"));
    linkStyle(successLinks, QStringLiteral("stroke:#2ca02c,stroke-width:2px,color:#2ca02c"));
    linkStyle(accessLinks, QStringLiteral("stroke:#7f7f7f,color:#555555"));

    const QByteArray bytes = out.toUtf8();
    if (bytes.size() > MaxTextSize) {
        Diagnostic d;
        d.rule = QStringLiteral("EXPORT-MMD-002");
        d.severity = Severity::Warning;
        d.message = QStringLiteral("diagram.mmd has %1 characters; Mermaid renders at most %2 "
                                   "unless the page raises maxTextSize")
                        .arg(out.size())
                        .arg(MaxTextSize);
        result.diagnostics.append(d);
    }
    result.files.append({QStringLiteral("diagram.mmd"), bytes});
    return result;
}

} // namespace ew::core

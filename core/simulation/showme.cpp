// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/showme.h"
#include "core/simulation/showmescript.h"

#include <QHash>
#include <QRegularExpression>

// The show-me scripts are data; this file is their interpreter: it binds a script to the
// diagnostic's subject in the design and evaluates its checks on a run. The vocabulary
// (placeholders, expressions, keys) is documented in resources/simulation/showme.yaml's header
// and in docs/simulation.md ("Show me"); the loader (showmeloader.cpp) checks it.

namespace ew::core::sim {

using namespace detail;

namespace {

// ---- The diagnostic's subject in the design --------------------------------------------

const QString LambdaKind = QStringLiteral("lambda-function");
const QString TriggerRole = QStringLiteral("trigger");

struct Binding
{
    const DiagramData &data;
    const Catalog &catalog;
    const Connection *connection = nullptr;
    QHash<QString, QStringList> ids;   // placeholder -> component ids

    const Component *component(const QString &id) const
    {
        for (const Component &c : data.components) {
            if (c.id == id)
                return &c;
        }
        return nullptr;
    }
    int componentIndex(const QString &id) const
    {
        for (size_t i = 0; i < data.components.size(); ++i) {
            if (data.components[i].id == id)
                return int(i);
        }
        return -1;
    }
    bool isFunction(const QString &id) const
    {
        const Component *c = component(id);
        return c && c->kind == LambdaKind;
    }
    QString first(const QString &placeholder) const
    {
        const QStringList list = ids.value(placeholder);
        return list.isEmpty() ? QString() : list.front();
    }
};

Binding bind(const Diagnostic &d, const DiagramData &data, const Catalog &catalog)
{
    Binding b{data, catalog, nullptr, {}};
    if (d.connectionIndex >= 0 && d.connectionIndex < int(data.connections.size())) {
        b.connection = &data.connections[size_t(d.connectionIndex)];
        b.ids[QStringLiteral("from")] = {b.connection->from};
        b.ids[QStringLiteral("to")] = {b.connection->to};
        b.ids[QStringLiteral("connection")] = {b.connection->from};
    }
    if (!d.component.isEmpty() && b.component(d.component))
        b.ids[QStringLiteral("component")] = {d.component};

    // The function concerned: an end that is a function, else the first one the subject triggers.
    QString function;
    for (const QString &candidate : {b.first(QStringLiteral("to")), b.first(QStringLiteral("component")),
                                     b.first(QStringLiteral("from"))}) {
        if (!candidate.isEmpty() && b.isFunction(candidate)) {
            function = candidate;
            break;
        }
    }
    const QString subject = !b.first(QStringLiteral("component")).isEmpty() ? b.first(QStringLiteral("component"))
                                                                             : b.first(QStringLiteral("from"));
    if (function.isEmpty() && !subject.isEmpty()) {
        for (const Connection &c : data.connections) {
            if (c.from == subject && c.role == TriggerRole && b.isFunction(c.to)) {
                function = c.to;
                break;
            }
        }
    }
    if (!function.isEmpty())
        b.ids[QStringLiteral("function")] = {function};

    // What invokes it: every trigger source of the function, in file order.
    QStringList triggers;
    for (const Connection &c : data.connections) {
        if (!function.isEmpty() && c.to == function && c.role == TriggerRole && !triggers.contains(c.from))
            triggers << c.from;
    }
    if (!triggers.isEmpty())
        b.ids[QStringLiteral("triggers")] = triggers;
    QString source;
    if (b.connection && b.connection->role == TriggerRole && b.connection->to == function)
        source = b.connection->from;
    else if (!triggers.isEmpty())
        source = triggers.front();
    else if (!subject.isEmpty() && subject != function)
        source = subject;
    if (!source.isEmpty())
        b.ids[QStringLiteral("source")] = {source};
    return b;
}

std::optional<double> numberOf(const Value &v)
{
    if (!v.isScalar())
        return std::nullopt;
    if (const auto n = v.toNumber())
        return n;
    if (const auto flag = v.toBool())
        return *flag ? 1.0 : 0.0;
    return std::nullopt;
}

// $x.Name in the design: the value as written, else the catalog default; a boolean without
// either is false (AWS's default for every boolean the catalog has).
std::optional<double> designValue(const Binding &b, const Reference &ref)
{
    if (ref.bare)
        return std::nullopt;
    if (!ref.quotedId && ref.subject == u"connection") {
        if (!b.connection)
            return std::nullopt;
        if (const Value *v = b.connection->properties.find(ref.name))
            return numberOf(*v);
        const Component *from = b.component(b.connection->from);
        const RoleSpec *role = from ? b.catalog.roleSpec(from->kind, b.connection->role) : nullptr;
        const PropertySpec *spec = role ? role->property(ref.name) : nullptr;
        if (spec && spec->defaultValue)
            return numberOf(*spec->defaultValue);
        if (spec && spec->type == PropertyType::Boolean)
            return 0.0;
        return std::nullopt;
    }
    const QString id = ref.quotedId ? ref.subject : b.first(ref.subject);
    const Component *c = id.isEmpty() ? nullptr : b.component(id);
    if (!c)
        return std::nullopt;
    if (const Value *v = c->properties.find(ref.name))
        return numberOf(*v);
    const KindSpec *kind = b.catalog.kind(c->kind);
    const PropertySpec *spec = kind ? kind->property(ref.name) : nullptr;
    if (spec && spec->defaultValue)
        return numberOf(*spec->defaultValue);
    if (spec && spec->type == PropertyType::Boolean)
        return 0.0;
    return std::nullopt;
}

// Replaces {expression} with its value and $placeholder with the quoted id(s). Sets *ok false
// when a placeholder or value is missing from the design.
QString substitute(const QString &text, const Binding &b, bool *ok)
{
    QString out;
    int pos = 0;
    while (pos < text.size()) {
        const int open = int(text.indexOf(u'{', pos));
        if (open < 0) {
            out += text.mid(pos);
            break;
        }
        const int close = int(text.indexOf(u'}', open));
        if (close < 0) {
            out += text.mid(pos);
            break;
        }
        out += text.mid(pos, open - pos);
        std::optional<double> v;
        Expression e(text.mid(open + 1, close - open - 1), [&b](const Reference &r) { return designValue(b, r); });
        if (!e.number(&v) || !v)
            *ok = false;
        else
            out += Value::number(std::round(*v * 1000) / 1000).text();
        pos = close + 1;
    }
    static const QRegularExpression placeholder(
        QStringLiteral("\\$(component|connection|function|triggers|source|from|to)\\b"));
    QString result;
    int last = 0;
    for (auto it = placeholder.globalMatch(out); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        result += out.mid(last, m.capturedStart() - last);
        const QStringList ids = b.ids.value(m.captured(1));
        if (ids.isEmpty())
            *ok = false;
        QStringList quoted;
        for (const QString &id : ids)
            quoted << QLatin1Char('\'') + id + QLatin1Char('\'');
        result += quoted.join(QStringLiteral(", "));
        last = int(m.capturedEnd());
    }
    result += out.mid(last);
    return result;
}

// A number field of a script: a plain number or an expression over the design.
std::optional<double> fieldNumber(const Value &v, const Binding &b)
{
    if (!v.isScalar())
        return std::nullopt;
    if (const auto n = v.toNumber())
        return n;
    std::optional<double> out;
    Expression e(v.text(), [&b](const Reference &r) { return designValue(b, r); });
    if (!e.number(&out))
        return std::nullopt;
    return out;
}

std::optional<Window> fieldWindow(const Value &v, const Binding &b)
{
    const Value *start = nullptr;
    const Value *stop = nullptr;
    if (v.isMap()) {
        start = v.find(QStringLiteral("start"));
        stop = v.find(QStringLiteral("stop"));
    } else if (v.isList() && v.items().size() == 2) {
        start = &v.items()[0];
        stop = &v.items()[1];
    }
    if (!start || !stop)
        return std::nullopt;
    const auto a = fieldNumber(*start, b);
    const auto z = fieldNumber(*stop, b);
    if (!a || !z)
        return std::nullopt;
    return Window{*a, *z};
}

// The workload and texts of one script on the design, or nullopt when it does not fit.
std::optional<ShowMe> build(const QString &rule, int variant, const Value &script, const Binding &b, bool checkWhen)
{
    const Resolver design = [&b](const Reference &r) { return designValue(b, r); };
    if (checkWhen) {
        for (const QString &condition : listOfText(script.find(QStringLiteral("when")))) {
            std::optional<bool> holds;
            Expression e(condition, design);
            if (!e.comparison(&holds, nullptr) || !holds || !*holds)
                return std::nullopt;
        }
    }
    ShowMe s;
    s.rule = rule;
    s.variant = variant;
    bool ok = true;
    s.title = substitute(textOf(script, "title"), b, &ok);
    s.explanation = substitute(textOf(script, "explanation").trimmed(), b, &ok);
    s.watch = substitute(textOf(script, "watch"), b, &ok);
    const QString focus = textOf(script, "focus");
    if (!focus.isEmpty()) {
        const QString placeholder = focus.startsWith(u'$') ? focus.mid(1) : focus;
        s.focus = b.first(placeholder);
        ok = ok && !s.focus.isEmpty();
    }
    for (const QString &check : listOfText(script.find(QStringLiteral("expect"))))
        s.expect << substitute(check, b, &ok);
    if (!ok)
        return std::nullopt;

    Workload &w = s.workload;
    w.duration = 60;
    w.defaulted = false;
    auto number = [&](const Value &parent, const char *key, auto apply) {
        if (const Value *v = parent.find(QLatin1String(key))) {
            const std::optional<double> n = fieldNumber(*v, b);
            if (!n)
                ok = false;
            else
                apply(*n);
        }
    };
    number(script, "duration", [&](double v) { w.duration = v; });
    number(script, "seed", [&](double v) { w.seed = quint64(std::llround(v)); });
    number(script, "account-concurrency", [&](double v) { w.accountConcurrency = int(std::lround(v)); });

    auto idsOf = [&](const QString &key) {
        if (key.startsWith(u'$'))
            return b.ids.value(key.mid(1));
        return b.component(key) ? QStringList{key} : QStringList{};
    };
    if (const Value *sources = script.find(QStringLiteral("sources"))) {
        for (const MapEntry &e : sources->entries()) {
            const QStringList ids = idsOf(e.key);
            if (ids.isEmpty())
                return std::nullopt;
            for (const QString &id : ids) {
                SourceLoad load;
                load.component = id;
                number(e.value, "count", [&](double v) { load.count = qint64(std::llround(v)); });
                number(e.value, "rate", [&](double v) { load.rate = v; });
                number(e.value, "start", [&](double v) { load.start = v; });
                number(e.value, "stop", [&](double v) { load.stop = v; });
                number(e.value, "duplicate-rate", [&](double v) { load.duplicateRate = v; });
                number(e.value, "keys", [&](double v) { load.keys = int(std::lround(v)); });
                number(e.value, "shards", [&](double v) { load.shards = int(std::lround(v)); });
                load.poisson = textOf(e.value, "pattern") == u"poisson";
                auto existing = std::find_if(w.sources.begin(), w.sources.end(),
                                             [&](const SourceLoad &l) { return l.component == id; });
                if (existing != w.sources.end())
                    *existing = load;
                else
                    w.sources.push_back(load);
            }
        }
    }
    if (const Value *functions = script.find(QStringLiteral("functions"))) {
        for (const MapEntry &e : functions->entries()) {
            const QStringList ids = idsOf(e.key);
            if (ids.isEmpty())
                return std::nullopt;
            for (const QString &id : ids) {
                FunctionBehaviour f;
                f.component = id;
                number(e.value, "duration-ms", [&](double v) { f.durationMs = v; });
                number(e.value, "error-rate", [&](double v) { f.errorRate = v; });
                number(e.value, "poison-every", [&](double v) { f.poisonEvery = int(std::lround(v)); });
                if (const Value *emits = e.value.find(QStringLiteral("emits")))
                    f.emits = emits->toBool().value_or(true);
                for (const char *key : {"outage", "throttle"}) {
                    if (const Value *v = e.value.find(QLatin1String(key))) {
                        const std::optional<Window> window = fieldWindow(*v, b);
                        if (!window)
                            ok = false;
                        else if (key[0] == 'o')
                            f.outage = window;
                        else
                            f.throttle = window;
                    }
                }
                auto existing = std::find_if(w.functions.begin(), w.functions.end(),
                                             [&](const FunctionBehaviour &x) { return x.component == id; });
                if (existing != w.functions.end())
                    *existing = f;
                else
                    w.functions.push_back(f);
            }
        }
    }
    if (!ok)
        return std::nullopt;
    return s;
}

} // namespace

std::optional<ShowMe> showMeFor(const Diagnostic &diagnostic, const DiagramData &data, const Catalog &catalog,
                                int variant)
{
    const std::vector<Value> *scripts = ShowMeLibrary::builtin().scripts(diagnostic.rule);
    if (!scripts)
        return std::nullopt;
    const Binding b = bind(diagnostic, data, catalog);
    if (variant >= 0) {
        if (variant >= int(scripts->size()))
            return std::nullopt;
        return build(diagnostic.rule, variant, (*scripts)[size_t(variant)], b, false);
    }
    for (size_t i = 0; i < scripts->size(); ++i) {
        if (auto s = build(diagnostic.rule, int(i), (*scripts)[i], b, true))
            return s;
    }
    return std::nullopt;
}

std::vector<Check> evaluateChecks(const ShowMe &showMe, const DiagramData &data, const Result &result)
{
    std::vector<Check> out;
    for (const QString &text : showMe.expect) {
        Check check;
        check.text = text;
        const Resolver figures = [&](const Reference &r) -> std::optional<double> {
            if (r.bare) {
                if (r.name == u"injected")
                    return double(result.injected);
                const int fate = int(fateNames().indexOf(r.name));
                if (fate < 0) {
                    check.error = QStringLiteral("unknown fate %1").arg(r.name);
                    return std::nullopt;
                }
                return double(result.fates[size_t(fate)]);
            }
            int index = -1;
            for (size_t i = 0; i < data.components.size(); ++i) {
                if (data.components[i].id == r.subject)
                    index = int(i);
            }
            if (!r.quotedId || index < 0 || index >= int(result.components.size())) {
                check.error = QStringLiteral("no component '%1' in the result").arg(r.subject);
                return std::nullopt;
            }
            const std::optional<double> v = statValue(result.components[size_t(index)], r.name);
            if (!v)
                check.error = QStringLiteral("unknown figure %1").arg(r.name);
            return v;
        };
        Expression e(text, figures);
        std::optional<bool> holds;
        if (!e.comparison(&holds, &check.left))
            check.error = e.error();
        check.holds = holds.value_or(false);
        out.push_back(check);
    }
    return out;
}

bool showsFailure(const ShowMe &showMe, const DiagramData &data, const Result &result)
{
    const std::vector<Check> checks = evaluateChecks(showMe, data, result);
    return !checks.empty() && std::all_of(checks.begin(), checks.end(), [](const Check &c) { return c.holds; });
}

} // namespace ew::core::sim

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/showme.h"

#include "core/io/yamlreader.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

// The show-me scripts are data; this file is their interpreter. The vocabulary (placeholders,
// expressions, keys) is documented in resources/simulation/showme.yaml's header and in
// docs/simulation.md ("Show me").

static void initShowMeResources()
{
    Q_INIT_RESOURCE(simulation);
}

namespace ew::core::sim {

namespace {

// Placeholders a script may use for the diagnostic's subject.
const QStringList &placeholderNames()
{
    static const QStringList names = {QStringLiteral("from"),     QStringLiteral("to"),
                                      QStringLiteral("component"), QStringLiteral("connection"),
                                      QStringLiteral("function"),  QStringLiteral("source"),
                                      QStringLiteral("triggers")};
    return names;
}

const QStringList &fateNames()
{
    static const QStringList names = {QStringLiteral("succeeded"), QStringLiteral("to_on_failure"),
                                      QStringLiteral("dead_lettered"), QStringLiteral("discarded"),
                                      QStringLiteral("rejected"),  QStringLiteral("in_flight")};
    return names;
}

// Figures of ComponentStats a check may name (the contract's JSON names where they exist).
std::optional<double> statValue(const ComponentStats &s, const QString &name)
{
    static const QHash<QString, std::function<double(const ComponentStats &)>> stats = {
        {QStringLiteral("invocations"), [](const ComponentStats &c) { return double(c.invocations); }},
        {QStringLiteral("errors"), [](const ComponentStats &c) { return double(c.errors); }},
        {QStringLiteral("throttles"), [](const ComponentStats &c) { return double(c.throttles); }},
        {QStringLiteral("timeouts"), [](const ComponentStats &c) { return double(c.timeouts); }},
        {QStringLiteral("max_concurrency"), [](const ComponentStats &c) { return double(c.maxConcurrency); }},
        {QStringLiteral("duplicates"), [](const ComponentStats &c) { return double(c.duplicates); }},
        {QStringLiteral("cold_starts"), [](const ComponentStats &c) { return double(c.coldStarts); }},
        {QStringLiteral("async_dropped"), [](const ComponentStats &c) { return double(c.asyncDropped); }},
        {QStringLiteral("latency_p50_s"), [](const ComponentStats &c) { return c.latencyP50; }},
        {QStringLiteral("latency_p99_s"), [](const ComponentStats &c) { return c.latencyP99; }},
        {QStringLiteral("max_queue_depth"), [](const ComponentStats &c) { return double(c.maxQueueDepth); }},
        {QStringLiteral("max_age_of_oldest_s"), [](const ComponentStats &c) { return c.maxAgeOfOldest; }},
        {QStringLiteral("received"), [](const ComponentStats &c) { return double(c.received); }},
        {QStringLiteral("depth_at_end"), [](const ComponentStats &c) { return double(c.depthAtEnd); }},
        {QStringLiteral("max_iterator_age_s"), [](const ComponentStats &c) { return c.maxIteratorAge; }},
    };
    const auto it = stats.constFind(name);
    if (it == stats.constEnd())
        return std::nullopt;
    return (*it)(s);
}

bool isStatName(const QString &name)
{
    return statValue(ComponentStats{}, name).has_value();
}

// ---- Expressions ----------------------------------------------------------------------
//
//   comparison := expr ('<' | '<=' | '>' | '>=' | '==' | '!=') expr
//   expr       := term (('+' | '-') term)*
//   term       := unary (('*' | '/') unary)*
//   unary      := '-' unary | primary
//   primary    := number | '(' expr ')' | ('min' | 'max') '(' expr ',' expr ')'
//               | '$' placeholder '.' name | "'" id "'" '.' name | name
//
// A reference the resolver cannot answer makes the whole value unresolved (not an error).

struct Reference
{
    QString subject;      ///< placeholder name ("to") or, with quotedId, a component id
    bool quotedId = false;
    QString name;         ///< property or figure; for a bare name, the name itself
    bool bare = false;
};

using Resolver = std::function<std::optional<double>(const Reference &)>;

class Expression
{
public:
    Expression(const QString &text, Resolver resolver)
        : m_text(text)
        , m_resolve(std::move(resolver))
    {
    }

    /// False on a syntax error (error() says what); *value is nullopt when unresolved.
    bool number(std::optional<double> *value)
    {
        *value = expr();
        skipSpace();
        if (m_error.isEmpty() && m_pos < m_text.size())
            fail(QStringLiteral("unexpected '%1'").arg(m_text.mid(m_pos)));
        if (!m_error.isEmpty() || m_unresolved)
            *value = std::nullopt;
        return m_error.isEmpty();
    }

    bool comparison(std::optional<bool> *holds, double *left)
    {
        const std::optional<double> l = expr();
        skipSpace();
        QString op;
        for (const char *candidate : {"<=", ">=", "==", "!=", "<", ">"}) {
            if (m_text.mid(m_pos).startsWith(QLatin1String(candidate))) {
                op = QLatin1String(candidate);
                break;
            }
        }
        if (op.isEmpty() && m_error.isEmpty())
            fail(QStringLiteral("expected a comparison (<, <=, >, >=, ==, !=)"));
        m_pos += int(op.size());
        const std::optional<double> r = m_error.isEmpty() ? expr() : std::nullopt;
        skipSpace();
        if (m_error.isEmpty() && m_pos < m_text.size())
            fail(QStringLiteral("unexpected '%1'").arg(m_text.mid(m_pos)));
        *holds = std::nullopt;
        if (!m_error.isEmpty())
            return false;
        if (m_unresolved || !l || !r)
            return true;
        const double a = l.value_or(0);
        const double b = r.value_or(0);
        if (left)
            *left = a;
        constexpr double eps = 1e-9;
        if (op == u"<")
            *holds = a < b - eps;
        else if (op == u"<=")
            *holds = a <= b + eps;
        else if (op == u">")
            *holds = a > b + eps;
        else if (op == u">=")
            *holds = a >= b - eps;
        else if (op == u"==")
            *holds = std::abs(a - b) <= eps;
        else
            *holds = std::abs(a - b) > eps;
        return true;
    }

    const QString &error() const { return m_error; }

private:
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("'%1': %2").arg(m_text, message);
    }
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool eat(QChar c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    QString word()
    {
        const int start = m_pos;
        while (m_pos < m_text.size()
               && (m_text[m_pos].isLetterOrNumber() || m_text[m_pos] == u'_' || m_text[m_pos] == u'-'))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    std::optional<double> expr()
    {
        std::optional<double> v = term();
        while (m_error.isEmpty()) {
            if (eat(u'+')) {
                const auto r = term();
                v = v && r ? std::optional<double>(*v + *r) : std::nullopt;
            } else if (eat(u'-')) {
                const auto r = term();
                v = v && r ? std::optional<double>(*v - *r) : std::nullopt;
            } else {
                break;
            }
        }
        return v;
    }
    std::optional<double> term()
    {
        std::optional<double> v = unary();
        while (m_error.isEmpty()) {
            if (eat(u'*')) {
                const auto r = unary();
                v = v && r ? std::optional<double>(*v * *r) : std::nullopt;
            } else if (eat(u'/')) {
                const auto r = unary();
                if (r && *r == 0)
                    m_unresolved = true;
                v = v && r && *r != 0 ? std::optional<double>(*v / *r) : std::nullopt;
            } else {
                break;
            }
        }
        return v;
    }
    std::optional<double> unary()
    {
        if (eat(u'-')) {
            const auto v = unary();
            return v ? std::optional<double>(-*v) : std::nullopt;
        }
        return primary();
    }
    std::optional<double> primary()
    {
        skipSpace();
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("expression ends too early"));
            return std::nullopt;
        }
        const QChar c = m_text[m_pos];
        if (c.isDigit() || c == u'.') {
            const int start = m_pos;
            while (m_pos < m_text.size() && (m_text[m_pos].isDigit() || m_text[m_pos] == u'.'))
                ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == u'e' || m_text[m_pos] == u'E')) {
                ++m_pos;
                if (m_pos < m_text.size() && (m_text[m_pos] == u'-' || m_text[m_pos] == u'+'))
                    ++m_pos;
                while (m_pos < m_text.size() && m_text[m_pos].isDigit())
                    ++m_pos;
            }
            bool ok = false;
            const double v = m_text.mid(start, m_pos - start).toDouble(&ok);
            if (!ok)
                fail(QStringLiteral("bad number"));
            return v;
        }
        if (c == u'(') {
            ++m_pos;
            const auto v = expr();
            if (!eat(u')'))
                fail(QStringLiteral("missing ')'"));
            return v;
        }
        Reference ref;
        if (c == u'$' || c == u'\'') {
            ++m_pos;
            if (c == u'$') {
                ref.subject = word();
                if (!placeholderNames().contains(ref.subject))
                    fail(QStringLiteral("unknown placeholder $%1").arg(ref.subject));
            } else {
                const int end = int(m_text.indexOf(u'\'', m_pos));
                if (end < 0) {
                    fail(QStringLiteral("missing closing quote"));
                    return std::nullopt;
                }
                ref.subject = m_text.mid(m_pos, end - m_pos);
                ref.quotedId = true;
                m_pos = end + 1;
            }
            if (m_pos >= m_text.size() || m_text[m_pos] != u'.') {
                fail(QStringLiteral("expected '.name' after the component"));
                return std::nullopt;
            }
            ++m_pos;
            ref.name = word();
            if (ref.name.isEmpty())
                fail(QStringLiteral("expected a property or figure name"));
        } else if (c.isLetter()) {
            ref.name = word();
            ref.bare = true;
            if (ref.name == u"min" || ref.name == u"max") {
                if (!eat(u'('))
                    fail(QStringLiteral("expected '(' after %1").arg(ref.name));
                const auto a = expr();
                if (!eat(u','))
                    fail(QStringLiteral("%1 takes two values").arg(ref.name));
                const auto b = expr();
                if (!eat(u')'))
                    fail(QStringLiteral("missing ')'"));
                if (!a || !b)
                    return std::nullopt;
                return ref.name == u"min" ? std::min(*a, *b) : std::max(*a, *b);
            }
        } else {
            fail(QStringLiteral("unexpected '%1'").arg(c));
            return std::nullopt;
        }
        if (!m_error.isEmpty())
            return std::nullopt;
        const std::optional<double> v = m_resolve(ref);
        if (!v)
            m_unresolved = true;
        return v;
    }

    QString m_text;
    Resolver m_resolve;
    int m_pos = 0;
    bool m_unresolved = false;
    QString m_error;
};

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

QStringList listOfText(const Value *v)
{
    QStringList out;
    if (!v)
        return out;
    if (v->isScalar())
        out << v->text();
    for (const Value &item : v->items())
        out << item.text();
    return out;
}

QString textOf(const Value &script, const char *key)
{
    const Value *v = script.find(QLatin1String(key));
    return v ? v->text() : QString();
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

// ---- Checking the file ------------------------------------------------------------------

const QStringList ScriptKeys = {QStringLiteral("when"),     QStringLiteral("title"),    QStringLiteral("explanation"),
                                QStringLiteral("watch"),    QStringLiteral("focus"),    QStringLiteral("expect"),
                                QStringLiteral("duration"), QStringLiteral("seed"),     QStringLiteral("account-concurrency"),
                                QStringLiteral("sources"),  QStringLiteral("functions")};
const QStringList SourceKeys = {QStringLiteral("count"),          QStringLiteral("rate"), QStringLiteral("pattern"),
                                QStringLiteral("start"),          QStringLiteral("stop"), QStringLiteral("duplicate-rate"),
                                QStringLiteral("keys"),           QStringLiteral("shards")};
const QStringList FunctionKeys = {QStringLiteral("duration-ms"), QStringLiteral("error-rate"),
                                  QStringLiteral("poison-every"), QStringLiteral("emits"),
                                  QStringLiteral("outage"),       QStringLiteral("throttle")};

std::optional<double> anyDesignValue(const Reference &r)
{
    return r.bare ? std::nullopt : std::optional<double>(1);
}

QString checkNumberField(const Value &v)
{
    if (!v.isScalar())
        return QStringLiteral("expected a number or an expression");
    if (v.toNumber())
        return {};
    std::optional<double> out;
    Expression e(v.text(), [](const Reference &r) { return anyDesignValue(r); });
    if (!e.number(&out))
        return e.error();
    if (!out)
        return QStringLiteral("'%1': only $placeholder.Property references are allowed here").arg(v.text());
    return {};
}

QString checkText(const QString &text)
{
    int pos = 0;
    while ((pos = int(text.indexOf(u'{', pos))) >= 0) {
        const int close = int(text.indexOf(u'}', pos));
        if (close < 0)
            return QStringLiteral("unclosed '{' in text");
        std::optional<double> out;
        Expression e(text.mid(pos + 1, close - pos - 1), [](const Reference &r) { return anyDesignValue(r); });
        if (!e.number(&out))
            return e.error();
        pos = close + 1;
    }
    return {};
}

QString checkKeys(const Value &map, const QStringList &allowed, const QString &where)
{
    if (!map.isMap())
        return QStringLiteral("%1 must be a map").arg(where);
    for (const MapEntry &e : map.entries()) {
        if (!allowed.contains(e.key))
            return QStringLiteral("unknown key '%1' in %2").arg(e.key, where);
    }
    return {};
}

QString checkScript(const Value &script)
{
    if (QString error = checkKeys(script, ScriptKeys, QStringLiteral("a script")); !error.isEmpty())
        return error;
    for (const char *key : {"title", "explanation", "watch", "expect"}) {
        if (!script.find(QLatin1String(key)))
            return QStringLiteral("missing '%1'").arg(QLatin1String(key));
    }
    for (const QString &condition : listOfText(script.find(QStringLiteral("when")))) {
        std::optional<bool> holds;
        Expression e(condition, [](const Reference &r) { return anyDesignValue(r); });
        if (!e.comparison(&holds, nullptr))
            return e.error();
    }
    for (const QString &check : listOfText(script.find(QStringLiteral("expect")))) {
        std::optional<bool> holds;
        QString bad;
        Expression e(check, [&bad](const Reference &r) -> std::optional<double> {
            if (r.bare ? !fateNames().contains(r.name) && r.name != u"injected" : !isStatName(r.name))
                bad = r.name;
            if (!r.bare && r.subject == u"triggers")
                bad = QStringLiteral("$triggers (name one component)");
            return 1;
        });
        if (!e.comparison(&holds, nullptr))
            return e.error();
        if (!bad.isEmpty())
            return QStringLiteral("'%1': unknown figure %2").arg(check, bad);
    }
    for (const char *key : {"title", "explanation", "watch"}) {
        if (QString error = checkText(textOf(script, key)); !error.isEmpty())
            return error;
    }
    for (const char *key : {"duration", "seed", "account-concurrency"}) {
        if (const Value *v = script.find(QLatin1String(key))) {
            if (QString error = checkNumberField(*v); !error.isEmpty())
                return QStringLiteral("%1: %2").arg(QLatin1String(key), error);
        }
    }
    auto checkSubject = [](const QString &key) -> QString {
        if (key.startsWith(u'$') && !placeholderNames().contains(key.mid(1)))
            return QStringLiteral("unknown placeholder %1").arg(key);
        return {};
    };
    if (const Value *sources = script.find(QStringLiteral("sources"))) {
        if (!sources->isMap())
            return QStringLiteral("sources must be a map");
        for (const MapEntry &e : sources->entries()) {
            if (QString error = checkSubject(e.key); !error.isEmpty())
                return error;
            if (QString error = checkKeys(e.value, SourceKeys, QStringLiteral("source %1").arg(e.key)); !error.isEmpty())
                return error;
            for (const MapEntry &f : e.value.entries()) {
                if (f.key == u"pattern") {
                    if (f.value.text() != u"constant" && f.value.text() != u"poisson")
                        return QStringLiteral("pattern must be constant or poisson");
                } else if (QString error = checkNumberField(f.value); !error.isEmpty()) {
                    return QStringLiteral("%1.%2: %3").arg(e.key, f.key, error);
                }
            }
        }
    }
    if (const Value *functions = script.find(QStringLiteral("functions"))) {
        if (!functions->isMap())
            return QStringLiteral("functions must be a map");
        for (const MapEntry &e : functions->entries()) {
            if (QString error = checkSubject(e.key); !error.isEmpty())
                return error;
            if (QString error = checkKeys(e.value, FunctionKeys, QStringLiteral("function %1").arg(e.key));
                !error.isEmpty())
                return error;
            for (const MapEntry &f : e.value.entries()) {
                if (f.key == u"emits") {
                    if (!f.value.toBool())
                        return QStringLiteral("emits must be true or false");
                } else if (f.key == u"outage" || f.key == u"throttle") {
                    const bool pair = f.value.isList() && f.value.items().size() == 2;
                    const bool map = f.value.isMap() && f.value.find(QStringLiteral("start"))
                                     && f.value.find(QStringLiteral("stop"));
                    if (!pair && !map)
                        return QStringLiteral("%1.%2: expected [start, stop] or {start, stop}").arg(e.key, f.key);
                    for (const Value &part : pair ? f.value.items() : std::vector<Value>{*f.value.find(QStringLiteral("start")),
                                                                                         *f.value.find(QStringLiteral("stop"))}) {
                        if (QString error = checkNumberField(part); !error.isEmpty())
                            return QStringLiteral("%1.%2: %3").arg(e.key, f.key, error);
                    }
                } else if (QString error = checkNumberField(f.value); !error.isEmpty()) {
                    return QStringLiteral("%1.%2: %3").arg(e.key, f.key, error);
                }
            }
        }
    }
    return {};
}

} // namespace

bool ShowMeLibrary::load(const QByteArray &yaml, QString *error)
{
    YamlError yamlError;
    const std::optional<YAML::Node> node = parseYaml(yaml, &yamlError);
    std::optional<Value> root;
    if (node)
        root = YamlConverter().convert(*node, &yamlError);
    if (!root) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(yamlError.position.line).arg(yamlError.position.column).arg(yamlError.message);
        return false;
    }
    auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const Value *format = root->find(QStringLiteral("format"));
    if (!format || format->toInteger() != 1)
        return failWith(QStringLiteral("expected 'format: 1'"));
    const Value *rules = root->find(QStringLiteral("rules"));
    if (!rules || !rules->isMap())
        return failWith(QStringLiteral("expected a 'rules' map"));
    std::vector<std::pair<QString, std::vector<Value>>> parsed;
    for (const MapEntry &e : rules->entries()) {
        std::vector<Value> scripts;
        if (e.value.isMap())
            scripts.push_back(e.value);
        else if (e.value.isList())
            scripts = e.value.items();
        if (scripts.empty())
            return failWith(QStringLiteral("%1: expected a script or a list of scripts").arg(e.key));
        for (size_t i = 0; i < scripts.size(); ++i) {
            if (const QString message = checkScript(scripts[i]); !message.isEmpty())
                return failWith(QStringLiteral("%1 (script %2): %3").arg(e.key).arg(i + 1).arg(message));
        }
        parsed.emplace_back(e.key, std::move(scripts));
    }
    m_rules = std::move(parsed);
    return true;
}

QStringList ShowMeLibrary::rules() const
{
    QStringList out;
    for (const auto &[rule, scripts] : m_rules)
        out << rule;
    out.sort();
    return out;
}

const std::vector<Value> *ShowMeLibrary::scripts(const QString &rule) const
{
    for (const auto &[id, scripts] : m_rules) {
        if (id == rule)
            return &scripts;
    }
    return nullptr;
}

const ShowMeLibrary &ShowMeLibrary::builtin()
{
    static const ShowMeLibrary library = [] {
        initShowMeResources();
        ShowMeLibrary l;
        QFile file(QStringLiteral(":/simulation/showme.yaml"));
        QString error;
        if (!file.open(QIODevice::ReadOnly) || !l.load(file.readAll(), &error)) {
            std::fprintf(stderr, "eventwright: built-in showme.yaml: %s\n", qPrintable(error));
            std::abort();
        }
        return l;
    }();
    return library;
}

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

bool hasShowMe(const QString &rule)
{
    return ShowMeLibrary::builtin().scripts(rule) != nullptr;
}

QStringList showMeRules()
{
    return ShowMeLibrary::builtin().rules();
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

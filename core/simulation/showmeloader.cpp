// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/showme.h"
#include "core/simulation/showmescript.h"

#include "core/io/yamlreader.h"

#include <QFile>
#include <QHash>

#include <cstdio>
#include <cstdlib>

// Reading and checking the show-me scripts (resources/simulation/showme.yaml): the names a
// script may use, and every key, expression, placeholder and figure of the file checked once at
// load, so that the interpreter (showme.cpp) meets only well-formed scripts.

static void initShowMeResources()
{
    Q_INIT_RESOURCE(simulation);
}

namespace ew::core::sim {

namespace detail {

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

} // namespace detail

using namespace detail;

namespace {

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

bool hasShowMe(const QString &rule)
{
    return ShowMeLibrary::builtin().scripts(rule) != nullptr;
}

QStringList showMeRules()
{
    return ShowMeLibrary::builtin().rules();
}

} // namespace ew::core::sim

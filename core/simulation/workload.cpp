// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/simulation/workload.h"

#include "core/model/wellknown.h"

#include <QSet>

#include <cmath>
#include <limits>

namespace ew::core::sim {

using namespace wellknown;

const SourceLoad *Workload::source(const QString &id) const
{
    for (const SourceLoad &s : sources)
        if (s.component == id)
            return &s;
    return nullptr;
}

const FunctionBehaviour *Workload::function(const QString &id) const
{
    for (const FunctionBehaviour &f : functions)
        if (f.component == id)
            return &f;
    return nullptr;
}

FunctionBehaviour *Workload::function(const QString &id)
{
    for (FunctionBehaviour &f : functions)
        if (f.component == id)
            return &f;
    return nullptr;
}

namespace {

/// Reads the keys of one map with typed accessors; the first problem wins.
class Reader
{
public:
    Reader(const Value &map, QString where, QString *error)
        : m_map(map), m_where(std::move(where)), m_error(error)
    {
        if (!map.isMap() && !map.isNull())
            fail(QStringLiteral("must be a map of keys"));
    }

    bool ok() const { return m_ok; }

    void fail(const QString &message)
    {
        if (m_ok && m_error)
            *m_error = QStringLiteral("simulation: %1 %2").arg(m_where, message);
        m_ok = false;
    }

    /// A number in [min, max]; false when absent.
    bool number(const QString &key, double min, double max, double *out)
    {
        const Value *v = m_map.find(key);
        if (!v || v->isPlainNull())
            return false;
        const std::optional<double> d = v->isQuoted() ? std::nullopt : v->toNumber();
        if (!d || !std::isfinite(*d)) {
            fail(QStringLiteral("'%1' must be a number, not '%2'").arg(key, v->display()));
            return false;
        }
        if (*d < min || *d > max) {
            fail(QStringLiteral("'%1' must be between %2 and %3, not %4")
                     .arg(key, QString::number(min), QString::number(max), v->display()));
            return false;
        }
        *out = *d;
        return true;
    }

    bool integer(const QString &key, qint64 min, qint64 max, qint64 *out)
    {
        const Value *v = m_map.find(key);
        if (!v || v->isPlainNull())
            return false;
        const std::optional<qint64> i = v->isQuoted() ? std::nullopt : v->toInteger();
        if (!i) {
            fail(QStringLiteral("'%1' must be a whole number, not '%2'").arg(key, v->display()));
            return false;
        }
        if (*i < min || *i > max) {
            fail(QStringLiteral("'%1' must be between %2 and %3, not %4")
                     .arg(key).arg(min).arg(max).arg(*i));
            return false;
        }
        *out = *i;
        return true;
    }

    bool boolean(const QString &key, bool *out)
    {
        const Value *v = m_map.find(key);
        if (!v || v->isPlainNull())
            return false;
        const std::optional<bool> b = v->isQuoted() ? std::nullopt : v->toBool();
        if (!b) {
            fail(QStringLiteral("'%1' must be true or false, not '%2'").arg(key, v->display()));
            return false;
        }
        *out = *b;
        return true;
    }

    bool text(const QString &key, const QStringList &choices, QString *out)
    {
        const Value *v = m_map.find(key);
        if (!v || v->isPlainNull())
            return false;
        if (!v->isScalar() || !choices.contains(v->text())) {
            fail(QStringLiteral("'%1' must be one of %2, not '%3'")
                     .arg(key, choices.join(QStringLiteral(", ")), v->display()));
            return false;
        }
        *out = v->text();
        return true;
    }

    bool window(const QString &key, std::optional<Window> *out)
    {
        const Value *v = m_map.find(key);
        if (!v || v->isPlainNull())
            return false;
        Reader r(*v, QStringLiteral("%1 '%2'").arg(m_where, key), m_error);
        if (!v->isMap()) {
            fail(QStringLiteral("'%1' must be a map with start and stop").arg(key));
            return false;
        }
        Window w;
        r.number(QStringLiteral("start"), 0, 1e9, &w.start);
        if (!r.number(QStringLiteral("stop"), 0, 1e9, &w.stop) && r.ok())
            r.fail(QStringLiteral("needs 'stop'"));
        if (r.ok() && w.stop < w.start)
            r.fail(QStringLiteral("'stop' must not be before 'start'"));
        r.unknownKeys({QStringLiteral("start"), QStringLiteral("stop")});
        if (!r.ok()) {
            m_ok = false;
            return false;
        }
        *out = w;
        return true;
    }

    void unknownKeys(const QStringList &known)
    {
        if (!m_map.isMap())
            return;
        for (const MapEntry &e : m_map.entries()) {
            if (!known.contains(e.key)) {
                fail(QStringLiteral("has an unknown key '%1' (known: %2)")
                         .arg(e.key, known.join(QStringLiteral(", "))));
                return;
            }
        }
    }

private:
    const Value &m_map;
    QString m_where;
    QString *m_error;
    bool m_ok = true;
};

const QStringList SectionKeys = {QStringLiteral("duration"), QStringLiteral("seed"),
                                 QStringLiteral("account-concurrency"), QStringLiteral("sources"),
                                 QStringLiteral("functions")};
const QStringList SourceKeys = {QStringLiteral("count"), QStringLiteral("rate"),
                                QStringLiteral("pattern"), QStringLiteral("start"),
                                QStringLiteral("stop"), QStringLiteral("duplicate-rate"),
                                QStringLiteral("keys"), QStringLiteral("shards"),
                                QStringLiteral("events")};
const QStringList FunctionKeys = {QStringLiteral("duration-ms"), QStringLiteral("error-rate"),
                                  QStringLiteral("poison-every"), QStringLiteral("emits"),
                                  QStringLiteral("outage"), QStringLiteral("throttle"),
                                  QStringLiteral("unavailable")};

Value num(double v)
{
    return v == std::floor(v) && std::abs(v) < 1e15 ? Value::integer(qint64(v)) : Value::number(v);
}

Value windowValue(const Window &w)
{
    Value m = Value::map();
    m.set(QStringLiteral("start"), num(w.start));
    m.set(QStringLiteral("stop"), num(w.stop));
    return m;
}

} // namespace

std::optional<Workload> workloadFromValue(const Value &section, QString *error)
{
    Workload w;
    Reader r(section, QStringLiteral("the section"), error);
    r.number(QStringLiteral("duration"), 1, 30 * 86400.0, &w.duration);
    qint64 i = 0;
    if (r.integer(QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &i))
        w.seed = quint64(i);
    if (r.integer(QStringLiteral("account-concurrency"), 1, 1'000'000, &i))
        w.accountConcurrency = int(i);
    r.unknownKeys(SectionKeys);
    if (!r.ok())
        return std::nullopt;

    if (const Value *sources = section.find(QStringLiteral("sources")); sources && !sources->isPlainNull()) {
        if (!sources->isMap()) {
            r.fail(QStringLiteral("'sources' must be a map from component id to its load"));
            return std::nullopt;
        }
        for (const MapEntry &e : sources->entries()) {
            SourceLoad s;
            s.component = e.key;
            Reader sr(e.value, QStringLiteral("source '%1'").arg(e.key), error);
            if (sr.integer(QStringLiteral("count"), 0, 1'000'000'000, &i))
                s.count = i;
            sr.number(QStringLiteral("rate"), 0, 100'000, &s.rate);
            QString pattern;
            if (sr.text(QStringLiteral("pattern"), {QStringLiteral("constant"), QStringLiteral("poisson")},
                        &pattern))
                s.poisson = pattern == u"poisson";
            sr.number(QStringLiteral("start"), 0, 1e9, &s.start);
            double stop = 0;
            if (sr.number(QStringLiteral("stop"), 0, 1e9, &stop))
                s.stop = stop;
            sr.number(QStringLiteral("duplicate-rate"), 0, 1, &s.duplicateRate);
            if (sr.integer(QStringLiteral("keys"), 1, 1'000'000, &i))
                s.keys = int(i);
            if (sr.integer(QStringLiteral("shards"), 1, 10'000, &i))
                s.shards = int(i);
            if (const Value *events = e.value.find(QStringLiteral("events")); events && !events->isPlainNull()) {
                if (!events->isList() || events->items().empty()) {
                    sr.fail(QStringLiteral("'events' must be a list of maps (what each event looks like)"));
                } else {
                    for (const Value &ev : events->items()) {
                        if (!ev.isMap()) {
                            sr.fail(QStringLiteral("'events' must be a list of maps, not '%1'").arg(ev.display()));
                            break;
                        }
                        s.events.push_back(ev);
                    }
                }
            }
            sr.unknownKeys(SourceKeys);
            if (sr.ok() && s.stop && *s.stop < s.start)
                sr.fail(QStringLiteral("'stop' must not be before 'start'"));
            if (!sr.ok())
                return std::nullopt;
            w.sources.push_back(std::move(s));
        }
    }
    if (const Value *functions = section.find(QStringLiteral("functions")); functions && !functions->isPlainNull()) {
        if (!functions->isMap()) {
            r.fail(QStringLiteral("'functions' must be a map from function id to its behaviour"));
            return std::nullopt;
        }
        for (const MapEntry &e : functions->entries()) {
            FunctionBehaviour f;
            f.component = e.key;
            Reader fr(e.value, QStringLiteral("function '%1'").arg(e.key), error);
            fr.number(QStringLiteral("duration-ms"), 0, 900'000 * 10.0, &f.durationMs);
            fr.number(QStringLiteral("error-rate"), 0, 1, &f.errorRate);
            if (fr.integer(QStringLiteral("poison-every"), 0, 1'000'000'000, &i))
                f.poisonEvery = int(i);
            fr.boolean(QStringLiteral("emits"), &f.emits);
            fr.window(QStringLiteral("outage"), &f.outage);
            fr.window(QStringLiteral("throttle"), &f.throttle);
            fr.window(QStringLiteral("unavailable"), &f.unavailable);
            fr.unknownKeys(FunctionKeys);
            if (!fr.ok())
                return std::nullopt;
            w.functions.push_back(std::move(f));
        }
    }
    return w;
}

Value workloadToValue(const Workload &w)
{
    const Workload d;
    Value section = Value::map();
    if (w.duration != d.duration)
        section.set(QStringLiteral("duration"), num(w.duration));
    if (w.seed != d.seed)
        section.set(QStringLiteral("seed"), Value::integer(qint64(w.seed)));
    if (w.accountConcurrency != d.accountConcurrency)
        section.set(QStringLiteral("account-concurrency"), Value::integer(w.accountConcurrency));
    if (!w.sources.empty()) {
        Value sources = Value::map();
        const SourceLoad ds;
        for (const SourceLoad &s : w.sources) {
            Value m = Value::map();
            if (s.count)
                m.set(QStringLiteral("count"), Value::integer(*s.count));
            if (s.rate != ds.rate)
                m.set(QStringLiteral("rate"), num(s.rate));
            if (s.poisson)
                m.set(QStringLiteral("pattern"), Value::scalar(QStringLiteral("poisson")));
            if (s.start != ds.start)
                m.set(QStringLiteral("start"), num(s.start));
            if (s.stop)
                m.set(QStringLiteral("stop"), num(*s.stop));
            if (s.duplicateRate != ds.duplicateRate)
                m.set(QStringLiteral("duplicate-rate"), num(s.duplicateRate));
            if (s.keys != ds.keys)
                m.set(QStringLiteral("keys"), Value::integer(s.keys));
            if (s.shards)
                m.set(QStringLiteral("shards"), Value::integer(*s.shards));
            if (!s.events.empty())
                m.set(QStringLiteral("events"), Value::list(s.events));
            sources.set(s.component, m);
        }
        section.set(QStringLiteral("sources"), sources);
    }
    if (!w.functions.empty()) {
        Value functions = Value::map();
        const FunctionBehaviour df;
        for (const FunctionBehaviour &f : w.functions) {
            Value m = Value::map();
            if (f.durationMs != df.durationMs)
                m.set(QStringLiteral("duration-ms"), num(f.durationMs));
            if (f.errorRate != df.errorRate)
                m.set(QStringLiteral("error-rate"), num(f.errorRate));
            if (f.poisonEvery != df.poisonEvery)
                m.set(QStringLiteral("poison-every"), Value::integer(f.poisonEvery));
            if (f.emits != df.emits)
                m.set(QStringLiteral("emits"), Value::boolean(f.emits));
            if (f.outage)
                m.set(QStringLiteral("outage"), windowValue(*f.outage));
            if (f.throttle)
                m.set(QStringLiteral("throttle"), windowValue(*f.throttle));
            if (f.unavailable)
                m.set(QStringLiteral("unavailable"), windowValue(*f.unavailable));
            functions.set(f.component, m);
        }
        section.set(QStringLiteral("functions"), functions);
    }
    return section;
}

Workload defaultWorkload(const DiagramData &data)
{
    Workload w;
    w.defaulted = true;
    QSet<QString> seen;
    for (const Connection &c : data.connections) {
        if ((c.role != RoleTrigger && c.role != RoleTarget) || seen.contains(c.from))
            continue;
        seen.insert(c.from);
        SourceLoad s;
        s.component = c.from;
        s.count = 1;
        w.sources.push_back(std::move(s));
    }
    return w;
}

std::optional<Workload> workloadOf(const DiagramData &data, QString *error)
{
    for (const MapEntry &e : data.extra)
        if (e.key == SectionKey)
            return workloadFromValue(e.value, error);
    return defaultWorkload(data);
}

} // namespace ew::core::sim

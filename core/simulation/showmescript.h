// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// The vocabulary of the show-me scripts, shared by their loader (showmeloader.cpp: reading and
// checking resources/simulation/showme.yaml) and their interpreter (showme.cpp: binding a
// script to a design and evaluating its checks on a run). Private to core/simulation.

#include "core/model/value.h"
#include "core/simulation/simulator.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace ew::core::sim::detail {

/// Placeholders a script may use for the diagnostic's subject.
const QStringList &placeholderNames();
/// The fates a check may name, in the order of Result::fates.
const QStringList &fateNames();
/// Figures of ComponentStats a check may name (the contract's JSON names where they exist).
std::optional<double> statValue(const ComponentStats &s, const QString &name);
bool isStatName(const QString &name);

/// A script's field as a list of texts (a scalar is a list of one).
QStringList listOfText(const Value *v);
/// A script's text field, or empty.
QString textOf(const Value &script, const char *key);

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

} // namespace ew::core::sim::detail

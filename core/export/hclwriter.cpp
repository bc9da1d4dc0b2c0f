// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/export/hclwriter.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace ew::core {

namespace {

constexpr int InlineListWidth = 80;   // a flat list longer than this goes over several lines
constexpr int InlineObjectWidth = 70; // a one-field object longer than this, too

QString indent(int level)
{
    return QString(level * 2, QLatin1Char(' '));
}

QString commentLines(const QString &comment, int level)
{
    QString out;
    for (const QString &l : comment.split(QLatin1Char('\n'))) {
        const QString t = l.trimmed();
        out += indent(level) + (t.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + t)
               + QLatin1Char('\n');
    }
    return out;
}

} // namespace

HclExpr HclExpr::raw(const QString &text)
{
    HclExpr e;
    e.m_kind = Kind::Raw;
    e.m_text = text;
    return e;
}

HclExpr HclExpr::string(const QString &text)
{
    return raw(HclWriter::quote(text));
}

HclExpr HclExpr::integer(qint64 value)
{
    return raw(QString::number(value));
}

HclExpr HclExpr::boolean(bool value)
{
    return raw(value ? QStringLiteral("true") : QStringLiteral("false"));
}

HclExpr HclExpr::null()
{
    return raw(QStringLiteral("null"));
}

HclExpr HclExpr::list(std::vector<HclExpr> items)
{
    HclExpr e;
    e.m_kind = Kind::List;
    e.m_items = std::move(items);
    return e;
}

HclExpr HclExpr::strings(const QStringList &texts)
{
    HclExpr e = list();
    for (const QString &t : texts)
        e.append(string(t));
    return e;
}

HclExpr HclExpr::object()
{
    HclExpr e;
    e.m_kind = Kind::Object;
    return e;
}

HclExpr HclExpr::call(const QString &function, HclExpr argument)
{
    HclExpr e;
    e.m_kind = Kind::Call;
    e.m_text = function;
    e.m_items.push_back(std::move(argument));
    return e;
}

HclExpr HclExpr::fromValue(const Value &value)
{
    switch (value.type()) {
    case Value::Type::Null:
        return null();
    case Value::Type::List: {
        HclExpr e = list();
        for (const Value &item : value.items())
            e.append(fromValue(item));
        return e;
    }
    case Value::Type::Map: {
        HclExpr e = object();
        for (const MapEntry &entry : value.entries())
            e.add(entry.key, fromValue(entry.value));
        return e;
    }
    case Value::Type::Scalar:
        break;
    }
    if (value.isQuoted())
        return string(value.text());
    if (value.isPlainNull())
        return null();
    if (const std::optional<bool> b = value.toBool())
        return boolean(*b);
    if (const std::optional<qint64> i = value.toInteger())
        return integer(*i);
    if (const std::optional<double> d = value.toNumber()) {
        if (std::isfinite(*d))
            return raw(QString::number(*d, 'g', QLocale::FloatingPointShortest));
    }
    return string(value.text());
}

HclExpr &HclExpr::add(const QString &key, HclExpr value)
{
    Q_ASSERT(m_kind == Kind::Object);
    m_fields.emplace_back(key, std::move(value));
    return *this;
}

HclExpr &HclExpr::append(HclExpr item)
{
    Q_ASSERT(m_kind == Kind::List);
    m_items.push_back(std::move(item));
    return *this;
}

HclExpr &HclExpr::withComment(const QString &comment)
{
    m_comment = comment;
    return *this;
}

bool HclExpr::isEmpty() const
{
    return (m_kind == Kind::List && m_items.empty()) || (m_kind == Kind::Object && m_fields.empty());
}

bool HclExpr::isInline() const
{
    switch (m_kind) {
    case Kind::Raw:
        return true;
    case Kind::Call:
        return m_items.front().isInline();
    case Kind::List:
        for (const HclExpr &item : m_items) {
            if (item.m_kind != Kind::Raw || !item.m_comment.isEmpty())
                return false;
        }
        return renderInline().size() <= InlineListWidth;
    case Kind::Object:
        if (m_fields.empty())
            return true;
        return m_fields.size() == 1 && m_fields.front().second.isInline()
               && m_fields.front().second.m_comment.isEmpty()
               && renderInline().size() <= InlineObjectWidth;
    }
    return true;
}

QString HclExpr::renderInline() const
{
    switch (m_kind) {
    case Kind::Raw:
        return m_text;
    case Kind::Call:
        return m_text + QLatin1Char('(') + m_items.front().renderInline() + QLatin1Char(')');
    case Kind::List: {
        QStringList parts;
        for (const HclExpr &item : m_items)
            parts << item.renderInline();
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Kind::Object:
        if (m_fields.empty())
            return QStringLiteral("{}");
        return QStringLiteral("{ ") + HclWriter::key(m_fields.front().first) + QStringLiteral(" = ")
               + m_fields.front().second.renderInline() + QStringLiteral(" }");
    }
    return m_text;
}

QString HclExpr::render(int level) const
{
    if (isInline())
        return renderInline();
    switch (m_kind) {
    case Kind::Raw:
        return m_text;
    case Kind::Call:
        return m_text + QLatin1Char('(') + m_items.front().render(level) + QLatin1Char(')');
    case Kind::List: {
        QString out = QStringLiteral("[\n");
        for (const HclExpr &item : m_items) {
            if (!item.m_comment.isEmpty())
                out += commentLines(item.m_comment, level + 1);
            out += indent(level + 1) + item.render(level + 1) + QStringLiteral(",\n");
        }
        return out + indent(level) + QLatin1Char(']');
    }
    case Kind::Object: {
        QString out = QStringLiteral("{\n");
        for (const auto &[key, value] : m_fields) {
            if (!value.m_comment.isEmpty())
                out += commentLines(value.m_comment, level + 1);
            out += indent(level + 1) + HclWriter::key(key) + QStringLiteral(" = ")
                   + value.render(level + 1) + QLatin1Char('\n');
        }
        return out + indent(level) + QLatin1Char('}');
    }
    }
    return m_text;
}

// ---------------------------------------------------------------------------------------------

void HclWriter::line(const QString &text)
{
    m_text += (text.isEmpty() ? QString() : indent(m_depth) + text) + QLatin1Char('\n');
}

void HclWriter::comment(const QString &text)
{
    m_text += commentLines(text, m_depth);
}

void HclWriter::blank()
{
    if (m_text.isEmpty() || m_text.endsWith(QStringLiteral("\n\n")) || m_text.endsWith(QStringLiteral("{\n")))
        return;
    // A comment belongs to what follows it.
    const qsizetype start = m_text.lastIndexOf(QLatin1Char('\n'), m_text.size() - 2) + 1;
    if (QStringView(m_text).mid(start).trimmed().startsWith(QLatin1Char('#')))
        return;
    m_text += QLatin1Char('\n');
}

void HclWriter::separate()
{
    if (!m_text.isEmpty() && !m_text.endsWith(QStringLiteral("\n\n")))
        m_text += QLatin1Char('\n');
}

void HclWriter::open(const QString &type, const QStringList &labels)
{
    QString head = type;
    for (const QString &l : labels)
        head += QLatin1Char(' ') + quote(l);
    line(head + QStringLiteral(" {"));
    ++m_depth;
}

void HclWriter::close()
{
    Q_ASSERT(m_depth > 0);
    --m_depth;
    if (m_text.endsWith(QStringLiteral(" {\n"))) {   // an empty block: `name {}`
        m_text.chop(1);
        m_text += QStringLiteral("}\n");
        return;
    }
    line(QStringLiteral("}"));
}

namespace {

/// Where the line's argument `=` is (-1 when the line is not a one-line argument): the first
/// `=` outside strings, preceded by a name, with the brackets after it balanced on the line.
qsizetype assignment(QStringView line)
{
    enum class Mode { Code, String };
    std::vector<Mode> stack{Mode::Code};
    std::vector<int> braces{0};   // open braces of each code level, to find the end of ${...}
    qsizetype equals = -1;
    int net = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        const QChar next = i + 1 < line.size() ? line.at(i + 1) : QChar();
        const QChar third = i + 2 < line.size() ? line.at(i + 2) : QChar();
        if (stack.back() == Mode::String) {
            const bool templateChar = c == QLatin1Char('$') || c == QLatin1Char('%');
            if (c == QLatin1Char('\\')) {
                ++i;
            } else if (templateChar && next == c && third == QLatin1Char('{')) {
                i += 2;   // $${ / %%{: literal text
            } else if (templateChar && next == QLatin1Char('{')) {
                stack.push_back(Mode::Code);
                braces.push_back(0);
                ++i;
            } else if (c == QLatin1Char('"')) {
                stack.pop_back();
                braces.pop_back();
            }
            continue;
        }
        if (c == QLatin1Char('#'))
            break;
        if (c == QLatin1Char('"')) {
            stack.push_back(Mode::String);
            braces.push_back(0);
        } else if (c == QLatin1Char('}') && stack.size() > 1 && braces.back() == 0) {
            stack.pop_back();   // the end of an interpolation
            braces.pop_back();
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[') || c == QLatin1Char('(')) {
            if (c == QLatin1Char('{'))
                ++braces.back();
            if (equals >= 0)
                ++net;
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']') || c == QLatin1Char(')')) {
            if (c == QLatin1Char('}'))
                --braces.back();
            if (equals >= 0)
                --net;
        } else if (c == QLatin1Char('=') && equals < 0 && stack.size() == 1) {
            const QChar prev = i > 0 ? line.at(i - 1) : QChar();
            if (next == QLatin1Char('=') || next == QLatin1Char('>') || prev == QLatin1Char('=')
                || prev == QLatin1Char('!') || prev == QLatin1Char('<') || prev == QLatin1Char('>'))
                continue;
            if (line.left(i).trimmed().isEmpty())
                return -1;
            equals = i;
        }
    }
    return equals >= 0 && net == 0 ? equals : -1;
}

qsizetype leadWidth(QStringView line, qsizetype equals)
{
    qsizetype n = equals;
    while (n > 0 && line.at(n - 1) == QLatin1Char(' '))
        --n;
    return n;
}

} // namespace

QString HclWriter::align(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    std::vector<qsizetype> at;
    at.reserve(size_t(lines.size()));
    for (const QString &l : lines)
        at.push_back(assignment(l));
    size_t i = 0;
    while (i < at.size()) {
        if (at[i] < 0) {
            ++i;
            continue;
        }
        size_t end = i;
        qsizetype width = 0;
        for (; end < at.size() && at[end] >= 0; ++end)
            width = std::max(width, leadWidth(lines.at(qsizetype(end)), at[end]));
        for (size_t k = i; k < end; ++k) {
            QString &l = lines[qsizetype(k)];
            const qsizetype lead = leadWidth(l, at[k]);
            l = l.left(lead) + QString(width - lead + 1, QLatin1Char(' ')) + l.mid(at[k]);
        }
        i = end;
    }
    return lines.join(QLatin1Char('\n'));
}

void HclWriter::attr(const QString &name, const HclExpr &value)
{
    line(name + QStringLiteral(" = ") + value.render(m_depth));
}

QString HclWriter::escape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\\\"); break;
        case '"': out += QStringLiteral("\\\""); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '$':
        case '%':
            out += c;
            if (next == QLatin1Char('{'))
                out += c;   // $${ and %%{ are the literal forms of ${ and %{
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out;
}

QString HclWriter::quote(const QString &text)
{
    return QLatin1Char('"') + escape(text) + QLatin1Char('"');
}

QString HclWriter::key(const QString &name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    static const QStringList keywords = {QStringLiteral("true"), QStringLiteral("false"),
                                         QStringLiteral("null"), QStringLiteral("for"),
                                         QStringLiteral("in"), QStringLiteral("if")};
    if (identifier.match(name).hasMatch() && !keywords.contains(name))
        return name;
    return quote(name);
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/yamlwriter.h"

namespace ew::core {

static bool isIndicator(QChar c)
{
    return QStringLiteral("-?:,[]{}#&*!|>'\"%@`").contains(c);
}

bool YamlWriter::isPlainSafe(const QString &text)
{
    if (text.isEmpty() || text.front().isSpace() || text.back().isSpace())
        return false;
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0xFEFF))
            return false;
    }
    const QChar first = text.front();
    if (isIndicator(first)) {
        // "-1", "-x", "?x" and ":x" are plain; "- x", "-", ": " and the rest are not.
        const bool dashLike = first == u'-' || first == u'?' || first == u':';
        if (!dashLike || text.size() < 2 || text.at(1).isSpace())
            return false;
    }
    if (text.contains(QStringLiteral(": ")) || text.contains(QStringLiteral(" #"))
        || text.endsWith(QLatin1Char(':')))
        return false;
    if (text == u"---" || text == u"...")
        return false;
    return true;
}

QString YamlWriter::doubleQuoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0xFEFF))
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString YamlWriter::scalarText(const Value &scalar)
{
    if (scalar.isNull())
        return QStringLiteral("null");
    const QString &t = scalar.text();
    if (!scalar.isQuoted() && isPlainSafe(t))
        return t;
    return doubleQuoted(t);
}

QString YamlWriter::keyText(const QString &key)
{
    const Value asPlain = Value::scalar(key);
    if (isPlainSafe(key) && !asPlain.toBool() && !asPlain.toNumber() && !asPlain.isPlainNull())
        return key;
    return doubleQuoted(key);
}

static bool suitsLiteralBlock(const QString &text)
{
    if (!text.contains(QLatin1Char('\n')) || text.front().isSpace())
        return false;
    for (QChar c : text) {
        if ((c.unicode() < 0x20 && c != u'\n' && c != u'\t') || c.unicode() == 0x7f)
            return false;
    }
    // A line that starts with a space after a blank line would need an indentation indicator;
    // trailing spaces survive in literal blocks, so only these cases fall back to quotes.
    return !text.contains(QStringLiteral("\n "));
}

void YamlWriter::writeAfterIndicator(QString &out, const Value &value, int childIndent) const
{
    switch (value.type()) {
    case Value::Type::Null:
        out += QStringLiteral(" null\n");
        return;
    case Value::Type::Scalar:
        if (suitsLiteralBlock(value.text())) {
            const QString &t = value.text();
            QString body = t;
            QString chomp;
            if (!t.endsWith(QLatin1Char('\n'))) {
                chomp = QStringLiteral("-");
            } else if (t.endsWith(QStringLiteral("\n\n"))) {
                chomp = QStringLiteral("+");
            }
            if (body.endsWith(QLatin1Char('\n')))
                body.chop(1);
            out += QStringLiteral(" |") + chomp + QLatin1Char('\n');
            const QString pad(childIndent, QLatin1Char(' '));
            for (const QString &line : body.split(QLatin1Char('\n'))) {
                if (!line.isEmpty())
                    out += pad + line;
                out += QLatin1Char('\n');
            }
            return;
        }
        out += QLatin1Char(' ') + scalarText(value) + QLatin1Char('\n');
        return;
    case Value::Type::List:
        if (value.items().empty()) {
            out += QStringLiteral(" []\n");
            return;
        }
        out += QLatin1Char('\n');
        writeBlock(out, value, childIndent);
        return;
    case Value::Type::Map:
        if (value.entries().empty()) {
            out += QStringLiteral(" {}\n");
            return;
        }
        out += QLatin1Char('\n');
        writeBlock(out, value, childIndent);
        return;
    }
}

void YamlWriter::writeEntry(QString &out, const QString &key, const Value &value, int indent) const
{
    out += QString(indent, QLatin1Char(' ')) + keyText(key) + QLatin1Char(':');
    writeAfterIndicator(out, value, indent + 2);
}

void YamlWriter::writeBlock(QString &out, const Value &value, int indent) const
{
    if (value.isMap()) {
        for (const MapEntry &e : value.entries())
            writeEntry(out, e.key, e.value, indent);
        return;
    }
    if (!value.isList())
        return;
    for (const Value &item : value.items()) {
        const bool nestedBlock = (item.isMap() && !item.entries().empty())
                                 || (item.isList() && !item.items().empty());
        if (nestedBlock) {
            // Write the nested block two columns deeper, then put the dash into the first
            // line's indentation: "- key: v" / "  key2: v".
            QString nested;
            writeBlock(nested, item, indent + 2);
            nested.replace(indent, 2, QStringLiteral("- "));
            out += nested;
        } else {
            out += QString(indent, QLatin1Char(' ')) + QLatin1Char('-');
            writeAfterIndicator(out, item, indent + 2);
        }
    }
}

} // namespace ew::core

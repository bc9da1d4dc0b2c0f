// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/codehighlighter.h"

#include <QRegularExpression>
#include <QTextBlockUserData>
#include <QTextDocument>

#include <cmath>

namespace ew::ui {

namespace {

// Block states. -1 (Qt's default) and 0 mean "nothing open at the end of the line".
constexpr int HclBlockComment = 1;
constexpr int HclHeredoc = 2;
constexpr int MarkdownMermaidFence = 1;
constexpr int MarkdownOtherFence = 2;
// YAML: state YamlScalar + n is "inside a block scalar whose key is indented by n".
constexpr int YamlScalar = 1;

/// The closing marker of an open HCL heredoc, carried from line to line.
class HeredocData final : public QTextBlockUserData
{
public:
    explicit HeredocData(QString text) : marker(std::move(text)) {}
    QString marker;
};

qreal luminance(const QColor &c)
{
    auto channel = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

qreal contrast(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// A colour of this hue that reads on base (WCAG AA for normal text), lighter on a dark base
/// and darker on a light one.
QColor readable(int hue, int saturation, const QColor &base, const QColor &fallback)
{
    const bool dark = base.lightnessF() < 0.5;
    for (int l = dark ? 150 : 120; dark ? l <= 240 : l >= 10; l += dark ? 6 : -6) {
        const QColor c = QColor::fromHsl(hue, saturation, l);
        if (contrast(c, base) >= 4.5)
            return c;
    }
    return fallback;
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

int indentOf(const QString &text)
{
    int i = 0;
    while (i < text.size() && text[i] == u' ')
        ++i;
    return i;
}

} // namespace

CodeHighlighter::CodeHighlighter(Language language, QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_language(language)
{
    setPalette(QPalette());
}

CodeHighlighter::Language CodeHighlighter::languageForExporter(const QString &exporterId)
{
    if (exporterId == u"sam" || exporterId.startsWith(u"cloudformation"))
        return Language::Yaml;
    if (exporterId == u"terraform")
        return Language::Hcl;
    if (exporterId == u"mermaid")
        return Language::Mermaid;
    if (exporterId.startsWith(u"mermaid-"))
        return Language::Markdown;   // sequence diagrams: Markdown with fenced Mermaid
    return Language::Plain;
}

void CodeHighlighter::setPalette(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    auto fmt = [](const QColor &colour, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(colour);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    // The comment colour sits between text and base but keeps a contrast of at least 3.5.
    QColor comment = mix(text, base, 0.45);
    for (qreal t = 0.4; t > 0 && contrast(comment, base) < 3.5; t -= 0.05)
        comment = mix(text, base, t);

    m_formats[size_t(Token::Key)] = fmt(readable(212, 170, base, text));
    m_formats[size_t(Token::String)] = fmt(readable(130, 150, base, text));
    m_formats[size_t(Token::Number)] = fmt(readable(28, 200, base, text));
    m_formats[size_t(Token::Comment)] = fmt(comment, false, true);
    m_formats[size_t(Token::Tag)] = fmt(readable(300, 150, base, text));
    m_formats[size_t(Token::Keyword)] = fmt(readable(265, 140, base, text), true);
    m_formats[size_t(Token::Arrow)] = fmt(readable(350, 170, base, text), true);
    m_formats[size_t(Token::Label)] = fmt(readable(45, 170, base, text));
    m_formats[size_t(Token::Heading)] = fmt(readable(212, 170, base, text), true);
    rehighlight();
}

void CodeHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(0);
    switch (m_language) {
    case Language::Yaml: highlightYaml(text); break;
    case Language::Hcl: highlightHcl(text); break;
    case Language::Mermaid: highlightMermaid(text, 0); break;
    case Language::Markdown: highlightMarkdown(text); break;
    case Language::Plain: break;
    }
}

int CodeHighlighter::highlightStringsAndComment(const QString &text, int from, bool hashComments,
                                                bool slashComments)
{
    const bool yaml = m_language == Language::Yaml;
    for (int i = from; i < text.size(); ++i) {
        const QChar c = text[i];
        if (hashComments && c == u'#' && (!yaml || i == 0 || text[i - 1].isSpace())) {
            apply(i, int(text.size()) - i, Token::Comment);
            return i;
        }
        if (slashComments && c == u'/' && i + 1 < text.size() && text[i + 1] == u'/') {
            apply(i, int(text.size()) - i, Token::Comment);
            return i;
        }
        if (slashComments && c == u'/' && i + 1 < text.size() && text[i + 1] == u'*') {
            const int end = int(text.indexOf(QStringLiteral("*/"), i + 2));
            if (end < 0) {
                apply(i, int(text.size()) - i, Token::Comment);
                setCurrentBlockState(HclBlockComment);
                return i;
            }
            apply(i, end + 2 - i, Token::Comment);
            i = end + 1;
            continue;
        }
        // In YAML a quote opens a string only where a scalar starts ("Lambda's" is plain text).
        const bool quote = c == u'"' || (yaml && c == u'\'');
        if (!quote)
            continue;
        if (yaml) {
            int p = i - 1;
            while (p >= 0 && text[p].isSpace())
                --p;
            if (p >= 0 && !QStringLiteral(":-[{,?").contains(text[p]))
                continue;
        }
        int j = i + 1;
        while (j < text.size()) {
            if (c == u'"' && text[j] == u'\\') {
                j += 2;
                continue;
            }
            if (text[j] == c) {
                if (c == u'\'' && j + 1 < text.size() && text[j + 1] == u'\'') {   // '' escapes '
                    j += 2;
                    continue;
                }
                break;
            }
            ++j;
        }
        const int end = int(std::min<qsizetype>(j + 1, text.size()));
        apply(i, end - i, Token::String);
        if (m_language == Language::Hcl) {
            // Interpolations inside a string: ${var.name}, %{ if … }.
            static const QRegularExpression interpolation(QStringLiteral(R"([$%]\{[^}]*\}?)"));
            auto it = interpolation.globalMatch(text.mid(i, end - i));
            while (it.hasNext()) {
                const auto m = it.next();
                apply(i + int(m.capturedStart()), int(m.capturedLength()), Token::Tag);
            }
        }
        i = end - 1;
    }
    return -1;
}

void CodeHighlighter::highlightYaml(const QString &text)
{
    const int indent = indentOf(text);
    if (const int state = previousBlockState(); state >= YamlScalar) {
        const int parent = state - YamlScalar;
        if (text.trimmed().isEmpty() || indent > parent) {
            apply(0, int(text.size()), Token::String);
            setCurrentBlockState(state);
            return;
        }
    }
    if (text.startsWith(QStringLiteral("---")) || text.startsWith(QStringLiteral("..."))) {
        apply(0, 3, Token::Keyword);
        return;
    }
    const int comment = highlightStringsAndComment(text, 0, true, false);
    const QString code = comment >= 0 ? text.left(comment) : text;

    static const QRegularExpression keyRe(QStringLiteral(
        R"(^(\s*(?:-\s+)*)((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,\[\]{}|>!&*][^#]*?))\s*:(?=\s|$))"));
    int valueStart = indent;
    if (const auto m = keyRe.match(code); m.hasMatch()) {
        apply(int(m.capturedStart(2)), int(m.capturedLength(2)), Token::Key);
        valueStart = int(m.capturedEnd(0));
    } else {
        static const QRegularExpression dashes(QStringLiteral(R"(^\s*(?:-\s+)+)"));
        if (const auto d = dashes.match(code); d.hasMatch())
            valueStart = int(d.capturedEnd(0));
    }

    // Tags (!Ref, !GetAtt, !Sub, !!str) and anchors/aliases, outside strings and comments.
    static const QRegularExpression tagRe(QStringLiteral(R"((?<![\w"'])(?:!{1,2}[\w.:/-]*|[&*][\w-]+))"));
    for (auto it = tagRe.globalMatch(code); it.hasNext();) {
        const auto m = it.next();
        if (format(int(m.capturedStart())) == QTextCharFormat())
            apply(int(m.capturedStart()), int(m.capturedLength()), Token::Tag);
    }

    // The scalar value after the key or the list dash: a number, a literal, or a block scalar.
    if (valueStart < code.size()) {
        static const QRegularExpression tagPrefix(QStringLiteral(R"(^(?:!{1,2}[\w.:/-]*\s+)?)"));
        int start = valueStart;
        while (start < code.size() && code[start].isSpace())
            ++start;
        QString value = code.mid(start).trimmed();
        const auto tag = tagPrefix.match(value);
        start += int(tag.capturedLength());
        value = value.mid(tag.capturedLength());
        static const QRegularExpression number(QStringLiteral(
            R"(^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^[-+]?\.(?:inf|Inf|INF)$)"));
        static const QRegularExpression literal(QStringLiteral(
            R"(^(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~|yes|no|on|off)$)"));
        static const QRegularExpression blockScalar(QStringLiteral(R"(^[|>][-+]?\d*$)"));
        if (number.match(value).hasMatch())
            apply(start, int(value.size()), Token::Number);
        else if (literal.match(value).hasMatch())
            apply(start, int(value.size()), Token::Keyword);
        else if (blockScalar.match(value).hasMatch()) {
            apply(start, int(value.size()), Token::Tag);
            const auto m = keyRe.match(code);
            const int keyIndent = m.hasMatch() ? int(m.capturedStart(2)) : indent;
            setCurrentBlockState(YamlScalar + keyIndent);
        }
    }
}

void CodeHighlighter::highlightHcl(const QString &text)
{
    int from = 0;
    if (previousBlockState() == HclBlockComment) {
        const int end = int(text.indexOf(QStringLiteral("*/")));
        if (end < 0) {
            apply(0, int(text.size()), Token::Comment);
            setCurrentBlockState(HclBlockComment);
            return;
        }
        apply(0, end + 2, Token::Comment);
        from = end + 2;
    } else if (previousBlockState() == HclHeredoc) {
        const auto *data = static_cast<HeredocData *>(currentBlock().previous().userData());
        const QString marker = data ? data->marker : QString();
        if (text.trimmed() == marker) {
            apply(0, int(text.size()), Token::Keyword);
            return;
        }
        apply(0, int(text.size()), Token::String);
        setCurrentBlockUserData(new HeredocData(marker));
        setCurrentBlockState(HclHeredoc);
        return;
    }
    const int comment = highlightStringsAndComment(text, from, true, true);
    const QString code = comment >= 0 ? text.left(comment) : text;
    auto isFree = [&](qsizetype at) { return format(int(at)) == QTextCharFormat(); };

    // A block: `resource "aws_sqs_queue" "orders" {`, `terraform {`, `required_providers {`.
    static const QRegularExpression blockRe(
        QStringLiteral(R"(^\s*([A-Za-z_][\w-]*)(?=(?:\s+"[^"]*")*\s*\{))"));
    if (const auto m = blockRe.match(code); m.hasMatch() && from == 0)
        apply(int(m.capturedStart(1)), int(m.capturedLength(1)), Token::Keyword);
    // An attribute or object key: `name = …`, `source  = …`.
    static const QRegularExpression attributeRe(QStringLiteral(R"(^\s*([A-Za-z_][\w-]*)\s*=(?!=))"));
    if (const auto m = attributeRe.match(code); m.hasMatch() && isFree(m.capturedStart(1)))
        apply(int(m.capturedStart(1)), int(m.capturedLength(1)), Token::Key);

    static const QRegularExpression wordRe(QStringLiteral(
        R"(\b(?:true|false|null|for|in|if|else|endif|endfor)\b|(?<![\w.])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b)"));
    for (auto it = wordRe.globalMatch(code); it.hasNext();) {
        const auto m = it.next();
        if (!isFree(m.capturedStart()))
            continue;
        apply(int(m.capturedStart()), int(m.capturedLength()),
              m.captured().front().isDigit() ? Token::Number : Token::Keyword);
    }

    static const QRegularExpression heredocRe(QStringLiteral(R"(<<-?([A-Za-z_]\w*)\s*$)"));
    if (const auto m = heredocRe.match(code); m.hasMatch() && isFree(m.capturedStart())) {
        apply(int(m.capturedStart()), int(m.capturedLength()), Token::Keyword);
        setCurrentBlockUserData(new HeredocData(m.captured(1)));
        setCurrentBlockState(HclHeredoc);
    }
}

void CodeHighlighter::highlightMermaid(const QString &text, int from)
{
    const QString line = text.mid(from);
    const QString trimmed = line.trimmed();
    if (trimmed == u"---") {   // front matter fences
        apply(from, int(line.size()), Token::Keyword);
        return;
    }
    // %% comments (outside strings), then strings.
    int commentAt = -1;
    for (int i = from, inString = 0; i + 1 < text.size(); ++i) {
        if (text[i] == u'"')
            inString = !inString;
        if (!inString && text[i] == u'%' && text[i + 1] == u'%') {
            commentAt = i;
            break;
        }
    }
    const int end = commentAt >= 0 ? commentAt : int(text.size());
    if (commentAt >= 0)
        apply(commentAt, int(text.size()) - commentAt, Token::Comment);
    const QString code = text.left(end);
    auto isFree = [&](qsizetype at) { return format(int(at)) == QTextCharFormat(); };
    auto each = [&](const QRegularExpression &re, int group, Token token) {
        for (auto it = re.globalMatch(code, from); it.hasNext();) {
            const auto m = it.next();
            if (m.capturedLength(group) > 0 && isFree(m.capturedStart(group)))
                apply(int(m.capturedStart(group)), int(m.capturedLength(group)), token);
        }
    };

    // Edge labels |…| and message/note texts after "X: ", before the strings inside them.
    static const QRegularExpression edgeLabel(QStringLiteral(R"(\|[^|]*\|)"));
    each(edgeLabel, 0, Token::Label);
    static const QRegularExpression stringRe(QStringLiteral(R"("[^"]*"?)"));
    for (auto it = stringRe.globalMatch(code, from); it.hasNext();) {
        const auto m = it.next();
        apply(int(m.capturedStart()), int(m.capturedLength()), Token::String);
    }

    static const QRegularExpression keywordRe(QStringLiteral(
        R"(^\s*(flowchart|graph|subgraph|end|sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|)"
        R"(erDiagram|participant|actor|loop|alt|else|opt|par|and|rect|critical|break|box|)"
        R"(Note|note|classDef|class|style|linkStyle|direction|click|accTitle|accDescr|title|)"
        R"(activate|deactivate|autonumber|create|destroy)\b)"));
    const auto keyword = keywordRe.match(code, from);
    const QString word = keyword.captured(1);
    if (keyword.hasMatch()) {
        apply(int(keyword.capturedStart(1)), int(keyword.capturedLength(1)), Token::Keyword);
        const int rest = int(keyword.capturedEnd(1));
        static const QRegularExpression directions(QStringLiteral(R"(\b(LR|RL|TB|TD|BT)\b)"));
        static const QRegularExpression placement(QStringLiteral(R"(\b(over|left of|right of)\b)"));
        static const QRegularExpression alias(QStringLiteral(R"(\s(as)\s)"));
        static const QStringList blocks{QStringLiteral("loop"), QStringLiteral("alt"), QStringLiteral("else"),
                                        QStringLiteral("opt"), QStringLiteral("par"), QStringLiteral("and"),
                                        QStringLiteral("critical"), QStringLiteral("break"),
                                        QStringLiteral("rect"), QStringLiteral("box")};
        auto first = [&](const QRegularExpression &re) {
            if (const auto m = re.match(code, rest); m.hasMatch() && isFree(m.capturedStart(1)))
                apply(int(m.capturedStart(1)), int(m.capturedLength(1)), Token::Keyword);
        };
        if (word == u"flowchart" || word == u"graph" || word == u"direction")
            first(directions);
        else if (word.compare(u"note", Qt::CaseInsensitive) == 0)
            first(placement);
        else if (word == u"participant" || word == u"actor")
            first(alias);
        else if (blocks.contains(word)) {
            // The condition or title of a block (loop until…, alt the function fails).
            for (int i = rest; i < code.size(); ++i) {
                if (isFree(i) && !code[i].isSpace())
                    apply(i, 1, Token::Label);
            }
        }
    }
    // "Note over a: text", "accTitle: text", "title: text": the text is a label.
    static const QRegularExpression afterColon(QStringLiteral(R"(^[^:"]*?:(.*)$)"));
    const bool textAfterColon = word.compare(u"note", Qt::CaseInsensitive) == 0 || word.startsWith(u"acc")
                                || word == u"title";

    // Arrows: flowchart (-->, -.->, ==>, ---, --x, <-->) and sequence (->>, -->>, -x, -)).
    static const QRegularExpression arrowRe(QStringLiteral(
        R"([<xo]?(?:-\.+->?|-{1,2}>>|-{2,3}>|->|={2,3}>|={3}|-{3}|-{1,2}[x)](?![\w])|--o(?![\w])))"));
    bool arrow = false;
    for (auto it = arrowRe.globalMatch(code, from); it.hasNext();) {
        const auto m = it.next();
        if (!isFree(m.capturedStart()))
            continue;
        apply(int(m.capturedStart()), int(m.capturedLength()), Token::Arrow);
        arrow = true;
    }
    if (textAfterColon || (arrow && !keyword.hasMatch())) {
        const auto m = afterColon.match(code, from);
        if (m.hasMatch() && m.capturedLength(1) > 0) {
            for (qsizetype i = m.capturedStart(1); i < m.capturedEnd(1); ++i) {
                if (isFree(i))
                    apply(int(i), 1, Token::Label);
            }
        }
    }
}

void CodeHighlighter::highlightMarkdown(const QString &text)
{
    const int state = previousBlockState();
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QStringLiteral("```"))) {
        apply(0, int(text.size()), Token::Comment);
        if (state == MarkdownMermaidFence || state == MarkdownOtherFence)
            setCurrentBlockState(0);
        else
            setCurrentBlockState(trimmed.mid(3).trimmed() == u"mermaid" ? MarkdownMermaidFence
                                                                         : MarkdownOtherFence);
        return;
    }
    if (state == MarkdownMermaidFence) {
        setCurrentBlockState(MarkdownMermaidFence);
        highlightMermaid(text, 0);
        return;
    }
    if (state == MarkdownOtherFence) {
        setCurrentBlockState(MarkdownOtherFence);
        apply(0, int(text.size()), Token::String);
        return;
    }
    if (text.startsWith(u'#'))
        apply(0, int(text.size()), Token::Heading);
}

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace ew::ui {

/// Syntax colouring of the Code tab's exports: YAML (SAM), HCL (Terraform), Mermaid, and
/// Markdown with fenced Mermaid blocks. Line based, with a block state for what spans lines
/// (YAML block scalars, HCL comments and heredocs, Markdown fences). The colours derive from a
/// palette and keep a readable contrast against its Base colour, so a dark theme stays legible.
class CodeHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Language { Plain, Yaml, Hcl, Mermaid, Markdown };
    enum class Token { Key, String, Number, Comment, Tag, Keyword, Arrow, Label, Heading, Count };

    CodeHighlighter(Language language, QTextDocument *document);

    Language language() const { return m_language; }
    /// The language an exporter writes ("sam" → YAML, "terraform" → HCL, ...).
    static Language languageForExporter(const QString &exporterId);

    /// Recomputes the colours for this palette and highlights the document again.
    void setPalette(const QPalette &palette);
    QTextCharFormat tokenFormat(Token token) const { return m_formats[size_t(token)]; }

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightYaml(const QString &text);
    void highlightHcl(const QString &text);
    void highlightMermaid(const QString &text, int from);
    void highlightMarkdown(const QString &text);
    /// Strings and comments of one line, scanned left to right so that a '#' inside a string
    /// is no comment; returns where a comment starts (-1 for none).
    int highlightStringsAndComment(const QString &text, int from, bool hashComments,
                                   bool slashComments);
    void apply(int start, int length, Token token) { setFormat(start, length, tokenFormat(token)); }

    Language m_language;
    std::array<QTextCharFormat, size_t(Token::Count)> m_formats;
};

} // namespace ew::ui

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace ew::core {

/// One HCL expression, built as a tree and rendered deterministically: scalars and references
/// inline, objects over several lines, lists inline when short and flat. Used for argument
/// values and for the literal objects given to jsonencode().
class HclExpr
{
public:
    enum class Kind { Raw, List, Object, Call };

    HclExpr() = default;
    /// An expression written as is: a reference (aws_sqs_queue.q.arn), a number, true/false,
    /// null, or a string template the caller has already quoted ("${x.arn}/*").
    static HclExpr raw(const QString &text);
    /// A quoted, escaped string literal.
    static HclExpr string(const QString &text);
    static HclExpr integer(qint64 value);
    static HclExpr boolean(bool value);
    static HclExpr null();
    static HclExpr list(std::vector<HclExpr> items = {});
    static HclExpr strings(const QStringList &texts);
    static HclExpr object();
    /// fn(argument), e.g. jsonencode({...}).
    static HclExpr call(const QString &function, HclExpr argument);
    /// A model value as an HCL literal for jsonencode(): maps become objects, lists lists, and
    /// scalars follow YAML 1.2's core schema (plain numbers, booleans and null keep their type,
    /// everything else is a string).
    static HclExpr fromValue(const Value &value);

    /// Adds an object field (objects only); returns *this for chaining.
    HclExpr &add(const QString &key, HclExpr value);
    /// Appends a list item (lists only).
    HclExpr &append(HclExpr item);
    /// Comment lines written before this expression when it is an item of a multi-line
    /// list or object.
    HclExpr &withComment(const QString &comment);

    Kind kind() const { return m_kind; }
    bool isEmpty() const;
    const QString &text() const { return m_text; }
    const std::vector<HclExpr> &items() const { return m_items; }
    const std::vector<std::pair<QString, HclExpr>> &fields() const { return m_fields; }

    /// The expression at the given indentation level (two spaces a level); continuation lines
    /// are indented, the first line is not.
    QString render(int level = 0) const;

private:
    bool isInline() const;
    QString renderInline() const;

    Kind m_kind = Kind::Raw;
    QString m_text;                         ///< Raw: the text; Call: the function name
    QString m_comment;
    std::vector<HclExpr> m_items;           ///< List items; Call: the one argument
    std::vector<std::pair<QString, HclExpr>> m_fields;
};

/// Writes HCL text: blocks with two-space indentation, `name = value` arguments, comments,
/// LF line endings and a final newline. Same calls, same bytes.
class HclWriter
{
public:
    /// "# text" lines (one per line of text; empty lines become "#").
    void comment(const QString &text);
    /// An empty line, unless the output is empty, already ends with one, or ends with a comment
    /// (which belongs to what follows it).
    void blank();
    /// An empty line, unless the output is empty or already ends with one.
    void separate();
    /// `type "label" "label" {` (labels quoted), one level deeper.
    void open(const QString &type, const QStringList &labels = {});
    /// A nested block `name {`.
    void block(const QString &name) { open(name); }
    void close();
    void attr(const QString &name, const HclExpr &value);
    /// Shorthands: a raw expression / a quoted string / an integer / a boolean.
    void raw(const QString &name, const QString &expression) { attr(name, HclExpr::raw(expression)); }
    void string(const QString &name, const QString &text) { attr(name, HclExpr::string(text)); }
    void integer(const QString &name, qint64 value) { attr(name, HclExpr::integer(value)); }
    void boolean(const QString &name, bool value) { attr(name, HclExpr::boolean(value)); }

    int depth() const { return m_depth; }
    bool isEmpty() const { return m_text.isEmpty(); }
    const QString &text() const { return m_text; }
    /// The UTF-8 text, aligned (closes nothing: callers balance open/close).
    QByteArray toUtf8() const { return align(m_text).toUtf8(); }

    /// Aligns the `=` of consecutive one-line arguments as `terraform fmt` does: a run of lines
    /// whose first `=` is followed by a complete expression is padded to its longest name; any
    /// other line (block header, closing brace, comment, blank line, an argument whose value
    /// continues on later lines) ends the run.
    static QString align(const QString &text);

    /// The characters of a string literal without the quotes: \\ \" \n \r \t, other control
    /// characters as \uNNNN, and template sequences `${` / `%{` doubled to `$${` / `%%{`.
    static QString escape(const QString &text);
    /// `"text"`, escaped.
    static QString quote(const QString &text);
    /// An object key: bare when it is a plain identifier, quoted otherwise.
    static QString key(const QString &name);

private:
    void line(const QString &text);

    QString m_text;
    int m_depth = 0;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

#include <QString>

namespace ew::core {

/// Writes Values as block-style YAML with two-space indentation and LF line endings, the same
/// way every time: plain scalars stay plain when safe, quoted ones stay double-quoted, strings
/// with line breaks become literal blocks. The output of this writer is the canonical form of
/// a project file.
class YamlWriter
{
public:
    /// Appends `key: value` (and the value's block, if any) at the given indentation.
    void writeEntry(QString &out, const QString &key, const Value &value, int indent) const;
    /// Appends a block map or list at the given indentation (entries/items on their own lines).
    void writeBlock(QString &out, const Value &value, int indent) const;

    /// A scalar in the form it takes after `key: ` or `- `.
    static QString scalarText(const Value &scalar);
    static QString keyText(const QString &key);
    static QString doubleQuoted(const QString &text);
    /// True when text can be written as a plain scalar and reads back as the same text.
    static bool isPlainSafe(const QString &text);

private:
    /// Writes the part after "key:" or "-": either " inline" + "\n", or "\n" + block.
    void writeAfterIndicator(QString &out, const Value &value, int childIndent) const;
};

} // namespace ew::core

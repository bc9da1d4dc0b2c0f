// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/valuetext.h"

#include "core/io/yamlreader.h"
#include "core/io/yamlwriter.h"

namespace ew::core {

QString valueToYamlText(const Value &value)
{
    if (value.isScalar() || value.isNull())
        return YamlWriter::scalarText(value);
    if ((value.isMap() && value.entries().empty()) || (value.isList() && value.items().empty()))
        return value.isMap() ? QStringLiteral("{}") : QStringLiteral("[]");
    QString out;
    YamlWriter().writeBlock(out, value, 0);
    return out;
}

std::optional<Value> valueFromYamlText(const QString &text, QString *error)
{
    YamlError e;
    std::optional<YAML::Node> node = parseYaml(text.toUtf8(), &e);
    if (node) {
        YamlConverter converter(100'000);
        if (std::optional<Value> v = converter.convert(*node, &e))
            return v;
    }
    if (error) {
        *error = e.position.line > 0
                     ? QStringLiteral("line %1, column %2: %3").arg(e.position.line).arg(e.position.column).arg(e.message)
                     : e.message;
    }
    return std::nullopt;
}

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to ew_core: the one place that turns yaml-cpp nodes into Values. Only .cpp files of
// ew_core include it, because yaml-cpp is a PRIVATE dependency.

#include "core/model/value.h"

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>

namespace ew::core {

/// A position in a text file, 1-based; line 0 means "no position".
struct TextPosition
{
    int line = 0;
    int column = 0;
};

/// An error found while reading a YAML file: where and what.
struct YamlError
{
    TextPosition position;
    QString message;
};

TextPosition positionOf(const YAML::Mark &mark);
TextPosition positionOf(const YAML::Node &node);

/// Reads YAML text into a yaml-cpp node, or returns the parser's error with line and column.
/// Refuses files above maxBytes before parsing.
std::optional<YAML::Node> parseYaml(const QByteArray &text, YamlError *error);

/// Converts a yaml-cpp node into a Value. Fails on duplicate map keys, non-scalar keys, tags
/// and documents that expand to more than `budget` values (alias bombs).
class YamlConverter
{
public:
    /// Told each thing a template conversion tolerates: where, and what was done.
    using Warn = std::function<void(TextPosition, const QString &)>;

    explicit YamlConverter(int budget = 2'000'000)
        : m_budget(budget)
    {
    }
    /// For CloudFormation templates, read as CloudFormation reads them: short-form tags (!Ref,
    /// !GetAtt, !Sub ...) become their long forms ({Ref: x}, {Fn::GetAtt: ...}); a duplicate key
    /// keeps the last value and a non-string key is left out, both told to `warn`; YAML 1.1 merge
    /// keys (<<) are applied; nesting deeper than 400 levels fails.
    static YamlConverter forTemplates(Warn warn);

    std::optional<Value> convert(const YAML::Node &node, YamlError *error);
    /// Checks a map for duplicate or non-scalar keys without converting it.
    static bool checkMapKeys(const YAML::Node &map, YamlError *error);

private:
    std::optional<Value> convertNode(const YAML::Node &node, int depth, YamlError *error);
    std::optional<Value> projectMap(const YAML::Node &node, int depth, YamlError *error);
    std::optional<Value> templateMap(const YAML::Node &node, int depth, YamlError *error);

    int m_budget;
    bool m_template = false;
    Warn m_warn;
};

QString yamlScalar(const YAML::Node &node);
bool isQuoted(const YAML::Node &node);

} // namespace ew::core

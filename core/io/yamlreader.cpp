// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/yamlreader.h"

#include <QCoreApplication>
#include <QSet>

#include <yaml-cpp/depthguard.h>

namespace ew::core {

TextPosition positionOf(const YAML::Mark &mark)
{
    if (mark.is_null())
        return {};
    return {mark.line + 1, mark.column + 1};
}

TextPosition positionOf(const YAML::Node &node)
{
    return positionOf(node.Mark());
}

QString yamlScalar(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

bool isQuoted(const YAML::Node &node)
{
    // yaml-cpp tags quoted scalars "!" and plain ones "?".
    return node.Tag() == "!";
}

/// Finds the first NUL byte or invalid UTF-8 sequence; yaml-cpp would read the first as an
/// escape and turn the second into U+FFFD without a word. Columns count characters.
static bool checkEncoding(const QByteArray &text, YamlError *error)
{
    const auto *b = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype n = text.size();
    int line = 1, column = 1;
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = b[i];
        auto fail = [&](const QString &message) {
            if (error) {
                error->position = {line, column};
                error->message = message;
            }
            return false;
        };
        if (c == 0)
            return fail(QStringLiteral("NUL byte: the file is binary or not UTF-8 text"));
        int length = 0;
        char32_t cp = 0, min = 0;
        if (c < 0x80) {
            length = 1;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, cp = c & 0x07, min = 0x10000;
        }
        bool valid = length > 0 && i + length <= n;
        for (int k = 1; valid && k < length; ++k) {
            valid = (b[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        if (valid && length > 1)
            valid = cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!valid)
            return fail(QStringLiteral("invalid UTF-8 (byte 0x%1); save the file as UTF-8")
                            .arg(QString::number(uint(c), 16).toUpper().rightJustified(2, QLatin1Char('0'))));
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += length;
    }
    return true;
}

std::optional<YAML::Node> parseYaml(const QByteArray &text, YamlError *error)
{
    if (!checkEncoding(text, error))
        return std::nullopt;
    try {
        return YAML::Load(text.toStdString());
    } catch (const YAML::DeepRecursion &e) {
        if (error) {
            error->position = positionOf(e.mark);
            error->message = QStringLiteral("the YAML is nested too deeply (more than %1 levels)")
                                 .arg(e.depth() - 1);
        }
        return std::nullopt;
    } catch (const YAML::Exception &e) {
        if (error) {
            error->position = positionOf(e.mark);
            QString msg = QString::fromStdString(e.msg);
            if (msg.isEmpty())
                msg = QStringLiteral("invalid YAML");
            error->message = QStringLiteral("invalid YAML: ") + msg;
        }
        return std::nullopt;
    }
}

static bool hasCustomTag(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    return !(tag.empty() || tag == "?" || tag == "!" || tag.rfind("tag:yaml.org,2002:", 0) == 0);
}

bool YamlConverter::checkMapKeys(const YAML::Node &map, YamlError *error)
{
    QSet<QString> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            if (error) {
                error->position = positionOf(key);
                error->message = QStringLiteral("a mapping key must be a plain string");
            }
            return false;
        }
        const QString k = yamlScalar(key);
        if (seen.contains(k)) {
            if (error) {
                error->position = positionOf(key);
                error->message = QStringLiteral("duplicate key '%1'").arg(k);
            }
            return false;
        }
        seen.insert(k);
    }
    return true;
}

YamlConverter YamlConverter::forTemplates(Warn warn)
{
    YamlConverter converter;
    converter.m_template = true;
    converter.m_warn = std::move(warn);
    return converter;
}

std::optional<Value> YamlConverter::convert(const YAML::Node &node, YamlError *error)
{
    return convertNode(node, 0, error);
}

std::optional<Value> YamlConverter::convertNode(const YAML::Node &node, int depth, YamlError *error)
{
    auto fail = [&](const QString &message) -> std::optional<Value> {
        if (error) {
            error->position = positionOf(node);
            error->message = message;
        }
        return std::nullopt;
    };
    if (--m_budget < 0) {
        return fail(m_template
                        ? QStringLiteral("the template expands to too many values (alias expansion?); refusing to read it")
                        : QStringLiteral("the document expands to too many values (alias expansion?); refusing to load it"));
    }
    if (m_template && depth > 400)
        return fail(QStringLiteral("the template is nested too deeply"));
    if (!m_template && hasCustomTag(node)) {
        return fail(QStringLiteral("YAML tags such as '%1' are not used in project files")
                        .arg(QString::fromStdString(node.Tag())));
    }
    std::optional<Value> v = Value();
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        v = Value();
        break;
    case YAML::NodeType::Scalar:
        v = Value::scalar(yamlScalar(node), isQuoted(node));
        break;
    case YAML::NodeType::Sequence: {
        std::vector<Value> items;
        items.reserve(node.size());
        for (const YAML::Node &child : node) {
            std::optional<Value> item = convertNode(child, depth + 1, error);
            if (!item)
                return std::nullopt;
            items.push_back(std::move(*item));
        }
        v = Value::list(std::move(items));
        break;
    }
    case YAML::NodeType::Map:
        v = m_template ? templateMap(node, depth, error) : projectMap(node, depth, error);
        break;
    }
    if (!v)
        return v;
    // CloudFormation's short form: !GetAtt a.b is {Fn::GetAtt: a.b}, !Ref and !Condition keep their names.
    const std::string &tag = node.Tag();
    if (m_template && tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
        const QString name = QString::fromStdString(tag.substr(1));
        const QString key = name == u"Ref" || name == u"Condition" ? name : QStringLiteral("Fn::") + name;
        return Value::map({{key, *v}});
    }
    return v;
}

std::optional<Value> YamlConverter::projectMap(const YAML::Node &node, int depth, YamlError *error)
{
    if (!checkMapKeys(node, error))
        return std::nullopt;
    std::vector<MapEntry> entries;
    entries.reserve(node.size());
    for (auto it = node.begin(); it != node.end(); ++it) {
        std::optional<Value> v = convertNode(it->second, depth + 1, error);
        if (!v)
            return std::nullopt;
        entries.push_back({yamlScalar(it->first), std::move(*v)});
    }
    return Value::map(std::move(entries));
}

std::optional<Value> YamlConverter::templateMap(const YAML::Node &node, int depth, YamlError *error)
{
    Value map = Value::map();
    std::vector<Value> merges;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            if (m_warn)
                m_warn(positionOf(key), QStringLiteral("a mapping key that is not a string was left out"));
            continue;
        }
        const QString k = yamlScalar(key);
        std::optional<Value> v = convertNode(it->second, depth + 1, error);
        if (!v)
            return std::nullopt;
        if (k == u"<<" && !isQuoted(key)) { // YAML 1.1 merge key: explicit keys win
            merges.push_back(*v);
            continue;
        }
        if (map.find(k)) {
            if (m_warn)
                m_warn(positionOf(key),
                       QStringLiteral("duplicate key '%1': the last one is kept, as CloudFormation does").arg(k));
            map.remove(k);
        }
        map.set(k, *v);
    }
    for (const Value &m : merges) {
        const std::vector<Value> sources = m.isList() ? m.items() : std::vector<Value>{m};
        for (const Value &src : sources) {
            for (const MapEntry &e : src.entries()) {
                if (!map.find(e.key))
                    map.set(e.key, e.value);
            }
        }
    }
    return map;
}

} // namespace ew::core

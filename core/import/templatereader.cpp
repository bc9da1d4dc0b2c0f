// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/templatereader.h"

#include "core/io/yamlreader.h"

#include <exception>

namespace ew::core::samimport {

static QString tabMessage(const QByteArray &text, int *line, int *column)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &l = lines[i];
        for (int j = 0; j < l.size() && (l[j] == ' ' || l[j] == '\t'); ++j) {
            if (l[j] == '\t') {
                *line = i + 1;
                *column = j + 1;
                return QStringLiteral("a tab character is used for indentation; YAML allows only spaces");
            }
        }
    }
    return {};
}

std::optional<Value> readTemplate(const QByteArray &input, ImportResult &result)
{
    if (input.size() > ProjectSerializer::MaxFileBytes) {
        result.error.message = QStringLiteral("the template is larger than %1 MB").arg(ProjectSerializer::MaxFileBytes >> 20);
        return std::nullopt;
    }
    QByteArray text = input;
    text.replace("\r\n", "\n");
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    YamlError yamlError;
    std::optional<YAML::Node> doc = parseYaml(text, &yamlError);
    if (!doc) {
        int line = 0, column = 0;
        const QString tab = tabMessage(text, &line, &column);
        if (!tab.isEmpty()) {
            result.error = {line, column, tab};
        } else {
            result.error = {yamlError.position.line, yamlError.position.column, yamlError.message};
        }
        return std::nullopt;
    }
    const YamlConverter::Warn warn = [&result](TextPosition p, const QString &message) {
        Diagnostic d;
        d.rule = QStringLiteral("IMPORT-YAML");
        d.severity = Severity::Warning;
        d.message = p.line > 0 ? QStringLiteral("line %1, column %2: %3").arg(p.line).arg(p.column).arg(message)
                               : message;
        result.notes.append(d);
    };
    YamlConverter converter = YamlConverter::forTemplates(warn);
    YamlError convertError;
    std::optional<Value> root;
    try {
        root = converter.convert(*doc, &convertError);
    } catch (const std::exception &e) {
        result.error.message = QStringLiteral("could not read the template: %1").arg(QString::fromLocal8Bit(e.what()));
        return std::nullopt;
    }
    if (!root) {
        result.error = {convertError.position.line, convertError.position.column, convertError.message};
        return std::nullopt;
    }
    if (!root->isMap()) {
        result.error = {1, 1, QStringLiteral("a template is a mapping with a Resources section")};
        return std::nullopt;
    }
    const Value *resources = root->find(QStringLiteral("Resources"));
    if (!resources || !resources->isMap()) {
        TextPosition p;
        if (doc->IsMap() && (*doc)["Resources"])
            p = positionOf((*doc)["Resources"]);
        result.error = {p.line, p.column, QStringLiteral("the template has no Resources mapping")};
        return std::nullopt;
    }
    return root;
}

} // namespace ew::core::samimport

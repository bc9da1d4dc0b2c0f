// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/io/projectserializer.h"

#include "core/io/atomicwrite.h"
#include "core/io/filereader.h"
#include "core/io/yamlreader.h"
#include "core/io/yamlwriter.h"

#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace ew::core {

QString LoadError::format(const QString &fileName) const
{
    QString where = fileName;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    }
    return where + QStringLiteral(": error: ") + message;
}

bool ProjectSerializer::isValidId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    return re.match(id).hasMatch();
}

// ---------------------------------------------------------------------------------------------
// Loading

namespace {

class Reader
{
public:
    ProjectLoadResult run(const QByteArray &text);

private:
    bool fail(const YAML::Node &node, const QString &message)
    {
        const TextPosition p = positionOf(node);
        m_error = {p.line, p.column, message};
        return false;
    }
    bool fail(const YamlError &e)
    {
        m_error = {e.position.line, e.position.column, e.message};
        return false;
    }
    bool readString(const YAML::Node &node, const char *what, QString *out);
    bool readComponent(const YAML::Node &node, Component *out);
    bool readConnection(const YAML::Node &node, Connection *out);
    bool readProperties(const YAML::Node &node, Value *out);
    bool readExtra(const YAML::Node &key, const YAML::Node &value, std::vector<MapEntry> *out);

    YamlConverter m_converter;
    LoadError m_error;
};

bool Reader::readString(const YAML::Node &node, const char *what, QString *out)
{
    if (!node.IsScalar())
        return fail(node, QStringLiteral("'%1' must be a text value").arg(QLatin1String(what)));
    *out = yamlScalar(node);
    return true;
}

bool Reader::readProperties(const YAML::Node &node, Value *out)
{
    if (node.IsNull()) {
        *out = Value::map();
        return true;
    }
    if (!node.IsMap())
        return fail(node, QStringLiteral("'properties' must be a mapping of name: value"));
    YamlError e;
    std::optional<Value> v = m_converter.convert(node, &e);
    if (!v)
        return fail(e);
    *out = std::move(*v);
    return true;
}

bool Reader::readExtra(const YAML::Node &key, const YAML::Node &value, std::vector<MapEntry> *out)
{
    YamlError e;
    std::optional<Value> v = m_converter.convert(value, &e);
    if (!v)
        return fail(e);
    out->push_back({yamlScalar(key), std::move(*v)});
    return true;
}

bool Reader::readComponent(const YAML::Node &node, Component *out)
{
    if (!node.IsMap())
        return fail(node, QStringLiteral("each component must be a mapping with 'id' and 'kind'"));
    YamlError e;
    if (!YamlConverter::checkMapKeys(node, &e))
        return fail(e);
    bool hasId = false, hasKind = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node v = it->second;
        if (key == "id") {
            if (!readString(v, "id", &out->id))
                return false;
            if (!ProjectSerializer::isValidId(out->id))
                return fail(v, QStringLiteral("component id '%1' must match [a-z0-9][a-z0-9-]{0,62} "
                                              "(lower-case letters, digits and dashes)")
                                   .arg(out->id));
            hasId = true;
        } else if (key == "kind") {
            if (!readString(v, "kind", &out->kind))
                return false;
            hasKind = true;
        } else if (key == "label") {
            QString label;
            if (!readString(v, "label", &label))
                return false;
            out->label = label;
        } else if (key == "at") {
            if (!v.IsSequence() || v.size() != 2 || !v[0].IsScalar() || !v[1].IsScalar())
                return fail(v, QStringLiteral("'at' must be a position [x, y]"));
            const std::optional<double> x = Value::scalar(yamlScalar(v[0]), isQuoted(v[0])).toNumber();
            const std::optional<double> y = Value::scalar(yamlScalar(v[1]), isQuoted(v[1])).toNumber();
            // A number too large for a double (1e400) reads as no number: say so at its place.
            static const QRegularExpression numeral(QStringLiteral("^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$"));
            for (int i = 0; i < 2; ++i) {
                const std::optional<double> &c = i == 0 ? x : y;
                if (!c && numeral.match(yamlScalar(v[i])).hasMatch())
                    return fail(v[i], QStringLiteral("'at' %1 = %2 is out of range (too large for a "
                                                     "position)")
                                          .arg(QLatin1String(i == 0 ? "x" : "y"), yamlScalar(v[i])));
            }
            if (!x || !y)
                return fail(v, QStringLiteral("'at' must hold two numbers, as in [120, 80]"));
            for (int i = 0; i < 2; ++i) {
                if (!std::isfinite(i == 0 ? *x : *y))
                    return fail(v[i], QStringLiteral("'at' %1 = %2 is out of range (too large for a "
                                                     "position)")
                                          .arg(QLatin1String(i == 0 ? "x" : "y"), yamlScalar(v[i])));
            }
            out->position = QPointF(*x, *y);
        } else if (key == "properties") {
            if (!readProperties(v, &out->properties))
                return false;
        } else if (!readExtra(it->first, v, &out->extra)) {
            return false;
        }
    }
    if (!hasId)
        return fail(node, QStringLiteral("component has no 'id'"));
    if (!hasKind)
        return fail(node, QStringLiteral("component '%1' has no 'kind'").arg(out->id));
    return true;
}

bool Reader::readConnection(const YAML::Node &node, Connection *out)
{
    if (!node.IsMap())
        return fail(node, QStringLiteral("each connection must be a mapping with 'from', 'to' and 'role'"));
    YamlError e;
    if (!YamlConverter::checkMapKeys(node, &e))
        return fail(e);
    bool hasFrom = false, hasTo = false, hasRole = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node v = it->second;
        if (key == "from") {
            if (!readString(v, "from", &out->from))
                return false;
            hasFrom = true;
        } else if (key == "to") {
            if (!readString(v, "to", &out->to))
                return false;
            hasTo = true;
        } else if (key == "role") {
            if (!readString(v, "role", &out->role))
                return false;
            hasRole = true;
        } else if (key == "properties") {
            if (!readProperties(v, &out->properties))
                return false;
        } else if (!readExtra(it->first, v, &out->extra)) {
            return false;
        }
    }
    if (!hasFrom || !hasTo || !hasRole)
        return fail(node, QStringLiteral("connection needs 'from', 'to' and 'role'"));
    return true;
}

ProjectLoadResult Reader::run(const QByteArray &text)
{
    ProjectLoadResult result;
    YamlError ye;
    std::optional<YAML::Node> root = parseYaml(text, &ye);
    if (!root) {
        fail(ye);
        result.error = m_error;
        return result;
    }
    auto failed = [&] {
        result.error = m_error;
        return result;
    };
    if (root->IsNull() || !root->IsDefined()) {
        m_error = {0, 0, QStringLiteral("the file is empty; a project starts with 'eventwright: 1'")};
        return failed();
    }
    if (!root->IsMap()) {
        fail(*root, QStringLiteral("a project file must be a YAML mapping starting with 'eventwright: 1'"));
        return failed();
    }
    if (!YamlConverter::checkMapKeys(*root, &ye)) {
        fail(ye);
        return failed();
    }

    DiagramData data;
    bool hasVersion = false;
    YAML::Node componentsNode, connectionsNode;
    for (auto it = root->begin(); it != root->end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node v = it->second;
        if (key == "eventwright") {
            const std::optional<qint64> version =
                v.IsScalar() ? Value::scalar(yamlScalar(v), isQuoted(v)).toInteger() : std::nullopt;
            if (!version) {
                fail(v, QStringLiteral("'eventwright' must be the format version, an integer (1)"));
                return failed();
            }
            if (*version != ProjectSerializer::FormatVersion) {
                fail(v, QStringLiteral("format version %1 is not supported; this Eventwright reads "
                                       "version %2")
                            .arg(*version)
                            .arg(ProjectSerializer::FormatVersion));
                return failed();
            }
            data.formatVersion = int(*version);
            hasVersion = true;
        } else if (key == "name" || key == "description") {
            QString s;
            if (!v.IsNull() && !readString(v, key.c_str(), &s))
                return failed();
            (key == "name" ? data.name : data.description) = s;
        } else if (key == "components") {
            componentsNode = v;
        } else if (key == "connections") {
            connectionsNode = v;
        } else if (!readExtra(it->first, v, &data.extra)) {
            return failed();
        }
    }
    if (!hasVersion) {
        fail(*root, QStringLiteral("not an Eventwright project: the key 'eventwright: 1' is missing"));
        return failed();
    }

    QHash<QString, TextPosition> seen;
    if (componentsNode.IsDefined() && !componentsNode.IsNull()) {
        if (!componentsNode.IsSequence()) {
            fail(componentsNode, QStringLiteral("'components' must be a list"));
            return failed();
        }
        data.components.reserve(componentsNode.size());
        for (const YAML::Node &n : componentsNode) {
            Component c;
            if (!readComponent(n, &c))
                return failed();
            if (seen.contains(c.id)) {
                const TextPosition first = seen.value(c.id);
                fail(n["id"], QStringLiteral("duplicate component id '%1' (first used on line %2)")
                                  .arg(c.id)
                                  .arg(first.line));
                return failed();
            }
            seen.insert(c.id, positionOf(n["id"]));
            data.components.push_back(std::move(c));
        }
    }
    if (connectionsNode.IsDefined() && !connectionsNode.IsNull()) {
        if (!connectionsNode.IsSequence()) {
            fail(connectionsNode, QStringLiteral("'connections' must be a list"));
            return failed();
        }
        data.connections.reserve(connectionsNode.size());
        for (const YAML::Node &n : connectionsNode) {
            Connection c;
            if (!readConnection(n, &c))
                return failed();
            for (const char *end : {"from", "to"}) {
                const QString &id = QLatin1String(end) == QLatin1String("from") ? c.from : c.to;
                if (!seen.contains(id)) {
                    fail(n[end], QStringLiteral("connection %1 '%2': no component has this id")
                                     .arg(QLatin1String(end), id));
                    return failed();
                }
            }
            data.connections.push_back(std::move(c));
        }
    }
    result.data = std::move(data);
    return result;
}

} // namespace

ProjectLoadResult ProjectSerializer::load(const QByteArray &text)
{
    Reader reader;
    return reader.run(text);
}

ProjectLoadResult ProjectSerializer::loadFile(const QString &path)
{
    ProjectLoadResult result;
    const std::optional<QByteArray> text = readFileLimited(path, MaxFileBytes, &result.error.message);
    if (!text)
        return result;
    return load(*text);
}

// ---------------------------------------------------------------------------------------------
// Saving

static QString numberText(double v)
{
    return Value::number(v).text();
}

QByteArray ProjectSerializer::save(const DiagramData &data)
{
    const YamlWriter w;
    QString out;
    out += QStringLiteral("eventwright: %1\n").arg(data.formatVersion);
    if (data.name)
        w.writeEntry(out, QStringLiteral("name"), Value::string(*data.name), 0);
    if (data.description)
        w.writeEntry(out, QStringLiteral("description"), Value::string(*data.description), 0);

    out += QStringLiteral("components:");
    if (data.components.empty())
        out += QStringLiteral(" []");
    out += QLatin1Char('\n');
    for (const Component &c : data.components) {
        out += QStringLiteral("  - id: ") + c.id + QLatin1Char('\n');
        w.writeEntry(out, QStringLiteral("kind"), Value::string(c.kind), 4);
        if (c.label)
            w.writeEntry(out, QStringLiteral("label"), Value::string(*c.label), 4);
        if (c.position)
            out += QStringLiteral("    at: [%1, %2]\n")
                       .arg(numberText(c.position->x()), numberText(c.position->y()));
        if (!c.properties.entries().empty())
            w.writeEntry(out, QStringLiteral("properties"), c.properties, 4);
        for (const MapEntry &e : c.extra)
            w.writeEntry(out, e.key, e.value, 4);
    }

    out += QStringLiteral("connections:");
    if (data.connections.empty())
        out += QStringLiteral(" []");
    out += QLatin1Char('\n');
    for (const Connection &c : data.connections) {
        out += QStringLiteral("  - from: ") + YamlWriter::scalarText(Value::string(c.from))
               + QLatin1Char('\n');
        w.writeEntry(out, QStringLiteral("to"), Value::string(c.to), 4);
        w.writeEntry(out, QStringLiteral("role"), Value::string(c.role), 4);
        if (!c.properties.entries().empty())
            w.writeEntry(out, QStringLiteral("properties"), c.properties, 4);
        for (const MapEntry &e : c.extra)
            w.writeEntry(out, e.key, e.value, 4);
    }
    for (const MapEntry &e : data.extra)
        w.writeEntry(out, e.key, e.value, 0);
    return out.toUtf8();
}

bool ProjectSerializer::saveFile(const QString &path, const DiagramData &data,
                                 QString *errorMessage)
{
    return writeFileAtomically(path, save(data), errorMessage);
}

} // namespace ew::core

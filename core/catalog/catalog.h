// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/model/value.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ew::core {

enum class PropertyType { String, Integer, Number, Boolean, Enum, List, Map, Component };

/// How a kind invokes a function when it is the source of a trigger connection.
enum class Invocation { Sync, Async, Poll, None };

QString toString(PropertyType type);
QString toString(Invocation invocation);

/// One typed property of a kind or of a (source kind, role) connection.
struct PropertySpec
{
    QString name;
    PropertyType type = PropertyType::String;
    QString unit;
    std::optional<Value> defaultValue;
    std::optional<double> min;
    std::optional<double> max;
    QStringList choices;          ///< enum, or list items of type enum
    QString items;                ///< list item type: "string", "enum" or "map"
    std::optional<int> minItems;
    std::optional<int> maxItems;
    std::optional<int> minLength;
    std::optional<int> maxLength;
    QString pattern;              ///< regular expression the whole string must match
    QStringList kinds;            ///< component: the kinds it may name
    QStringList suggestions;      ///< string: values offered while typing (any value is allowed)
    QStringList objectKeys;       ///< string: also an object of these keys (CodeUri's S3 location)
    bool required = false;
    QString rule;                 ///< rule id reported for a value out of range (default MODEL-004)
    QString summary;
    QString doc;
};

/// A role a kind may take as the source of a connection, the target kinds it allows and the
/// properties such a connection has.
struct RoleSpec
{
    QString role;
    QStringList to;
    QString summary;   ///< one line on what the role means for this source kind (role menu)
    std::vector<PropertySpec> properties;

    const PropertySpec *property(const QString &name) const;
};

/// One component kind: a row of data, not a class.
struct KindSpec
{
    QString id;
    QString name;
    QString category;
    int order = 0;
    Invocation invocation = Invocation::None;
    QString summary;
    QString doc;
    std::vector<PropertySpec> properties;
    std::vector<RoleSpec> connections;

    const PropertySpec *property(const QString &name) const;
    const RoleSpec *role(const QString &role) const;
};

/// The component catalog read from YAML (built in: `:/catalog/kinds/*.yaml`).
class Catalog
{
public:
    /// The roles of the project format, in documentation order.
    static const QStringList &roles();
    /// The catalog embedded in the program. Loading errors there are programming errors and
    /// abort with a message; tst_catalog checks the data.
    static const Catalog &builtin();

    /// Parses one kind file. On failure returns false and sets error ("LINE:COL: message").
    bool addKindFile(const QByteArray &yaml, QString *error);
    /// Checks cross-references after all files are added (kinds named in `to`/`kinds` exist,
    /// defaults inside ranges/choices, unique names). Returns the problems found.
    QStringList check() const;

    /// Kinds sorted by their palette order.
    const std::vector<KindSpec> &kinds() const { return m_kinds; }
    const KindSpec *kind(const QString &id) const;
    const RoleSpec *roleSpec(const QString &sourceKind, const QString &role) const;
    /// True when the catalog lets `role` connect sourceKind to targetKind.
    bool allows(const QString &sourceKind, const QString &role, const QString &targetKind) const;

private:
    std::vector<KindSpec> m_kinds;
    QHash<QString, int> m_index;
};

} // namespace ew::core

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ew::core {

struct MapEntry;

/// A YAML-shaped value as written in a project file: null, scalar, list or map.
/// Scalars keep their text and whether they were quoted, so that a value is written back
/// exactly as read and its type is decided by the catalog, not by guessing. Map entries keep
/// their order.
class Value
{
public:
    enum class Type { Null, Scalar, List, Map };

    Value() = default;
    static Value scalar(const QString &text, bool quoted = false);
    /// A string value; quoted when the plain form would read back as another type.
    static Value string(const QString &text);
    static Value integer(qint64 v);
    static Value number(double v);
    static Value boolean(bool v);
    static Value list(std::vector<Value> items = {});
    static Value map(std::vector<MapEntry> entries = {});

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isScalar() const { return m_type == Type::Scalar; }
    bool isList() const { return m_type == Type::List; }
    bool isMap() const { return m_type == Type::Map; }

    /// Scalar text as written (without quotes).
    const QString &text() const { return m_text; }
    bool isQuoted() const { return m_quoted; }

    /// Typed reads of a scalar under YAML 1.2's core schema; quoted scalars are strings only.
    std::optional<bool> toBool() const;
    std::optional<qint64> toInteger() const;
    std::optional<double> toNumber() const;
    /// A scalar's text, or an empty string for other types.
    QString toString() const { return m_type == Type::Scalar ? m_text : QString(); }
    /// True when the scalar is a plain (unquoted) YAML null (`~`, `null`, empty).
    bool isPlainNull() const;
    /// True for a single-key map Ref or Fn::* (CloudFormation's intrinsic functions); with
    /// `withCondition`, also {Condition: Name} as used inside Fn::And/Or/Not.
    bool isIntrinsic(bool withCondition = false) const;

    const std::vector<Value> &items() const { return m_items; }
    std::vector<Value> &items() { return m_items; }
    const std::vector<MapEntry> &entries() const { return m_entries; }
    std::vector<MapEntry> &entries() { return m_entries; }

    /// Map lookup; nullptr when absent or not a map.
    const Value *find(const QString &key) const;
    /// Sets a map entry, replacing in place or appending at the end.
    void set(const QString &key, const Value &value);
    /// Removes a map entry; returns its former index or -1.
    int remove(const QString &key);
    /// Inserts a map entry at index (clamped).
    void insertAt(int index, const QString &key, const Value &value);
    int indexOf(const QString &key) const;

    /// Human-readable one-line rendering for messages (flow style).
    QString display() const;

    friend bool operator==(const Value &a, const Value &b);

private:
    Type m_type = Type::Null;
    QString m_text;
    bool m_quoted = false;
    std::vector<Value> m_items;
    std::vector<MapEntry> m_entries;
};

struct MapEntry
{
    QString key;
    Value value;
    friend bool operator==(const MapEntry &a, const MapEntry &b) = default;
};

} // namespace ew::core

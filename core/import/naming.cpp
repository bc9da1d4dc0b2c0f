// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/naming.h"

#include <QRegularExpression>

namespace ew::core::samimport {

QString idFromLogical(const QString &logical)
{
    QString out;
    for (int i = 0; i < logical.size(); ++i) {
        const QChar c = logical[i];
        if (c.isUpper()) {
            const bool prevLower = i > 0 && (logical[i - 1].isLower() || logical[i - 1].isDigit());
            const bool nextLower = i + 1 < logical.size() && logical[i + 1].isLower();
            const bool prevUpper = i > 0 && logical[i - 1].isUpper();
            if (!out.isEmpty() && !out.endsWith(u'-') && (prevLower || (prevUpper && nextLower)))
                out += u'-';
            out += c.toLower();
        } else if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c.toLower();
        } else if (!out.isEmpty() && !out.endsWith(u'-')) {
            out += u'-';
        }
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    if (out.isEmpty())
        out = QStringLiteral("resource");
    return out.left(63);
}

void renameRefs(Value &v, const QHash<QString, QString> &names, int depth)
{
    if (depth > 200 || names.isEmpty())
        return;
    auto renamed = [&names](const QString &s) {
        const QString head = s.section(u'.', 0, 0);
        return names.contains(head) ? names.value(head) + s.mid(head.size()) : s;
    };
    auto renameSub = [&names](QString s) {
        static const QRegularExpression re(QStringLiteral("\\$\\{([A-Za-z0-9]+)([.}])"));
        QString out;
        qsizetype last = 0;
        auto it = re.globalMatch(s);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out += s.mid(last, m.capturedStart(1) - last);
            out += names.value(m.captured(1), m.captured(1));
            last = m.capturedEnd(1);
        }
        return out + s.mid(last);
    };
    if (v.isList()) {
        for (Value &i : v.items())
            renameRefs(i, names, depth + 1);
        return;
    }
    if (!v.isMap())
        return;
    if (v.entries().size() == 1) {
        MapEntry &e = v.entries().front();
        if ((e.key == u"Ref" || e.key == u"Fn::GetAtt") && e.value.isScalar()) {
            e.value = Value::scalar(renamed(e.value.text()), e.value.isQuoted());
            return;
        }
        if (e.key == u"Fn::GetAtt" && e.value.isList() && !e.value.items().empty() && e.value.items()[0].isScalar()) {
            Value &first = e.value.items()[0];
            first = Value::scalar(renamed(first.text()), first.isQuoted());
            return;
        }
        if (e.key == u"Fn::Sub") {
            Value *str = e.value.isScalar() ? &e.value : e.value.isList() && !e.value.items().empty() ? &e.value.items()[0] : nullptr;
            if (str && str->isScalar())
                *str = Value::scalar(renameSub(str->text()), str->isQuoted());
            if (e.value.isList() && e.value.items().size() > 1)
                renameRefs(e.value.items()[1], names, depth + 1);
            return;
        }
    }
    for (MapEntry &e : v.entries()) {
        if (e.key == u"DependsOn" && depth == 0) {
            if (e.value.isScalar())
                e.value = Value::scalar(renamed(e.value.text()), e.value.isQuoted());
            for (Value &i : e.value.items())
                if (i.isScalar())
                    i = Value::scalar(renamed(i.text()), i.isQuoted());
            continue;
        }
        renameRefs(e.value, names, depth + 1);
    }
}

} // namespace ew::core::samimport

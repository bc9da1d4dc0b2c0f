// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/iconprovider.h"

#include <QFile>

static void initIconResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace ew::ui {

QString IconProvider::iconPath(const QString &kindId)
{
    static const bool initialised = [] {
        initIconResources();
        return true;
    }();
    Q_UNUSED(initialised);
    const QString path = QStringLiteral(":/icons/kinds/%1.svg").arg(kindId);
    return QFile::exists(path) ? path : QStringLiteral(":/icons/kinds/unknown.svg");
}

QIcon IconProvider::icon(const QString &kindId)
{
    return QIcon(iconPath(kindId));
}

} // namespace ew::ui

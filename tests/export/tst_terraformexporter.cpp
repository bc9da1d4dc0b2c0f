// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>

#include <QtTest>

class tst_terraformexporter : public QObject
{
    Q_OBJECT
private slots:
    void registered();
};

void tst_terraformexporter::registered()
{
    QVERIFY(ew::core::ExporterRegistry::builtin().exporters().size() == 4);
}

QTEST_GUILESS_MAIN(tst_terraformexporter)
#include "tst_terraformexporter.moc"

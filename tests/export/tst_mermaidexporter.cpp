// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>

#include <QtTest>

class tst_mermaidexporter : public QObject
{
    Q_OBJECT
private slots:
    void registered();
};

void tst_mermaidexporter::registered()
{
    QVERIFY(ew::core::ExporterRegistry::builtin().exporters().size() == 4);
}

QTEST_GUILESS_MAIN(tst_mermaidexporter)
#include "tst_mermaidexporter.moc"

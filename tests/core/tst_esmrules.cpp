// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ruletest.h"

class tst_esmrules : public QObject
{
    Q_OBJECT
private slots:
    void rule_data();
    void rule() { ruletest::check(); }
};

void tst_esmrules::rule_data()
{
    ruletest::addColumns();
    QTest::newRow("placeholder: MODEL-004")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: f\n    kind: lambda-function\n    properties:\n      Architectures:\n        - sparc\n")
        << QByteArray("eventwright: 1\ncomponents:\n  - id: f\n    kind: lambda-function\n    properties:\n      Architectures:\n        - arm64\n")
        << QStringLiteral("MODEL-004") << QStringLiteral("f");
}

QTEST_GUILESS_MAIN(tst_esmrules)
#include "tst_esmrules.moc"

// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
//
// Measures the SAM and Terraform export of synthetic projects of 10,000 and 100,000 components
// (the realistic cells of validation_bench). Export time must grow linearly with the design:
// prints the figures and the time per component; exits 1 when 100,000 components take more than
// 10 s for SAM (issue #10 item 15) or when the time per component at 100k is more than 3 times
// the one at 10k. --sizes N,N,... measures other sizes.

#include "syntheticproject.h"

#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>
#include <core/io/projectserializer.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cstdio>

using namespace ew::core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<int> sizes{10000, 100000};
    QStringList formats{QStringLiteral("sam"), QStringLiteral("terraform")};
    const QStringList args = app.arguments();
    if (const int i = int(args.indexOf(QStringLiteral("--sizes"))); i > 0 && i + 1 < args.size()) {
        sizes.clear();
        for (const QString &s : args.at(i + 1).split(QLatin1Char(',')))
            sizes << s.toInt();
    }
    if (const int i = int(args.indexOf(QStringLiteral("--to"))); i > 0 && i + 1 < args.size())
        formats = args.at(i + 1).split(QLatin1Char(','));
    const Catalog &catalog = Catalog::builtin();
    bool ok = true;
    std::printf("%-10s %11s %12s %12s %12s\n", "format", "components", "export s", "us/component", "MB");
    for (const QString &format : formats) {
        const Exporter *exporter = ExporterRegistry::builtin().find(format);
        if (!exporter) {
            std::fprintf(stderr, "unknown format %s\n", qPrintable(format));
            return 2;
        }
        double firstPerComponent = 0;
        for (int size : sizes) {
            const ProjectLoadResult loaded = ProjectSerializer::load(syntheticProject(size));
            if (!loaded.ok()) {
                std::fprintf(stderr, "synthetic project does not load: %s\n", qPrintable(loaded.error.message));
                return 2;
            }
            QElapsedTimer t;
            t.start();
            const ExportResult result = exporter->exportDiagram(*loaded.data, catalog);
            const double seconds = double(t.nsecsElapsed()) / 1e9;
            qint64 bytes = 0;
            for (const ExportFile &f : result.files)
                bytes += f.content.size();
            const double perComponent = seconds * 1e6 / double(loaded.data->components.size());
            if (firstPerComponent == 0)
                firstPerComponent = perComponent;
            bool met = perComponent <= 3 * firstPerComponent;
            if (format == u"sam" && size >= 100000)
                met = met && seconds <= 10.0;
            ok = ok && met;
            std::printf("%-10s %11zu %12.2f %12.1f %12.1f %s\n", qPrintable(format),
                        loaded.data->components.size(), seconds, perComponent, double(bytes) / 1e6,
                        met ? "" : "MISSED");
            std::fflush(stdout);
        }
    }
    return ok ? 0 : 1;
}

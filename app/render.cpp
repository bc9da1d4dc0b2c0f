// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/render.h"

#include "app/cli.h"
#include "app/projectinput.h"

#include <core/catalog/catalog.h>
#include <core/io/projectserializer.h>
#include <ui/canvas/diagramscene.h>
#include <ui/canvas/sceneimage.h>

#include <cstdio>

namespace ew::app {

int runRender(const QStringList &arguments)
{
    const QStringList args = arguments.mid(2);
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        std::fputs("Usage: eventwright render FILE --out IMAGE.png|IMAGE.svg\n", stdout);
        return ExitOk;
    }
    QString file, outPath;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == u"--out" && i + 1 < args.size()) {
            outPath = args[++i];
        } else if (args[i].startsWith(QStringLiteral("--out="))) {
            outPath = args[i].mid(6);
        } else if (args[i].startsWith(QLatin1Char('-')) || !file.isEmpty()) {
            std::fprintf(stderr, "eventwright render: unexpected argument '%s'\n"
                                 "Usage: eventwright render FILE --out IMAGE.png|IMAGE.svg\n",
                         qPrintable(args[i]));
            return ExitUsage;
        } else {
            file = args[i];
        }
    }
    if (file.isEmpty() || outPath.isEmpty()) {
        std::fputs("eventwright render: FILE and --out IMAGE are required\n"
                   "Usage: eventwright render FILE --out IMAGE.png|IMAGE.svg\n", stderr);
        return ExitUsage;
    }
    const ProjectInput input = loadProjectOrTemplate(file);
    const core::ProjectLoadResult &loaded = input.project;
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error.format(file)));
        return ExitUsage;
    }
    core::Diagram diagram;
    diagram.reset(*loaded.data);
    ui::DiagramScene scene(diagram, core::Catalog::builtin());
    QString error, note;
    const bool written = ui::renderSceneToFile(scene, outPath, &error, &note);
    if (written && !note.isEmpty())
        std::fprintf(stderr, "%s: note: %s\n", qPrintable(outPath), qPrintable(note));
    if (!written) {
        // CLI.md: a file that cannot be written (or painted) is exit 2, like an unreadable one.
        std::fprintf(stderr, "%s: error: %s\n", qPrintable(outPath), qPrintable(error));
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace ew::app

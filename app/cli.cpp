// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "app/cli.h"

#include "app/projectinput.h"

#include <core/catalog/catalog.h>
#include <core/export/exporterregistry.h>
#include <core/export/exportwriter.h>
#include <core/io/atomicwrite.h>
#include <core/io/projectserializer.h>
#include <core/validation/projectstats.h>
#include <core/simulation/simulator.h>
#include <core/validation/quickfix.h>
#include <core/validation/validator.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>

#include <cstdio>

namespace ew::app {

using namespace ew::core;

static const QStringList Subcommands = {QStringLiteral("validate"), QStringLiteral("export"),
                                        QStringLiteral("import"),   QStringLiteral("render"),
                                        QStringLiteral("rules"),    QStringLiteral("stats"),
                                        QStringLiteral("simulate")};
/// In CLI.md but not in this version yet: a usage error, never the window.
static const QStringList FutureSubcommands = {QStringLiteral("scenarios"),
                                              QStringLiteral("grade"),    QStringLiteral("cost"),
                                              QStringLiteral("events")};

static void out(const QString &text)
{
    const QByteArray b = text.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

static void err(const QString &text)
{
    const QByteArray b = text.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

/// FILE as a project: a project file, or a template imported in memory. On failure prints the
/// error (file, line, column) and returns nullopt; the caller exits with ExitUsage.
static std::optional<ProjectInput> loadInput(const QString &file)
{
    ProjectInput input = loadProjectOrTemplate(file);
    if (!input.project.ok()) {
        err(input.project.error.format(file) + QLatin1Char('\n'));
        return std::nullopt;
    }
    return input;
}

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  eventwright [FILE]                                   open the designer (optionally on FILE)\n"
        "  eventwright validate FILE... [--format text|json|sarif] [--strict] [--fix]\n"
        "  eventwright export FILE --to sam|terraform|mermaid [--out PATH]\n"
        "  eventwright import TEMPLATE [--out PROJECT.ew.yaml] [--force]\n"
        "  eventwright render FILE --out IMAGE.png|IMAGE.svg\n"
        "  eventwright rules [--format text|json]\n"
        "  eventwright stats FILE [--format text|json]\n"
        "  eventwright simulate FILE [--duration S] [--seed N] [--format text|json] [--trace OUT.jsonl]\n"
        "  eventwright --version | --help | SUBCOMMAND --help\n"
        "\n"
        "Exit status: 0 success; 1 the input has errors; 2 usage error or unreadable file.\n");
}

static QString subcommandHelp(const QString &cmd)
{
    if (cmd == u"validate")
        return QStringLiteral(
            "Usage: eventwright validate FILE... [--format text|json|sarif] [--strict] [--fix]\n"
            "Checks each project against the catalog and AWS's rules.\n"
            "  --format text   one line per diagnostic and a closing count (default)\n"
            "  --format json   {\"files\":[{\"file\":F,\"diagnostics\":[...]}]}\n"
            "  --format sarif  SARIF 2.1.0 for code-scanning services\n"
            "  --strict        warnings also make the exit status 1\n"
            "  --fix           apply every safe quick fix and save the project (atomically)\n");
    if (cmd == u"stats")
        return QStringLiteral("Usage: eventwright stats FILE [--format text|json]\n"
                              "Counts components by kind, connections by role and triggers by "
                              "invocation class.\n");
    if (cmd == u"simulate")
        return QStringLiteral(
            "Usage: eventwright simulate FILE [--duration S] [--seed N] [--format text|json] [--trace OUT.jsonl]\n"
            "Replays the project's `simulation` workload through the design on a virtual clock and\n"
            "reports what AWS would do with every event (docs/simulation.md). Without a `simulation`\n"
            "section, one event per trigger source. Designs with validation errors run too.\n"
            "  --duration S     simulated seconds (overrides the file's)\n"
            "  --seed N         random seed (overrides the file's); same seed, same output\n"
            "  --format text    a table per component and the event ledger (default)\n"
            "  --format json    {\"duration_s\",\"seed\",\"events\":{...},\"components\":{...}}\n"
            "  --trace OUT      one JSON line per simulator step (written atomically)\n");
    if (cmd == u"rules")
        return QStringLiteral("Usage: eventwright rules [--format text|json]\n"
                              "Lists every validation rule with its id, severity, summary and "
                              "documentation URL.\n");
    if (cmd == u"render")
        return QStringLiteral("Usage: eventwright render FILE --out IMAGE.png|IMAGE.svg\n"
                              "Draws the project's canvas to an image without opening a window.\n");
    if (cmd == u"export")
        return QStringLiteral(
            "Usage: eventwright export FILE --to sam|terraform|mermaid|mermaid-sequence [--out PATH] [--force] [--alarms]\n"
            "Writes the project as infrastructure as code or a diagram.\n"
            "  --to sam                AWS SAM template (one file)\n"
            "  --to terraform          Terraform module: --out DIR gets main.tf, variables.tf, outputs.tf\n"
            "  --to mermaid            Mermaid flowchart\n"
            "  --to mermaid-sequence   Mermaid sequence diagrams, one per trigger path\n"
            "  --out PATH              write here (atomically); without it the text goes to stdout\n"
            "  --force                 export even when validation reports errors\n"
            "  --alarms                add CloudWatch alarms (errors, iterator age, dead-letter depth)\n");
    if (cmd == u"import")
        return QStringLiteral("Usage: eventwright import TEMPLATE [--out PROJECT.ew.yaml] [--force]\n"
                              "Turns a SAM/CloudFormation template (YAML or JSON) into a project, laid\n"
                              "out left to right; the import report goes to stderr.\n"
                              "  --out PATH   write the project here (atomically); never over TEMPLATE\n"
                              "  --force      replace PATH even when it is not an Eventwright project\n");
    return usageText();
}

bool isCliInvocation(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    if (Subcommands.contains(first) || FutureSubcommands.contains(first) || first == u"--help"
        || first == u"-h" || first == u"--version" || first == u"-v"
        || first.startsWith(QStringLiteral("--")))
        return true;
    // An unknown word that is not an existing file is a mistyped or future subcommand: a usage
    // error, so that a headless pipeline never opens a window (CLI.md). Single-dash words are
    // Qt's own options (-platform, -style) and go to the window.
    return !first.startsWith(QLatin1Char('-')) && !QFileInfo::exists(first);
}

namespace {

/// Options of one subcommand: positional arguments and --key value pairs.
struct Options
{
    QStringList files;
    QHash<QString, QString> values;
    QSet<QString> flags;
    QString error;
};

Options parseOptions(const QStringList &args, const QStringList &valueOptions,
                     const QStringList &flagOptions)
{
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        QString a = args.at(i);
        if (a.startsWith(QStringLiteral("--"))) {
            QString value;
            const int eq = a.indexOf(QLatin1Char('='));
            bool hasInlineValue = eq > 0;
            if (hasInlineValue) {
                value = a.mid(eq + 1);
                a = a.left(eq);
            }
            if (flagOptions.contains(a) && !hasInlineValue) {
                o.flags.insert(a);
            } else if (valueOptions.contains(a)) {
                if (!hasInlineValue) {
                    if (i + 1 >= args.size()) {
                        o.error = QStringLiteral("option %1 needs a value").arg(a);
                        return o;
                    }
                    value = args.at(++i);
                }
                o.values.insert(a, value);
            } else {
                o.error = QStringLiteral("unknown option '%1'").arg(a);
                return o;
            }
        } else {
            o.files << a;
        }
    }
    return o;
}

int usageError(const QString &cmd, const QString &message)
{
    err(QStringLiteral("eventwright %1: %2\n%3").arg(cmd, message, subcommandHelp(cmd)));
    return ExitUsage;
}

bool checkFormat(const Options &o, const QStringList &allowed, QString *format)
{
    *format = o.values.value(QStringLiteral("--format"), QStringLiteral("text"));
    return allowed.contains(*format);
}

QJsonObject diagnosticJson(const Diagnostic &d)
{
    QJsonObject o;
    o.insert(QStringLiteral("rule"), d.rule);
    o.insert(QStringLiteral("severity"), toString(d.severity));
    o.insert(QStringLiteral("message"), d.message);
    o.insert(QStringLiteral("component"), d.component.isEmpty() ? QJsonValue() : QJsonValue(d.component));
    if (d.connection) {
        o.insert(QStringLiteral("connection"),
                 QJsonObject{{QStringLiteral("from"), d.connection->from},
                             {QStringLiteral("to"), d.connection->to},
                             {QStringLiteral("role"), d.connection->role}});
    } else {
        o.insert(QStringLiteral("connection"), QJsonValue());
    }
    o.insert(QStringLiteral("fix"), d.fix.isEmpty() ? QJsonValue() : QJsonValue(d.fix));
    return o;
}

QString subjectText(const Diagnostic &d)
{
    if (d.connection)
        return QStringLiteral(" [%1 -> %2]").arg(d.connection->from, d.connection->to);
    if (!d.component.isEmpty())
        return QStringLiteral(" [%1]").arg(d.component);
    return {};
}

QString plural(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

QJsonObject sarifRule(const RuleInfo &r)
{
    static const QHash<Severity, QString> level = {{Severity::Error, QStringLiteral("error")},
                                                   {Severity::Warning, QStringLiteral("warning")},
                                                   {Severity::Info, QStringLiteral("note")}};
    return QJsonObject{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), r.summary}}},
        {QStringLiteral("fullDescription"), QJsonObject{{QStringLiteral("text"), r.explanation}}},
        {QStringLiteral("helpUri"), r.url},
        {QStringLiteral("defaultConfiguration"),
         QJsonObject{{QStringLiteral("level"), level.value(r.severity)}}},
    };
}

QJsonObject sarifResult(const Diagnostic &d, const QString &file)
{
    const QString name = d.connection
                             ? d.connection->from + QStringLiteral(" -> ") + d.connection->to
                             : (d.component.isEmpty() ? QStringLiteral("project") : d.component);
    QJsonObject logical{{QStringLiteral("name"), name},
                        {QStringLiteral("kind"), d.connection ? QStringLiteral("connection")
                                                              : QStringLiteral("component")}};
    QJsonObject artifact{{QStringLiteral("uri"), file}};
    QJsonObject physical{{QStringLiteral("artifactLocation"), artifact}};
    QJsonObject location{{QStringLiteral("physicalLocation"), physical},
                         {QStringLiteral("logicalLocations"), QJsonArray{logical}}};
    QJsonObject result;
    result.insert(QStringLiteral("ruleId"), d.rule);
    result.insert(QStringLiteral("level"), d.severity == Severity::Info ? QStringLiteral("note")
                                                                        : toString(d.severity));
    result.insert(QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), d.message}});
    result.insert(QStringLiteral("locations"), QJsonArray{location});
    return result;
}

/// Applies every safe quick fix, re-validating after each one (a fix can change what the
/// next diagnostic is about). Returns one line per fix applied.
QStringList applySafeFixes(DiagramData &data, const Catalog &catalog)
{
    QStringList applied;
    QSet<QString> tried;
    for (int round = 0; round < 200; ++round) {
        const QList<Diagnostic> diagnostics = Validator::validate(data, catalog);
        const Diagnostic *next = nullptr;
        QString key;
        for (const Diagnostic &d : diagnostics) {
            if (!d.quickFix || !d.quickFix->safe)
                continue;
            key = d.rule + u'|' + d.component + u'|' + QString::number(d.connectionIndex) + u'|'
                  + d.quickFix->text;
            if (!tried.contains(key)) {
                next = &d;
                break;
            }
        }
        if (!next)
            break;
        tried.insert(key);
        if (applyQuickFix(data, *next->quickFix))
            applied << QStringLiteral("%1%2 %3").arg(next->rule, subjectText(*next), next->quickFix->text);
    }
    return applied;
}

int runValidate(const QStringList &args)
{
    const Options o = parseOptions(args, {QStringLiteral("--format")},
                                   {QStringLiteral("--strict"), QStringLiteral("--fix")});
    if (!o.error.isEmpty())
        return usageError(QStringLiteral("validate"), o.error);
    const bool fix = o.flags.contains(QStringLiteral("--fix"));
    QString format;
    if (!checkFormat(o, {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif")}, &format))
        return usageError(QStringLiteral("validate"), QStringLiteral("unknown format '%1'").arg(format));
    if (o.files.isEmpty())
        return usageError(QStringLiteral("validate"), QStringLiteral("no FILE given"));

    const Catalog &catalog = Catalog::builtin();
    const bool strict = o.flags.contains(QStringLiteral("--strict"));
    bool unreadable = false;
    int loadedFiles = 0;
    int errors = 0, warnings = 0, infos = 0;
    QJsonArray files;
    QJsonArray sarifResults;
    QString text;
    for (const QString &file : o.files) {
        const ProjectInput input = loadProjectOrTemplate(file);
        const ProjectLoadResult &loaded = input.project;
        if (!loaded.ok()) {
            err(loaded.error.format(file) + QLatin1Char('\n'));
            unreadable = true;
            files.append(QJsonObject{{QStringLiteral("file"), file},
                                     {QStringLiteral("diagnostics"), QJsonArray()},
                                     {QStringLiteral("load_error"), loaded.error.format(file)}});
            continue;
        }
        ++loadedFiles;
        DiagramData data = *loaded.data;
        if (fix && input.imported) {
            err(QStringLiteral("%1: --fix changes project files only; import the template first "
                               "(eventwright import)\n").arg(file));
        } else if (fix) {
            const QStringList applied = applySafeFixes(data, catalog);
            if (!applied.isEmpty()) {
                QString saveError;
                if (!ProjectSerializer::saveFile(file, data, &saveError)) {
                    err(QStringLiteral("%1: error: cannot save the fixed project: %2\n").arg(file, saveError));
                    unreadable = true;
                    continue;
                }
                for (const QString &line : applied)
                    text += QStringLiteral("%1: fixed %2\n").arg(file, line);
            }
        }
        const QList<Diagnostic> diagnostics = Validator::validate(data, catalog);
        QJsonArray list;
        for (const Diagnostic &d : diagnostics) {
            switch (d.severity) {
            case Severity::Error: ++errors; break;
            case Severity::Warning: ++warnings; break;
            case Severity::Info: ++infos; break;
            }
            list.append(diagnosticJson(d));
            text += QStringLiteral("%1: %2 %3%4 %5\n")
                        .arg(file, toString(d.severity), d.rule, subjectText(d), d.message);
            sarifResults.append(sarifResult(d, file));
        }
        files.append(QJsonObject{{QStringLiteral("file"), file}, {QStringLiteral("diagnostics"), list}});
    }

    if (format == u"json") {
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("files"), files}})
                                  .toJson(QJsonDocument::Indented)));
    } else if (format == u"sarif") {
        QJsonArray rules;
        for (const RuleInfo &r : Validator::rules())
            rules.append(sarifRule(r));
        const QJsonObject sarif{
            {QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
            {QStringLiteral("version"), QStringLiteral("2.1.0")},
            {QStringLiteral("runs"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("tool"),
                  QJsonObject{{QStringLiteral("driver"),
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("eventwright")},
                                           {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                                           {QStringLiteral("rules"), rules}}}}},
                 {QStringLiteral("results"), sarifResults}}}},
        };
        out(QString::fromUtf8(QJsonDocument(sarif).toJson(QJsonDocument::Indented)));
    } else if (loadedFiles > 0) {
        out(text);
        out(QStringLiteral("%1, %2, %3 in %4\n")
                .arg(plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"),
                     QStringLiteral("%1 info").arg(infos), plural(loadedFiles, "file", "files")));
    }
    if (unreadable)
        return ExitUsage;
    if (errors > 0 || (strict && warnings > 0))
        return ExitInputErrors;
    return ExitOk;
}

QJsonObject countsJson(const QMap<QString, int> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

int runSimulate(const QStringList &args)
{
    const Options o = parseOptions(args, {QStringLiteral("--format"), QStringLiteral("--duration"),
                                          QStringLiteral("--seed"), QStringLiteral("--trace")}, {});
    if (!o.error.isEmpty())
        return usageError(QStringLiteral("simulate"), o.error);
    QString format;
    if (!checkFormat(o, {QStringLiteral("text"), QStringLiteral("json")}, &format))
        return usageError(QStringLiteral("simulate"), QStringLiteral("unknown format '%1'").arg(format));
    if (o.files.size() != 1)
        return usageError(QStringLiteral("simulate"), QStringLiteral("give exactly one FILE"));
    const QString file = o.files.first();
    const std::optional<ProjectInput> input = loadInput(file);
    if (!input)
        return ExitUsage;
    const ProjectLoadResult &loaded = input->project;
    QString problem;
    std::optional<sim::Workload> workload = sim::workloadOf(*loaded.data, &problem);
    if (!workload) {
        err(QStringLiteral("%1: %2\n").arg(file, problem));
        return ExitUsage;
    }
    if (o.values.contains(QStringLiteral("--duration"))) {
        bool ok = false;
        const double d = o.values.value(QStringLiteral("--duration")).toDouble(&ok);
        if (!ok || !(d >= 1 && d <= 30 * 86400.0))
            return usageError(QStringLiteral("simulate"),
                              QStringLiteral("--duration must be a number of seconds from 1 to 2592000"));
        workload->duration = d;
    }
    if (o.values.contains(QStringLiteral("--seed"))) {
        bool ok = false;
        const quint64 seed = o.values.value(QStringLiteral("--seed")).toULongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("simulate"), QStringLiteral("--seed must be a whole number"));
        workload->seed = seed;
    }
    sim::Options options;
    QByteArray trace;
    const QString tracePath = o.values.value(QStringLiteral("--trace"));
    if (o.values.contains(QStringLiteral("--trace"))) {
        if (tracePath.isEmpty())
            return usageError(QStringLiteral("simulate"), QStringLiteral("--trace needs a file name"));
        if (QFileInfo(tracePath).absoluteFilePath() == QFileInfo(file).absoluteFilePath())
            return usageError(QStringLiteral("simulate"), QStringLiteral("--trace must not name the input file"));
        const DiagramData &data = *loaded.data;
        options.onStep = [&trace, &data](const sim::TraceStep &step) {
            trace += sim::traceLine(data, step);
            trace += '\n';
        };
    }
    const sim::Result result = sim::simulate(*loaded.data, Catalog::builtin(), *workload, options);
    if (!tracePath.isEmpty()) {
        QString writeError;
        if (!writeFileAtomically(tracePath, trace, &writeError)) {
            err(QStringLiteral("%1: %2\n").arg(tracePath, writeError));
            return ExitUsage;
        }
    }
    if (format == u"json")
        out(QString::fromUtf8(sim::toJson(*loaded.data, result)) + QLatin1Char('\n'));
    else
        out(sim::toText(*loaded.data, result));
    if (!result.conserved) {
        err(QStringLiteral("eventwright simulate: the ledger does not add up; please report this bug\n"));
        return ExitInputErrors;
    }
    return ExitOk;
}

int runStats(const QStringList &args)
{
    const Options o = parseOptions(args, {QStringLiteral("--format")}, {});
    if (!o.error.isEmpty())
        return usageError(QStringLiteral("stats"), o.error);
    QString format;
    if (!checkFormat(o, {QStringLiteral("text"), QStringLiteral("json")}, &format))
        return usageError(QStringLiteral("stats"), QStringLiteral("unknown format '%1'").arg(format));
    if (o.files.size() != 1)
        return usageError(QStringLiteral("stats"), QStringLiteral("give exactly one FILE"));
    const QString file = o.files.first();
    const std::optional<ProjectInput> input = loadInput(file);
    if (!input)
        return ExitUsage;
    const ProjectLoadResult &loaded = input->project;
    ProjectStats s = ProjectStats::compute(*loaded.data, Catalog::builtin());
    if (input->imported)
        s.unmapped = int(input->unmapped.size());
    if (format == u"json") {
        const QJsonObject json{
            {QStringLiteral("components"), countsJson(s.components)},
            {QStringLiteral("connections"), countsJson(s.connections)},
            {QStringLiteral("triggers"), QJsonObject{{QStringLiteral("sync"), s.sync},
                                                     {QStringLiteral("async"), s.async},
                                                     {QStringLiteral("poll"), s.poll}}},
            {QStringLiteral("trigger_sources"), countsJson(s.triggerSources)},
            {QStringLiteral("unmapped"), s.unmapped},
        };
        out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    QString t;
    int total = 0;
    for (int n : s.components)
        total += n;
    t += QStringLiteral("%1: %2\n").arg(file, plural(total, "component", "components"));
    for (auto it = s.components.cbegin(); it != s.components.cend(); ++it)
        t += QStringLiteral("  %1 %2\n").arg(it.value(), 4).arg(it.key());
    int connections = 0;
    for (int n : s.connections)
        connections += n;
    t += plural(connections, "connection", "connections") + QLatin1Char('\n');
    for (auto it = s.connections.cbegin(); it != s.connections.cend(); ++it)
        t += QStringLiteral("  %1 %2\n").arg(it.value(), 4).arg(it.key());
    t += QStringLiteral("triggers: %1 sync, %2 async, %3 poll\n").arg(s.sync).arg(s.async).arg(s.poll);
    for (auto it = s.triggerSources.cbegin(); it != s.triggerSources.cend(); ++it)
        t += QStringLiteral("  %1 from %2\n").arg(it.value(), 4).arg(it.key());
    t += QStringLiteral("unmapped: %1\n").arg(s.unmapped);
    out(t);
    return ExitOk;
}

int runRules(const QStringList &args)
{
    const Options o = parseOptions(args, {QStringLiteral("--format")}, {});
    if (!o.error.isEmpty())
        return usageError(QStringLiteral("rules"), o.error);
    if (!o.files.isEmpty())
        return usageError(QStringLiteral("rules"), QStringLiteral("takes no FILE"));
    QString format;
    if (!checkFormat(o, {QStringLiteral("text"), QStringLiteral("json")}, &format))
        return usageError(QStringLiteral("rules"), QStringLiteral("unknown format '%1'").arg(format));
    if (format == u"json") {
        QJsonArray rules;
        for (const RuleInfo &r : Validator::rules()) {
            rules.append(QJsonObject{{QStringLiteral("id"), r.id},
                                     {QStringLiteral("severity"), toString(r.severity)},
                                     {QStringLiteral("summary"), r.summary},
                                     {QStringLiteral("explanation"), r.explanation},
                                     {QStringLiteral("url"), r.url}});
        }
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("rules"), rules}})
                                  .toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    QString t;
    for (const RuleInfo &r : Validator::rules()) {
        t += QStringLiteral("%1  %2  %3\n    %4\n    %5\n")
                 .arg(r.id, -12)
                 .arg(toString(r.severity), -7)
                 .arg(r.summary, r.explanation, r.url);
    }
    out(t);
    return ExitOk;
}

} // namespace

/// True when both names are the same existing file (also through links or "..").
static bool sameFile(const QString &a, const QString &b)
{
    const QFileInfo fa(a), fb(b);
    if (!fa.exists() || !fb.exists())
        return false;
    return fa.canonicalFilePath() == fb.canonicalFilePath();
}

/// Why `outPath` must not be written by `cmd` (the input file, or not a project), or "".
static QString refuseOutput(const QString &input, const QString &outPath)
{
    if (sameFile(input, outPath))
        return QStringLiteral("%1: error: --out names the input file; refusing to write over it")
            .arg(outPath);
    return {};
}

static int runImport(const QStringList &args)
{
    const Options o = parseOptions(args, {QStringLiteral("--out")}, {QStringLiteral("--force")});
    if (!o.error.isEmpty())
        return usageError(QStringLiteral("import"), o.error);
    if (o.files.size() != 1)
        return usageError(QStringLiteral("import"), QStringLiteral("give exactly one TEMPLATE"));
    const QString file = o.files.first();
    // Read once; what it holds is reported after the checks on --out, as before.
    const ProjectInput input = loadProjectOrTemplate(file);
    if (input.readFailed) {
        err(input.project.error.format(file) + QLatin1Char('\n'));
        return ExitUsage;
    }
    if (!input.imported) {
        err(QStringLiteral("%1: error: not a SAM/CloudFormation template (no AWSTemplateFormatVersion, "
                           "Transform or Resources at the top level)\n").arg(file));
        return ExitUsage;
    }
    const QString outPath = o.values.value(QStringLiteral("--out"));
    if (!outPath.isEmpty()) {
        if (const QString refused = refuseOutput(file, outPath); !refused.isEmpty()) {
            err(refused + QLatin1Char('\n'));
            return ExitUsage;
        }
        const QFileInfo target(outPath);
        if (target.exists() && !o.flags.contains(QStringLiteral("--force"))
            && (!target.isFile() || (target.size() > 0 && !ProjectSerializer::loadFile(outPath).ok()))) {
            err(QStringLiteral("%1: error: exists and is not an Eventwright project; refusing to "
                               "replace it (use --force)\n").arg(outPath));
            return ExitUsage;
        }
    }
    if (!input.project.ok()) {
        err(input.project.error.format(file) + QLatin1Char('\n'));
        return ExitUsage;
    }
    // The import report goes to stderr; the project to stdout or --out.
    const DiagramData &data = *input.project.data;
    err(QStringLiteral("%1: imported %2 and %3; %4 not mapped\n")
            .arg(file, plural(int(data.components.size()), "component", "components"),
                 plural(int(data.connections.size()), "connection", "connections"),
                 plural(int(input.unmapped.size()), "resource", "resources")));
    for (const QString &u : input.unmapped)
        err(QStringLiteral("%1: unmapped %2 (kept as written, exported back to SAM)\n").arg(file, u));
    for (const Diagnostic &d : input.notes)
        err(QStringLiteral("%1: %2 %3%4 %5\n").arg(file, toString(d.severity), d.rule, subjectText(d), d.message));
    if (outPath.isEmpty()) {
        out(QString::fromUtf8(ProjectSerializer::save(data)));
        return ExitOk;
    }
    QString error;
    if (!ProjectSerializer::saveFile(outPath, data, &error)) {
        err(QStringLiteral("%1: error: %2\n").arg(outPath, error));
        return ExitUsage;
    }
    return ExitOk;
}

static int runExport(const QStringList &args)
{
    const Options o = parseOptions(args, {QStringLiteral("--to"), QStringLiteral("--out")},
                                   {QStringLiteral("--force"), QStringLiteral("--alarms")});
    if (!o.error.isEmpty())
        return usageError(QStringLiteral("export"), o.error);
    if (o.files.size() != 1)
        return usageError(QStringLiteral("export"), QStringLiteral("give exactly one FILE"));
    const ExporterRegistry &registry = ExporterRegistry::builtin();
    const QString to = o.values.value(QStringLiteral("--to"));
    const Exporter *exporter = registry.find(to);
    if (!exporter)
        return usageError(QStringLiteral("export"),
                          to.isEmpty() ? QStringLiteral("--to is required")
                                       : QStringLiteral("unknown format '%1' (use %2)")
                                             .arg(to, registry.ids().join(QStringLiteral(", "))));
    const QString file = o.files.first();
    const QString outPath = o.values.value(QStringLiteral("--out"));
    if (!outPath.isEmpty() && !exporter->isFolder()) {
        if (const QString refused = refuseOutput(file, outPath); !refused.isEmpty()) {
            err(refused + QLatin1Char('\n'));
            return ExitUsage;
        }
    }
    const std::optional<ProjectInput> input = loadInput(file);
    if (!input)
        return ExitUsage;
    const ProjectLoadResult &loaded = input->project;
    const Catalog &catalog = Catalog::builtin();
    const QList<Diagnostic> blockers = exportBlockers(*loaded.data, catalog);
    for (const Diagnostic &d : blockers)
        err(QStringLiteral("%1: error %2%3 %4\n").arg(file, d.rule, subjectText(d), d.message));
    if (!blockers.isEmpty() && !o.flags.contains(QStringLiteral("--force"))) {
        err(QStringLiteral("eventwright export: %1 has %2; fix them or use --force\n")
                .arg(file, plural(int(blockers.size()), "error", "errors")));
        return ExitInputErrors;
    }
    ExportOptions options;
    options.alarms = o.flags.contains(QStringLiteral("--alarms"));
    const ExportResult result = exporter->exportDiagram(*loaded.data, catalog, options);
    for (const Diagnostic &d : result.diagnostics)
        err(QStringLiteral("%1: %2 %3%4 %5\n").arg(file, toString(d.severity), d.rule, subjectText(d), d.message));
    if (result.hasErrors())
        return ExitInputErrors;

    if (outPath.isEmpty()) {
        for (const ExportFile &f : result.files) {
            if (exporter->isFolder())
                out(QStringLiteral("# file: %1\n").arg(f.name));
            out(QString::fromUtf8(f.content));
        }
        return ExitOk;
    }
    if (exporter->isFolder()) {
        for (const ExportFile &f : result.files) {
            const QString refused = refuseOutput(file, QDir(outPath).filePath(f.name));
            if (!refused.isEmpty()) {
                err(refused + QLatin1Char('\n'));
                return ExitUsage;
            }
        }
    }
    QString error;
    if (!writeExport(*exporter, result, outPath, &error)) {
        err(QStringLiteral("eventwright export: %1\n").arg(error));
        return ExitUsage;
    }
    return ExitOk;
}

int runCli(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (first == u"--version" || first == u"-v") {
        out(QStringLiteral("eventwright %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    if (first == u"--help" || first == u"-h") {
        out(QStringLiteral("Eventwright %1 - design event-driven serverless architectures on AWS.\n\n")
                .arg(QCoreApplication::applicationVersion())
            + usageText());
        return ExitOk;
    }
    if (FutureSubcommands.contains(first)) {
        err(QStringLiteral("eventwright %1: not available in this version yet (see the README's roadmap)\n%2")
                .arg(first, usageText()));
        return ExitUsage;
    }
    if (!Subcommands.contains(first)) {
        err(QStringLiteral("eventwright: unknown option or subcommand '%1' (and no such file)\n%2")
                .arg(first, usageText()));
        return ExitUsage;
    }
    if (rest.contains(QStringLiteral("--help")) || rest.contains(QStringLiteral("-h"))) {
        out(subcommandHelp(first));
        return ExitOk;
    }
    if (first == u"validate")
        return runValidate(rest);
    if (first == u"stats")
        return runStats(rest);
    if (first == u"rules")
        return runRules(rest);
    if (first == u"simulate")
        return runSimulate(rest);
    if (first == u"export")
        return runExport(rest);
    if (first == u"import")
        return runImport(rest);
    err(QStringLiteral("eventwright %1: not available in this version yet (see the README's roadmap)\n")
            .arg(first));
    return ExitUsage;
}

} // namespace ew::app

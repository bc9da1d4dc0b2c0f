// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/catalog/catalog.h"
#include "core/model/diagram.h"
#include "core/model/value.h"
#include "core/simulation/simulator.h"
#include "core/simulation/workload.h"
#include "core/validation/diagnostic.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ew::core::sim {

/// "Show me" for a problem: a scripted workload that, replayed through the user's own design,
/// makes the diagnosed failure happen, with the text that explains it, what to watch and the
/// checks that say it happened. The scripts are data (resources/simulation/showme.yaml, see
/// docs/simulation.md#show-me for the vocabulary); there is no C++ per rule.
struct ShowMe
{
    QString rule;
    int variant = 0;          ///< which of the rule's scripts (the first whose `when` holds)
    QString title;            ///< one line: what the run shows
    QString explanation;      ///< what happens and why, with the design's ids and numbers
    QString watch;            ///< the figure or fate to look at
    QString focus;            ///< component id to watch (select it in the window)
    QStringList expect;       ///< checks on the result, with the placeholders replaced by ids
    Workload workload;        ///< what to simulate
};

/// The show-me for a diagnostic on this design, or nullopt when its rule has none or none of
/// its scripts fits the design (an end it names is missing, a `when` does not hold, a value it
/// computes from the design is missing). With variant >= 0 that script is used whatever its
/// `when` says: the test runs the same script on the fixed design.
std::optional<ShowMe> showMeFor(const Diagnostic &diagnostic, const DiagramData &data, const Catalog &catalog,
                                int variant = -1);

/// True when the rule has a show-me script (whether it fits a given design is showMeFor's).
bool hasShowMe(const QString &rule);
/// The rules with show-me scripts, sorted.
QStringList showMeRules();

/// One check of ShowMe::expect evaluated on a run.
struct Check
{
    QString text;             ///< as written, with ids: "'worker'.duplicates > 0"
    bool holds = false;
    double left = 0;          ///< value of the left side
    QString error;            ///< why it could not be evaluated (unknown component, figure)
};

/// Evaluates the expectations on the run's result. The failure is shown when every check holds.
std::vector<Check> evaluateChecks(const ShowMe &showMe, const DiagramData &data, const Result &result);
bool showsFailure(const ShowMe &showMe, const DiagramData &data, const Result &result);

/// A set of show-me scripts parsed from YAML. builtin() is the embedded file.
class ShowMeLibrary
{
public:
    static const ShowMeLibrary &builtin();
    /// Parses and checks the file (keys, expression syntax, names of placeholders and figures).
    /// On failure returns false and sets error ("LINE:COL: message" or "RULE: message").
    bool load(const QByteArray &yaml, QString *error);

    QStringList rules() const;
    /// The scripts of a rule in file order (each a map), or nullptr.
    const std::vector<Value> *scripts(const QString &rule) const;

private:
    std::vector<std::pair<QString, std::vector<Value>>> m_rules;
};

} // namespace ew::core::sim

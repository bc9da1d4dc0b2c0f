// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <vector>

namespace ew::core::sim {

/// One number the simulator takes from AWS's documentation (or, marked illustrative, a
/// stand-in for an internal AWS does not publish), with its source and the date it was checked.
/// This table is the only place these numbers live; docs/simulation.md lists it.
struct AwsNumber
{
    const char *key;
    double value;
    const char *unit;
    const char *source;        ///< documentation URL
    const char *checked;       ///< YYYY-MM-DD
    bool illustrative;         ///< AWS gives no exact figure; the value teaches the shape
};

const std::vector<AwsNumber> &awsNumbers();
/// The value of a key of the table; aborts on an unknown key (a programming error).
double awsNumber(const char *key);

} // namespace ew::core::sim

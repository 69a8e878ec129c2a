#pragma once
// The sections of the HTML report, each a piece of HTML. Internal to libcnnlab.
#include <string>
#include <vector>

#include "cnnlab/host/store_records.hpp"

namespace cnnlab::report {

// The comparison table, id "comparison": one row per run, the first marked as the baseline.
std::string comparison_section(const std::vector<RunDetail>& runs);
// Train (solid) and validation (dashed) loss and accuracy per fold, two SVG charts per run.
std::string curves_section(const std::vector<RunDetail>& runs);
// Per-class test accuracy (an SVG bar chart) and the confusion matrix summed over folds.
std::string classes_section(const std::vector<RunDetail>& runs);
// Host, threads, version, times, and the resolved YAML of each run.
std::string provenance_section(const std::vector<RunDetail>& runs);

// The page's style and the hover script.
const char* report_style();
const char* report_script();

}  // namespace cnnlab::report

#pragma once
// `cnnlab runs report`: stored runs as one self-contained HTML page (no network, no other file:
// the style, the scripts and every chart inline) to open in a browser or send to a colleague.
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/store_records.hpp"

namespace cnnlab {

struct ReportContext {
  std::string history;       // the history file the runs come from
  std::string generated_at;  // ISO 8601 UTC
};

// The page for `runs`, the first one the baseline of the comparison: the comparison table
// (mean ± std over folds, the difference to the baseline with the Nadeau-Bengio corrected
// paired t-test where the folds pair), learning curves per run and fold as SVG with the values
// on hover, per-class test accuracy and the confusion matrix of each run (or why there is
// none), the resolved YAML, and where and when each run was made. Error for no runs.
CNNLAB_API std::string html_report(const std::vector<RunDetail>& runs,
                                   const ReportContext& context);

}  // namespace cnnlab

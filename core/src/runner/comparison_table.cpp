#include <cmath>
#include <cstdio>
#include <string>

#include "cnnlab/host/runner.hpp"
#include "cnnlab/host/stats.hpp"

namespace cnnlab {

namespace {

std::vector<double> column(const VariantResult& v, double FoldRecord::*field) {
  std::vector<double> values;
  for (const auto& f : v.folds)
    if (!f.diverged && std::isfinite(f.*field)) values.push_back(f.*field);
  return values;
}

std::string mean_std(const std::vector<double>& values, int decimals) {
  if (values.empty()) return "-";
  char buf[64];
  if (values.size() == 1)
    std::snprintf(buf, sizeof buf, "%.*f", decimals, values[0]);
  else
    std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, mean(values), decimals,
                  sample_std(values));
  return buf;
}

// Difference of `field` to the baseline with the corrected paired t-test, when both have
// the same folds, all finite.
std::string paired_difference(const VariantResult& v, const VariantResult& base,
                              double FoldRecord::*field) {
  std::vector<double> a, b;
  if (v.folds.size() != base.folds.size()) return "-";
  for (size_t i = 0; i < v.folds.size(); ++i) {
    if (v.folds[i].fold != base.folds[i].fold) return "-";
    const double x = v.folds[i].*field, y = base.folds[i].*field;
    if (!std::isfinite(x) || !std::isfinite(y)) return "-";
    a.push_back(x);
    b.push_back(y);
  }
  if (a.size() < 2) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.4f", a.empty() ? 0.0 : a[0] - b[0]);
    return a.empty() ? "-" : buf;
  }
  // Histories from before schema v3 do not know the fold sizes the correction needs.
  if (v.train_samples == 0 || v.validation_samples == 0) return "-";
  const PairedTestResult t = corrected_paired_t_test(a, b, v.train_samples, v.validation_samples);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.4f (p=%.3f)", t.mean_difference, t.p_value);
  return buf;
}

// Width of a UTF-8 string in terminal columns (± is one column, two bytes).
size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& s, size_t width) {
  const size_t w = display_width(s);
  return s + std::string(w < width ? width - w : 0, ' ');
}

}  // namespace

std::string comparison_table(const ExperimentResult& result) {
  if (result.variants.empty()) return "";
  const VariantResult& base = result.variants.front();
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"variant", "status", "folds", "val_loss", "val_accuracy", "test_accuracy",
                  "best_epoch", "seconds", "Δval_accuracy", "Δtest_accuracy"});
  for (const auto& v : result.variants) {
    std::vector<double> best;
    for (const auto& f : v.folds) best.push_back(f.best_epoch);
    char seconds[32], best_epoch[32] = "-";
    std::snprintf(seconds, sizeof seconds, "%.0f", v.seconds);
    if (!best.empty()) std::snprintf(best_epoch, sizeof best_epoch, "%.1f", mean(best));
    const bool is_base = &v == &base;
    rows.push_back(
        {v.name, to_string(v.status), std::to_string(v.folds.size()),
         mean_std(column(v, &FoldRecord::val_loss), 4),
         mean_std(column(v, &FoldRecord::val_accuracy), 4),
         mean_std(column(v, &FoldRecord::test_accuracy), 4), best_epoch, seconds,
         is_base ? "(baseline)" : paired_difference(v, base, &FoldRecord::val_accuracy),
         is_base ? "(baseline)" : paired_difference(v, base, &FoldRecord::test_accuracy)});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < rows[r].size(); ++c) line += pad(rows[r][c], widths[c] + 2);
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
    if (r == 0) out += std::string(display_width(line), '-') + "\n";
  }
  if (result.variants.size() > 1 && base.folds.size() > 1)
    out +=
        "Δ: mean difference to the first variant over paired folds; p: two-sided "
        "Nadeau-Bengio corrected resampled t-test.\n";
  return out;
}

}  // namespace cnnlab

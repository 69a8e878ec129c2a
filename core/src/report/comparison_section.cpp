// The comparison table: what `cnnlab run` prints at the end, for any runs of the history.
#include <cmath>

#include "cnnlab/host/stats.hpp"
#include "html_text.hpp"
#include "report_sections.hpp"

namespace cnnlab::report {

namespace {

std::vector<double> finite_values(const RunDetail& r, double FoldRecord::*field) {
  std::vector<double> values;
  for (const auto& f : r.folds)
    if (!f.diverged && std::isfinite(f.*field)) values.push_back(f.*field);
  return values;
}

std::string mean_pm_std(const std::vector<double>& v, const char* format) {
  if (v.empty()) return "-";
  if (v.size() == 1) return number(format, v[0]);
  return number(format, mean(v)) + " ± " + number(format, sample_std(v));
}

// The difference to the baseline and its corrected paired t-test, when the folds pair: same
// experiment and seed (so the same folds), the same fold numbers, every value finite.
std::string difference(const RunDetail& r, const RunDetail& base, double FoldRecord::*field) {
  if (r.run.experiment != base.run.experiment || r.run.seed != base.run.seed ||
      r.folds.size() != base.folds.size() || r.folds.empty())
    return "<span class=\"muted\">not paired</span>";
  std::vector<double> a, b;
  for (size_t i = 0; i < r.folds.size(); ++i) {
    const double x = r.folds[i].*field, y = base.folds[i].*field;
    if (r.folds[i].fold != base.folds[i].fold || !std::isfinite(x) || !std::isfinite(y))
      return "<span class=\"muted\">not paired</span>";
    a.push_back(x);
    b.push_back(y);
  }
  const FoldRecord& f = r.folds.front();
  if (a.size() < 2 || f.train_samples == 0 || f.validation_samples == 0)
    return number("%+.4f", mean(a) - mean(b)) + " <span class=\"muted\">(no test)</span>";
  const PairedTestResult t = corrected_paired_t_test(a, b, static_cast<size_t>(f.train_samples),
                                                     static_cast<size_t>(f.validation_samples));
  const std::string text =
      number("%+.4f", t.mean_difference) + " (p=" + number("%.3f", t.p_value) + ")";
  return t.p_value < 0.05 ? "<strong>" + text + "</strong>" : text;
}

std::string best_epochs(const RunDetail& r) {
  std::vector<double> best;
  for (const auto& f : r.folds)
    if (f.best_epoch > 0) best.push_back(f.best_epoch);
  return best.empty() ? "-" : number("%.1f", mean(best));
}

}  // namespace

std::string comparison_section(const std::vector<RunDetail>& runs) {
  std::string html =
      "<section><h2>Comparison</h2><div class=\"wide\"><table "
      "id=\"comparison\"><thead><tr><th>run</th>"
      "<th>variant</th><th>status</th><th>folds</th><th>val_loss</th><th>val_accuracy</th>"
      "<th>test_accuracy</th><th>best epoch</th><th>train s</th><th>Δval_accuracy</th>"
      "<th>Δtest_accuracy</th></tr></thead><tbody>";
  const RunDetail& base = runs.front();
  for (const RunDetail& r : runs) {
    double seconds = 0;
    for (const auto& f : r.folds) seconds += f.train_seconds;
    const bool baseline = &r == &base;
    html += std::string("<tr") + (baseline ? " class=\"baseline\"" : "") + "><td>" +
            std::to_string(r.run.id) + "</td><td>" + escaped(r.run.variant) + "</td><td>" +
            to_string(r.run.status) + "</td><td>" + std::to_string(r.folds.size()) + "</td><td>" +
            mean_pm_std(finite_values(r, &FoldRecord::val_loss), "%.4f") + "</td><td>" +
            mean_pm_std(finite_values(r, &FoldRecord::val_accuracy), "%.4f") + "</td><td>" +
            mean_pm_std(finite_values(r, &FoldRecord::test_accuracy), "%.4f") + "</td><td>" +
            best_epochs(r) + "</td><td>" + number("%.0f", seconds) + "</td>";
    if (baseline)
      html += "<td colspan=\"2\" class=\"muted\">(baseline)</td></tr>";
    else
      html += "<td>" + difference(r, base, &FoldRecord::val_accuracy) + "</td><td>" +
              difference(r, base, &FoldRecord::test_accuracy) + "</td></tr>";
  }
  return html +
         "</tbody></table></div><p class=\"note\">Mean ± sample standard deviation over folds. Δ: "
         "mean "
         "difference to the baseline (run " +
         std::to_string(base.run.id) +
         ", first row) over paired folds; p: two-sided Nadeau-Bengio corrected resampled "
         "t-test, in bold below 0.05.</p></section>";
}

}  // namespace cnnlab::report

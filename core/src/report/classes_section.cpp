// Per-class test accuracy and the confusion matrix of each run, summed over its folds (every
// fold is tested on the same test split).
#include "html_text.hpp"
#include "report_sections.hpp"
#include "svg_chart.hpp"

namespace cnnlab::report {

namespace {

struct Summed {
  std::vector<std::string> names;
  std::vector<std::vector<int64_t>> counts;
  size_t folds = 0;
};

Summed summed_confusion(const RunDetail& r) {
  Summed s;
  for (const auto& f : r.folds) {
    if (f.test_confusion.empty()) continue;
    if (s.counts.empty()) {
      s.names = f.class_names;
      s.counts.assign(f.test_confusion.size(), std::vector<int64_t>(f.test_confusion.size(), 0));
    }
    if (f.test_confusion.size() != s.counts.size()) continue;
    for (size_t t = 0; t < s.counts.size(); ++t)
      for (size_t p = 0; p < s.counts.size() && p < f.test_confusion[t].size(); ++p)
        s.counts[t][p] += f.test_confusion[t][p];
    ++s.folds;
  }
  for (size_t c = s.names.size(); c < s.counts.size(); ++c) s.names.push_back(std::to_string(c));
  return s;
}

std::vector<double> per_class_accuracy(const Summed& s) {
  std::vector<double> accuracy;
  for (size_t t = 0; t < s.counts.size(); ++t) {
    int64_t total = 0;
    for (int64_t n : s.counts[t]) total += n;
    accuracy.push_back(total ? static_cast<double>(s.counts[t][t]) / total : kNoValue);
  }
  return accuracy;
}

// Shaded by the share of the true class's row, in one blue of the palette: readable in grey.
std::string matrix_table(const RunDetail& r, const Summed& s) {
  std::string html = "<table class=\"confusion\" id=\"confusion-run" + std::to_string(r.run.id) +
                     "\"><thead><tr><th>true \\ predicted</th>";
  for (const auto& name : s.names) html += "<th>" + escaped(name) + "</th>";
  html += "</tr></thead><tbody>";
  for (size_t t = 0; t < s.counts.size(); ++t) {
    int64_t total = 0;
    for (int64_t n : s.counts[t]) total += n;
    html += "<tr><th>" + escaped(s.names[t]) + "</th>";
    for (size_t p = 0; p < s.counts.size(); ++p) {
      const double share = total ? static_cast<double>(s.counts[t][p]) / total : 0.0;
      html += "<td style=\"background:rgba(0,114,178," + number("%.3f", share) + ")" +
              (share > 0.5 ? ";color:#fff" : "") + "\" title=\"true " + escaped(s.names[t]) +
              ", predicted " + escaped(s.names[p]) + ": " + std::to_string(s.counts[t][p]) + " (" +
              number("%.1f", 100 * share) + "% of the row)\">" + std::to_string(s.counts[t][p]) +
              "</td>";
    }
    html += "</tr>";
  }
  return html + "</tbody></table>";
}

}  // namespace

std::string classes_section(const std::vector<RunDetail>& runs) {
  std::string html = "<section><h2>Per-class test accuracy and confusion matrices</h2>";
  for (const RunDetail& r : runs) {
    const std::string title = "run " + std::to_string(r.run.id) + " " + r.run.variant;
    html += "<h3>" + escaped(title) + "</h3>";
    const Summed s = summed_confusion(r);
    if (s.folds == 0) {
      html += "<p class=\"missing\">Run " + std::to_string(r.run.id) +
              " has no confusion matrix: it was recorded before the history kept them (schema "
              "v4), or its experiment has no test split.</p>";
      continue;
    }
    html += "<p class=\"note\">Test split, summed over " + std::to_string(s.folds) + " of " +
            std::to_string(r.folds.size()) + " folds; rows are the true class.</p>";
    html += "<div class=\"pair\">" +
            bar_chart("classes-run" + std::to_string(r.run.id), title + ": per-class accuracy",
                      s.names, per_class_accuracy(s), "test accuracy (fraction)") +
            matrix_table(r, s) + "</div>";
  }
  return html + "</section>";
}

}  // namespace cnnlab::report

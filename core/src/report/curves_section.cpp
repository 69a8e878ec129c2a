#include <cmath>

#include "html_text.hpp"
#include "report_sections.hpp"
#include "svg_chart.hpp"

namespace cnnlab::report {

namespace {

Series series(const std::vector<EpochRecord>& epochs, double EpochRecord::*field,
              const std::string& label, const std::string& colour, bool dashed) {
  Series s{label, colour, dashed, {}};
  for (const auto& e : epochs)
    if (std::isfinite(e.*field)) s.points.push_back({e.epoch, e.*field});
  return s;
}

std::string chart(const RunDetail& r, const std::string& metric, double EpochRecord::*train,
                  double EpochRecord::*validation, const std::string& unit) {
  LineChart c;
  c.id = "curves-" + metric + "-run" + std::to_string(r.run.id);
  c.title = "run " + std::to_string(r.run.id) + " " + r.run.variant + ": " + metric;
  c.x_label = "epoch";
  c.y_label = metric + " (" + unit + ")";
  size_t i = 0;
  for (const auto& [fold, epochs] : r.epochs) {
    const std::string name = fold == 0 ? "" : "fold " + std::to_string(fold) + " ";
    c.series.push_back(series(epochs, train, name + "train", safe_colour(i), false));
    Series v = series(epochs, validation, name + "val", safe_colour(i), true);
    if (!v.points.empty()) c.series.push_back(std::move(v));
    ++i;
  }
  return line_chart(c);
}

}  // namespace

std::string curves_section(const std::vector<RunDetail>& runs) {
  std::string html =
      "<section><h2>Learning curves</h2><p class=\"note\">Training (solid) and validation "
      "(dashed) per fold, one colour per fold; point at a value to read it.</p>";
  for (const RunDetail& r : runs) {
    html += "<div class=\"pair\">";
    if (r.epochs.empty())
      html +=
          "<p class=\"missing\">run " + std::to_string(r.run.id) + " has no epochs recorded.</p>";
    else
      html += chart(r, "loss", &EpochRecord::loss, &EpochRecord::val_loss, "cross-entropy") +
              chart(r, "accuracy", &EpochRecord::accuracy, &EpochRecord::val_accuracy,
                    "fraction correct");
    html += "</div>";
  }
  return html + "</section>";
}

}  // namespace cnnlab::report

#pragma once
// Inline SVG charts for the HTML report: axes with ticks and units, a legend, and a point
// element per value that the page's script shows on hover. Internal to libcnnlab.
#include <string>
#include <utility>
#include <vector>

namespace cnnlab::report {

// Okabe and Ito's colour-blind-safe palette, as CSS colours.
const std::string& safe_colour(size_t i);

struct Series {
  std::string label;
  std::string colour;
  bool dashed = false;
  std::vector<std::pair<double, double>> points;  // (x, y), finite
};

struct LineChart {
  std::string id, title, x_label, y_label;
  std::vector<Series> series;
};

std::string line_chart(const LineChart& chart);

// Bars of values in [0, 1] (accuracies), one per label.
std::string bar_chart(const std::string& id, const std::string& title,
                      const std::vector<std::string>& labels, const std::vector<double>& values,
                      const std::string& y_label);

}  // namespace cnnlab::report

#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include "html_text.hpp"

namespace cnnlab::report {

namespace {

constexpr double kWidth = 560, kHeight = 300;
constexpr double kLeft = 64, kRight = 150, kTop = 34, kBottom = 48;

// About five ticks at 1, 2 or 5 times a power of ten.
std::vector<double> ticks(double lo, double hi) {
  const double raw = (hi - lo) / 5;
  if (!(raw > 0)) return {lo};
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw <= power       ? power
                      : raw <= 2 * power ? 2 * power
                      : raw <= 5 * power ? 5 * power
                                         : 10 * power;
  std::vector<double> out;
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; ++k)
    out.push_back(k == 0 ? 0.0 : k * step);  // never "-0"
  return out;
}

struct Frame {
  double x_lo, x_hi, y_lo, y_hi;
  double x(double v) const {
    return kLeft + (v - x_lo) / (x_hi - x_lo) * (kWidth - kLeft - kRight);
  }
  double y(double v) const {
    return kHeight - kBottom - (v - y_lo) / (y_hi - y_lo) * (kHeight - kTop - kBottom);
  }
};

std::string open_svg(const std::string& id, const std::string& title) {
  return "<svg class=\"chart\" id=\"" + escaped(id) + "\" viewBox=\"0 0 " + number("%.0f", kWidth) +
         " " + number("%.0f", kHeight) + "\" role=\"img\" aria-label=\"" + escaped(title) +
         "\"><text class=\"title\" x=\"" + number("%.0f", kLeft) + "\" y=\"20\">" + escaped(title) +
         "</text>";
}

// Bars are labelled by name, so they get no x ticks; epochs are whole numbers.
std::string axes(const Frame& f, const std::string& x_label, const std::string& y_label,
                 bool x_ticks) {
  std::string s;
  for (double v : ticks(f.y_lo, f.y_hi)) {
    const std::string y = number("%.1f", f.y(v));
    s += "<line class=\"grid\" x1=\"" + number("%.1f", kLeft) + "\" x2=\"" +
         number("%.1f", kWidth - kRight) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    s += "<text class=\"tick\" text-anchor=\"end\" x=\"" + number("%.1f", kLeft - 6) + "\" y=\"" +
         number("%.1f", f.y(v) + 4) + "\">" + number("%.4g", v) + "</text>";
  }
  for (double v : x_ticks ? ticks(f.x_lo, f.x_hi) : std::vector<double>{}) {
    if (v != std::floor(v)) continue;
    s += "<text class=\"tick\" text-anchor=\"middle\" x=\"" + number("%.1f", f.x(v)) + "\" y=\"" +
         number("%.1f", kHeight - kBottom + 16) + "\">" + number("%.4g", v) + "</text>";
  }
  s += "<rect class=\"frame\" x=\"" + number("%.1f", kLeft) + "\" y=\"" + number("%.1f", kTop) +
       "\" width=\"" + number("%.1f", kWidth - kLeft - kRight) + "\" height=\"" +
       number("%.1f", kHeight - kTop - kBottom) + "\"/>";
  s += "<text class=\"label\" text-anchor=\"middle\" x=\"" +
       number("%.1f", (kLeft + kWidth - kRight) / 2) + "\" y=\"" + number("%.1f", kHeight - 10) +
       "\">" + escaped(x_label) + "</text>";
  s += "<text class=\"label\" text-anchor=\"middle\" transform=\"translate(16," +
       number("%.1f", (kTop + kHeight - kBottom) / 2) + ") rotate(-90)\">" + escaped(y_label) +
       "</text>";
  return s;
}

std::string legend_entry(size_t row, const Series& s) {
  const double y = kTop + 10 + 20 * static_cast<double>(row), x = kWidth - kRight + 12;
  return "<line x1=\"" + number("%.1f", x) + "\" x2=\"" + number("%.1f", x + 26) + "\" y1=\"" +
         number("%.1f", y) + "\" y2=\"" + number("%.1f", y) + "\" stroke=\"" + s.colour +
         "\" stroke-width=\"2.5\"" + (s.dashed ? " stroke-dasharray=\"6 4\"" : "") +
         "/><text class=\"legend\" x=\"" + number("%.1f", x + 32) + "\" y=\"" +
         number("%.1f", y + 4) + "\">" + escaped(s.label) + "</text>";
}

}  // namespace

const std::string& safe_colour(size_t i) {
  static const std::vector<std::string> colours{"#0072B2", "#D55E00", "#009E73", "#E69F00",
                                                "#CC79A7", "#56B4E9", "#000000", "#F0E442"};
  return colours[i % colours.size()];
}

std::string line_chart(const LineChart& chart) {
  Frame f{INFINITY, -INFINITY, INFINITY, -INFINITY};
  for (const auto& s : chart.series)
    for (const auto& [x, y] : s.points) {
      f.x_lo = std::min(f.x_lo, x), f.x_hi = std::max(f.x_hi, x);
      f.y_lo = std::min(f.y_lo, y), f.y_hi = std::max(f.y_hi, y);
    }
  if (!(f.x_lo <= f.x_hi)) f = {0, 1, 0, 1};
  if (f.x_hi - f.x_lo < 1) f.x_hi = f.x_lo + 1;
  const double pad = std::max(1e-6, 0.05 * (f.y_hi - f.y_lo));
  f.y_lo -= pad, f.y_hi += pad;
  std::string svg = open_svg(chart.id, chart.title) + axes(f, chart.x_label, chart.y_label, true);
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    std::string path;
    for (const auto& [x, y] : s.points)
      path += (path.empty() ? "M" : " L") + number("%.1f", f.x(x)) + "," + number("%.1f", f.y(y));
    svg += "<path class=\"series\" d=\"" + path + "\" stroke=\"" + s.colour + "\"" +
           (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>";
    for (const auto& [x, y] : s.points) {
      const std::string value = s.label + ", epoch " + number("%.0f", x) + ": " + number("%.4f", y);
      svg += "<circle class=\"point\" cx=\"" + number("%.1f", f.x(x)) + "\" cy=\"" +
             number("%.1f", f.y(y)) + "\" r=\"3.5\" fill=\"" + s.colour + "\" data-value=\"" +
             escaped(value) + "\"><title>" + escaped(value) + "</title></circle>";
    }
    svg += legend_entry(i, s);
  }
  return svg + "</svg>";
}

std::string bar_chart(const std::string& id, const std::string& title,
                      const std::vector<std::string>& labels, const std::vector<double>& values,
                      const std::string& y_label) {
  const Frame f{0, static_cast<double>(std::max<size_t>(labels.size(), 1)), 0, 1};
  std::string svg = open_svg(id, title) + axes(f, "", y_label, false);
  const double slot = (kWidth - kLeft - kRight) / f.x_hi;
  for (size_t i = 0; i < labels.size(); ++i) {
    const double v = std::isfinite(values[i]) ? values[i] : 0.0;
    const std::string value = labels[i] + ": " + number("%.4f", values[i]);
    svg += "<rect class=\"point bar\" x=\"" +
           number("%.1f", f.x(static_cast<double>(i)) + 0.15 * slot) + "\" y=\"" +
           number("%.1f", f.y(v)) + "\" width=\"" + number("%.1f", 0.7 * slot) + "\" height=\"" +
           number("%.1f", f.y(0) - f.y(v)) + "\" fill=\"" + safe_colour(0) + "\" data-value=\"" +
           escaped(value) + "\"><title>" + escaped(value) + "</title></rect>";
    svg += "<text class=\"tick\" text-anchor=\"end\" transform=\"translate(" +
           number("%.1f", f.x(static_cast<double>(i)) + 0.55 * slot) + "," +
           number("%.1f", kHeight - kBottom + 10) + ") rotate(-30)\">" + escaped(labels[i]) +
           "</text>";
  }
  return svg + "</svg>";
}

}  // namespace cnnlab::report

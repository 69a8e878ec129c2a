#include "plot_axes.hpp"

#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>

namespace cnnlab::vis {

namespace {

const cv::Scalar kInk(30, 30, 30), kGridLine(228, 228, 228);
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

int width_of(const std::string& text, double scale) {
  int baseline = 0;
  return cv::getTextSize(text, kFont, scale, 1, &baseline).width;
}

}  // namespace

const std::vector<cv::Scalar>& safe_palette() {
  static const std::vector<cv::Scalar> colours{
      {178, 114, 0},    // blue
      {0, 94, 213},     // vermillion
      {115, 158, 0},    // bluish green
      {0, 159, 230},    // orange
      {167, 121, 204},  // reddish purple
      {233, 180, 86},   // sky blue
  };
  return colours;
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  const double raw = (hi - lo) / count;
  if (!(raw > 0.0) || !std::isfinite(raw)) return {lo};
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10.0 * power;
  for (double m : {1.0, 2.0, 5.0})
    if (raw <= m * power) {
      step = m * power;
      break;
    }
  std::vector<double> ticks;
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1.0)
    ticks.push_back(std::fabs(k) < 1e-12 ? 0.0 : k * step);
  return ticks;
}

std::string tick_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

Axes::Axes(cv::Mat& canvas, cv::Rect area, double x_lo, double x_hi, double y_lo, double y_hi)
    : canvas_(canvas), area_(area), x_lo_(x_lo), x_hi_(x_hi), y_lo_(y_lo), y_hi_(y_hi) {}

cv::Point Axes::at(double x, double y) const {
  const double fx = (x - x_lo_) / (x_hi_ - x_lo_), fy = (y - y_lo_) / (y_hi_ - y_lo_);
  return {area_.x + static_cast<int>(std::lround(fx * area_.width)),
          area_.y + area_.height - static_cast<int>(std::lround(fy * area_.height))};
}

void Axes::frame(const std::string& x_title, const std::string& y_title) {
  for (double y : nice_ticks(y_lo_, y_hi_, 5)) {
    const cv::Point p = at(x_lo_, y);
    cv::line(canvas_, p, {area_.x + area_.width, p.y}, kGridLine, 1);
    const std::string label = tick_text(y);
    text(label, {p.x - 8 - width_of(label, 0.42), p.y + 5}, 0.42);
  }
  for (double x : nice_ticks(x_lo_, x_hi_, 8)) {
    const cv::Point p = at(x, y_lo_);
    cv::line(canvas_, p, {p.x, area_.y}, kGridLine, 1);
    cv::line(canvas_, p, {p.x, p.y + 5}, kInk, 1);
    const std::string label = tick_text(x);
    text(label, {p.x - width_of(label, 0.42) / 2, p.y + 20}, 0.42);
  }
  cv::rectangle(canvas_, area_, kInk, 1);
  text(x_title, {area_.x + (area_.width - width_of(x_title, 0.5)) / 2, area_.y + area_.height + 42},
       0.5);
  text(y_title, {area_.x, area_.y - 10}, 0.5);
}

void Axes::line(const std::vector<cv::Point2d>& points, const cv::Scalar& colour, int dash) {
  for (size_t i = 1; i < points.size(); ++i) {
    const cv::Point a = at(points[i - 1].x, points[i - 1].y), b = at(points[i].x, points[i].y);
    if (dash <= 0) {
      cv::line(canvas_, a, b, colour, 2, cv::LINE_AA);
      continue;
    }
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    for (double s = 0; s < length; s += 1.6 * dash) {
      const double t0 = s / length, t1 = std::min(1.0, (s + dash) / length);
      cv::line(canvas_, a + (b - a) * t0, a + (b - a) * t1, colour, 2, cv::LINE_AA);
    }
  }
}

void Axes::text(const std::string& text, cv::Point at, double scale) const {
  cv::putText(canvas_, text, at, kFont, scale, kInk, 1, cv::LINE_AA);
}

}  // namespace cnnlab::vis

#pragma once
// A rectangle of a picture with data coordinates, ticks, labels and lines: the frame of the
// landscape plots. Internal to libcnnlab.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace cnnlab::vis {

// Okabe and Ito's colour-blind-safe palette, BGR.
const std::vector<cv::Scalar>& safe_palette();

class Axes {
 public:
  // `area` is the plotting rectangle inside `canvas`; labels go outside it.
  Axes(cv::Mat& canvas, cv::Rect area, double x_lo, double x_hi, double y_lo, double y_hi);

  cv::Point at(double x, double y) const;
  // Grid lines, tick labels on both axes and the axis titles.
  void frame(const std::string& x_title, const std::string& y_title);
  // A polyline; dashed when `dash` > 0 (the dash length in pixels).
  void line(const std::vector<cv::Point2d>& points, const cv::Scalar& colour, int dash = 0);
  void text(const std::string& text, cv::Point at, double scale = 0.45) const;

 private:
  cv::Mat& canvas_;
  cv::Rect area_;
  double x_lo_, x_hi_, y_lo_, y_hi_;
};

// Ticks every 1, 2 or 5 times a power of ten, about `count` over [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int count);
std::string tick_text(double value);

}  // namespace cnnlab::vis

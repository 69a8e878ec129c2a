#include <algorithm>
#include <cmath>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/host/landscape.hpp"
#include "plot_axes.hpp"

namespace cnnlab {

namespace {

const cv::Scalar kWhite(255, 255, 255), kInk(30, 30, 30);
constexpr int kLevels = 14;
constexpr int kPanel = 420;

std::string fixed(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::pair<double, double> finite_range(const std::vector<Landscape>& all, bool loss) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& l : all)
    for (const auto& p : l.points) {
      const double v = loss ? p.loss : p.accuracy;
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  if (!(lo <= hi)) return {0.0, 1.0};
  if (hi - lo < 1e-9) return {lo - 0.5, hi + 0.5};
  return {lo, hi + 0.04 * (hi - lo)};
}

Picture encoded(const cv::Mat& canvas, std::vector<PictureGrid> panels) {
  Picture picture;
  if (!cv::imencode(".png", canvas, picture.png)) throw Error("cannot encode the picture as PNG");
  picture.width = canvas.cols;
  picture.height = canvas.rows;
  picture.grids = std::move(panels);
  return picture;
}

std::string heading(const std::vector<Landscape>& all) {
  const LandscapeOptions& o = all.front().options;
  return "loss landscape, " + std::to_string(o.dims) + "-D, filter-normalised directions " +
         "(Li et al. 2017), " + std::to_string(all.front().samples) + " training samples, seed " +
         std::to_string(o.seed);
}

void curves(vis::Axes& axes, const std::vector<Landscape>& all, bool loss) {
  for (size_t i = 0; i < all.size(); ++i) {
    std::vector<cv::Point2d> run;
    auto flush = [&] {
      axes.line(run, vis::safe_palette()[i % vis::safe_palette().size()], i % 2 ? 9 : 0);
      run.clear();
    };
    for (const auto& p : all[i].points) {
      const double v = loss ? p.loss : p.accuracy;
      if (std::isfinite(v))
        run.push_back({p.alpha, v});
      else
        flush();
    }
    flush();
  }
}

Picture draw_lines(const std::vector<Landscape>& all) {
  const double span = all.front().options.span;
  int legend_width = 200;
  for (const auto& l : all) {
    int baseline = 0;
    legend_width =
        std::max(legend_width,
                 cv::getTextSize(l.name, cv::FONT_HERSHEY_SIMPLEX, 0.45, 1, &baseline).width + 30);
  }
  cv::Mat canvas(760, 800 + legend_width, CV_8UC3, kWhite);
  cv::putText(canvas, heading(all), {20, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.55, kInk, 1, cv::LINE_AA);
  const cv::Rect loss_area(90, 80, 640, 330), accuracy_area(90, 500, 640, 180);
  const auto [l_lo, l_hi] = finite_range(all, true);
  vis::Axes loss(canvas, loss_area, -span, span, l_lo, l_hi);
  loss.frame("", "loss (cross-entropy)");
  curves(loss, all, true);
  vis::Axes accuracy(canvas, accuracy_area, -span, span, 0.0, 1.0);
  accuracy.frame("alpha: step along the direction (0 = trained weights)", "accuracy");
  curves(accuracy, all, false);
  for (size_t i = 0; i < all.size(); ++i) {
    const int y = 100 + static_cast<int>(i) * 48;
    vis::Axes legend(canvas, cv::Rect(750, y - 10, 40, 20), 0, 1, 0, 1);
    legend.line({{0, 0.5}, {1, 0.5}}, vis::safe_palette()[i % vis::safe_palette().size()],
                i % 2 ? 9 : 0);
    const auto centre = std::find_if(all[i].points.begin(), all[i].points.end(),
                                     [](const LandscapePoint& p) { return p.alpha == 0.0; });
    legend.text(all[i].name, {800, y + 5});
    if (centre != all[i].points.end())
      legend.text("loss " + fixed("%.4f", centre->loss) + " at 0", {800, y + 24}, 0.4);
  }
  PictureGrid loss_panel{"loss",           1, 1, 1, loss_area.x, loss_area.y, loss_area.width,
                         loss_area.height, 0, 0};
  PictureGrid accuracy_panel{
      "accuracy",           1, 1, 1, accuracy_area.x, accuracy_area.y, accuracy_area.width,
      accuracy_area.height, 0, 0};
  return encoded(canvas, {loss_panel, accuracy_panel});
}

// The loss at (x, y) in grid units, bilinear; log-scaled so that the basin shows its levels.
double field(const Landscape& l, double x, double y, double fallback) {
  const int n = l.options.steps;
  const int x0 = std::min(n - 2, static_cast<int>(x)), y0 = std::min(n - 2, static_cast<int>(y));
  const double fx = x - x0, fy = y - y0;
  auto value = [&](int c, int r) {
    const double v = l.points[static_cast<size_t>(r) * n + c].loss;
    return std::isfinite(v) && v > 0 ? std::log(v) : fallback;
  };
  return (1 - fy) * ((1 - fx) * value(x0, y0) + fx * value(x0 + 1, y0)) +
         fy * ((1 - fx) * value(x0, y0 + 1) + fx * value(x0 + 1, y0 + 1));
}

void contour_panel(cv::Mat& canvas, const Landscape& l, cv::Rect area, double log_lo,
                   double log_hi) {
  const int n = l.options.steps;
  cv::Mat levels(area.height, area.width, CV_8UC1);
  for (int py = 0; py < area.height; ++py)
    for (int px = 0; px < area.width; ++px) {
      const double x = (n - 1) * px / static_cast<double>(area.width - 1);
      const double y = (n - 1) * (area.height - 1 - py) / static_cast<double>(area.height - 1);
      const double unit = (field(l, x, y, log_hi) - log_lo) / (log_hi - log_lo);
      levels.at<uint8_t>(py, px) =
          static_cast<uint8_t>(std::clamp(static_cast<int>(unit * kLevels), 0, kLevels - 1));
    }
  cv::Mat grey = levels * (255.0 / (kLevels - 1)), colour;
  cv::applyColorMap(grey, colour, cv::COLORMAP_VIRIDIS);
  for (int py = 0; py + 1 < area.height; ++py)
    for (int px = 0; px + 1 < area.width; ++px)
      if (levels.at<uint8_t>(py, px) != levels.at<uint8_t>(py, px + 1) ||
          levels.at<uint8_t>(py, px) != levels.at<uint8_t>(py + 1, px))
        colour.at<cv::Vec3b>(py, px) = {40, 40, 40};
  colour.copyTo(canvas(area));
  const double span = l.options.span;
  vis::Axes axes(canvas, area, -span, span, -span, span);
  axes.frame("alpha (direction 1)", l.name + ": beta (direction 2)");
  const auto best = std::min_element(l.points.begin(), l.points.end(), [](auto& a, auto& b) {
    return std::isfinite(a.loss) && (!std::isfinite(b.loss) || a.loss < b.loss);
  });
  const cv::Point m = axes.at(best->alpha, best->beta), c = axes.at(0, 0);
  cv::drawMarker(canvas, c, kWhite, cv::MARKER_CROSS, 18, 2, cv::LINE_AA);
  cv::drawMarker(canvas, m, {0, 0, 0}, cv::MARKER_TILTED_CROSS, 16, 5, cv::LINE_AA);
  cv::drawMarker(canvas, m, kWhite, cv::MARKER_TILTED_CROSS, 16, 2, cv::LINE_AA);
  axes.text("x minimum " + fixed("%.4f", best->loss) + " at (" + vis::tick_text(best->alpha) +
                ", " + vis::tick_text(best->beta) + ");  + trained weights, loss " +
                fixed("%.4f", l.points[l.points.size() / 2].loss),
            {area.x - 40, area.y + area.height + 64}, 0.42);
}

void colour_bar(cv::Mat& canvas, cv::Rect bar, double log_lo, double log_hi) {
  for (int level = 0; level < kLevels; ++level) {
    cv::Mat grey(1, 1, CV_8UC1, cv::Scalar(level * 255.0 / (kLevels - 1))), colour;
    cv::applyColorMap(grey, colour, cv::COLORMAP_VIRIDIS);
    const cv::Vec3b c = colour.at<cv::Vec3b>(0, 0);
    const int y1 = bar.y + bar.height - level * bar.height / kLevels;
    const int y0 = bar.y + bar.height - (level + 1) * bar.height / kLevels;
    cv::rectangle(canvas, {bar.x, y0}, {bar.x + bar.width, y1}, cv::Scalar(c[0], c[1], c[2]),
                  cv::FILLED);
    const double lower = std::exp(log_lo + (log_hi - log_lo) * level / kLevels);
    cv::putText(canvas, fixed("%.3g", lower), {bar.x + bar.width + 6, y1 + 4},
                cv::FONT_HERSHEY_SIMPLEX, 0.4, kInk, 1, cv::LINE_AA);
  }
  cv::rectangle(canvas, bar, kInk, 1);
  cv::putText(canvas, "loss (log scale)", {bar.x - 20, bar.y - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.45,
              kInk, 1, cv::LINE_AA);
}

Picture draw_planes(const std::vector<Landscape>& all) {
  const auto [lo, hi] = finite_range(all, true);
  const double log_lo = std::log(std::max(lo, 1e-6)),
               log_hi = std::log(std::max(hi, lo * 1.001 + 1e-6));
  const int panel_pitch = kPanel + 130;
  cv::Mat canvas(kPanel + 200, 60 + panel_pitch * static_cast<int>(all.size()) + 140, CV_8UC3,
                 kWhite);
  cv::putText(canvas, heading(all), {20, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.55, kInk, 1, cv::LINE_AA);
  std::vector<PictureGrid> panels;
  for (size_t i = 0; i < all.size(); ++i) {
    const cv::Rect area(100 + panel_pitch * static_cast<int>(i), 80, kPanel, kPanel);
    contour_panel(canvas, all[i], area, log_lo, log_hi);
    panels.push_back({all[i].name, 1, 1, 1, area.x, area.y, area.width, area.height, 0, 0});
  }
  colour_bar(canvas, cv::Rect(canvas.cols - 150, 80, 24, kPanel), log_lo, log_hi);
  return encoded(canvas, std::move(panels));
}

}  // namespace

Picture draw_landscape(const std::vector<Landscape>& landscapes) {
  if (landscapes.empty()) throw Error("internal: no landscape to draw");
  for (const auto& l : landscapes)
    if (l.options.dims != landscapes.front().options.dims ||
        l.options.steps != landscapes.front().options.steps ||
        l.points.size() != landscapes.front().points.size())
      throw ConfigError("landscapes drawn together need the same --dims and --steps");
  return landscapes.front().options.dims == 1 ? draw_lines(landscapes) : draw_planes(landscapes);
}

}  // namespace cnnlab

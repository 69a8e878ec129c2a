#include "cnnlab/host/curve_plot.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cnnlab/host/picture.hpp"

namespace cnnlab {

namespace {

constexpr int kWidth = 1100, kHeight = 640;
constexpr int kLeft = 90, kRight = 230, kTop = 60, kBottom = 70;
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
const cv::Scalar kInk(40, 40, 40), kGrid(225, 225, 225), kWhite(255, 255, 255);

// Tableau's ten colours (BGR): distinct for up to ten folds, then they repeat.
const cv::Scalar kFoldColours[] = {
    {180, 119, 31}, {14, 127, 255},  {44, 160, 44},   {40, 39, 214},  {189, 103, 148},
    {75, 86, 140},  {194, 119, 227}, {127, 127, 127}, {34, 189, 188}, {207, 190, 23}};

struct Series {
  int fold = 0;
  bool validation = false;
  std::vector<std::pair<int, double>> points;  // (epoch, value), finite values only
};

struct Range {
  double lo = 0, hi = 1;
};

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `count` ticks over range.
double tick_step(double span, int count) {
  const double raw = span / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (raw <= m * power) return m * power;
  return 10 * power;
}

std::string tick_label(double value, double step) {
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals,
                std::abs(value) < step * 1e-6 ? 0.0 : value);
  return buffer;
}

class Plot {
 public:
  Plot(Range x, Range y) : image_(kHeight, kWidth, CV_8UC3, kWhite), x_(x), y_(y) {}

  cv::Point to_pixel(double x, double y) const {
    const double fx = (x - x_.lo) / (x_.hi - x_.lo), fy = (y - y_.lo) / (y_.hi - y_.lo);
    return {kLeft + static_cast<int>(std::lround(fx * (kWidth - kLeft - kRight))),
            kHeight - kBottom - static_cast<int>(std::lround(fy * (kHeight - kTop - kBottom)))};
  }

  void axes(const std::string& x_label, const std::string& y_label, int max_epoch) {
    const double y_step = tick_step(y_.hi - y_.lo, 6);
    for (double v = std::ceil(y_.lo / y_step) * y_step; v <= y_.hi + y_step * 1e-6; v += y_step) {
      const cv::Point p = to_pixel(x_.lo, v);
      cv::line(image_, p, {kWidth - kRight, p.y}, kGrid, 1);
      text_right(tick_label(v, y_step), {p.x - 8, p.y + 5});
    }
    const double x_step = std::max(1.0, tick_step(x_.hi - x_.lo, 10));
    for (double e = x_step > 1 ? x_step : 1; e <= max_epoch; e += x_step) {
      const cv::Point p = to_pixel(e, y_.lo);
      cv::line(image_, p, {p.x, kTop}, kGrid, 1);
      cv::line(image_, p, {p.x, p.y + 5}, kInk, 1);
      text_centred(tick_label(e, 1), {p.x, p.y + 22}, 0.5);
    }
    cv::rectangle(image_, {kLeft, kTop}, {kWidth - kRight, kHeight - kBottom}, kInk, 1);
    text_centred(x_label, {(kLeft + kWidth - kRight) / 2, kHeight - 22}, 0.6);
    vertical_text(y_label, {22, (kTop + kHeight - kBottom) / 2});
  }

  void curve(const Series& series, const cv::Scalar& colour) {
    for (size_t i = 1; i < series.points.size(); ++i) {
      const auto& [e0, v0] = series.points[i - 1];
      const auto& [e1, v1] = series.points[i];
      if (e1 != e0 + 1) continue;  // a gap: an epoch with no finite value
      segment(to_pixel(e0, v0), to_pixel(e1, v1), colour, series.validation);
    }
    if (series.points.size() == 1) {
      const auto& [e, v] = series.points.front();
      cv::circle(image_, to_pixel(e, v), 3, colour, cv::FILLED, cv::LINE_AA);
    }
  }

  void best_marker(int epoch, double value, const cv::Scalar& colour) {
    cv::circle(image_, to_pixel(epoch, value), 6, colour, 2, cv::LINE_AA);
  }

  // Long experiment and variant names shrink the title rather than leave the image.
  void title(const std::string& text) {
    int baseline = 0;
    const int width = cv::getTextSize(text, kFont, 0.7, 2, &baseline).width;
    const double scale = std::max(0.35, std::min(0.7, 0.7 * (kWidth - 40) / width));
    text_centred(text, {kWidth / 2, 34}, scale, scale < 0.5 ? 1 : 2);
  }

  void legend_entry(int row, const std::string& label, const cv::Scalar& colour, bool dashed,
                    bool marker = false) {
    const int x = kWidth - kRight + 20, y = kTop + 12 + row * 24;
    if (marker)
      cv::circle(image_, {x + 17, y}, 6, colour, 2, cv::LINE_AA);
    else
      segment({x, y}, {x + 34, y}, colour, dashed);
    cv::putText(image_, label, {x + 44, y + 5}, kFont, 0.5, kInk, 1, cv::LINE_AA);
  }

  const cv::Mat& image() const { return image_; }

 private:
  void segment(cv::Point a, cv::Point b, const cv::Scalar& colour, bool dashed) {
    if (!dashed) {
      cv::line(image_, a, b, colour, 2, cv::LINE_AA);
      return;
    }
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    constexpr double kDash = 7, kGap = 5;
    for (double s = 0; s < length; s += kDash + kGap) {
      const double t0 = s / length, t1 = std::min(1.0, (s + kDash) / length);
      cv::line(image_, a + (b - a) * t0, a + (b - a) * t1, colour, 2, cv::LINE_AA);
    }
  }

  void text_right(const std::string& text, cv::Point anchor) {
    int baseline = 0;
    const cv::Size size = cv::getTextSize(text, kFont, 0.5, 1, &baseline);
    cv::putText(image_, text, {anchor.x - size.width, anchor.y}, kFont, 0.5, kInk, 1, cv::LINE_AA);
  }

  void text_centred(const std::string& text, cv::Point anchor, double scale, int thickness = 1) {
    int baseline = 0;
    const cv::Size size = cv::getTextSize(text, kFont, scale, thickness, &baseline);
    cv::putText(image_, text, {anchor.x - size.width / 2, anchor.y}, kFont, scale, kInk, thickness,
                cv::LINE_AA);
  }

  // OpenCV draws only horizontal text: draw it on a strip and turn the strip.
  void vertical_text(const std::string& text, cv::Point centre) {
    int baseline = 0;
    const cv::Size size = cv::getTextSize(text, kFont, 0.6, 1, &baseline);
    cv::Mat strip(size.height + baseline + 4, size.width + 4, CV_8UC3, kWhite);
    cv::putText(strip, text, {2, size.height + 2}, kFont, 0.6, kInk, 1, cv::LINE_AA);
    cv::Mat turned;
    cv::rotate(strip, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
    const cv::Rect where(centre.x - turned.cols / 2, centre.y - turned.rows / 2, turned.cols,
                         turned.rows);
    turned.copyTo(image_(where & cv::Rect(0, 0, kWidth, kHeight)));
  }

  cv::Mat image_;
  Range x_, y_;
};

double metric_of(const EpochRecord& e, const std::string& metric, bool validation) {
  if (metric == "loss") return validation ? e.val_loss : e.loss;
  return validation ? e.val_accuracy : e.accuracy;
}

std::vector<Series> collect(const RunDetail& run, const std::string& metric) {
  std::vector<Series> all;
  for (const auto& [fold, epochs] : run.epochs)
    for (bool validation : {false, true}) {
      Series series{fold, validation, {}};
      for (const auto& e : epochs) {
        const double v = metric_of(e, metric, validation);
        if (std::isfinite(v)) series.points.emplace_back(e.epoch, v);
      }
      if (!series.points.empty()) all.push_back(std::move(series));
    }
  return all;
}

Range value_range(const std::vector<Series>& all, const std::string& metric) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& s : all)
    for (const auto& [e, v] : s.points) lo = std::min(lo, v), hi = std::max(hi, v);
  if (metric == "accuracy") hi = std::min(1.0, hi);
  const double pad = hi > lo ? (hi - lo) * 0.06 : std::max(0.05, std::abs(hi) * 0.1);
  Range range{lo - pad, hi + pad};
  if (metric == "loss" && lo >= 0) range.lo = std::max(0.0, range.lo);
  return range;
}

const FoldRecord* fold_record(const RunDetail& run, int fold) {
  for (const auto& f : run.folds)
    if (f.fold == fold) return &f;
  return nullptr;
}

}  // namespace

void plot_learning_curves(const RunDetail& run, const std::string& metric,
                          const std::string& image_path) {
  if (metric != "loss" && metric != "accuracy")
    throw ConfigError("--metric must be loss or accuracy, not '" + metric + "'");
  const auto all = collect(run, metric);
  if (all.empty())
    throw StoreError(
        "run " + std::to_string(run.run.id) + " has no finite " + metric + " values to plot", 2);
  int max_epoch = 1;
  for (const auto& s : all) max_epoch = std::max(max_epoch, s.points.back().first);

  Plot plot({0.5, max_epoch + 0.5}, value_range(all, metric));
  plot.title(run.run.experiment + " / " + run.run.variant + "  (run " + std::to_string(run.run.id) +
             ", " + to_string(run.run.status) + "): " + metric);
  plot.axes("epoch", metric, max_epoch);
  int row = 0;
  for (const auto& series : all) {
    const cv::Scalar& colour = kFoldColours[series.fold % 10];
    plot.curve(series, colour);
    const std::string fold_name = run.epochs.size() == 1 && series.fold == 0
                                      ? std::string()
                                      : "fold " + std::to_string(series.fold) + " ";
    plot.legend_entry(row++, fold_name + (series.validation ? "val" : "train"), colour,
                      series.validation);
    const FoldRecord* record = fold_record(run, series.fold);
    if (!series.validation || !record || record->best_epoch <= 0) continue;
    for (const auto& [e, v] : series.points)
      if (e == record->best_epoch) plot.best_marker(e, v, colour);
  }
  plot.legend_entry(row + 1, "best epoch", kInk, false, true);

  // Encoded in memory, then written as every picture is (write_output_file): cv::imwrite
  // opens whatever is at the path, so a FIFO blocked for ever and a device was written to.
  std::vector<uchar> encoded;
  bool written = false;
  try {
    written =
        cv::imencode(std::filesystem::path(image_path).extension().string(), plot.image(), encoded);
  } catch (const cv::Exception& e) {
    throw StoreError("cannot write " + image_path + ": " + e.err, 2);
  }
  if (!written) throw StoreError("cannot write " + image_path, 2);
  try {
    write_output_file(image_path, std::string(encoded.begin(), encoded.end()), "the plot");
  } catch (const StoreError&) {
    throw;
  } catch (const Error& e) {
    throw StoreError(e.what(), 2);  // an output path that cannot be written, as before: exit 2
  }
}

}  // namespace cnnlab

#include "sample_grid.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace cnnlab::cli {

namespace {

constexpr int kMinTile = 96, kMaxTile = 256;
constexpr int kGap = 8;  // white space around and between tiles
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
constexpr double kLargestFontScale = 0.6, kSmallestFontScale = 0.45;
constexpr int kTextPadding = 4;

// Tile size for an image of h x w: whole-factor enlargement of small images, area shrinking
// of large ones, aspect ratio kept.
cv::Size tile_size(int h, int w) {
  const int side = std::max(h, w);
  if (side < kMinTile) {
    const int factor = (kMinTile + side - 1) / side;
    return {w * factor, h * factor};
  }
  if (side > kMaxTile) {
    const double shrink = static_cast<double>(kMaxTile) / side;
    return {std::max(1, static_cast<int>(std::lround(w * shrink))),
            std::max(1, static_cast<int>(std::lround(h * shrink)))};
  }
  return {w, h};
}

std::string label_text(int32_t label, const std::vector<std::string>& class_names) {
  if (label >= 0 && static_cast<size_t>(label) < class_names.size()) return class_names[label];
  return std::to_string(label);
}

// The largest font scale at which every name fits `width`; names that still do not fit at
// the smallest scale are shortened when drawn.
double font_scale_for(const std::vector<std::string>& texts, int width) {
  double scale = kLargestFontScale;
  for (; scale > kSmallestFontScale; scale -= 0.05) {
    bool fits = true;
    for (const auto& text : texts) {
      int baseline = 0;
      fits = fits && cv::getTextSize(text, kFont, scale, 1, &baseline).width <= width;
    }
    if (fits) break;
  }
  return std::max(scale, kSmallestFontScale);
}

std::string fitted(std::string text, double scale, int width) {
  int baseline = 0;
  std::string shown = text;
  while (text.size() > 1 && cv::getTextSize(shown, kFont, scale, 1, &baseline).width > width) {
    text.pop_back();
    shown = text + "..";
  }
  return shown;
}

// One dataset image as a BGR tile of `size`.
cv::Mat tile_of(const ImageSet& set, size_t i, cv::Size size) {
  const int type = set.channels == 1 ? CV_8UC1 : CV_8UC3;
  const cv::Mat image(static_cast<int>(set.height), static_cast<int>(set.width), type,
                      const_cast<uint8_t*>(set.image(i)));
  cv::Mat bgr;
  cv::cvtColor(image, bgr, set.channels == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_RGB2BGR);
  cv::Mat tile;
  const bool enlarge = size.width >= bgr.cols;
  cv::resize(bgr, tile, size, 0, 0, enlarge ? cv::INTER_NEAREST : cv::INTER_AREA);
  return tile;
}

}  // namespace

cv::Mat draw_sample_grid(const ImageSet& set, size_t count,
                         const std::vector<std::string>& class_names) {
  const size_t n = std::min(count, set.size());
  const cv::Size tile = tile_size(static_cast<int>(set.height), static_cast<int>(set.width));
  std::vector<std::string> texts;
  for (size_t i = 0; i < n; ++i) texts.push_back(label_text(set.labels[i], class_names));
  const int text_width = tile.width;
  const double scale = font_scale_for(texts, text_width);
  int baseline = 0;
  const int text_height = cv::getTextSize("Ag", kFont, scale, 1, &baseline).height + baseline;
  const int label_height = text_height + 2 * kTextPadding;

  const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n)))));
  const int rows = std::max(1, static_cast<int>((n + columns - 1) / columns));
  const int cell_width = tile.width + kGap, cell_height = tile.height + label_height + kGap;
  cv::Mat canvas(kGap + rows * cell_height, kGap + columns * cell_width, CV_8UC3,
                 cv::Scalar(255, 255, 255));
  for (size_t i = 0; i < n; ++i) {
    const int x = kGap + static_cast<int>(i % columns) * cell_width;
    const int y = kGap + static_cast<int>(i / columns) * cell_height;
    tile_of(set, i, tile).copyTo(canvas(cv::Rect(x, y, tile.width, tile.height)));
    const std::string text = fitted(texts[i], scale, text_width);
    const int width = cv::getTextSize(text, kFont, scale, 1, &baseline).width;
    const cv::Point origin(x + (tile.width - width) / 2,
                           y + tile.height + kTextPadding + text_height - baseline);
    cv::putText(canvas, text, origin, kFont, scale, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
  }
  return canvas;
}

}  // namespace cnnlab::cli

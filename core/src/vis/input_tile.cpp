#include "input_tile.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <opencv2/imgproc.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/shape.hpp"
#include "sheet.hpp"

namespace cnnlab::vis {

cv::Mat input_tile(const Tensor& image, int min_px) {
  const int h = static_cast<int>(image.dim(1)), w = static_cast<int>(image.dim(2));
  const int c = static_cast<int>(image.dim(3));
  const auto [lo, hi] = value_range(image.data(), image.size());
  cv::Mat bgr;
  if (c == 3) {
    std::vector<cv::Mat> planes;
    for (int ch = 2; ch >= 0; --ch)
      planes.push_back(gray_plane(image.data() + ch, h, w, 3, lo, hi));
    cv::merge(planes, bgr);
  } else {
    cv::cvtColor(gray_plane(image.data(), h, w, c, lo, hi), bgr, cv::COLOR_GRAY2BGR);
  }
  return enlarged(bgr, min_px);
}

std::vector<std::string> top_class_lines(const std::vector<double>& probabilities,
                                         const std::vector<std::string>& class_names, size_t k) {
  std::vector<size_t> order(probabilities.size());
  std::iota(order.begin(), order.end(), 0);
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](size_t a, size_t b) { return probabilities[a] > probabilities[b]; });
  std::vector<std::string> lines;
  for (size_t i = 0; i < k; ++i) {
    const size_t c = order[i];
    char percent[32];
    std::snprintf(percent, sizeof percent, " %.1f%%", 100.0 * probabilities[c]);
    lines.push_back((c < class_names.size() ? class_names[c] : std::to_string(c)) + percent);
  }
  return lines;
}

void check_single_image(const Tensor& image, const std::vector<int64_t>& input_shape) {
  const std::vector<int64_t> expected = [&] {
    std::vector<int64_t> d{1};
    d.insert(d.end(), input_shape.begin(), input_shape.end());
    return d;
  }();
  if (image.dims() != expected || input_shape.size() != 3)
    throw ShapeError("the picture needs one image of the model's input " +
                     shape_to_string(input_shape));
}

}  // namespace cnnlab::vis

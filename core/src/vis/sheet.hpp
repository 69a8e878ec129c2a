#pragma once
// A picture built as a column of sections (a title, a grid of tiles, notes beside the grid),
// laid out and drawn at the end. Internal to libcnnlab: every `cnnlab show` picture is one.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "cnnlab/host/picture.hpp"

namespace cnnlab::vis {

struct Section {
  std::string title;
  std::vector<cv::Mat> tiles;         // BGR, all of one size
  std::vector<std::string> captions;  // under each tile; empty for none
  std::vector<std::string> notes;     // text lines right of the grid
  int cols = 0;                       // 0: near-square
};

// Rows of up to 16 tiles: a layer's maps or filters read as a few wide rows on a screen.
constexpr int kWideGridColumns = 16;

class Sheet {
 public:
  explicit Sheet(std::string heading) : heading_(std::move(heading)) {}
  void add(Section section) { sections_.push_back(std::move(section)); }
  Picture render() const;

 private:
  std::string heading_;
  std::vector<Section> sections_;
};

// Values of a plane (`height` x `width`, `stride` floats apart) mapped linearly from [lo, hi]
// to 0..255; a constant plane is mid-grey, so "no contrast" is not mistaken for black.
cv::Mat gray_plane(const float* values, int height, int width, int stride, float lo, float hi);
// The smallest and largest of n values `stride` apart.
std::pair<float, float> value_range(const float* values, size_t n, size_t stride = 1);
// Enlarged by a whole factor with sharp pixels until the shorter side is at least `min_px`.
cv::Mat enlarged(const cv::Mat& tile, int min_px);
// A gray tile in the colour-blind-safe viridis map, BGR.
cv::Mat viridis(const cv::Mat& gray);

}  // namespace cnnlab::vis

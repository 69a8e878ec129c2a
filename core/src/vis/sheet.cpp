#include "sheet.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cnnlab/error.hpp"

namespace cnnlab::vis {

namespace {

constexpr int kMargin = 16;
constexpr int kGap = 6;
constexpr int kHeadingHeight = 30;
constexpr int kTitleHeight = 24;
constexpr int kCaptionHeight = 16;
constexpr int kNoteHeight = 18;
constexpr double kHeadingScale = 0.6, kTitleScale = 0.48, kSmallScale = 0.38;
const cv::Scalar kInk(20, 20, 20);

int text_width(const std::string& text, double scale) {
  int baseline = 0;
  return cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline).width;
}

void put(cv::Mat& canvas, const std::string& text, int x, int baseline_y, double scale) {
  cv::putText(canvas, text, {x, baseline_y}, cv::FONT_HERSHEY_SIMPLEX, scale, kInk, 1, cv::LINE_AA);
}

// Where one section's parts go; computed before the canvas exists so its size is known.
struct Placed {
  PictureGrid grid;
  int caption_rows = 0;
  int notes_x = 0;
  int width = 0, height = 0;
};

Placed place(const Section& s, int top) {
  Placed p;
  const int64_t n = static_cast<int64_t>(s.tiles.size());
  p.grid.title = s.title;
  p.grid.tiles = n;
  p.grid.cols = s.cols > 0 ? s.cols : std::max<int64_t>(1, std::llround(std::ceil(std::sqrt(n))));
  p.grid.cols = std::min<int64_t>(p.grid.cols, std::max<int64_t>(n, 1));
  p.grid.rows = n == 0 ? 0 : (n + p.grid.cols - 1) / p.grid.cols;
  p.grid.tile_width = n ? s.tiles[0].cols : 0;
  p.grid.tile_height = n ? s.tiles[0].rows : 0;
  int caption_width = 0;
  for (const auto& c : s.captions)
    caption_width = std::max(caption_width, text_width(c, kSmallScale));
  const bool captions = !s.captions.empty();
  p.grid.pitch_x = std::max(p.grid.tile_width, caption_width) + kGap;
  p.grid.pitch_y = p.grid.tile_height + (captions ? kCaptionHeight : 0) + kGap;
  p.grid.x = kMargin;
  p.grid.y = top + kTitleHeight;
  const int grid_width = static_cast<int>(p.grid.cols * p.grid.pitch_x);
  const int grid_height = static_cast<int>(p.grid.rows * p.grid.pitch_y);
  p.notes_x = p.grid.x + grid_width + kMargin;
  int notes_width = 0;
  for (const auto& note : s.notes)
    notes_width = std::max(notes_width, text_width(note, kTitleScale));
  p.width =
      std::max(text_width(s.title, kTitleScale) + 2 * kMargin, p.notes_x + notes_width + kMargin);
  const int notes_height = static_cast<int>(s.notes.size()) * kNoteHeight;
  p.height = kTitleHeight + std::max(grid_height, notes_height) + kGap;
  return p;
}

void draw(cv::Mat& canvas, const Section& s, const Placed& p) {
  put(canvas, s.title, kMargin, p.grid.y - 8, kTitleScale);
  for (size_t i = 0; i < s.tiles.size(); ++i) {
    const int x =
        p.grid.x + static_cast<int>(static_cast<int64_t>(i) % p.grid.cols) * p.grid.pitch_x;
    const int y =
        p.grid.y + static_cast<int>(static_cast<int64_t>(i) / p.grid.cols) * p.grid.pitch_y;
    s.tiles[i].copyTo(canvas(cv::Rect(x, y, p.grid.tile_width, p.grid.tile_height)));
    if (i < s.captions.size())
      put(canvas, s.captions[i], x, y + p.grid.tile_height + kCaptionHeight - 4, kSmallScale);
  }
  for (size_t i = 0; i < s.notes.size(); ++i)
    put(canvas, s.notes[i], p.notes_x, p.grid.y + 14 + static_cast<int>(i) * kNoteHeight,
        kTitleScale);
}

}  // namespace

Picture Sheet::render() const {
  std::vector<Placed> placed;
  int top = kMargin + kHeadingHeight;
  int width = text_width(heading_, kHeadingScale) + 2 * kMargin;
  for (const auto& s : sections_) {
    for (const auto& t : s.tiles)
      if (t.size() != s.tiles[0].size() || t.type() != CV_8UC3)
        throw Error("internal: tiles of one grid differ in size or type");
    placed.push_back(place(s, top));
    top += placed.back().height;
    width = std::max(width, placed.back().width);
  }
  cv::Mat canvas(top + kMargin, width, CV_8UC3, cv::Scalar(255, 255, 255));
  put(canvas, heading_, kMargin, kMargin + 18, kHeadingScale);
  Picture picture;
  for (size_t i = 0; i < sections_.size(); ++i) {
    draw(canvas, sections_[i], placed[i]);
    picture.grids.push_back(placed[i].grid);
  }
  if (!cv::imencode(".png", canvas, picture.png)) throw Error("cannot encode the picture as PNG");
  picture.width = canvas.cols;
  picture.height = canvas.rows;
  return picture;
}

cv::Mat gray_plane(const float* values, int height, int width, int stride, float lo, float hi) {
  cv::Mat gray(height, width, CV_8UC1);
  const float span = hi - lo;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const float v = values[(static_cast<size_t>(y) * width + x) * stride];
      const float unit = span > 0.0f ? (v - lo) / span : 0.5f;
      gray.at<uint8_t>(y, x) = cv::saturate_cast<uint8_t>(std::lround(255.0f * unit));
    }
  return gray;
}

std::pair<float, float> value_range(const float* values, size_t n, size_t stride) {
  float lo = values[0], hi = values[0];
  for (size_t i = 0; i < n; ++i) {
    lo = std::min(lo, values[i * stride]);
    hi = std::max(hi, values[i * stride]);
  }
  return {lo, hi};
}

cv::Mat enlarged(const cv::Mat& tile, int min_px) {
  const int shorter = std::min(tile.rows, tile.cols);
  const int factor = std::max(1, (min_px + shorter - 1) / shorter);
  cv::Mat out;
  cv::resize(tile, out, cv::Size(tile.cols * factor, tile.rows * factor), 0, 0, cv::INTER_NEAREST);
  return out;
}

cv::Mat viridis(const cv::Mat& gray) {
  cv::Mat out;
  cv::applyColorMap(gray, out, cv::COLORMAP_VIRIDIS);
  return out;
}

}  // namespace cnnlab::vis

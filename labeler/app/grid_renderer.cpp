#include "grid_renderer.hpp"

#include <opencv2/imgproc.hpp>

#include "frame_renderer.hpp"
#include "overlay_text.hpp"

namespace cnnlab::label::app {

namespace {

constexpr int kCaption = 22;
constexpr int kPad = 6;

cv::Size tile_size(cv::Size canvas, GridLayout layout) {
  const cv::Rect area = picture_area(canvas);
  return {area.width / layout.columns, area.height / layout.rows};
}

cv::Scalar caption_color(const GridTile& t) {
  if (t.state.status == Status::Rejected) return draw::kRed;
  if (t.state.status != Status::Labelled) return draw::kOrange;
  return draw::kWhite;
}

void draw_tile(cv::Mat& frame, cv::Rect cell, const GridTile& tile) {
  const cv::Rect inner(cell.x + kPad, cell.y + kPad, cell.width - 2 * kPad,
                       cell.height - 2 * kPad - kCaption);
  if (!tile.thumbnail.empty()) {
    const cv::Rect placed(inner.x + (inner.width - tile.thumbnail.cols) / 2,
                          inner.y + (inner.height - tile.thumbnail.rows) / 2, tile.thumbnail.cols,
                          tile.thumbnail.rows);
    tile.thumbnail.copyTo(frame(placed & cv::Rect({0, 0}, frame.size())));
  } else {
    draw::text(frame, "cannot decode", {inner.x + 8, inner.y + inner.height / 2}, draw::kRed);
  }
  const int baseline = cell.y + cell.height - kPad - 6;
  int x = draw::text(frame, draw::fit_text(tile.caption, inner.width / 2), {inner.x, baseline},
                     caption_color(tile));
  if (tile.duplicate == DuplicateFlag::Exact)
    x = draw::text(frame, " DUP", {x, baseline}, draw::kRed);
  else if (tile.duplicate == DuplicateFlag::Near)
    x = draw::text(frame, " ~DUP", {x, baseline}, draw::kOrange);
  draw::text(frame, draw::fit_text(tile.image, inner.x + inner.width - x - 10), {x + 10, baseline},
             draw::kGray, 0.4);
  if (tile.selected) cv::rectangle(frame, cell, draw::kYellow, 3);
}

}  // namespace

cv::Size tile_picture_size(cv::Size canvas, GridLayout layout) {
  const cv::Size tile = tile_size(canvas, layout);
  return {std::max(1, tile.width - 2 * kPad), std::max(1, tile.height - 2 * kPad - kCaption)};
}

cv::Mat render_grid(cv::Size canvas, const GridView& view) {
  cv::Mat frame(canvas, CV_8UC3, draw::kPanel);
  const cv::Rect area = picture_area(canvas);
  const cv::Size tile = tile_size(canvas, view.layout);
  for (size_t i = 0; i < view.tiles.size(); ++i) {
    const int column = static_cast<int>(i) % view.layout.columns,
              row = static_cast<int>(i) / view.layout.columns;
    draw_tile(frame,
              {area.x + column * tile.width, area.y + row * tile.height, tile.width, tile.height},
              view.tiles[i]);
  }
  const std::string page =
      "page " + std::to_string(view.page + 1) + "/" + std::to_string(view.pages);
  int x = draw::text(frame, view.title, {10, 22}, draw::kWhite, 0.6);
  draw::text(frame, page, {x + 24, 22}, draw::kGray, 0.6);
  const std::string keys =
      "digits: relabel   c: class/all   PageUp/PageDown   Enter: open   r: back   h: help";
  draw::text(frame, keys, {10, canvas.height - kBottomBar + 22}, draw::kGray);
  draw::text(frame, view.status, {10, canvas.height - kBottomBar + 46}, draw::kGray);
  draw_message(frame, view.message);
  return frame;
}

}  // namespace cnnlab::label::app

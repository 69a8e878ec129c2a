#pragma once
// The review grid: a page of thumbnails, each captioned with its label, the selected one
// framed, duplicates flagged (DUP: same bytes as another labelled image, ~DUP: looks alike).
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "labeler/duplicates.hpp"
#include "labeler/label_book.hpp"
#include "labeler/review_grid.hpp"

namespace cnnlab::label::app {

struct GridTile {
  cv::Mat thumbnail;  // fitted to tile_picture_size; empty when undecodable
  std::string image;
  std::string caption;  // the label (or skipped/rejected/unlabelled after a change)
  ImageState state;
  DuplicateFlag duplicate = DuplicateFlag::None;
  bool selected = false;
};

struct GridView {
  std::string title;  // "review: cat (12 images)"
  size_t page = 0, pages = 1;
  GridLayout layout;
  std::vector<GridTile> tiles;
  std::string status;  // "checking duplicates: 40 left"
  std::string message;
};

cv::Size tile_picture_size(cv::Size canvas, GridLayout layout);
cv::Mat render_grid(cv::Size canvas, const GridView& view);

}  // namespace cnnlab::label::app

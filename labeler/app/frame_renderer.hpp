#pragma once
// The labelling frame: the picture fitted between a top bar (position, file, label, model
// guess) and a bottom bar (class keys with counts, progress, rate and ETA), plus the help.
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "labeler/controller.hpp"
#include "labeler/guess.hpp"
#include "labeler/session.hpp"

namespace cnnlab::label::app {

constexpr int kTopBar = 34;
constexpr int kBottomBar = 58;

struct BrowseView {
  size_t index = 0, total = 0;  // index is 0-based
  std::string image;
  ImageState state;
  std::vector<std::string> classes;
  Counts counts;
  std::optional<Guess> guess;
  std::optional<double> per_minute, eta_seconds;
  bool auto_advance = true;
  std::string message;
};

// Where the picture goes: the canvas between the bars.
cv::Rect picture_area(cv::Size canvas);

// `picture` is already fitted to picture_area (empty when the file could not be decoded).
cv::Mat render_browse(cv::Size canvas, const cv::Mat& picture, const BrowseView& view);

// The key list over a darkened frame.
void draw_help(cv::Mat& frame, const std::string& title, const std::vector<KeyHelp>& keys);

// A status line at the bottom of the picture area (messages such as "nothing to undo").
void draw_message(cv::Mat& frame, const std::string& message);

}  // namespace cnnlab::label::app

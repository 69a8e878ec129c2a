#include "frame_renderer.hpp"

#include <cstdio>
#include <opencv2/imgproc.hpp>

#include "labeler/rate_meter.hpp"
#include "overlay_text.hpp"

namespace cnnlab::label::app {

namespace {

std::string percent(float p) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100.0 * p);
  return text;
}

std::string state_text(const ImageState& s, const std::vector<std::string>& classes) {
  switch (s.status) {
    case Status::Labelled:
      return "label: " + classes[static_cast<size_t>(s.label)];
    case Status::Skipped:
      return "skipped";
    case Status::Rejected:
      return "rejected";
    case Status::Unlabelled:
      return "unlabelled";
  }
  return "";
}

cv::Scalar state_color(const ImageState& s) {
  switch (s.status) {
    case Status::Labelled:
      return draw::kGreen;
    case Status::Skipped:
      return draw::kOrange;
    case Status::Rejected:
      return draw::kRed;
    case Status::Unlabelled:
      return draw::kGray;
  }
  return draw::kGray;
}

void draw_top_bar(cv::Mat& frame, const BrowseView& v) {
  const int y = 22;
  const int x = draw::text(frame, std::to_string(v.index + 1) + "/" + std::to_string(v.total),
                           {10, y}, draw::kWhite, 0.6);
  const std::string state = state_text(v.state, v.classes);
  std::string right = std::string("auto-advance ") + (v.auto_advance ? "on" : "off") + "   h: help";
  if (v.guess)
    right = "model: " + v.classes[static_cast<size_t>(v.guess->class_index)] + " " +
            percent(v.guess->probability) + " (Enter)   " + right;
  const int right_x = frame.cols - 10 - draw::text_width(right);
  const int state_x = right_x - 20 - draw::text_width(state, 0.6);
  draw::text(frame, draw::fit_text(v.image, state_x - x - 40), {x + 20, y}, draw::kWhite);
  draw::text(frame, state, {state_x, y}, state_color(v.state), 0.6);
  draw::text(frame, right, {right_x, y}, v.guess ? draw::kYellow : draw::kGray);
}

void draw_bottom_bar(cv::Mat& frame, const BrowseView& v) {
  const int top = frame.rows - kBottomBar;
  int x = 10;
  for (size_t c = 0; c < v.classes.size(); ++c) {
    const bool current =
        v.state.status == Status::Labelled && static_cast<size_t>(v.state.label) == c;
    const std::string entry = std::to_string((c + 1) % 10) + " " + v.classes[c] + " (" +
                              std::to_string(v.counts.per_class[c]) + ")";
    x = draw::text(frame, entry, {x, top + 22}, current ? draw::kGreen : draw::kWhite) + 22;
  }
  std::string progress =
      "labelled " + std::to_string(v.counts.labelled) + "/" + std::to_string(v.total) +
      "   skipped " + std::to_string(v.counts.skipped) + "   rejected " +
      std::to_string(v.counts.rejected) + "   remaining " + std::to_string(v.counts.unlabelled);
  char pace[64];
  if (v.per_minute)
    std::snprintf(pace, sizeof pace, "   %.1f/min   ETA %s", *v.per_minute,
                  v.eta_seconds ? format_duration(*v.eta_seconds).c_str() : "-");
  else
    std::snprintf(pace, sizeof pace, "   -/min   ETA -");
  draw::text(frame, progress + pace, {10, top + 46}, draw::kGray);
}

}  // namespace

cv::Rect picture_area(cv::Size canvas) {
  return {0, kTopBar, canvas.width, std::max(1, canvas.height - kTopBar - kBottomBar)};
}

cv::Mat render_browse(cv::Size canvas, const cv::Mat& picture, const BrowseView& view) {
  cv::Mat frame(canvas, CV_8UC3, draw::kPanel);
  const cv::Rect area = picture_area(canvas);
  if (picture.empty()) {
    const std::string text = "cannot decode this file (x rejects it)";
    draw::text(frame, text,
               {area.x + (area.width - draw::text_width(text, 0.7)) / 2, area.y + area.height / 2},
               draw::kRed, 0.7);
  } else {
    const cv::Rect placed(area.x + (area.width - picture.cols) / 2,
                          area.y + (area.height - picture.rows) / 2, picture.cols, picture.rows);
    picture.copyTo(frame(placed & cv::Rect({0, 0}, canvas)));
    if (view.state.status == Status::Rejected) cv::rectangle(frame, placed, draw::kRed, 4);
  }
  draw_top_bar(frame, view);
  draw_bottom_bar(frame, view);
  draw_message(frame, view.message);
  return frame;
}

void draw_message(cv::Mat& frame, const std::string& message) {
  if (message.empty()) return;
  const int width = draw::text_width(message, 0.6) + 24;
  const cv::Rect box((frame.cols - width) / 2, frame.rows - kBottomBar - 44, width, 32);
  draw::shade(frame, box, 0.7);
  draw::text(frame, message, {box.x + 12, box.y + 22}, draw::kYellow, 0.6);
}

void draw_help(cv::Mat& frame, const std::string& title, const std::vector<KeyHelp>& keys) {
  const int line = 24, width = 520;
  const int height = line * static_cast<int>(keys.size() + 3);
  const cv::Rect box((frame.cols - width) / 2, std::max(0, (frame.rows - height) / 2), width,
                     height);
  draw::shade(frame, box, 0.85);
  draw::text(frame, title, {box.x + 20, box.y + 30}, draw::kYellow, 0.6);
  int y = box.y + 30 + line + 6;
  for (const auto& k : keys) {
    draw::text(frame, k.keys, {box.x + 20, y}, draw::kWhite);
    draw::text(frame, k.action, {box.x + 210, y}, draw::kGray);
    y += line;
  }
}

}  // namespace cnnlab::label::app

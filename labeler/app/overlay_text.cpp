#include "overlay_text.hpp"

#include <opencv2/imgproc.hpp>

namespace cnnlab::label::app::draw {

std::string ascii(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x80)
      out += static_cast<char>(c >= 32 ? c : '?');
    else if (c >= 0xC0)
      out += '?';  // the first byte of a multi-byte character; continuation bytes are dropped
  }
  return out;
}

int text_width(const std::string& text, double scale) {
  int baseline = 0;
  return cv::getTextSize(ascii(text), cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline).width;
}

int text(cv::Mat& canvas, const std::string& text, cv::Point origin, const cv::Scalar& color,
         double scale) {
  const std::string shown = ascii(text);
  cv::putText(canvas, shown, origin, cv::FONT_HERSHEY_SIMPLEX, scale, color, 1, cv::LINE_AA);
  return origin.x + text_width(shown, scale);
}

void shade(cv::Mat& canvas, cv::Rect area, double darkness) {
  area &= cv::Rect(0, 0, canvas.cols, canvas.rows);
  if (area.empty()) return;
  cv::Mat region = canvas(area);
  region.convertTo(region, -1, 1.0 - darkness, 0);
}

std::string fit_text(const std::string& text, int width, double scale) {
  const std::string shown = ascii(text);
  if (text_width(shown, scale) <= width) return shown;
  for (size_t keep = shown.size(); keep > 4; --keep) {
    const size_t head = keep / 2, tail = keep - head;
    const std::string candidate = shown.substr(0, head) + "..." + shown.substr(shown.size() - tail);
    if (text_width(candidate, scale) <= width) return candidate;
  }
  return "...";
}

}  // namespace cnnlab::label::app::draw

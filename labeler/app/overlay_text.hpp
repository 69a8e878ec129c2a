#pragma once
// Drawing text and panels on frames with OpenCV's built-in Hershey font.
#include <opencv2/core.hpp>
#include <string>

namespace cnnlab::label::app::draw {

constexpr double kTextScale = 0.5;
const cv::Scalar kWhite{235, 235, 235};
const cv::Scalar kGray{160, 160, 160};
const cv::Scalar kGreen{120, 220, 120};
const cv::Scalar kYellow{80, 220, 255};
const cv::Scalar kOrange{60, 160, 255};
const cv::Scalar kRed{80, 80, 255};
const cv::Scalar kPanel{32, 32, 32};

// Hershey fonts have ASCII only: every other UTF-8 character becomes '?'.
std::string ascii(const std::string& text);
int text_width(const std::string& text, double scale = kTextScale);
// Draws `text` (made ascii) with its baseline at `origin`; returns the x just after it.
int text(cv::Mat& canvas, const std::string& text, cv::Point origin, const cv::Scalar& color,
         double scale = kTextScale);
// Darkens `area` so that text drawn over a picture stays readable.
void shade(cv::Mat& canvas, cv::Rect area, double darkness);
// A middle-truncated version of text that fits in `width` pixels ("IMG_00...123.jpg").
std::string fit_text(const std::string& text, int width, double scale = kTextScale);

}  // namespace cnnlab::label::app::draw

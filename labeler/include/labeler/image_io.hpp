#pragma once
// Decoding images at the size they are needed: the window shows a 12 MP photo at about one
// megapixel, and libjpeg can decode straight to 1/2, 1/4 or 1/8 scale several times faster.
#include <opencv2/core.hpp>
#include <optional>
#include <string>

namespace cnnlab::label {

// The largest size with `image`'s aspect ratio that fits in `box` (scaling up or down).
cv::Size fit_size(cv::Size image, cv::Size box);

// Width and height from a JPEG's frame header, without decoding; nullopt for anything else.
std::optional<cv::Size> jpeg_size(const std::string& path);

// Resizes with area averaging when shrinking (no aliasing) and bilinear when enlarging.
cv::Mat resize_to(const cv::Mat& image, cv::Size size);

// The file as 8-bit BGR, scaled to fit `box` with its aspect ratio kept (EXIF orientation
// applied). Empty when the file cannot be decoded.
cv::Mat load_fitted(const std::string& path, cv::Size box);

// The file as 8-bit grayscale with its longer side reduced to at most `long_side` (never
// enlarged). Empty when the file cannot be decoded.
cv::Mat load_gray_within(const std::string& path, int long_side);

}  // namespace cnnlab::label

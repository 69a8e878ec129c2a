#include "labeler/image_io.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cnnlab/image_check.hpp"

namespace cnnlab::label {

namespace {

int read_u16(std::istream& in) {
  const int hi = in.get(), lo = in.get();
  return in ? (hi << 8) | lo : -1;
}

bool is_frame_marker(int marker) {
  // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// libjpeg's 1/2, 1/4, 1/8 decoding: the largest reduction whose result still has at least
// `scale` times the full size. For other formats the flag only resizes after a full decode.
int reduction_for(double scale) {
  for (int factor : {8, 4, 2})
    if (1.0 / factor >= scale) return factor;
  return 1;
}

int color_flag(int factor) {
  switch (factor) {
    case 2:
      return cv::IMREAD_REDUCED_COLOR_2;
    case 4:
      return cv::IMREAD_REDUCED_COLOR_4;
    case 8:
      return cv::IMREAD_REDUCED_COLOR_8;
    default:
      return cv::IMREAD_COLOR;
  }
}

int gray_flag(int factor) {
  switch (factor) {
    case 2:
      return cv::IMREAD_REDUCED_GRAYSCALE_2;
    case 4:
      return cv::IMREAD_REDUCED_GRAYSCALE_4;
    case 8:
      return cv::IMREAD_REDUCED_GRAYSCALE_8;
    default:
      return cv::IMREAD_GRAYSCALE;
  }
}

cv::Mat decode(const std::string& path, int flag) {
  if (!image_decode_refusal(path).empty()) return {};
  try {
    return cv::imread(path, flag);
  } catch (const cv::Exception&) {
    return {};
  }
}

}  // namespace

cv::Size fit_size(cv::Size image, cv::Size box) {
  if (image.width <= 0 || image.height <= 0 || box.width <= 0 || box.height <= 0) return {};
  const double scale = std::min(static_cast<double>(box.width) / image.width,
                                static_cast<double>(box.height) / image.height);
  return {std::max(1, static_cast<int>(std::lround(image.width * scale))),
          std::max(1, static_cast<int>(std::lround(image.height * scale)))};
}

std::optional<cv::Size> jpeg_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || in.get() != 0xFF || in.get() != 0xD8) return std::nullopt;
  while (in) {
    int byte = in.get();
    if (byte != 0xFF) return std::nullopt;
    int marker = in.get();
    while (marker == 0xFF) marker = in.get();  // fill bytes
    if (!in || marker == 0xD9 || marker == 0xDA) return std::nullopt;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length field
    const int length = read_u16(in);
    if (length < 2) return std::nullopt;
    if (is_frame_marker(marker)) {
      in.get();  // sample precision
      const int height = read_u16(in), width = read_u16(in);
      if (height <= 0 || width <= 0) return std::nullopt;
      return cv::Size(width, height);
    }
    in.seekg(length - 2, std::ios::cur);
  }
  return std::nullopt;
}

cv::Mat resize_to(const cv::Mat& image, cv::Size size) {
  if (image.empty() || image.size() == size) return image;
  cv::Mat out;
  const bool shrinking = size.width < image.cols || size.height < image.rows;
  cv::resize(image, out, size, 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
  return out;
}

cv::Mat load_fitted(const std::string& path, cv::Size box) {
  int factor = 1;
  if (const auto full = jpeg_size(path)) {
    // EXIF may rotate the photo by 90 degrees: the reduction must cover both orientations.
    const cv::Size upright = fit_size(*full, box),
                   turned = fit_size({full->height, full->width}, box);
    const double scale = std::max(static_cast<double>(upright.width) / full->width,
                                  static_cast<double>(turned.width) / full->height);
    factor = reduction_for(scale);
  }
  const cv::Mat image = decode(path, color_flag(factor));
  if (image.empty()) return image;
  return resize_to(image, fit_size(image.size(), box));
}

cv::Mat load_gray_within(const std::string& path, int long_side) {
  int factor = 1;
  if (const auto full = jpeg_size(path))
    factor = reduction_for(static_cast<double>(long_side) / std::max(full->width, full->height));
  const cv::Mat image = decode(path, gray_flag(factor));
  if (image.empty()) return image;
  const int longer = std::max(image.cols, image.rows);
  if (longer <= long_side) return image;
  const double scale = static_cast<double>(long_side) / longer;
  return resize_to(image, {std::max(1, static_cast<int>(std::lround(image.cols * scale))),
                           std::max(1, static_cast<int>(std::lround(image.rows * scale)))});
}

}  // namespace cnnlab::label

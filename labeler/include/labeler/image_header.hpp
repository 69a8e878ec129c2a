#pragma once
// An image's size read from its header, and the pixel limit checked before any decode: a 1 MB
// PNG can claim 30000 x 30000 pixels, which OpenCV would allocate (2.7 GB) before noticing
// anything.
#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>

namespace cnnlab::label {

// 100 megapixels, twice a 50 MP photo; CNNLAB_MAX_IMAGE_PIXELS (a positive integer) changes it.
int64_t max_image_pixels();

// Width and height from a PNG, JPEG, BMP, WebP or TIFF header (recognised by content, not by
// name); nullopt when the header is not one of these or is damaged.
std::optional<cv::Size> image_header_size(const std::string& path);

// "" when the file may be decoded: its header gives a size within max_image_pixels().
// Otherwise why not ("30000 x 30000 pixels, more than the limit of ...").
std::string decode_refusal(const std::string& path);

}  // namespace cnnlab::label

#pragma once
// Small models and images for the picture tests, built in the test process.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "cnnlab/dataset.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/picture.hpp"

namespace cnnlab::test {

// `layers` (YAML flow lines, one per layer) on `input`, weights from the seed, logits out.
Model model_of(const std::vector<std::string>& layers, const Shape& input, uint64_t seed = 5);

// One random image {1, H, W, C} with values in [0, 1).
Tensor random_image(const Shape& input, uint64_t seed);

// The strokes of synthetic_data as an in-memory set of `count` 12x12 gray images.
ImageSet stroke_set(int count, uint64_t seed);

cv::Mat decoded(const Picture& picture);
// True when the rectangle holds more than one colour.
bool varied(const cv::Mat& image, const cv::Rect& area);
// The tile `i` of `grid`.
cv::Rect tile_rect(const PictureGrid& grid, int64_t i);

}  // namespace cnnlab::test

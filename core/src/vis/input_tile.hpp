#pragma once
// The picture of an input image {1, H, W, C} as the model sees it, shared by the
// activation and saliency pictures, and the caption of its top classes.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "cnnlab/tensor.hpp"

namespace cnnlab::vis {

// Gray or RGB (as BGR), stretched to the image's own range: the scale the model was trained
// with is not known here, and the picture is for the eye.
cv::Mat input_tile(const Tensor& image, int min_px);

// "Trouser 93.1%" lines of the `k` most probable classes.
std::vector<std::string> top_class_lines(const std::vector<double>& probabilities,
                                         const std::vector<std::string>& class_names, size_t k);

// Throws ShapeError unless `image` is one sample of the model's input shape.
void check_single_image(const Tensor& image, const std::vector<int64_t>& input_shape);

}  // namespace cnnlab::vis

#pragma once
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/model_file.hpp"
#include "cnnlab/plugin_host.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// A model file brought back to life: the network rebuilt through the plugins from its stored
// architecture, with its weights loaded. Used by `evaluate`, `predict` and the labeler.
struct CNNLAB_API TrainedModel {
  ModelFile file;
  Model model;
};

// Throws DataError for a missing, corrupted or inconsistent file, ConfigError when its
// architecture needs a layer type no loaded plugin provides.
CNNLAB_API TrainedModel load_trained_model(const std::string& path, const PluginHost& host);

// Reads image files (PNG, JPEG, BMP, WebP or TIFF within max_image_pixels(), checked from the
// header before decoding; see image_check.hpp) as one network input batch {N, H, W, C}:
// converted to the channel count (gray or RGB), resized to H x W with area interpolation,
// divided by `scale`. Throws DataError naming a file that cannot be read.
CNNLAB_API Tensor load_images_as_input(const std::vector<std::string>& paths,
                                       const Shape& input_shape, float scale);

struct ClassGuess {
  int class_index = 0;
  double probability = 0.0;
};

// The `k` most probable classes of row `row` of {N, K} probabilities, most probable first.
CNNLAB_API std::vector<ClassGuess> top_classes(const Tensor& probabilities, size_t row, size_t k);

}  // namespace cnnlab

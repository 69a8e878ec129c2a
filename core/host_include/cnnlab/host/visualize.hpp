#pragma once
// `cnnlab show`: a trained model's learned filters, feature maps and saliency as pictures.
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/picture.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// The layer called `name`, or ConfigError listing the model's layer names.
CNNLAB_API const Model::Entry& find_layer(const Model& model, const std::string& name);

enum class FilterView {
  mean,        // one tile per filter: the mean over its input channels (colour for RGB input)
  per_channel  // a row per filter, a tile per input channel
};

// The kernels of conv layer `layer` (empty: the first conv layer) as one grid, each tile
// normalised to its own range. For a layer reading 3 channels from the image the tiles are
// in colour. ConfigError for a missing layer or one that is not a conv2d.
CNNLAB_API Picture draw_filters(const Model& model, const std::string& layer,
                                FilterView view = FilterView::mean);

// One image {1, H, W, C} as the model sees it with its top classes, then the feature maps of
// the named layers (empty: every conv and pooling layer), one grid per layer, normalised per
// layer so that dead maps stay dark. ConfigError for a layer without feature maps.
CNNLAB_API Picture draw_activations(const Model& model, const Tensor& image,
                                    const std::vector<std::string>& layers,
                                    const std::vector<std::string>& class_names);

struct Saliency {
  int top_class = 0;
  std::vector<double> probabilities;  // of every class
  Tensor map;                         // {H, W}: the largest |d score / d pixel| over the channels
};

// The gradient of the top class's score (its logit) with respect to the input pixels of one
// image {1, H, W, C}, in inference mode.
CNNLAB_API Saliency input_saliency(const Model& model, const Tensor& image);

// The image, the saliency heat map and the two overlaid, with the top class.
CNNLAB_API Picture draw_saliency(const Model& model, const Tensor& image,
                                 const std::vector<std::string>& class_names);

}  // namespace cnnlab

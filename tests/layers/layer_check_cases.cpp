#include "layer_check_cases.hpp"

#include "cnnlab/testing/inputs.hpp"

namespace cnnlab::test {

namespace {

using testing::distinct_input;
using testing::input_away_from_zero;
using testing::random_input;

// Small batches with odd sizes: every index mistake shows, and the checks stay quick.
constexpr int64_t kBatch = 3;

Tensor uniform(const Shape& shape) { return random_input(kBatch, shape, 5); }
// For max pooling: the difference step never changes which element of a window wins.
Tensor distinct(const Shape& shape, uint64_t seed) { return distinct_input(kBatch, shape, seed); }
// For relu and leaky_relu: their kink stays out of reach of the difference step.
Tensor off_zero(const Shape& shape, uint64_t seed) {
  return input_away_from_zero(kBatch, shape, seed);
}
// Pixel values in [0.3, 0.7]: the colour augmentations' clip to [0, 1] never acts.
Tensor mid_grey(const Shape& shape) { return random_input(kBatch, shape, 7, 0.3, 0.7); }

LayerCheckCase same_in_training(std::string type, std::string settings, Tensor x) {
  return {std::move(type), std::move(settings), std::move(x), {}};
}

// Dropout, batch statistics and augmentations: training is not inference.
LayerCheckCase differs_in_training(std::string type, std::string settings, Tensor x) {
  LayerCheckCase c = same_in_training(std::move(type), std::move(settings), std::move(x));
  c.options.training_differs = true;
  return c;
}

std::vector<LayerCheckCase> make_cases() {
  std::vector<LayerCheckCase> cases;
  const auto add = [&](LayerCheckCase c) { cases.push_back(std::move(c)); };
  add(same_in_training("conv2d", "filters=4 kernel_size=3 strides=2 padding=same",
                       uniform({7, 6, 3})));
  add(same_in_training("conv2d", "filters=2 kernel_size=[2, 3] use_bias=false",
                       uniform({5, 7, 5})));
  add(same_in_training("conv2d", "filters=3 kernel_size=1", uniform({4, 5, 1})));
  add(same_in_training("conv2d", "filters=5 kernel_size=3 strides=[1, 2] activation=tanh",
                       uniform({6, 7, 2})));
  add(same_in_training("conv2d", "filters=4 kernel_size=3 padding=same activation=sigmoid",
                       uniform({5, 5, 3})));
  add(same_in_training("conv2d", "filters=4 kernel_size=2 activation=softmax", uniform({4, 5, 2})));
  add(same_in_training("conv2d", "filters=3 kernel_size=3 activation=gelu", uniform({5, 5, 2})));
  add(same_in_training("conv2d", "filters=2 kernel_size=2 activation=elu", uniform({4, 5, 3})));

  add(same_in_training("dense", "units=7", uniform({11})));
  add(same_in_training("dense", "units=5 activation=sigmoid use_bias=false", uniform({9})));
  add(same_in_training("dense", "units=6 activation=softmax", uniform({8})));
  add(same_in_training("dense", "units=4 activation=tanh", uniform({3, 2, 5})));
  add(same_in_training("dense", "units=4 activation=swish", uniform({6})));
  add(same_in_training("dense", "units=3 activation=gelu", uniform({2, 5})));

  add(same_in_training("maxpool2d", "", distinct({7, 6, 3}, 1)));
  add(same_in_training("maxpool2d", "pool_size=3 strides=2 padding=same", distinct({7, 8, 2}, 2)));
  add(same_in_training("avgpool2d", "", uniform({7, 6, 3})));
  add(same_in_training("avgpool2d", "pool_size=[3, 2] strides=[2, 1] padding=same",
                       uniform({7, 5, 2})));
  add(same_in_training("globalavgpool2d", "", uniform({5, 4, 3})));
  add(same_in_training("globalmaxpool2d", "", distinct({5, 4, 3}, 4)));

  add(same_in_training("depthwise_conv2d", "kernel_size=3 padding=same", uniform({6, 5, 3})));
  add(same_in_training("depthwise_conv2d",
                       "kernel_size=[2, 3] strides=2 depth_multiplier=2 activation=tanh",
                       uniform({7, 6, 2})));
  add(same_in_training("depthwise_conv2d", "kernel_size=3 use_bias=false activation=gelu",
                       uniform({5, 5, 2})));

  add(same_in_training("flatten", "", uniform({3, 4, 5})));
  add(same_in_training("activation", "activation=relu", off_zero({4, 5}, 3)));
  add(same_in_training("activation", "activation=leaky_relu", off_zero({4, 5}, 6)));
  for (const std::string f : {"linear", "sigmoid", "tanh", "softmax", "elu", "gelu", "swish"})
    add(same_in_training("activation", "activation=" + f, uniform({4, 5})));

  add(differs_in_training("dropout", "rate=0.3", uniform({5, 4, 3})));
  add(differs_in_training("batchnorm", "", uniform({4, 3, 5})));
  add(differs_in_training("batchnorm", "momentum=0.9 epsilon=0.01", uniform({6})));

  add(differs_in_training("random_flip", "", uniform({5, 6, 2})));
  add(differs_in_training("random_translation", "height_factor=0.3 width_factor=[-0.2, 0.4]",
                          uniform({5, 6, 2})));
  add(differs_in_training("random_rotation", "factor=0.1 fill_mode=wrap", uniform({5, 6, 2})));
  add(differs_in_training("random_zoom",
                          "height_factor=0.3 fill_mode=constant interpolation=nearest",
                          uniform({5, 6, 2})));
  add(differs_in_training("random_crop", "height=4 width=5 padding=2", uniform({5, 6, 2})));
  add(differs_in_training("random_contrast", "factor=0.5", mid_grey({5, 6, 2})));
  add(differs_in_training("random_brightness", "factor=0.2", mid_grey({5, 6, 2})));
  return cases;
}

}  // namespace

const std::vector<LayerCheckCase>& layer_check_cases() {
  static const std::vector<LayerCheckCase> cases = make_cases();
  return cases;
}

}  // namespace cnnlab::test

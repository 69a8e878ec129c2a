#pragma once
// What several layer types share: reading common keys, checking input shapes, and Keras'
// parameter initialisation. Internal to the cnnlab_layers plugin.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/kernels.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/plugin.hpp"

namespace cnnlab::layers {

// The factory of each layer type, one per source file; plugin.cpp lists them.
LayerType conv2d_type();
LayerType maxpool2d_type();
LayerType avgpool2d_type();
LayerType dense_type();
LayerType flatten_type();
LayerType dropout_type();
LayerType batchnorm_type();
LayerType activation_type();
LayerType globalavgpool2d_type();
LayerType globalmaxpool2d_type();
LayerType depthwise_conv2d_type();

// `activation`: linear (default), relu, sigmoid, tanh, softmax, leaky_relu, elu, gelu or swish.
Activation read_activation(const Config& cfg, bool required = false);

// conv2d and dense fuse their activation into the kernel when its derivative follows from the
// output; gelu and swish need the pre-activation, which the layer keeps in `pre`.
// The activation the kernel applies: f, or linear for those two.
Activation fused_activation(Activation f);
// After the kernel wrote `out` with fused_activation(f): for gelu and swish, `out` becomes
// `pre` and f(pre) is written to `out`. cols is the size of the last axis.
void finish_activation(Activation f, int64_t cols, Tensor& out, Tensor& pre);
// dL/d(pre-activation) from dL/d(out): grad_out itself for linear, else written to grad_z.
const float* pre_activation_grad(Activation f, int64_t cols, const Tensor& pre, const Tensor& out,
                                 const Tensor& grad_out, Tensor& grad_z);
// `padding`: valid (default) or same.
Padding read_padding(const Config& cfg);
// A size or stride key: an integer or a pair, each > 0.
std::pair<int64_t, int64_t> read_positive_pair(
    const Config& cfg, const std::string& key,
    std::optional<std::pair<int64_t, int64_t>> fallback = std::nullopt);
// An integer key that must be > 0.
int64_t read_positive_int(const Config& cfg, const std::string& key);

// Throws ShapeError unless `input` is an image (height, width, channels).
void require_image(const Shape& input, const std::string& type);

// A parameter of the given dims; its gradient is allocated when it is trainable.
Parameter make_parameter(const std::string& name, std::vector<int64_t> dims, bool trainable);
// Keras' glorot_uniform: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), drawn in order.
void glorot_uniform(Tensor& t, int64_t fan_in, int64_t fan_out, Rng& rng);

// The batch size of `in` after checking that its samples have the shape the layer was built
// for: a mismatch is a bug in the caller, reported as a ShapeError rather than a crash.
int64_t checked_batch(const Tensor& in, const Shape& built_for, const std::string& type);

// The {N, ...shape} dims of a batch.
std::vector<int64_t> batch_dims(int64_t batch, const Shape& shape);

}  // namespace cnnlab::layers

#pragma once
// What most layer plugins need besides the kernels: reading the common Keras keys with
// located errors, checking input shapes, and making parameters. The built-in layers use
// these, so a plugin that does too reads and reports like them.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/export.hpp"
#include "cnnlab/kernels/activation.hpp"
#include "cnnlab/kernels/window.hpp"
#include "cnnlab/layer.hpp"

namespace cnnlab {

// `activation`: linear (the default unless required), relu, sigmoid, tanh, softmax,
// leaky_relu, elu, gelu or swish.
CNNLAB_API Activation read_activation(const Config& cfg, bool required = false);
// `padding`: valid (default) or same.
CNNLAB_API Padding read_padding(const Config& cfg);
// A size or stride key: an integer n (meaning [n, n]) or a pair, each > 0.
CNNLAB_API std::pair<int64_t, int64_t> read_positive_pair(
    const Config& cfg, const std::string& key,
    std::optional<std::pair<int64_t, int64_t>> fallback = std::nullopt);
// A required integer key that must be > 0.
CNNLAB_API int64_t read_positive_int(const Config& cfg, const std::string& key);

// Throws ShapeError unless `input` is an image (height, width, channels).
CNNLAB_API void require_image(const Shape& input, const std::string& type);

// A parameter of the given dims, zero-filled; its gradient is allocated when it is trainable.
CNNLAB_API Parameter make_parameter(const std::string& name, std::vector<int64_t> dims,
                                    bool trainable = true);

// The batch size of `in` after checking that its samples have the shape the layer was built
// for: a mismatch is a bug in the caller, reported as a ShapeError rather than a crash.
CNNLAB_API int64_t checked_batch(const Tensor& in, const Shape& built_for, const std::string& type);

// The {N, ...shape} dims of a batch.
CNNLAB_API std::vector<int64_t> batch_dims(int64_t batch, const Shape& shape);

}  // namespace cnnlab

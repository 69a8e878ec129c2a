#include "cnnlab/layer_utils.hpp"

#include <algorithm>

#include "cnnlab/error.hpp"

namespace cnnlab {

Activation read_activation(const Config& cfg, bool required) {
  static const std::vector<std::string> names = {"linear",     "relu", "sigmoid", "tanh", "softmax",
                                                 "leaky_relu", "elu",  "gelu",    "swish"};
  const std::string name = required ? cfg.get_choice("activation", names)
                                    : cfg.get_choice("activation", names, std::string("linear"));
  if (name == "relu") return Activation::relu;
  if (name == "sigmoid") return Activation::sigmoid;
  if (name == "tanh") return Activation::tanh;
  if (name == "softmax") return Activation::softmax;
  if (name == "leaky_relu") return Activation::leaky_relu;
  if (name == "elu") return Activation::elu;
  if (name == "gelu") return Activation::gelu;
  if (name == "swish") return Activation::swish;
  return Activation::linear;
}

Padding read_padding(const Config& cfg) {
  return cfg.get_choice("padding", {"valid", "same"}, std::string("valid")) == "same"
             ? Padding::same
             : Padding::valid;
}

std::pair<int64_t, int64_t> read_positive_pair(
    const Config& cfg, const std::string& key,
    std::optional<std::pair<int64_t, int64_t>> fallback) {
  const auto pair = cfg.get_pair(key, fallback);
  if (pair.first <= 0 || pair.second <= 0)
    cfg.fail(key, "must be positive, got [" + std::to_string(pair.first) + ", " +
                      std::to_string(pair.second) + "]");
  return pair;
}

int64_t read_positive_int(const Config& cfg, const std::string& key) {
  const int64_t value = cfg.get_int(key);
  if (value <= 0) cfg.fail(key, "must be a positive integer, got " + std::to_string(value));
  return value;
}

void require_image(const Shape& input, const std::string& type) {
  if (input.size() != 3)
    throw ShapeError(type + " expects an image input (height, width, channels), got " +
                     shape_to_string(input));
}

Parameter make_parameter(const std::string& name, std::vector<int64_t> dims, bool trainable) {
  Parameter p;
  p.name = name;
  p.trainable = trainable;
  if (trainable) p.grad = Tensor(dims);
  p.value = Tensor(std::move(dims));
  return p;
}

int64_t checked_batch(const Tensor& in, const Shape& built_for, const std::string& type) {
  const auto& dims = in.dims();
  if (!dims.empty() && std::equal(built_for.begin(), built_for.end(), dims.begin() + 1, dims.end()))
    return dims[0];
  std::string got;
  for (int64_t d : dims) got += (got.empty() ? "" : ", ") + std::to_string(d);
  throw ShapeError(type + ": built for inputs " + shape_to_string(built_for) +
                   ", got a batch of dims [" + got + "]");
}

std::vector<int64_t> batch_dims(int64_t batch, const Shape& shape) {
  std::vector<int64_t> dims{batch};
  dims.insert(dims.end(), shape.begin(), shape.end());
  return dims;
}

}  // namespace cnnlab

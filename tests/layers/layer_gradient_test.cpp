// Every layer type's backward against finite differences (gradient_check.hpp), on small
// batches with odd sizes, for its input and every trainable parameter.
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "gradient_check.hpp"
#include "layer_fixture.hpp"

using cnnlab::Shape;
using cnnlab::Tensor;
using cnnlab::test::check_gradients;
using cnnlab::test::make_layer;

namespace {
constexpr int64_t kBatch = 3;

Tensor random_batch(const Shape& shape, uint64_t seed, double lo = -1, double hi = 1) {
  Tensor t(cnnlab::test::batch_of(kBatch, shape));
  cnnlab::Rng rng(seed);
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(rng.uniform(lo, hi));
  return t;
}

// Values at least 0.05 apart in random order: a central difference of step 0.01 never
// changes which element is the largest in a pooling window.
Tensor distinct_batch(const Shape& shape, uint64_t seed) {
  Tensor t = random_batch(shape, seed);
  std::vector<size_t> order(t.size());
  std::iota(order.begin(), order.end(), 0);
  cnnlab::Rng rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  for (size_t i = 0; i < t.size(); ++i) t[order[i]] = static_cast<float>(0.05 * i - 1.0);
  return t;
}

// Values with |x| >= 0.1: relu's kink stays out of reach of the difference step.
Tensor away_from_zero(const Shape& shape, uint64_t seed) {
  Tensor t = random_batch(shape, seed, 0.1, 1.0);
  cnnlab::Rng rng(seed + 1);
  for (size_t i = 0; i < t.size(); ++i)
    if (rng.below(2)) t[i] = -t[i];
  return t;
}

void check_layer(const std::string& type, const std::string& settings, const Shape& input,
                 const Tensor& x) {
  INFO(type << " " << settings << " on " << cnnlab::shape_to_string(input));
  auto layer = make_layer(type, settings);
  cnnlab::Rng init(11);
  layer->build(input, init);
  // Non-trivial biases and BN parameters, so their gradients are exercised away from 0/1.
  cnnlab::Rng rng(12);
  for (cnnlab::Parameter* p : layer->parameters())
    if (p->trainable && p->name != "kernel")
      for (size_t i = 0; i < p->value.size(); ++i)
        p->value[i] += static_cast<float>(rng.uniform(-0.5, 0.5));
  check_gradients(*layer, x);
}

void check_layer(const std::string& type, const std::string& settings, const Shape& input) {
  check_layer(type, settings, input, random_batch(input, 5));
}
}  // namespace

TEST_CASE("conv2d gradients", "[layers][gradients]") {
  check_layer("conv2d", "filters=4 kernel_size=3 strides=2 padding=same", {7, 6, 3});
  check_layer("conv2d", "filters=2 kernel_size=[2, 3] use_bias=false", {5, 7, 5});
  check_layer("conv2d", "filters=3 kernel_size=1", {4, 5, 1});
  check_layer("conv2d", "filters=5 kernel_size=3 strides=[1, 2] activation=tanh", {6, 7, 2});
  check_layer("conv2d", "filters=4 kernel_size=3 padding=same activation=sigmoid", {5, 5, 3});
  check_layer("conv2d", "filters=4 kernel_size=2 activation=softmax", {4, 5, 2});
}

TEST_CASE("dense gradients", "[layers][gradients]") {
  check_layer("dense", "units=7", {11});
  check_layer("dense", "units=5 activation=sigmoid use_bias=false", {9});
  check_layer("dense", "units=6 activation=softmax", {8});
  check_layer("dense", "units=4 activation=tanh", {3, 2, 5});
}

TEST_CASE("pooling gradients", "[layers][gradients]") {
  check_layer("maxpool2d", "", {7, 6, 3}, distinct_batch({7, 6, 3}, 1));
  check_layer("maxpool2d", "pool_size=3 strides=2 padding=same", {7, 8, 2},
              distinct_batch({7, 8, 2}, 2));
  check_layer("avgpool2d", "", {7, 6, 3});
  check_layer("avgpool2d", "pool_size=[3, 2] strides=[2, 1] padding=same", {7, 5, 2});
}

TEST_CASE("flatten, dropout and activation gradients", "[layers][gradients]") {
  check_layer("flatten", "", {3, 4, 5});
  check_layer("dropout", "rate=0.3", {5, 4, 3});
  check_layer("activation", "activation=relu", {4, 5}, away_from_zero({4, 5}, 3));
  for (const std::string f : {"linear", "sigmoid", "tanh", "softmax"})
    check_layer("activation", "activation=" + f, {4, 5});
}

TEST_CASE("batchnorm gradients in training mode", "[layers][gradients]") {
  check_layer("batchnorm", "", {4, 3, 5});
  check_layer("batchnorm", "momentum=0.9 epsilon=0.01", {6});
}

TEST_CASE("global pooling and depthwise_conv2d gradients", "[layers][gradients]") {
  check_layer("globalavgpool2d", "", {5, 4, 3});
  check_layer("globalmaxpool2d", "", {5, 4, 3}, distinct_batch({5, 4, 3}, 4));
  check_layer("depthwise_conv2d", "kernel_size=3 padding=same", {6, 5, 3});
  check_layer("depthwise_conv2d",
              "kernel_size=[2, 3] strides=2 depth_multiplier=2 activation=tanh", {7, 6, 2});
  check_layer("depthwise_conv2d", "kernel_size=3 use_bias=false activation=gelu", {5, 5, 2});
}

TEST_CASE("leaky_relu, elu, gelu and swish gradients, as a layer and fused", "[layers][gradients]") {
  check_layer("activation", "activation=leaky_relu", {4, 5}, away_from_zero({4, 5}, 6));
  for (const std::string f : {"elu", "gelu", "swish"})
    check_layer("activation", "activation=" + f, {4, 5});
  check_layer("dense", "units=4 activation=swish", {6});
  check_layer("dense", "units=3 activation=gelu", {2, 5});
  check_layer("conv2d", "filters=3 kernel_size=3 activation=gelu", {5, 5, 2});
  check_layer("conv2d", "filters=2 kernel_size=2 activation=elu", {4, 5, 3});
}

TEST_CASE("augmentation gradients in training", "[layers][gradients]") {
  // Pixel values in [0.3, 0.7]: the colour layers' clip to [0, 1] never acts.
  const Tensor mid = random_batch({5, 6, 2}, 7, 0.3, 0.7);
  check_layer("random_flip", "", {5, 6, 2});
  check_layer("random_translation", "height_factor=0.3 width_factor=[-0.2, 0.4]", {5, 6, 2});
  check_layer("random_rotation", "factor=0.1 fill_mode=wrap", {5, 6, 2});
  check_layer("random_zoom", "height_factor=0.3 fill_mode=constant interpolation=nearest",
              {5, 6, 2});
  check_layer("random_crop", "height=4 width=5 padding=2", {5, 6, 2});
  check_layer("random_contrast", "factor=0.5", {5, 6, 2}, mid);
  check_layer("random_brightness", "factor=0.2", {5, 6, 2}, mid);
}

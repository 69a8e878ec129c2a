// Output shapes, parameters and initial values of each layer type, and the shapes each one
// refuses.
#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/error.hpp"
#include "layer_fixture.hpp"

using cnnlab::Parameter;
using cnnlab::Shape;
using cnnlab::ShapeError;
using cnnlab::test::make_layer;

namespace {
Shape build(const std::shared_ptr<cnnlab::Layer>& layer, const Shape& input) {
  cnnlab::Rng init(7);
  return layer->build(input, init);
}

std::string build_error(const std::string& type, const std::string& settings, const Shape& input) {
  try {
    build(make_layer(type, settings), input);
  } catch (const ShapeError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("conv2d output shapes follow Keras' same/valid arithmetic", "[layers][shapes]") {
  CHECK(build(make_layer("conv2d", "filters=4 kernel_size=3"), {9, 7, 2}) == Shape{7, 5, 4});
  CHECK(build(make_layer("conv2d", "filters=4 kernel_size=3 strides=2 padding=same"), {9, 7, 2}) ==
        Shape{5, 4, 4});
  CHECK(build(make_layer("conv2d", "filters=1 kernel_size=[3, 1] strides=[2, 3]"), {9, 7, 2}) ==
        Shape{4, 3, 1});
}

TEST_CASE("conv2d parameters: HWIO kernel with Glorot-uniform values, zero bias",
          "[layers][init]") {
  auto conv = make_layer("conv2d", "filters=8 kernel_size=[3, 5]");
  build(conv, {10, 10, 6});
  auto params = conv->parameters();
  REQUIRE(params.size() == 2);
  const Parameter& kernel = *params[0];
  CHECK(kernel.name == "kernel");
  CHECK(kernel.value.dims() == std::vector<int64_t>{3, 5, 6, 8});
  CHECK(kernel.grad.dims() == kernel.value.dims());
  const double limit = std::sqrt(6.0 / (15 * 6 + 15 * 8));
  double sum_sq = 0;
  for (size_t i = 0; i < kernel.value.size(); ++i) {
    REQUIRE(std::abs(kernel.value[i]) <= limit);
    sum_sq += kernel.value[i] * kernel.value[i];
  }
  // U(-l, l) has variance l^2 / 3.
  CHECK(sum_sq / kernel.value.size() == Approx(limit * limit / 3).epsilon(0.1));
  CHECK(params[1]->name == "bias");
  CHECK(params[1]->value.dims() == std::vector<int64_t>{8});
  for (size_t i = 0; i < 8; ++i) CHECK(params[1]->value[i] == 0.0f);
}

TEST_CASE("initial weights depend only on the seed", "[layers][init]") {
  auto a = make_layer("dense", "units=5"), b = make_layer("dense", "units=5");
  build(a, {4});
  build(b, {4});
  const auto& wa = a->parameters()[0]->value;
  const auto& wb = b->parameters()[0]->value;
  for (size_t i = 0; i < wa.size(); ++i) CHECK(wa[i] == wb[i]);
}

TEST_CASE("use_bias false drops the bias", "[layers][shapes]") {
  auto conv = make_layer("conv2d", "filters=3 kernel_size=1 use_bias=false");
  build(conv, {4, 4, 2});
  CHECK(conv->parameters().size() == 1);
  auto dense = make_layer("dense", "units=3 use_bias=false");
  build(dense, {4});
  CHECK(dense->parameters().size() == 1);
}

TEST_CASE("pooling shapes: strides default to pool_size, same rounds up", "[layers][shapes]") {
  for (const std::string type : {"maxpool2d", "avgpool2d"}) {
    CHECK(build(make_layer(type), {28, 28, 32}) == Shape{14, 14, 32});
    CHECK(build(make_layer(type), {7, 7, 3}) == Shape{3, 3, 3});
    CHECK(build(make_layer(type, "padding=same"), {7, 7, 3}) == Shape{4, 4, 3});
    CHECK(build(make_layer(type, "pool_size=3 strides=1"), {7, 5, 3}) == Shape{5, 3, 3});
    CHECK(make_layer(type)->parameters().empty());
  }
}

TEST_CASE("dense applies to the last axis like Keras", "[layers][shapes]") {
  auto dense = make_layer("dense", "units=7");
  CHECK(build(dense, {12}) == Shape{7});
  CHECK(dense->parameters()[0]->value.dims() == std::vector<int64_t>{12, 7});
  CHECK(build(make_layer("dense", "units=7"), {3, 4, 5}) == Shape{3, 4, 7});
}

TEST_CASE("flatten, dropout and activation shapes", "[layers][shapes]") {
  CHECK(build(make_layer("flatten"), {7, 7, 64}) == Shape{3136});
  CHECK(build(make_layer("flatten"), {10}) == Shape{10});
  CHECK(build(make_layer("dropout", "rate=0.5"), {7, 7, 64}) == Shape{7, 7, 64});
  CHECK(build(make_layer("activation", "activation=tanh"), {3, 2}) == Shape{3, 2});
}

TEST_CASE("batchnorm: gamma 1, beta 0 trainable; moving statistics not trainable",
          "[layers][init]") {
  auto bn = make_layer("batchnorm");
  CHECK(build(bn, {5, 5, 6}) == Shape{5, 5, 6});
  auto params = bn->parameters();
  REQUIRE(params.size() == 4);
  const std::vector<std::pair<std::string, float>> expected = {
      {"gamma", 1.0f}, {"beta", 0.0f}, {"moving_mean", 0.0f}, {"moving_variance", 1.0f}};
  for (size_t i = 0; i < 4; ++i) {
    CHECK(params[i]->name == expected[i].first);
    CHECK(params[i]->trainable == (i < 2));
    CHECK(params[i]->value.dims() == std::vector<int64_t>{6});
    for (size_t c = 0; c < 6; ++c) CHECK(params[i]->value[c] == expected[i].second);
  }
}

TEST_CASE("layers that need an image refuse other ranks", "[layers][shapes]") {
  CHECK_THAT(build_error("conv2d", "filters=2 kernel_size=3", {784}),
             Catch::Contains("conv2d expects an image input (height, width, channels), got "
                             "(None, 784)"));
  CHECK_THAT(build_error("maxpool2d", "", {10}), Catch::Contains("maxpool2d expects an image"));
  CHECK_THAT(build_error("avgpool2d", "", {2, 10}), Catch::Contains("avgpool2d expects"));
}

TEST_CASE("windows larger than a valid-padded input are refused", "[layers][shapes]") {
  CHECK_THAT(build_error("maxpool2d", "pool_size=3", {2, 2, 4}),
             Catch::Contains("pool_size 3x3 is larger than the input (None, 2, 2, 4)"));
  CHECK_THAT(build_error("conv2d", "filters=2 kernel_size=5", {4, 9, 1}),
             Catch::Contains("kernel 5x5 does not fit input (None, 4, 9, 1)"));
  CHECK(build(make_layer("conv2d", "filters=2 kernel_size=5 padding=same"), {4, 9, 1}) ==
        Shape{4, 9, 2});
}

TEST_CASE("softmax can be deferred to the loss only by layers that end in softmax", "[layers]") {
  CHECK(make_layer("dense", "units=3 activation=softmax")->defer_softmax());
  CHECK(make_layer("conv2d", "filters=3 kernel_size=1 activation=softmax")->defer_softmax());
  CHECK(make_layer("activation", "activation=softmax")->defer_softmax());
  CHECK_FALSE(make_layer("dense", "units=3 activation=relu")->defer_softmax());
  CHECK_FALSE(make_layer("flatten")->defer_softmax());
}

TEST_CASE("Keras class and default names", "[layers]") {
  const std::vector<std::vector<std::string>> expected = {
      {"conv2d", "filters=1 kernel_size=1", "Conv2D", "conv2d"},
      {"maxpool2d", "", "MaxPooling2D", "max_pooling2d"},
      {"avgpool2d", "", "AveragePooling2D", "average_pooling2d"},
      {"dense", "units=1", "Dense", "dense"},
      {"flatten", "", "Flatten", "flatten"},
      {"dropout", "rate=0.1", "Dropout", "dropout"},
      {"batchnorm", "", "BatchNormalization", "batch_normalization"},
      {"activation", "activation=relu", "Activation", "activation"}};
  for (const auto& e : expected) {
    auto layer = make_layer(e[0], e[1]);
    CHECK(layer->type() == e[0]);
    CHECK(layer->keras_class() == e[2]);
    CHECK(layer->keras_name() == e[3]);
  }
}

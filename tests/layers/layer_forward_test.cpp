// Layer behaviour beyond gradients: fused relu, training vs inference mode, wrong batches,
// and bit-identical training steps at 1 and 2 threads.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/error.hpp"
#include "cnnlab/layer_utils.hpp"
#include "cnnlab/parallel.hpp"
#include "layer_fixture.hpp"

using cnnlab::Parameter;
using cnnlab::Shape;
using cnnlab::StepContext;
using cnnlab::Tensor;
using cnnlab::test::make_layer;

namespace {
Tensor random_batch(int64_t batch, const Shape& shape, uint64_t seed) {
  Tensor t(cnnlab::batch_dims(batch, shape));
  cnnlab::Rng rng(seed);
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(rng.uniform(-1, 1));
  return t;
}

StepContext training(uint64_t seed = 9) {
  StepContext ctx;
  ctx.training = true;
  ctx.seed = seed;
  return ctx;
}

std::shared_ptr<cnnlab::Layer> built(const std::string& type, const std::string& settings,
                                     const Shape& input) {
  auto layer = make_layer(type, settings);
  cnnlab::Rng init(3);
  layer->build(input, init);
  return layer;
}
}  // namespace

TEST_CASE("fused relu equals relu applied to the linear layer", "[layers][forward]") {
  for (const std::string type : {"conv2d", "dense"}) {
    INFO(type);
    const std::string settings =
        type == "conv2d" ? "filters=4 kernel_size=3 padding=same" : "units=6";
    const Shape input = type == "conv2d" ? Shape{5, 6, 3} : Shape{7};
    auto relu = built(type, settings + " activation=relu", input);
    auto linear = built(type, settings, input);
    const Tensor x = random_batch(4, input, 1);
    Tensor y_relu, y_linear, gx_relu, gx_linear;
    relu->forward(x, y_relu, training());
    linear->forward(x, y_linear, training());
    Tensor dy = random_batch(4, Shape(y_relu.dims().begin() + 1, y_relu.dims().end()), 2);
    relu->backward(x, y_relu, dy, &gx_relu);
    for (size_t i = 0; i < y_linear.size(); ++i) {
      REQUIRE(y_relu[i] == std::max(y_linear[i], 0.0f));
      if (y_linear[i] <= 0.0f) dy[i] = 0.0f;
    }
    linear->backward(x, y_linear, dy, &gx_linear);
    CHECK(std::equal(gx_relu.data(), gx_relu.data() + gx_relu.size(), gx_linear.data()));
    for (size_t p = 0; p < 2; ++p) {
      const Tensor& a = relu->parameters()[p]->grad;
      const Tensor& b = linear->parameters()[p]->grad;
      CHECK(std::equal(a.data(), a.data() + a.size(), b.data()));
    }
  }
}

TEST_CASE("dropout is the identity in inference, masked by the step seed in training",
          "[layers][forward]") {
  auto dropout = built("dropout", "rate=0.5", {100});
  const Tensor x = random_batch(2, {100}, 1);
  Tensor y, again, other;
  dropout->forward(x, y, StepContext{});
  CHECK(std::equal(y.data(), y.data() + y.size(), x.data()));
  dropout->forward(x, y, training(1));
  dropout->forward(x, again, training(1));
  dropout->forward(x, other, training(2));
  CHECK(std::equal(y.data(), y.data() + y.size(), again.data()));
  CHECK_FALSE(std::equal(y.data(), y.data() + y.size(), other.data()));
  const auto zeros = std::count(y.data(), y.data() + y.size(), 0.0f);
  CHECK(zeros > 60);
  CHECK(zeros < 140);
}

TEST_CASE("batchnorm: training updates the moving statistics, inference uses them",
          "[layers][forward]") {
  auto bn = built("batchnorm", "momentum=0.5", {2});
  Tensor x({4, 2});
  const float values[] = {1, 10, 3, 10, 5, 20, 7, 20};  // means 4, 15; variances 5, 25
  std::copy(values, values + 8, x.data());
  Tensor y;
  bn->forward(x, y, training());
  const auto params = bn->parameters();
  CHECK(params[2]->value[0] == Approx(0.5 * 0 + 0.5 * 4));
  CHECK(params[2]->value[1] == Approx(0.5 * 15));
  CHECK(params[3]->value[0] == Approx(0.5 * 1 + 0.5 * 5));  // biased batch variance
  CHECK(params[3]->value[1] == Approx(0.5 * 1 + 0.5 * 25));
  CHECK(y[0] == Approx(-3 / std::sqrt(5.001)));
  bn->forward(x, y, StepContext{});
  CHECK(y[0] == Approx((1 - 2) / std::sqrt(3.001)));
  CHECK(y[1] == Approx((10 - 7.5) / std::sqrt(13.001)));
}

TEST_CASE("a batch of the wrong shape is a ShapeError, not a crash", "[layers][forward]") {
  auto conv = built("conv2d", "filters=2 kernel_size=3", {8, 8, 1});
  Tensor wrong({2, 8, 7, 1}), out;
  CHECK_THROWS_MATCHES(
      conv->forward(wrong, out, StepContext{}), cnnlab::ShapeError,
      Catch::Matchers::Message("conv2d: built for inputs (None, 8, 8, 1), got a batch of dims "
                               "[2, 8, 7, 1]"));
  auto dense = built("dense", "units=2", {4});
  CHECK_THROWS_AS(dense->forward(Tensor({3, 5}), out, StepContext{}), cnnlab::ShapeError);
  auto pool = built("maxpool2d", "", {4, 4, 1});
  Tensor grad_in;
  CHECK_THROWS_AS(pool->backward(Tensor({1, 4, 4, 1}), out, Tensor({1, 2, 2, 1}), &grad_in),
                  cnnlab::Error);
}

TEST_CASE("a training step is bit-identical at 1 and 2 threads", "[layers][determinism]") {
  // The lecture's CIFAR model with batchnorm and dropout, on a batch of 24.
  const std::string conv = "conv2d kernel_size=5 padding=same activation=relu filters=";
  const std::vector<std::string> spec = {
      conv + "32",         "batchnorm",         "maxpool2d",
      "dropout rate=0.25", conv + "32",         "batchnorm",
      "avgpool2d",         "flatten",           "dense units=64 activation=relu",
      "batchnorm",         "dropout rate=0.25", "dense units=10"};
  const Tensor x = random_batch(24, {32, 32, 3}, 1);
  auto run = [&](int threads) {
    cnnlab::ThreadLimit limit(threads);
    auto stack = cnnlab::test::build_stack({32, 32, 3}, spec);
    std::vector<Tensor> outs(spec.size() + 1);
    outs[0] = x;
    for (size_t i = 0; i < spec.size(); ++i)
      stack.layers[i]->forward(outs[i], outs[i + 1], training(100 + i));
    Tensor grad = random_batch(24, {10}, 2), grad_in;
    for (size_t i = spec.size(); i-- > 0;) {
      stack.layers[i]->backward(outs[i], outs[i + 1], grad, i > 0 ? &grad_in : nullptr);
      grad = grad_in;
    }
    std::vector<Tensor> result = {outs.back()};
    for (auto& layer : stack.layers)
      for (Parameter* p : layer->parameters()) result.push_back(p->trainable ? p->grad : p->value);
    return result;
  };
  const auto one = run(1), two = run(2);
  REQUIRE(one.size() == two.size());
  for (size_t i = 0; i < one.size(); ++i) {
    INFO("tensor " << i);
    CHECK(std::equal(one[i].data(), one[i].data() + one[i].size(), two[i].data()));
  }
}

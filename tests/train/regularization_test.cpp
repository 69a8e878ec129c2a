// Kernel regularizers, gradient clipping, decoupled weight decay and label smoothing: against
// hand-computed values and central differences; and a whole fit step with all of them.
#include "cnnlab/host/regularization.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "cnnlab/host/loss.hpp"
#include "cnnlab/host/trainer.hpp"
#include "optimizer_fixture.hpp"
#include "synthetic_data.hpp"
#include "test_layers.hpp"

using cnnlab::Parameter;

TEST_CASE("kernel regularizers add l1 * sign(w) + 2 * l2 * w and return their penalty") {
  Parameter p = cnnlab::test::make_parameter({0.5f, -2.0f, 0.0f});
  p.grad[0] = 1.0f;
  const double penalty = cnnlab::apply_kernel_regularizer(p, {0, 0.1, 0.01});
  CHECK(penalty == Approx(0.1 * 2.5 + 0.01 * 4.25));
  CHECK(p.grad[0] == Approx(1.0 + 0.1 + 0.01));
  CHECK(p.grad[1] == Approx(-0.1 - 0.04));
  CHECK(p.grad[2] == 0.0f);
}

TEST_CASE("the regularizer gradient matches central differences of its penalty") {
  const std::vector<float> w{0.75f, -1.25f, 0.375f, 2.0f};
  const cnnlab::KernelRegularizer r{0, 0.03, 0.2};
  Parameter p = cnnlab::test::make_parameter(w);
  cnnlab::apply_kernel_regularizer(p, r);
  const float h = 1.0f / 64;
  for (size_t i = 0; i < w.size(); ++i) {
    auto shifted = w;
    shifted[i] = w[i] + h;
    Parameter up = cnnlab::test::make_parameter(shifted);
    shifted[i] = w[i] - h;
    Parameter down = cnnlab::test::make_parameter(shifted);
    const double fd =
        (cnnlab::apply_kernel_regularizer(up, r) - cnnlab::apply_kernel_regularizer(down, r)) /
        (2 * h);
    CHECK(p.grad[i] == Approx(fd).epsilon(1e-5));
  }
}

TEST_CASE("clipping by value, by norm per tensor and by global norm") {
  Parameter a = cnnlab::test::make_parameter({0, 0});
  Parameter b = cnnlab::test::make_parameter({0});
  const auto set = [&] {
    a.grad[0] = 3.0f;
    a.grad[1] = -4.0f;
    b.grad[0] = 12.0f;
  };
  cnnlab::GradientClipping c;
  set();
  c.clipvalue = 3.5;
  cnnlab::clip_gradients({&a, &b}, c);
  CHECK(std::vector<float>{a.grad[0], a.grad[1], b.grad[0]} == std::vector<float>{3, -3.5, 3.5});
  set();
  c = {};
  c.clipnorm = 2.5;  // |a| = 5 -> halved; |b| = 12 -> 2.5
  cnnlab::clip_gradients({&a, &b}, c);
  CHECK(a.grad[0] == Approx(1.5));
  CHECK(a.grad[1] == Approx(-2.0));
  CHECK(b.grad[0] == Approx(2.5));
  set();
  c = {};
  c.global_clipnorm = 6.5;  // global norm 13 -> everything halved
  cnnlab::clip_gradients({&a, &b}, c);
  CHECK(a.grad[0] == Approx(1.5));
  CHECK(b.grad[0] == Approx(6.0));
}

TEST_CASE("one fit step: regularizer, clipping, decoupled decay, then the optimizer") {
  // One sample through a dense layer with plain SGD: the step can be written out by hand.
  const auto images = cnnlab::test::quadrant_images(1, 2, 5);
  const auto build = [] {
    cnnlab::Model m({8, 8, 1});
    m.add(
        std::make_shared<cnnlab::test::TestDense>(2, cnnlab::test::TestDense::Softmax::deferrable),
        3);
    m.defer_final_softmax();
    return m;
  };
  const double lr = 0.5, wd = 0.1, l2 = 0.05, clip = 0.02;

  cnnlab::Model reference = build();
  cnnlab::Tensor x({1, 8, 8, 1});
  for (size_t i = 0; i < x.size(); ++i) x[i] = images.image(0)[i] / 255.0f;
  cnnlab::Tensor grad;
  cnnlab::softmax_cross_entropy(reference.forward(x, true), {images.labels[0]}, &grad);
  reference.backward(grad);
  std::vector<std::vector<float>> expected;
  for (Parameter* p : reference.trainable_parameters()) {
    std::vector<float> w(p->value.size());
    for (size_t i = 0; i < w.size(); ++i) {
      double g = p->grad[i] + (p->name == "kernel" ? 2 * l2 * p->value[i] : 0.0);
      g = std::max(-clip, std::min(clip, g));
      w[i] = static_cast<float>(p->value[i] * (1 - lr * wd) - lr * g);
    }
    expected.push_back(w);
  }

  cnnlab::Model model = build();
  auto sgd = cnnlab::test::make_optimizer("sgd", {{"learning_rate", "0.5"}});
  cnnlab::FitOptions o;
  o.epochs = 1;
  o.batch_size = 1;
  o.weight_decay = wd;
  o.clipping.clipvalue = clip;
  o.kernel_regularizers = {{0, 0.0, l2}};
  cnnlab::fit(model, *sgd, cnnlab::all_samples(images), {}, o);
  const auto params = model.trainable_parameters();
  REQUIRE(params.size() == expected.size());
  for (size_t k = 0; k < params.size(); ++k)
    for (size_t i = 0; i < expected[k].size(); ++i)
      CHECK(params[k]->value[i] == Approx(expected[k][i]).margin(1e-6));
}

TEST_CASE("label smoothing: targets (1 - s) onehot + s / K, gradient softmax - target") {
  cnnlab::Tensor logits({1, 4});
  const std::vector<float> z{0.5f, -1.0f, 2.0f, 0.25f};
  for (size_t i = 0; i < 4; ++i) logits[i] = z[i];
  const double s = 0.2;
  double sum = 0;
  for (float v : z) sum += std::exp(static_cast<double>(v));
  double expected = 0;
  std::vector<double> target(4, s / 4);
  target[2] += 1 - s;
  for (size_t k = 0; k < 4; ++k) expected -= target[k] * std::log(std::exp(double(z[k])) / sum);
  cnnlab::Tensor grad;
  CHECK(cnnlab::softmax_cross_entropy(logits, {2}, &grad, s) == Approx(expected).epsilon(1e-12));
  for (size_t k = 0; k < 4; ++k)
    CHECK(grad[k] == Approx(std::exp(double(z[k])) / sum - target[k]).epsilon(1e-6));

  // The probability path gives the same loss on the softmax of the logits, and its gradient
  // matches central differences.
  cnnlab::Tensor probs({1, 4});
  for (size_t k = 0; k < 4; ++k) probs[k] = static_cast<float>(std::exp(double(z[k])) / sum);
  CHECK(cnnlab::probability_cross_entropy(probs, {2}, &grad, s) == Approx(expected).epsilon(1e-6));
  const float h = 1.0f / 1024;
  for (size_t k = 0; k < 4; ++k) {
    cnnlab::Tensor up = probs, down = probs;
    up[k] += h;
    down[k] -= h;
    const double fd = (cnnlab::probability_cross_entropy(up, {2}, nullptr, s) -
                       cnnlab::probability_cross_entropy(down, {2}, nullptr, s)) /
                      (2 * h);
    CHECK(grad[k] == Approx(fd).epsilon(1e-3));
  }
}

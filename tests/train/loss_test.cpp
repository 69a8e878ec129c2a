// The fused softmax cross-entropy and the probability cross-entropy: values, stability and
// gradients (checked by central differences in double).
#include "cnnlab/host/loss.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/parallel.hpp"

using cnnlab::Tensor;

namespace {

Tensor matrix(int64_t rows, int64_t cols, const std::vector<float>& values) {
  Tensor t({rows, cols});
  for (size_t i = 0; i < values.size(); ++i) t[i] = values[i];
  return t;
}

// Mean cross-entropy of softmax(logits) computed the naive way in long double, for logits
// small enough not to overflow.
double naive_softmax_loss(const Tensor& logits, const std::vector<int32_t>& labels) {
  const int64_t n = logits.dim(0), k = logits.dim(1);
  long double total = 0;
  for (int64_t r = 0; r < n; ++r) {
    long double sum = 0;
    for (int64_t c = 0; c < k; ++c) sum += std::exp(static_cast<long double>(logits[r * k + c]));
    total += -std::log(std::exp(static_cast<long double>(logits[r * k + labels[r]])) / sum);
  }
  return static_cast<double>(total / n);
}

using LossFn = std::function<double(const Tensor&, const std::vector<int32_t>&, Tensor*)>;

// Compares the analytic gradient with central differences of the loss in double. The step is
// a power of two so that x +- h is exact in float; its O(h^2) error must stay below tolerance.
void check_gradient(const LossFn& loss, Tensor x, const std::vector<int32_t>& labels, float h,
                    double tolerance) {
  Tensor grad;
  loss(x, labels, &grad);
  REQUIRE(grad.dims() == x.dims());
  for (size_t i = 0; i < x.size(); ++i) {
    const float saved = x[i];
    x[i] = saved + h;
    const double up = loss(x, labels, nullptr);
    x[i] = saved - h;
    const double down = loss(x, labels, nullptr);
    x[i] = saved;
    INFO("element " << i);
    CHECK(grad[i] == Approx((up - down) / (2.0 * h)).margin(tolerance));
  }
}

}  // namespace

TEST_CASE("softmax cross-entropy equals the naive formula on moderate logits") {
  const Tensor logits = matrix(3, 4,
                               {0.1f, -1.2f, 2.0f, 0.5f,  //
                                3.0f, 3.0f, -2.0f, 0.0f,  //
                                -0.7f, 0.2f, 0.3f, 1.9f});
  const std::vector<int32_t> labels{2, 1, 0};
  CHECK(cnnlab::softmax_cross_entropy(logits, labels) ==
        Approx(naive_softmax_loss(logits, labels)).epsilon(1e-12));
}

TEST_CASE("softmax cross-entropy stays finite for logits of +-1000") {
  const Tensor logits = matrix(3, 3,
                               {1000.0f, -1000.0f, 0.0f,  //
                                -1000.0f, 1000.0f, 0.0f,  //
                                1000.0f, 1000.0f, -1000.0f});
  const std::vector<int32_t> labels{0, 0, 1};
  Tensor grad;
  const double loss = cnnlab::softmax_cross_entropy(logits, labels, &grad);
  // Row 0 is certain and right (0), row 1 certain and wrong (2000), row 2 a tie (log 2).
  CHECK(loss == Approx((0.0 + 2000.0 + std::log(2.0)) / 3.0));
  for (size_t i = 0; i < grad.size(); ++i) CHECK(std::isfinite(grad[i]));
  // (softmax - onehot) / N
  CHECK(grad[0] == Approx(0.0).margin(1e-12));
  CHECK(grad[3] == Approx(-1.0 / 3.0));
  CHECK(grad[4] == Approx(1.0 / 3.0));
  CHECK(grad[6] == Approx(0.5 / 3.0));
  CHECK(grad[7] == Approx(-0.5 / 3.0));
}

TEST_CASE("softmax cross-entropy gradient is (softmax - onehot) / N") {
  const Tensor logits = matrix(2, 3, {0.3f, -0.4f, 1.1f, 2.0f, 0.0f, -1.5f});
  const std::vector<int32_t> labels{1, 0};
  Tensor grad;
  cnnlab::softmax_cross_entropy(logits, labels, &grad);
  for (int r = 0; r < 2; ++r) {
    double sum = 0;
    for (int c = 0; c < 3; ++c) sum += std::exp(static_cast<double>(logits[r * 3 + c]));
    for (int c = 0; c < 3; ++c) {
      const double p = std::exp(static_cast<double>(logits[r * 3 + c])) / sum;
      CHECK(grad[r * 3 + c] == Approx((p - (c == labels[r] ? 1.0 : 0.0)) / 2.0).epsilon(1e-6));
    }
  }
}

TEST_CASE("softmax cross-entropy gradient matches finite differences") {
  const Tensor logits = matrix(3, 4,
                               {0.25f, -1.5f, 2.0f, 0.75f,  //
                                3.0f, 2.5f, -2.0f, 0.0f,    //
                                -0.5f, 0.125f, 0.375f, 1.875f});
  check_gradient([](const Tensor& x, const std::vector<int32_t>& y,
                    Tensor* g) { return cnnlab::softmax_cross_entropy(x, y, g); },
                 logits, {2, 1, 3}, 1.0f / 512.0f, 1e-5);
}

TEST_CASE("probability cross-entropy agrees with the fused loss on softmax outputs") {
  const Tensor logits = matrix(2, 3, {0.3f, -0.4f, 1.1f, 2.0f, 0.0f, -1.5f});
  Tensor probs({2, 3});
  for (int r = 0; r < 2; ++r) {
    double sum = 0;
    for (int c = 0; c < 3; ++c) sum += std::exp(static_cast<double>(logits[r * 3 + c]));
    for (int c = 0; c < 3; ++c) {
      probs[r * 3 + c] = static_cast<float>(std::exp(static_cast<double>(logits[r * 3 + c])) / sum);
    }
  }
  const std::vector<int32_t> labels{1, 0};
  CHECK(cnnlab::probability_cross_entropy(probs, labels) ==
        Approx(cnnlab::softmax_cross_entropy(logits, labels)).epsilon(1e-6));
}

TEST_CASE("probability cross-entropy normalises rows and clips like Keras") {
  // Row 0 sums to 2: the label's share is 0.25. Row 1 gives the label 0: clipped to 1e-7.
  const Tensor probs = matrix(2, 2, {0.5f, 1.5f, 0.0f, 1.0f});
  const std::vector<int32_t> labels{0, 0};
  Tensor grad;
  const double loss = cnnlab::probability_cross_entropy(probs, labels, &grad);
  CHECK(loss == Approx((-std::log(0.25) - std::log(1e-7)) / 2.0));
  CHECK(std::isfinite(loss));
  // No gradient flows through an active clip.
  CHECK(grad[2] == 0.0f);
  CHECK(grad[3] == 0.0f);
  // Row 0: dL/dp_k = (1 - [k == y] / q) / S / N with q = 0.25, S = 2, N = 2.
  CHECK(grad[0] == Approx((1.0 - 4.0) / 2.0 / 2.0));
  CHECK(grad[1] == Approx(1.0 / 2.0 / 2.0));
}

TEST_CASE("probability cross-entropy gradient matches finite differences") {
  const Tensor probs = matrix(3, 3,
                              {0.25f, 0.5f, 0.25f,   //
                               0.125f, 0.75f, 0.5f,  //
                               0.625f, 0.25f, 0.125f});
  check_gradient([](const Tensor& x, const std::vector<int32_t>& y,
                    Tensor* g) { return cnnlab::probability_cross_entropy(x, y, g); },
                 probs, {0, 1, 2}, 1.0f / 4096.0f, 1e-5);
}

TEST_CASE("loss inputs are checked") {
  const Tensor logits = matrix(2, 3, {0, 0, 0, 0, 0, 0});
  CHECK_THROWS_AS(cnnlab::softmax_cross_entropy(logits, {0, 3}), cnnlab::DataError);
  CHECK_THROWS_AS(cnnlab::softmax_cross_entropy(logits, {0, -1}), cnnlab::DataError);
  CHECK_THROWS_AS(cnnlab::softmax_cross_entropy(logits, {0}), cnnlab::ShapeError);
  CHECK_THROWS_AS(cnnlab::probability_cross_entropy(Tensor({6}), {0}), cnnlab::ShapeError);
}

TEST_CASE("loss and gradient are bit-identical at 1 and 2 threads") {
  const int64_t rows = 1000, k = 10;
  Tensor logits({rows, k});
  for (size_t i = 0; i < logits.size(); ++i) logits[i] = static_cast<float>(std::sin(0.37 * i) * 5);
  std::vector<int32_t> labels(rows);
  for (int64_t r = 0; r < rows; ++r) labels[r] = static_cast<int32_t>((r * 7) % k);
  auto run = [&](int threads) {
    cnnlab::ThreadLimit limit(threads);
    Tensor grad;
    const double loss = cnnlab::softmax_cross_entropy(logits, labels, &grad);
    return std::make_pair(loss, std::vector<float>(grad.data(), grad.data() + grad.size()));
  };
  const auto one = run(1), two = run(2);
  CHECK(one.first == two.first);
  CHECK(one.second == two.second);
}

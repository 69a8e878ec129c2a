#include "cnnlab/host/metrics.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/error.hpp"

using cnnlab::ConfusionMatrix;
using cnnlab::Tensor;

namespace {
Tensor outputs(int64_t rows, int64_t cols, const std::vector<float>& values) {
  Tensor t({rows, cols});
  for (size_t i = 0; i < values.size(); ++i) t[i] = values[i];
  return t;
}
}  // namespace

TEST_CASE("the predicted class is the first largest entry") {
  const Tensor out = outputs(3, 3, {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0.0f, -3.0f, -2.0f, -1.0f});
  std::vector<int32_t> predicted;
  cnnlab::predicted_classes(out, predicted);
  CHECK(predicted == std::vector<int32_t>{1, 0, 2});
  CHECK(cnnlab::count_correct(out, {1, 1, 2}) == 2);
}

TEST_CASE("the confusion matrix counts (true, predicted) pairs") {
  ConfusionMatrix cm(3);
  // true 0: predicted 0, 0, 1; true 1: predicted 1; true 2: none.
  cm.add(outputs(4, 3, {0.9f, 0.1f, 0.0f, 0.6f, 0.3f, 0.1f, 0.2f, 0.7f, 0.1f, 0.0f, 1.0f, 0.0f}),
         {0, 0, 0, 1});
  CHECK(cm.total() == 4);
  CHECK(cm.count(0, 0) == 2);
  CHECK(cm.count(0, 1) == 1);
  CHECK(cm.count(1, 1) == 1);
  CHECK(cm.count(1, 0) == 0);
  CHECK(cm.support(0) == 3);
  CHECK(cm.support(2) == 0);
  CHECK(cm.correct() == 3);
  CHECK(cm.accuracy() == Approx(0.75));
  const auto per_class = cm.per_class_accuracy();
  REQUIRE(per_class.size() == 3);
  CHECK(per_class[0] == Approx(2.0 / 3.0));
  CHECK(per_class[1] == Approx(1.0));
  CHECK(std::isnan(per_class[2]));  // no samples of class 2
}

TEST_CASE("an empty confusion matrix has no accuracy") {
  ConfusionMatrix cm(2);
  CHECK(std::isnan(cm.accuracy()));
  CHECK(cm.total() == 0);
}

TEST_CASE("classes outside the matrix are refused") {
  ConfusionMatrix cm(2);
  CHECK_THROWS_AS(cm.add(2, 0), cnnlab::DataError);
  CHECK_THROWS_AS(cm.add(0, -1), cnnlab::DataError);
  CHECK_THROWS_AS(cm.add(outputs(1, 2, {0, 1}), {0, 1}), cnnlab::ShapeError);
}

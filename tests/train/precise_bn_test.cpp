// Precise batchnorm: the recomputed moving statistics are the population mean and (biased)
// variance of the batchnorm layer's inputs over the batches seen, with the final weights.
#include "cnnlab/host/precise_bn.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "cnnlab/host/trainer.hpp"
#include "optimizer_fixture.hpp"
#include "synthetic_data.hpp"
#include "test_layers.hpp"

using cnnlab::Model;
using cnnlab::Tensor;

namespace {

Model bn_model() {
  Model m({8, 8, 1});
  m.add(std::make_shared<cnnlab::test::TestDense>(3, cnnlab::test::TestDense::Softmax::none), 1);
  m.add(cnnlab::test::make_layer("batchnorm", {{"momentum", "0.99"}}), 1);
  m.add(std::make_shared<cnnlab::test::TestDense>(2, cnnlab::test::TestDense::Softmax::deferrable),
        1);
  return m;
}

Tensor images_as_batch(const cnnlab::ImageSet& images, size_t begin, size_t end) {
  Tensor x({static_cast<int64_t>(end - begin), 8, 8, 1});
  for (size_t i = 0; i < x.size(); ++i) x[i] = images.image(begin)[i] / 255.0f;
  return x;
}

// Mean and biased variance of the first layer's outputs (inference) over all batches.
std::pair<std::vector<double>, std::vector<double>> population(Model& m,
                                                               const std::vector<Tensor>& xs) {
  std::vector<double> sum(3, 0.0), squares(3, 0.0);
  double n = 0;
  Tensor out;
  for (const Tensor& x : xs) {
    m.layers()[0].layer->forward(x, out, {});
    for (int64_t r = 0; r < out.dim(0); ++r, ++n)
      for (size_t c = 0; c < 3; ++c) {
        const double v = out[static_cast<size_t>(r) * 3 + c];
        sum[c] += v;
        squares[c] += v * v;
      }
  }
  std::vector<double> mean(3), var(3);
  for (size_t c = 0; c < 3; ++c) {
    mean[c] = sum[c] / n;
    var[c] = squares[c] / n - mean[c] * mean[c];
  }
  return {mean, var};
}

void check_statistics(Model& m, const std::vector<Tensor>& xs) {
  const auto [mean, var] = population(m, xs);
  const auto params = m.layers()[1].layer->parameters();
  for (size_t c = 0; c < 3; ++c) {
    CHECK(params[2]->value[c] == Approx(mean[c]).epsilon(1e-5));
    CHECK(params[3]->value[c] == Approx(var[c]).epsilon(1e-4));
  }
}

}  // namespace

TEST_CASE("precise batchnorm sets the population statistics of the batches it saw") {
  const auto images = cnnlab::test::quadrant_images(50, 2, 3);
  Model m = bn_model();
  const std::vector<Tensor> xs{images_as_batch(images, 0, 32), images_as_batch(images, 32, 50)};
  cnnlab::recompute_batchnorm_statistics(m, xs);
  REQUIRE(m.layers()[1].layer->parameters()[2]->name == "moving_mean");
  check_statistics(m, xs);
}

TEST_CASE("fit with precise_bn ends with the population statistics at the final weights") {
  const auto images = cnnlab::test::quadrant_images(48, 2, 4);
  Model m = bn_model();
  auto adam = cnnlab::test::make_optimizer("adam", {{"learning_rate", "0.01"}});
  cnnlab::FitOptions o;
  o.epochs = 2;
  o.batch_size = 16;
  o.shuffle = false;
  o.precise_bn_batches = 10;  // more than the 3 batches: all of them
  cnnlab::fit(m, *adam, cnnlab::all_samples(images), {}, o);
  check_statistics(m, {images_as_batch(images, 0, 48)});
}

// The SDK's initialisers (cnnlab/init.hpp) against Keras: the range of the uniform ones, the
// truncation of the normal ones, the variance of each, and a draw fixed by the seed.
#include "cnnlab/init.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>

using cnnlab::Rng;
using cnnlab::Tensor;

namespace {

constexpr int64_t kFanIn = 30, kFanOut = 20;

struct Moments {
  double variance = 0, largest = 0;
};

Moments moments_of(const std::function<void(Tensor&, Rng&)>& init) {
  Tensor t({100, 200});
  Rng rng(7);
  init(t, rng);
  Moments m;
  for (size_t i = 0; i < t.size(); ++i) {
    m.variance += double(t[i]) * t[i] / double(t.size());
    m.largest = std::max(m.largest, double(std::abs(t[i])));
  }
  return m;
}

}  // namespace

TEST_CASE("glorot and he initialisers have Keras' bounds and variances", "[layers][init]") {
  const double glorot = 2.0 / (kFanIn + kFanOut), he = 2.0 / kFanIn;
  // A uniform on [-l, l] has variance l^2 / 3; the normals are cut at two of their stddevs,
  // which are sqrt(variance) / 0.8796 so that the cut ones have the variance asked for.
  const Moments glorot_uniform =
      moments_of([](Tensor& t, Rng& rng) { cnnlab::glorot_uniform(t, kFanIn, kFanOut, rng); });
  CHECK(glorot_uniform.largest <= std::sqrt(3 * glorot));
  CHECK(glorot_uniform.variance == Approx(glorot).epsilon(0.03));
  const Moments he_uniform =
      moments_of([](Tensor& t, Rng& rng) { cnnlab::he_uniform(t, kFanIn, rng); });
  CHECK(he_uniform.largest <= std::sqrt(3 * he));
  CHECK(he_uniform.variance == Approx(he).epsilon(0.03));
  const Moments glorot_normal =
      moments_of([](Tensor& t, Rng& rng) { cnnlab::glorot_normal(t, kFanIn, kFanOut, rng); });
  CHECK(glorot_normal.largest <= 2 * std::sqrt(glorot) / 0.8796);
  CHECK(glorot_normal.variance == Approx(glorot).epsilon(0.03));
  const Moments he_normal =
      moments_of([](Tensor& t, Rng& rng) { cnnlab::he_normal(t, kFanIn, rng); });
  CHECK(he_normal.largest <= 2 * std::sqrt(he) / 0.8796);
  CHECK(he_normal.variance == Approx(he).epsilon(0.03));
}

TEST_CASE("an initialiser's draw depends only on its generator's seed", "[layers][init]") {
  Tensor a({50}), b({50}), c({50});
  Rng first(3), second(3), other(4);
  cnnlab::he_normal(a, 10, first);
  cnnlab::he_normal(b, 10, second);
  cnnlab::he_normal(c, 10, other);
  for (size_t i = 0; i < a.size(); ++i) CHECK(a[i] == b[i]);
  CHECK(a[0] != c[0]);
}

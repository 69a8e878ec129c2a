#include "landscape_directions.hpp"

#include <cmath>

#include "cnnlab/random.hpp"

namespace cnnlab::vis {

namespace {

// Slice f of a tensor whose last axis has `filters` entries: elements f, f + filters, ...
double slice_norm(const Tensor& t, int64_t filters, int64_t f) {
  double sum = 0.0;
  for (size_t i = static_cast<size_t>(f); i < t.size(); i += static_cast<size_t>(filters))
    sum += static_cast<double>(t[i]) * t[i];
  return std::sqrt(sum);
}

}  // namespace

std::vector<Tensor> filter_normalised_direction(const std::vector<Parameter*>& parameters,
                                                uint64_t seed, uint64_t stream) {
  Rng rng = Rng::derive(seed, stream);
  std::vector<Tensor> direction;
  for (const Parameter* p : parameters) {
    Tensor d(p->value.dims());
    if (p->trainable && p->value.rank() >= 2) {
      for (size_t i = 0; i < d.size(); ++i) d[i] = static_cast<float>(rng.normal());
      const int64_t filters = p->value.dims().back();
      for (int64_t f = 0; f < filters; ++f) {
        const double d_norm = slice_norm(d, filters, f);
        const double factor = d_norm > 0.0 ? slice_norm(p->value, filters, f) / d_norm : 0.0;
        for (size_t i = static_cast<size_t>(f); i < d.size(); i += static_cast<size_t>(filters))
          d[i] = static_cast<float>(d[i] * factor);
      }
    }
    direction.push_back(std::move(d));
  }
  return direction;
}

}  // namespace cnnlab::vis

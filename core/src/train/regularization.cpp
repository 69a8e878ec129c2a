#include "cnnlab/host/regularization.hpp"

#include <algorithm>
#include <cmath>

namespace cnnlab {

namespace {

// Sums in element order in double: the same for any thread count, and exact enough for the
// norms of millions of elements.
double squared_norm(const Tensor& t) {
  double sum = 0.0;
  for (size_t i = 0; i < t.size(); ++i) sum += static_cast<double>(t[i]) * t[i];
  return sum;
}

void scale(Tensor& t, double factor) {
  const auto f = static_cast<float>(factor);
  for (size_t i = 0; i < t.size(); ++i) t[i] *= f;
}

}  // namespace

double apply_kernel_regularizer(Parameter& kernel, const KernelRegularizer& r) {
  const Tensor& w = kernel.value;
  Tensor& g = kernel.grad;
  const auto l1 = static_cast<float>(r.l1);
  const auto two_l2 = static_cast<float>(2.0 * r.l2);
  double abs_sum = 0.0;
  for (size_t i = 0; i < w.size(); ++i) {
    abs_sum += std::fabs(w[i]);
    const float sign = w[i] > 0.0f ? 1.0f : (w[i] < 0.0f ? -1.0f : 0.0f);
    g[i] += l1 * sign + two_l2 * w[i];
  }
  return r.l1 * abs_sum + r.l2 * squared_norm(w);
}

void clip_gradients(const std::vector<Parameter*>& params, const GradientClipping& c) {
  if (c.clipvalue) {
    const auto limit = static_cast<float>(*c.clipvalue);
    for (Parameter* p : params)
      for (size_t i = 0; i < p->grad.size(); ++i)
        p->grad[i] = std::clamp(p->grad[i], -limit, limit);
  }
  if (c.clipnorm) {
    for (Parameter* p : params) {
      const double norm = std::sqrt(squared_norm(p->grad));
      if (norm > *c.clipnorm) scale(p->grad, *c.clipnorm / norm);
    }
  }
  if (c.global_clipnorm) {
    double sum = 0.0;
    for (const Parameter* p : params) sum += squared_norm(p->grad);
    const double norm = std::sqrt(sum);
    if (norm > *c.global_clipnorm)
      for (Parameter* p : params) scale(p->grad, *c.global_clipnorm / norm);
  }
}

void decay_weights(const std::vector<Parameter*>& params, double learning_rate,
                   double weight_decay) {
  if (weight_decay == 0.0) return;
  const double keep = 1.0 - learning_rate * weight_decay;
  for (Parameter* p : params) scale(p->value, keep);
}

}  // namespace cnnlab

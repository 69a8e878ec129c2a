// adam: Keras' Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7), the update
// of keras.optimizers.Adam (Keras 3) and of tf.keras' OptimizerV2 (ResourceApplyAdam), which
// agree: at step t (from 1)
//   alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
//   m = m + (g - m) * (1 - beta_1)
//   v = v + (g^2 - v) * (1 - beta_2)
//   w = w - alpha * m / (sqrt(v) + epsilon)
// The bias corrections are folded into alpha, so epsilon is added to sqrt(v) of the
// UNcorrected v: it is the "epsilon hat" of Kingma & Ba (just before their section 2.1), not the
// epsilon of their Algorithm 1. alpha is computed in double and applied in float.
#include <cmath>
#include <memory>

#include "optimizer_support.hpp"

namespace cnnlab::optimizers {

namespace {

class Adam final : public ElementwiseOptimizer {
 public:
  Adam(double learning_rate, double beta_1, double beta_2, double epsilon)
      : ElementwiseOptimizer("adam", learning_rate),
        beta_1_(beta_1),
        beta_2_(beta_2),
        epsilon_(epsilon) {}

 private:
  size_t state_slots() const override { return 2; }

  void begin_step() override {
    const auto t = static_cast<double>(iterations());
    alpha_ = learning_rate() * std::sqrt(1.0 - std::pow(beta_2_, t)) / (1.0 - std::pow(beta_1_, t));
  }

  void update(float* w, const float* g, const std::vector<float*>& state, size_t begin,
              size_t end) const override {
    const auto alpha = static_cast<float>(alpha_);
    const auto one_minus_b1 = static_cast<float>(1.0 - beta_1_);
    const auto one_minus_b2 = static_cast<float>(1.0 - beta_2_);
    const auto eps = static_cast<float>(epsilon_);
    float* m = state[0];
    float* v = state[1];
    for (size_t i = begin; i < end; ++i) {
      m[i] += (g[i] - m[i]) * one_minus_b1;
      v[i] += (g[i] * g[i] - v[i]) * one_minus_b2;
      w[i] -= alpha * m[i] / (std::sqrt(v[i]) + eps);
    }
  }

  double beta_1_, beta_2_, epsilon_;
  double alpha_ = 0.0;
};

}  // namespace

OptimizerType adam_type() {
  return {"adam", [](const Config& cfg) -> std::unique_ptr<Optimizer> {
            const double lr = read_learning_rate(cfg, 0.001);
            const double beta_1 = read_rate(cfg, "beta_1", 0.9);
            const double beta_2 = read_rate(cfg, "beta_2", 0.999);
            const double epsilon = read_positive(cfg, "epsilon", 1e-7);
            return std::make_unique<Adam>(lr, beta_1, beta_2, epsilon);
          }};
}

}  // namespace cnnlab::optimizers

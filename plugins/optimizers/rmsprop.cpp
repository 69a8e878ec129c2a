// rmsprop: Keras' RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
// centered=False), the update of keras.optimizers.RMSprop (Keras 3):
//   v = rho * v + (1 - rho) * g^2
//   centered: a = rho * a + (1 - rho) * g;  denominator = v - a^2 + epsilon
//   else:                                   denominator = v + epsilon
//   increment = lr * g / sqrt(denominator)
//   momentum > 0: p = momentum * p + increment;  w -= p
//   else:         w -= increment
// epsilon sits inside the square root, as in Keras 3 and in tf.keras' momentum/centered
// kernels (tf.keras 2's plain dense path added it outside; the difference is negligible).
#include <cmath>
#include <memory>

#include "optimizer_support.hpp"

namespace cnnlab::optimizers {

namespace {

class RmsProp final : public ElementwiseOptimizer {
 public:
  RmsProp(double learning_rate, double rho, double momentum, double epsilon, bool centered)
      : ElementwiseOptimizer("rmsprop", learning_rate),
        rho_(rho),
        momentum_(momentum),
        epsilon_(epsilon),
        centered_(centered) {}

 private:
  // Slot 0: the mean square v; then the momentum p when momentum > 0; then the mean gradient a
  // when centered.
  size_t state_slots() const override {
    return 1 + (momentum_ > 0.0 ? 1 : 0) + (centered_ ? 1 : 0);
  }

  void update(float* w, const float* g, const std::vector<float*>& state, size_t begin,
              size_t end) const override {
    const auto lr = static_cast<float>(learning_rate());
    const auto rho = static_cast<float>(rho_);
    const auto one_minus_rho = static_cast<float>(1.0 - rho_);
    const auto mu = static_cast<float>(momentum_);
    const auto eps = static_cast<float>(epsilon_);
    float* v = state[0];
    float* p = momentum_ > 0.0 ? state[1] : nullptr;
    float* a = centered_ ? state.back() : nullptr;
    for (size_t i = begin; i < end; ++i) {
      v[i] = rho * v[i] + one_minus_rho * g[i] * g[i];
      if (a) a[i] = rho * a[i] + one_minus_rho * g[i];
      const float denominator = a ? v[i] - a[i] * a[i] + eps : v[i] + eps;
      const float increment = lr * g[i] / std::sqrt(denominator);
      if (p) {
        p[i] = mu * p[i] + increment;
        w[i] -= p[i];
      } else {
        w[i] -= increment;
      }
    }
  }

  double rho_, momentum_, epsilon_;
  bool centered_;
};

}  // namespace

OptimizerType rmsprop_type() {
  return {"rmsprop", [](const Config& cfg) -> std::unique_ptr<Optimizer> {
            const double lr = read_learning_rate(cfg, 0.001);
            const double rho = read_rate(cfg, "rho", 0.9);
            const double momentum = read_rate(cfg, "momentum", 0.0);
            const double epsilon = read_positive(cfg, "epsilon", 1e-7);
            const bool centered = cfg.get_bool("centered", false);
            return std::make_unique<RmsProp>(lr, rho, momentum, epsilon, centered);
          }};
}

}  // namespace cnnlab::optimizers

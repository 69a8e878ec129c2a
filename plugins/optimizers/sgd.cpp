// sgd: Keras' SGD(learning_rate=0.01, momentum=0.0, nesterov=False).
//   momentum == 0:  w -= lr * g
//   momentum  > 0:  v = momentum * v - lr * g;  w += v                       (nesterov: false)
//                   v = momentum * v - lr * g;  w += momentum * v - lr * g   (nesterov: true)
#include <memory>

#include "optimizer_support.hpp"

namespace cnnlab::optimizers {

namespace {

class Sgd final : public ElementwiseOptimizer {
 public:
  Sgd(double learning_rate, double momentum, bool nesterov)
      : ElementwiseOptimizer("sgd", learning_rate), momentum_(momentum), nesterov_(nesterov) {}

 private:
  size_t state_slots() const override { return momentum_ > 0.0 ? 1 : 0; }

  void update(float* w, const float* g, const std::vector<float*>& state, size_t begin,
              size_t end) const override {
    const auto lr = static_cast<float>(learning_rate());
    if (state.empty()) {
      for (size_t i = begin; i < end; ++i) w[i] -= lr * g[i];
      return;
    }
    const auto mu = static_cast<float>(momentum_);
    float* v = state[0];
    for (size_t i = begin; i < end; ++i) {
      v[i] = mu * v[i] - lr * g[i];
      w[i] += nesterov_ ? mu * v[i] - lr * g[i] : v[i];
    }
  }

  double momentum_;
  bool nesterov_;
};

}  // namespace

OptimizerType sgd_type() {
  return {"sgd", [](const Config& cfg) -> std::unique_ptr<Optimizer> {
            const double lr = read_learning_rate(cfg, 0.01);
            const double momentum = read_rate(cfg, "momentum", 0.0, true);
            const bool nesterov = cfg.get_bool("nesterov", false);
            return std::make_unique<Sgd>(lr, momentum, nesterov);
          }};
}

}  // namespace cnnlab::optimizers

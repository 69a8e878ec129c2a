#pragma once
// What the optimizer types share: validated hyperparameters, per-parameter state and the
// elementwise update loop. Internal to the cnnlab_optimizers plugin.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/optimizer.hpp"
#include "cnnlab/plugin.hpp"

namespace cnnlab::optimizers {

// The factory of each optimizer type, one per source file; plugin.cpp lists them.
OptimizerType sgd_type();
OptimizerType adam_type();
OptimizerType rmsprop_type();

// `learning_rate`: finite and > 0.
double read_learning_rate(const Config& cfg, double fallback);
// A decay rate in [0, 1) (beta_1, beta_2, rho), or [0, 1] when `one_allowed` (SGD momentum,
// as Keras checks it).
double read_rate(const Config& cfg, const std::string& key, double fallback,
                 bool one_allowed = false);
// A finite value > 0 (epsilon).
double read_positive(const Config& cfg, const std::string& key, double fallback);

// The skeleton every elementwise optimizer shares: attach() keeps the parameters and makes
// `state_slots()` zero tensors for each (in attach() order), step() walks each parameter in
// parallel chunks of a fixed size and calls update() on them, so the result never depends on
// the number of threads.
class ElementwiseOptimizer : public Optimizer {
 public:
  ElementwiseOptimizer(std::string type, double learning_rate);

  std::string type() const override { return type_; }
  void attach(const std::vector<Parameter*>& params) override;
  void step() override;
  double learning_rate() const override { return learning_rate_; }
  void set_learning_rate(double lr) override { learning_rate_ = lr; }
  // The state tensors in attach() order, parameter by parameter, and iterations().
  bool can_save_state() const override { return true; }
  OptimizerState save_state() const override;
  void load_state(const OptimizerState& state) override;

  // Steps taken since attach() (Keras' `iterations`).
  int64_t iterations() const { return iterations_; }

 protected:
  // How many state tensors each parameter needs (momenta, moments).
  virtual size_t state_slots() const = 0;
  // Called once per step before any update(), with iterations() already counting this step.
  virtual void begin_step() {}
  // Updates elements [begin, end) of w from g, with this parameter's state tensors.
  virtual void update(float* w, const float* g, const std::vector<float*>& state, size_t begin,
                      size_t end) const = 0;

 private:
  std::string type_;
  double learning_rate_;
  bool attached_ = false;
  int64_t iterations_ = 0;
  std::vector<Parameter*> params_;
  std::vector<std::vector<Tensor>> state_;  // [parameter][slot]
};

}  // namespace cnnlab::optimizers

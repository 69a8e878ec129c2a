#pragma once
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// What an optimizer carries from one step to the next (moments, momenta, the step count), so
// that a checkpoint can continue training exactly where it stopped.
struct OptimizerState {
  std::vector<Tensor> tensors;
  std::vector<double> scalars;
};

// Updates the trainable parameters of a model from their gradients. State (momenta, moments)
// is owned by the optimizer and kept per parameter in the order attach() received them.
class CNNLAB_API Optimizer {
 public:
  virtual ~Optimizer();
  virtual std::string type() const = 0;
  // Called once with the model's trainable parameters before the first step.
  virtual void attach(const std::vector<Parameter*>& params) = 0;
  // One update from the current grads (the batch mean of the loss gradient).
  virtual void step() = 0;
  virtual double learning_rate() const = 0;
  virtual void set_learning_rate(double lr) = 0;

  // Checkpoints. save_state() after attach() returns everything step() depends on besides the
  // parameters and the learning rate; load_state() of that value on an optimizer of the same
  // type and settings, attached to parameters of the same dims, makes its next step()
  // bit-identical to the original's. Optimizers that cannot do this keep the defaults:
  // can_save_state() false, and a run restarts their interrupted cells from the first epoch.
  virtual bool can_save_state() const;
  virtual OptimizerState save_state() const;
  // Throws DataError when `state` does not fit the attached parameters.
  virtual void load_state(const OptimizerState& state);
};

}  // namespace cnnlab

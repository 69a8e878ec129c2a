#pragma once
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"

namespace cnnlab {

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
};

}  // namespace cnnlab

#pragma once
// What the trainer does to a step besides the loss gradient, in Keras 3's order: the kernel
// regularizers' gradients join the loss gradient, the gradients are clipped, the weights decay,
// then the optimizer steps. All of it works on Parameters, so every optimizer (plugins too)
// gets it without knowing.
#include <cstddef>
#include <optional>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"

namespace cnnlab {

// Keras' kernel_regularizer {l1: .., l2: ..} on layer `layer` (its index in the model):
// penalty l1 * sum|w| + l2 * sum w^2 on the layer's parameter named "kernel".
struct KernelRegularizer {
  size_t layer = 0;
  double l1 = 0.0;
  double l2 = 0.0;
};

// Adds each regularizer's gradient (l1 * sign(w) + 2 * l2 * w) to its kernel's grad and
// returns the summed penalty, the term Keras adds to the training loss.
CNNLAB_API double apply_kernel_regularizer(Parameter& kernel, const KernelRegularizer& r);

struct GradientClipping {
  std::optional<double> clipvalue;        // each element into [-clipvalue, clipvalue]
  std::optional<double> clipnorm;         // each gradient tensor's L2 norm to at most this
  std::optional<double> global_clipnorm;  // all gradients together to at most this norm
};

// At most one of the three is set (Keras refuses two); the spec reader checks that.
CNNLAB_API void clip_gradients(const std::vector<Parameter*>& params, const GradientClipping& c);

// Decoupled weight decay (AdamW, Loshchilov & Hutter; Keras 3's `weight_decay` of every
// optimizer): w -= learning_rate * weight_decay * w, before the optimizer's own update.
CNNLAB_API void decay_weights(const std::vector<Parameter*>& params, double learning_rate,
                              double weight_decay);

}  // namespace cnnlab

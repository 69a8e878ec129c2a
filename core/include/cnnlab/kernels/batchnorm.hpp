#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Batch normalization over the last axis: x is {rows, channels}, rows = every other axis
// (N*H*W for images). Keras semantics: y = gamma * (x - mean) / sqrt(var + epsilon) + beta.
struct BatchNormShape {
  int64_t rows = 0;
  int64_t channels = 0;
};

// Training: mean and variance of this batch per channel (variance biased, divided by rows, as
// tf.nn.moments). Writes them as batch_mean and batch_inv_std = 1 / sqrt(var + epsilon) for
// backward, and updates the moving statistics the Keras way:
// moving = moving * momentum + batch * (1 - momentum), with the same biased variance.
// Sums are accumulated in double over fixed row blocks, added in block order.
CNNLAB_API void batchnorm_forward_training(const BatchNormShape& s, const float* x,
                                           const float* gamma, const float* beta, float epsilon,
                                           float momentum, float* moving_mean,
                                           float* moving_variance, float* batch_mean,
                                           float* batch_inv_std, float* y);

// Inference: normalises with the moving statistics.
CNNLAB_API void batchnorm_forward_inference(const BatchNormShape& s, const float* x,
                                            const float* gamma, const float* beta,
                                            const float* moving_mean, const float* moving_variance,
                                            float epsilon, float* y);

// Backward of the training forward: dgamma = sum(dy * xhat), dbeta = sum(dy) (overwritten), and
// dx = gamma * inv_std / rows * (rows * dy - dbeta - xhat * dgamma), xhat = (x - mean) * inv_std.
CNNLAB_API void batchnorm_backward(const BatchNormShape& s, const float* x, const float* dy,
                                   const float* gamma, const float* batch_mean,
                                   const float* batch_inv_std, float* dx, float* dgamma,
                                   float* dbeta);

}  // namespace cnnlab

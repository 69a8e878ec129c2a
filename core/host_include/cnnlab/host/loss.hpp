#pragma once
#include <cstdint>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// Categorical cross-entropy against integer labels, averaged over the batch.
//
// Both functions take outputs of dims {N, K} and N labels in [0, K); a label outside that
// range is a DataError. When `grad` is not null it is resized to {N, K} and receives
// dL/d(outputs) of the MEAN loss, so that the parameter gradients the layers accumulate by
// summing over the batch come out as batch means. Rows are processed in parallel with fixed
// chunks and the per-row losses summed in row order: results do not depend on thread count.

// For a model whose last layer deferred its softmax (Model::outputs_logits()): softmax and
// cross-entropy fused through log-sum-exp, finite for any finite logits (±1000 included).
// grad = (softmax(logits) - onehot(label)) / N.
CNNLAB_API double softmax_cross_entropy(const Tensor& logits, const std::vector<int32_t>& labels,
                                        Tensor* grad = nullptr, double label_smoothing = 0.0);

// For a model that outputs probabilities itself. Keras' categorical_crossentropy with
// from_logits=False: each row is divided by its sum, clipped to [1e-7, 1 - 1e-7] (Keras'
// backend epsilon) and the loss is -log of the label's entry. The gradient follows the same
// path (zero where the clip is active).
CNNLAB_API double probability_cross_entropy(const Tensor& probabilities,
                                            const std::vector<int32_t>& labels,
                                            Tensor* grad = nullptr, double label_smoothing = 0.0);

// label_smoothing s (Keras' CategoricalCrossentropy(label_smoothing=s)): the target of class k
// is (1 - s) * [k == label] + s / K instead of the one-hot vector, and the loss is
// -sum_k target_k * log(softmax_k) (log of the clipped normalised probability for the second).

// Keras' backend epsilon, the clip of probability_cross_entropy.
constexpr double kProbabilityEpsilon = 1e-7;

}  // namespace cnnlab

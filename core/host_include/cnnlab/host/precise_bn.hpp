#pragma once
// Precise batchnorm statistics (Wu & Johnson, "Rethinking Batch in BatchNorm", 2021): moving
// averages lag the weights, badly so on small data with Keras' momentum 0.99; recomputing the
// population statistics from a few batches with the final weights removes the lag.
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// Sets each batchnorm layer's moving_mean and moving_variance (a layer with parameters of
// those names, over its last axis) to the mean and the biased variance of its inputs over all
// samples of `batches`, layer after layer: the inputs of a batchnorm layer are computed in
// inference mode with the statistics already recomputed for the ones before it (dropout and
// augmentation off). The batches are model inputs {N, ...input_shape}.
CNNLAB_API void recompute_batchnorm_statistics(Model& model, const std::vector<Tensor>& batches);

}  // namespace cnnlab

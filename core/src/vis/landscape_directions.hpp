#pragma once
// Li et al.'s filter-normalised random directions in weight space.
#include <cstdint>
#include <vector>

#include "cnnlab/layer.hpp"

namespace cnnlab::vis {

// One tensor per parameter, in order: Gaussian from Rng::derive(seed, stream), each slice
// along the last axis scaled to the norm of the same slice of the parameter; zero for
// parameters of rank below 2 (biases, batch-normalization vectors) and non-trainable ones.
std::vector<Tensor> filter_normalised_direction(const std::vector<Parameter*>& parameters,
                                                uint64_t seed, uint64_t stream);

}  // namespace cnnlab::vis

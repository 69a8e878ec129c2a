#pragma once
// The bias steps conv2d and dense share: adding a per-column bias to output rows (fused with
// the activation where the rows are whole), and summing gradient rows into the bias gradient.
// `ld` is the distance between rows, so a tile of a wider matrix works too.
#include <cstdint>

#include "cnnlab/kernels/activation.hpp"

namespace cnnlab::kernels_detail {

// y[r * ld + c] += bias[c] for r < rows, c < cols.
void add_bias(int64_t rows, int64_t cols, int64_t ld, const float* bias, float* y);

// sums[c] += m[r * ld + c] for r < rows, c < cols, rows in order.
void add_column_sums(int64_t rows, int64_t cols, int64_t ld, const float* m, float* sums);

// Whole rows of `cols` values: the bias (may be null), then f; relu, the usual case, in the
// same pass while the rows are in cache.
void add_bias_activate(int64_t rows, int64_t cols, const float* bias, Activation f, float* y);

}  // namespace cnnlab::kernels_detail

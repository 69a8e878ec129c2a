#include "bias.hpp"

namespace cnnlab::kernels_detail {

void add_bias(int64_t rows, int64_t cols, int64_t ld, const float* bias, float* y) {
  for (int64_t r = 0; r < rows; ++r, y += ld)
    for (int64_t c = 0; c < cols; ++c) y[c] += bias[c];
}

void add_column_sums(int64_t rows, int64_t cols, int64_t ld, const float* m, float* sums) {
  for (int64_t r = 0; r < rows; ++r, m += ld)
    for (int64_t c = 0; c < cols; ++c) sums[c] += m[c];
}

void add_bias_activate(int64_t rows, int64_t cols, const float* bias, Activation f, float* y) {
  if (f == Activation::relu) {
    for (int64_t r = 0; r < rows; ++r, y += cols)
      for (int64_t c = 0; c < cols; ++c) {
        const float v = bias ? y[c] + bias[c] : y[c];
        y[c] = v > 0.0f ? v : 0.0f;
      }
    return;
  }
  if (bias) add_bias(rows, cols, cols, bias, y);
  if (f != Activation::linear) activation_forward_rows(f, 0, rows, cols, y, y);
}

}  // namespace cnnlab::kernels_detail

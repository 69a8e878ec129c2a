#include "cnnlab/kernels/activation.hpp"

#include <algorithm>
#include <cmath>

#include "cnnlab/error.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {
// Elements per parallel chunk for element-wise work: large enough to amortise a task.
constexpr int64_t kElementGrain = 1 << 15;

int64_t row_grain(int64_t cols) {
  return std::max<int64_t>(1, kElementGrain / std::max<int64_t>(cols, 1));
}

void softmax_row(int64_t cols, const float* x, float* y) {
  float max = x[0];
  for (int64_t j = 1; j < cols; ++j) max = std::max(max, x[j]);
  float sum = 0.0f;
  for (int64_t j = 0; j < cols; ++j) {
    y[j] = std::exp(x[j] - max);
    sum += y[j];
  }
  const float inv = 1.0f / sum;
  for (int64_t j = 0; j < cols; ++j) y[j] *= inv;
}

constexpr float kInvSqrt2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

void elementwise_forward(Activation f, int64_t n, const float* x, float* y) {
  switch (f) {
    case Activation::leaky_relu:
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : kLeakyReluSlope * x[i];
      break;
    case Activation::elu:
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : kEluAlpha * std::expm1(x[i]);
      break;
    case Activation::gelu:
      for (int64_t i = 0; i < n; ++i) y[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * kInvSqrt2));
      break;
    case Activation::swish:
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] * sigmoid(x[i]);
      break;
    case Activation::relu:
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
      break;
    case Activation::sigmoid:
      for (int64_t i = 0; i < n; ++i) y[i] = sigmoid(x[i]);
      break;
    case Activation::tanh:
      for (int64_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
      break;
    case Activation::linear:
    case Activation::softmax:
      if (x != y) std::copy(x, x + n, y);
      break;
  }
}

void elementwise_backward(Activation f, int64_t n, const float* y, const float* dy, float* dx) {
  switch (f) {
    case Activation::leaky_relu:
      for (int64_t i = 0; i < n; ++i) dx[i] = y[i] > 0.0f ? dy[i] : kLeakyReluSlope * dy[i];
      break;
    case Activation::elu:  // below 0: d/dx alpha (e^x - 1) = y + alpha
      for (int64_t i = 0; i < n; ++i) dx[i] = y[i] > 0.0f ? dy[i] : dy[i] * (y[i] + kEluAlpha);
      break;
    case Activation::gelu:  // activation_backward refuses these before any work
    case Activation::swish:
      break;
    case Activation::relu:
      for (int64_t i = 0; i < n; ++i) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
      break;
    case Activation::sigmoid:
      for (int64_t i = 0; i < n; ++i) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
      break;
    case Activation::tanh:
      for (int64_t i = 0; i < n; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
      break;
    case Activation::linear:
    case Activation::softmax:
      if (dy != dx) std::copy(dy, dy + n, dx);
      break;
  }
}

// dx_j = y_j * (dy_j - sum_k dy_k y_k).
void softmax_backward_row(int64_t cols, const float* y, const float* dy, float* dx) {
  float dot = 0.0f;
  for (int64_t j = 0; j < cols; ++j) dot += dy[j] * y[j];
  for (int64_t j = 0; j < cols; ++j) dx[j] = y[j] * (dy[j] - dot);
}
}  // namespace

void activation_backward_from_input(Activation f, int64_t n, const float* x, const float* dy,
                                    float* dx) {
  if (!activation_needs_input(f))
    throw Error("activation_backward_from_input: only for gelu and swish");
  parallel_for(0, n, kElementGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      if (f == Activation::gelu) {  // Phi(x) + x phi(x)
        dx[i] = dy[i] * (0.5f * (1.0f + std::erf(x[i] * kInvSqrt2)) +
                         x[i] * kInvSqrt2Pi * std::exp(-0.5f * x[i] * x[i]));
      } else {
        const float s = sigmoid(x[i]);
        dx[i] = dy[i] * s * (1.0f + x[i] * (1.0f - s));
      }
    }
  });
}

void activation_forward_rows(Activation f, int64_t row_begin, int64_t row_end, int64_t cols,
                             const float* x, float* y) {
  if (f == Activation::softmax) {
    for (int64_t r = row_begin; r < row_end; ++r) softmax_row(cols, x + r * cols, y + r * cols);
    return;
  }
  elementwise_forward(f, (row_end - row_begin) * cols, x + row_begin * cols, y + row_begin * cols);
}

void activation_forward(Activation f, int64_t rows, int64_t cols, const float* x, float* y) {
  if (f == Activation::linear && x == y) return;
  parallel_for(0, rows, row_grain(cols), [&](int64_t begin, int64_t end) {
    activation_forward_rows(f, begin, end, cols, x, y);
  });
}

void activation_backward(Activation f, int64_t rows, int64_t cols, const float* y, const float* dy,
                         float* dx) {
  if (f == Activation::linear && dy == dx) return;
  if (activation_needs_input(f))
    throw Error("activation_backward: gelu and swish need activation_backward_from_input");
  parallel_for(0, rows, row_grain(cols), [&](int64_t begin, int64_t end) {
    if (f == Activation::softmax) {
      for (int64_t r = begin; r < end; ++r)
        softmax_backward_row(cols, y + r * cols, dy + r * cols, dx + r * cols);
    } else {
      elementwise_backward(f, (end - begin) * cols, y + begin * cols, dy + begin * cols,
                           dx + begin * cols);
    }
  });
}

}  // namespace cnnlab

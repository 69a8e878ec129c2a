#include "cnnlab/kernels/batchnorm.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {
constexpr int64_t kElementGrain = 1 << 15;

int64_t row_grain(const BatchNormShape& s) {
  return std::max<int64_t>(1, kElementGrain / std::max<int64_t>(s.channels, 1));
}

// Per-channel sums of f(row, channel, x) and g(...) over all rows: each fixed row block
// accumulates its own partials in double, then blocks are added in order.
template <typename F, typename G>
void channel_sums(const BatchNormShape& s, F f, G g, std::vector<double>& sum_f,
                  std::vector<double>& sum_g) {
  const int64_t grain = row_grain(s), C = s.channels;
  const int64_t blocks = std::max<int64_t>(1, (s.rows + grain - 1) / grain);
  std::vector<double> partials(static_cast<size_t>(blocks * 2 * C), 0.0);
  parallel_for(0, blocks, 1, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      double* pf = partials.data() + b * 2 * C;
      double* pg = pf + C;
      for (int64_t r = b * grain; r < std::min(s.rows, (b + 1) * grain); ++r)
        for (int64_t c = 0; c < C; ++c) {
          pf[c] += f(r, c);
          pg[c] += g(r, c);
        }
    }
  });
  sum_f.assign(static_cast<size_t>(C), 0.0);
  sum_g.assign(static_cast<size_t>(C), 0.0);
  for (int64_t b = 0; b < blocks; ++b)
    for (int64_t c = 0; c < C; ++c) {
      sum_f[c] += partials[b * 2 * C + c];
      sum_g[c] += partials[b * 2 * C + C + c];
    }
}

// y = (x - center[c]) * scale[c] + shift[c] on `rows` rows of C channels. Centering first
// keeps precision when the mean is large against the spread. (Plain arguments rather than
// lambda captures: the compiler must see that the stores cannot change them to vectorise.)
void normalize_rows(int64_t rows, int64_t C, const float* x, const float* center,
                    const float* scale, const float* shift, float* y) {
  for (int64_t r = 0; r < rows; ++r, x += C, y += C)
    for (int64_t c = 0; c < C; ++c) y[c] = (x[c] - center[c]) * scale[c] + shift[c];
}

void normalize(const BatchNormShape& s, const float* x, const float* center, const float* scale,
               const float* shift, float* y) {
  const int64_t C = s.channels;
  parallel_for(0, s.rows, row_grain(s), [=](int64_t r0, int64_t r1) {
    normalize_rows(r1 - r0, C, x + r0 * C, center, scale, shift, y + r0 * C);
  });
}

// dx = a[c] * dy + b[c] * (x - mean[c]) + d[c] on `rows` rows of C channels.
void backward_rows(int64_t rows, int64_t C, const float* dy, const float* x, const float* mean,
                   const float* a, const float* b, const float* d, float* dx) {
  for (int64_t r = 0; r < rows; ++r, dy += C, x += C, dx += C)
    for (int64_t c = 0; c < C; ++c) dx[c] = a[c] * dy[c] + b[c] * (x[c] - mean[c]) + d[c];
}
}  // namespace

void batchnorm_forward_training(const BatchNormShape& s, const float* x, const float* gamma,
                                const float* beta, float epsilon, float momentum,
                                float* moving_mean, float* moving_variance, float* batch_mean,
                                float* batch_inv_std, float* y) {
  const int64_t C = s.channels;
  std::vector<double> sum, sum_sq;
  channel_sums(
      s, [&](int64_t r, int64_t c) { return static_cast<double>(x[r * C + c]); },
      [&](int64_t r, int64_t c) {
        const double v = x[r * C + c];
        return v * v;
      },
      sum, sum_sq);
  std::vector<float> scale(static_cast<size_t>(C));
  const double n = static_cast<double>(std::max<int64_t>(s.rows, 1));
  for (int64_t c = 0; c < C; ++c) {
    const double mean = sum[c] / n;
    const double var = std::max(sum_sq[c] / n - mean * mean, 0.0);
    const double inv_std = 1.0 / std::sqrt(var + epsilon);
    batch_mean[c] = static_cast<float>(mean);
    batch_inv_std[c] = static_cast<float>(inv_std);
    moving_mean[c] = moving_mean[c] * momentum + static_cast<float>(mean) * (1.0f - momentum);
    moving_variance[c] =
        moving_variance[c] * momentum + static_cast<float>(var) * (1.0f - momentum);
    scale[c] = static_cast<float>(gamma[c] * inv_std);
  }
  normalize(s, x, batch_mean, scale.data(), beta, y);
}

void batchnorm_forward_inference(const BatchNormShape& s, const float* x, const float* gamma,
                                 const float* beta, const float* moving_mean,
                                 const float* moving_variance, float epsilon, float* y) {
  const int64_t C = s.channels;
  std::vector<float> scale(static_cast<size_t>(C));
  for (int64_t c = 0; c < C; ++c)
    scale[c] = static_cast<float>(gamma[c] / std::sqrt(static_cast<double>(moving_variance[c]) + epsilon));
  normalize(s, x, moving_mean, scale.data(), beta, y);
}

void batchnorm_backward(const BatchNormShape& s, const float* x, const float* dy,
                        const float* gamma, const float* batch_mean, const float* batch_inv_std,
                        float* dx, float* dgamma, float* dbeta) {
  const int64_t C = s.channels;
  std::vector<double> sum_dy, sum_dy_xhat;
  channel_sums(
      s, [&](int64_t r, int64_t c) { return static_cast<double>(dy[r * C + c]); },
      [&](int64_t r, int64_t c) {
        return static_cast<double>(dy[r * C + c]) * (x[r * C + c] - batch_mean[c]) *
               batch_inv_std[c];
      },
      sum_dy, sum_dy_xhat);
  const double n = static_cast<double>(std::max<int64_t>(s.rows, 1));
  // Per channel, dx = a * dy + b * (x - mean) + d.
  const auto channels = static_cast<size_t>(C);
  std::vector<float> a(channels), b(channels), d(channels);
  for (int64_t c = 0; c < C; ++c) {
    dbeta[c] = static_cast<float>(sum_dy[c]);
    dgamma[c] = static_cast<float>(sum_dy_xhat[c]);
    const double k = static_cast<double>(gamma[c]) * batch_inv_std[c] / n;
    a[c] = static_cast<float>(k * n);
    b[c] = static_cast<float>(-k * sum_dy_xhat[c] * batch_inv_std[c]);
    d[c] = static_cast<float>(-k * sum_dy[c]);
  }
  const float *pa = a.data(), *pb = b.data(), *pd = d.data();
  parallel_for(0, s.rows, row_grain(s), [=](int64_t r0, int64_t r1) {
    backward_rows(r1 - r0, C, dy + r0 * C, x + r0 * C, batch_mean, pa, pb, pd, dx + r0 * C);
  });
}

}  // namespace cnnlab

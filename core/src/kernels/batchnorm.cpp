#include "cnnlab/kernels/batchnorm.hpp"

#include <algorithm>
#include <cmath>

#include "cnnlab/parallel.hpp"
#include "scratch.hpp"

namespace cnnlab {

namespace {
using kernels_detail::ScratchSlot;
using kernels_detail::thread_scratch;

constexpr int64_t kElementGrain = 1 << 15;

int64_t row_grain(const BatchNormShape& s) {
  return std::max<int64_t>(1, kElementGrain / std::max<int64_t>(s.channels, 1));
}

int64_t row_blocks(const BatchNormShape& s) {
  return std::max<int64_t>(1, (s.rows + row_grain(s) - 1) / row_grain(s));
}

// One call's working memory, from the calling thread's scratch: per-channel sums of two
// quantities (double), each row block's partial sums of them, and three per-channel float
// coefficients for the element-wise pass.
struct Workspace {
  double* sum_f;
  double* sum_g;
  double* partials;  // row_blocks x {f[C], g[C]}
  float* coef[3];

  explicit Workspace(const BatchNormShape& s) {
    const int64_t C = s.channels;
    const int64_t doubles = (row_blocks(s) + 1) * 2 * C;
    auto* base = thread_scratch<unsigned char>(ScratchSlot::statistics,
                                               doubles * sizeof(double) + 3 * C * sizeof(float));
    sum_f = reinterpret_cast<double*>(base);
    sum_g = sum_f + C;
    partials = sum_g + C;
    float* floats = reinterpret_cast<float*>(sum_f + doubles);
    for (int i = 0; i < 3; ++i) coef[i] = floats + i * C;
  }
};

// Per-channel sums of f(row, channel) and g(row, channel) over all rows, into ws.sum_f and
// ws.sum_g: each fixed row block accumulates its own partials in double, then the blocks are
// added in order, so the result does not depend on the thread count.
template <typename F, typename G>
void channel_sums(const BatchNormShape& s, F f, G g, Workspace& ws) {
  const int64_t grain = row_grain(s), C = s.channels, blocks = row_blocks(s);
  double* partials = ws.partials;
  parallel_for(0, blocks, 1, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      double* pf = partials + b * 2 * C;
      double* pg = pf + C;
      std::fill(pf, pf + 2 * C, 0.0);
      for (int64_t r = b * grain; r < std::min(s.rows, (b + 1) * grain); ++r)
        for (int64_t c = 0; c < C; ++c) {
          pf[c] += f(r, c);
          pg[c] += g(r, c);
        }
    }
  });
  std::fill(ws.sum_f, ws.sum_f + 2 * C, 0.0);
  for (int64_t b = 0; b < blocks; ++b)
    for (int64_t c = 0; c < C; ++c) {
      ws.sum_f[c] += partials[b * 2 * C + c];
      ws.sum_g[c] += partials[b * 2 * C + C + c];
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
  Workspace ws(s);
  channel_sums(
      s, [&](int64_t r, int64_t c) { return static_cast<double>(x[r * C + c]); },
      [&](int64_t r, int64_t c) {
        const double v = x[r * C + c];
        return v * v;
      },
      ws);
  float* scale = ws.coef[0];
  const double n = static_cast<double>(std::max<int64_t>(s.rows, 1));
  for (int64_t c = 0; c < C; ++c) {
    const double mean = ws.sum_f[c] / n;
    const double var = std::max(ws.sum_g[c] / n - mean * mean, 0.0);
    const double inv_std = 1.0 / std::sqrt(var + epsilon);
    batch_mean[c] = static_cast<float>(mean);
    batch_inv_std[c] = static_cast<float>(inv_std);
    moving_mean[c] = moving_mean[c] * momentum + static_cast<float>(mean) * (1.0f - momentum);
    moving_variance[c] =
        moving_variance[c] * momentum + static_cast<float>(var) * (1.0f - momentum);
    scale[c] = static_cast<float>(gamma[c] * inv_std);
  }
  normalize(s, x, batch_mean, scale, beta, y);
}

void batchnorm_forward_inference(const BatchNormShape& s, const float* x, const float* gamma,
                                 const float* beta, const float* moving_mean,
                                 const float* moving_variance, float epsilon, float* y) {
  Workspace ws(s);
  float* scale = ws.coef[0];
  for (int64_t c = 0; c < s.channels; ++c)
    scale[c] =
        static_cast<float>(gamma[c] / std::sqrt(static_cast<double>(moving_variance[c]) + epsilon));
  normalize(s, x, moving_mean, scale, beta, y);
}

void batchnorm_backward(const BatchNormShape& s, const float* x, const float* dy,
                        const float* gamma, const float* batch_mean, const float* batch_inv_std,
                        float* dx, float* dgamma, float* dbeta) {
  const int64_t C = s.channels;
  Workspace ws(s);
  channel_sums(
      s, [&](int64_t r, int64_t c) { return static_cast<double>(dy[r * C + c]); },
      [&](int64_t r, int64_t c) {
        return static_cast<double>(dy[r * C + c]) * (x[r * C + c] - batch_mean[c]) *
               batch_inv_std[c];
      },
      ws);
  const double n = static_cast<double>(std::max<int64_t>(s.rows, 1));
  // Per channel, dx = a * dy + b * (x - mean) + d.
  float *a = ws.coef[0], *b = ws.coef[1], *d = ws.coef[2];
  for (int64_t c = 0; c < C; ++c) {
    const double sum_dy = ws.sum_f[c], sum_dy_xhat = ws.sum_g[c];
    dbeta[c] = static_cast<float>(sum_dy);
    dgamma[c] = static_cast<float>(sum_dy_xhat);
    const double k = static_cast<double>(gamma[c]) * batch_inv_std[c] / n;
    a[c] = static_cast<float>(k * n);
    b[c] = static_cast<float>(-k * sum_dy_xhat * batch_inv_std[c]);
    d[c] = static_cast<float>(-k * sum_dy);
  }
  parallel_for(0, s.rows, row_grain(s), [=](int64_t r0, int64_t r1) {
    backward_rows(r1 - r0, C, dy + r0 * C, x + r0 * C, batch_mean, a, b, d, dx + r0 * C);
  });
}

}  // namespace cnnlab

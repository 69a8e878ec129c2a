// Convolution as GEMM over chunks of images: each parallel chunk lays its images out as a
// column matrix (im2col, into per-thread scratch) and multiplies it by the HWIO kernel viewed
// as a {k_h*k_w*C, F} matrix; NHWC output rows are exactly the GEMM's output rows. A 1x1
// stride-1 convolution needs no column matrix: the images already are one.
#include "cnnlab/kernels/conv2d.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "cnnlab/kernels/gemm.hpp"
#include "cnnlab/parallel.hpp"
#include "im2col.hpp"
#include "scratch.hpp"

namespace cnnlab {

namespace {
using kernels_detail::ScratchSlot;
using kernels_detail::thread_scratch;

// One chunk's column matrix should stay in the core's L2 (2 MiB here) next to the GEMM's
// packed panels, yet give the GEMM enough rows to run near peak.
constexpr int64_t kChunkColumnFloats = 256 * 1024;
constexpr int64_t kMinChunkRows = 256;
// Fewer chunks than this would leave cores idle on small batches.
constexpr int64_t kMinChunks = 8;
// Weight gradients are summed per group of chunks, then groups in order.
constexpr int64_t kMaxWeightGroups = 16;

struct Plan {
  int64_t rows_per_image;  // output pixels of one image
  int64_t depth;           // k_h * k_w * in_channels: the GEMM's inner dimension
  int64_t in_image;        // floats of one input image
  int64_t images_per_chunk;
  bool pointwise;          // 1x1, stride 1: the input is its own column matrix
};

Plan make_plan(const Conv2dShape& s) {
  const Window2d& w = s.window;
  Plan p;
  p.rows_per_image = w.out_h * w.out_w;
  p.depth = w.k_h * w.k_w * s.in_channels;
  p.in_image = w.in_h * w.in_w * s.in_channels;
  p.pointwise = w.k_h == 1 && w.k_w == 1 && w.stride_h == 1 && w.stride_w == 1 &&
                w.pad_top == 0 && w.pad_left == 0;
  const int64_t rows = std::max<int64_t>(p.rows_per_image, 1);
  const int64_t by_cache =
      p.pointwise ? 1 : kChunkColumnFloats / std::max<int64_t>(rows * p.depth, 1);
  const int64_t by_rows = (kMinChunkRows + rows - 1) / rows;
  const int64_t by_parallelism = (s.batch + kMinChunks - 1) / kMinChunks;
  p.images_per_chunk =
      std::max<int64_t>(1, std::min(std::max(by_cache, by_rows), by_parallelism));
  return p;
}

// The column matrix of images [b0, b1): the input itself when pointwise, else im2col'd
// into this thread's scratch.
const float* columns_of(const Conv2dShape& s, const Plan& p, const float* x, int64_t b0,
                        int64_t b1) {
  if (p.pointwise) return x + b0 * p.in_image;
  float* col = thread_scratch(ScratchSlot::columns, (b1 - b0) * p.rows_per_image * p.depth);
  for (int64_t b = b0; b < b1; ++b)
    kernels_detail::im2col(s.window, s.in_channels, x + b * p.in_image,
                           col + (b - b0) * p.rows_per_image * p.depth);
  return col;
}

// Adds the bias (may be null) and applies f to a chunk's output rows while they are in cache;
// relu, the usual case, in the same pass.
void finish_rows(int64_t rows, int64_t cols, const float* bias, Activation f, float* y) {
  if (f == Activation::relu) {
    for (int64_t r = 0; r < rows; ++r, y += cols)
      for (int64_t c = 0; c < cols; ++c) {
        const float v = bias ? y[c] + bias[c] : y[c];
        y[c] = v > 0.0f ? v : 0.0f;
      }
    return;
  }
  if (bias)
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) y[r * cols + c] += bias[c];
  if (f != Activation::linear) activation_forward_rows(f, 0, rows, cols, y, y);
}

void add_column_sums(int64_t rows, int64_t cols, const float* m, float* sums) {
  for (int64_t r = 0; r < rows; ++r, m += cols)
    for (int64_t c = 0; c < cols; ++c) sums[c] += m[c];
}
}  // namespace

void conv2d_forward(const Conv2dShape& s, const float* x, const float* w, const float* bias,
                    Activation f, float* y) {
  const Plan p = make_plan(s);
  const int64_t filters = s.out_channels;
  parallel_for(0, s.batch, p.images_per_chunk, [&](int64_t b0, int64_t b1) {
    const int64_t rows = (b1 - b0) * p.rows_per_image;
    float* out = y + b0 * p.rows_per_image * filters;
    sgemm(false, false, rows, filters, p.depth, 1.0f, columns_of(s, p, x, b0, b1), p.depth, w,
          filters, 0.0f, out, filters);
    finish_rows(rows, filters, bias, f, out);
  });
}

void conv2d_backward_data(const Conv2dShape& s, const float* dy, const float* w, float* dx) {
  const Plan p = make_plan(s);
  const int64_t filters = s.out_channels;
  parallel_for(0, s.batch, p.images_per_chunk, [&](int64_t b0, int64_t b1) {
    const int64_t rows = (b1 - b0) * p.rows_per_image;
    const float* dy_chunk = dy + b0 * p.rows_per_image * filters;
    float* dx_chunk = dx + b0 * p.in_image;
    if (p.pointwise) {
      sgemm(false, true, rows, p.depth, filters, 1.0f, dy_chunk, filters, w, filters, 0.0f,
            dx_chunk, p.depth);
      return;
    }
    float* dcol = thread_scratch(ScratchSlot::columns, rows * p.depth);
    sgemm(false, true, rows, p.depth, filters, 1.0f, dy_chunk, filters, w, filters, 0.0f, dcol,
          p.depth);
    std::memset(dx_chunk, 0, (b1 - b0) * p.in_image * sizeof(float));
    for (int64_t b = b0; b < b1; ++b)
      kernels_detail::col2im_add(s.window, s.in_channels,
                                 dcol + (b - b0) * p.rows_per_image * p.depth,
                                 dx_chunk + (b - b0) * p.in_image);
  });
}

void conv2d_backward_weights(const Conv2dShape& s, const float* x, const float* dy, float* dw,
                             float* dbias) {
  const Plan p = make_plan(s);
  const int64_t filters = s.out_channels;
  const int64_t weights = p.depth * filters;
  const int64_t chunks = (s.batch + p.images_per_chunk - 1) / p.images_per_chunk;
  const int64_t groups = std::min(chunks, kMaxWeightGroups);
  if (chunks == 0) {
    std::fill(dw, dw + weights, 0.0f);
    if (dbias) std::fill(dbias, dbias + filters, 0.0f);
    return;
  }
  const int64_t group_stride = weights + filters;  // a group's kernel partial, then its bias
  float* partials = thread_scratch(ScratchSlot::partials, groups * group_stride);

  parallel_for(0, groups, 1, [&](int64_t g0, int64_t g1) {
    for (int64_t g = g0; g < g1; ++g) {
      float* dw_part = partials + g * group_stride;
      float* db_part = dw_part + weights;
      std::fill(db_part, db_part + filters, 0.0f);
      const int64_t c_begin = chunks * g / groups, c_end = chunks * (g + 1) / groups;
      for (int64_t c = c_begin; c < c_end; ++c) {
        const int64_t b0 = c * p.images_per_chunk;
        const int64_t b1 = std::min(s.batch, b0 + p.images_per_chunk);
        const int64_t rows = (b1 - b0) * p.rows_per_image;
        const float* dy_chunk = dy + b0 * p.rows_per_image * filters;
        sgemm(true, false, p.depth, filters, rows, 1.0f, columns_of(s, p, x, b0, b1), p.depth,
              dy_chunk, filters, c == c_begin ? 0.0f : 1.0f, dw_part, filters);
        add_column_sums(rows, filters, dy_chunk, db_part);
      }
    }
  });

  parallel_for(0, weights, 1 << 14, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      float sum = 0.0f;
      for (int64_t g = 0; g < groups; ++g) sum += partials[g * group_stride + i];
      dw[i] = sum;
    }
  });
  if (dbias) {
    for (int64_t c = 0; c < filters; ++c) {
      float sum = 0.0f;
      for (int64_t g = 0; g < groups; ++g) sum += partials[g * group_stride + weights + c];
      dbias[c] = sum;
    }
  }
}

}  // namespace cnnlab

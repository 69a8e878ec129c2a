// Convolution as GEMM over chunks of images. Each parallel chunk unfolds its images into a
// matrix in per-thread scratch (im2col) and multiplies it with the HWIO kernel; NHWC output
// rows are exactly GEMM output rows. Three ways to unfold, chosen per layer shape:
// - none: a 1x1 stride-1 convolution; the images already are the matrix.
// - full: one row per output pixel holding its whole k_h x k_w x C window: one GEMM of depth
//   k_h*k_w*C. Used when a kernel row is narrow (a network's first layer, C = 1 or 3), where a
//   deep single GEMM matters more than the unfolding traffic. When built for AVX-512 such
//   layers compute forward and weight gradients directly instead (conv2d_direct.hpp), and use
//   the full unfolding only for the data gradient.
// - rows: stride_h 1 and wide kernel rows: one row per *input* row pixel holding only its
//   k_w x C window row; kernel row ky then is one GEMM of depth k_w*C over the block of
//   unfolded rows shifted by ky. The unfolded matrix is k_h times smaller (5x for the
//   lecture's 5x5 kernels) for GEMMs that measure as fast.
#include "cnnlab/kernels/conv2d.hpp"

#include <algorithm>
#include <cstring>

#include "bias.hpp"
#include "cnnlab/kernels/gemm.hpp"
#include "cnnlab/parallel.hpp"
#include "conv2d_direct.hpp"
#include "cpu_features.hpp"
#include "im2col.hpp"
#include "scratch.hpp"

namespace cnnlab {

namespace {
using kernels_detail::ScratchSlot;
using kernels_detail::thread_scratch;

// One chunk's unfolded matrix should stay in the core's L2 (2 MiB here) next to the GEMM's
// packed panels, yet give the GEMM enough rows to run near peak.
constexpr int64_t kChunkColumnFloats = 256 * 1024;
constexpr int64_t kMinChunkRows = 256;
// Fewer chunks than this would leave cores idle on small batches.
constexpr int64_t kMinChunks = 8;
// Weight gradients are summed per group of chunks, then groups in order.
constexpr int64_t kMaxWeightGroups = 16;
// Kernel rows at least this many floats wide (k_w * C) are unfolded by rows.
constexpr int64_t kMinRowUnfoldDepth = 64;

enum class Unfold { none, full, rows };

struct Plan {
  Unfold unfold;
  int64_t out_pixels;     // out_h * out_w: output rows of one image
  int64_t depth;          // columns of the unfolded matrix
  int64_t unfolded_rows;  // rows of one image's unfolded matrix
  int64_t in_image;       // floats of one input image
  int64_t images_per_chunk;
  Window2d unfold_window;  // what im2col unfolds: the convolution's window, or one kernel row
  bool direct;             // forward and weight gradient by direct_conv_*, no unfolding
};

Plan make_plan(const Conv2dShape& s) {
  const Window2d& w = s.window;
  Plan p;
  p.out_pixels = w.out_h * w.out_w;
  p.in_image = w.in_h * w.in_w * s.in_channels;
  p.unfold_window = w;
  if (w.k_h == 1 && w.k_w == 1 && w.stride_h == 1 && w.stride_w == 1 && w.pad_top == 0 &&
      w.pad_left == 0) {
    p.unfold = Unfold::none;
  } else if (w.stride_h == 1 && w.k_h > 1 && w.k_w * s.in_channels >= kMinRowUnfoldDepth) {
    p.unfold = Unfold::rows;
    p.unfold_window.k_h = 1;
    p.unfold_window.pad_top = 0;
    p.unfold_window.out_h = w.in_h;
  } else {
    p.unfold = Unfold::full;
  }
  p.direct = p.unfold == Unfold::full && kernels_detail::cpu_has_avx512();
  p.depth = p.unfold_window.k_h * w.k_w * s.in_channels;
  p.unfolded_rows = p.unfold_window.out_h * w.out_w;

  const int64_t rows = std::max<int64_t>(p.out_pixels, 1);
  const int64_t by_cache =
      p.unfold == Unfold::none
          ? 1
          : kChunkColumnFloats / std::max<int64_t>(p.unfolded_rows * p.depth, 1);
  const int64_t by_rows = (kMinChunkRows + rows - 1) / rows;
  const int64_t by_parallelism = (s.batch + kMinChunks - 1) / kMinChunks;
  p.images_per_chunk = std::max<int64_t>(1, std::min(std::max(by_cache, by_rows), by_parallelism));
  return p;
}

// The unfolded matrix of images [b0, b1): the input itself when there is nothing to unfold,
// else im2col'd into this thread's scratch.
const float* unfold(const Conv2dShape& s, const Plan& p, const float* x, int64_t b0, int64_t b1) {
  if (p.unfold == Unfold::none) return x + b0 * p.in_image;
  const int64_t per_image = p.unfolded_rows * p.depth;
  float* col = thread_scratch<float>(ScratchSlot::columns,
                                     (b1 - b0) * per_image + kernels_detail::kColumnSlack);
  for (int64_t b = b0; b < b1; ++b)
    kernels_detail::im2col(p.unfold_window, s.in_channels, x + b * p.in_image,
                           col + (b - b0) * per_image);
  return col;
}

// With Unfold::rows, kernel row ky pairs output rows [out_first, out_first + count) with
// unfolded input rows [in_first, in_first + count) (in image rows; padding rows contribute
// nothing and are skipped).
struct KernelRowSpan {
  int64_t out_first, in_first, count;
};

KernelRowSpan kernel_row_span(const Window2d& w, int64_t ky) {
  const int64_t first = std::max<int64_t>(0, w.pad_top - ky);
  const int64_t last = std::min(w.out_h, w.in_h + w.pad_top - ky);
  return {first, first + ky - w.pad_top, std::max<int64_t>(0, last - first)};
}

// The i-th kernel row in forward's summation order: the row at pad_top first (with stride 1
// it covers every output row, so its GEMM can overwrite), then the others in order.
int64_t kernel_row_at(const Window2d& w, int64_t i) {
  if (i == 0) return w.pad_top;
  return i <= w.pad_top ? i - 1 : i;
}

// y rows of images [b0, b1) = unfolded matrix x kernel.
void forward_products(const Conv2dShape& s, const Plan& p, const float* col, const float* w,
                      int64_t images, float* y) {
  const int64_t F = s.out_channels;
  if (p.unfold != Unfold::rows) {
    sgemm(false, false, images * p.out_pixels, F, p.depth, 1.0f, col, p.depth, w, F, 0.0f, y, F);
    return;
  }
  const Window2d& win = s.window;
  const int64_t ow = win.out_w;
  for (int64_t i = 0; i < images; ++i) {
    const float* image_col = col + i * p.unfolded_rows * p.depth;
    float* image_y = y + i * p.out_pixels * F;
    for (int64_t i = 0; i < win.k_h; ++i) {
      const int64_t ky = kernel_row_at(win, i);
      const KernelRowSpan r = kernel_row_span(win, ky);
      sgemm(false, false, r.count * ow, F, p.depth, 1.0f, image_col + r.in_first * ow * p.depth,
            p.depth, w + ky * p.depth * F, F, i == 0 ? 0.0f : 1.0f, image_y + r.out_first * ow * F,
            F);
    }
  }
}

// dcol (unfolded layout) of `images` images = dy x kernel^T.
void data_products(const Conv2dShape& s, const Plan& p, const float* dy, const float* w,
                   int64_t images, float* dcol) {
  const int64_t F = s.out_channels;
  if (p.unfold != Unfold::rows) {
    sgemm(false, true, images * p.out_pixels, p.depth, F, 1.0f, dy, F, w, F, 0.0f, dcol, p.depth);
    return;
  }
  const Window2d& win = s.window;
  const int64_t ow = win.out_w;
  std::memset(dcol, 0, images * p.unfolded_rows * p.depth * sizeof(float));
  for (int64_t i = 0; i < images; ++i) {
    const float* image_dy = dy + i * p.out_pixels * F;
    float* image_dcol = dcol + i * p.unfolded_rows * p.depth;
    for (int64_t ky = 0; ky < win.k_h; ++ky) {
      const KernelRowSpan r = kernel_row_span(win, ky);
      sgemm(false, true, r.count * ow, p.depth, F, 1.0f, image_dy + r.out_first * ow * F, F,
            w + ky * p.depth * F, F, 1.0f, image_dcol + r.in_first * ow * p.depth, p.depth);
    }
  }
}

// dw += unfolded matrix^T x dy over `images` images.
void weight_products(const Conv2dShape& s, const Plan& p, const float* col, const float* dy,
                     int64_t images, float* dw) {
  const int64_t F = s.out_channels;
  if (p.unfold != Unfold::rows) {
    sgemm(true, false, p.depth, F, images * p.out_pixels, 1.0f, col, p.depth, dy, F, 1.0f, dw, F);
    return;
  }
  const Window2d& win = s.window;
  const int64_t ow = win.out_w;
  for (int64_t i = 0; i < images; ++i) {
    const float* image_col = col + i * p.unfolded_rows * p.depth;
    const float* image_dy = dy + i * p.out_pixels * F;
    for (int64_t ky = 0; ky < win.k_h; ++ky) {
      const KernelRowSpan r = kernel_row_span(win, ky);
      sgemm(true, false, p.depth, F, r.count * ow, 1.0f, image_col + r.in_first * ow * p.depth,
            p.depth, image_dy + r.out_first * ow * F, F, 1.0f, dw + ky * p.depth * F, F);
    }
  }
}

// The direct kernels exist only in builds for x86-64; plans ask for them only there.
void direct_forward(const Conv2dShape& s, const float* x, const float* w, int64_t b0, int64_t b1,
                    float* y) {
#if defined(CNNLAB_AVX512_KERNELS)
  kernels_detail::direct_conv_forward(s, x, w, b0, b1, y);
#else
  (void)s, (void)x, (void)w, (void)b0, (void)b1, (void)y;
#endif
}

void direct_weight_gradient(const Conv2dShape& s, const float* x, const float* dy, int64_t b0,
                            int64_t b1, float* dw) {
#if defined(CNNLAB_AVX512_KERNELS)
  kernels_detail::direct_conv_weight_gradient(s, x, dy, b0, b1, dw);
#else
  (void)s, (void)x, (void)dy, (void)b0, (void)b1, (void)dw;
#endif
}

}  // namespace

void conv2d_forward(const Conv2dShape& s, const float* x, const float* w, const float* bias,
                    Activation f, float* y) {
  const Plan p = make_plan(s);
  const int64_t filters = s.out_channels;
  parallel_for(0, s.batch, p.images_per_chunk, [&](int64_t b0, int64_t b1) {
    float* out = y + b0 * p.out_pixels * filters;
    if (p.direct)
      direct_forward(s, x, w, b0, b1, y);
    else
      forward_products(s, p, unfold(s, p, x, b0, b1), w, b1 - b0, out);
    kernels_detail::add_bias_activate((b1 - b0) * p.out_pixels, filters, bias, f, out);
  });
}

void conv2d_backward_data(const Conv2dShape& s, const float* dy, const float* w, float* dx) {
  const Plan p = make_plan(s);
  const int64_t filters = s.out_channels;
  parallel_for(0, s.batch, p.images_per_chunk, [&](int64_t b0, int64_t b1) {
    const float* dy_chunk = dy + b0 * p.out_pixels * filters;
    float* dx_chunk = dx + b0 * p.in_image;
    if (p.unfold == Unfold::none) {
      data_products(s, p, dy_chunk, w, b1 - b0, dx_chunk);
      return;
    }
    const int64_t per_image = p.unfolded_rows * p.depth;
    float* dcol = thread_scratch<float>(ScratchSlot::columns, (b1 - b0) * per_image);
    data_products(s, p, dy_chunk, w, b1 - b0, dcol);
    std::memset(dx_chunk, 0, (b1 - b0) * p.in_image * sizeof(float));
    for (int64_t b = b0; b < b1; ++b)
      kernels_detail::col2im_add(p.unfold_window, s.in_channels, dcol + (b - b0) * per_image,
                                 dx_chunk + (b - b0) * p.in_image);
  });
}

void conv2d_backward_weights(const Conv2dShape& s, const float* x, const float* dy, float* dw,
                             float* dbias) {
  const Plan p = make_plan(s);
  const int64_t filters = s.out_channels;
  const int64_t weights = s.window.k_h * s.window.k_w * s.in_channels * filters;
  const int64_t chunks = (s.batch + p.images_per_chunk - 1) / p.images_per_chunk;
  const int64_t groups = std::min(chunks, kMaxWeightGroups);
  if (chunks == 0) {
    std::fill(dw, dw + weights, 0.0f);
    if (dbias) std::fill(dbias, dbias + filters, 0.0f);
    return;
  }
  const int64_t group_stride = weights + filters;  // a group's kernel partial, then its bias
  float* partials = thread_scratch<float>(ScratchSlot::partials, groups * group_stride);

  parallel_for(0, groups, 1, [&](int64_t g0, int64_t g1) {
    for (int64_t g = g0; g < g1; ++g) {
      float* dw_part = partials + g * group_stride;
      float* db_part = dw_part + weights;
      std::fill(dw_part, dw_part + group_stride, 0.0f);
      for (int64_t c = chunks * g / groups; c < chunks * (g + 1) / groups; ++c) {
        const int64_t b0 = c * p.images_per_chunk;
        const int64_t b1 = std::min(s.batch, b0 + p.images_per_chunk);
        const float* dy_chunk = dy + b0 * p.out_pixels * filters;
        if (p.direct)
          direct_weight_gradient(s, x, dy, b0, b1, dw_part);
        else
          weight_products(s, p, unfold(s, p, x, b0, b1), dy_chunk, b1 - b0, dw_part);
        kernels_detail::add_column_sums((b1 - b0) * p.out_pixels, filters, filters, dy_chunk,
                                        db_part);
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

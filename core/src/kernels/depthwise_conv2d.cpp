#include "cnnlab/kernels/depthwise_conv2d.hpp"

#include <algorithm>
#include <vector>

#include "bias.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {

// Images per weight-gradient group: fixed, so the order of the sums never depends on threads.
constexpr int64_t kImagesPerGroup = 8;

int64_t out_channels(const DepthwiseConv2dShape& s) { return s.channels * s.multiplier; }

// Images per parallel chunk: about 2^16 multiply-adds each, at least one image.
int64_t image_grain(const DepthwiseConv2dShape& s) {
  const Window2d& w = s.window;
  const int64_t work = w.out_h * w.out_w * w.k_h * w.k_w * out_channels(s);
  return std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(1, work));
}

// Calls tap(out_pixel, in_pixel, tap_index) for every kernel position of every output pixel
// that falls inside the image (padding positions take no part).
template <typename Tap>
void for_each_tap(const Window2d& w, const Tap& tap) {
  for (int64_t oy = 0; oy < w.out_h; ++oy)
    for (int64_t ox = 0; ox < w.out_w; ++ox)
      for (int64_t ky = 0; ky < w.k_h; ++ky) {
        const int64_t iy = oy * w.stride_h - w.pad_top + ky;
        if (iy < 0 || iy >= w.in_h) continue;
        for (int64_t kx = 0; kx < w.k_w; ++kx) {
          const int64_t ix = ox * w.stride_w - w.pad_left + kx;
          if (ix < 0 || ix >= w.in_w) continue;
          tap(oy * w.out_w + ox, iy * w.in_w + ix, ky * w.k_w + kx);
        }
      }
}

// acc[c * m + j] += a[c] * b[c * m + j]: the inner loops, specialised for multiplier 1.
inline void multiply_add(int64_t channels, int64_t m, const float* a, const float* b, float* acc) {
  if (m == 1) {
    for (int64_t c = 0; c < channels; ++c) acc[c] += a[c] * b[c];
    return;
  }
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t j = 0; j < m; ++j) acc[c * m + j] += a[c] * b[c * m + j];
}

}  // namespace

void depthwise_conv2d_forward(const DepthwiseConv2dShape& s, const float* x, const float* w,
                              const float* bias, Activation f, float* y) {
  const Window2d& win = s.window;
  const int64_t oc = out_channels(s), pixels = win.out_h * win.out_w;
  parallel_for(0, s.batch, image_grain(s), [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) {
      const float* img = x + n * win.in_h * win.in_w * s.channels;
      float* out = y + n * pixels * oc;
      for (int64_t p = 0; p < pixels; ++p) {
        if (bias)
          std::copy(bias, bias + oc, out + p * oc);
        else
          std::fill(out + p * oc, out + (p + 1) * oc, 0.0f);
      }
      for_each_tap(win, [&](int64_t op, int64_t ip, int64_t t) {
        multiply_add(s.channels, s.multiplier, img + ip * s.channels, w + t * oc, out + op * oc);
      });
      activation_forward_rows(f, 0, pixels, oc, out, out);
    }
  });
}

void depthwise_conv2d_backward_data(const DepthwiseConv2dShape& s, const float* dy, const float* w,
                                    float* dx) {
  const Window2d& win = s.window;
  const int64_t oc = out_channels(s), m = s.multiplier;
  const int64_t in_size = win.in_h * win.in_w * s.channels;
  parallel_for(0, s.batch, image_grain(s), [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) {
      float* img = dx + n * in_size;
      const float* g = dy + n * win.out_h * win.out_w * oc;
      std::fill(img, img + in_size, 0.0f);
      for_each_tap(win, [&](int64_t op, int64_t ip, int64_t t) {
        const float* go = g + op * oc;
        const float* wt = w + t * oc;
        float* di = img + ip * s.channels;
        if (m == 1) {
          for (int64_t c = 0; c < s.channels; ++c) di[c] += go[c] * wt[c];
          return;
        }
        for (int64_t c = 0; c < s.channels; ++c)
          for (int64_t j = 0; j < m; ++j) di[c] += go[c * m + j] * wt[c * m + j];
      });
    }
  });
}

void depthwise_conv2d_backward_weights(const DepthwiseConv2dShape& s, const float* x,
                                       const float* dy, float* dw, float* dbias) {
  const Window2d& win = s.window;
  const int64_t oc = out_channels(s), pixels = win.out_h * win.out_w;
  const int64_t w_size = win.k_h * win.k_w * oc;
  const int64_t groups = (s.batch + kImagesPerGroup - 1) / kImagesPerGroup;
  // Per group: the kernel's partial sum, then the bias's.
  std::vector<float> partial(static_cast<size_t>(groups * (w_size + oc)), 0.0f);
  parallel_for(0, groups, 1, [&](int64_t g_begin, int64_t g_end) {
    for (int64_t g = g_begin; g < g_end; ++g) {
      float* pw = partial.data() + g * (w_size + oc);
      float* pb = pw + w_size;
      for (int64_t n = g * kImagesPerGroup; n < std::min(s.batch, (g + 1) * kImagesPerGroup); ++n) {
        const float* img = x + n * win.in_h * win.in_w * s.channels;
        const float* go = dy + n * pixels * oc;
        for_each_tap(win, [&](int64_t op, int64_t ip, int64_t t) {
          multiply_add(s.channels, s.multiplier, img + ip * s.channels, go + op * oc, pw + t * oc);
        });
        kernels_detail::add_column_sums(pixels, oc, oc, go, pb);
      }
    }
  });
  std::fill(dw, dw + w_size, 0.0f);
  if (dbias) std::fill(dbias, dbias + oc, 0.0f);
  for (int64_t g = 0; g < groups; ++g) {
    const float* pw = partial.data() + g * (w_size + oc);
    for (int64_t i = 0; i < w_size; ++i) dw[i] += pw[i];
    if (dbias)
      for (int64_t c = 0; c < oc; ++c) dbias[c] += pw[w_size + c];
  }
}

}  // namespace cnnlab

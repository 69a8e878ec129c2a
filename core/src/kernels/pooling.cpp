// Pooling loops over images in parallel; within an image, over output pixels and window
// taps, with the channel loop innermost (contiguous in NHWC, so it vectorises).
#include "cnnlab/kernels/pooling.hpp"

#include <algorithm>
#include <cstring>

#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {
constexpr int64_t kElementGrain = 1 << 15;

// Images per parallel chunk.
int64_t image_grain(const Pool2dShape& s) {
  const int64_t per_image = s.window.in_h * s.window.in_w * s.channels;
  return std::max<int64_t>(1, kElementGrain / std::max<int64_t>(per_image, 1));
}

// The input rows and columns under output pixel (oy, ox), clipped to the image.
struct Taps {
  int64_t y0, y1, x0, x1;
  int64_t count() const { return (y1 - y0) * (x1 - x0); }
};

Taps taps_of(const Window2d& w, int64_t oy, int64_t ox) {
  const int64_t y = oy * w.stride_h - w.pad_top, x = ox * w.stride_w - w.pad_left;
  return {std::max<int64_t>(y, 0), std::min(y + w.k_h, w.in_h), std::max<int64_t>(x, 0),
          std::min(x + w.k_w, w.in_w)};
}

// best = max(best, v) per channel, recording in index where a new maximum came from.
// Branch-free and alias-free so that it vectorises into compares and blends.
void take_larger(int64_t channels, const float* __restrict v, int32_t at, float* __restrict best,
                 int32_t* __restrict index) {
  for (int64_t c = 0; c < channels; ++c) {
    const bool larger = v[c] > best[c];
    best[c] = larger ? v[c] : best[c];
    index[c] = larger ? at + static_cast<int32_t>(c) : index[c];
  }
}

// Calls fn(image, in_image_offset, out_image_offset) for each image of a parallel chunk.
template <typename Fn>
void for_each_image(const Pool2dShape& s, Fn fn) {
  const int64_t in_image = s.window.in_h * s.window.in_w * s.channels;
  const int64_t out_image = s.window.out_h * s.window.out_w * s.channels;
  parallel_for(0, s.batch, image_grain(s), [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) fn(b * in_image, b * out_image);
  });
}
}  // namespace

void maxpool2d_forward(const Pool2dShape& s, const float* x, float* y, int32_t* argmax) {
  const Window2d& w = s.window;
  const int64_t C = s.channels;
  for_each_image(s, [&](int64_t in_off, int64_t out_off) {
    const float* image = x + in_off;
    for (int64_t oy = 0; oy < w.out_h; ++oy)
      for (int64_t ox = 0; ox < w.out_w; ++ox) {
        const int64_t o = out_off + (oy * w.out_w + ox) * C;
        const Taps t = taps_of(w, oy, ox);
        float* best = y + o;
        const int64_t first = (t.y0 * w.in_w + t.x0) * C;
        std::memcpy(best, image + first, C * sizeof(float));
        if (argmax)
          for (int64_t c = 0; c < C; ++c) argmax[o + c] = static_cast<int32_t>(first + c);
        for (int64_t iy = t.y0; iy < t.y1; ++iy)
          for (int64_t ix = t.x0; ix < t.x1; ++ix) {
            const int64_t at = (iy * w.in_w + ix) * C;
            const float* v = image + at;
            if (argmax) {
              take_larger(C, v, static_cast<int32_t>(at), best, argmax + o);
            } else {
              for (int64_t c = 0; c < C; ++c) best[c] = std::max(best[c], v[c]);
            }
          }
      }
  });
}

void maxpool2d_backward(const Pool2dShape& s, const int32_t* argmax, const float* dy, float* dx) {
  const int64_t in_image = s.window.in_h * s.window.in_w * s.channels;
  const int64_t out_image = s.window.out_h * s.window.out_w * s.channels;
  for_each_image(s, [&](int64_t in_off, int64_t out_off) {
    float* image = dx + in_off;
    std::memset(image, 0, in_image * sizeof(float));
    for (int64_t i = 0; i < out_image; ++i) image[argmax[out_off + i]] += dy[out_off + i];
  });
}

void avgpool2d_forward(const Pool2dShape& s, const float* x, float* y) {
  const Window2d& w = s.window;
  const int64_t C = s.channels;
  for_each_image(s, [&](int64_t in_off, int64_t out_off) {
    for (int64_t oy = 0; oy < w.out_h; ++oy)
      for (int64_t ox = 0; ox < w.out_w; ++ox) {
        float* out = y + out_off + (oy * w.out_w + ox) * C;
        const Taps t = taps_of(w, oy, ox);
        std::fill(out, out + C, 0.0f);
        for (int64_t iy = t.y0; iy < t.y1; ++iy)
          for (int64_t ix = t.x0; ix < t.x1; ++ix) {
            const float* v = x + in_off + (iy * w.in_w + ix) * C;
            for (int64_t c = 0; c < C; ++c) out[c] += v[c];
          }
        const float inv = 1.0f / static_cast<float>(t.count());
        for (int64_t c = 0; c < C; ++c) out[c] *= inv;
      }
  });
}

void avgpool2d_backward(const Pool2dShape& s, const float* dy, float* dx) {
  const Window2d& w = s.window;
  const int64_t C = s.channels;
  const int64_t in_image = w.in_h * w.in_w * C;
  for_each_image(s, [&](int64_t in_off, int64_t out_off) {
    float* image = dx + in_off;
    std::memset(image, 0, in_image * sizeof(float));
    for (int64_t oy = 0; oy < w.out_h; ++oy)
      for (int64_t ox = 0; ox < w.out_w; ++ox) {
        const float* g = dy + out_off + (oy * w.out_w + ox) * C;
        const Taps t = taps_of(w, oy, ox);
        const float inv = 1.0f / static_cast<float>(t.count());
        for (int64_t iy = t.y0; iy < t.y1; ++iy)
          for (int64_t ix = t.x0; ix < t.x1; ++ix) {
            float* d = image + (iy * w.in_w + ix) * C;
            for (int64_t c = 0; c < C; ++c) d[c] += g[c] * inv;
          }
      }
  });
}

}  // namespace cnnlab

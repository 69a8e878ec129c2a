#include "cnnlab/kernels/augment.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {

// Images per parallel chunk: about 2^15 values each, at least one image.
int64_t image_grain(int64_t values_per_image) {
  return std::max<int64_t>(1, (int64_t{1} << 15) / std::max<int64_t>(1, values_per_image));
}

template <typename PerImage>
void for_each_image(int64_t batch, int64_t values_per_image, const PerImage& per_image) {
  parallel_for(0, batch, image_grain(values_per_image), [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) per_image(n);
  });
}

// The pixel index that integer position i reads in a line of `len`, or -1 for the constant.
int64_t fill_index(int64_t i, int64_t len, FillMode mode) {
  if (i >= 0 && i < len) return i;
  switch (mode) {
    case FillMode::constant:
      return -1;
    case FillMode::nearest:
      return i < 0 ? 0 : len - 1;
    case FillMode::wrap:
      return ((i % len) + len) % len;
    case FillMode::reflect: {
      const int64_t period = 2 * len;
      const int64_t r = ((i % period) + period) % period;
      return r < len ? r : period - 1 - r;
    }
  }
  return -1;
}

// Up to four (input pixel, weight) pairs that output pixel (y, x) reads.
struct Taps {
  int64_t pixel[4];
  float weight[4];
  int count = 0;
  float constant_weight = 0.0f;  // the share of fill_value
};

Taps taps_of(const WarpShape& s, const AffineMap& m, const WarpOptions& o, int64_t y, int64_t x) {
  const float fy = m.yy * static_cast<float>(y) + m.yx * static_cast<float>(x) + m.y0;
  const float fx = m.xy * static_cast<float>(y) + m.xx * static_cast<float>(x) + m.x0;
  Taps t;
  const auto add = [&](int64_t iy, int64_t ix, float w) {
    if (w == 0.0f) return;
    const int64_t ry = fill_index(iy, s.in_h, o.fill_mode);
    const int64_t rx = fill_index(ix, s.in_w, o.fill_mode);
    if (ry < 0 || rx < 0) {
      t.constant_weight += w;
      return;
    }
    t.pixel[t.count] = ry * s.in_w + rx;
    t.weight[t.count++] = w;
  };
  if (o.interpolation == Interpolation::nearest) {
    add(static_cast<int64_t>(std::lround(fy)), static_cast<int64_t>(std::lround(fx)), 1.0f);
    return t;
  }
  const float y0 = std::floor(fy), x0 = std::floor(fx);
  const float dy = fy - y0, dx = fx - x0;
  const auto iy = static_cast<int64_t>(y0), ix = static_cast<int64_t>(x0);
  add(iy, ix, (1 - dy) * (1 - dx));
  add(iy, ix + 1, (1 - dy) * dx);
  add(iy + 1, ix, dy * (1 - dx));
  add(iy + 1, ix + 1, dy * dx);
  return t;
}

// Where the clip acted the output sits on a bound (a value inside never lands exactly there
// but by chance, where either derivative is valid).
void clipped_gradient(const ColourShape& s, const float* y, const float* dy, float* g,
                      int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i) g[i] = (y[i] > s.low && y[i] < s.high) ? dy[i] : 0.0f;
}

}  // namespace

void affine_warp_forward(const WarpShape& s, const AffineMap* maps, const WarpOptions& o,
                         const float* x, float* y) {
  const int64_t c = s.channels;
  for_each_image(s.batch, s.out_h * s.out_w * c, [&](int64_t n) {
    const float* img = x + n * s.in_h * s.in_w * c;
    float* out = y + n * s.out_h * s.out_w * c;
    for (int64_t oy = 0; oy < s.out_h; ++oy)
      for (int64_t ox = 0; ox < s.out_w; ++ox) {
        const Taps t = taps_of(s, maps[n], o, oy, ox);
        float* px = out + (oy * s.out_w + ox) * c;
        std::fill(px, px + c, t.constant_weight * o.fill_value);
        for (int k = 0; k < t.count; ++k) {
          const float* src = img + t.pixel[k] * c;
          for (int64_t ch = 0; ch < c; ++ch) px[ch] += t.weight[k] * src[ch];
        }
      }
  });
}

void affine_warp_backward(const WarpShape& s, const AffineMap* maps, const WarpOptions& o,
                          const float* dy, float* dx) {
  const int64_t c = s.channels;
  for_each_image(s.batch, s.out_h * s.out_w * c, [&](int64_t n) {
    float* img = dx + n * s.in_h * s.in_w * c;
    const float* g = dy + n * s.out_h * s.out_w * c;
    std::fill(img, img + s.in_h * s.in_w * c, 0.0f);
    for (int64_t oy = 0; oy < s.out_h; ++oy)
      for (int64_t ox = 0; ox < s.out_w; ++ox) {
        const Taps t = taps_of(s, maps[n], o, oy, ox);
        const float* gp = g + (oy * s.out_w + ox) * c;
        for (int k = 0; k < t.count; ++k) {
          float* dst = img + t.pixel[k] * c;
          for (int64_t ch = 0; ch < c; ++ch) dst[ch] += t.weight[k] * gp[ch];
        }
      }
  });
}

void brightness_forward(const ColourShape& s, const float* delta, const float* x, float* y) {
  const int64_t size = s.pixels * s.channels;
  for_each_image(s.batch, size, [&](int64_t n) {
    for (int64_t i = n * size; i < (n + 1) * size; ++i)
      y[i] = std::clamp(x[i] + delta[n], s.low, s.high);
  });
}

void brightness_backward(const ColourShape& s, const float* y, const float* dy, float* dx) {
  const int64_t size = s.pixels * s.channels;
  for_each_image(s.batch, size,
                 [&](int64_t n) { clipped_gradient(s, y, dy, dx, n * size, (n + 1) * size); });
}

void contrast_forward(const ColourShape& s, const float* factor, const float* x, float* y) {
  const int64_t c = s.channels, size = s.pixels * c;
  for_each_image(s.batch, size, [&](int64_t n) {
    std::vector<float> mean(static_cast<size_t>(c), 0.0f);
    const float* img = x + n * size;
    for (int64_t p = 0; p < s.pixels; ++p)
      for (int64_t ch = 0; ch < c; ++ch) mean[ch] += img[p * c + ch];
    for (float& m : mean) m /= static_cast<float>(s.pixels);
    for (int64_t p = 0; p < s.pixels; ++p)
      for (int64_t ch = 0; ch < c; ++ch) {
        const float v = (img[p * c + ch] - mean[ch]) * factor[n] + mean[ch];
        y[n * size + p * c + ch] = std::clamp(v, s.low, s.high);
      }
  });
}

// z = (x - mean) f + mean: dL/dx_i = f g_i + (1 - f) / P * sum_j g_j over the channel, with g
// the gradient through the clip.
void contrast_backward(const ColourShape& s, const float* factor, const float* y, const float* dy,
                       float* dx) {
  const int64_t c = s.channels, size = s.pixels * c;
  for_each_image(s.batch, size, [&](int64_t n) {
    float* g = dx + n * size;
    clipped_gradient(s, y + n * size, dy + n * size, g, 0, size);
    std::vector<float> sum(static_cast<size_t>(c), 0.0f);
    for (int64_t p = 0; p < s.pixels; ++p)
      for (int64_t ch = 0; ch < c; ++ch) sum[ch] += g[p * c + ch];
    const float f = factor[n];
    for (int64_t p = 0; p < s.pixels; ++p)
      for (int64_t ch = 0; ch < c; ++ch)
        g[p * c + ch] = f * g[p * c + ch] + (1.0f - f) * sum[ch] / static_cast<float>(s.pixels);
  });
}

}  // namespace cnnlab

#include "reference.hpp"

#include <algorithm>
#include <limits>

namespace cnnlab::reference {

namespace {
int64_t out_size(int64_t in, int64_t k, int64_t stride, bool same) {
  return same ? (in + stride - 1) / stride : (in - k) / stride + 1;
}
int64_t pad_before(int64_t in, int64_t k, int64_t stride, bool same) {
  if (!same) return 0;
  return std::max<int64_t>((out_size(in, k, stride, true) - 1) * stride + k - in, 0) / 2;
}

// Calls fn(n, oy, ox, ky, kx, iy, ix) for every tap of every output pixel that lands inside
// the image.
template <typename Fn>
void for_each_tap(const Geometry& g, Fn fn) {
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t oy = 0; oy < g.out_h(); ++oy)
      for (int64_t ox = 0; ox < g.out_w(); ++ox)
        for (int64_t ky = 0; ky < g.k_h; ++ky)
          for (int64_t kx = 0; kx < g.k_w; ++kx) {
            const int64_t iy = oy * g.stride_h - g.pad_top() + ky;
            const int64_t ix = ox * g.stride_w - g.pad_left() + kx;
            if (iy >= 0 && iy < g.in_h && ix >= 0 && ix < g.in_w) fn(n, oy, ox, ky, kx, iy, ix);
          }
}

int64_t in_index(const Geometry& g, int64_t n, int64_t iy, int64_t ix, int64_t c) {
  return ((n * g.in_h + iy) * g.in_w + ix) * g.in_c + c;
}
int64_t out_index(const Geometry& g, int64_t n, int64_t oy, int64_t ox, int64_t c,
                  int64_t channels) {
  return ((n * g.out_h() + oy) * g.out_w() + ox) * channels + c;
}
int64_t w_index(const Geometry& g, int64_t ky, int64_t kx, int64_t ci, int64_t co) {
  return ((ky * g.k_w + kx) * g.in_c + ci) * g.out_c + co;
}
int64_t pooled_size(const Geometry& g) { return g.batch * g.out_h() * g.out_w() * g.in_c; }

// Number of in-image taps under each output pixel (the same for every image and channel).
std::vector<int64_t> tap_counts(const Geometry& g) {
  std::vector<int64_t> counts(static_cast<size_t>(g.out_h() * g.out_w()), 0);
  Geometry one = g;
  one.batch = 1;
  for_each_tap(one, [&](int64_t, int64_t oy, int64_t ox, int64_t, int64_t, int64_t, int64_t) {
    ++counts[oy * g.out_w() + ox];
  });
  return counts;
}
}  // namespace

int64_t Geometry::out_h() const { return out_size(in_h, k_h, stride_h, same); }
int64_t Geometry::out_w() const { return out_size(in_w, k_w, stride_w, same); }
int64_t Geometry::pad_top() const { return pad_before(in_h, k_h, stride_h, same); }
int64_t Geometry::pad_left() const { return pad_before(in_w, k_w, stride_w, same); }

Vec conv2d_forward(const Geometry& g, const std::vector<float>& x, const std::vector<float>& w,
                   const std::vector<float>& bias) {
  Vec y(static_cast<size_t>(g.batch * g.out_h() * g.out_w() * g.out_c), 0.0);
  for_each_tap(
      g, [&](int64_t n, int64_t oy, int64_t ox, int64_t ky, int64_t kx, int64_t iy, int64_t ix) {
        for (int64_t co = 0; co < g.out_c; ++co)
          for (int64_t ci = 0; ci < g.in_c; ++ci)
            y[out_index(g, n, oy, ox, co, g.out_c)] +=
                double(x[in_index(g, n, iy, ix, ci)]) * w[w_index(g, ky, kx, ci, co)];
      });
  if (!bias.empty())
    for (size_t i = 0; i < y.size(); ++i) y[i] += bias[i % g.out_c];
  return y;
}

Vec conv2d_backward_data(const Geometry& g, const std::vector<float>& dy,
                         const std::vector<float>& w) {
  Vec dx(static_cast<size_t>(g.batch * g.in_h * g.in_w * g.in_c), 0.0);
  for_each_tap(
      g, [&](int64_t n, int64_t oy, int64_t ox, int64_t ky, int64_t kx, int64_t iy, int64_t ix) {
        for (int64_t co = 0; co < g.out_c; ++co)
          for (int64_t ci = 0; ci < g.in_c; ++ci)
            dx[in_index(g, n, iy, ix, ci)] +=
                double(dy[out_index(g, n, oy, ox, co, g.out_c)]) * w[w_index(g, ky, kx, ci, co)];
      });
  return dx;
}

Vec conv2d_backward_weights(const Geometry& g, const std::vector<float>& x,
                            const std::vector<float>& dy) {
  const int64_t weights = g.k_h * g.k_w * g.in_c * g.out_c;
  Vec grads(static_cast<size_t>(weights + g.out_c), 0.0);
  for_each_tap(
      g, [&](int64_t n, int64_t oy, int64_t ox, int64_t ky, int64_t kx, int64_t iy, int64_t ix) {
        for (int64_t co = 0; co < g.out_c; ++co)
          for (int64_t ci = 0; ci < g.in_c; ++ci)
            grads[w_index(g, ky, kx, ci, co)] +=
                double(x[in_index(g, n, iy, ix, ci)]) * dy[out_index(g, n, oy, ox, co, g.out_c)];
      });
  for (size_t i = 0; i < dy.size(); ++i) grads[weights + i % g.out_c] += dy[i];
  return grads;
}

Vec maxpool2d_forward(const Geometry& g, const std::vector<float>& x) {
  Vec y(static_cast<size_t>(pooled_size(g)), -std::numeric_limits<double>::infinity());
  for_each_tap(g, [&](int64_t n, int64_t oy, int64_t ox, int64_t, int64_t, int64_t iy, int64_t ix) {
    for (int64_t c = 0; c < g.in_c; ++c) {
      double& best = y[out_index(g, n, oy, ox, c, g.in_c)];
      best = std::max(best, double(x[in_index(g, n, iy, ix, c)]));
    }
  });
  return y;
}

Vec maxpool2d_backward(const Geometry& g, const std::vector<float>& x,
                       const std::vector<float>& dy) {
  const Vec y = maxpool2d_forward(g, x);
  Vec dx(x.size(), 0.0);
  // The gradient goes to the first tap (in scan order) holding the maximum.
  std::vector<bool> routed(y.size(), false);
  for_each_tap(g, [&](int64_t n, int64_t oy, int64_t ox, int64_t, int64_t, int64_t iy, int64_t ix) {
    for (int64_t c = 0; c < g.in_c; ++c) {
      const int64_t o = out_index(g, n, oy, ox, c, g.in_c), i = in_index(g, n, iy, ix, c);
      if (!routed[o] && double(x[i]) == y[o]) {
        dx[i] += dy[o];
        routed[o] = true;
      }
    }
  });
  return dx;
}

Vec avgpool2d_forward(const Geometry& g, const std::vector<float>& x) {
  Vec y(static_cast<size_t>(pooled_size(g)), 0.0);
  const auto counts = tap_counts(g);
  for_each_tap(g, [&](int64_t n, int64_t oy, int64_t ox, int64_t, int64_t, int64_t iy, int64_t ix) {
    for (int64_t c = 0; c < g.in_c; ++c)
      y[out_index(g, n, oy, ox, c, g.in_c)] +=
          double(x[in_index(g, n, iy, ix, c)]) / counts[oy * g.out_w() + ox];
  });
  return y;
}

Vec avgpool2d_backward(const Geometry& g, const std::vector<float>& dy) {
  Vec dx(static_cast<size_t>(g.batch * g.in_h * g.in_w * g.in_c), 0.0);
  const auto counts = tap_counts(g);
  for_each_tap(g, [&](int64_t n, int64_t oy, int64_t ox, int64_t, int64_t, int64_t iy, int64_t ix) {
    for (int64_t c = 0; c < g.in_c; ++c)
      dx[in_index(g, n, iy, ix, c)] +=
          double(dy[out_index(g, n, oy, ox, c, g.in_c)]) / counts[oy * g.out_w() + ox];
  });
  return dx;
}

}  // namespace cnnlab::reference

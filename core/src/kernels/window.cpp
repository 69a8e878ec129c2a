#include "cnnlab/kernels/window.hpp"

#include <algorithm>

namespace cnnlab {

namespace {
struct Extent {
  int64_t out = 0;
  int64_t pad_before = 0;
};

Extent window_extent(int64_t in, int64_t k, int64_t stride, Padding padding) {
  if (padding == Padding::valid) return {in >= k ? (in - k) / stride + 1 : 0, 0};
  const int64_t out = (in + stride - 1) / stride;
  const int64_t pad_total = std::max<int64_t>((out - 1) * stride + k - in, 0);
  return {out, pad_total / 2};
}
}  // namespace

Window2d make_window2d(int64_t in_h, int64_t in_w, int64_t k_h, int64_t k_w, int64_t stride_h,
                       int64_t stride_w, Padding padding) {
  const Extent rows = window_extent(in_h, k_h, stride_h, padding);
  const Extent cols = window_extent(in_w, k_w, stride_w, padding);
  Window2d w;
  w.in_h = in_h;
  w.in_w = in_w;
  w.k_h = k_h;
  w.k_w = k_w;
  w.stride_h = stride_h;
  w.stride_w = stride_w;
  w.pad_top = rows.pad_before;
  w.pad_left = cols.pad_before;
  w.out_h = rows.out;
  w.out_w = cols.out;
  return w;
}

}  // namespace cnnlab

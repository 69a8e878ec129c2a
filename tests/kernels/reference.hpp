#pragma once
// Naive double-precision references for every kernel, written straight from the definitions
// (loops over every output and every tap, padding worked out independently of the kernels'
// Window2d) to compare the fast float kernels against.
#include <cstdint>
#include <vector>

namespace cnnlab::reference {

using Vec = std::vector<double>;

// TensorFlow's geometry: 'same' gives ceil(in / stride) outputs and pads
// max((out - 1) * stride + k - in, 0) in total, half of it (rounded down) before.
struct Geometry {
  int64_t batch, in_h, in_w, in_c;
  int64_t k_h, k_w, stride_h, stride_w;
  bool same;
  int64_t out_c = 0;  // convolutions only
  int64_t out_h() const;
  int64_t out_w() const;
  int64_t pad_top() const;
  int64_t pad_left() const;
};

Vec conv2d_forward(const Geometry& g, const std::vector<float>& x, const std::vector<float>& w,
                   const std::vector<float>& bias);
Vec conv2d_backward_data(const Geometry& g, const std::vector<float>& dy,
                         const std::vector<float>& w);
// Returns dw followed by dbias.
Vec conv2d_backward_weights(const Geometry& g, const std::vector<float>& x,
                            const std::vector<float>& dy);

Vec maxpool2d_forward(const Geometry& g, const std::vector<float>& x);
Vec maxpool2d_backward(const Geometry& g, const std::vector<float>& x,
                       const std::vector<float>& dy);
Vec avgpool2d_forward(const Geometry& g, const std::vector<float>& x);
Vec avgpool2d_backward(const Geometry& g, const std::vector<float>& dy);

}  // namespace cnnlab::reference

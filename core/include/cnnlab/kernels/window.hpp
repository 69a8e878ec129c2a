#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Keras' padding modes. `same` pads like TensorFlow: the output has ceil(in / stride) rows and
// the padding that takes (odd totals put the extra row/column at the bottom/right).
enum class Padding { valid, same };

// Where a 2-D window (a convolution kernel or a pooling window) goes over an H x W image.
// Output pixel (oy, ox) covers input rows oy * stride_h - pad_top + [0, k_h) and the same for
// columns; positions outside the image are padding.
struct Window2d {
  int64_t in_h = 0, in_w = 0;
  int64_t k_h = 1, k_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_top = 0, pad_left = 0;
  int64_t out_h = 0, out_w = 0;
};

// The window geometry for the given sizes. With `valid` padding a window larger than the
// image gives out_h or out_w == 0: callers that need a non-empty output check for that.
// Sizes and strides must be positive.
CNNLAB_API Window2d make_window2d(int64_t in_h, int64_t in_w, int64_t k_h, int64_t k_w,
                                  int64_t stride_h, int64_t stride_w, Padding padding);

}  // namespace cnnlab

#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Keras' GlobalAveragePooling2D / GlobalMaxPooling2D on NHWC images seen as
// x {batch, pixels = h * w, channels} -> y {batch, channels}. Images are independent and run in
// parallel; each sum runs in pixel order, so results do not depend on threads.
struct GlobalPoolShape {
  int64_t batch = 0;
  int64_t pixels = 0;
  int64_t channels = 0;
};

CNNLAB_API void global_avgpool_forward(const GlobalPoolShape& s, const float* x, float* y);
// dx (overwritten) = dy / pixels at every pixel.
CNNLAB_API void global_avgpool_backward(const GlobalPoolShape& s, const float* dy, float* dx);

// argmax {batch, channels} receives the pixel of the first maximum, where backward routes dy.
CNNLAB_API void global_maxpool_forward(const GlobalPoolShape& s, const float* x, float* y,
                                       int32_t* argmax);
CNNLAB_API void global_maxpool_backward(const GlobalPoolShape& s, const int32_t* argmax,
                                        const float* dy, float* dx);

}  // namespace cnnlab

#pragma once
// The math of the augmentation layers (random_flip, random_translation, random_rotation,
// random_zoom, random_crop, random_contrast, random_brightness) on NHWC images. Each image has
// its own transform, drawn by the layer; images run in parallel and never share a write, so
// results do not depend on threads.
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// How the image is extended beyond its borders (Keras' fill_mode, after scipy.ndimage):
// reflect (d c b a | a b c d | d c b a), wrap (a b c d | a b c d), nearest (a a | a b c d | d d),
// constant (fill_value).
enum class FillMode { reflect, wrap, nearest, constant };
enum class Interpolation { nearest, bilinear };

// Where output pixel (y, x) samples the input, in pixel units (pixel centres at integers):
//   in_y = yy * y + yx * x + y0,   in_x = xy * y + xx * x + x0
struct AffineMap {
  float yy = 1, yx = 0, y0 = 0;
  float xy = 0, xx = 1, x0 = 0;
};

struct WarpShape {
  int64_t batch = 0;
  int64_t in_h = 0, in_w = 0, channels = 0;
  int64_t out_h = 0, out_w = 0;
};

struct WarpOptions {
  FillMode fill_mode = FillMode::reflect;
  Interpolation interpolation = Interpolation::bilinear;
  float fill_value = 0.0f;
};

// y = x sampled through maps[n] for image n: the image extended over the plane by the fill mode,
// then read at the nearest pixel or bilinearly between the four around the point.
CNNLAB_API void affine_warp_forward(const WarpShape& s, const AffineMap* maps, const WarpOptions& o,
                                    const float* x, float* y);
// dx (overwritten): each dy routed back with the weights the forward read with (the adjoint).
CNNLAB_API void affine_warp_backward(const WarpShape& s, const AffineMap* maps,
                                     const WarpOptions& o, const float* dy, float* dx);

// Colour transforms on images of `pixels` x `channels`, clipped to [low, high] (Keras'
// value_range); gradients pass only where the clip did not act.
struct ColourShape {
  int64_t batch = 0;
  int64_t pixels = 0;
  int64_t channels = 0;
  float low = 0.0f, high = 1.0f;
};

// y = clip(x + delta[n]).
CNNLAB_API void brightness_forward(const ColourShape& s, const float* delta, const float* x,
                                   float* y);
CNNLAB_API void brightness_backward(const ColourShape& s, const float* y, const float* dy,
                                    float* dx);
// y = clip((x - mean) * factor[n] + mean), mean per image and channel over its pixels.
CNNLAB_API void contrast_forward(const ColourShape& s, const float* factor, const float* x,
                                 float* y);
CNNLAB_API void contrast_backward(const ColourShape& s, const float* factor, const float* y,
                                  const float* dy, float* dx);

}  // namespace cnnlab

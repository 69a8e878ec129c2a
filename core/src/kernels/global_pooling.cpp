#include "cnnlab/kernels/global_pooling.hpp"

#include <algorithm>

#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {

// Elements per parallel chunk: whole images, enough of them to be worth a task.
int64_t image_grain(const GlobalPoolShape& s) {
  return std::max<int64_t>(1, (int64_t{1} << 15) / std::max<int64_t>(1, s.pixels * s.channels));
}

template <typename PerImage>
void for_each_image(const GlobalPoolShape& s, const PerImage& per_image) {
  parallel_for(0, s.batch, image_grain(s), [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) per_image(n);
  });
}

}  // namespace

void global_avgpool_forward(const GlobalPoolShape& s, const float* x, float* y) {
  const float inv = 1.0f / static_cast<float>(s.pixels);
  for_each_image(s, [&](int64_t n) {
    const float* img = x + n * s.pixels * s.channels;
    float* out = y + n * s.channels;
    std::fill(out, out + s.channels, 0.0f);
    for (int64_t p = 0; p < s.pixels; ++p)
      for (int64_t c = 0; c < s.channels; ++c) out[c] += img[p * s.channels + c];
    for (int64_t c = 0; c < s.channels; ++c) out[c] *= inv;
  });
}

void global_avgpool_backward(const GlobalPoolShape& s, const float* dy, float* dx) {
  const float inv = 1.0f / static_cast<float>(s.pixels);
  for_each_image(s, [&](int64_t n) {
    const float* g = dy + n * s.channels;
    float* img = dx + n * s.pixels * s.channels;
    for (int64_t p = 0; p < s.pixels; ++p)
      for (int64_t c = 0; c < s.channels; ++c) img[p * s.channels + c] = g[c] * inv;
  });
}

void global_maxpool_forward(const GlobalPoolShape& s, const float* x, float* y, int32_t* argmax) {
  for_each_image(s, [&](int64_t n) {
    const float* img = x + n * s.pixels * s.channels;
    float* out = y + n * s.channels;
    int32_t* arg = argmax + n * s.channels;
    std::copy(img, img + s.channels, out);
    std::fill(arg, arg + s.channels, 0);
    for (int64_t p = 1; p < s.pixels; ++p)
      for (int64_t c = 0; c < s.channels; ++c)
        if (img[p * s.channels + c] > out[c]) {
          out[c] = img[p * s.channels + c];
          arg[c] = static_cast<int32_t>(p);
        }
  });
}

void global_maxpool_backward(const GlobalPoolShape& s, const int32_t* argmax, const float* dy,
                             float* dx) {
  for_each_image(s, [&](int64_t n) {
    float* img = dx + n * s.pixels * s.channels;
    std::fill(img, img + s.pixels * s.channels, 0.0f);
    for (int64_t c = 0; c < s.channels; ++c)
      img[argmax[n * s.channels + c] * s.channels + c] = dy[n * s.channels + c];
  });
}

}  // namespace cnnlab

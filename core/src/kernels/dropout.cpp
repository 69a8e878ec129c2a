#include "cnnlab/kernels/dropout.hpp"

#include "cnnlab/parallel.hpp"
#include "cnnlab/random.hpp"

namespace cnnlab {

namespace {
constexpr int64_t kGrain = 1 << 15;

// Forward and backward are the same masked scaling.
void apply_mask(int64_t n, float rate, uint64_t seed, const float* in, float* out) {
  const float scale = 1.0f / (1.0f - rate);
  parallel_for(0, n, kGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const bool keep = hash_to_unit(hash64(seed, static_cast<uint64_t>(i))) >= rate;
      out[i] = keep ? in[i] * scale : 0.0f;
    }
  });
}
}  // namespace

void dropout_forward(int64_t n, float rate, uint64_t seed, const float* x, float* y) {
  apply_mask(n, rate, seed, x, y);
}

void dropout_backward(int64_t n, float rate, uint64_t seed, const float* dy, float* dx) {
  apply_mask(n, rate, seed, dy, dx);
}

}  // namespace cnnlab

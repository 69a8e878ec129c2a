#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Mixes up to three words into one well-distributed 64-bit value (SplitMix64 finaliser).
// Counter-based randomness: a dropout mask element is hash(seed, step, index), so it does not
// depend on which thread computes it.
CNNLAB_API uint64_t hash64(uint64_t a, uint64_t b = 0, uint64_t c = 0);
// A uniform float in [0, 1) from a hash value.
inline float hash_to_unit(uint64_t h) { return static_cast<float>(h >> 40) * (1.0f / 16777216.0f); }

// A small sequential generator (xoshiro256**) for weight init, shuffles and splits.
// Same seed, same sequence, on every platform: no std:: distributions (their output is
// implementation-defined).
class CNNLAB_API Rng {
 public:
  explicit Rng(uint64_t seed = 0);
  uint64_t next();
  double uniform();                      // [0, 1)
  double uniform(double lo, double hi);  // [lo, hi)
  double normal();                       // mean 0, stddev 1
  uint64_t below(uint64_t n);            // [0, n), unbiased
  // A generator for a named sub-stream ("init", "shuffle", ...), independent of this one's state.
  static Rng derive(uint64_t seed, uint64_t stream);

 private:
  uint64_t s_[4];
};

}  // namespace cnnlab

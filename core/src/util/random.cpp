#include "cnnlab/random.hpp"

#include <cmath>

namespace cnnlab {

namespace {
uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

uint64_t hash64(uint64_t a, uint64_t b, uint64_t c) {
  return splitmix(splitmix(splitmix(a) ^ b) ^ c);
}

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (auto& s : s_) {
    x = splitmix(x);
    s = x;
  }
}

uint64_t Rng::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
  // Box-Muller; the second value is dropped to keep the generator stateless beyond s_.
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

uint64_t Rng::below(uint64_t n) {
  if (n == 0) return 0;
  const uint64_t limit = ~uint64_t{0} - (~uint64_t{0} % n);
  uint64_t x = next();
  while (x >= limit) x = next();
  return x % n;
}

Rng Rng::derive(uint64_t seed, uint64_t stream) { return Rng(hash64(seed, stream, 0x5eed)); }

}  // namespace cnnlab

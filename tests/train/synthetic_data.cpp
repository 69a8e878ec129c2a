#include "synthetic_data.hpp"

#include "cnnlab/random.hpp"

namespace cnnlab::test {

ImageSet quadrant_images(size_t n, int classes, uint64_t seed) {
  ImageSet set;
  set.height = set.width = 8;
  set.channels = 1;
  set.pixels.resize(n * 64);
  set.labels.resize(n);
  Rng rng(seed);
  for (size_t i = 0; i < n; ++i) {
    const int label = static_cast<int>(i % static_cast<size_t>(classes));
    set.labels[i] = label;
    uint8_t* image = set.pixels.data() + i * 64;
    for (int y = 0; y < 8; ++y) {
      for (int x = 0; x < 8; ++x) {
        const int quadrant = (y / 4) * 2 + x / 4;
        const bool lit = quadrant == label && rng.uniform() < 0.7;
        image[y * 8 + x] = static_cast<uint8_t>(lit ? rng.uniform(150, 256) : rng.uniform(0, 61));
      }
    }
  }
  return set;
}

ImageSet shape_images(size_t n, uint64_t seed) {
  ImageSet set;
  set.height = set.width = 8;
  set.channels = 1;
  set.pixels.resize(n * 64);
  set.labels.resize(n);
  Rng rng(seed);
  for (size_t i = 0; i < n; ++i) {
    const int label = static_cast<int>(i % 3);
    set.labels[i] = label;
    uint8_t* image = set.pixels.data() + i * 64;
    for (int p = 0; p < 64; ++p) image[p] = static_cast<uint8_t>(rng.uniform(0, 61));
    const int row = static_cast<int>(rng.below(label == 2 ? 6 : 8));
    const int col = static_cast<int>(rng.below(label == 2 ? 6 : 8));
    for (int y = 0; y < 8; ++y) {
      for (int x = 0; x < 8; ++x) {
        const bool lit = label == 0   ? y == row
                         : label == 1 ? x == col
                                      : y >= row && y < row + 3 && x >= col && x < col + 3;
        if (lit) image[y * 8 + x] = static_cast<uint8_t>(rng.uniform(180, 256));
      }
    }
  }
  return set;
}

ImageSet indexed_images(size_t n) {
  ImageSet set;
  set.height = set.width = 2;
  set.channels = 1;
  set.pixels.resize(n * 4, 0);
  set.labels.resize(n);
  for (size_t i = 0; i < n; ++i) {
    set.pixels[i * 4] = static_cast<uint8_t>(i);
    set.pixels[i * 4 + 1] = static_cast<uint8_t>(i % 2 ? 200 : 0);
    set.labels[i] = static_cast<int32_t>(i % 2);
  }
  return set;
}

}  // namespace cnnlab::test

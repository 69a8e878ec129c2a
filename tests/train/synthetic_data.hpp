#pragma once
// Small generated image sets for trainer tests.
#include <cstddef>
#include <cstdint>

#include "cnnlab/dataset.hpp"

namespace cnnlab::test {

// n images of 8x8x1 in `classes` (2..4) classes, labels cycling 0, 1, 2, ...: class c lights
// quadrant c brightly (most of its pixels 150..255) over a dim noisy background (0..60).
ImageSet quadrant_images(size_t n, int classes, uint64_t seed);

// n images of 8x8x1 in 3 classes, labels cycling: a horizontal bar, a vertical bar or a 3x3
// square, each at a random place, over dim noise. Telling bars apart needs spatial features:
// a task for convolutions.
ImageSet shape_images(size_t n, uint64_t seed);

// n images of 2x2x1 whose first pixel holds the sample's index (n <= 256), labels i % 2:
// with scale 1 a layer can read which sample it sees.
ImageSet indexed_images(size_t n);

}  // namespace cnnlab::test

#pragma once
// Small labelled image sets that a tiny CNN learns in seconds: three classes of noisy strokes
// (horizontal, vertical, diagonal) at random positions, written in the formats cnnlab reads.
#include <cstdint>
#include <string>
#include <vector>

namespace cnnlab::test {

struct SyntheticImages {
  int size = 12;
  std::vector<uint8_t> pixels;  // n * size * size, gray
  std::vector<uint8_t> labels;
};

SyntheticImages make_strokes(int count, uint64_t seed, int size = 12);

// train-images-idx3-ubyte etc. in `dir` (plain, not gzipped).
void write_idx_dataset(const std::string& dir, int train_count, int test_count, uint64_t seed);
// One PNG of the given class.
void write_stroke_png(const std::string& path, int label, uint64_t seed, int size = 12);

}  // namespace cnnlab::test

#include "synthetic_data.hpp"

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "cnnlab/random.hpp"

namespace cnnlab::test {

namespace {

void draw(uint8_t* image, int size, int label, Rng& rng) {
  for (int i = 0; i < size * size; ++i) image[i] = static_cast<uint8_t>(rng.below(40));
  const int offset = 2 + static_cast<int>(rng.below(static_cast<uint64_t>(size - 4)));
  for (int t = 1; t < size - 1; ++t) {
    int y = 0, x = 0;
    if (label == 0) y = offset, x = t;
    if (label == 1) y = t, x = offset;
    if (label == 2) y = t, x = t;
    image[y * size + x] = static_cast<uint8_t>(200 + rng.below(56));
  }
}

void put_u32(std::ofstream& f, uint32_t v) {
  const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  f.write(b, 4);
}

void write_images(const std::string& path, const SyntheticImages& s) {
  std::ofstream f(path, std::ios::binary);
  put_u32(f, 0x00000803);
  put_u32(f, static_cast<uint32_t>(s.labels.size()));
  put_u32(f, static_cast<uint32_t>(s.size));
  put_u32(f, static_cast<uint32_t>(s.size));
  f.write(reinterpret_cast<const char*>(s.pixels.data()),
          static_cast<std::streamsize>(s.pixels.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
}

void write_labels(const std::string& path, const SyntheticImages& s) {
  std::ofstream f(path, std::ios::binary);
  put_u32(f, 0x00000801);
  put_u32(f, static_cast<uint32_t>(s.labels.size()));
  f.write(reinterpret_cast<const char*>(s.labels.data()),
          static_cast<std::streamsize>(s.labels.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
}

}  // namespace

SyntheticImages make_strokes(int count, uint64_t seed, int size) {
  Rng rng(seed);
  SyntheticImages s;
  s.size = size;
  s.pixels.resize(static_cast<size_t>(count) * size * size);
  for (int i = 0; i < count; ++i) {
    const int label = static_cast<int>(rng.below(3));
    s.labels.push_back(static_cast<uint8_t>(label));
    draw(s.pixels.data() + static_cast<size_t>(i) * size * size, size, label, rng);
  }
  return s;
}

void write_idx_dataset(const std::string& dir, int train_count, int test_count, uint64_t seed) {
  const SyntheticImages train = make_strokes(train_count, seed);
  const SyntheticImages test = make_strokes(test_count, seed + 1);
  write_images(dir + "/train-images-idx3-ubyte", train);
  write_labels(dir + "/train-labels-idx1-ubyte", train);
  write_images(dir + "/t10k-images-idx3-ubyte", test);
  write_labels(dir + "/t10k-labels-idx1-ubyte", test);
}

void write_stroke_png(const std::string& path, int label, uint64_t seed, int size) {
  Rng rng(seed);
  cv::Mat image(size, size, CV_8UC1);
  draw(image.data, size, label, rng);
  if (!cv::imwrite(path, image)) throw std::runtime_error("cannot write " + path);
}

}  // namespace cnnlab::test

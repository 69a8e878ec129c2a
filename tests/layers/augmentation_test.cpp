// The augmentation layers against references on small images: a flip is a flip, a translation
// by a known offset moves a known pixel, a rotation by a quarter turn, a zoom, a padded crop,
// contrast and brightness; inactive at inference; the same bits at 1 and 2 threads.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "cnnlab/parallel.hpp"
#include "layer_fixture.hpp"

using cnnlab::Shape;
using cnnlab::StepContext;
using cnnlab::Tensor;
using cnnlab::test::make_layer;

namespace {

// Image n of a batch holds 100 * n + y * w + x at (y, x), channel c adds 1000 * c.
Tensor ramp(int64_t batch, int64_t h, int64_t w, int64_t c = 1) {
  Tensor t({batch, h, w, c});
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t y = 0; y < h; ++y)
      for (int64_t x = 0; x < w; ++x)
        for (int64_t k = 0; k < c; ++k)
          t[static_cast<size_t>(((n * h + y) * w + x) * c + k)] =
              static_cast<float>(100 * n + y * w + x + 1000 * k);
  return t;
}

float at(const Tensor& t, int64_t n, int64_t y, int64_t x, int64_t c = 0) {
  return t[static_cast<size_t>(((n * t.dim(1) + y) * t.dim(2) + x) * t.dim(3) + c)];
}

Tensor run(const std::string& type, const std::string& settings, const Tensor& in, bool training,
           uint64_t seed = 1) {
  auto layer = make_layer(type, settings);
  cnnlab::Rng init(1);
  layer->build({in.dim(1), in.dim(2), in.dim(3)}, init);
  Tensor out;
  StepContext ctx;
  ctx.training = training;
  ctx.seed = seed;
  layer->forward(in, out, ctx);
  return out;
}

}  // namespace

TEST_CASE("random_flip mirrors images left-right, each with probability one half") {
  const Tensor in = ramp(40, 2, 3);
  const Tensor out = run("random_flip", "mode=horizontal", in, true);
  int flipped = 0;
  for (int64_t n = 0; n < 40; ++n) {
    const bool mirror = at(out, n, 0, 0) == at(in, n, 0, 2);
    flipped += mirror;
    for (int64_t y = 0; y < 2; ++y)
      for (int64_t x = 0; x < 3; ++x) CHECK(at(out, n, y, x) == at(in, n, y, mirror ? 2 - x : x));
  }
  CHECK(flipped > 5);
  CHECK(flipped < 35);
}

TEST_CASE("random_translation by a known offset moves a known pixel") {
  const Tensor in = ramp(2, 4, 4);
  // Down by 0.25 * 4 = 1 row, left by 0.5 * 4 = 2 columns; uncovered pixels are 0.
  const Tensor out = run("random_translation",
                         "height_factor=[0.25, 0.25] width_factor=[-0.5, -0.5] "
                         "fill_mode=constant",
                         in, true);
  for (int64_t n = 0; n < 2; ++n)
    for (int64_t y = 0; y < 4; ++y)
      for (int64_t x = 0; x < 4; ++x) {
        const bool inside = y >= 1 && x + 2 < 4;
        CHECK(at(out, n, y, x) == (inside ? at(in, n, y - 1, x + 2) : 0.0f));
      }
  // reflect (the default) fills from the mirror image instead: row -1 reads row 0.
  const Tensor reflected =
      run("random_translation", "height_factor=[0.25, 0.25] width_factor=0", in, true);
  CHECK(at(reflected, 0, 0, 1) == at(in, 0, 0, 1));
  CHECK(at(reflected, 0, 1, 1) == at(in, 0, 0, 1));
}

TEST_CASE("random_rotation by a quarter turn turns the image counter-clockwise") {
  const Tensor in = ramp(1, 3, 3);
  const Tensor out = run("random_rotation", "factor=[0.25, 0.25]", in, true);
  for (int64_t y = 0; y < 3; ++y)
    for (int64_t x = 0; x < 3; ++x)
      CHECK(at(out, 0, y, x) == Approx(at(in, 0, x, 2 - y)).margin(1e-4));
}

TEST_CASE("random_zoom in by two samples the centre bilinearly") {
  const Tensor in = ramp(1, 4, 4);  // value 4 y + x: bilinear reads it exactly
  const Tensor out = run("random_zoom", "height_factor=[-0.5, -0.5]", in, true);
  for (int64_t y = 0; y < 4; ++y)
    for (int64_t x = 0; x < 4; ++x)
      CHECK(at(out, 0, y, x) == Approx(4 * (0.5 * y + 0.75) + (0.5 * x + 0.75)));
}

TEST_CASE("random_crop with padding shifts by every offset in range, filling zeros") {
  const Tensor in = ramp(60, 4, 4);
  const Tensor out = run("random_crop", "height=4 width=4 padding=1", in, true);
  std::set<std::pair<int, int>> offsets;
  for (int64_t n = 0; n < 60; ++n) {
    bool found = false;
    for (int dy = -1; dy <= 1 && !found; ++dy)
      for (int dx = -1; dx <= 1 && !found; ++dx) {
        bool match = true;
        for (int64_t y = 0; y < 4; ++y)
          for (int64_t x = 0; x < 4; ++x) {
            const int64_t iy = y + dy, ix = x + dx;
            const bool inside = iy >= 0 && iy < 4 && ix >= 0 && ix < 4;
            match = match && at(out, n, y, x) == (inside ? at(in, n, iy, ix) : 0.0f);
          }
        if (match) offsets.insert({dy, dx});
        found = match;
      }
    CHECK(found);
  }
  CHECK(offsets.size() == 9);
  // A smaller crop takes the centre at inference.
  const Tensor centre = run("random_crop", "height=2 width=2", in, false);
  CHECK(at(centre, 0, 0, 0) == at(in, 0, 1, 1));
  CHECK(at(centre, 3, 1, 1) == at(in, 3, 2, 2));
}

TEST_CASE("random_contrast scales each channel about its mean by one factor per image") {
  const Tensor in = ramp(8, 3, 3, 2);
  const Tensor out = run("random_contrast", "factor=0.5 value_range=[-10000, 10000]", in, true);
  std::set<float> factors;
  for (int64_t n = 0; n < 8; ++n) {
    const double mean0 = 100 * n + 4;  // mean of channel 0: 100 n + (0 + ... + 8) / 9
    const double f = (at(out, n, 0, 0) - mean0) / (at(in, n, 0, 0) - mean0);
    CHECK(f >= 0.5);
    CHECK(f <= 1.5);
    factors.insert(static_cast<float>(f));
    for (int64_t y = 0; y < 3; ++y)
      for (int64_t x = 0; x < 3; ++x)
        for (int64_t c = 0; c < 2; ++c) {
          const double mean = mean0 + 1000 * c;
          CHECK(at(out, n, y, x, c) == Approx((at(in, n, y, x, c) - mean) * f + mean));
        }
  }
  CHECK(factors.size() == 8);
}

TEST_CASE("random_brightness shifts each image by one amount, clipped to value_range") {
  Tensor in({6, 2, 2, 1});
  for (size_t i = 0; i < in.size(); ++i) in[i] = 0.4f + 0.01f * static_cast<float>(i % 4);
  const Tensor out = run("random_brightness", "factor=0.2", in, true);
  for (int64_t n = 0; n < 6; ++n) {
    const float delta = at(out, n, 0, 0) - at(in, n, 0, 0);
    CHECK(std::fabs(delta) <= 0.2f);
    for (int64_t p = 0; p < 4; ++p)
      CHECK(at(out, n, p / 2, p % 2) == Approx(at(in, n, p / 2, p % 2) + delta));
  }
  const Tensor clipped = run("random_brightness", "factor=[1, 1]", in, true);
  for (size_t i = 0; i < clipped.size(); ++i) CHECK(clipped[i] == 1.0f);
}

namespace {
const std::vector<std::pair<std::string, std::string>> kAugmentations = {
    {"random_flip", ""},
    {"random_translation", "height_factor=0.2 width_factor=0.2"},
    {"random_rotation", "factor=0.1"},
    {"random_zoom", "height_factor=0.2 width_factor=[-0.1, 0.3]"},
    {"random_crop", "height=6 width=5 padding=2"},
    {"random_contrast", "factor=0.3"},
    {"random_brightness", "factor=0.2"}};
}  // namespace

TEST_CASE("augmentation layers are the identity at inference") {
  Tensor in({3, 6, 5, 2});
  cnnlab::Rng rng(3);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(rng.uniform());
  for (const auto& [type, settings] : kAugmentations) {
    INFO(type);
    const Tensor out = run(type, settings, in, false);
    CHECK(std::vector<float>(out.data(), out.data() + out.size()) ==
          std::vector<float>(in.data(), in.data() + in.size()));
    const Tensor trained = run(type, settings, in, true);
    CHECK(std::vector<float>(trained.data(), trained.data() + trained.size()) !=
          std::vector<float>(in.data(), in.data() + in.size()));
  }
}

TEST_CASE("augmentation layers give the same bits at 1 and 2 threads") {
  Tensor in({64, 12, 10, 3});
  cnnlab::Rng rng(4);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(rng.uniform());
  for (const auto& [type, settings] : kAugmentations) {
    INFO(type);
    std::vector<float> one, two;
    {
      cnnlab::ThreadLimit limit(1);
      const Tensor out = run(type, settings, in, true, 77);
      one.assign(out.data(), out.data() + out.size());
    }
    {
      cnnlab::ThreadLimit limit(2);
      const Tensor out = run(type, settings, in, true, 77);
      two.assign(out.data(), out.data() + out.size());
    }
    CHECK(one == two);
    const Tensor other_step = run(type, settings, in, true, 78);
    CHECK(std::vector<float>(other_step.data(), other_step.data() + other_step.size()) != one);
  }
}

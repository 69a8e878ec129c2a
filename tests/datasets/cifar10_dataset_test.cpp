#include <catch2/catch.hpp>
#include <filesystem>

#include "cnnlab/error.hpp"
#include "dataset_fixture.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

constexpr size_t kPlane = 32 * 32;

// The value of channel c at pixel p of record `id`: distinct per channel, pixel and record.
uint8_t value(size_t id, size_t c, size_t p) { return static_cast<uint8_t>(id * 31 + c * 85 + p); }

// Records id_first.. with the given labels, in CIFAR's planar layout.
std::vector<uint8_t> records(size_t id_first, const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> out;
  for (size_t r = 0; r < labels.size(); ++r) {
    out.push_back(labels[r]);
    for (size_t c = 0; c < 3; ++c)
      for (size_t p = 0; p < kPlane; ++p) out.push_back(value(id_first + r, c, p));
  }
  return out;
}

// Five training batches of two records (ids 0..9, labels = id) and a test batch of three.
void write_cifar(const std::string& dir) {
  for (size_t b = 0; b < 5; ++b)
    write_bytes(dir + "/data_batch_" + std::to_string(b + 1) + ".bin",
                records(2 * b, {static_cast<uint8_t>(2 * b), static_cast<uint8_t>(2 * b + 1)}));
  write_bytes(dir + "/test_batch.bin", records(100, {9, 0, 4}));
}

// Every pixel of image i is HWC: channel c of pixel p at p * 3 + c.
void check_images(const ImageSet& set, size_t id_first) {
  REQUIRE(set.height == 32);
  REQUIRE(set.width == 32);
  REQUIRE(set.channels == 3);
  for (size_t i = 0; i < set.size(); ++i) {
    const uint8_t* image = set.image(i);
    size_t wrong = 0;
    for (size_t p = 0; p < kPlane; ++p)
      for (size_t c = 0; c < 3; ++c) wrong += image[p * 3 + c] != value(id_first + i, c, p);
    CHECK(wrong == 0);
  }
}

}  // namespace

TEST_CASE("cifar10 reads the binary batches and converts planes to HWC", "[cifar10]") {
  TempDir dir;
  write_cifar(dir.path());
  auto dataset = make_dataset("cifar10", {{"path", scalar(dir.path())}});
  CHECK(dataset->type() == "cifar10");
  const auto info = dataset->info();
  CHECK(info.input_shape == Shape{32, 32, 3});
  CHECK(info.num_classes == 10);
  CHECK(info.class_names.front() == "airplane");
  CHECK(info.class_names.back() == "truck");
  const ImageSet train = dataset->load_train();
  REQUIRE(train.size() == 10);
  CHECK(train.labels == std::vector<int32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  check_images(train, 0);
  const ImageSet test = dataset->load_test();
  CHECK(test.labels == std::vector<int32_t>{9, 0, 4});
  check_images(test, 100);
}

TEST_CASE("cifar10 takes class names from batches.meta.txt", "[cifar10]") {
  TempDir dir;
  write_cifar(dir.path());
  write_file(dir.file("batches.meta.txt"), "a\nb\r\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
  auto dataset = make_dataset("cifar10", {{"path", scalar(dir.path())}});
  CHECK(dataset->info().class_names ==
        std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"});

  write_file(dir.file("batches.meta.txt"), "a\nb\n");
  auto fewer = make_dataset("cifar10", {{"path", scalar(dir.path())}});
  CHECK(fewer->info().num_classes == 2);
  CHECK_THROWS_WITH(fewer->load_test(),
                    Catch::Contains("test_batch.bin: label 9 of item 0 is out of range for 2 "
                                    "classes"));
}

TEST_CASE("cifar10 takes other batch files from train_files and test_file", "[cifar10]") {
  TempDir dir;
  write_bytes(dir.file("only.bin"), records(0, {3, 1}));
  write_bytes(dir.file("eval.bin"), records(50, {7}));
  auto dataset = make_dataset("cifar10", {{"path", scalar(dir.path())},
                                          {"train_files", list({"only.bin"})},
                                          {"test_file", scalar("eval.bin")}});
  const ImageSet train = dataset->load_train();
  CHECK(train.labels == std::vector<int32_t>{3, 1});
  check_images(train, 0);
  const ImageSet test = dataset->load_test();
  CHECK(test.labels == std::vector<int32_t>{7});
  check_images(test, 50);
}

TEST_CASE("cifar10 needs all five standard training batches", "[cifar10][errors]") {
  TempDir dir;
  write_cifar(dir.path());
  std::filesystem::remove(dir.file("data_batch_3.bin"));
  auto dataset = make_dataset("cifar10", {{"path", scalar(dir.path())}});
  CHECK_THROWS_AS(dataset->load_train(), DataError);
  CHECK_THROWS_WITH(dataset->load_train(),
                    Catch::Contains(dir.file("data_batch_3.bin") + ": no such file"));
  CHECK(dataset->load_test().size() == 3);
}

TEST_CASE("cifar10 refuses a batch cut inside a record", "[cifar10][errors]") {
  TempDir dir;
  write_cifar(dir.path());
  auto bytes = records(100, {9, 0, 4});
  bytes.resize(3073 * 2 + 1000);
  write_bytes(dir.file("test_batch.bin"), bytes);
  auto dataset = make_dataset("cifar10", {{"path", scalar(dir.path())}});
  CHECK_THROWS_WITH(dataset->load_test(),
                    Catch::Contains(dir.file("test_batch.bin") +
                                    " is truncated: 7146 bytes is "
                                    "not a whole number of 3073-byte records (expected 9219 "
                                    "bytes)"));
  write_bytes(dir.file("test_batch.bin"), {});
  CHECK_THROWS_WITH(dataset->load_test(), Catch::Contains("test_batch.bin is empty"));
}

TEST_CASE("cifar10 config errors", "[cifar10][errors]") {
  TempDir dir;
  CHECK_THROWS_WITH(
      make_dataset("cifar10", {{"path", scalar(dir.path())}, {"test_files", scalar("x")}}),
      Catch::Contains("unknown key 'test_files' for dataset 'cifar10' (did you mean "
                      "'test_file'?)"));
  CHECK_THROWS_WITH(
      make_dataset("cifar10", {{"path", scalar(dir.path())}, {"train_files", list({})}}),
      Catch::Contains("'train_files' must name at least one file"));
}

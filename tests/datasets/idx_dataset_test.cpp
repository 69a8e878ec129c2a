#include <catch2/catch.hpp>
#include <filesystem>

#include "cnnlab/error.hpp"
#include "dataset_fixture.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

// A small IDX dataset: image i of a split has pixel j = (first + i * 7 + j) mod 251.
struct IdxSplit {
  size_t n;
  std::vector<uint8_t> labels;
  uint8_t first;
};

std::vector<uint8_t> pattern(size_t n, size_t image_bytes, uint8_t first) {
  std::vector<uint8_t> pixels(n * image_bytes);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < image_bytes; ++j)
      pixels[i * image_bytes + j] = static_cast<uint8_t>((first + i * 7 + j) % 251);
  return pixels;
}

const IdxSplit kTrain{5, {0, 3, 1, 2, 3}, 10};
const IdxSplit kTest{3, {2, 0, 1}, 100};
constexpr uint32_t kH = 3, kW = 4;

// Writes the standard four files (NAME or NAME.gz) into dir.
void write_mnist(const std::string& dir, bool gzip, uint32_t channels = 1) {
  const std::string ext = gzip ? ".gz" : "";
  const size_t bytes = kH * kW * channels;
  write_bytes(dir + "/train-images-idx3-ubyte" + ext,
              idx_images(kTrain.n, kH, kW, channels, pattern(kTrain.n, bytes, kTrain.first)), gzip);
  write_bytes(dir + "/train-labels-idx1-ubyte" + ext, idx_labels(kTrain.labels), gzip);
  write_bytes(dir + "/t10k-images-idx3-ubyte" + ext,
              idx_images(kTest.n, kH, kW, channels, pattern(kTest.n, bytes, kTest.first)), gzip);
  write_bytes(dir + "/t10k-labels-idx1-ubyte" + ext, idx_labels(kTest.labels), gzip);
}

void check_split(const ImageSet& set, const IdxSplit& expected, int64_t channels = 1) {
  CHECK(set.height == kH);
  CHECK(set.width == kW);
  CHECK(set.channels == channels);
  REQUIRE(set.size() == expected.n);
  CHECK(set.labels == std::vector<int32_t>(expected.labels.begin(), expected.labels.end()));
  CHECK(set.pixels == pattern(expected.n, set.image_bytes(), expected.first));
}

std::string data_error(Dataset& dataset) {
  try {
    dataset.load_train();
    dataset.load_test();
  } catch (const DataError& e) {
    return e.what();
  }
  FAIL("no DataError");
  return "";
}

}  // namespace

TEST_CASE("idx reads plain files with the standard names", "[idx]") {
  TempDir dir;
  write_mnist(dir.path(), false);
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK(dataset->type() == "idx");
  const DatasetInfo info = dataset->info();
  CHECK(info.input_shape == Shape{kH, kW, 1});
  CHECK(info.num_classes == 4);  // largest label + 1
  CHECK(info.class_names == std::vector<std::string>{"0", "1", "2", "3"});
  CHECK(info.scale == 255.0f);
  check_split(dataset->load_train(), kTrain);
  check_split(dataset->load_test(), kTest);
}

TEST_CASE("idx reads gzip-compressed files and gives the same data", "[idx]") {
  TempDir dir;
  write_mnist(dir.path(), true);
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}, {"scale", scalar("1")}});
  CHECK(dataset->info().input_shape == Shape{kH, kW, 1});
  CHECK(dataset->info().scale == 1.0f);
  check_split(dataset->load_train(), kTrain);
  check_split(dataset->load_test(), kTest);
}

TEST_CASE("idx reads four-dimensional IDX images as channels", "[idx]") {
  TempDir dir;
  write_mnist(dir.path(), false, 3);
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK(dataset->info().input_shape == Shape{kH, kW, 3});
  check_split(dataset->load_train(), kTrain, 3);
}

TEST_CASE("idx takes explicit file names relative to path, trying NAME.gz too", "[idx]") {
  TempDir dir;
  std::filesystem::create_directory(dir.file("sub"));
  const size_t bytes = kH * kW;
  write_bytes(dir.file("sub/a-img"),
              idx_images(kTrain.n, kH, kW, 1, pattern(kTrain.n, bytes, kTrain.first)));
  write_bytes(dir.file("sub/a-lbl.gz"), idx_labels(kTrain.labels), true);
  write_bytes(dir.file("b-img"),
              idx_images(kTest.n, kH, kW, 1, pattern(kTest.n, bytes, kTest.first)));
  write_bytes(dir.file("b-lbl"), idx_labels(kTest.labels));
  auto dataset = make_dataset("idx", {{"path", scalar(dir.file("sub"))},
                                      {"train_images", scalar("a-img")},
                                      {"train_labels", scalar("a-lbl")},
                                      {"test_images", scalar(dir.file("b-img"))},
                                      {"test_labels", scalar("../b-lbl")}});
  check_split(dataset->load_train(), kTrain);
  check_split(dataset->load_test(), kTest);
}

TEST_CASE("idx names classes from `classes` or from a fashion path", "[idx]") {
  TempDir dir;
  SECTION("a list") {
    write_mnist(dir.path(), false);
    auto dataset = make_dataset(
        "idx", {{"path", scalar(dir.path())}, {"classes", list({"a", "b", "c", "d", "e"})}});
    CHECK(dataset->info().num_classes == 5);
    CHECK(dataset->info().class_names.back() == "e");
  }
  SECTION("a comma-separated string") {
    write_mnist(dir.path(), false);
    auto dataset =
        make_dataset("idx", {{"path", scalar(dir.path())}, {"classes", scalar("w, x,y,z")}});
    CHECK(dataset->info().class_names == std::vector<std::string>{"w", "x", "y", "z"});
  }
  SECTION("Fashion-MNIST's names when the path says fashion") {
    const std::string fashion = dir.file("My-FASHION-data");
    std::filesystem::create_directory(fashion);
    write_mnist(fashion, true);
    auto dataset = make_dataset("idx", {{"path", scalar(fashion)}});
    const auto info = dataset->info();
    CHECK(info.num_classes == 10);
    CHECK(info.class_names.front() == "T-shirt/top");
    CHECK(info.class_names.back() == "Ankle boot");
  }
  SECTION("a label beyond the named classes") {
    write_mnist(dir.path(), false);
    auto dataset =
        make_dataset("idx", {{"path", scalar(dir.path())}, {"classes", list({"a", "b", "c"})}});
    CHECK_THROWS_WITH(dataset->info(),
                      Catch::Contains("train-labels-idx1-ubyte: label 3 of item 1 is out of "
                                      "range for 3 classes"));
  }
  SECTION("duplicate names are a config error") {
    CHECK_THROWS_WITH(
        make_dataset("idx", {{"path", scalar(dir.path())}, {"classes", list({"a", "a"})}}),
        Catch::Contains("exp.yaml:3:") && Catch::Contains("names 'a' twice"));
  }
}

TEST_CASE("idx reports missing files", "[idx][errors]") {
  TempDir dir;
  write_mnist(dir.path(), false);
  std::filesystem::remove(dir.file("t10k-labels-idx1-ubyte"));
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK_THROWS_AS(dataset->info(), DataError);
  CHECK_THROWS_WITH(dataset->info(), Catch::Contains("no test labels in " + dir.path()) &&
                                         Catch::Contains("t10k-labels-idx1-ubyte[.gz]"));
  auto nowhere = make_dataset("idx", {{"path", scalar(dir.file("nowhere"))}});
  CHECK_THROWS_WITH(nowhere->info(), Catch::Contains("no training"));
}

TEST_CASE("idx reports truncated files with both sizes", "[idx][errors]") {
  TempDir dir;
  const size_t bytes = kH * kW;
  auto images = idx_images(kTrain.n, kH, kW, 1, pattern(kTrain.n, bytes, kTrain.first));
  const size_t full = images.size();
  images.resize(full - 5);
  SECTION("plain") {
    write_mnist(dir.path(), false);
    write_bytes(dir.file("train-images-idx3-ubyte"), images);
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK(dataset->info().num_classes == 4);  // headers are intact
    CHECK_THROWS_WITH(
        dataset->load_train(),
        Catch::Contains("train-images-idx3-ubyte is truncated: expected " + std::to_string(full) +
                        " bytes, file has " + std::to_string(full - 5)));
  }
  SECTION("compressed") {
    write_mnist(dir.path(), true);
    write_bytes(dir.file("train-images-idx3-ubyte.gz"), images, true);
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK_THROWS_WITH(
        dataset->load_train(),
        Catch::Contains("is truncated: expected " + std::to_string(full) + " bytes, file has " +
                        std::to_string(full - 5) + " after decompression"));
  }
  SECTION("a cut gzip stream") {
    write_mnist(dir.path(), true);
    const std::string path = dir.file("train-images-idx3-ubyte.gz");
    std::string gz = read_file(path);
    gz.resize(gz.size() / 2);
    write_file(path, gz);
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK_THAT(data_error(*dataset), Catch::Contains(path + " is truncated: expected"));
  }
  SECTION("a header cut short") {
    write_mnist(dir.path(), false);
    write_bytes(dir.file("t10k-labels-idx1-ubyte"), {0, 0, 8, 1, 0});
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK_THROWS_WITH(dataset->info(), Catch::Contains("t10k-labels-idx1-ubyte is truncated: "
                                                       "expected 8 bytes, file has 5"));
  }
}

TEST_CASE("idx refuses a file longer than its header says", "[idx][errors]") {
  TempDir dir;
  write_mnist(dir.path(), false);
  auto labels = idx_labels(kTest.labels);
  labels.push_back(1);
  write_bytes(dir.file("t10k-labels-idx1-ubyte"), labels);
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK_THROWS_WITH(dataset->info(), Catch::Contains("longer than its header says: expected 11 "
                                                     "bytes, file has 12"));
}

TEST_CASE("idx refuses a bad magic number", "[idx][errors]") {
  TempDir dir;
  write_mnist(dir.path(), false);
  SECTION("labels where images belong") {
    write_bytes(dir.file("train-images-idx3-ubyte"), idx_labels(kTrain.labels));
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK_THROWS_WITH(dataset->info(),
                      Catch::Contains("train-images-idx3-ubyte: bad magic number 0x00000801 "
                                      "(expected 0x00000803 or 0x00000804"));
  }
  SECTION("not an IDX file at all") {
    write_file(dir.file("t10k-labels-idx1-ubyte"), "hello world");
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK_THROWS_WITH(dataset->info(), Catch::Contains("bad magic number 0x68656c6c"));
  }
  SECTION("a header promising absurd sizes") {
    write_bytes(dir.file("train-images-idx3-ubyte"),
                {0, 0, 8, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255});
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK_THROWS_WITH(dataset->info(), Catch::Contains("implausible header"));
  }
}

TEST_CASE("idx refuses images and labels of different counts", "[idx][errors]") {
  TempDir dir;
  write_mnist(dir.path(), true);
  write_bytes(dir.file("train-labels-idx1-ubyte.gz"), idx_labels({1, 2, 3}), true);
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK_THROWS_WITH(dataset->info(),
                    Catch::Contains("inconsistent counts: ") &&
                        Catch::Contains("train-images-idx3-ubyte.gz has 5 images but ") &&
                        Catch::Contains("train-labels-idx1-ubyte.gz has 3 labels"));
}

TEST_CASE("idx refuses train and test images of different sizes", "[idx][errors]") {
  TempDir dir;
  write_mnist(dir.path(), false);
  write_bytes(dir.file("t10k-images-idx3-ubyte"),
              idx_images(kTest.n, kW, kH, 1, pattern(kTest.n, kH * kW, 0)));
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK_THROWS_WITH(dataset->info(), Catch::Contains("inconsistent image sizes") &&
                                         Catch::Contains("3x4") && Catch::Contains("4x3"));
}

TEST_CASE("idx config errors name the key's line", "[idx][errors]") {
  TempDir dir;
  CHECK_THROWS_AS(make_dataset("idx", {}), ConfigError);
  CHECK_THROWS_WITH(make_dataset("idx", {}), Catch::Contains("'path' is required"));
  CHECK_THROWS_WITH(
      make_dataset("idx", {{"path", scalar(dir.path())}, {"trian_images", scalar("x")}}),
      Catch::Contains("exp.yaml:3:5: unknown key 'trian_images' for dataset 'idx' "
                      "(did you mean 'train_images'?)"));
  CHECK_THROWS_WITH(make_dataset("idx", {{"path", scalar(dir.path())}, {"scale", scalar("0")}}),
                    Catch::Contains("exp.yaml:3:") && Catch::Contains("'scale' must be positive"));
}

TEST_CASE("idx reads the real Fashion-MNIST when it is installed", "[idx][real]") {
  const std::string path = "/usr/share/datasets/fashion-mnist";
  if (!std::filesystem::exists(path + "/t10k-images-idx3-ubyte.gz")) {
    WARN("skipped: " + path + " is absent (apt-get install dataset-fashion-mnist)");
    return;
  }
  auto dataset = make_dataset("idx", {{"path", scalar(path)}});
  const auto info = dataset->info();
  CHECK(info.input_shape == Shape{28, 28, 1});
  CHECK(info.class_names[9] == "Ankle boot");
  const ImageSet test = dataset->load_test();
  REQUIRE(test.size() == 10000);
  std::vector<int> per_class(10);
  for (int32_t label : test.labels) ++per_class.at(label);
  CHECK(per_class == std::vector<int>(10, 1000));
  CHECK(test.pixels.size() == 10000u * 28 * 28);
}

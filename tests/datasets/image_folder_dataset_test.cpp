#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>

#include "cnnlab/error.hpp"
#include "cnnlab/parallel.hpp"
#include "dataset_fixture.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;
namespace fs = std::filesystem;

namespace {

// A uniform image whose red channel carries an id, so a test can tell which file an image
// of a split came from. Green and blue are fixed.
void write_image(const std::string& path, int id, int height = 4, int width = 3) {
  fs::create_directories(fs::path(path).parent_path());
  const cv::Mat bgr(height, width, CV_8UC3, cv::Scalar(200, 100, id));
  REQUIRE(cv::imwrite(path, bgr));
}

// DIR/<class>/img<k>.png for `per_class` images per class; ids are class * 100 + k.
void write_classes(const std::string& dir, const std::vector<std::string>& classes, int per_class) {
  for (size_t c = 0; c < classes.size(); ++c)
    for (int k = 0; k < per_class; ++k)
      write_image(dir + "/" + classes[c] + "/img" + std::to_string(k) + ".png",
                  static_cast<int>(c) * 100 + k);
}

std::vector<int> ids(const ImageSet& set) {
  std::vector<int> out;
  for (size_t i = 0; i < set.size(); ++i) out.push_back(set.image(i)[0]);
  return out;
}

std::map<int32_t, int> count_per_label(const ImageSet& set) {
  std::map<int32_t, int> counts;
  for (int32_t label : set.labels) ++counts[label];
  return counts;
}

using Entries = std::vector<std::pair<std::string, ConfigValue>>;

}  // namespace

TEST_CASE("image_folder reads DIR/<class>/<image> as RGB in HWC order", "[image_folder]") {
  TempDir dir;
  write_classes(dir.path(), {"cat", "dog"}, 2);
  auto dataset = make_dataset("image_folder", {{"path", scalar(dir.path())},
                                               {"image_size", list({"4", "3"})},
                                               {"test_split", scalar("0")}});
  CHECK(dataset->type() == "image_folder");
  const auto info = dataset->info();
  CHECK(info.input_shape == Shape{4, 3, 3});
  CHECK(info.num_classes == 2);
  CHECK(info.class_names == std::vector<std::string>{"cat", "dog"});
  const ImageSet train = dataset->load_train();
  REQUIRE(train.size() == 4);
  CHECK(dataset->load_test().size() == 0);
  for (size_t i = 0; i < train.size(); ++i) {
    const uint8_t* image = train.image(i);
    const int id = image[0];
    CHECK(train.labels[i] == id / 100);
    for (size_t p = 0; p < 12; ++p) {
      CHECK(image[p * 3 + 0] == id);
      CHECK(image[p * 3 + 1] == 100);
      CHECK(image[p * 3 + 2] == 200);
    }
  }
  std::vector<int> sorted = ids(train);
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<int>{0, 1, 100, 101});
}

TEST_CASE("image_folder resizes to image_size and converts to grayscale", "[image_folder]") {
  TempDir dir;
  fs::create_directories(dir.file("a"));
  const cv::Mat gray(20, 30, CV_8UC3, cv::Scalar(77, 77, 77));
  REQUIRE(cv::imwrite(dir.file("a/big.bmp"), gray));
  REQUIRE(cv::imwrite(dir.file("a/big2.JPG"), gray));
  write_file(dir.file("a/notes.txt"), "not an image, not counted");
  auto dataset = make_dataset("image_folder", {{"path", scalar(dir.path())},
                                               {"image_size", scalar("5")},
                                               {"channels", scalar("1")},
                                               {"test_split", scalar("0")}});
  CHECK(dataset->info().input_shape == Shape{5, 5, 1});
  const ImageSet train = dataset->load_train();
  REQUIRE(train.size() == 2);
  CHECK(train.pixels.size() == 2 * 25);
  for (uint8_t v : train.pixels) CHECK(std::abs(v - 77) <= 2);  // JPEG may move a level
}

TEST_CASE("image_folder defaults to 32x32 RGB and a 0.2 test split", "[image_folder]") {
  TempDir dir;
  write_classes(dir.path(), {"x", "y"}, 5);
  auto dataset = make_dataset("image_folder", {{"path", scalar(dir.path())}});
  CHECK(dataset->info().input_shape == Shape{32, 32, 3});
  CHECK(dataset->info().scale == 255.0f);
  CHECK(dataset->load_train().size() == 8);
  CHECK(dataset->load_test().size() == 2);
}

TEST_CASE("image_folder splits each class by test_split, the same way for the same seed",
          "[image_folder][split]") {
  TempDir dir;
  write_classes(dir.path(), {"a", "b", "c"}, 10);
  const Entries entries = {{"path", scalar(dir.path())}, {"test_split", scalar("0.3")}};
  auto first = make_dataset("image_folder", entries, 7);
  const ImageSet train = first->load_train(), test = first->load_test();
  CHECK(count_per_label(train) == std::map<int32_t, int>{{0, 7}, {1, 7}, {2, 7}});
  CHECK(count_per_label(test) == std::map<int32_t, int>{{0, 3}, {1, 3}, {2, 3}});
  std::set<int> all;
  for (int id : ids(train)) all.insert(id);
  for (int id : ids(test)) all.insert(id);
  CHECK(all.size() == 30);

  auto again = make_dataset("image_folder", entries, 7);
  CHECK(again->load_train().pixels == train.pixels);
  CHECK(again->load_test().labels == test.labels);

  auto other_seed = make_dataset("image_folder", entries, 8);
  CHECK(ids(other_seed->load_test()) != ids(test));
  CHECK(count_per_label(other_seed->load_test()) == count_per_label(test));

  // Classes are interleaved, not one block after another.
  CHECK(train.labels !=
        std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2});
}

TEST_CASE("image_folder gives the same bytes at any thread count", "[image_folder]") {
  TempDir dir;
  write_classes(dir.path(), {"a", "b"}, 12);
  const Entries entries = {{"path", scalar(dir.path())}, {"image_size", scalar("3")}};
  ImageSet one, two;
  {
    ThreadLimit limit(1);
    one = make_dataset("image_folder", entries, 3)->load_train();
  }
  {
    ThreadLimit limit(2);
    two = make_dataset("image_folder", entries, 3)->load_train();
  }
  CHECK(one.pixels == two.pixels);
  CHECK(one.labels == two.labels);
}

TEST_CASE("image_folder uses DIR/train and DIR/test when both exist", "[image_folder][split]") {
  TempDir dir;
  write_classes(dir.file("train"), {"ant", "bee"}, 3);
  write_classes(dir.file("test"), {"bee"}, 2);
  auto dataset =
      make_dataset("image_folder", {{"path", scalar(dir.path())}, {"test_split", scalar("0.5")}});
  CHECK(dataset->info().class_names == std::vector<std::string>{"ant", "bee"});
  CHECK(count_per_label(dataset->load_train()) == std::map<int32_t, int>{{0, 3}, {1, 3}});
  const ImageSet test = dataset->load_test();
  CHECK(test.labels == std::vector<int32_t>{1, 1});  // "bee" is the test folder's only class
}

TEST_CASE("image_folder follows split.csv and draws the images it does not list",
          "[image_folder][split]") {
  TempDir dir;
  write_classes(dir.path(), {"cat", "dog"}, 3);
  write_file(dir.file("manifest.csv"), "path,label\ncat/img0.png,cat\n");
  write_file(dir.file("split.csv"),
             "path,split\ncat/img0.png,test\n\"cat/img1.png\",train\ndog/./img0.png , test\n"
             "dog/img1.png,test\ndog/img2.png,test\n");
  auto dataset =
      make_dataset("image_folder", {{"path", scalar(dir.path())}, {"test_split", scalar("0.9")}});
  std::vector<int> test = ids(dataset->load_test());
  std::sort(test.begin(), test.end());
  // cat/img2.png is not listed: the 0.9 draw puts it in the test split.
  CHECK(test == std::vector<int>{0, 2, 100, 101, 102});
  CHECK(ids(dataset->load_train()) == std::vector<int>{1});
}

TEST_CASE("image_folder reports bad split.csv rows with their line", "[image_folder][errors]") {
  TempDir dir;
  write_classes(dir.path(), {"cat"}, 2);
  auto error_for = [&](const std::string& csv) {
    write_file(dir.file("split.csv"), csv);
    auto dataset = make_dataset("image_folder", {{"path", scalar(dir.path())}});
    try {
      dataset->info();
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_for("path,split\ncat/img0.png,validation\n"),
             Catch::Contains("split.csv:2: split must be train or test, got 'validation'"));
  CHECK_THAT(error_for("cat/img0.png\n"),
             Catch::Contains("split.csv:1: expected 2 fields (path,split), found 1"));
  CHECK_THAT(error_for("\"cat/img0.png,train\n"), Catch::Contains("split.csv:1: unterminated"));
  CHECK_THAT(error_for("cat/img0.png,train\ncat/img0.png,test\n"),
             Catch::Contains("split.csv:2: 'cat/img0.png' is listed in both splits"));
  CHECK_THAT(error_for("cat/gone.png,train\n"),
             Catch::Contains("names 'cat/gone.png', which is not an image in " + dir.path()));
}

TEST_CASE("image_folder takes class order and a subset from `classes`", "[image_folder]") {
  TempDir dir;
  write_classes(dir.path(), {"a", "b", "c"}, 1);
  auto dataset = make_dataset(
      "image_folder",
      {{"path", scalar(dir.path())}, {"classes", scalar("c, a")}, {"test_split", scalar("0")}});
  CHECK(dataset->info().class_names == std::vector<std::string>{"c", "a"});
  const ImageSet train = dataset->load_train();
  std::map<int, int32_t> label_of;
  for (size_t i = 0; i < train.size(); ++i) label_of[train.image(i)[0]] = train.labels[i];
  CHECK(label_of == std::map<int, int32_t>{{0, 1}, {200, 0}});

  auto missing = make_dataset("image_folder",
                              {{"path", scalar(dir.path())}, {"classes", list({"a", "zebra"})}});
  CHECK_THROWS_WITH(missing->info(), Catch::Contains("no folder for class 'zebra'"));
}

TEST_CASE("image_folder skips unreadable images with one warning line", "[image_folder][errors]") {
  TempDir dir;
  write_classes(dir.path(), {"cat", "dog"}, 2);
  write_file(dir.file("cat/bad.jpg"), "this is not a jpeg");
  write_file(dir.file("dog/broken.png"), "\x89PNG\r\n\x1a\n truncated");
  auto dataset =
      make_dataset("image_folder", {{"path", scalar(dir.path())}, {"test_split", scalar("0")}});
  StderrCapture stderr_text;
  const ImageSet train = dataset->load_train();
  CHECK(train.size() == 4);
  const std::string warning = stderr_text.text();
  CHECK(std::count(warning.begin(), warning.end(), '\n') == 1);
  CHECK_THAT(warning,
             Catch::StartsWith("cnnlab: warning: image_folder: skipped 2 unreadable images in " +
                               dir.path() + " (train split; first: " + dir.path()));
  CHECK_THAT(warning, Catch::Contains("bad.jpg") || Catch::Contains("broken.png"));
}

TEST_CASE("image_folder fails when no image of a split can be read", "[image_folder][errors]") {
  TempDir dir;
  fs::create_directories(dir.file("cat"));
  write_file(dir.file("cat/bad.png"), "nothing");
  auto dataset =
      make_dataset("image_folder", {{"path", scalar(dir.path())}, {"test_split", scalar("0")}});
  StderrCapture quiet;
  CHECK_THROWS_WITH(dataset->load_train(),
                    Catch::Contains("none of the 1 images of the train split in " + dir.path() +
                                    " could be read"));
}

TEST_CASE("image_folder reports missing and empty folders", "[image_folder][errors]") {
  TempDir dir;
  auto info_error = [&](const std::string& path) {
    auto dataset = make_dataset("image_folder", {{"path", scalar(path)}});
    try {
      dataset->info();
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(info_error(dir.file("absent")), Catch::Contains("absent: no such dataset folder"));
  CHECK_THAT(info_error(dir.path()), Catch::Contains(dir.path() + " has no class folders"));
  write_classes(dir.path(), {"full"}, 1);
  fs::create_directories(dir.file("empty"));
  write_file(dir.file("empty/readme.txt"), "no images here");
  CHECK_THAT(info_error(dir.path()),
             Catch::Contains("class folder " + dir.file("empty") + " has no images"));
}

TEST_CASE("image_folder config errors name the key", "[image_folder][errors]") {
  TempDir dir;
  const auto path = std::make_pair(std::string("path"), scalar(dir.path()));
  CHECK_THROWS_WITH(make_dataset("image_folder", {path, {"test_splt", scalar("0.1")}}),
                    Catch::Contains("exp.yaml:3:5: unknown key 'test_splt' for dataset "
                                    "'image_folder' (did you mean 'test_split'?)"));
  CHECK_THROWS_WITH(make_dataset("image_folder", {path, {"channels", scalar("2")}}),
                    Catch::Contains("'channels' must be 1 or 3"));
  CHECK_THROWS_WITH(make_dataset("image_folder", {path, {"test_split", scalar("1")}}),
                    Catch::Contains("'test_split' must be at least 0 and below 1"));
  CHECK_THROWS_WITH(make_dataset("image_folder", {path, {"image_size", list({"0", "4"})}}),
                    Catch::Contains("'image_size' must be between 1 and"));
  CHECK_THROWS_AS(make_dataset("image_folder", {path, {"image_size", list({"1", "2", "3"})}}),
                  ConfigError);
}

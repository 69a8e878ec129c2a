#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>

#include "test_support.hpp"

using namespace cnnlab::test;
namespace fs = std::filesystem;

namespace {

// Two classes of uniform 20x30 images; blue carries the image's number, so every image
// has its own colour: (blue, green, red) = (k, 50, 200) for cats and (k, 150, 20) for dogs.
void write_dataset(const std::string& dir) {
  for (int k = 0; k < 4; ++k) {
    fs::create_directories(dir + "/cat");
    fs::create_directories(dir + "/dog");
    REQUIRE(cv::imwrite(dir + "/cat/" + std::to_string(k) + ".png",
                        cv::Mat(20, 30, CV_8UC3, cv::Scalar(k, 50, 200))));
    REQUIRE(cv::imwrite(dir + "/dog/" + std::to_string(k) + ".png",
                        cv::Mat(20, 30, CV_8UC3, cv::Scalar(10 + k, 150, 20))));
  }
}

void write_experiment(const std::string& path) {
  write_file(path,
             "name: samples-test\n"
             "seed: 3\n"
             "dataset:\n"
             "  type: image_folder\n"
             "  path: data\n"
             "  image_size: [20, 30]\n"
             "  test_split: 0.25\n"
             "model:\n"
             "  layers:\n"
             "    - {type: flatten}\n"
             "    - {type: dense, units: 2, activation: softmax}\n");
}

// True when every pixel of `area` has the same colour.
bool uniform(const cv::Mat& area) {
  const cv::Vec3b first = area.at<cv::Vec3b>(0, 0);
  for (int y = 0; y < area.rows; ++y)
    for (int x = 0; x < area.cols; ++x)
      if (area.at<cv::Vec3b>(y, x) != first) return false;
  return true;
}

}  // namespace

TEST_CASE("samples draws a grid of enlarged images with their class names", "[samples]") {
  TempDir dir;
  write_dataset(dir.file("data"));
  write_experiment(dir.file("exp.yaml"));
  const auto result =
      run_cnnlab({"samples", dir.file("exp.yaml"), "--count", "3", "-o", dir.file("grid.png")});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("wrote 3 train images to " + dir.file("grid.png")));

  const cv::Mat grid = cv::imread(dir.file("grid.png"), cv::IMREAD_COLOR);
  REQUIRE(!grid.empty());
  // 30x20 images enlarged 4x to 120x80 tiles, 2 columns for 3 images, 8 px gaps.
  CHECK(grid.cols == 8 + 2 * (120 + 8));
  CHECK(grid.rows > 8 + 2 * (80 + 8));

  const cv::Mat first_tile = grid(cv::Rect(8, 8, 120, 80));
  CHECK(uniform(first_tile));
  const cv::Vec3b colour = first_tile.at<cv::Vec3b>(0, 0);
  const bool cat = colour == cv::Vec3b(colour[0], 50, 200) && colour[0] < 4;
  const bool dog = colour == cv::Vec3b(colour[0], 150, 20) && colour[0] >= 10 && colour[0] < 14;
  CHECK((cat || dog));

  // Under the tile: a white strip with dark text in it.
  const cv::Mat label = grid(cv::Rect(8, 8 + 80, 120, grid.rows / 2 - 8 - 80 - 8));
  cv::Mat gray;
  cv::cvtColor(label, gray, cv::COLOR_BGR2GRAY);
  double darkest = 0, lightest = 0;
  cv::minMaxLoc(gray, &darkest, &lightest);
  CHECK(darkest < 80);
  CHECK(lightest == 255);
}

TEST_CASE("samples shows the test split and at most what it holds", "[samples]") {
  TempDir dir;
  write_dataset(dir.file("data"));
  write_experiment(dir.file("exp.yaml"));
  const auto result = run_cnnlab({"samples", dir.file("exp.yaml"), "--split", "test", "-o",
                                  dir.file("test.png"), "--threads", "1"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // 0.25 of each class of 4 images: 2 test images in all, one row of two.
  CHECK_THAT(result.out, Catch::Contains("wrote 2 test images"));
  const cv::Mat grid = cv::imread(dir.file("test.png"), cv::IMREAD_COLOR);
  REQUIRE(!grid.empty());
  CHECK(grid.cols == 8 + 2 * (120 + 8));
  CHECK(grid.rows < 8 + 2 * (80 + 8));
}

TEST_CASE("samples reports usage errors and unwritable outputs", "[samples][errors]") {
  TempDir dir;
  write_dataset(dir.file("data"));
  write_experiment(dir.file("exp.yaml"));
  const auto no_output = run_cnnlab({"samples", dir.file("exp.yaml")});
  CHECK(no_output.exit_code == 2);
  CHECK_THAT(no_output.err, Catch::Contains("cnnlab: error:") && Catch::Contains("output"));

  const auto bad_split =
      run_cnnlab({"samples", dir.file("exp.yaml"), "--split", "val", "-o", dir.file("x.png")});
  CHECK(bad_split.exit_code == 2);
  CHECK_THAT(bad_split.err, Catch::Contains("--split must be train or test, got 'val'"));

  const auto bad_count =
      run_cnnlab({"samples", dir.file("exp.yaml"), "--count", "0", "-o", dir.file("x.png")});
  CHECK(bad_count.exit_code == 2);

  const std::string unwritable = dir.file("no/such/folder/grid.png");
  const auto result = run_cnnlab({"samples", dir.file("exp.yaml"), "-o", unwritable});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("cnnlab: error: cannot write the picture " + unwritable));
  CHECK(!fs::exists(unwritable));
}

TEST_CASE("samples reports a dataset that cannot be read", "[samples][errors]") {
  TempDir dir;
  write_experiment(dir.file("exp.yaml"));
  const auto result = run_cnnlab({"samples", dir.file("exp.yaml"), "-o", dir.file("x.png")});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err,
             Catch::Contains("cnnlab: error: " + dir.file("data") + ": no such dataset folder"));
}

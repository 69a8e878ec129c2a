// The loop the labeler exists for: label photos, export, train with `cnnlab run` on the
// image_folder dataset, predict a held-out photo, and let the model pre-label new photos.
#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/core.hpp>

#include "label_images.hpp"
#include "labeler/manifest.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using namespace cnnlab::label::test;
using cnnlab::test::run_cnnlab;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

namespace {

// Textures tinted towards red or blue: two classes a tiny CNN tells apart at 16x16.
cv::Mat tinted(const std::string& color, uint64_t seed) {
  cv::Mat image = textured_image(64, 48, seed);
  const cv::Scalar weights =
      color == "red" ? cv::Scalar(0.25, 0.25, 1.0) : cv::Scalar(1.0, 0.25, 0.25);
  cv::multiply(image, weights, image);
  return image;
}

void write_photos(const std::string& folder, const std::string& color, int count,
                  uint64_t first_seed) {
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%s%02d.png", color.c_str(), i + 1);
    write_image(folder + "/" + name, tinted(color, first_seed + static_cast<uint64_t>(i)));
  }
}

}  // namespace

TEST_CASE("label, export, train with cnnlab run, predict, and pre-label with the model",
          "[labeler][e2e]") {
  TempDir dir;
  const std::string photos = dir.file("photos"), dataset = dir.file("dataset");
  write_photos(photos, "blue", 12, 100);
  write_photos(photos, "red", 12, 200);
  std::vector<std::string> keys(12, "1");  // blue01..blue12 sort first
  keys.insert(keys.end(), 12, "2");
  keys.push_back("q");
  LabelRun r = run_label({photos, "--out", dataset, "--classes", "blue,red", "--headless",
                          "--script", write_script(dir.path(), keys)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_label({"export", dataset, "--size", "16x16", "--test-split", "0.25", "--seed", "1"});
  REQUIRE(r.exit_code == 0);
  REQUIRE(read_split(dataset + "/split.csv").size() == 24);

  const std::string model = dir.file("colors.cnnlab");
  write_file(
      dir.file("colors.yaml"),
      "name: colors\nseed: 1\n"
      "dataset: {type: image_folder, path: " +
          dataset +
          ", image_size: [16, 16], channels: 3}\n"
          "model:\n  layers:\n"
          "    - {type: conv2d, filters: 8, kernel_size: 3, padding: same, activation: relu}\n"
          "    - {type: maxpool2d, pool_size: 2}\n"
          "    - {type: flatten}\n"
          "    - {type: dense, units: 2, activation: softmax}\n"
          "training:\n  epochs: 20\n  batch_size: 4\n  validation_split: 0.0\n"
          "  optimizer: {type: adam, learning_rate: 0.01}\n  save_model: " +
          model + "\n");
  const auto trained = run_cnnlab({"run", dir.file("colors.yaml"), "--db", dir.file("runs.db")});
  INFO(trained.out << trained.err);
  REQUIRE(trained.exit_code == 0);
  REQUIRE(std::filesystem::exists(model));

  const std::string held_out = dir.file("held_out");
  write_photos(held_out, "red", 1, 900);
  write_photos(held_out, "blue", 1, 901);
  const auto predicted =
      run_cnnlab({"predict", model, held_out + "/red01.png", held_out + "/blue01.png"});
  INFO(predicted.out << predicted.err);
  REQUIRE(predicted.exit_code == 0);
  const auto lines = lines_of(predicted.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("red01.png:  red ") != std::string::npos);
  CHECK(lines[1].find("blue01.png:  blue ") != std::string::npos);

  // New photos, pre-labelled: the model's classes become the session's, Enter accepts each guess.
  const std::string more = dir.file("more"), assisted = dir.file("assisted");
  write_photos(more, "red", 3, 300);
  write_photos(more, "blue", 3, 400);
  r = run_label(
      {more, "--out", assisted, "--model", model, "--order", "uncertain", "--headless", "--script",
       write_script(dir.path(), {"Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "q"})});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto rows = read_manifest(assisted + "/manifest.csv");
  REQUIRE(rows.size() == 6);
  for (const auto& row : rows) CHECK(row.path.rfind(row.class_name + "/" + row.class_name, 0) == 0);

  const std::string quit = write_script(dir.path(), {"q"});
  r = run_label({more, "--out", dir.file("other"), "--classes", "cat,dog", "--model", model,
                 "--headless", "--script", quit});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("none of which is a class of this session") != std::string::npos);
  r = run_label({more, "--out", dir.file("other"), "--model", dir.file("missing.cnnlab"),
                 "--headless", "--script", quit});
  CHECK(r.exit_code == 1);
  CHECK(lines_of(r.err).size() == 1);
}

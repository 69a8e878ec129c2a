// `cnnlab show` and `cnnlab landscape` through the real binary, on a model trained here.
#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "synthetic_data.hpp"
#include "test_support.hpp"

using namespace cnnlab::test;

namespace {

const char* kExperiment = R"(name: strokes
seed: 3
dataset: {type: idx, path: data, classes: [horizontal, vertical, diagonal]}
model:
  layers:
    - {type: conv2d, filters: 6, kernel_size: 3, padding: same, activation: relu}
    - {type: maxpool2d}
    - {type: conv2d, filters: 4, kernel_size: 3, activation: relu}
    - {type: flatten}
    - {type: dense, units: 3, activation: softmax}
training:
  epochs: 2
  batch_size: 20
  optimizer: {type: adam, learning_rate: 0.01}
  save_model: strokes.cnnlab
)";

// A folder with the data, the experiment and a model trained on it, made once per process.
const TempDir& trained() {
  static TempDir dir;
  static const bool ready = [] {
    std::filesystem::create_directories(dir.file("data"));
    write_idx_dataset(dir.file("data"), 120, 30, 1);
    write_file(dir.file("strokes.yaml"), kExperiment);
    write_stroke_png(dir.file("vertical.png"), 1, 5);
    const auto r = run_cnnlab({"run", dir.file("strokes.yaml"), "--db", dir.file("h.db")});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return true;
  }();
  (void)ready;
  return dir;
}

cv::Mat png(const std::string& path) { return cv::imread(path, cv::IMREAD_COLOR); }

void check_one_line_error(const ProcessResult& r, int code, const std::string& part) {
  INFO(r.err);
  CHECK(r.exit_code == code);
  CHECK(r.err.rfind("cnnlab: error: ", 0) == 0);
  CHECK(r.err.find('\n') == r.err.size() - 1);
  CHECK(r.err.find(part) != std::string::npos);
}

}  // namespace

TEST_CASE("show filters, activations and saliency write the pictures they announce") {
  const TempDir& d = trained();
  const std::string model = d.file("strokes.cnnlab");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"show", "filters", model, "-o", d.file("f.png")},
           {"show", "filters", model, "--layer", "conv2d_1", "--per-channel", "-o",
            d.file("f1.png")},
           {"show", "activations", model, d.file("vertical.png"), "-o", d.file("a.png")},
           {"show", "saliency", model, d.file("vertical.png"), "-o", d.file("s.png")}}) {
    const auto r = run_cnnlab(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const cv::Mat image = png(args[args.size() - 1]);
    REQUIRE(!image.empty());
    CHECK(r.out.find(std::to_string(image.cols) + "x" + std::to_string(image.rows) + " px") !=
          std::string::npos);
    cv::Scalar mean, stddev;
    cv::meanStdDev(image, mean, stddev);
    CHECK(stddev[0] > 10.0);
  }
}

TEST_CASE("show refuses bad requests in one line, before writing anything") {
  const TempDir& d = trained();
  const std::string model = d.file("strokes.cnnlab");
  check_one_line_error(
      run_cnnlab({"show", "filters", model, "--layer", "dense", "-o", d.file("x.png")}), 2,
      "not a Conv2D");
  check_one_line_error(
      run_cnnlab({"show", "filters", model, "--layer", "nope", "-o", d.file("x.png")}), 2,
      "no layer 'nope'");
  check_one_line_error(run_cnnlab({"show", "activations", model, d.file("vertical.png"), "--layer",
                                   "flatten", "-o", d.file("x.png")}),
                       2, "not feature maps");
  check_one_line_error(run_cnnlab({"show", "saliency", model, "-o", d.file("x.png")}), 2,
                       "needs an IMAGE");
  check_one_line_error(run_cnnlab({"show", "colours", model, "-o", d.file("x.png")}), 2,
                       "unknown picture");
  check_one_line_error(run_cnnlab({"show", "filters", model, "-o", d.file("no/such/x.png")}), 2,
                       "does not exist");
  write_file(d.file("damaged.cnnlab"), read_file(model).substr(0, 100));
  check_one_line_error(
      run_cnnlab({"show", "filters", d.file("damaged.cnnlab"), "-o", d.file("x.png")}), 1,
      "damaged.cnnlab");
  write_file(d.file("not-an-image.png"), "text");
  check_one_line_error(
      run_cnnlab({"show", "saliency", model, d.file("not-an-image.png"), "-o", d.file("x.png")}), 1,
      "not-an-image.png");
  CHECK(png(d.file("x.png")).empty());
}

TEST_CASE("landscape: same CSV for a seed at 1 and 2 threads, centre at the model's loss") {
  const TempDir& d = trained();
  auto landscape = [&](const std::string& threads, const std::string& seed,
                       const std::string& csv) {
    const auto r =
        run_cnnlab({"landscape", d.file("strokes.cnnlab"), "--experiment", d.file("strokes.yaml"),
                    "--dims", "2", "--steps", "5", "--samples", "60", "--seed", seed, "--threads",
                    threads, "-o", d.file(csv + ".png"), "--csv", d.file(csv)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(!png(d.file(csv + ".png")).empty());
    return read_file(d.file(csv));
  };
  const std::string one = landscape("1", "4", "one.csv");
  CHECK(one == landscape("2", "4", "two.csv"));
  CHECK(one != landscape("2", "5", "other.csv"));
  CHECK(std::count(one.begin(), one.end(), '\n') == 1 + 25);
  const auto r = run_cnnlab({"landscape", d.file("strokes.cnnlab"), "--experiment",
                             d.file("strokes.yaml"), "--compare", d.file("strokes.cnnlab"),
                             "--steps", "3", "--samples", "60", "-o", d.file("line.png")});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("landscape refuses bad options before loading anything") {
  const TempDir& d = trained();
  const std::string model = d.file("strokes.cnnlab"), yaml = d.file("strokes.yaml");
  check_one_line_error(
      run_cnnlab({"landscape", model, "--experiment", yaml, "--steps", "4", "-o", d.file("l.png")}),
      2, "odd");
  check_one_line_error(
      run_cnnlab({"landscape", model, "--experiment", yaml, "--dims", "3", "-o", d.file("l.png")}),
      2, "--dims");
  check_one_line_error(run_cnnlab({"landscape", model, "--experiment", yaml, "-o", d.file("l.png"),
                                   "--csv", d.path()}),
                       2, "is a folder");
  check_one_line_error(run_cnnlab({"landscape", d.file("missing.cnnlab"), "--experiment", yaml,
                                   "-o", d.file("l.png")}),
                       1, "missing.cnnlab");
}

// What `cnnlab export` refuses, each in one line: a plugin layer without an ONNX form, an
// export that computes something else (caught by --check), damaged and unwritable files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/model_file.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

const PluginHost& host_with_test_layers() {
  static const PluginHost host([] {
    PluginHost::Options options;
    options.dirs = {CNNLAB_PLUGIN_DIR, ONNX_TEST_PLUGIN_DIR};
    options.use_environment = false;
    options.use_default_dir = false;
    return options;
  }());
  return host;
}

// An 8x8x1 model: conv2d, `extra` layer (when not empty), flatten, dense softmax.
std::string write_model(const TempDir& dir, const std::string& extra) {
  std::string yaml =
      "name: m\nseed: 1\ndataset: {type: idx, path: .}\nmodel:\n  layers:\n"
      "    - {type: conv2d, filters: 2, kernel_size: 3, activation: relu}\n";
  if (!extra.empty()) yaml += "    - {type: " + extra + "}\n";
  yaml += "    - {type: flatten}\n    - {type: dense, units: 3, activation: softmax}\n";
  Model model = build_model_from_yaml(yaml, host_with_test_layers(), {8, 8, 1}, "m");
  ModelFile file;
  file.architecture_yaml = yaml;
  file.class_names = {"a", "b", "c"};
  file.input_shape = {8, 8, 1};
  store_weights(model, file);
  const std::string path = dir.file("m.cnnlab");
  write_model_file(path, file);
  return path;
}

std::string write_image(const TempDir& dir, int rows, int cols, int type) {
  cv::Mat image(rows, cols, type);
  cv::randu(image, 0, 255);
  const std::string path = dir.file("image-" + std::to_string(rows) + ".png");
  cv::imwrite(path, image);
  return path;
}

bool one_error_line(const ProcessResult& r) {
  return r.err.rfind("cnnlab: error: ", 0) == 0 && r.err.find('\n') == r.err.size() - 1;
}

}  // namespace

TEST_CASE("a plugin layer without an ONNX form is refused naming it", "[onnx]") {
  TempDir dir;
  const std::string model = write_model(dir, "no_onnx");
  const ProcessResult r =
      run_cnnlab({"export", model, "-o", dir.file("m.onnx"), "--plugins", ONNX_TEST_PLUGIN_DIR});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(one_error_line(r));
  CHECK(r.err.find("layer 2 'no_onnx' (type 'no_onnx')") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("m.onnx")));
}

TEST_CASE("export --check fails when a layer's ONNX form computes something else", "[onnx]") {
  TempDir dir;
  const std::string model = write_model(dir, "wrong_onnx");
  const std::string image = write_image(dir, 8, 8, CV_8UC1);
  const ProcessResult r = run_cnnlab({"export", model, "-o", dir.file("m.onnx"), "--plugins",
                                      ONNX_TEST_PLUGIN_DIR, "--check", image});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(one_error_line(r));
  CHECK(r.err.find("OpenCV's probabilities differ from cnnlab's") != std::string::npos);
}

TEST_CASE("export --check resizes and converts images like predict", "[onnx]") {
  TempDir dir;
  const std::string model = write_model(dir, "");
  const ProcessResult r =
      run_cnnlab({"export", model, "-o", dir.file("m.onnx"), "--check",
                  write_image(dir, 30, 20, CV_8UC3), write_image(dir, 8, 8, CV_8UC1)});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("check passed") != std::string::npos);
}

TEST_CASE("export reports bad input files and options in one line", "[onnx]") {
  TempDir dir;
  const std::string model = write_model(dir, "");
  SECTION("damaged model file") {
    write_file(dir.file("bad.cnnlab"), "CNNLABMF not really");
    const ProcessResult r =
        run_cnnlab({"export", dir.file("bad.cnnlab"), "-o", dir.file("m.onnx")});
    CHECK(r.exit_code == 1);
    CHECK(one_error_line(r));
  }
  SECTION("unwritable output") {
    const ProcessResult r = run_cnnlab({"export", model, "-o", dir.file("no/such/dir/m.onnx")});
    CHECK(r.exit_code == 1);
    CHECK(one_error_line(r));
    CHECK(r.err.find("no/such/dir/m.onnx") != std::string::npos);
  }
  SECTION("unreadable image") {
    const ProcessResult r =
        run_cnnlab({"export", model, "-o", dir.file("m.onnx"), "--check", dir.file("none.png")});
    CHECK(r.exit_code == 1);
    CHECK(one_error_line(r));
  }
  SECTION("no output file") {
    const ProcessResult r = run_cnnlab({"export", model});
    CHECK(r.exit_code == 2);
    CHECK(one_error_line(r));
  }
}

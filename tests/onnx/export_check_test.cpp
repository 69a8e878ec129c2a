// `cnnlab export --check` on the lecture's models and the Fashion-MNIST ones: OpenCV's DNN
// module, an independent runtime, must give cnnlab's probabilities within 1e-4 on real
// Fashion-MNIST test images.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "model_files.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

// The largest of the "largest probability difference D" lines --check prints.
double largest_difference(const std::string& out) {
  double worst = 0.0;
  std::istringstream lines(out);
  const std::string marker = "largest probability difference ";
  for (std::string line; std::getline(lines, line);) {
    const size_t at = line.find(marker);
    if (at != std::string::npos)
      worst = std::max(worst, std::stod(line.substr(at + marker.size())));
  }
  return worst;
}

}  // namespace

TEST_CASE("every lecture and Fashion-MNIST model passes export --check", "[onnx][real]") {
  if (!std::filesystem::exists(kFashionMnist)) {
    WARN("skipped: " << kFashionMnist << " is absent (apt-get install dataset-fashion-mnist)");
    return;
  }
  TempDir dir;
  const std::vector<std::string> images = write_fashion_images(plugin_host(), dir.path(), 16);
  REQUIRE(images.size() == 16);
  size_t models = 0;
  double worst = 0.0;
  for (const std::string& experiment : lecture_and_fashion_experiments()) {
    for (const std::string& model : write_model_files(experiment, plugin_host(), dir.path())) {
      INFO(model);
      std::vector<std::string> args = {"export", model, "-o", model + ".onnx", "--check"};
      args.insert(args.end(), images.begin(), images.end());
      const ProcessResult r = run_cnnlab(args);
      INFO(r.out << r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.out.find("check passed") != std::string::npos);
      worst = std::max(worst, largest_difference(r.out));
      ++models;
    }
  }
  CHECK(models == 9);    // four lecture models, fashion_mnist, four grid cells of dropout x bn
  CHECK(worst <= 1e-4);  // `onnx_tests -s` shows the value (docs/CORRECTNESS.md)
}

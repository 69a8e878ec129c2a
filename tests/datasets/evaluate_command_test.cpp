// `cnnlab evaluate` checks that the model fits the dataset before the first batch.
#include <catch2/catch.hpp>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/model_file.hpp"
#include "dataset_fixture.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

std::vector<std::string> numbered(int n) {
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(std::to_string(i));
  return names;
}

// A model file taking `side` x `side` x 1 images into `classes` outputs.
void write_model(const std::string& path, int64_t side, int classes) {
  const std::string yaml =
      "name: m\ndataset: {type: idx, path: .}\nmodel:\n  layers:\n"
      "    - {type: flatten}\n    - {type: dense, units: " +
      std::to_string(classes) + ", activation: softmax}\n";
  Model model = build_model_from_yaml(yaml, plugin_host(), {side, side, 1}, "m");
  ModelFile file;
  file.architecture_yaml = yaml;
  file.class_names = numbered(classes);
  file.input_shape = {side, side, 1};
  store_weights(model, file);
  write_model_file(path, file);
}

// Four classes of 2 x 2 images, in idx files.
void write_dataset(const TempDir& dir) {
  for (const std::string split : {"train", "t10k"}) {
    write_bytes(dir.file(split + "-images-idx3-ubyte"),
                idx_images(4, 2, 2, 1, std::vector<uint8_t>(16, 9)));
    write_bytes(dir.file(split + "-labels-idx1-ubyte"), idx_labels({0, 1, 2, 3}));
  }
  write_file(dir.file("exp.yaml"),
             "name: e\ndataset: {type: idx, path: .}\nmodel:\n  layers:\n    - {type: flatten}\n");
}

}  // namespace

TEST_CASE("evaluate refuses a model with fewer outputs than the dataset has classes",
          "[evaluate]") {
  TempDir dir;
  write_dataset(dir);
  write_model(dir.file("m.cnnlab"), 2, 2);
  const auto result =
      run_cnnlab({"evaluate", dir.file("m.cnnlab"), "--experiment", dir.file("exp.yaml")});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "cnnlab: error: " + dir.file("exp.yaml") +
                          ":4:3: the model ends in 2 output units but the dataset has 4 classes: "
                          "the last layer needs 4 units\n");
}

TEST_CASE("evaluate refuses a model taking images of another size", "[evaluate]") {
  TempDir dir;
  write_dataset(dir);
  write_model(dir.file("m.cnnlab"), 3, 4);
  const auto result =
      run_cnnlab({"evaluate", dir.file("m.cnnlab"), "--experiment", dir.file("exp.yaml")});
  CHECK(result.exit_code == 1);
  CHECK(result.err == "cnnlab: error: " + dir.file("exp.yaml") +
                          ": the dataset's images are (None, 2, 2, 1) but " + dir.file("m.cnnlab") +
                          " takes (None, 3, 3, 1)\n");
  write_model(dir.file("m.cnnlab"), 2, 4);
  CHECK(run_cnnlab({"evaluate", dir.file("m.cnnlab"), "--experiment", dir.file("exp.yaml")})
            .exit_code == 0);
}

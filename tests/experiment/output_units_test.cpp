// check_output_units: the model's last layer against the dataset's classes, before training.
#include <catch2/catch.hpp>

#include "experiment_fixture.hpp"

using namespace cnnlab;
using cnnlab::test::parse;
using cnnlab::test::probe_host;

namespace {

Model model_ending_in(const std::string& output) {
  const ExperimentSpec spec = parse(
      "name: t\ndataset: {type: probe_data}\nmodel:\n  input_shape: [8, 8, 1]\n"
      "  layers:\n    - {type: probe, output: " +
      output + "}\n");
  return build_model(spec, *probe_host(), *spec.model.input_shape);
}

DatasetInfo classes(int n) {
  DatasetInfo info;
  info.num_classes = n;
  return info;
}

}  // namespace

TEST_CASE("output units that match the classes pass", "[output_units]") {
  CHECK_NOTHROW(check_output_units(model_ending_in("[4]"), classes(4), {"exp.yaml", 3, 1}));
}

TEST_CASE("output units that do not match the classes are a located ConfigError",
          "[output_units]") {
  CHECK_THROWS_AS(check_output_units(model_ending_in("[10]"), classes(4), {"exp.yaml", 3, 1}),
                  ConfigError);
  CHECK_THROWS_WITH(
      check_output_units(model_ending_in("[10]"), classes(4), {"exp.yaml", 3, 1}),
      "exp.yaml:3:1: the model ends in 10 output units but the dataset has 4 classes: the last "
      "layer needs 4 units");
  CHECK_THROWS_WITH(
      check_output_units(model_ending_in("[2, 2]"), classes(4), {"exp.yaml", 3, 1}),
      "exp.yaml:3:1: the model ends in an output of shape (None, 2, 2) but the dataset has 4 "
      "classes: the last layer needs 4 units");
}

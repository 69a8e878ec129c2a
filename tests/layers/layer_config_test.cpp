// Configuration errors: each names the file, line and column of the offending key or value.
#include <catch2/catch.hpp>

#include "cnnlab/error.hpp"
#include "layer_fixture.hpp"

using cnnlab::test::make_layer;

namespace {
std::string config_error(const std::string& type, const std::string& settings) {
  try {
    make_layer(type, settings);
  } catch (const cnnlab::ConfigError& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("an unknown key is refused with a suggestion and its location", "[layers][config]") {
  CHECK_THAT(config_error("conv2d", "filters=32 kernel_size=3 stride=2"),
             Catch::Equals("exp.yaml:1:26: unknown key 'stride' for layer 'conv2d' (did you "
                           "mean 'strides'?)"));
  CHECK_THAT(config_error("dense", "units=3 activaton=relu"),
             Catch::Contains("exp.yaml:1:9: unknown key 'activaton'") &&
                 Catch::Contains("did you mean 'activation'?"));
}

TEST_CASE("a missing required key names the layer's line", "[layers][config]") {
  CHECK_THAT(config_error("conv2d", "kernel_size=3"),
             Catch::Equals("exp.yaml:1:1: layer 'conv2d': 'filters' is required"));
  CHECK_THAT(config_error("dense", ""), Catch::Contains("'units' is required"));
  CHECK_THAT(config_error("dropout", ""), Catch::Contains("'rate' is required"));
  CHECK_THAT(config_error("activation", ""), Catch::Contains("'activation' is required"));
}

TEST_CASE("bad enum values list the choices", "[layers][config]") {
  CHECK_THAT(config_error("conv2d", "filters=2 kernel_size=3 padding=full"),
             Catch::Equals("exp.yaml:1:33: layer 'conv2d': 'padding' must be one of valid, "
                           "same, got 'full'"));
  CHECK_THAT(config_error("maxpool2d", "padding=sme"), Catch::Contains("did you mean 'same'?"));
  CHECK_THAT(config_error("dense", "units=2 activation=rellu"),
             Catch::Contains("exp.yaml:1:20:") && Catch::Contains("did you mean 'relu'?"));
}

TEST_CASE("out-of-range numbers are refused at their value", "[layers][config]") {
  CHECK_THAT(config_error("conv2d", "filters=0 kernel_size=3"),
             Catch::Equals("exp.yaml:1:9: layer 'conv2d': 'filters' must be a positive "
                           "integer, got 0"));
  CHECK_THAT(
      config_error("conv2d", "filters=2 kernel_size=[3, 0]"),
      Catch::Contains("exp.yaml:1:23:") && Catch::Contains("'kernel_size' must be positive"));
  CHECK_THAT(config_error("conv2d", "filters=2 kernel_size=3 strides=-1"),
             Catch::Contains("'strides' must be positive"));
  CHECK_THAT(config_error("dense", "units=-4"), Catch::Contains("'units' must be a positive"));
  CHECK_THAT(config_error("maxpool2d", "pool_size=0"), Catch::Contains("'pool_size' must be"));
  CHECK_THAT(config_error("dropout", "rate=1"),
             Catch::Equals("exp.yaml:1:6: layer 'dropout': 'rate' must be in [0, 1), got 1"));
  CHECK_THAT(config_error("dropout", "rate=-0.1"), Catch::Contains("must be in [0, 1)"));
  CHECK_THAT(config_error("batchnorm", "momentum=1.5"), Catch::Contains("'momentum' must be"));
  CHECK_THAT(config_error("batchnorm", "epsilon=0"), Catch::Contains("'epsilon' must be positive"));
  CHECK_THAT(config_error("batchnorm", "axis=1"), Catch::Contains("'axis' must be -1"));
}

TEST_CASE("values of the wrong type are refused", "[layers][config]") {
  CHECK_THAT(config_error("conv2d", "filters=many kernel_size=3"),
             Catch::Contains("'filters' must be an integer, got 'many'"));
  CHECK_THAT(config_error("conv2d", "filters=2 kernel_size=[1, 2, 3]"),
             Catch::Contains("'kernel_size' must be an integer or a pair of integers"));
  CHECK_THAT(config_error("dense", "units=2 use_bias=maybe"),
             Catch::Contains("'use_bias' must be true or false"));
}

TEST_CASE("Keras defaults are accepted without keys", "[layers][config]") {
  for (const std::string type : {"maxpool2d", "avgpool2d", "flatten", "batchnorm"})
    CHECK_NOTHROW(make_layer(type));
  CHECK_NOTHROW(make_layer("batchnorm", "momentum=0.9 epsilon=1e-5 axis=-1"));
  CHECK_NOTHROW(make_layer("dropout", "rate=0"));
}

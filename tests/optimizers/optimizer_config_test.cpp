// Hyperparameter validation: every bad value is a ConfigError at its key's line and column.
#include <catch2/catch.hpp>
#include <string>

#include "cnnlab/error.hpp"
#include "optimizer_fixture.hpp"

using Catch::Matchers::Contains;
using cnnlab::test::make_optimizer;

namespace {
std::string config_error(const std::string& type, const std::string& key,
                         const std::string& value) {
  try {
    make_optimizer(type, {{key, value}});
  } catch (const cnnlab::ConfigError& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  FAIL("no ConfigError for " << type << " " << key << "=" << value);
  return "";
}
}  // namespace

TEST_CASE("the optimizer plugin provides sgd, adam and rmsprop") {
  const auto types = cnnlab::test::plugin_host().optimizer_types();
  for (const char* type : {"sgd", "adam", "rmsprop"}) {
    CHECK(std::find(types.begin(), types.end(), type) != types.end());
    CHECK(make_optimizer(type)->type() == type);
  }
}

TEST_CASE("learning_rate must be a positive number") {
  for (const char* type : {"sgd", "adam", "rmsprop"}) {
    CHECK_THAT(config_error(type, "learning_rate", "0"),
               Contains("exp.yaml:1:") && Contains("learning_rate"));
    CHECK_THAT(config_error(type, "learning_rate", "-0.1"), Contains("positive"));
    CHECK_THAT(config_error(type, "learning_rate", "fast"), Contains("learning_rate"));
  }
}

TEST_CASE("decay rates must lie from 0 up to but not including 1") {
  CHECK_THAT(config_error("adam", "beta_1", "1"), Contains("beta_1") && Contains("[0, 1)"));
  CHECK_THAT(config_error("adam", "beta_2", "-0.1"), Contains("beta_2"));
  CHECK_THAT(config_error("rmsprop", "rho", "1.5"), Contains("rho"));
  CHECK_THAT(config_error("rmsprop", "momentum", "1"), Contains("momentum"));
  // Keras checks SGD's momentum against [0, 1].
  CHECK_THAT(config_error("sgd", "momentum", "1.01"), Contains("[0, 1]"));
  CHECK_NOTHROW(make_optimizer("sgd", {{"momentum", "1"}}));
}

TEST_CASE("epsilon must be positive") {
  CHECK_THAT(config_error("adam", "epsilon", "0"), Contains("epsilon"));
  CHECK_THAT(config_error("rmsprop", "epsilon", "-1e-7"), Contains("epsilon"));
}

TEST_CASE("flags must be booleans") {
  CHECK_THAT(config_error("sgd", "nesterov", "maybe"), Contains("nesterov"));
  CHECK_THAT(config_error("rmsprop", "centered", "2"), Contains("centered"));
}

TEST_CASE("an unknown key is refused with a suggestion") {
  CHECK_THAT(config_error("adam", "learning_rat", "0.1"),
             Contains("learning_rat") && Contains("did you mean 'learning_rate'"));
  CHECK_THAT(config_error("sgd", "beta_1", "0.9"), Contains("beta_1"));
}

TEST_CASE("step before attach is an error, not a crash") {
  auto opt = make_optimizer("sgd");
  CHECK_THROWS_AS(opt->step(), cnnlab::Error);
}

TEST_CASE("attach refuses a parameter without a gradient") {
  auto opt = make_optimizer("adam");
  cnnlab::Parameter frozen;
  frozen.name = "moving_mean";
  frozen.value = cnnlab::Tensor({3});
  frozen.trainable = false;
  CHECK_THROWS_WITH(opt->attach({&frozen}), Contains("moving_mean"));
}

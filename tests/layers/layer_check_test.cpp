// Every built-in layer type through cnnlab::testing::check_layer (its contract and its
// gradients against finite differences), in the configurations of layer_check_cases.cpp, and
// the proof that no registered type lacks such a check.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "layer_check_cases.hpp"
#include "layer_check_report.hpp"
#include "layer_fixture.hpp"

using cnnlab::test::layer_check_cases;

TEST_CASE("every registered layer type has a gradient and contract check", "[layers][check]") {
  std::set<std::string> checked;
  for (const auto& c : layer_check_cases()) checked.insert(c.type);
  for (const std::string& type : cnnlab::test::plugin_host().layer_types()) {
    INFO("layer type '" << type << "' has no case in tests/layers/layer_check_cases.cpp");
    CHECK(checked.count(type) == 1);
  }
  for (const std::string& type : checked) {
    INFO("tests/layers/layer_check_cases.cpp checks '" << type << "', which no plugin registers");
    CHECK(cnnlab::test::plugin_host().has_layer(type));
  }
}

TEST_CASE("every layer type passes its gradient and contract checks", "[layers][check]") {
  for (const auto& c : layer_check_cases()) {
    INFO(c.type << " " << c.settings);
    const auto make = [&c] { return cnnlab::test::make_layer(c.type, c.settings); };
    cnnlab::test::check_report(cnnlab::testing::check_layer(make, c.x, c.options));
  }
}

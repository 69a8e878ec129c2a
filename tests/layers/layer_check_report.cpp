#include "layer_check_report.hpp"

#include <catch2/catch.hpp>

namespace cnnlab::test {

void check_report(const testing::LayerCheckReport& report) {
  INFO(report.layer);
  for (const auto& contract : report.contracts) {
    INFO(testing::describe(contract));
    CHECK(contract.passed);
  }
  for (const auto& gradient : report.gradients) {
    INFO(testing::describe(gradient));
    CHECK(gradient.passed);
  }
}

}  // namespace cnnlab::test

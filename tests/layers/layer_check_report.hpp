#pragma once
// The Catch2 side of cnnlab/testing: one CHECK per contract clause and per gradient tensor,
// each with its describe() line, so a failure names the clause or the tensor.
#include "cnnlab/testing/layer_check.hpp"

namespace cnnlab::test {

void check_report(const testing::LayerCheckReport& report);

}  // namespace cnnlab::test

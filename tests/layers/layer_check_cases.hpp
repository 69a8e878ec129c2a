#pragma once
// The configurations every built-in layer type is checked in by cnnlab::testing::check_layer:
// the table that layer_check_test.cpp runs and compares with the registered layer types.
#include <string>
#include <vector>

#include "cnnlab/tensor.hpp"
#include "cnnlab/testing/layer_check.hpp"

namespace cnnlab::test {

struct LayerCheckCase {
  std::string type;
  std::string settings;  // inline_config() syntax: "filters=4 kernel_size=3"
  Tensor x;
  testing::LayerCheckOptions options;
};

const std::vector<LayerCheckCase>& layer_check_cases();

}  // namespace cnnlab::test

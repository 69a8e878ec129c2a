// channel_scale's gradient and contract checks with cnnlab/testing: the plugin is loaded the
// way the runner loads it, checked in each configuration, and every report printed. ctest
// runs it on the plugin just built.
#include <cnnlab/plugin_host.hpp>
#include <cnnlab/testing/inputs.hpp>
#include <cnnlab/testing/layer_check.hpp>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: channel_scale_test PLUGIN_FILE\n";
    return 2;
  }
  cnnlab::PluginHost::Options options;
  options.dirs = {argv[1]};
  options.use_environment = false;
  options.use_default_dir = false;
  const cnnlab::PluginHost host(options);

  bool passed = true;
  for (const std::string settings : {"{}", "{initial_scale: 0.5, offset: false}"}) {
    // A batch of 3 images of 4x5 pixels with 2 channels, values uniform in [-1, 1).
    const cnnlab::Tensor x = cnnlab::testing::random_input(3, {4, 5, 2}, /*seed=*/1);
    const auto report = cnnlab::testing::check_layer(
        cnnlab::testing::plugin_layer(host, "channel_scale", settings), x);
    std::cout << cnnlab::testing::describe(report);
    passed = passed && cnnlab::testing::all_passed(report);
  }
  return passed ? 0 : 1;
}

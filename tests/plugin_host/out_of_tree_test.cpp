// An out-of-tree plugin, built against this build tree with find_package(cnnlab), checked by
// its own test (cnnlab/testing), loaded by the runner with --plugins and used in an
// experiment: the workflow docs/PLUGINS.md describes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "out_of_tree_build.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace cnnlab::test;

TEST_CASE("an out-of-tree plugin passes its checks and serves a model from the build tree") {
  TempDir work;
  const std::string build_dir = work.file("build");
  build_out_of_tree_plugin(build_dir, "-Dcnnlab_DIR=" CNNLAB_BINARY_DIR);
  run_out_of_tree_checks(build_dir);
  const std::string plugin = fs::canonical(build_dir + "/libchannel_scale.so").string();

  const auto r = run_cnnlab({"plugins", "--plugins", build_dir}, kNoPluginPath);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("channel_scale 1.0.0  (" + plugin + ")") != std::string::npos);
  CHECK(r.out.find("layers: channel_scale") != std::string::npos);

  // conv2d 3*3*1*8 + 8 = 80, channel_scale 2*8 = 16, dense 26*26*8*10 + 10 = 54,090.
  const auto summary =
      run_cnnlab({"summary", "--plugins", build_dir, OUT_OF_TREE_SOURCE_DIR "/experiment.yaml"},
                 kNoPluginPath);
  INFO("summary:\n" << summary.out << summary.err);
  REQUIRE(summary.exit_code == 0);
  CHECK(summary.out.find(" channel_scale (ChannelScale  (None, 26, 26, 8)        16") !=
        std::string::npos);
  CHECK(summary.out.find("Total params: 54,186") != std::string::npos);
}

// An out-of-tree plugin, built against this build tree with find_package(cnnlab) and loaded
// by the runner with --plugins: the workflow docs/PLUGINS.md describes.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "out_of_tree_build.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace cnnlab::test;

TEST_CASE("an out-of-tree plugin builds against the build tree and loads with --plugins") {
  TempDir work;
  const std::string build_dir = work.file("build");
  build_out_of_tree_plugin(build_dir, "-Dcnnlab_DIR=" CNNLAB_BINARY_DIR);
  const std::string plugin = fs::canonical(build_dir + "/libchannel_scale.so").string();

  const auto r = run_cnnlab({"plugins", "--plugins", build_dir}, kNoPluginPath);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("channel_scale 1.0.0  (" + plugin + ")") != std::string::npos);
  CHECK(r.out.find("layers: channel_scale") != std::string::npos);
}

// `cmake --install` to a fresh prefix gives a runner that works from there (moved, without
// LD_LIBRARY_PATH), lists the installed built-in plugins, and a package that out-of-tree
// plugins build against and install into.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "out_of_tree_build.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace cnnlab::test;

namespace {

const std::vector<std::string> kBareEnvironment{"CNNLAB_PLUGIN_PATH=", "LD_LIBRARY_PATH="};

std::vector<std::string> builtin_plugin_files() {
  std::vector<std::string> files;
  std::stringstream list(TEST_BUILTIN_PLUGIN_FILES);
  for (std::string name; std::getline(list, name, ',');)
    if (!name.empty()) files.push_back(name);
  return files;
}

// The `cnnlab plugins` lines that do not depend on where the plugins are: "name version" and
// the types, one per plugin, sorted.
std::vector<std::string> plugin_summaries(const std::string& listing) {
  std::vector<std::string> summaries;
  std::stringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("    ", 0) == 0 && !summaries.empty())
      summaries.back() += line;
    else
      summaries.push_back(line.substr(0, line.find("  (")));
  }
  std::sort(summaries.begin(), summaries.end());
  return summaries;
}

}  // namespace

TEST_CASE("an installed cnnlab runs from its prefix and finds its built-in plugins") {
  TempDir root;
  const std::string staged = root.file("staged"), prefix = root.file("prefix");
  const auto install =
      run_process({TEST_CMAKE_COMMAND, "--install", CNNLAB_BINARY_DIR, "--prefix", staged});
  INFO("install output:\n" << install.out << install.err);
  REQUIRE(install.exit_code == 0);
  // Moved after installing: everything must be found relative to the binaries.
  fs::rename(staged, prefix);

  const std::string bin = prefix + "/" TEST_INSTALL_BINDIR "/cnnlab";
  const std::string libdir = prefix + "/" TEST_INSTALL_LIBDIR;
  const std::string plugin_dir = libdir + "/cnnlab/plugins";
  CHECK(fs::exists(libdir + "/libcnnlab.so"));
  CHECK(fs::exists(prefix + "/" TEST_INSTALL_INCLUDEDIR "/cnnlab/plugin.hpp"));
  for (const char* file : {"cnnlabConfig.cmake", "cnnlabConfigVersion.cmake", "cnnlabTargets.cmake",
                           "cnnlabPlugin.cmake"})
    CHECK(fs::exists(libdir + "/cmake/cnnlab/" + file));
  for (const auto& file : builtin_plugin_files()) CHECK(fs::exists(plugin_dir + "/" + file));
  // Test plugins are never installed.
  CHECK_FALSE(fs::exists(plugin_dir + "/libplugin_host_channel_scale.so"));

  const auto version = run_process({bin, "--version"}, kBareEnvironment);
  INFO("stderr: " << version.err);
  REQUIRE(version.exit_code == 0);
  CHECK(version.out.rfind("cnnlab ", 0) == 0);

  const auto installed = run_process({bin, "plugins"}, kBareEnvironment);
  INFO("installed listing:\n" << installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  CHECK(installed.err.empty());
  CHECK(installed.out.find(CNNLAB_BINARY_DIR) == std::string::npos);
  for (const auto& file : builtin_plugin_files())
    CHECK(installed.out.find("(" + fs::canonical(plugin_dir + "/" + file).string() + ")") !=
          std::string::npos);
  const auto built = run_cnnlab({"plugins"}, kBareEnvironment);
  REQUIRE(built.exit_code == 0);
  CHECK(plugin_summaries(installed.out) == plugin_summaries(built.out));

  SECTION("a plugin built against the install passes its checks and installs next to its plugins") {
    const std::string build_dir = root.file("plugin-build");
    build_out_of_tree_plugin(build_dir, "-DCMAKE_PREFIX_PATH=" + prefix);
    run_out_of_tree_checks(build_dir);
    const auto plugin_install = run_process({TEST_CMAKE_COMMAND, "--install", build_dir});
    INFO("plugin install output:\n" << plugin_install.out << plugin_install.err);
    REQUIRE(plugin_install.exit_code == 0);

    const auto listing = run_process({bin, "plugins"}, kBareEnvironment);
    INFO("stderr: " << listing.err);
    REQUIRE(listing.exit_code == 0);
    CHECK(listing.out.find("channel_scale 1.0.0  (" +
                           fs::canonical(plugin_dir + "/libchannel_scale.so").string() + ")") !=
          std::string::npos);
  }
}

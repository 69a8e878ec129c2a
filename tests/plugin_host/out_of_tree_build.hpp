#pragma once
// Configures, builds and tests the example plugin project (out_of_tree/) the way a user would,
// with the generator and compiler of this build.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace cnnlab::test {

// `find_args` tells CMake where cnnlab is: -Dcnnlab_DIR=... or -DCMAKE_PREFIX_PATH=...
inline void build_out_of_tree_plugin(const std::string& build_dir, const std::string& find_args) {
  const auto configure = run_process(
      {TEST_CMAKE_COMMAND, "-S", OUT_OF_TREE_SOURCE_DIR, "-B", build_dir, "-G",
       TEST_CMAKE_GENERATOR, "-DCMAKE_MAKE_PROGRAM=" TEST_CMAKE_MAKE_PROGRAM,
       "-DCMAKE_CXX_COMPILER=" TEST_CXX_COMPILER, "-DCMAKE_BUILD_TYPE=Release", find_args});
  INFO("configure output:\n" << configure.out << configure.err);
  REQUIRE(configure.exit_code == 0);
  const auto build = run_process({TEST_CMAKE_COMMAND, "--build", build_dir});
  INFO("build output:\n" << build.out << build.err);
  REQUIRE(build.exit_code == 0);
}

// Runs the example's own test (its gradient and contract checks) with ctest.
inline void run_out_of_tree_checks(const std::string& build_dir) {
  const auto checks =
      run_process({TEST_CTEST_COMMAND, "--test-dir", build_dir, "--output-on-failure"});
  INFO("ctest output:\n" << checks.out << checks.err);
  CHECK(checks.exit_code == 0);
}

}  // namespace cnnlab::test

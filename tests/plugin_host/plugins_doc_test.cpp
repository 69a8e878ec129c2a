// docs/PLUGINS.md shows the example plugin exactly as the out-of-tree test builds and uses
// it: every C++, CMake and YAML block of the page is one of the example's files, verbatim.
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace cnnlab::test;

namespace {

struct CodeBlock {
  std::string language;
  std::string text;
};

std::vector<CodeBlock> fenced_blocks(const std::string& markdown) {
  std::vector<CodeBlock> blocks;
  std::stringstream lines(markdown);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("```", 0) == 0) {
      if (!inside) blocks.push_back({line.substr(3), ""});
      inside = !inside;
    } else if (inside) {
      blocks.back().text += line + "\n";
    }
  }
  return blocks;
}

}  // namespace

TEST_CASE("the plugin guide's code is the example project, verbatim") {
  const std::string example = OUT_OF_TREE_SOURCE_DIR;
  const std::set<std::string> example_files{
      read_file(example + "/channel_scale.cpp"), read_file(example + "/channel_scale_test.cpp"),
      read_file(example + "/CMakeLists.txt"), read_file(example + "/experiment.yaml")};
  std::set<std::string> shown;
  for (const auto& block : fenced_blocks(read_file(CNNLAB_SOURCE_DIR "/docs/PLUGINS.md"))) {
    if (block.language != "cpp" && block.language != "cmake" && block.language != "yaml") continue;
    INFO("```" << block.language << " block:\n" << block.text);
    CHECK(example_files.count(block.text) == 1);
    shown.insert(block.text);
  }
  CHECK(shown == example_files);
}

// docs/YAML.md shows real files and real output: its examples are checked against them.
#include <catch2/catch.hpp>
#include <sstream>

#include "test_support.hpp"

using cnnlab::test::read_file;
using cnnlab::test::run_cnnlab;

namespace {

const std::string kDoc = read_file(CNNLAB_SOURCE_DIR "/docs/YAML.md");

// The fenced block that starts at or after `from`.
std::string block_after(size_t from) {
  const size_t open = kDoc.find("```", from);
  const size_t body = kDoc.find('\n', open) + 1;
  return kDoc.substr(body, kDoc.find("```", body) - body);
}

std::string without_trailing_spaces(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("every experiment shown in docs/YAML.md is the shipped file, verbatim") {
  const std::string marker = "<!-- shipped: ";
  int shown = 0;
  for (size_t at = kDoc.find(marker); at != std::string::npos; at = kDoc.find(marker, at + 1)) {
    const size_t name_start = at + marker.size();
    const std::string path = kDoc.substr(name_start, kDoc.find(" -->", name_start) - name_start);
    INFO(path);
    CHECK(block_after(at) == read_file(std::string(CNNLAB_SOURCE_DIR) + "/" + path));
    ++shown;
  }
  CHECK(shown == 3);
}

TEST_CASE("the summary shown in docs/YAML.md is what cnnlab prints") {
  const size_t at = kDoc.find("`cnnlab summary experiments/seed/mnist_32_64.yaml` prints:");
  REQUIRE(at != std::string::npos);
  const std::string shown = block_after(at);
  const auto result = run_cnnlab(
      {"summary", std::string(CNNLAB_SOURCE_DIR) + "/experiments/seed/mnist_32_64.yaml"});
  REQUIRE(result.exit_code == 0);
  const std::string printed = without_trailing_spaces(result.out);
  CHECK(shown.substr(shown.find("Model:")) == printed.substr(printed.find("Model:")));
}

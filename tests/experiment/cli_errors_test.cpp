// Hostile experiments through the real `cnnlab summary`, under a memory limit: one short,
// escaped error line and exit 2, where a recursive alias used to segfault and nested aliases
// used 23 GiB.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using cnnlab::test::ProcessResult;
using cnnlab::test::run_process;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

namespace {

const std::string kExperiment =
    "name: t\n"
    "dataset: {type: idx, path: .}\n"
    "model:\n"
    "  input_shape: [4, 4, 1]\n"
    "  layers:\n"
    "    - {type: flatten}\n"
    "    - {type: dense, units: 2}\n";

// `cnnlab ARGS` with at most 4 GiB of address space and 60 s.
ProcessResult limited_cnnlab(const std::vector<std::string>& args) {
  std::vector<std::string> command{CNNLAB_EXE};
  command.insert(command.end(), args.begin(), args.end());
  return run_process(cnnlab::test::capped(command, 4194304));
}

bool one_clean_line(const std::string& text) {
  if (text.empty() || text.back() != '\n' || text.size() > 2100) return false;
  for (size_t i = 0; i + 1 < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) < 0x20) return false;
  return true;
}

}  // namespace

TEST_CASE("summary of a file with a recursive alias: exit 2 and one line") {
  TempDir dir;
  write_file(dir.file("exp.yaml"), kExperiment + "training: &t {x: *t}\n");
  const ProcessResult r = limited_cnnlab({"summary", dir.file("exp.yaml")});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cnnlab: error: " + dir.file("exp.yaml") +
                     ":8:11: nested more than 64 levels deep (an alias inside its own anchor?)\n");
}

TEST_CASE("summary of nested aliases: exit 2 within the memory limit") {
  TempDir dir;
  std::string laughs = "params:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    laughs += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 9; ++k) laughs += ", " + prev;
    laughs += "]\n";
  }
  write_file(dir.file("exp.yaml"), kExperiment + laughs);
  const ProcessResult r = limited_cnnlab({"summary", dir.file("exp.yaml")});
  CHECK(r.exit_code == 2);
  CHECK(one_clean_line(r.err));
  CHECK_THAT(r.err, Catch::Contains("aliases expand this YAML far beyond its"));
}

TEST_CASE("a long binary --set value is echoed shortened and escaped") {
  TempDir dir;
  write_file(dir.file("exp.yaml"), kExperiment);
  const std::string value = "\x01\x1b[2J" + std::string(100000, 'v');
  const ProcessResult r =
      limited_cnnlab({"summary", dir.file("exp.yaml"), "--set", "training.shuffle=" + value});
  CHECK(r.exit_code == 2);
  CHECK(one_clean_line(r.err));
  CHECK_THAT(r.err, Catch::Contains("\\x01\\x1b[2J") && Catch::Contains("(100005 bytes)"));
}

TEST_CASE("an unknown command is quoted and escaped") {
  const ProcessResult r = limited_cnnlab({"ru\nn"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cnnlab: error: unknown command 'ru\\nn' (see cnnlab --help)\n");
}

TEST_CASE("a layer too large for memory is a located error, not a bare bad_alloc") {
  TempDir dir;
  write_file(dir.file("exp.yaml"), kExperiment.substr(0, kExperiment.rfind("    - {type: dense")) +
                                       "    - {type: dense, units: 2000000000}\n");
  const ProcessResult r = limited_cnnlab({"summary", dir.file("exp.yaml")});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "cnnlab: error: " + dir.file("exp.yaml") +
                     ":7:7: layer 'dense': not enough memory for its parameters ((None, 16) in; "
                     "are its sizes right?)\n");
}

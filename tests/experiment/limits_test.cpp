// Hostile experiment files, --set values and model YAML: each ends in one located error,
// quickly and in little memory, instead of a crash, a blow-up or a silently cut value.
#include <catch2/catch.hpp>

#include "experiment_fixture.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using cnnlab::test::error_of;
using cnnlab::test::kBase;
using cnnlab::test::parse;

namespace {

// "Billion laughs": each level lists the previous one ten times, 10^levels values in all.
std::string nested_aliases(int levels) {
  std::string yaml = "l0: &l0 [lol]\n";
  for (int i = 1; i <= levels; ++i) {
    yaml += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ", *l" : "*l") + std::to_string(i - 1);
    yaml += "]\n";
  }
  return yaml;
}

}  // namespace

TEST_CASE("an alias inside its own anchor is an error, not a stack overflow") {
  CHECK(error_of(kBase + "training: &a {x: *a}\n") ==
        "exp.yaml:7:11: nested more than 64 levels deep (an alias inside its own anchor?)");
  CHECK(error_of(kBase + "grid: &g [*g]\n").find("nested more than 64 levels") !=
        std::string::npos);
}

TEST_CASE("aliases that expand far beyond the file are refused") {
  const std::string error = error_of(kBase + "params:\n" + nested_aliases(7));
  CHECK(error.find("exp.yaml:") == 0);
  CHECK(error.find("aliases expand this YAML far beyond its") != std::string::npos);
}

TEST_CASE("aliases used as intended still work") {
  const auto spec = parse(kBase + "params: {n: &n 3}\ntraining: {epochs: *n, batch_size: *n}\n");
  CHECK(spec.training.epochs == 3);
  CHECK(spec.training.batch_size == 3);
}

TEST_CASE("YAML nested deeper than the parser allows is a located error") {
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  CHECK(error_of("name: " + deep + "\n").find("YAML nested too deeply") != std::string::npos);
  CHECK(error_of("name: " + std::string(80, '[') + std::string(80, ']') + "\n") ==
        "exp.yaml:1:71: nested more than 64 levels deep (an alias inside its own anchor?)");
}

TEST_CASE("a YAML text over 4 MiB is refused before parsing") {
  const std::string huge = kBase + "# " + std::string(size_t{5} << 20, 'x') + "\n";
  CHECK(error_of(huge) ==
        "exp.yaml: YAML of " + std::to_string(huge.size()) + " bytes; at most 4194304 are read");
}

TEST_CASE("a --set value is held to the same limits") {
  CHECK(error_of(kBase, {"training=&a {x: *a}"}) ==
        "--set training=&a {x: *a}:1:1: nested more than 64 levels deep (an alias inside its own "
        "anchor?)");
  const std::string error = error_of(kBase, {"params=" + nested_aliases(7)});
  CHECK(error.find("--set params=l0: &l0 [lol]\\nl1: &l1 [*l0,") == 0);
  CHECK(error.find("aliases expand this YAML far beyond its") != std::string::npos);
}

TEST_CASE("a grid or variant list over 1000 variants is refused before it is expanded") {
  std::string values = "[";
  for (int i = 0; i < 100; ++i) values += (i ? ", " : "") + std::to_string(i);
  values += "]";
  CHECK(error_of(kBase + "params: {a: 0, b: 0}\ngrid: {a: " + values + ", b: " + values + "}\n") ==
        "exp.yaml:8:7: grid: 100 x 100 makes more than 1000 variants, the most one experiment "
        "may have");
  std::string variants = "variants:\n";
  for (int i = 0; i < 1001; ++i) variants += "  - {name: v" + std::to_string(i) + "}\n";
  CHECK(error_of(kBase + variants) ==
        "exp.yaml:8:3: 1001 variants, more than the 1000 one experiment may have");
  std::string half = "params: {a: 0}\nvariants:\n";
  for (int i = 0; i < 600; ++i) half += "  - {name: v" + std::to_string(i) + "}\n";
  std::string grid = "grid: {a: [";
  for (int i = 0; i < 600; ++i) grid += (i ? ", " : "") + std::to_string(i);
  CHECK(error_of(kBase + half + grid + "]}\n") ==
        "exp.yaml:9:3: variants and grid make 1200 variants, more than the 1000 one experiment "
        "may have");
}

TEST_CASE("integers beyond their range are errors at parse time, never cut") {
  CHECK(error_of(kBase + "training:\n  epochs: 4294967297\n") ==
        "exp.yaml:8:11: training: 'epochs' must be at most 1000000, got 4294967297");
  CHECK(error_of(kBase + "training:\n  batch_size: 4294967346\n") ==
        "exp.yaml:8:15: training: 'batch_size' must be at most 1000000, got 4294967346");
  CHECK(error_of(kBase + "cross_validation: {folds: 4294967298}\n") ==
        "exp.yaml:7:27: cross_validation: 'folds' must be at most 1000, got 4294967298");
  CHECK(error_of(kBase + "training:\n  epochs: 99999999999999999999\n") ==
        "exp.yaml:8:11: training: 'epochs' must be an integer, got '99999999999999999999'");
  CHECK(error_of(kBase, {"dataset.limit_train=2147483648"}) ==
        "--set dataset.limit_train=2147483648: dataset: 'limit_train' must be at most "
        "2147483647, got 2147483648");
  CHECK(parse(kBase + "training: {epochs: 1000000, batch_size: 1000000}\n").training.epochs ==
        1000000);
}

TEST_CASE("long and binary values are shortened and escaped in messages") {
  const std::string long_value(100000, 'y');
  const std::string error = error_of(kBase + "training: {shuffle: " + long_value + "}\n");
  CHECK(error.size() < 200);
  CHECK(error.find("... (100000 bytes)") != std::string::npos);
  CHECK(error_of(kBase + "training: {shuffle: \"a\\x01\\tb\"}\n") ==
        "exp.yaml:7:21: training: 'shuffle' must be true or false, got 'a\\x01\\tb'");
  const std::string set_error = error_of(kBase, {"training.epochs=" + std::string(50000, '9')});
  CHECK(set_error.size() < 300);
}

TEST_CASE("quoted and one_line escape what a terminal would act on") {
  CHECK(quoted("plain") == "'plain'");
  CHECK(quoted("caf\xc3\xa9") == "'caf\xc3\xa9'");               // valid UTF-8 kept
  CHECK(quoted("\xff\xc3(\x1b[2J") == "'\\xff\\xc3(\\x1b[2J'");  // junk and escapes escaped
  CHECK(quoted("\xf5\x80\x80") == "'\\xf5\\x80\\x80'");          // beyond Unicode
  CHECK(quoted(std::string(100, 'z'), 10) == "'zzzzzzzzzz'... (100 bytes)");
  CHECK(one_line("a\nb") == "a\\nb");
  CHECK(one_line(std::string(3000, 'm')).size() < 2100);
}

TEST_CASE("an experiment file over 4 MiB is refused before it is read") {
  cnnlab::test::TempDir dir;
  cnnlab::test::write_file(dir.file("big.yaml"), kBase + "# " + std::string(5 << 20, 'x') + "\n");
  CHECK_THROWS_WITH(
      load_experiment(dir.file("big.yaml")),
      "cannot read experiment file '" + dir.file("big.yaml") + "': larger than 4194304 bytes");
}

TEST_CASE(
    "a stray comma or closing bracket is a syntax error, not an endless run of empty documents") {
  CHECK(error_of(", 3]\n") ==
        "exp.yaml:1:1: YAML syntax error: ',', ']' or '}' outside any list or map");
  CHECK(error_of(kBase, {"name=, 3]"}) ==
        "--set name=, 3]:1:1: YAML syntax error: ',', ']' or '}' outside any list or map");
  CHECK(error_of(kBase + "---\nname: u\n") ==
        "exp.yaml:8:1: a second YAML document; an experiment file holds one");
}

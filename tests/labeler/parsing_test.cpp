// Key names, scripts, class lists, CSV, export settings, the guesses file, rate and latency.
#include <catch2/catch.hpp>

#include "cnnlab/error.hpp"
#include "label_images.hpp"
#include "labeler/classes.hpp"
#include "labeler/csv.hpp"
#include "labeler/export_settings.hpp"
#include "labeler/guess.hpp"
#include "labeler/key_script.hpp"
#include "labeler/keys.hpp"
#include "labeler/latency.hpp"
#include "labeler/rate_meter.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using cnnlab::ConfigError;
using cnnlab::DataError;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

TEST_CASE("key names parse to waitKeyEx codes and back", "[labeler][keys]") {
  CHECK(key::parse_name("1") == '1');
  CHECK(key::parse_name("q") == 'q');
  CHECK(key::parse_name("Q") == 'q');  // letters never depend on Shift / Caps Lock
  CHECK(key::parse_name("Right") == key::kRight);
  CHECK(key::parse_name("right") == key::kRight);
  CHECK(key::parse_name("Left") == 65361);
  CHECK(key::parse_name("BackSpace") == 8);
  CHECK(key::parse_name("Tab") == 9);
  CHECK(key::parse_name("Enter") == 13);
  CHECK(key::parse_name("Return") == 13);
  CHECK(key::parse_name("Esc") == 27);
  CHECK(key::parse_name("Escape") == 27);
  CHECK(key::parse_name("space") == 32);
  CHECK(key::parse_name("Prior") == key::kPageUp);
  CHECK(key::parse_name("Next") == key::kPageDown);
  CHECK_FALSE(key::parse_name("Rigth"));
  CHECK_FALSE(key::parse_name(""));
  for (const char* name :
       {"1", "q", "Right", "Left", "BackSpace", "Tab", "Enter", "Esc", "space", "PageUp"})
    CHECK(key::parse_name(key::name(*key::parse_name(name))) == key::parse_name(name));
}

TEST_CASE("raw key codes are normalised", "[labeler][keys]") {
  CHECK(key::normalize(-1) == -1);
  CHECK(key::normalize('A') == 'a');
  CHECK(key::normalize(65293) == key::kEnter);  // X11 Return
  CHECK(key::normalize(65421) == key::kEnter);  // keypad Enter
  CHECK(key::normalize(65289) == key::kTab);
  CHECK(key::normalize(65288) == key::kBackSpace);
  CHECK(key::normalize(65307) == key::kEscape);
  CHECK(key::normalize(key::kLeft) == key::kLeft);
  CHECK(key::class_index_of_digit('1') == 0);
  CHECK(key::class_index_of_digit('9') == 8);
  CHECK(key::class_index_of_digit('0') == 9);
  CHECK_FALSE(key::class_index_of_digit('a'));
}

TEST_CASE("a key script skips comments and names a bad line", "[labeler][keys]") {
  TempDir dir;
  write_file(dir.file("ok.txt"), "# label two\n1\n\n  Right  \nBackSpace\nq\n");
  const auto keys = read_key_script(dir.file("ok.txt"));
  REQUIRE(keys.size() == 4);
  CHECK(keys[0].code == '1');
  CHECK(keys[0].line == 2);
  CHECK(keys[1].code == key::kRight);
  CHECK(keys[2].code == key::kBackSpace);
  CHECK(keys[3].line == 6);

  write_file(dir.file("bad.txt"), "1\nRigth\n");
  try {
    read_key_script(dir.file("bad.txt"));
    FAIL("expected an error");
  } catch (const ConfigError& e) {
    const std::string message = e.what();
    CHECK(message.find("bad.txt:2: unknown key name 'Rigth'") != std::string::npos);
    CHECK(message.find("did you mean 'Right'?") != std::string::npos);
  }
  CHECK_THROWS_AS(read_key_script(dir.file("missing.txt")), ConfigError);
}

TEST_CASE("class lists are validated", "[labeler][classes]") {
  CHECK(parse_class_list("cat,dog,bird") == std::vector<std::string>{"cat", "dog", "bird"});
  CHECK(parse_class_list(" cat , dog ") == std::vector<std::string>{"cat", "dog"});
  CHECK_THROWS_AS(parse_class_list("cat,cat"), ConfigError);
  CHECK_THROWS_AS(parse_class_list("cat,,dog"), ConfigError);
  CHECK_THROWS_AS(parse_class_list("a/b"), ConfigError);
  CHECK_THROWS_AS(parse_class_list(".hidden"), ConfigError);
  CHECK_THROWS_AS(parse_class_list("manifest.csv"), ConfigError);
  CHECK_THROWS_AS(parse_class_list("cat,test"), ConfigError);
  CHECK_THROWS_AS(parse_class_list("a,b,c,d,e,f,g,h,i,j,k"), ConfigError);
  CHECK(parse_class_list("a,b,c,d,e,f,g,h,i,j").size() == 10);
  CHECK(join_classes({"a", "b"}) == "a,b");

  TempDir dir;
  write_file(dir.file("classes.txt"), "# animals\ncat\ndog, bird\n\n");
  CHECK(read_class_file(dir.file("classes.txt")) == std::vector<std::string>{"cat", "dog", "bird"});
  write_file(dir.file("bad.txt"), "cat\nd/g\n");
  try {
    read_class_file(dir.file("bad.txt"));
    FAIL("expected an error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("bad.txt:2") != std::string::npos);
  }
}

TEST_CASE("CSV fields are quoted only when needed and read back", "[labeler][csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  const std::string text =
      csv_row({"path", "x"}) + csv_row({"a,b", "multi\nline"}) + "\r\n" + csv_row({"", "z"});
  const auto records = parse_csv(text, "t.csv");
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields == std::vector<std::string>{"a,b", "multi\nline"});
  CHECK(records[1].line == 2);
  CHECK(records[2].fields == std::vector<std::string>{"", "z"});
  CHECK(records[2].line == 5);
  CHECK_THROWS_AS(parse_csv("a,\"open\n", "t.csv"), DataError);
}

TEST_CASE("export sizes and settings files", "[labeler][export]") {
  ExportSettings s;
  parse_export_size("64x48", s);
  CHECK(s.width == 64);
  CHECK(s.height == 48);
  parse_export_size("original", s);
  CHECK(s.width == 0);
  for (const char* bad : {"64", "x64", "64x", "0x10", "axb", "64x64x3"})
    CHECK_THROWS_AS(parse_export_size(bad, s), ConfigError);
  CHECK_THROWS_AS(check_test_split(1.0), ConfigError);
  CHECK_THROWS_AS(check_test_split(-0.1), ConfigError);
  CHECK_NOTHROW(check_test_split(0.0));

  TempDir dir;
  CHECK_FALSE(read_export_settings(dir.file("export.conf")));
  ExportSettings saved;
  saved.width = 32;
  saved.height = 24;
  saved.grayscale = true;
  saved.test_split = 0.25;
  saved.seed = 7;
  write_export_settings(dir.file("export.conf"), saved);
  const auto back = read_export_settings(dir.file("export.conf"));
  REQUIRE(back);
  CHECK(back->same_pixels(saved));
  CHECK(back->test_split == Approx(0.25));
  CHECK(back->seed == 7);
  write_file(dir.file("bad.conf"), "size = 10x10\ncolour = red\n");
  CHECK_THROWS_WITH(read_export_settings(dir.file("bad.conf")), Catch::Contains("bad.conf:2"));
}

TEST_CASE("a guesses CSV is read relative to IMAGE_DIR and validated", "[labeler][guess]") {
  TempDir dir;
  const std::vector<std::string> classes{"cat", "dog"};
  write_file(dir.file("g.csv"),
             "image,class,probability\na.png,cat,0.9\n" + dir.path() + "/sub/b.png,dog,0.55\n");
  CsvGuessSource source(dir.file("g.csv"), dir.path(), classes);
  CHECK(source.size() == 2);
  REQUIRE(source.guess("a.png"));
  CHECK(source.guess("a.png")->class_index == 0);
  CHECK(source.guess("sub/b.png")->probability == Approx(0.55f));
  CHECK_FALSE(source.guess("c.png"));

  write_file(dir.file("bad_class.csv"), "image,class,probability\na.png,cow,0.9\n");
  CHECK_THROWS_WITH(CsvGuessSource(dir.file("bad_class.csv"), dir.path(), classes),
                    Catch::Contains("bad_class.csv:2") && Catch::Contains("cow"));
  write_file(dir.file("bad_p.csv"), "image,class,probability\na.png,cat,1.5\n");
  CHECK_THROWS_AS(CsvGuessSource(dir.file("bad_p.csv"), dir.path(), classes), ConfigError);
  write_file(dir.file("no_header.csv"), "a.png,cat,0.5\n");
  CHECK_THROWS_AS(CsvGuessSource(dir.file("no_header.csv"), dir.path(), classes), ConfigError);
}

TEST_CASE("the rate meter and ETA follow recent decisions", "[labeler][rate]") {
  RateMeter meter(60);
  CHECK_FALSE(meter.per_minute());
  meter.record(10);
  CHECK_FALSE(meter.per_minute());
  meter.record(12);
  meter.record(14);
  REQUIRE(meter.per_minute());
  CHECK(*meter.per_minute() == Approx(30.0));  // one every two seconds
  CHECK(*meter.eta_seconds(15) == Approx(30.0));
  meter.record(200);  // the old ones fall out of the 60 s window
  CHECK_FALSE(meter.per_minute());
  CHECK(format_duration(42) == "42s");
  CHECK(format_duration(372) == "6m 12s");
  CHECK(format_duration(7500) == "2h 05m");
}

TEST_CASE("latency statistics use nearest-rank percentiles", "[labeler][latency]") {
  LatencyStats stats;
  CHECK(stats.percentile(50) == 0);
  for (int i = 1; i <= 20; ++i) stats.add(i, i % 2 == 0);
  CHECK(stats.percentile(50) == 10);
  CHECK(stats.percentile(95) == 19);
  CHECK(stats.percentile(100) == 20);
  CHECK(stats.summary() ==
        "20 frames, key-to-frame median 10.0 ms, p95 19.0 ms, max 20.0 ms, 10 of 20 prefetched");
}

// Tables as text, CSV and JSON: escaping that survives a real parser round trip.
#include "cnnlab/host/table_format.hpp"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "csv_reader.hpp"

using namespace cnnlab;

namespace {

Cell text(const std::string& s) {
  Cell c;
  c.type = Cell::Type::text;
  c.text = s;
  return c;
}
Cell real(double v) {
  Cell c;
  c.type = Cell::Type::real;
  c.real = v;
  return c;
}
Cell integer(int64_t v) {
  Cell c;
  c.type = Cell::Type::integer;
  c.integer = v;
  return c;
}

const std::string kNasty = "say \"hi\", then\nleave \\ back\tslash, 'single' é ✓ \x01 end";

ResultTable sample() {
  ResultTable table;
  table.columns = {"id", "name", "score", "missing"};
  table.rows.push_back({integer(1), text(kNasty), real(0.1 + 0.2), Cell{}});
  table.rows.push_back({integer(-7), text(" padded "), real(1e-300), real(NAN)});
  return table;
}

std::string written(const ResultTable& table, TableFormat format) {
  std::ostringstream out;
  write_table(out, table, format);
  return out.str();
}

}  // namespace

TEST_CASE("JSON output parses back to the same values", "[store][format]") {
  const std::string json = written(sample(), TableFormat::json);
  const YAML::Node rows = YAML::Load(json);
  REQUIRE(rows.IsSequence());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["id"].as<int64_t>() == 1);
  CHECK(rows[0]["name"].as<std::string>() == kNasty);
  CHECK(rows[0]["score"].as<double>() == 0.1 + 0.2);  // full precision
  CHECK(rows[0]["missing"].IsNull());
  CHECK(rows[1]["name"].as<std::string>() == " padded ");
  CHECK(rows[1]["score"].as<double>() == 1e-300);
  CHECK(rows[1]["missing"].IsNull());  // NaN is not JSON: null
  CHECK_THAT(json, Catch::Contains(R"(say \"hi\", then\nleave \\ back\tslash)"));
  CHECK_THAT(json, Catch::Contains("\\u0001"));
  CHECK(written(ResultTable{{"a"}, {}}, TableFormat::json) == "[]\n");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD so the JSON stays valid", "[store][format]") {
  ResultTable table{{"name"}, {{text("bad \xff\xfe byte, truncated \xe2\x82")}}};
  const std::string json = written(table, TableFormat::json);
  CHECK_THAT(json, Catch::Contains("bad \xEF\xBF\xBD\xEF\xBF\xBD byte"));
  CHECK(YAML::Load(json)[0]["name"].as<std::string>().find('\xff') == std::string::npos);
}

TEST_CASE("CSV output quotes what needs quoting and reads back exactly", "[store][format]") {
  const std::string csv = written(sample(), TableFormat::csv);
  const auto rows = cnnlab::test::parse_csv(csv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"id", "name", "score", "missing"});
  CHECK(rows[1] == std::vector<std::string>{"1", kNasty, "0.30000000000000004", ""});
  CHECK(rows[2] == std::vector<std::string>{"-7", " padded ", "1e-300", ""});
  CHECK_THAT(csv, Catch::StartsWith("id,name,score,missing\n1,\"say \"\"hi\"\", then\n"));
}

TEST_CASE("the text table aligns columns and shows NULL as '-'", "[store][format]") {
  ResultTable table{{"id", "variant", "val"}, {}};
  table.rows.push_back({integer(1), text("base"), real(0.5)});
  table.rows.push_back({integer(12), text("two\nlines"), Cell{}});
  CHECK(written(table, TableFormat::table) ==
        "id  variant       val\n"
        " 1  base       0.5000\n"
        "12  two lines       -\n");
  CHECK(written(ResultTable{{"id"}, {}}, TableFormat::table) == "(no rows)\n");
}

TEST_CASE("format names are checked", "[store][format]") {
  CHECK(parse_table_format("csv") == TableFormat::csv);
  CHECK(parse_table_format("table") == TableFormat::table);
  CHECK_THROWS_WITH(parse_table_format("xml"), Catch::Contains("table, csv or json"));
  CHECK_THROWS_AS(parse_table_format("table", false), ConfigError);
}

// The --where language and the list query: syntax, whitelisted columns, values bound as data.
#include <catch2/catch.hpp>

#include "cnnlab/host/run_store.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

std::vector<int64_t> ids_of(const ResultTable& table) {
  std::vector<int64_t> ids;
  for (const auto& row : table.rows) ids.push_back(row.at(0).integer);
  return ids;
}

std::vector<int64_t> list_where(const RunStore& store, const std::string& where) {
  RunQuery query;
  query.where = parse_where(where);
  return ids_of(store.list_runs(query));
}

}  // namespace

TEST_CASE("parse_where splits terms, operators and values", "[store][where]") {
  auto terms = parse_where("val_accuracy>0.9");
  REQUIRE(terms.size() == 1);
  CHECK(terms[0].column == "val_accuracy");
  CHECK(terms[0].op == ">");
  CHECK(terms[0].value == "0.9");

  terms = parse_where("  variant ~ 'bn%'  AND folds>=3 and status != completed ");
  REQUIRE(terms.size() == 3);
  CHECK(terms[0].value == "bn%");
  CHECK(terms[1].op == ">=");
  CHECK(terms[2].op == "!=");
  CHECK(terms[2].value == "completed");

  terms = parse_where("variant = \"rock and roll\" and experiment = 'it''s'");
  REQUIRE(terms.size() == 2);
  CHECK(terms[0].value == "rock and roll");
  CHECK(terms[1].value == "it's");

  terms = parse_where("variant = sand");  // "and" inside a word is not the keyword
  CHECK(terms.at(0).value == "sand");
}

TEST_CASE("parse_where rejects bad syntax and unknown columns with a suggestion",
          "[store][where]") {
  CHECK_THROWS_WITH(parse_where("val_acuracy > 0.9"),
                    Catch::Contains("unknown column 'val_acuracy'") &&
                        Catch::Contains("did you mean 'val_accuracy'"));
  CHECK_THROWS_AS(parse_where(""), ConfigError);
  CHECK_THROWS_WITH(parse_where("folds 3"), Catch::Contains("expected an operator"));
  CHECK_THROWS_WITH(parse_where("folds = "), Catch::Contains("expected a value"));
  CHECK_THROWS_WITH(parse_where("variant = 'open"), Catch::Contains("closing '"));
  CHECK_THROWS_WITH(parse_where("folds = 3 and"), Catch::Contains("column name"));
  CHECK_THROWS_WITH(parse_where("variant = 'a' folds = 3"), Catch::Contains("'and'"));
  // SQL put where a column goes is not a column.
  CHECK_THROWS_AS(parse_where("1=1 or 1 = 1"), ConfigError);
  CHECK_THROWS_AS(parse_where("(select 1) = 1"), ConfigError);
}

TEST_CASE("sort takes a listed column with - for descending", "[store][where]") {
  RunQuery query;
  parse_sort("-val_accuracy", query);
  CHECK(query.sort == "val_accuracy");
  CHECK(query.descending);
  CHECK_THROWS_WITH(parse_sort("acuracy", query), Catch::Contains("unknown column"));
  CHECK_THROWS_AS(parse_sort("id; DROP TABLE runs", query), ConfigError);
}

TEST_CASE("list filters on run columns and fold means", "[store][where]") {
  TempDir dir;
  auto store = RunStore::open(dir.file("h.db"));
  const auto ids = fill_history(store).run_ids;
  CHECK(list_where(store, "val_accuracy > 0.9") == std::vector<int64_t>{ids[1], ids[2]});
  CHECK(list_where(store, "experiment = fashion and folds >= 3") ==
        std::vector<int64_t>{ids[0], ids[1]});
  CHECK(list_where(store, "variant ~ 'drop%'") == std::vector<int64_t>{ids[1]});
  CHECK(list_where(store, "status != completed") == std::vector<int64_t>{ids[3]});
  CHECK(list_where(store, "variant = '" + kTrickyVariant.substr(0, 5) + "'").empty());

  RunQuery query;
  query.experiment = "fashion";
  parse_sort("-test_accuracy", query);
  // Run 4 has no folds: NULL sorts last either way.
  CHECK(ids_of(store.list_runs(query)) == std::vector<int64_t>{ids[1], ids[0], ids[3]});
  query.limit = 1;
  CHECK(ids_of(store.list_runs(query)) == std::vector<int64_t>{ids[1]});
  query.limit = -1;
  CHECK_THROWS_AS(store.list_runs(query), ConfigError);

  RunQuery numeric;
  numeric.where = parse_where("folds > many");
  CHECK_THROWS_WITH(store.list_runs(numeric), Catch::Contains("is a number"));
  numeric.where = parse_where("folds ~ 3");
  CHECK_THROWS_WITH(store.list_runs(numeric), Catch::Contains("LIKE"));
}

TEST_CASE("SQL-shaped filter text is data, never SQL", "[store][where]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  auto store = RunStore::open(db);
  fill_history(store);
  CHECK(list_where(store, "variant = x' OR 1=1 --").empty());
  CHECK(list_where(store, "variant = 'x'' OR ''1''=''1'").empty());
  CHECK(list_where(store, "experiment = fashion'; DROP TABLE runs; --").empty());
  CHECK(list_where(store, "variant ~ %' OR 1=1 --").empty());

  RunQuery query;
  query.experiment = "a'; DROP TABLE runs; --";
  CHECK(store.list_runs(query).rows.empty());
  CHECK(sql_int(db, "SELECT count(*) FROM runs") == 4);

  // The same text stored as a variant name is found by it, exactly.
  RunStart start;
  start.experiment = "fashion";
  start.variant = "x' OR 1=1 --";
  const int64_t id = store.begin_run(start);
  CHECK(list_where(store, "variant = x' OR 1=1 --") == std::vector<int64_t>{id});
}

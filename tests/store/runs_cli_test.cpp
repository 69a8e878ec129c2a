// `cnnlab runs ...` as a user runs it, on a history the test fills through the RunStore API.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "cnnlab/host/run_store.hpp"
#include "cnnlab/host/stats.hpp"
#include "csv_reader.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

struct History {
  TempDir dir;
  std::string db = dir.file("cnnlab.db");
  std::vector<int64_t> ids;
  History() {
    {
      auto store = RunStore::open(db);
      ids = fill_history(store).run_ids;
    }
    // Known uuids ("a1000000-...", "a2000000-..."), so that no unknown id in these tests can
    // happen to be a uuid prefix.
    sql_exec(db, "UPDATE runs SET uuid = 'a' || id || '000000-0000-4000-8000-000000000000'");
  }
  ProcessResult runs(std::vector<std::string> args) const {
    args.insert(args.begin(), "runs");
    args.push_back("--db");
    args.push_back(db);
    return run_cnnlab(args);
  }
};

// The `id` of each row of `runs list --format json`.
std::vector<int64_t> listed_ids(const ProcessResult& result) {
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::vector<int64_t> ids;
  for (const auto& row : YAML::Load(result.out)) ids.push_back(row["id"].as<int64_t>());
  return ids;
}

std::string line_with(const std::string& text, const std::string& start) {
  const auto at = text.find(start);
  if (at == std::string::npos) return "";
  return text.substr(at, text.find('\n', at) - at);
}

}  // namespace

TEST_CASE("runs list prints one row per run with fold means", "[store][cli]") {
  History h;
  const auto result = h.runs({"list"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("id  uuid      experiment  variant"));
  for (const char* column : {"status", "started", "folds", "val_loss", "val_accuracy",
                             "test_accuracy", "best_epoch", "seconds"})
    CHECK_THAT(line_with(result.out, "id "), Catch::Contains(column));
  CHECK_THAT(line_with(result.out, " 2  "), Catch::Contains("dropout"));
  CHECK_THAT(line_with(result.out, " 2  "), Catch::Contains("0.9300"));  // mean val_accuracy
  CHECK_THAT(line_with(result.out, " 2  "), Catch::Contains("completed"));
  CHECK_THAT(line_with(result.out, " 4  "), Catch::Contains("interrupted"));
}

TEST_CASE("runs list filters, sorts and limits", "[store][cli]") {
  History h;
  const auto& ids = h.ids;
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--experiment", "mnist"})) ==
        std::vector<int64_t>{ids[2]});
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--status", "interrupted"})) ==
        std::vector<int64_t>{ids[3]});
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--where", "val_accuracy>0.9"})) ==
        std::vector<int64_t>{ids[1], ids[2]});
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--sort", "-test_accuracy", "--limit",
                           "2"})) == std::vector<int64_t>{ids[2], ids[1]});
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--where",
                           "experiment = fashion and best_epoch = 4", "--sort", "-id"})) ==
        std::vector<int64_t>{ids[1], ids[0]});
}

TEST_CASE("runs list as CSV and JSON keeps awkward text intact", "[store][cli]") {
  History h;
  const auto csv = h.runs({"list", "--format", "csv", "--status", "interrupted"});
  REQUIRE(csv.exit_code == 0);
  const auto rows = parse_csv(csv.out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at(3) == "variant");
  CHECK(rows[1].at(3) == kTrickyVariant);
  CHECK(rows[0].at(7) == "cells");
  CHECK(rows[1].at(7) == "0/0");
  CHECK(rows[1].at(8) == "");  // no folds: NULL mean

  const auto json = h.runs({"list", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  const YAML::Node parsed = YAML::Load(json.out);
  REQUIRE(parsed.size() == 4);
  CHECK(parsed[3]["variant"].as<std::string>() == kTrickyVariant);
  CHECK(parsed[3]["val_loss"].IsNull());
  CHECK(parsed[0]["folds"].as<int>() == 3);
  CHECK(parsed[1]["val_accuracy"].as<double>() == Approx(0.93));
}

TEST_CASE("runs list reports bad columns, statuses and formats with exit code 2", "[store][cli]") {
  History h;
  auto result = h.runs({"list", "--where", "val_acc > 0.9"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("cnnlab: error: --where: unknown column 'val_acc'"));
  CHECK_THAT(result.err, Catch::Contains("did you mean 'val_accuracy'"));
  result = h.runs({"list", "--sort", "-tset_accuracy"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("did you mean 'test_accuracy'"));
  result = h.runs({"list", "--status", "done"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("unknown run status 'done'"));
  result = h.runs({"list", "--format", "xml"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("--format"));
  result = h.runs({"list", "--limit", "many"});
  CHECK(result.exit_code == 2);
}

TEST_CASE("runs list treats SQL-injection-shaped text as data", "[store][cli]") {
  History h;
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--where", "variant = x' OR 1=1 --"}))
            .empty());
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--experiment", "a'; DROP TABLE runs; --"}))
            .empty());
  CHECK(listed_ids(h.runs({"list", "--format", "json", "--where",
                           "experiment = \"fashion\" and variant = 'x'' OR ''1''=''1'"}))
            .empty());
  CHECK(sql_int(h.db, "SELECT count(*) FROM runs") == 4);
  CHECK(listed_ids(h.runs({"list", "--format", "json"})).size() == 4);
}

TEST_CASE("runs show prints settings, folds, the monitored curve and the config", "[store][cli]") {
  History h;
  const std::string uuid = "a2000000-0000-4000-8000-000000000000";
  for (const std::string& ref : {std::string("2"), std::string("A2"), uuid}) {
    const auto result = h.runs({"show", ref});
    INFO(ref << "\n" << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::StartsWith("run 2  " + uuid));
    CHECK_THAT(result.out, Catch::Contains("variant     dropout"));
    CHECK_THAT(result.out, Catch::Contains("params      dropout=0.25 batchnorm=false"));
    CHECK_THAT(line_with(result.out, "fold "),
               Catch::Contains("best_epoch") && Catch::Contains("test_accuracy"));
    CHECK_THAT(result.out, Catch::Contains("mean ± std over 3 folds:  val_loss 0.2820 ± 0.0020"));
    CHECK_THAT(result.out, Catch::Contains("val_loss per epoch (the monitored metric)"));
    CHECK_THAT(result.out, Catch::Contains("fold 0  █"));  // val_loss falls: a high first bar
    CHECK_THAT(result.out, Catch::Contains("/models/run2_fold1.cnnlab"));
    CHECK_THAT(result.out,
               Catch::Contains("config (resolved):\nname: fashion\nmodel:\n  dropout: 0.25"));
  }
  const auto bare = h.runs({"show", "3", "--no-config"});
  CHECK_THAT(bare.out, !Catch::Contains("config (resolved)"));
}

TEST_CASE("runs show names unknown and ambiguous runs with exit code 2", "[store][cli]") {
  History h;
  auto result = h.runs({"show", "999"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("no run '999'"));
  result = h.runs({"show", "zz'; --"});
  CHECK(result.exit_code == 2);
  // A short number is an id, never a uuid prefix; eight digits may be a uuid prefix.
  sql_exec(h.db, "UPDATE runs SET uuid = '99999999-0000-4000-8000-000000000000' WHERE id = 4");
  CHECK(h.runs({"show", "99"}).exit_code == 2);
  result = h.runs({"show", "99999999"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("run 4 "));
  sql_exec(h.db, "UPDATE runs SET uuid = 'a4000000-0000-4000-8000-000000000000' WHERE id = 4");
  result = h.runs({"show", "a"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("ambiguous"));
  CHECK_THAT(result.err, Catch::Contains("a3000000-0000-4000-8000-000000000000"));
  CHECK(h.runs({"show", "a3"}).exit_code == 0);
  result = h.runs({"show"});
  CHECK(result.exit_code == 2);
}

TEST_CASE("runs compare shows changed params, means and the corrected paired test",
          "[store][cli]") {
  History h;
  const auto result = h.runs({"compare", "1", "2", "3"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(line_with(result.out, "variant"),
             Catch::Contains("base") && Catch::Contains("dropout"));
  CHECK_THAT(line_with(result.out, "* dropout"), Catch::Contains("0.25"));
  CHECK_THAT(result.out, Catch::Contains("  batchnorm"));
  CHECK_THAT(line_with(result.out, "test_accuracy"), Catch::Contains("0.8100 ± 0.0100"));

  std::vector<double> base, dropout;
  for (int f = 0; f < 3; ++f) {
    base.push_back(fixture_test_accuracy(1, f));
    dropout.push_back(fixture_test_accuracy(2, f));
  }
  const auto expected = corrected_paired_t_test(dropout, base, 2, 1);
  char line[160];
  std::snprintf(line, sizeof line, "run 2: difference %+.4f, t = %.3f, dof = 2, p = %.4f",
                expected.mean_difference, expected.t, expected.p_value);
  CHECK_THAT(result.out, Catch::Contains(line));
  CHECK_THAT(result.out, Catch::Contains("run 3: not paired (different experiments)"));

  const auto changed = h.runs({"compare", "1", "2", "--only-changed"});
  REQUIRE(changed.exit_code == 0);
  CHECK_THAT(changed.out, Catch::Contains("* dropout"));
  CHECK_THAT(changed.out, !Catch::Contains("batchnorm"));

  CHECK(h.runs({"compare", "1"}).exit_code == 2);
  CHECK(h.runs({"compare", "1", "77"}).exit_code == 2);
}

TEST_CASE("runs export writes every run, fold or epoch as CSV or JSON", "[store][cli]") {
  History h;
  const auto csv = h.runs({"export"});
  INFO(csv.err);
  REQUIRE(csv.exit_code == 0);
  const auto rows = parse_csv(csv.out);
  REQUIRE(rows.size() == 5);
  const auto& header = rows[0];
  const auto column = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  REQUIRE(column("param_dropout") < header.size());
  REQUIRE(column("resolved_yaml") < header.size());
  CHECK(rows[2][column("param_dropout")] == "0.25");
  CHECK(rows[2][column("uuid")].size() == 36);
  CHECK(rows[4][column("variant")] == kTrickyVariant);
  CHECK(rows[4][column("error")] == "interrupted by \"SIGINT\" (Ctrl-C)");
  CHECK(rows[1][column("resolved_yaml")] == "name: fashion\nmodel:\n  dropout: 0\n");

  const auto json = h.runs({"export", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  const YAML::Node runs = YAML::Load(json.out);
  REQUIRE(runs.size() == 4);
  CHECK(runs[1]["test_accuracy"].as<double>() ==
        Approx((fixture_test_accuracy(2, 0) + fixture_test_accuracy(2, 1) +
                fixture_test_accuracy(2, 2)) /
               3));
  CHECK(runs[3]["error"].as<std::string>() == "interrupted by \"SIGINT\" (Ctrl-C)");

  const auto epochs = h.runs({"export", "--epochs"});
  REQUIRE(epochs.exit_code == 0);
  CHECK(parse_csv(epochs.out).size() == 1 + 15 + 15 + 3 + 1);
  CHECK_THAT(epochs.out,
             Catch::StartsWith("run_id,uuid,experiment,variant,fold,epoch,loss,"
                               "accuracy,val_loss,val_accuracy,seconds,learning_rate\n"));
  const auto folds = h.runs({"export", "--folds", "--format", "json"});
  REQUIRE(folds.exit_code == 0);
  CHECK(YAML::Load(folds.out).size() == 7);

  CHECK(h.runs({"export", "--format", "table"}).exit_code == 2);
  CHECK(h.runs({"export", "--epochs", "--folds"}).exit_code == 2);
}

TEST_CASE("runs plot writes a PNG of the learning curves", "[store][cli]") {
  History h;
  const std::string png = h.dir.file("curves.png");
  auto result = h.runs({"plot", "2", "-o", png});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string bytes = read_file(png);
  REQUIRE(bytes.size() > 10000);
  CHECK(bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK(h.runs({"plot", "3", "--metric", "accuracy", "-o", h.dir.file("acc.png")}).exit_code == 0);
  CHECK(std::filesystem::exists(h.dir.file("acc.png")));

  result = h.runs({"plot", "2", "--metric", "f1", "-o", png});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("--metric"));
  CHECK(h.runs({"plot", "2"}).exit_code == 2);  // -o is required
  CHECK(h.runs({"plot", "2", "-o", h.dir.file("no/such/folder/x.png")}).exit_code == 2);
}

TEST_CASE("runs rm deletes a run with its folds, epochs and artifacts", "[store][cli]") {
  History h;
  auto result = h.runs({"rm", "2"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("deleted run 2"));
  CHECK(sql_int(h.db, "SELECT count(*) FROM runs") == 3);
  for (const char* table : {"epochs", "folds", "artifacts"})
    CHECK(sql_int(h.db, std::string("SELECT count(*) FROM ") + table + " WHERE run_id = 2") == 0);
  CHECK(sql_int(h.db, "SELECT count(*) FROM epochs WHERE run_id = 1") == 15);

  // An unknown id among several deletes nothing.
  result = h.runs({"rm", "1", "999"});
  CHECK(result.exit_code == 2);
  CHECK(sql_int(h.db, "SELECT count(*) FROM runs") == 3);
}

TEST_CASE("runs: help, unknown subcommands and a missing history", "[store][cli]") {
  History h;
  auto result = run_cnnlab({"runs", "--help"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("compare"));
  for (const char* sub : {"list", "show", "compare", "export", "plot", "rm"}) {
    result = run_cnnlab({"runs", sub, "--help"});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("--db"));
  }
  result = run_cnnlab({"runs", "lst"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("did you mean 'list'"));
  CHECK(run_cnnlab({"runs"}).exit_code == 2);

  result = run_cnnlab({"runs", "list", "--db", h.dir.file("none.db")});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("no run history"));
  CHECK_FALSE(std::filesystem::exists(h.dir.file("none.db")));

  // CNNLAB_DB names the history when --db is not given.
  result = run_cnnlab({"runs", "list", "--format", "json"}, {"CNNLAB_DB=" + h.db});
  CHECK(listed_ids(result).size() == 4);
}

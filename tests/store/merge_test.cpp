// `runs merge`: refusals before anything is written (sources of the wrong kind, copies of one run
// recorded with different experiments), one transaction, sources only read, and a merged history
// that depends on the set of sources only (not their order, not how often they were merged).
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cnnlab/host/run_store.hpp"
#include "cnnlab/host/runner.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

namespace fs = std::filesystem;

const std::string kRun = "c0ffee00-0000-8000-8000-000000000001";

// One cell's history as `run --cell` leaves it: the launch's run (2 cells) with fold `fold`, its
// epoch and model, then the times, host and pid given (so that merged values can be checked).
void record_cell(const std::string& db, int fold, const std::string& finished,
                 const std::string& fingerprint = "fp-1") {
  {
    auto store = RunStore::open(db);
    RunStart start;
    start.experiment = "exp";
    start.variant = "base";
    start.uuid = kRun;
    start.launch = "1a000000-0000-4000-8000-000000000000";
    start.fingerprint = fingerprint;
    start.resolved_yaml = "training:\n  epochs: 2\n";
    start.cells = 2;
    start.status = RunStatus::incomplete;
    const int64_t id = store.ensure_run(start);
    store.claim_run(id);
    EpochRecord epoch;
    epoch.epoch = 1;
    epoch.loss = 0.5 + fold;
    store.log_epoch(id, fold, epoch);
    FoldRecord record;
    record.fold = fold;
    record.best_epoch = 1;
    record.stopped_epoch = 1;
    record.test_accuracy = 0.5 + fold / 10.0;
    store.log_fold(id, record);
    store.add_artifact(id, fold, "model", "models/fold-" + std::to_string(fold) + ".cnnlab");
    store.settle_run(id, RunStatus::incomplete, "cells missing");
  }
  sql_exec(db, "UPDATE runs SET started_at = '2024-01-0" + std::to_string(fold) +
                   "T00:00:00.000Z', finished_at = '" + finished + "', heartbeat_at = '" +
                   finished + "', host = 'node" + std::to_string(fold) +
                   "', pid = " + std::to_string(100 + fold));
}

// Every row of `tables` in rowid order, each value with its type: equal dumps are equal
// contents, byte for byte.
std::string dump(const std::string& path, const std::vector<std::string>& tables = {
                                              "experiments", "runs", "folds", "epochs", "artifacts",
                                              "fold_classes", "confusion"}) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::ostringstream out;
  for (const std::string& table : tables) {
    sqlite3_stmt* select = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM " + table + " ORDER BY rowid").c_str(), -1,
                               &select, nullptr) == SQLITE_OK);
    out << table << "\n";
    while (sqlite3_step(select) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(select); ++c) {
        const auto* text = sqlite3_column_text(select, c);
        out << sqlite3_column_type(select, c) << ":"
            << (text ? reinterpret_cast<const char*>(text) : "") << "|";
      }
      out << "\n";
    }
    sqlite3_finalize(select);
  }
  sqlite3_close(db);
  return out.str();
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("merge refuses copies of a run recorded with different experiments, writing nothing",
          "[store][merge]") {
  TempDir dir;
  const std::string a = dir.file("a.db"), b = dir.file("b.db"), dest = dir.file("dest.db");
  record_cell(a, 1, "2024-02-01T00:00:00.000Z");
  record_cell(b, 2, "2024-02-02T00:00:00.000Z", "fp-2");

  const auto between_sources = run_merge({a, b}, dest);
  CHECK(between_sources.exit_code == 2);
  CHECK_THAT(between_sources.err,
             Catch::Contains("run " + kRun) && Catch::Contains(a) && Catch::Contains(b));
  CHECK(std::count(between_sources.err.begin(), between_sources.err.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(dest));

  REQUIRE(run_merge({a}, dest).exit_code == 0);
  const std::string before = dump(dest);
  auto store = RunStore::open(dest);
  try {
    store.merge_from(b);
    FAIL("merged a run recorded with another fingerprint");
  } catch (const StoreError& e) {
    CHECK(e.exit_code() == 2);
    CHECK_THAT(e.what(), Catch::Contains(dest) && Catch::Contains(b) && Catch::Contains(kRun));
  }
  CHECK(dump(dest) == before);
}

TEST_CASE("merge checks every source before it creates or writes the destination",
          "[store][merge]") {
  TempDir dir;
  const std::string good = dir.file("good.db"), text = dir.file("text.db"),
                    foreign = dir.file("foreign.db"), dest = dir.file("dest.db");
  record_cell(good, 1, "2024-02-01T00:00:00.000Z");
  std::ofstream(text) << "plain text, not SQLite at all\n";
  sql_exec(foreign, "CREATE TABLE notes (text TEXT)");

  const auto not_sqlite = run_merge({good, text}, dest);
  CHECK(not_sqlite.exit_code == 2);
  CHECK(not_sqlite.err ==
        "cnnlab: error: " + text + ": not a cnnlab run history (not an SQLite file)\n");
  CHECK_FALSE(fs::exists(dest));
  const auto alone = run_merge({text}, dest);
  CHECK(alone.exit_code == 2);
  CHECK_FALSE(fs::exists(dest));
  const auto other = run_merge({good, foreign}, dest);
  CHECK(other.exit_code == 2);
  CHECK(other.err == "cnnlab: error: " + foreign +
                         ": a SQLite database but not a cnnlab run history (it holds tables "
                         "notes)\n");
  CHECK_FALSE(fs::exists(dest));
  const auto folder = run_merge({dir.path()}, dest);
  CHECK(folder.exit_code == 2);
  CHECK_FALSE(fs::exists(dest));

  // An existing destination is left as it was.
  record_cell(dest, 2, "2024-02-02T00:00:00.000Z");
  const std::string before = dump(dest);
  CHECK(run_merge({good, text}, dest).exit_code == 2);
  CHECK(run_merge({good, foreign}, dest).exit_code == 2);
  CHECK(dump(dest) == before);
}

TEST_CASE("an empty source holds nothing to merge", "[store][merge]") {
  TempDir dir;
  const std::string empty = dir.file("empty.db"), good = dir.file("good.db");
  std::ofstream{empty};
  record_cell(good, 1, "2024-02-01T00:00:00.000Z");
  const auto r = run_merge({empty, good}, dir.file("dest.db"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("1 new run(s), 1 new fold(s)"));
  CHECK(fs::file_size(empty) == 0);
}

TEST_CASE("merge only reads its sources, even in a read-only folder", "[store][merge]") {
  TempDir dir;
  fs::create_directory(dir.file("cells"));
  const std::string source = dir.file("cells/cell.db");
  record_cell(source, 1, "2024-02-01T00:00:00.000Z");
  const std::string bytes = file_bytes(source);
  fs::permissions(dir.file("cells"),
                  fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  const auto r = run_merge({source}, dir.file("dest.db"));
  fs::permissions(dir.file("cells"), fs::perms::owner_write, fs::perm_options::add);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(file_bytes(source) == bytes);
  CHECK_FALSE(fs::exists(source + "-wal"));
  CHECK_FALSE(fs::exists(source + "-shm"));
}

TEST_CASE("the merged history depends on the sources, not their order nor repeated merges",
          "[store][merge]") {
  TempDir dir;
  const std::string a = dir.file("a.db"), b = dir.file("b.db");
  record_cell(a, 1, "2024-02-03T00:00:00.000Z");
  record_cell(b, 2, "2024-02-02T00:00:00.000Z");
  // The resolved YAML names the experiment file as each cell was given it; the fingerprint
  // does not, and decides.
  sql_exec(b, "UPDATE runs SET resolved_yaml = '# /abs/exp.yaml' || char(10) || resolved_yaml");

  REQUIRE(run_merge({a, b}, dir.file("ab.db")).exit_code == 0);
  REQUIRE(run_merge({b, a}, dir.file("ba.db")).exit_code == 0);
  const std::string merged = dump(dir.file("ab.db"));
  CHECK(dump(dir.file("ba.db")) == merged);

  // The earliest start, the latest finish, the writer alive last: not the merge's time.
  const std::string ab = dir.file("ab.db");
  CHECK(sql_text(ab, "SELECT status FROM runs") == "completed");
  CHECK(sql_text(ab, "SELECT started_at FROM runs") == "2024-01-01T00:00:00.000Z");
  CHECK(sql_text(ab, "SELECT finished_at FROM runs") == "2024-02-03T00:00:00.000Z");
  CHECK(sql_text(ab, "SELECT heartbeat_at FROM runs") == "2024-02-03T00:00:00.000Z");
  CHECK(sql_text(ab, "SELECT host || ' ' || pid FROM runs") == "node1 101");
  CHECK(sql_text(ab, "SELECT created_at FROM experiments") ==
        sql_text(a, "SELECT min(created_at) FROM experiments"));

  // Merging what adds nothing changes nothing.
  const auto again = run_merge({b, a}, ab);
  CHECK_THAT(again.out, Catch::Contains("0 new run(s), 0 new fold(s)"));
  CHECK(dump(ab) == merged);

  // One file after the other gives the run and experiment rows both at once give (the folds'
  // rows arrive in another order).
  REQUIRE(run_merge({b}, dir.file("one_by_one.db")).exit_code == 0);
  REQUIRE(run_merge({a}, dir.file("one_by_one.db")).exit_code == 0);
  CHECK(dump(dir.file("one_by_one.db"), {"experiments", "runs"}) ==
        dump(ab, {"experiments", "runs"}));
}

TEST_CASE("runs export has every run column", "[store][merge]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  record_cell(db, 1, "2024-02-01T00:00:00.000Z");
  const auto r = run_cnnlab({"runs", "export", "--db", db});
  REQUIRE(r.exit_code == 0);
  const std::string header = r.out.substr(0, r.out.find('\n'));
  for (const char* column : {"heartbeat_at", "process_start", "launch", "fingerprint",
                             "variant_index", "cells", "workdir", "data_identity"})
    CHECK_THAT("," + header + ",", Catch::Contains(std::string(",") + column + ","));
  const auto folds = run_cnnlab({"runs", "export", "--folds", "--db", db});
  CHECK_THAT(folds.out, Catch::Contains("train_samples,validation_samples"));
}

TEST_CASE("the comparison table shows - as the best epoch of a variant without folds",
          "[store][merge]") {
  ExperimentResult result;
  result.variants.resize(2);
  result.variants[0].name = "base";
  result.variants[0].folds.resize(1);
  result.variants[0].folds[0].best_epoch = 3;
  result.variants[1].name = "empty";
  result.variants[1].status = RunStatus::incomplete;
  const std::string table = comparison_table(result);
  CHECK_THAT(table, Catch::Contains("3.0"));
  const std::string empty_row = table.substr(table.find("empty"));
  CHECK_THAT(empty_row, !Catch::Contains("0.0"));
  CHECK_THAT(empty_row, Catch::Matches("empty +incomplete +0 +- +- +- +- +0 +- +-\n"));
}

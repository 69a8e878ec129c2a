// The writer API: what begin_run / log_* / finish_run put in the file, uuids, NULLs for
// missing metrics, and the recovery of runs whose process died.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <set>

#include "cnnlab/host/run_store.hpp"
#include "cnnlab/version.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

RunStart sample_start(const std::string& variant = "base") {
  RunStart start;
  start.experiment = "exp";
  start.variant = variant;
  start.seed = 123;
  start.config_yaml = "name: exp\n";
  start.resolved_yaml = "name: exp\nseed: 123\n";
  start.params = {{"dropout", "0.25"}, {"note", "a \"quoted\" \\ value"}};
  start.monitor = "val_accuracy";
  start.threads = 4;
  return start;
}

std::string hostname() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

// A pid that certainly belongs to no process: one of ours that has been reaped.
int64_t dead_pid() {
  ChildProcess child({"/bin/true"});
  child.wait();
  return child.pid();
}

}  // namespace

TEST_CASE("begin_run records who, what and when, with a fresh uuid v4", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  auto store = RunStore::open(db);
  const int64_t id = store.begin_run(sample_start());
  const RunInfo run = store.load_run(id).run;
  CHECK(run.experiment == "exp");
  CHECK(run.variant == "base");
  CHECK(run.status == RunStatus::running);
  CHECK(run.seed == 123);
  CHECK(run.resolved_yaml == "name: exp\nseed: 123\n");
  CHECK(run.params == sample_start().params);
  CHECK(run.monitor == "val_accuracy");
  CHECK(run.threads == 4);
  CHECK(run.cnnlab_version == version_string());
  CHECK(run.host == hostname());
  CHECK(run.pid == getpid());
  CHECK(run.finished_at.empty());
  CHECK(std::regex_match(run.started_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  CHECK(std::regex_match(
      run.uuid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  // params_json is plain JSON that sqlite3's JSON functions read.
  CHECK(sql_text(db, "SELECT json_extract(params_json, '$.note') FROM runs") ==
        "a \"quoted\" \\ value");
}

TEST_CASE("params_json edited by hand still reads back", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  auto store = RunStore::open(db);
  const int64_t id = store.begin_run(sample_start());
  sql_exec(db, R"(UPDATE runs SET params_json =
      '{ "dropout" : 0.5, "name": "caf\u00e9 \ud83d\ude00 \"q\"", "bn": true }')");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"dropout", "0.5"}, {"name", "caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\""}, {"bn", "true"}};
  CHECK(store.load_run(id).run.params == expected);
  sql_exec(db, "UPDATE runs SET params_json = '[1, 2]'");
  const auto damaged = store.load_run(id).run.params;
  REQUIRE(damaged.size() == 1);
  CHECK(damaged[0].first == "damaged_params_json");
  CHECK(damaged[0].second.find("not a flat JSON object") != std::string::npos);
}

TEST_CASE("uuids differ across runs and seeds keep all 64 bits", "[store][writer]") {
  TempDir dir;
  auto store = RunStore::open(dir.file("h.db"));
  std::set<std::string> uuids;
  for (int i = 0; i < 50; ++i)
    uuids.insert(store.load_run(store.begin_run(sample_start())).run.uuid);
  CHECK(uuids.size() == 50);
  RunStart big = sample_start();
  big.seed = 0xFEDCBA9876543210ull;
  CHECK(store.load_run(store.begin_run(big)).run.seed == 0xFEDCBA9876543210ull);
  CHECK(sql_int(dir.file("h.db"), "SELECT count(*) FROM experiments") == 1);
}

TEST_CASE("epochs, folds and artifacts land in their tables with NaN as NULL", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  auto store = RunStore::open(db);
  const int64_t id = store.begin_run(sample_start());
  EpochRecord e1;
  e1.epoch = 1;
  e1.loss = 0.5;
  e1.accuracy = 0.8;
  e1.seconds = 2.5;  // no validation data: val_* stay NaN
  store.log_epoch(id, 0, e1);
  EpochRecord e2 = e1;
  e2.epoch = 2;
  e2.loss = std::nan("");
  store.log_epoch(id, 0, e2);
  e2.loss = 0.25;  // the same epoch again replaces it
  store.log_epoch(id, 0, e2);
  FoldRecord fold;
  fold.fold = 0;
  fold.diverged = true;
  fold.stopped_epoch = 2;
  store.log_fold(id, fold);
  store.add_artifact(id, 0, "model", "/tmp/best.cnnlab");
  store.finish_run(id, RunStatus::diverged, "loss became NaN at epoch 2");

  CHECK(sql_int(db, "SELECT count(*) FROM epochs") == 2);
  CHECK(sql_int(db, "SELECT count(*) FROM epochs WHERE val_loss IS NULL") == 2);
  CHECK(sql_text(db, "SELECT loss FROM epochs WHERE epoch = 2") == "0.25");
  CHECK(sql_text(db, "SELECT status FROM folds") == "diverged");
  CHECK(sql_int(db, "SELECT best_epoch IS NULL FROM folds") == 1);
  const RunDetail detail = store.load_run(id);
  CHECK(detail.run.status == RunStatus::diverged);
  CHECK(detail.run.error == "loss became NaN at epoch 2");
  CHECK_FALSE(detail.run.finished_at.empty());
  REQUIRE(detail.epochs.at(0).size() == 2);
  CHECK(std::isnan(detail.epochs.at(0)[0].val_loss));
  CHECK(detail.folds.at(0).diverged);
  CHECK(detail.artifacts.at(0).kind == "model");
}

TEST_CASE("writing to an unknown run or finishing as running is an error", "[store][writer]") {
  TempDir dir;
  auto store = RunStore::open(dir.file("h.db"));
  EpochRecord epoch;
  epoch.epoch = 1;
  CHECK_THROWS_AS(store.log_epoch(99, 0, epoch), StoreError);
  CHECK_THROWS_AS(store.finish_run(99, RunStatus::completed), StoreError);
  const int64_t id = store.begin_run(sample_start());
  CHECK_THROWS_AS(store.finish_run(id, RunStatus::running), StoreError);
  CHECK_THROWS_AS(parse_run_status("complete"), ConfigError);
  CHECK(parse_run_status("interrupted") == RunStatus::interrupted);
}

TEST_CASE("heartbeat refreshes heartbeat_at of a known run", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  int64_t id = 0;
  {
    auto store = RunStore::open(db);
    id = store.begin_run(sample_start());
  }
  sql_exec(db, "UPDATE runs SET heartbeat_at = '2001-01-01T00:00:00.000Z'");
  auto store = RunStore::open(db);
  store.heartbeat(id);
  CHECK(sql_text(db, "SELECT heartbeat_at FROM runs") > "2001-01-01T00:00:00.000Z");
  CHECK_THROWS_AS(store.heartbeat(id + 1), StoreError);
}

TEST_CASE("opening marks runs of dead processes interrupted and leaves live ones",
          "[store][writer][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  int64_t dead = 0, alive = 0, far_silent = 0, far_recent = 0;
  {
    auto store = RunStore::open(db);
    dead = store.begin_run(sample_start("dead"));
    alive = store.begin_run(sample_start("alive"));
    far_silent = store.begin_run(sample_start("far-silent"));
    far_recent = store.begin_run(sample_start("far-recent"));
    EpochRecord epoch;
    epoch.epoch = 1;
    store.log_epoch(dead, 0, epoch);
  }
  sql_exec(db, "UPDATE runs SET pid = " + std::to_string(dead_pid()) +
                   ", process_start = NULL WHERE id = " + std::to_string(dead));
  sql_exec(db,
           "UPDATE runs SET host = 'elsewhere', heartbeat_at = "
           "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 hours') WHERE id = " +
               std::to_string(far_silent));
  sql_exec(db, "UPDATE runs SET host = 'elsewhere' WHERE id = " + std::to_string(far_recent));

  auto store = RunStore::open(db);
  CHECK(store.recovered_runs() == 2);
  const RunInfo dead_run = store.load_run(dead).run;
  CHECK(dead_run.status == RunStatus::interrupted);
  CHECK_THAT(dead_run.error, Catch::Contains("ended without finishing"));
  CHECK_FALSE(dead_run.finished_at.empty());
  CHECK(store.load_run(dead).epochs.at(0).size() == 1);
  CHECK(store.load_run(far_silent).run.status == RunStatus::interrupted);
  CHECK_THAT(store.load_run(far_silent).run.error, Catch::Contains("no heartbeat from elsewhere"));
  CHECK(store.load_run(alive).run.status == RunStatus::running);  // this very process
  CHECK(store.load_run(far_recent).run.status == RunStatus::running);
}

TEST_CASE("a reused pid (same number, another start time) counts as dead",
          "[store][writer][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  int64_t id = 0;
  {
    auto store = RunStore::open(db);
    id = store.begin_run(sample_start());
  }
  // Our own pid, but recorded with a start time this process does not have.
  sql_exec(db,
           "UPDATE runs SET process_start = process_start + 1 WHERE id = " + std::to_string(id));
  auto store = RunStore::open(db);
  CHECK(store.load_run(id).run.status == RunStatus::interrupted);
}

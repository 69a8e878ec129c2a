// Schema v4's additions: each epoch's learning rate and each fold's test confusion matrix with
// its class names, written, read back, merged and deleted with their run.
#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/host/run_store.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

RunStart start_of(const std::string& uuid) {
  RunStart start;
  start.experiment = "exp";
  start.variant = "base";
  start.uuid = uuid;
  start.cells = 1;
  return start;
}

FoldRecord fold_with_confusion() {
  FoldRecord fold;
  fold.fold = 1;
  fold.best_epoch = 1;
  fold.stopped_epoch = 1;
  fold.test_accuracy = 0.7;
  fold.class_names = {"cat", "dog", "bird"};
  fold.test_confusion = {{5, 1, 0}, {0, 4, 2}, {0, 0, 0}};
  return fold;
}

void record_run(RunStore& store, const std::string& uuid) {
  const int64_t id = store.begin_run(start_of(uuid));
  EpochRecord epoch;
  epoch.epoch = 1;
  epoch.loss = 0.5;
  epoch.learning_rate = 0.0125;
  store.log_epoch(id, 1, epoch);
  store.log_fold(id, fold_with_confusion());
  store.finish_run(id, RunStatus::completed);
}

}  // namespace

TEST_CASE("the learning rate and the confusion matrix read back as written", "[store][v4]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  auto store = RunStore::open(db);
  record_run(store, "11111111-0000-4000-8000-000000000001");
  const RunDetail detail = store.load_run(store.find_run("11111111"));
  CHECK(detail.epochs.at(1).at(0).learning_rate == 0.0125);
  REQUIRE(detail.folds.size() == 1);
  CHECK(detail.folds[0].class_names == std::vector<std::string>{"cat", "dog", "bird"});
  CHECK(detail.folds[0].test_confusion == fold_with_confusion().test_confusion);
  // Only the non-zero cells are rows; the class without samples still has its name.
  CHECK(sql_int(db, "SELECT count(*) FROM confusion") == 4);
  CHECK(sql_int(db, "SELECT count FROM confusion WHERE true_class = 1 AND predicted_class = 2") ==
        2);
  CHECK(sql_text(db, "SELECT name FROM fold_classes WHERE class = 2") == "bird");
}

TEST_CASE("an epoch without a rate and a fold without a test set store NULL and nothing",
          "[store][v4]") {
  TempDir dir;
  auto store = RunStore::open(dir.file("h.db"));
  const int64_t id = store.begin_run(start_of(""));
  EpochRecord epoch;
  epoch.epoch = 1;
  store.log_epoch(id, 0, epoch);
  FoldRecord fold;
  store.log_fold(id, fold);
  const RunDetail detail = store.load_run(id);
  CHECK(std::isnan(detail.epochs.at(0).at(0).learning_rate));
  CHECK(detail.folds.at(0).class_names.empty());
  CHECK(detail.folds.at(0).test_confusion.empty());
}

TEST_CASE("recording a fold again replaces its matrix, and rm removes it", "[store][v4]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  auto store = RunStore::open(db);
  const int64_t id = store.begin_run(start_of(""));
  store.log_fold(id, fold_with_confusion());
  FoldRecord again = fold_with_confusion();
  again.test_confusion = {{6, 0, 0}, {0, 6, 0}, {0, 0, 0}};
  store.log_fold(id, again);
  CHECK(store.load_run(id).folds.at(0).test_confusion == again.test_confusion);
  CHECK(sql_int(db, "SELECT count(*) FROM confusion") == 2);
  store.remove_run(id);
  CHECK(sql_int(db, "SELECT count(*) FROM confusion") == 0);
  CHECK(sql_int(db, "SELECT count(*) FROM fold_classes") == 0);
}

TEST_CASE("merge copies learning rates and confusion matrices once", "[store][v4]") {
  TempDir dir;
  {
    auto cell = RunStore::open(dir.file("cell.db"));
    record_run(cell, "22222222-0000-4000-8000-000000000002");
  }
  auto dest = RunStore::open(dir.file("dest.db"));
  dest.merge_from(dir.file("cell.db"));
  dest.merge_from(dir.file("cell.db"));
  const RunDetail detail = dest.load_run(dest.find_run("22222222"));
  CHECK(detail.epochs.at(1).at(0).learning_rate == 0.0125);
  CHECK(detail.folds.at(0).class_names == fold_with_confusion().class_names);
  CHECK(detail.folds.at(0).test_confusion == fold_with_confusion().test_confusion);
  CHECK(sql_int(dir.file("dest.db"), "SELECT count(*) FROM confusion") == 4);
}

TEST_CASE(
    "a hand-edited confusion row beyond the class names widens the matrix, a huge one is "
    "ignored",
    "[store][v4]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  int64_t id = 0;
  {
    auto store = RunStore::open(db);
    id = store.begin_run(start_of(""));
    store.log_fold(id, fold_with_confusion());
  }
  sql_exec(db, "INSERT INTO confusion VALUES (" + std::to_string(id) +
                   ", 1, 4, 0, 3);"
                   "INSERT INTO confusion VALUES (" +
                   std::to_string(id) + ", 1, 0, 4000000000, 1);");
  auto store = RunStore::open(db);
  const FoldRecord fold = store.load_run(id).folds.at(0);
  REQUIRE(fold.test_confusion.size() == 5);
  CHECK(fold.test_confusion[4][0] == 3);
  CHECK(fold.class_names.size() == 5);
  CHECK(fold.class_names[4] == "4");
}

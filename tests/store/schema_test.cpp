// Creating a history, migrating an older one, and refusing files that are not ours.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "cnnlab/host/run_store.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

int exit_code_of_open(const std::string& path, std::string& message) {
  try {
    RunStore::open(path);
  } catch (const Error& e) {
    message = e.what();
    return e.exit_code();
  }
  return 0;
}

}  // namespace

TEST_CASE("a new history gets the current schema, WAL and the cnnlab marker", "[store][schema]") {
  TempDir dir;
  const std::string db = dir.file("cnnlab.db");
  { auto store = RunStore::open(db); }
  CHECK(sql_int(db, "PRAGMA user_version") == RunStore::kSchemaVersion);
  CHECK(sql_int(db, "PRAGMA application_id") == 0x636E6E6C);
  CHECK(sql_text(db, "PRAGMA journal_mode") == "wal");
  for (const char* table : {"experiments", "runs", "folds", "epochs", "artifacts"})
    CHECK(sql_int(db, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                  "AND name = '") +
                          table + "'") == 1);
  CHECK(sql_int(db, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'monitor'") == 1);
  CHECK(sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'runs_by_experiment'") == 1);
  // Opening again changes nothing.
  { auto store = RunStore::open(db); }
  CHECK(sql_int(db, "PRAGMA user_version") == RunStore::kSchemaVersion);
}

TEST_CASE("a version 1 history is migrated to the current schema with its runs intact",
          "[store][schema]") {
  TempDir dir;
  const std::string db = dir.file("old.db");
  sql_exec(db, read_file(std::string(STORE_FIXTURE_DIR) + "/history_v1.sql"));
  REQUIRE(sql_int(db, "PRAGMA user_version") == 1);
  REQUIRE(sql_int(db, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'monitor'") ==
          0);

  auto store = RunStore::open(db);
  CHECK(sql_int(db, "PRAGMA user_version") == RunStore::kSchemaVersion);
  CHECK(sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'runs_by_experiment'") == 1);
  const RunDetail old = store.load_run(store.find_run("0b5e2f4a"));
  CHECK(old.run.experiment == "old_experiment");
  CHECK(old.run.monitor == "val_loss");           // the v2 column's default for rows v1 wrote
  CHECK(old.run.status == RunStatus::completed);  // another host's finished run is left alone
  CHECK(old.run.params == std::vector<std::pair<std::string, std::string>>{{"dropout", "0.1"}});
  REQUIRE(old.folds.size() == 1);
  CHECK(old.folds[0].test_accuracy == Approx(0.87));
  CHECK(old.epochs.at(0).size() == 3);
  REQUIRE(old.artifacts.size() == 1);
  CHECK(old.artifacts[0].path == "/old/model.cnnlab");

  // The migrated file takes new runs next to the old one.
  RunStart start;
  start.experiment = "old_experiment";
  start.variant = "new";
  start.monitor = "val_accuracy";
  const int64_t id = store.begin_run(start);
  CHECK(store.load_run(id).run.monitor == "val_accuracy");
  CHECK(sql_int(db, "SELECT count(*) FROM experiments") == 1);
}

TEST_CASE("a version 3 history is migrated to version 4 with every run, fold and epoch",
          "[store][schema]") {
  TempDir dir;
  const std::string db = dir.file("v3.db");
  sql_exec(db, read_file(std::string(STORE_FIXTURE_DIR) + "/history_v3.sql"));
  REQUIRE(sql_int(db, "PRAGMA user_version") == 3);

  auto store = RunStore::open(db);
  CHECK(sql_int(db, "PRAGMA user_version") == RunStore::kSchemaVersion);
  CHECK(sql_int(db, "SELECT count(*) FROM runs") == 4);
  CHECK(sql_int(db, "SELECT count(*) FROM folds") == 8);
  CHECK(sql_int(db, "SELECT count(*) FROM epochs") == 24);
  CHECK(sql_int(db, "SELECT count(*) FROM artifacts") == 8);
  const RunDetail old = store.load_run(store.find_run("b51867f0"));
  CHECK(old.run.variant == "dropout=0.0,bn=true");
  CHECK(old.run.cells == 2);
  CHECK(old.run.launch == "2d62553e-324d-48d4-a809-0d7831a6daad");
  REQUIRE(old.folds.size() == 2);
  CHECK(old.folds[0].train_samples > 0);
  CHECK(old.folds[0].test_confusion.empty());  // recorded before v4: the report says so
  CHECK(std::isnan(old.epochs.at(1).at(0).learning_rate));
}

TEST_CASE("a file that is not SQLite is refused and left untouched", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.file("notes.db");
  write_file(path, "these are my notes, not a database\n");
  std::string message;
  CHECK(exit_code_of_open(path, message) == 2);
  CHECK_THAT(message, Catch::Contains("not a SQLite database"));
  CHECK_THAT(message, Catch::Contains("notes.db"));
  CHECK(read_file(path) == "these are my notes, not a database\n");
}

TEST_CASE("another program's SQLite database is refused and left untouched", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.file("other.db");
  sql_exec(path,
           "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL);"
           "INSERT INTO invoices VALUES (1, 9.5);");
  const std::string before = read_file(path);
  std::string message;
  CHECK(exit_code_of_open(path, message) == 2);
  CHECK_THAT(message, Catch::Contains("not a cnnlab run history"));
  CHECK_THAT(message, Catch::Contains("invoices"));
  CHECK(read_file(path) == before);
  CHECK(sql_text(path, "PRAGMA journal_mode") == "delete");  // not switched to WAL
  CHECK_THROWS_AS(RunStore::open_existing(path), StoreError);
}

TEST_CASE("a SQLite database with a foreign version and no tables is refused", "[store][schema]") {
  TempDir dir;
  const std::string path = dir.file("versioned.db");
  sql_exec(path, "PRAGMA user_version = 7");
  std::string message;
  CHECK(exit_code_of_open(path, message) == 2);
  CHECK_THAT(message, Catch::Contains("no cnnlab marker"));
}

TEST_CASE("a history written by a newer cnnlab is refused, naming both versions",
          "[store][schema]") {
  TempDir dir;
  const std::string db = dir.file("cnnlab.db");
  { auto store = RunStore::open(db); }
  const int newer = RunStore::kSchemaVersion + 1;
  sql_exec(db, "PRAGMA user_version = " + std::to_string(newer));
  std::string message;
  CHECK(exit_code_of_open(db, message) == 2);
  CHECK_THAT(message, Catch::Contains("newer cnnlab"));
  CHECK_THAT(message, Catch::Contains("version " + std::to_string(newer)));
  CHECK_THAT(message, Catch::Contains(std::to_string(RunStore::kSchemaVersion)));
  CHECK_THROWS_AS(RunStore::open_existing(db), StoreError);
  CHECK(sql_int(db, "PRAGMA user_version") == newer);
}

TEST_CASE("a read-only history is refused for writing but can be read", "[store][schema]") {
  TempDir dir;
  const std::string db = dir.file("cnnlab.db");
  {
    auto store = RunStore::open(db);
    fill_history(store);
  }
  // Let the WAL go so that the read-only file is the whole history.
  sql_exec(db, "PRAGMA journal_mode = DELETE");
  chmod(db.c_str(), 0444);
  std::string message;
  CHECK(exit_code_of_open(db, message) == 2);
  CHECK_THAT(message, Catch::Contains("read-only"));

  auto reader = RunStore::open_existing(db);
  CHECK(reader.list_runs(RunQuery{}).rows.size() == 4);
  CHECK_THROWS_AS(reader.remove_run(1), StoreError);
  chmod(db.c_str(), 0644);
}

TEST_CASE("a history in a read-only folder is refused", "[store][schema]") {
  TempDir dir;
  const std::string folder = dir.file("locked");
  std::filesystem::create_directory(folder);
  chmod(folder.c_str(), 0555);
  std::string message;
  CHECK(exit_code_of_open(folder + "/cnnlab.db", message) == 2);
  CHECK_THAT(message, Catch::Contains("read-only"));
  CHECK_FALSE(std::filesystem::exists(folder + "/cnnlab.db"));
  chmod(folder.c_str(), 0755);
}

TEST_CASE("reading a history that does not exist fails without creating it", "[store][schema]") {
  TempDir dir;
  try {
    RunStore::open_existing(dir.file("missing.db"));
    FAIL("no error");
  } catch (const StoreError& e) {
    CHECK(e.exit_code() == 2);
    CHECK_THAT(e.what(), Catch::Contains("no run history"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("missing.db")));
}

TEST_CASE("the database path comes from --db, else CNNLAB_DB, else cnnlab.db", "[store][schema]") {
  unsetenv("CNNLAB_DB");
  CHECK(resolve_db_path("") == "cnnlab.db");
  setenv("CNNLAB_DB", "/data/history.db", 1);
  CHECK(resolve_db_path("") == "/data/history.db");
  CHECK(resolve_db_path("mine.db") == "mine.db");
  setenv("CNNLAB_DB", "", 1);
  CHECK(resolve_db_path("") == "cnnlab.db");
  unsetenv("CNNLAB_DB");
}

// Cells spread out: `cnnlab plan`, `run --cell` into separate histories merged by `runs merge`
// (in any order, any number of times), and `run --jobs`: each gives the history a local run
// gives.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <regex>
#include <sstream>
#include <thread>

#include "scale_out_support.hpp"

using namespace cnnlab::test;

namespace {

std::string cell_db(const ScaleOutWorkspace& w, int cell) {
  return w.dir.file("cell-" + std::to_string(cell) + ".db");
}

void run_cell(const ScaleOutWorkspace& w, int cell) {
  const auto r = run_cnnlab({"run", w.yaml(), "--cell", std::to_string(cell), "--db",
                             cell_db(w, cell), "--models-dir", w.dir.file("cell-models")});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Cell " + std::to_string(cell) + " of launch"));
}

}  // namespace

TEST_CASE("plan lists every cell with its fingerprint, which follows the experiment and data",
          "[runner][scale-out]") {
  ScaleOutWorkspace w;
  const auto table = run_cnnlab({"plan", w.yaml()});
  INFO(table.out << table.err);
  REQUIRE(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Contains("6 cell(s)"));
  CHECK_THAT(table.out, Catch::Contains("train-images-idx3-ubyte"));
  const auto json = run_cnnlab({"plan", w.yaml(), "--format", "json", "--variant", "dropout"});
  REQUIRE(json.exit_code == 0);
  CHECK_THAT(
      json.out,
      Catch::Contains(
          R"("cell": 3, "variant": "dropout", "fold": 1, "train": 1000, "validation": 500)"));
  CHECK_THAT(json.out, !Catch::Contains(R"("variant": "plain")"));

  const auto fingerprint = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{"plan", w.yaml(), "--format", "csv"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_cnnlab(args);
    REQUIRE(r.exit_code == 0);
    return r.out.substr(r.out.rfind(',') + 1);
  };
  const std::string original = fingerprint({});
  CHECK(original.size() == 65);  // 64 hex digits and the line's end
  CHECK(fingerprint({}) == original);
  CHECK(fingerprint({"--set", "training.epochs=5"}) != original);
  // Key order is layout: neither the order of --set options nor that of a file's keys counts.
  const std::vector<std::string> two_sets{"--set", "training.epochs=5", "--set",
                                          "training.batch_size=8"};
  CHECK(fingerprint(two_sets) == fingerprint({two_sets[2], two_sets[3], two_sets[0], two_sets[1]}));
  std::string text = kScaleOutExperiment;
  const std::string seed_line = "seed: 11\n";
  text.erase(text.find(seed_line), seed_line.size());
  write_file(w.yaml(), text + seed_line);
  CHECK(fingerprint({}) == original);
  const std::string images = w.dir.file("data/t10k-images-idx3-ubyte");
  std::filesystem::last_write_time(
      images, std::filesystem::last_write_time(images) + std::chrono::seconds(3));
  CHECK(fingerprint({}) != original);
}

TEST_CASE("cells run separately and merged in any order, twice, equal the local run",
          "[runner][scale-out]") {
  ScaleOutWorkspace w;
  const auto local = run_cnnlab(w.run_args("local"));
  REQUIRE(local.exit_code == 0);
  const std::string expected = history_text(w.dir.file("local.db"));

  for (int cell = 0; cell < 6; ++cell) run_cell(w, cell);
  // The same cell run again finds it finished and changes nothing.
  const auto again = run_cnnlab({"run", w.yaml(), "--cell", "2", "--db", cell_db(w, 2),
                                 "--models-dir", w.dir.file("cell-models")});
  CHECK_THAT(again.out, Catch::Contains("finished earlier, kept"));

  // Half the cells first: the runs are incomplete and the missing cells are named.
  const auto partial = run_merge({cell_db(w, 0), cell_db(w, 4)}, w.dir.file("forward.db"));
  INFO(partial.out << partial.err);
  REQUIRE(partial.exit_code == 0);
  CHECK_THAT(partial.out, Catch::Contains("incomplete"));
  CHECK_THAT(partial.out, Catch::Contains("Incomplete: 4 of 6 cells missing: 1 (plain, fold 2) "
                                          "2 (plain, fold 3) 3 (dropout, fold 1) 5 (dropout, "
                                          "fold 3)"));
  std::vector<std::string> all;
  for (int cell = 0; cell < 6; ++cell) all.push_back(cell_db(w, cell));
  REQUIRE(run_merge(all, w.dir.file("forward.db")).exit_code == 0);
  REQUIRE(run_merge(all, w.dir.file("forward.db")).exit_code == 0);
  const std::vector<std::string> reversed(all.rbegin(), all.rend());
  const auto backward = run_merge(reversed, w.dir.file("backward.db"));
  INFO(backward.out << backward.err);
  REQUIRE(backward.exit_code == 0);
  CHECK_THAT(backward.out, !Catch::Contains("Incomplete"));

  // The local run's table, from the merged history (the seconds column aside).
  const auto table_rows = [](const std::string& out) {
    std::string rows;
    std::istringstream in(out);
    const std::regex seconds(R"((  \d+\.\d)  +\d+  +)");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("plain ", 0) == 0 || line.rfind("dropout ", 0) == 0)
        rows += std::regex_replace(line, seconds, "$1  ") + "\n";
    return rows;
  };
  CHECK_THAT(table_rows(local.out), Catch::Contains("completed"));
  CHECK(table_rows(backward.out) == table_rows(local.out));

  std::string forward = history_text(w.dir.file("forward.db"));
  std::string backward_text = history_text(w.dir.file("backward.db"));
  CHECK(forward == backward_text);
  // A launch of cells and a local launch compute the same; only the fingerprints' runs match.
  CHECK(forward == expected);
}

TEST_CASE("runs merge refuses what is not a cnnlab history of this schema", "[runner][scale-out]") {
  ScaleOutWorkspace w;
  const std::string foreign = w.dir.file("foreign.db");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(foreign.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE notes (text TEXT)", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  const auto r = run_merge({foreign}, w.dir.file("main.db"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("cnnlab: error: " + foreign +
                                      ": a SQLite database but not a cnnlab run history"));
  write_file(w.dir.file("text.db"), "plain text, not SQLite at all\n");
  const auto text = run_merge({w.dir.file("text.db")}, w.dir.file("main.db"));
  CHECK(text.exit_code != 0);
  CHECK_THAT(text.err, Catch::StartsWith("cnnlab: error: "));
  const auto missing = run_merge({w.dir.file("nothing.db")}, w.dir.file("main.db"));
  CHECK(missing.exit_code == 2);
}

TEST_CASE("a cell that another process is training is refused, not trained twice",
          "[runner][scale-out]") {
  ScaleOutWorkspace w;
  const std::vector<std::string> cell{"--cell", "0",
                                      "--set",  "training.epochs=1000",
                                      "--set",  "training.early_stopping.patience=1000"};
  const pid_t first = start_cnnlab(w.run_args("c", cell));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (committed_epochs(w.dir.file("c.db")) < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto second = run_cnnlab(w.run_args("c", cell));
  kill_hard(first);
  INFO(second.out << second.err);
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.err, Catch::StartsWith("cnnlab: error: variant 'plain', fold 1 is being "
                                           "trained by another process now"));
}

TEST_CASE("run --jobs 2 equals run --jobs 1", "[runner][scale-out]") {
  ScaleOutWorkspace w;
  const auto one = run_cnnlab(w.run_args("one"));
  REQUIRE(one.exit_code == 0);
  const auto two = run_cnnlab(w.run_args("two", {"--jobs", "2"}));
  INFO(two.out << two.err);
  REQUIRE(two.exit_code == 0);
  CHECK_THAT(two.out, Catch::Contains("6 of 6 cells to run, 2 at a time"));
  CHECK(history_text(w.dir.file("two.db")) == history_text(w.dir.file("one.db")));
}

// `cnnlab run --resume`: kill -9 at any moment, resume, and the history and fold models are
// bit-identical to a run never interrupted; a changed experiment or dataset is refused.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "scale_out_support.hpp"

using namespace cnnlab::test;

namespace {

// Kills a fresh run once `ready(db)` holds, `delay_ms` later.
template <typename Ready>
void run_and_kill(const ScaleOutWorkspace& w, const std::string& name, Ready ready, int delay_ms) {
  const pid_t pid = start_cnnlab(w.run_args(name, {"--threads", "2"}));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!ready(w.dir.file(name + ".db")) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  REQUIRE(kill_hard(pid));
}

}  // namespace

TEST_CASE("kill -9 at random moments, then resume: bit-identical to an uninterrupted run",
          "[runner][resume]") {
  ScaleOutWorkspace w;
  const auto reference = run_cnnlab(w.run_args("reference"));
  INFO(reference.out << reference.err);
  REQUIRE(reference.exit_code == 0);
  const std::string expected = history_text(w.dir.file("reference.db"));
  REQUIRE_THAT(expected, Catch::Contains("completed"));

  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> delay(0, 120);
  struct Moment {
    const char* what;
    int epochs;  // committed epochs to wait for (mid-epoch or during a checkpoint write)
    int folds;   // or committed folds (between cells)
  };
  const Moment moments[] = {{"in the first epochs", 2, 0},
                            {"mid-run", 9, 0},
                            {"between cells", 0, 2},
                            {"late in the second variant", 0, 4}};
  int case_index = 0;
  for (const Moment& moment : moments) {
    const int ms = delay(random);
    const std::string name = "killed" + std::to_string(case_index++);
    INFO(moment.what << ", " << ms << " ms after");
    run_and_kill(
        w, name,
        [&](const std::string& db) {
          return moment.folds > 0 ? committed_folds(db) >= moment.folds
                                  : committed_epochs(db) >= moment.epochs;
        },
        ms);
    const auto resumed = run_cnnlab(w.run_args(name, {"--resume", "--threads", "1"}));
    INFO(resumed.out << resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK(history_text(w.dir.file(name + ".db")) == expected);
    // Finished cells leave no checkpoint behind.
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(w.dir.file(name + "-models")))
      CHECK(entry.path().extension() != ".checkpoint");
  }
}

TEST_CASE("resume continues from the checkpoint, losing at most the epoch in flight",
          "[runner][resume]") {
  ScaleOutWorkspace w;
  run_and_kill(
      w, "a", [](const std::string& db) { return committed_epochs(db) >= 3; }, 0);
  const auto resumed = run_cnnlab(w.run_args("a", {"--resume"}));
  INFO(resumed.out << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("Continuing from the checkpoint after epoch"));
  const auto again = run_cnnlab(w.run_args("a", {"--resume"}));
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::StartsWith("cnnlab: error: --resume: experiment 'strokes-scale' "
                                          "has no interrupted, failed or incomplete run"));
}

TEST_CASE("resume refuses a changed experiment, --set or dataset, naming what changed",
          "[runner][resume]") {
  ScaleOutWorkspace w;
  run_and_kill(
      w, "a", [](const std::string& db) { return committed_epochs(db) >= 2; }, 0);

  const auto changed_set = run_cnnlab(w.run_args("a", {"--resume", "--set", "training.epochs=7"}));
  CHECK(changed_set.exit_code == 2);
  CHECK_THAT(changed_set.err,
             Catch::Contains("the experiment changed") && Catch::Contains("epochs: 7"));

  const std::string yaml = read_file(w.yaml());
  write_file(w.yaml(), yaml + "# a comment changes nothing that runs\n");
  write_file(w.yaml(), std::string(yaml).replace(yaml.find("rate: 0.005"), 11, "rate: 0.006"));
  const auto changed_yaml = run_cnnlab(w.run_args("a", {"--resume"}));
  CHECK(changed_yaml.exit_code == 2);
  CHECK_THAT(changed_yaml.err, Catch::Contains("learning_rate: 0.006"));
  write_file(w.yaml(), yaml);

  const std::string labels = w.dir.file("data/train-labels-idx1-ubyte");
  const auto original_time = std::filesystem::last_write_time(labels);
  std::filesystem::last_write_time(labels, original_time + std::chrono::seconds(5));
  const auto changed_data = run_cnnlab(w.run_args("a", {"--resume"}));
  CHECK(changed_data.exit_code == 2);
  CHECK_THAT(changed_data.err,
             Catch::Contains("the data changed") && Catch::Contains("train-labels-idx1-ubyte"));
  CHECK_THAT(changed_data.err, !Catch::Contains("\n "));

  // Put back as it was (the identity is size and modification time): resumable again, here
  // by naming a run of the launch.
  std::filesystem::last_write_time(labels, original_time);
  // A run of another experiment, or a launch chosen with other variants, is not this one.
  write_file(w.dir.file("other.yaml"),
             std::string(kScaleOutExperiment)
                 .replace(0, std::string("name: strokes-scale").size(), "name: other-experiment"));
  const auto other = run_cnnlab({"run", w.dir.file("other.yaml"), "--db", w.dir.file("a.db"),
                                 "--models-dir", w.dir.file("a-models"), "--variant", "plain"});
  REQUIRE(other.exit_code == 0);
  const auto foreign = run_cnnlab(w.run_args("a", {"--resume", "3"}));
  CHECK(foreign.exit_code == 2);
  CHECK_THAT(foreign.err, Catch::Contains("run 3 is of experiment 'other-experiment'"));
  const auto one_variant = run_cnnlab(w.run_args("a", {"--resume", "--variant", "plain"}));
  CHECK(one_variant.exit_code == 2);
  CHECK_THAT(one_variant.err, Catch::Contains("--variant cannot choose others"));

  const auto by_id = run_cnnlab(w.run_args("a", {"--resume", "2"}));
  INFO(by_id.out << by_id.err);
  CHECK(by_id.exit_code == 0);
  CHECK_THAT(by_id.out, Catch::Contains("completed"));
}

TEST_CASE("a checkpoint torn by a crash during its write: the cell starts over, same result",
          "[runner][resume]") {
  ScaleOutWorkspace w;
  const auto reference = run_cnnlab(w.run_args("reference"));
  REQUIRE(reference.exit_code == 0);
  run_and_kill(
      w, "a", [](const std::string& db) { return committed_epochs(db) >= 2; }, 0);
  std::vector<std::string> checkpoints;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(w.dir.file("a-models")))
    if (entry.path().extension() == ".checkpoint") checkpoints.push_back(entry.path().string());
  REQUIRE(checkpoints.size() == 1);
  const std::string bytes = read_file(checkpoints[0]);
  write_file(checkpoints[0], bytes.substr(0, bytes.size() / 3));
  // What a write killed before its rename leaves: a temporary file nobody reads.
  write_file(checkpoints[0] + ".tmp.99999", bytes.substr(0, 100));

  const auto resumed = run_cnnlab(w.run_args("a", {"--resume"}));
  INFO(resumed.out << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.err, Catch::Contains("cnnlab: warning: ") &&
                              Catch::Contains("damaged checkpoint") &&
                              Catch::Contains("the cell starts over"));
  CHECK(history_text(w.dir.file("a.db")) == history_text(w.dir.file("reference.db")));
  // The torn temporary file is gone, and so is the lock the cell held while it trained.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(w.dir.file("a-models"))) {
    const std::string name = entry.path().filename().string();
    CHECK(name.find(".tmp.") == std::string::npos);
    CHECK(entry.path().extension() != ".lock");
  }
}

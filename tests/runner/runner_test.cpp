// `cnnlab run`, `evaluate` and `predict` end to end, through the real binary, on small
// synthetic data the tests write.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "cnnlab/host/model_file.hpp"
#include "cnnlab/host/run_store.hpp"
#include "scale_out_support.hpp"
#include "synthetic_data.hpp"
#include "test_support.hpp"

using namespace cnnlab::test;

namespace {

const char* kKfoldExperiment = R"(name: strokes
seed: 7
params: {dropout: 0.0}
dataset: {type: idx, path: data, classes: [horizontal, vertical, diagonal]}
model:
  layers:
    - {type: conv2d, filters: 8, kernel_size: 3, padding: same, activation: relu}
    - {type: maxpool2d, pool_size: 2}
    - {type: dropout, rate: "${dropout}", when: dropout}
    - {type: flatten}
    - {type: dense, units: 3, activation: softmax}
training:
  epochs: 4
  batch_size: 16
  optimizer: {type: adam, learning_rate: 0.01}
  early_stopping: {monitor: val_loss, patience: 2, restore_best_weights: true}
cross_validation: {folds: 3}
variants:
  - {name: baseline}
  - {name: dropout, params: {dropout: 0.25}}
)";

const char* kSingleFitExperiment = R"(name: strokes-fit
seed: 3
dataset: {type: idx, path: data, classes: [horizontal, vertical, diagonal]}
model:
  layers:
    - {type: conv2d, filters: 6, kernel_size: 3, activation: relu}
    - {type: maxpool2d}
    - {type: batchnorm}
    - {type: dropout, rate: 0.1}
    - {type: flatten}
    - {type: dense, units: 16, activation: relu}
    - {type: dense, units: 3, activation: softmax}
training:
  epochs: 5
  batch_size: 20
  optimizer: {type: adam, learning_rate: 0.005}
  validation_split: 0.2
  save_model: model.cnnlab
)";

struct Workspace {
  TempDir dir;
  std::string db() const { return dir.file("history.db"); }
  Workspace(const char* experiment, int train = 300, int test = 90) {
    std::filesystem::create_directories(dir.file("data"));
    write_idx_dataset(dir.file("data"), train, test, 11);
    write_file(dir.file("exp.yaml"), experiment);
  }
};

}  // namespace

TEST_CASE("run trains every variant over the same folds and logs them", "[runner]") {
  Workspace w(kKfoldExperiment);
  const auto r = run_cnnlab({"run", w.dir.file("exp.yaml"), "--db", w.db(), "--models-dir",
                             w.dir.file("models"), "--threads", "2"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Epoch 1/4"));
  CHECK_THAT(r.out, Catch::Contains("Δtest_accuracy"));
  CHECK_THAT(r.out, Catch::Contains("dropout"));

  auto store = cnnlab::RunStore::open_existing(w.db());
  for (const std::string id : {"1", "2"}) {
    const auto run = store.load_run(store.find_run(id));
    CHECK(run.run.status == cnnlab::RunStatus::completed);
    REQUIRE(run.folds.size() == 3);
    for (const auto& fold : run.folds) {
      CHECK(fold.test_accuracy > 0.9);
      CHECK(fold.val_accuracy > 0.85);
      CHECK(fold.best_epoch >= 1);
      CHECK(run.epochs.at(fold.fold).size() == static_cast<size_t>(fold.stopped_epoch));
      for (const auto& epoch : run.epochs.at(fold.fold)) CHECK(epoch.learning_rate == 0.01);
      // The fold's test confusion matrix: 90 test images over the three named classes.
      CHECK(fold.class_names == std::vector<std::string>{"horizontal", "vertical", "diagonal"});
      REQUIRE(fold.test_confusion.size() == 3);
      int64_t total = 0, correct = 0;
      for (size_t t = 0; t < 3; ++t)
        for (size_t p = 0; p < 3; ++p) {
          total += fold.test_confusion[t][p];
          if (t == p) correct += fold.test_confusion[t][p];
        }
      CHECK(total == 90);
      CHECK(static_cast<double>(correct) / total == Approx(fold.test_accuracy));
    }
    REQUIRE(run.artifacts.size() == 3);
    for (const auto& a : run.artifacts) CHECK(std::filesystem::exists(a.path));
  }
}

TEST_CASE("a saved model evaluates and predicts image files", "[runner]") {
  Workspace w(kSingleFitExperiment);
  const auto r = run_cnnlab(
      {"run", w.dir.file("exp.yaml"), "--db", w.db(), "--models-dir", w.dir.file("models")});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(std::filesystem::exists(w.dir.file("model.cnnlab")));

  const auto e =
      run_cnnlab({"evaluate", w.dir.file("model.cnnlab"), "--experiment", w.dir.file("exp.yaml")});
  INFO(e.out << e.err);
  REQUIRE(e.exit_code == 0);
  CHECK_THAT(e.out, Catch::Contains("90 test images"));
  CHECK_THAT(e.out, Catch::Contains("horizontal"));
  CHECK_THAT(e.out, Catch::Contains("confusion matrix"));

  const char* names[] = {"horizontal", "vertical", "diagonal"};
  std::vector<std::string> args{"predict", w.dir.file("model.cnnlab")};
  for (int label = 0; label < 3; ++label) {
    // Larger than the model's input: predict resizes.
    args.push_back(w.dir.file("stroke" + std::to_string(label) + ".png"));
    write_stroke_png(args.back(), label, 100 + label, 24);
  }
  const auto p = run_cnnlab(args);
  INFO(p.out << p.err);
  REQUIRE(p.exit_code == 0);
  for (int label = 0; label < 3; ++label) {
    const std::string first_guess = "stroke" + std::to_string(label) + ".png:  " + names[label];
    CHECK_THAT(p.out, Catch::Contains(first_guess));
  }
}

TEST_CASE("the same seed gives the same model bit for bit at 1 and 2 threads", "[runner]") {
  Workspace w(kSingleFitExperiment);
  for (const std::string threads : {"1", "2"}) {
    const auto r = run_cnnlab({"run", w.dir.file("exp.yaml"), "--db", w.db(), "--threads", threads,
                               "--models-dir", w.dir.file("models"), "--set",
                               "training.save_model=model-" + threads + ".cnnlab"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
  }
  // The files differ in their stored experiment (save_model), not in a single weight bit.
  const auto one = cnnlab::read_model_file(w.dir.file("model-1.cnnlab"));
  const auto two = cnnlab::read_model_file(w.dir.file("model-2.cnnlab"));
  REQUIRE(one.tensors.size() == two.tensors.size());
  for (size_t t = 0; t < one.tensors.size(); ++t) {
    const auto& a = one.tensors[t].second;
    const auto& b = two.tensors[t].second;
    REQUIRE(a.size() == b.size());
    INFO(one.tensors[t].first);
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
  }
}

TEST_CASE("an unusable history is refused before any training", "[runner]") {
  Workspace w(kSingleFitExperiment);
  write_file(w.db(), "this is not a database, it is a text file with some words in it\n");
  const auto r = run_cnnlab({"run", w.dir.file("exp.yaml"), "--db", w.db()});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::StartsWith("cnnlab: error: "));
  CHECK_THAT(r.out, !Catch::Contains("Epoch 1/"));
  CHECK(read_file(w.db()) == "this is not a database, it is a text file with some words in it\n");
}

TEST_CASE("Ctrl-C during a run marks it interrupted and keeps its epochs", "[runner]") {
  Workspace w(kSingleFitExperiment, 2000, 50);
  const pid_t pid = start_cnnlab({"run", w.dir.file("exp.yaml"), "--db", w.db(), "--models-dir",
                                  w.dir.file("models"), "--set", "training.epochs=500", "--set",
                                  "training.batch_size=50"});

  // Wait until two epochs are committed, then interrupt.
  size_t epochs_seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (epochs_seen < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (!std::filesystem::exists(w.db())) continue;
    try {
      auto store = cnnlab::RunStore::open_existing(w.db());
      const auto run = store.load_run(store.find_run("1"));
      epochs_seen = run.epochs.count(0) ? run.epochs.at(0).size() : 0;
    } catch (const cnnlab::Error&) {
    }
  }
  REQUIRE(epochs_seen >= 2);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);

  auto store = cnnlab::RunStore::open_existing(w.db());
  const auto run = store.load_run(store.find_run("1"));
  CHECK(run.run.status == cnnlab::RunStatus::interrupted);
  CHECK(run.epochs.at(0).size() >= epochs_seen);
}

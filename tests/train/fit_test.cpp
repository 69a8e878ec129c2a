// fit() and evaluate() on generated data with small test layers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/host/console_progress.hpp"
#include "cnnlab/host/trainer.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/random.hpp"
#include "optimizer_fixture.hpp"
#include "synthetic_data.hpp"
#include "test_layers.hpp"

using cnnlab::FitOptions;
using cnnlab::FitResult;
using cnnlab::Model;
using cnnlab::test::TestDense;

namespace {

using Weights = std::vector<std::vector<float>>;

Weights weights_of(Model& model) {
  Weights w;
  for (const cnnlab::Parameter* p : model.all_parameters()) {
    w.emplace_back(p->value.data(), p->value.data() + p->value.size());
  }
  return w;
}

// Dropout then a dense layer with 4 outputs, on 8x8x1 images.
Model dense_model(uint64_t seed, TestDense::Softmax softmax = TestDense::Softmax::deferrable) {
  Model model({8, 8, 1});
  model.add(std::make_shared<cnnlab::test::TestDropout>(0.2f), seed);
  model.add(std::make_shared<TestDense>(4, softmax), seed);
  return model;
}

TestDense& dense_of(Model& model) { return dynamic_cast<TestDense&>(*model.layers().back().layer); }

FitOptions options(int epochs, int batch_size, uint64_t seed = 1) {
  FitOptions o;
  o.epochs = epochs;
  o.batch_size = batch_size;
  o.seed = seed;
  return o;
}

std::shared_ptr<cnnlab::Optimizer> adam(double lr) {
  return cnnlab::test::make_optimizer("adam", {{"learning_rate", std::to_string(lr)}});
}

// Writes down every event as a line, and the model's weights at each epoch end.
class RecordingObserver : public cnnlab::TrainingObserver {
 public:
  explicit RecordingObserver(Model* model = nullptr) : model_(model) {}
  void on_train_begin(const cnnlab::TrainBegin& info) override {
    events.push_back(
        "train_begin " + std::to_string(info.epochs) + " " + std::to_string(info.steps_per_epoch) +
        " " + std::to_string(info.train_samples) + " " + std::to_string(info.validation_samples));
  }
  void on_epoch_begin(int epoch, int epochs) override {
    events.push_back("epoch_begin " + std::to_string(epoch) + "/" + std::to_string(epochs));
  }
  void on_batch_end(const cnnlab::BatchMetrics& m) override {
    events.push_back("batch " + std::to_string(m.step) + "/" + std::to_string(m.steps));
    last_batch = m;
  }
  void on_epoch_end(const cnnlab::EpochMetrics& m) override {
    events.push_back("epoch_end " + std::to_string(m.epoch));
    epochs.push_back(m);
    if (model_) snapshots.push_back(weights_of(*model_));
  }
  void on_train_end(const FitResult& r) override {
    events.push_back("train_end");
    result = r;
  }

  std::vector<std::string> events;
  std::vector<cnnlab::EpochMetrics> epochs;
  std::vector<Weights> snapshots;
  cnnlab::BatchMetrics last_batch;
  FitResult result;

 private:
  Model* model_;
};

}  // namespace

TEST_CASE("fit learns generated quadrant images to high accuracy") {
  const auto train = cnnlab::test::quadrant_images(400, 4, 1);
  const auto val = cnnlab::test::quadrant_images(100, 4, 2);
  const auto test = cnnlab::test::quadrant_images(200, 4, 3);
  Model model = dense_model(7);
  auto opt = adam(0.01);
  const FitResult r = cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val),
                                  options(8, 32));
  CHECK(model.outputs_logits());
  REQUIRE(r.epochs_run == 8);
  REQUIRE(r.history.size() == 8);
  CHECK_FALSE(r.diverged);
  CHECK_FALSE(r.interrupted);
  CHECK(r.best_epoch == 8);
  CHECK(r.stopped_epoch == 0);
  CHECK(r.history.back().loss < r.history.front().loss);
  CHECK(*r.history.back().val_accuracy > 0.95);
  const auto evaluation = cnnlab::evaluate(model, cnnlab::all_samples(test));
  CHECK(evaluation.accuracy > 0.95);
  CHECK(evaluation.samples == 200);
}

TEST_CASE("fit trains a model that outputs probabilities with the clipped cross-entropy") {
  const auto train = cnnlab::test::quadrant_images(400, 3, 4);
  const auto test = cnnlab::test::quadrant_images(150, 3, 5);
  Model model({8, 8, 1});
  model.add(std::make_shared<TestDense>(3, TestDense::Softmax::fixed), 3);
  auto opt = adam(0.01);
  const FitResult r = cnnlab::fit(model, *opt, cnnlab::all_samples(train), {}, options(6, 40));
  CHECK_FALSE(model.outputs_logits());
  CHECK_FALSE(r.history.back().val_loss.has_value());
  CHECK(r.history.back().loss < r.history.front().loss);
  CHECK(cnnlab::evaluate(model, cnnlab::all_samples(test)).accuracy > 0.95);
}

TEST_CASE("fit is bit-identical at 1 and 2 threads") {
  const auto train = cnnlab::test::quadrant_images(600, 4, 6);
  const auto val = cnnlab::test::quadrant_images(200, 4, 7);
  auto run = [&](int threads) {
    cnnlab::ThreadLimit limit(threads);
    Model model = dense_model(11);
    auto opt = adam(0.005);
    const FitResult r = cnnlab::fit(model, *opt, cnnlab::all_samples(train),
                                    cnnlab::all_samples(val), options(3, 128, 5));
    std::vector<double> metrics;
    for (const auto& m : r.history) {
      metrics.insert(metrics.end(), {m.loss, m.accuracy, *m.val_loss, *m.val_accuracy});
    }
    return std::make_pair(weights_of(model), metrics);
  };
  const auto one = run(1);
  const auto two = run(2);
  CHECK(one.first == two.first);
  CHECK(one.second == two.second);
}

TEST_CASE("the seed fixes the result; another seed gives another") {
  const auto train = cnnlab::test::quadrant_images(200, 4, 8);
  auto run = [&](uint64_t seed) {
    Model model = dense_model(3);
    auto opt = adam(0.01);
    cnnlab::fit(model, *opt, cnnlab::all_samples(train), {}, options(2, 32, seed));
    return weights_of(model);
  };
  CHECK(run(1) == run(1));
  CHECK(run(1) != run(2));
}

TEST_CASE("each epoch visits every training sample once, in an order fixed by seed and epoch") {
  const auto images = cnnlab::test::indexed_images(60);
  cnnlab::IndexList train;
  for (size_t i = 0; i < 60; ++i) {
    if (i % 5 != 0) train.push_back(i);  // 48 samples
  }
  auto run = [&](bool shuffle, uint64_t seed) {
    Model model({2, 2, 1});
    auto recorder = std::make_shared<cnnlab::test::SampleRecorder>();
    model.add(recorder, 1);
    model.add(std::make_shared<TestDense>(2, TestDense::Softmax::deferrable), 1);
    auto opt = cnnlab::test::make_optimizer("sgd", {{"learning_rate", "0.0001"}});
    FitOptions o = options(3, 10, seed);
    o.shuffle = shuffle;
    o.scale = 1.0f;
    cnnlab::fit(model, *opt, cnnlab::samples_of(images, train), {}, o);
    return *recorder;
  };
  const auto shuffled = run(true, 9);
  REQUIRE(shuffled.batches.size() == 15);  // 3 epochs of ceil(48 / 10) batches
  std::vector<std::vector<size_t>> orders(3);
  for (size_t b = 0; b < shuffled.batches.size(); ++b) {
    CHECK(shuffled.batches[b].size() == (b % 5 == 4 ? 8u : 10u));  // the last batch is smaller
    for (float v : shuffled.batches[b]) orders[b / 5].push_back(static_cast<size_t>(v));
    // The model gives layer i the seed hash64(step seed, i); the recorder is layer 0.
    const uint64_t epoch = b / 5 + 1, step = b % 5;
    CHECK(shuffled.seeds[b] == cnnlab::hash64(cnnlab::hash64(9, epoch, step), 0));
  }
  for (const auto& order : orders) {
    CHECK(order != train);
    auto sorted = order;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == train);
  }
  CHECK(orders[0] != orders[1]);
  CHECK(orders[1] != orders[2]);
  CHECK(run(true, 9).batches == shuffled.batches);
  CHECK(run(true, 10).batches != shuffled.batches);
  const auto in_order = run(false, 9);
  std::vector<size_t> first_epoch;
  for (size_t b = 0; b < 5; ++b) {
    for (float v : in_order.batches[b]) first_epoch.push_back(static_cast<size_t>(v));
  }
  CHECK(first_epoch == train);
}

TEST_CASE("observers receive the events in order") {
  const auto train = cnnlab::test::quadrant_images(20, 2, 1);
  const auto val = cnnlab::test::quadrant_images(6, 2, 2);
  Model model = dense_model(1);
  auto opt = adam(0.01);
  RecordingObserver observer;
  FitOptions o = options(2, 8);
  o.observers = {&observer};
  const FitResult r =
      cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), o);
  const std::vector<std::string> expected{
      "train_begin 2 3 20 6", "epoch_begin 1/2", "batch 1/3", "batch 2/3", "batch 3/3",
      "epoch_end 1",          "epoch_begin 2/2", "batch 1/3", "batch 2/3", "batch 3/3",
      "epoch_end 2",          "train_end"};
  CHECK(observer.events == expected);
  REQUIRE(observer.epochs.size() == 2);
  CHECK(observer.epochs[1].epoch == 2);
  CHECK(observer.epochs[1].val_loss.has_value());
  CHECK(observer.epochs[1].seconds >= 0.0);
  // The running means of the last batch are the epoch's training metrics.
  CHECK(observer.last_batch.loss == observer.epochs[1].loss);
  CHECK(observer.last_batch.accuracy == observer.epochs[1].accuracy);
  CHECK(observer.result.epochs_run == r.epochs_run);
  CHECK(observer.epochs[1].log() ==
        cnnlab::EpochLog{{"loss", observer.epochs[1].loss},
                         {"accuracy", observer.epochs[1].accuracy},
                         {"val_loss", *observer.epochs[1].val_loss},
                         {"val_accuracy", *observer.epochs[1].val_accuracy}});
}

TEST_CASE("the console observer prints Keras' lines for a real fit") {
  const auto train = cnnlab::test::quadrant_images(20, 2, 1);
  const auto val = cnnlab::test::quadrant_images(6, 2, 2);
  Model model = dense_model(1);
  auto opt = adam(0.01);
  std::ostringstream out;
  cnnlab::ConsoleProgress progress(out, false);
  FitOptions o = options(2, 8);
  o.observers = {&progress};
  cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), o);
  const std::string text = out.str();
  CHECK_THAT(text, Catch::Matchers::StartsWith("Epoch 1/2\n3/3 [=============================="));
  CHECK_THAT(text, Catch::Matchers::Contains("\nEpoch 2/2\n3/3 ["));
  CHECK_THAT(text, Catch::Matchers::Contains(" - val_accuracy: "));
}

namespace {

// Training on the true labels while validating against shifted ones makes val_loss worse from
// early on, so that early stopping fires and the best epoch is not the last.
struct DriftingValidation {
  cnnlab::ImageSet train = cnnlab::test::quadrant_images(200, 4, 12);
  cnnlab::ImageSet val = [] {
    auto set = cnnlab::test::quadrant_images(80, 4, 13);
    for (auto& y : set.labels) y = (y + 1) % 4;
    return set;
  }();
};

}  // namespace

TEST_CASE("early stopping restores every parameter of the best epoch") {
  DriftingValidation data;
  Model model = dense_model(5);
  auto opt = adam(0.02);
  RecordingObserver observer(&model);
  FitOptions o = options(20, 20);
  o.early_stopping = cnnlab::EarlyStoppingOptions{};
  o.early_stopping->monitor = "val_loss";
  o.early_stopping->patience = 2;
  o.early_stopping->restore_best_weights = true;
  o.observers = {&observer};
  const FitResult r =
      cnnlab::fit(model, *opt, cnnlab::all_samples(data.train), cnnlab::all_samples(data.val), o);
  REQUIRE(r.stopped_epoch > 0);
  CHECK(r.stopped_epoch == r.epochs_run);
  CHECK(r.stopped_epoch == r.best_epoch + 2);
  CHECK(r.restored_best_weights);
  REQUIRE(observer.snapshots.size() == static_cast<size_t>(r.epochs_run));
  const Weights best = observer.snapshots[static_cast<size_t>(r.best_epoch - 1)];
  CHECK(weights_of(model) == best);
  CHECK(weights_of(model) != observer.snapshots.back());
  // The non-trainable counter came back too: it counts the training batches up to the best epoch.
  CHECK(dense_of(model).parameters()[2]->value[0] == static_cast<float>(r.best_epoch * 10));
  // The restored model scores the best epoch's val_loss again.
  const auto val = cnnlab::evaluate(model, cnnlab::all_samples(data.val), 20);
  CHECK(val.loss == Approx(*r.history[static_cast<size_t>(r.best_epoch - 1)].val_loss));
}

TEST_CASE("without restore_best_weights the last weights stay") {
  DriftingValidation data;
  Model model = dense_model(5);
  auto opt = adam(0.02);
  RecordingObserver observer(&model);
  FitOptions o = options(20, 20);
  o.early_stopping = cnnlab::EarlyStoppingOptions{};
  o.early_stopping->patience = 2;
  o.observers = {&observer};
  const FitResult r =
      cnnlab::fit(model, *opt, cnnlab::all_samples(data.train), cnnlab::all_samples(data.val), o);
  CHECK(r.stopped_epoch > 0);
  CHECK_FALSE(r.restored_best_weights);
  CHECK(weights_of(model) == observer.snapshots.back());
}

TEST_CASE("should_stop ends training between batches as interrupted") {
  const auto train = cnnlab::test::quadrant_images(24, 2, 1);
  const auto val = cnnlab::test::quadrant_images(8, 2, 2);
  Model model = dense_model(1);
  auto opt = adam(0.01);
  RecordingObserver observer;
  FitOptions o = options(5, 8);
  // Polls: 3 batches and the validation of epoch 1, then the first batch of epoch 2.
  int polls = 0;
  o.should_stop = [&] { return ++polls == 5; };
  o.early_stopping = cnnlab::EarlyStoppingOptions{};
  o.early_stopping->patience = 10;
  o.early_stopping->restore_best_weights = true;
  o.observers = {&observer};
  const FitResult r =
      cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), o);
  CHECK(r.interrupted);
  CHECK(r.epochs_run == 1);
  CHECK(r.history.size() == 1);
  CHECK_FALSE(r.restored_best_weights);
  CHECK(observer.events.back() == "train_end");
  CHECK(std::count(observer.events.begin(), observer.events.end(), "epoch_begin 2/5") == 1);
  CHECK(std::count(observer.events.begin(), observer.events.end(), "epoch_end 2") == 0);
}

TEST_CASE("a NaN loss stops training as diverged") {
  const auto train = cnnlab::test::quadrant_images(24, 2, 1);
  const auto val = cnnlab::test::quadrant_images(8, 2, 2);
  Model model = dense_model(1);
  dense_of(model).nan_from_forward = 4;  // the second batch of epoch 2
  auto opt = adam(0.01);
  FitOptions o = options(5, 8);
  o.early_stopping = cnnlab::EarlyStoppingOptions{};
  o.early_stopping->patience = 10;
  o.early_stopping->restore_best_weights = true;
  const FitResult r =
      cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), o);
  CHECK(r.diverged);
  CHECK(r.epochs_run == 2);
  REQUIRE(r.history.size() == 2);
  CHECK(std::isnan(r.history[1].loss));
  CHECK_FALSE(r.history[1].val_loss.has_value());
  // The NaN batch was not applied, and the best epoch's weights are back.
  CHECK(r.restored_best_weights);
  CHECK(r.best_epoch == 1);
  for (const auto& w : weights_of(model)) {
    for (float v : w) CHECK(std::isfinite(v));
  }
}

TEST_CASE("fit refuses bad options and data that do not fit the model") {
  const auto train = cnnlab::test::quadrant_images(20, 2, 1);
  Model model = dense_model(1);
  auto opt = adam(0.01);
  CHECK_THROWS_AS(cnnlab::fit(model, *opt, cnnlab::all_samples(train), {}, options(0, 8)),
                  cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::fit(model, *opt, cnnlab::all_samples(train), {}, options(1, 0)),
                  cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::fit(model, *opt, cnnlab::samples_of(train, {}), {}, options(1, 8)),
                  cnnlab::ConfigError);
  FitOptions monitored = options(1, 8);
  monitored.early_stopping = cnnlab::EarlyStoppingOptions{};  // monitors val_loss
  CHECK_THROWS_WITH(cnnlab::fit(model, *opt, cnnlab::all_samples(train), {}, monitored),
                    Catch::Matchers::Contains("no validation data"));
  const auto wrong_size = cnnlab::test::indexed_images(10);
  CHECK_THROWS_WITH(
      cnnlab::fit(model, *opt, cnnlab::all_samples(wrong_size), {}, options(1, 8)),
      Catch::Matchers::Contains("(None, 2, 2, 1)") && Catch::Matchers::Contains("(None, 8, 8, 1)"));
  auto bad_labels = train;
  bad_labels.labels[3] = 7;
  CHECK_THROWS_AS(cnnlab::fit(model, *opt, cnnlab::all_samples(bad_labels), {}, options(1, 8)),
                  cnnlab::DataError);
  CHECK_THROWS_AS(cnnlab::fit(model, *opt, cnnlab::samples_of(train, {0, 20}), {}, options(1, 8)),
                  cnnlab::DataError);
}

TEST_CASE("evaluate does not depend on the batch size") {
  const auto train = cnnlab::test::quadrant_images(200, 4, 21);
  const auto test = cnnlab::test::quadrant_images(97, 4, 22);
  Model model = dense_model(2);
  auto opt = adam(0.01);
  cnnlab::fit(model, *opt, cnnlab::all_samples(train), {}, options(1, 50));
  const auto small = cnnlab::evaluate(model, cnnlab::all_samples(test), 7);
  const auto large = cnnlab::evaluate(model, cnnlab::all_samples(test), 64);
  CHECK(small.samples == 97);
  CHECK(small.loss == Approx(large.loss).epsilon(1e-6));
  CHECK(small.confusion.total() == 97);
  for (int t = 0; t < 4; ++t) {
    for (int p = 0; p < 4; ++p) CHECK(small.confusion.count(t, p) == large.confusion.count(t, p));
  }
  CHECK(small.accuracy == small.confusion.accuracy());
  CHECK(small.per_class_accuracy == small.confusion.per_class_accuracy());
  CHECK(small.per_class_accuracy.size() == 4);
  const auto none = cnnlab::evaluate(model, cnnlab::samples_of(test, {}));
  CHECK(none.samples == 0);
  CHECK(std::isnan(none.loss));
}

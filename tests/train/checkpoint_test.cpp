// Checkpoints: a fit continued from the checkpoint of any epoch ends exactly as one that never
// stopped, for every optimizer; damaged checkpoint files are refused.
#include "cnnlab/host/checkpoint.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/host/trainer.hpp"
#include "optimizer_fixture.hpp"
#include "synthetic_data.hpp"
#include "test_layers.hpp"
#include "test_support.hpp"

using cnnlab::FitOptions;
using cnnlab::Model;
using cnnlab::TrainingCheckpoint;

namespace {

std::vector<std::vector<float>> weights_of(Model& model) {
  std::vector<std::vector<float>> w;
  for (const cnnlab::Parameter* p : model.all_parameters())
    w.emplace_back(p->value.data(), p->value.data() + p->value.size());
  return w;
}

std::vector<double> metrics_of(const cnnlab::FitResult& r) {
  std::vector<double> m{double(r.epochs_run), double(r.best_epoch), double(r.stopped_epoch)};
  for (const auto& e : r.history)
    m.insert(m.end(), {e.loss, e.accuracy, *e.val_loss, *e.val_accuracy, e.learning_rate});
  return m;
}

Model small_model() {
  Model model({8, 8, 1});
  model.add(std::make_shared<cnnlab::test::TestDropout>(0.2f), 9);
  model.add(
      std::make_shared<cnnlab::test::TestDense>(4, cnnlab::test::TestDense::Softmax::deferrable),
      9);
  return model;
}

struct Optimizers {
  std::string type;
  cnnlab::test::Settings settings;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("a fit continued from any epoch's checkpoint ends bit-identical to one never stopped") {
  const Optimizers optimizer = GENERATE(
      Optimizers{"sgd", {{"learning_rate", "0.05"}, {"momentum", "0.9"}, {"nesterov", "true"}}},
      Optimizers{"adam", {{"learning_rate", "0.01"}}},
      Optimizers{"rmsprop",
                 {{"learning_rate", "0.005"}, {"momentum", "0.5"}, {"centered", "true"}}});
  CAPTURE(optimizer.type);
  const auto train = cnnlab::test::quadrant_images(300, 4, 21);
  const auto val = cnnlab::test::quadrant_images(80, 4, 22);
  cnnlab::test::TempDir dir;
  FitOptions options;
  options.epochs = 6;
  options.batch_size = 32;
  options.seed = 17;
  options.early_stopping = cnnlab::EarlyStoppingOptions{};
  options.early_stopping->patience = 10;
  options.early_stopping->restore_best_weights = true;

  // The uninterrupted fit, writing a checkpoint file after every epoch but the last.
  std::vector<std::string> files;
  FitOptions straight = options;
  straight.checkpoint = [&](const TrainingCheckpoint& c) {
    files.push_back(dir.file("epoch-" + std::to_string(c.epoch) + ".checkpoint"));
    cnnlab::write_checkpoint(files.back(), c);
  };
  Model reference = small_model();
  auto reference_optimizer = cnnlab::test::make_optimizer(optimizer.type, optimizer.settings);
  const auto expected = cnnlab::fit(reference, *reference_optimizer, cnnlab::all_samples(train),
                                    cnnlab::all_samples(val), straight);
  REQUIRE(files.size() == 5);

  for (const std::string& file : files) {
    CAPTURE(file);
    const TrainingCheckpoint checkpoint = cnnlab::read_checkpoint(file);
    Model model = small_model();
    auto opt = cnnlab::test::make_optimizer(optimizer.type, optimizer.settings);
    FitOptions resumed = options;
    resumed.resume_from = &checkpoint;
    const auto result =
        cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), resumed);
    CHECK(weights_of(model) == weights_of(reference));
    CHECK(metrics_of(result) == metrics_of(expected));
  }
}

TEST_CASE("a schedule or ReduceLROnPlateau with regularisation resumes bit-identically") {
  const int setup = GENERATE(0, 1);
  CAPTURE(setup);
  const auto train = cnnlab::test::quadrant_images(200, 4, 31);
  const auto val = cnnlab::test::quadrant_images(60, 4, 32);
  FitOptions options;
  options.epochs = 5;
  options.batch_size = 32;
  options.seed = 5;
  options.weight_decay = 0.01;
  options.label_smoothing = 0.1;
  options.clipping.clipnorm = 1.0;
  options.kernel_regularizers = {{1, 1e-4, 1e-3}};
  if (setup == 0) {
    options.lr_schedule = cnnlab::LrScheduleOptions{};
    options.lr_schedule->epochs = options.epochs;
    options.lr_schedule->warmup_epochs = 1;
  } else {
    options.reduce_lr_on_plateau = cnnlab::ReduceLrOnPlateauOptions{};
    options.reduce_lr_on_plateau->patience = 0;  // reduces whenever val_loss does not improve
    options.reduce_lr_on_plateau->min_delta = 0.5;
  }
  std::vector<TrainingCheckpoint> taken;
  FitOptions straight = options;
  straight.checkpoint = [&](const TrainingCheckpoint& c) { taken.push_back(c); };
  Model reference = small_model();
  auto reference_optimizer = cnnlab::test::make_optimizer("adam", {{"learning_rate", "0.02"}});
  const auto expected = cnnlab::fit(reference, *reference_optimizer, cnnlab::all_samples(train),
                                    cnnlab::all_samples(val), straight);
  REQUIRE(taken.size() == 4);
  CHECK(expected.history[0].learning_rate != expected.history[4].learning_rate);

  cnnlab::test::TempDir dir;
  for (const TrainingCheckpoint& c : taken) {
    CAPTURE(c.epoch);
    cnnlab::write_checkpoint(dir.file("c"), c);
    const TrainingCheckpoint checkpoint = cnnlab::read_checkpoint(dir.file("c"));
    Model model = small_model();
    auto opt = cnnlab::test::make_optimizer("adam", {{"learning_rate", "0.02"}});
    FitOptions resumed = options;
    resumed.resume_from = &checkpoint;
    const auto result =
        cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), resumed);
    CHECK(weights_of(model) == weights_of(reference));
    CHECK(metrics_of(result) == metrics_of(expected));
  }
}

TEST_CASE("a checkpoint that does not fit the model or the options is refused") {
  const auto train = cnnlab::test::quadrant_images(64, 4, 23);
  const auto val = cnnlab::test::quadrant_images(32, 4, 24);
  FitOptions options;
  options.epochs = 3;
  options.batch_size = 32;
  std::vector<TrainingCheckpoint> taken;
  options.checkpoint = [&](const TrainingCheckpoint& c) { taken.push_back(c); };
  Model model = small_model();
  auto opt = cnnlab::test::make_optimizer("adam");
  cnnlab::fit(model, *opt, cnnlab::all_samples(train), cnnlab::all_samples(val), options);
  REQUIRE(taken.size() == 2);

  Model other({8, 8, 1});
  other.add(
      std::make_shared<cnnlab::test::TestDense>(3, cnnlab::test::TestDense::Softmax::deferrable),
      1);
  FitOptions resume = options;
  resume.checkpoint = nullptr;
  resume.resume_from = &taken[0];
  auto opt2 = cnnlab::test::make_optimizer("adam");
  CHECK_THROWS_AS(cnnlab::fit(other, *opt2, cnnlab::all_samples(train), {}, resume),
                  cnnlab::DataError);
  auto sgd = cnnlab::test::make_optimizer("sgd", {{"momentum", "0.9"}});
  Model same = small_model();
  CHECK_THROWS_AS(cnnlab::fit(same, *sgd, cnnlab::all_samples(train), {}, resume),
                  cnnlab::DataError);
  resume.early_stopping = cnnlab::EarlyStoppingOptions{};
  auto opt3 = cnnlab::test::make_optimizer("adam");
  Model third = small_model();
  CHECK_THROWS_AS(
      cnnlab::fit(third, *opt3, cnnlab::all_samples(train), cnnlab::all_samples(val), resume),
      cnnlab::DataError);
}

TEST_CASE("damaged checkpoint files are refused, never half-read") {
  cnnlab::test::TempDir dir;
  TrainingCheckpoint c;
  c.owner = "run fold 1";
  c.epoch = 1;
  c.parameters.emplace_back(std::vector<int64_t>{4, 3});
  c.optimizer.scalars = {7};
  c.history.resize(1);
  c.history[0].val_loss = 0.5;
  const std::string path = dir.file("a.checkpoint");
  cnnlab::write_checkpoint(path, c);
  const TrainingCheckpoint back = cnnlab::read_checkpoint(path);
  CHECK(back.owner == c.owner);
  CHECK(back.parameters.at(0).dims() == std::vector<int64_t>{4, 3});
  CHECK(back.optimizer.scalars == std::vector<double>{7});
  CHECK(*back.history.at(0).val_loss == 0.5);
  CHECK_FALSE(back.history.at(0).val_accuracy.has_value());

  const std::string bytes = slurp(path);
  spit(path, bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_WITH(cnnlab::read_checkpoint(path), Catch::Contains("checksum"));
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 1;
  spit(path, flipped);
  CHECK_THROWS_AS(cnnlab::read_checkpoint(path), cnnlab::DataError);
  spit(path, "CNNLABMF" + bytes.substr(8));
  CHECK_THROWS_WITH(cnnlab::read_checkpoint(path), Catch::Contains("not a cnnlab checkpoint"));
  CHECK_THROWS_AS(cnnlab::read_checkpoint(dir.file("missing")), cnnlab::DataError);
  CHECK_THROWS_AS(cnnlab::read_checkpoint(dir.path()), cnnlab::DataError);
}

// Keras' EarlyStopping semantics on scripted metric sequences.
#include "cnnlab/host/early_stopping.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "cnnlab/error.hpp"

using cnnlab::EarlyStopping;
using cnnlab::EarlyStoppingOptions;
using cnnlab::MonitorMode;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Outcome {
  int epochs_run = 0;  // epochs fed before a stop (all of them without one)
  int stopped_epoch = 0;
  int best_epoch = 0;
  std::vector<int> new_best;  // epochs reported as the new best
  bool diverged = false;
};

// Feeds `values` of the monitored metric, one epoch each, until the callback says stop.
// Other metrics of the log get harmless values.
Outcome feed(EarlyStoppingOptions options, const std::vector<double>& values) {
  EarlyStopping es(options);
  Outcome out;
  for (size_t i = 0; i < values.size(); ++i) {
    const int epoch = static_cast<int>(i) + 1;
    cnnlab::EpochLog log{
        {"loss", 0.5}, {"accuracy", 0.5}, {"val_loss", 0.5}, {"val_accuracy", 0.5}};
    log[options.monitor] = values[i];
    const auto decision = es.on_epoch_end(epoch, log);
    out.epochs_run = epoch;
    if (decision.new_best) out.new_best.push_back(epoch);
    if (decision.stop) {
      out.diverged = decision.diverged;
      break;
    }
  }
  out.stopped_epoch = es.stopped_epoch();
  out.best_epoch = es.best_epoch();
  return out;
}

EarlyStoppingOptions monitor(const std::string& name, int patience = 0) {
  EarlyStoppingOptions o;
  o.monitor = name;
  o.patience = patience;
  return o;
}

}  // namespace

TEST_CASE("patience 0 stops at the first epoch that does not improve") {
  const Outcome out = feed(monitor("val_loss"), {1.0, 0.9, 0.95, 0.5});
  CHECK(out.epochs_run == 3);
  CHECK(out.stopped_epoch == 3);
  CHECK(out.best_epoch == 2);
}

TEST_CASE("patience counts epochs without improvement, reset by an improvement") {
  const Outcome a = feed(monitor("val_loss", 2), {1.0, 0.9, 0.95, 0.91, 0.8});
  CHECK(a.stopped_epoch == 4);
  CHECK(a.best_epoch == 2);
  const Outcome b = feed(monitor("val_loss", 2), {1.0, 0.9, 0.95, 0.85, 0.96, 0.97, 0.1});
  CHECK(b.stopped_epoch == 6);
  CHECK(b.best_epoch == 4);
}

TEST_CASE("training that keeps improving is not stopped") {
  const Outcome out = feed(monitor("val_loss", 1), {1.0, 0.9, 0.8, 0.7});
  CHECK(out.stopped_epoch == 0);
  CHECK(out.epochs_run == 4);
  CHECK(out.best_epoch == 4);
}

TEST_CASE("early stopping never stops after the first epoch") {
  // -inf never improves on the initial -inf of max mode, so wait reaches patience 0 at once.
  EarlyStoppingOptions o = monitor("val_accuracy");
  const Outcome out = feed(o, {-kInf, -kInf});
  CHECK(out.stopped_epoch == 2);
}

TEST_CASE("min_delta: a change smaller than it is no improvement, whatever its sign") {
  for (double delta : {0.1, -0.1}) {
    EarlyStoppingOptions o = monitor("val_loss", 1);
    o.min_delta = delta;
    const Outcome out = feed(o, {1.0, 0.95, 0.5});
    CHECK(out.stopped_epoch == 2);
    CHECK(out.best_epoch == 1);
  }
  EarlyStoppingOptions o = monitor("val_accuracy", 2);
  o.min_delta = 0.1;
  const Outcome up = feed(o, {0.5, 0.55, 0.65, 0.7, 0.74});
  CHECK(up.new_best == std::vector<int>{1, 3});
  CHECK(up.stopped_epoch == 5);
}

TEST_CASE("an equal value is no improvement") {
  const Outcome out = feed(monitor("loss"), {1.0, 1.0});
  CHECK(out.stopped_epoch == 2);
  CHECK(out.best_epoch == 1);
}

TEST_CASE("mode auto follows the metric name") {
  CHECK(EarlyStopping(monitor("val_accuracy")).maximizes());
  CHECK(EarlyStopping(monitor("accuracy")).maximizes());
  CHECK(EarlyStopping(monitor("val_acc")).maximizes());
  CHECK(EarlyStopping(monitor("val_auc")).maximizes());
  CHECK_FALSE(EarlyStopping(monitor("val_loss")).maximizes());
  CHECK_FALSE(EarlyStopping(monitor("loss")).maximizes());
  const Outcome out = feed(monitor("val_accuracy", 1), {0.5, 0.6, 0.55});
  CHECK(out.stopped_epoch == 3);
  CHECK(out.best_epoch == 2);
}

TEST_CASE("an explicit mode overrides the name") {
  EarlyStoppingOptions o = monitor("val_accuracy");
  o.mode = MonitorMode::min;
  const Outcome out = feed(o, {0.9, 0.8, 0.85});
  CHECK(out.stopped_epoch == 3);
  CHECK(out.best_epoch == 2);
  EarlyStoppingOptions m = monitor("val_loss");
  m.mode = MonitorMode::max;
  CHECK(EarlyStopping(m).maximizes());
  CHECK(cnnlab::monitor_mode("auto") == MonitorMode::automatic);
  CHECK(cnnlab::monitor_mode("max") == MonitorMode::max);
  CHECK_THROWS_AS(cnnlab::monitor_mode("sideways"), cnnlab::ConfigError);
}

TEST_CASE("baseline: wait is reset only by epochs that also beat the baseline") {
  EarlyStoppingOptions o = monitor("val_loss", 2);
  o.baseline = 0.5;
  // Epoch 1 improves on +inf but not on the baseline, so wait stays 1; epoch 2 makes it 2.
  const Outcome missed = feed(o, {0.9, 0.95, 0.97});
  CHECK(missed.stopped_epoch == 2);
  CHECK(missed.best_epoch == 1);
  // Without a baseline the same values run one epoch longer.
  CHECK(feed(monitor("val_loss", 2), {0.9, 0.95, 0.97}).stopped_epoch == 3);
  // Beating the baseline resets wait as usual.
  const Outcome beaten = feed(o, {0.4, 0.45, 0.46, 0.3});
  CHECK(beaten.stopped_epoch == 3);
  // Keras returns early from an improving epoch: improving without ever reaching the baseline
  // never stops.
  EarlyStoppingOptions p = monitor("val_loss", 1);
  p.baseline = 0.5;
  CHECK(feed(p, {0.9, 0.8, 0.7, 0.6}).stopped_epoch == 0);
  // The best value starts at infinity, not at the baseline.
  CHECK(feed(o, {0.9, 0.95, 0.97}).new_best == std::vector<int>{1});
}

TEST_CASE("restore_best_weights: the best epoch is reported for a snapshot") {
  EarlyStoppingOptions o = monitor("val_loss", 2);
  o.restore_best_weights = true;
  const Outcome out = feed(o, {1.0, 0.8, 0.9, 0.7, 0.75, 0.76});
  CHECK(out.new_best == std::vector<int>{1, 2, 4});
  CHECK(out.best_epoch == 4);
  CHECK(out.stopped_epoch == 6);
}

TEST_CASE("restore_best_weights: the first monitored epoch counts as best even without improving") {
  EarlyStoppingOptions o = monitor("val_accuracy", 5);
  o.restore_best_weights = true;
  const Outcome with = feed(o, {-kInf, 0.5});
  CHECK(with.new_best == std::vector<int>{1, 2});
  o.restore_best_weights = false;
  const Outcome without = feed(o, {-kInf, 0.5});
  CHECK(without.new_best == std::vector<int>{2});
  const Outcome none = feed(o, {-kInf});
  CHECK(none.best_epoch == 0);
}

TEST_CASE("start_from_epoch: warm-up epochs are not monitored") {
  EarlyStoppingOptions o = monitor("val_loss", 1);
  o.start_from_epoch = 2;
  o.restore_best_weights = true;
  // Epochs 1 and 2 are lower but ignored; epoch 3 is the first monitored one.
  const Outcome out = feed(o, {5.0, 4.0, 10.0, 11.0, 12.0});
  CHECK(out.new_best == std::vector<int>{3});
  CHECK(out.best_epoch == 3);
  CHECK(out.stopped_epoch == 4);
  // A warm-up longer than training never stops and has no best epoch.
  o.start_from_epoch = 10;
  const Outcome never = feed(o, {1.0, 2.0, 3.0});
  CHECK(never.stopped_epoch == 0);
  CHECK(never.best_epoch == 0);
}

TEST_CASE("a NaN or infinite loss stops as diverged") {
  EarlyStopping es(monitor("val_accuracy", 10));
  CHECK_FALSE(es.on_epoch_end(1, {{"loss", 0.7}, {"val_loss", 0.6}, {"val_accuracy", 0.5}}).stop);
  const auto nan_loss =
      es.on_epoch_end(2, {{"loss", kNaN}, {"val_loss", 0.6}, {"val_accuracy", 0.5}});
  CHECK(nan_loss.stop);
  CHECK(nan_loss.diverged);
  EarlyStopping other(monitor("loss", 10));
  const auto inf_val = other.on_epoch_end(1, {{"loss", 0.7}, {"val_loss", kInf}});
  CHECK(inf_val.diverged);
  // Even during the warm-up.
  EarlyStoppingOptions warm = monitor("loss", 10);
  warm.start_from_epoch = 5;
  EarlyStopping warming(warm);
  CHECK(warming.on_epoch_end(1, {{"loss", kNaN}}).diverged);
}

TEST_CASE("a NaN in a monitored accuracy is just no improvement") {
  const Outcome out = feed(monitor("val_accuracy", 1), {0.5, kNaN, 0.9});
  CHECK(out.stopped_epoch == 2);
  CHECK_FALSE(out.diverged);
}

TEST_CASE("a monitor that is not logged is an error naming the logged metrics") {
  EarlyStopping es(monitor("val_loss"));
  CHECK_THROWS_WITH(
      es.on_epoch_end(1, {{"loss", 0.5}, {"accuracy", 0.9}}),
      Catch::Matchers::Contains("'val_loss'") && Catch::Matchers::Contains("accuracy, loss"));
}

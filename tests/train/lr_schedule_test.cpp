// Learning-rate schedules against rates computed by hand, and ReduceLROnPlateau on scripted
// metric sequences (Keras 3's semantics, cooldown and min_lr included).
#include "cnnlab/host/lr_schedule.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "cnnlab/error.hpp"

using cnnlab::LrScheduleKind;
using cnnlab::LrScheduleOptions;

namespace {

std::vector<double> rates(const LrScheduleOptions& s, double base) {
  std::vector<double> out;
  for (int e = 1; e <= s.epochs; ++e) out.push_back(cnnlab::scheduled_learning_rate(s, base, e));
  return out;
}

void check_rates(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("epoch " << i + 1);
    CHECK(got[i] == Approx(expected[i]).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("step multiplies by gamma every step_size epochs") {
  LrScheduleOptions s;
  s.kind = LrScheduleKind::step;
  s.epochs = 7;
  s.step_size = 3;
  s.gamma = 0.5;
  check_rates(rates(s, 0.1), {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025});
}

TEST_CASE("piecewise takes the value of the interval the epoch falls in") {
  LrScheduleOptions s;
  s.kind = LrScheduleKind::piecewise;
  s.epochs = 6;
  s.boundaries = {2, 4};
  s.values = {1.0, 0.5, 0.1};
  // Epochs done before epoch e: 0 1 | 2 3 | 4 5.
  check_rates(rates(s, 9.0), {1.0, 1.0, 0.5, 0.5, 0.1, 0.1});
}

TEST_CASE("exponential decays smoothly or by stairs") {
  LrScheduleOptions s;
  s.kind = LrScheduleKind::exponential;
  s.epochs = 4;
  s.decay_rate = 0.5;
  s.decay_epochs = 2;
  check_rates(rates(s, 1.0), {1.0, std::pow(0.5, 0.5), 0.5, std::pow(0.5, 1.5)});
  s.staircase = true;
  check_rates(rates(s, 1.0), {1.0, 1.0, 0.5, 0.5});
}

TEST_CASE("cosine warms up linearly, then follows half a cosine down to alpha") {
  LrScheduleOptions s;
  s.kind = LrScheduleKind::cosine;
  s.epochs = 6;
  s.warmup_epochs = 2;
  s.alpha = 0.1;
  // After warm-up T = 4 epochs, t = 0..3: 0.1 + 0.9 * (1 + cos(pi t / 4)) / 2.
  const double c1 = 0.1 + 0.9 * (1 + std::cos(M_PI / 4)) / 2;
  const double c3 = 0.1 + 0.9 * (1 + std::cos(3 * M_PI / 4)) / 2;
  check_rates(rates(s, 0.3), {0.1, 0.2, 0.3, 0.3 * c1, 0.3 * 0.55, 0.3 * c3});
  s.warmup_epochs = 0;
  s.alpha = 0.0;
  s.epochs = 2;
  check_rates(rates(s, 1.0), {1.0, 0.5});
}

TEST_CASE("one_cycle rises from max_lr / div_factor to max_lr, then anneals far below") {
  LrScheduleOptions s;
  s.kind = LrScheduleKind::one_cycle;
  s.epochs = 11;
  s.pct_start = 0.3;  // PyTorch: phase ends at steps 0.3 * 11 - 1 = 2.3 and 10
  s.div_factor = 10.0;
  s.final_div_factor = 100.0;
  const double max_lr = 1.0, initial = 0.1, final_lr = 0.001;
  const auto anneal = [](double from, double to, double pct) {
    return to + (from - to) / 2 * (1 + std::cos(M_PI * pct));
  };
  std::vector<double> expected;
  for (int i = 0; i <= 10; ++i)
    expected.push_back(i <= 2.3 ? anneal(initial, max_lr, i / 2.3)
                                : anneal(max_lr, final_lr, (i - 2.3) / (10 - 2.3)));
  check_rates(rates(s, max_lr), expected);
  CHECK(expected.front() == Approx(0.1));
  CHECK(expected.back() == Approx(0.001));
}

namespace {

struct Script {
  std::vector<double> values;  // the monitored metric, epoch after epoch
  std::vector<double> rates;   // the rate for the NEXT epoch after each
};

void run_script(const cnnlab::ReduceLrOnPlateauOptions& options, const Script& script, double lr) {
  cnnlab::ReduceLrOnPlateau plateau(options);
  for (size_t i = 0; i < script.values.size(); ++i) {
    lr = plateau.on_epoch_end(lr, {{options.monitor, script.values[i]}});
    INFO("after epoch " << i + 1);
    CHECK(lr == Approx(script.rates[i]).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("ReduceLROnPlateau reduces after patience epochs without improvement") {
  cnnlab::ReduceLrOnPlateauOptions o;
  o.monitor = "loss";
  o.patience = 2;
  o.factor = 0.5;
  o.min_delta = 0.01;
  // 1.0 best; 0.995 is within min_delta (wait 1); 0.99 too (wait 2: reduce, wait 0); 0.5 best;
  // 0.6, 0.6: reduce again.
  run_script(o, {{1.0, 0.995, 0.99, 0.5, 0.6, 0.6}, {1, 1, 0.5, 0.5, 0.5, 0.25}}, 1.0);
}

TEST_CASE("ReduceLROnPlateau waits out its cooldown and never goes below min_lr") {
  cnnlab::ReduceLrOnPlateauOptions o;
  o.monitor = "val_loss";
  o.patience = 1;
  o.factor = 0.1;
  o.cooldown = 2;
  o.min_lr = 0.005;
  // Epoch 2 reduces (cooldown 2). Epoch 3: counter 2 -> 1, still cooling. Epoch 4: 1 -> 0, out
  // of cooldown, wait 1 >= patience: 0.1 -> 0.01. Epoch 5 cools down; epoch 6 reduces to
  // max(0.001, min_lr); later reductions stay at min_lr.
  run_script(o, {{1, 2, 2, 2, 2, 2, 2, 2}, {1, 0.1, 0.1, 0.01, 0.01, 0.005, 0.005, 0.005}}, 1.0);
}

TEST_CASE("ReduceLROnPlateau maximises accuracies in mode auto and resumes from its state") {
  cnnlab::ReduceLrOnPlateauOptions o;
  o.monitor = "val_accuracy";
  o.patience = 1;
  o.min_delta = 0.0;
  cnnlab::ReduceLrOnPlateau plateau(o);
  CHECK(plateau.on_epoch_end(1.0, {{"val_accuracy", 0.5}}) == 1.0);
  CHECK(plateau.on_epoch_end(1.0, {{"val_accuracy", 0.6}}) == 1.0);
  cnnlab::ReduceLrOnPlateau resumed(o);
  resumed.restore(plateau.state());
  CHECK(resumed.on_epoch_end(1.0, {{"val_accuracy", 0.6}}) == Approx(0.1));
  CHECK_THROWS_AS(resumed.on_epoch_end(1.0, {{"loss", 0.6}}), cnnlab::ConfigError);
}

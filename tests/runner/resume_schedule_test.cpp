// Resume with the learning-rate and regularisation keys: ReduceLROnPlateau's state and rate,
// precise batchnorm statistics, weight decay and augmentation all continue bit-identically
// after kill -9 (the checkpoint holds the plateau state and the next epoch's rate).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "scale_out_support.hpp"

using namespace cnnlab::test;

TEST_CASE("kill -9 under a plateau schedule and regularisation, then resume: bit-identical",
          "[runner][resume]") {
  ScaleOutWorkspace w;
  // The plain variant's dropout entry (left out by `when:`) becomes a flip of the feature maps.
  const std::vector<std::string> keys = {
      "--set",     "training.reduce_lr_on_plateau={patience: 0, min_delta: 0.05}",
      "--set",     "training.precise_bn={batches: 2}",
      "--set",     "training.optimizer={type: adam, learning_rate: 0.005, weight_decay: 0.05}",
      "--set",     "training.label_smoothing=0.1",
      "--set",     "model.layers.3={type: random_flip, mode: horizontal}",
      "--variant", "plain"};
  const auto with_keys = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), keys.begin(), keys.end());
    return extra;
  };
  const auto reference = run_cnnlab(w.run_args("reference", with_keys({})));
  INFO(reference.out << reference.err);
  REQUIRE(reference.exit_code == 0);
  REQUIRE_THAT(reference.out, Catch::Contains("learning_rate: 5.0000e-04"));

  const pid_t pid = start_cnnlab(w.run_args("killed", with_keys({"--threads", "2"})));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (committed_epochs(w.dir.file("killed.db")) < 4 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(kill_hard(pid));
  const auto resumed = run_cnnlab(w.run_args("killed", with_keys({"--resume", "--threads", "1"})));
  INFO(resumed.out << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(history_text(w.dir.file("killed.db")) == history_text(w.dir.file("reference.db")));
}

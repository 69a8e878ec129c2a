// A stand-in for `cnnlab run` in the fault tests: it writes a run the way the runner does and
// reacts to signals the way the runner must. Usage:
//   store_writer_child DB until-signal    log an epoch every 20 ms until SIGINT/SIGTERM, then
//                                         mark the run interrupted and exit 128 + signal
//   store_writer_child DB stubborn        notice the signal (create DB.noticed) but keep going:
//                                         only the second signal, at its default action, ends it
//   store_writer_child DB write FOLDS EPOCHS   log everything as fast as possible, complete
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/host/run_store.hpp"

namespace {

constexpr int kSafetyEpochs = 100000;  // ends a child nobody signals

cnnlab::EpochRecord epoch_record(int epoch) {
  cnnlab::EpochRecord record;
  record.epoch = epoch;
  record.loss = 1.0 / epoch;
  record.accuracy = 1.0 - 1.0 / (epoch + 1);
  record.val_loss = 1.2 / epoch;
  record.val_accuracy = 1.0 - 1.2 / (epoch + 2);
  record.seconds = 0.02;
  return record;
}

int64_t begin(cnnlab::RunStore& store, const std::string& variant) {
  cnnlab::RunStart start;
  start.experiment = "faults";
  start.variant = variant;
  start.seed = 1;
  start.config_yaml = start.resolved_yaml = "name: faults\n";
  start.params = {{"variant", variant}};
  return store.begin_run(start);
}

int until_signal(cnnlab::RunStore& store, bool stubborn, const std::string& db_path) {
  cnnlab::InterruptFlag flag;
  const int64_t run = begin(store, stubborn ? "stubborn" : "until-signal");
  bool noticed = false;
  for (int epoch = 1; epoch <= kSafetyEpochs; ++epoch) {
    // The trainer polls between batches: here, four "batches" of 5 ms per epoch.
    for (int batch = 0; batch < 4; ++batch) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      store.heartbeat(run);
      if (!cnnlab::interrupt_requested()) continue;
      if (!stubborn) {
        const cnnlab::InterruptedError error(cnnlab::interrupt_signal());
        store.finish_run(run, cnnlab::RunStatus::interrupted, error.what());
        std::cerr << "store_writer_child: " << error.what() << "\n";
        return error.exit_code();
      }
      if (!noticed) std::ofstream(db_path + ".noticed") << "yes\n";
      noticed = true;
    }
    store.log_epoch(run, 0, epoch_record(epoch));
  }
  store.finish_run(run, cnnlab::RunStatus::completed);
  return 0;
}

int write_all(cnnlab::RunStore& store, int folds, int epochs) {
  const int64_t run = begin(store, "writer-" + std::to_string(::getpid()));
  for (int fold = 0; fold < folds; ++fold) {
    for (int epoch = 1; epoch <= epochs; ++epoch) store.log_epoch(run, fold, epoch_record(epoch));
    cnnlab::FoldRecord record;
    record.fold = fold;
    record.best_epoch = record.stopped_epoch = epochs;
    record.test_accuracy = 0.9;
    store.log_fold(run, record);
    store.add_artifact(run, fold, "model", "fold" + std::to_string(fold) + ".cnnlab");
  }
  store.finish_run(run, cnnlab::RunStatus::completed);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: store_writer_child DB until-signal|stubborn|write FOLDS EPOCHS\n";
    return 2;
  }
  const std::string db_path = argv[1], mode = argv[2];
  try {
    auto store = cnnlab::RunStore::open(db_path);
    if (mode == "until-signal" || mode == "stubborn")
      return until_signal(store, mode == "stubborn", db_path);
    if (mode == "write" && argc == 5)
      return write_all(store, std::stoi(argv[3]), std::stoi(argv[4]));
    std::cerr << "store_writer_child: unknown mode " << mode << "\n";
    return 2;
  } catch (const cnnlab::Error& e) {
    std::cerr << "store_writer_child: " << e.what() << "\n";
    return e.exit_code();
  }
}

#pragma once
#include "cnnlab/host/run_store.hpp"
#include "cnnlab/host/trainer.hpp"

namespace cnnlab::runner {

// Writes each finished epoch to the run history as it ends and keeps the run's heartbeat
// fresh while batches go by, so a crash loses at most the epoch in flight.
class StoreObserver : public TrainingObserver {
 public:
  StoreObserver(RunStore& store, int64_t run_id, int fold)
      : store_(store), run_id_(run_id), fold_(fold) {}
  void on_batch_end(const BatchMetrics& metrics) override;
  void on_epoch_end(const EpochMetrics& metrics) override;

 private:
  RunStore& store_;
  int64_t run_id_;
  int fold_;
};

}  // namespace cnnlab::runner

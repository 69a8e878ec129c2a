#include "store_observer.hpp"

namespace cnnlab::runner {

void StoreObserver::on_batch_end(const BatchMetrics&) { store_.heartbeat(run_id_); }

void StoreObserver::on_epoch_end(const EpochMetrics& m) {
  EpochRecord record;
  record.epoch = m.epoch;
  record.loss = m.loss;
  record.accuracy = m.accuracy;
  record.val_loss = m.val_loss.value_or(kNoValue);
  record.val_accuracy = m.val_accuracy.value_or(kNoValue);
  record.seconds = m.seconds;
  record.learning_rate = m.learning_rate;
  store_.log_epoch(run_id_, fold_, record);
}

}  // namespace cnnlab::runner

// The small value types and the observer base of trainer.hpp.
#include "cnnlab/host/trainer.hpp"

namespace cnnlab {

SampleView all_samples(const ImageSet& images) { return {&images, all_indices(images.size())}; }

SampleView samples_of(const ImageSet& images, IndexList indices) {
  return {&images, std::move(indices)};
}

EpochLog EpochMetrics::log() const {
  EpochLog log{{"loss", loss}, {"accuracy", accuracy}};
  if (val_loss) log["val_loss"] = *val_loss;
  if (val_accuracy) log["val_accuracy"] = *val_accuracy;
  return log;
}

TrainingObserver::~TrainingObserver() = default;
void TrainingObserver::on_train_begin(const TrainBegin&) {}
void TrainingObserver::on_epoch_begin(int, int) {}
void TrainingObserver::on_batch_end(const BatchMetrics&) {}
void TrainingObserver::on_epoch_end(const EpochMetrics&) {}
void TrainingObserver::on_train_end(const FitResult&) {}

}  // namespace cnnlab

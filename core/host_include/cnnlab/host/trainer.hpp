#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "cnnlab/dataset.hpp"
#include "cnnlab/export.hpp"
#include "cnnlab/host/early_stopping.hpp"
#include "cnnlab/host/kfold.hpp"
#include "cnnlab/host/lr_schedule.hpp"
#include "cnnlab/host/metrics.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/regularization.hpp"
#include "cnnlab/optimizer.hpp"

namespace cnnlab {

struct TrainingCheckpoint;  // checkpoint.hpp

// The samples of an ImageSet that take part in a fit or an evaluation: the set is not owned
// and must outlive the view. Images stay uint8; a batch is converted when it is needed.
struct SampleView {
  const ImageSet* images = nullptr;
  IndexList indices;

  size_t size() const { return indices.size(); }
  bool empty() const { return indices.empty(); }
};

CNNLAB_API SampleView all_samples(const ImageSet& images);
CNNLAB_API SampleView samples_of(const ImageSet& images, IndexList indices);

// Metrics of one finished epoch, under Keras' names.
struct CNNLAB_API EpochMetrics {
  int epoch = 0;      // 1-based
  double loss = 0.0;  // mean over the epoch's training samples (training mode: dropout on)
  double accuracy = 0.0;
  std::optional<double> val_loss, val_accuracy;  // with validation data only
  double seconds = 0.0;                          // training and validation
  double learning_rate = 0.0;                    // the optimizer's rate during the epoch

  // {"loss", "accuracy"} plus {"val_loss", "val_accuracy"} when present.
  EpochLog log() const;
};

// Running means over the batches of the epoch so far (what Keras' progress bar shows).
struct BatchMetrics {
  int epoch = 0;      // 1-based
  int64_t step = 0;   // 1-based batch number within the epoch
  int64_t steps = 0;  // batches per epoch
  double loss = 0.0;
  double accuracy = 0.0;
};

struct TrainBegin {
  int epochs = 0;
  int64_t steps_per_epoch = 0;
  int batch_size = 0;
  size_t train_samples = 0;
  size_t validation_samples = 0;
};

struct FitResult {
  std::vector<EpochMetrics> history;  // every epoch that ended, diverged ones included
  int epochs_run = 0;
  // 1-based. With early stopping: its best epoch (0 if no epoch was monitored); without:
  // the last epoch run, whose weights the model keeps.
  int best_epoch = 0;
  // 1-based epoch at which early stopping ended training; 0 when it did not.
  int stopped_epoch = 0;
  bool restored_best_weights = false;
  // A loss became NaN or infinite: training stopped at that batch (or that validation).
  bool diverged = false;
  // should_stop() returned true: training stopped between two batches; the epoch in flight
  // is not in `history` and no weights were restored.
  bool interrupted = false;
  double seconds = 0.0;
};

// Receives the trainer's events. The trainer knows neither the console nor the run store;
// both are observers. Every method does nothing by default.
class CNNLAB_API TrainingObserver {
 public:
  virtual ~TrainingObserver();
  virtual void on_train_begin(const TrainBegin& info);
  virtual void on_epoch_begin(int epoch, int epochs);
  virtual void on_batch_end(const BatchMetrics& metrics);
  virtual void on_epoch_end(const EpochMetrics& metrics);
  virtual void on_train_end(const FitResult& result);
};

struct FitOptions {
  int epochs = 1;
  int batch_size = 32;
  bool shuffle = true;
  // The trainer's own seed (derive it for each fold): the epoch's shuffle is
  // Rng::derive(seed, epoch) and the batch's dropout seed hash64(seed, epoch, step).
  uint64_t seed = 0;
  float scale = 255.0f;  // network input = byte / scale (DatasetInfo::scale)
  std::optional<EarlyStoppingOptions> early_stopping;
  // At most one of the two sets the epoch's learning rate; without either it stays the
  // optimizer's own.
  std::optional<LrScheduleOptions> lr_schedule;
  std::optional<ReduceLrOnPlateauOptions> reduce_lr_on_plateau;
  // Each batch: loss gradient + regularizers' gradients, clipped, decayed weights, step.
  std::vector<KernelRegularizer> kernel_regularizers;
  GradientClipping clipping;
  double weight_decay = 0.0;
  double label_smoothing = 0.0;  // of the training loss; evaluate() stays plain
  // > 0: after each epoch's training, batchnorm statistics are recomputed over this many
  // batches of the epoch's order (precise_bn.hpp), before validation.
  int precise_bn_batches = 0;
  // Polled between batches; returning true ends fit() as interrupted.
  std::function<bool()> should_stop;
  std::vector<TrainingObserver*> observers;
  // Called at the end of every epoch after which training goes on (after the observers), with
  // everything a later fit() needs to continue from there. `owner` is left empty.
  std::function<void(const TrainingCheckpoint&)> checkpoint;
  // Continues the training that wrote this checkpoint (same model, optimizer, options and
  // samples): its epochs are in the result's history and the next epoch is checkpoint.epoch+1.
  // The result is bit-identical to a training that never stopped. DataError when the
  // checkpoint does not fit the model or the optimizer.
  const TrainingCheckpoint* resume_from = nullptr;
};

// Trains `model` on `train`, validating on `validation` (may be empty) at the end of every
// epoch. Keras' fit: batches in (shuffled) order, the last one smaller; the loss is the fused
// softmax cross-entropy when the model's last layer defers its softmax (fit() asks it to), the
// clipped probability cross-entropy otherwise. The optimizer is attached to the model's
// trainable parameters at the start, so its state starts fresh. With
// early_stopping.restore_best_weights every parameter (BN moving statistics included) is
// copied at the best epoch and copied back at the end (also after a divergence, as Keras does).
// Batches run one after the other; only the kernels inside run in parallel, so the result is
// bit-identical for any thread count. Throws ConfigError for bad options, ShapeError when the
// images do not fit the model, DataError for labels outside the model's classes.
CNNLAB_API FitResult fit(Model& model, Optimizer& optimizer, const SampleView& train,
                         const SampleView& validation, const FitOptions& options);

struct Evaluation {
  size_t samples = 0;
  double loss = 0.0;
  double accuracy = 0.0;
  ConfusionMatrix confusion;               // rows: true class, columns: predicted class
  std::vector<double> per_class_accuracy;  // confusion.per_class_accuracy()
};

// Inference-mode loss, accuracy and confusion matrix over `samples` (Keras' evaluate with a
// confusion matrix added). The loss is the mean over samples.
CNNLAB_API Evaluation evaluate(Model& model, const SampleView& samples, int batch_size = 32,
                               float scale = 255.0f);

}  // namespace cnnlab

// fit(): the training loop of trainer.hpp.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "batch.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/host/checkpoint.hpp"
#include "cnnlab/host/precise_bn.hpp"
#include "cnnlab/host/trainer.hpp"
#include "cnnlab/random.hpp"
#include "shuffle.hpp"

namespace cnnlab {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

void check_options(const FitOptions& o, const SampleView& train, const SampleView& validation) {
  if (o.epochs < 1) throw ConfigError("epochs must be >= 1, got " + std::to_string(o.epochs));
  if (o.batch_size < 1) {
    throw ConfigError("batch_size must be >= 1, got " + std::to_string(o.batch_size));
  }
  if (!(o.scale > 0.0f)) throw ConfigError("the input scale must be positive");
  if (!train.images || train.empty()) throw ConfigError("there are no training samples");
  if (!validation.empty() && !validation.images) {
    throw Error("fit: validation indices without validation images");
  }
  if (o.early_stopping && starts_with(o.early_stopping->monitor, "val_") && validation.empty()) {
    throw ConfigError("early_stopping monitors '" + o.early_stopping->monitor +
                      "' but there is no validation data");
  }
  if (o.lr_schedule && o.reduce_lr_on_plateau)
    throw ConfigError("lr_schedule and reduce_lr_on_plateau both set the learning rate: use one");
  if (o.reduce_lr_on_plateau && starts_with(o.reduce_lr_on_plateau->monitor, "val_") &&
      validation.empty()) {
    throw ConfigError("reduce_lr_on_plateau monitors '" + o.reduce_lr_on_plateau->monitor +
                      "' but there is no validation data");
  }
}

// The parameter named "kernel" of each regularized layer, in the options' order.
std::vector<Parameter*> regularized_kernels(Model& model, const FitOptions& options) {
  std::vector<Parameter*> kernels;
  for (const KernelRegularizer& r : options.kernel_regularizers) {
    Parameter* kernel = nullptr;
    if (r.layer < model.layers().size())
      for (Parameter* p : model.layers()[r.layer].layer->parameters())
        if (p->name == "kernel" && p->trainable) kernel = p;
    if (!kernel)
      throw ConfigError("kernel_regularizer: layer " + std::to_string(r.layer + 1) +
                        " has no trainable kernel");
    kernels.push_back(kernel);
  }
  return kernels;
}

// Every parameter's value (BN moving statistics included) at the best epoch.
class WeightSnapshot {
 public:
  void take(Model& model) {
    const auto params = model.all_parameters();
    values_.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) values_[i] = params[i]->value;
    taken_ = true;
  }
  void restore(Model& model) const {
    const auto params = model.all_parameters();
    for (size_t i = 0; i < params.size(); ++i) params[i]->value = values_[i];
  }
  bool taken() const { return taken_; }
  const std::vector<Tensor>& values() const { return values_; }
  void set(std::vector<Tensor> values) {
    values_ = std::move(values);
    taken_ = !values_.empty();
  }

 private:
  std::vector<Tensor> values_;
  bool taken_ = false;
};

// One call of fit(): the loop over epochs and batches, with its buffers and state.
class Fitter {
 public:
  Fitter(Model& model, Optimizer& optimizer, const SampleView& train, const SampleView& validation,
         const FitOptions& options)
      : model_(model),
        optimizer_(optimizer),
        train_(train),
        validation_(validation),
        options_(options),
        steps_((static_cast<int64_t>(train.size()) + options.batch_size - 1) / options.batch_size),
        trainable_(model.trainable_parameters()),
        regularized_(regularized_kernels(model, options)),
        base_learning_rate_(optimizer.learning_rate()),
        learning_rate_(base_learning_rate_) {
    if (options.early_stopping) early_stopping_.emplace(*options.early_stopping);
    if (options.reduce_lr_on_plateau) plateau_.emplace(*options.reduce_lr_on_plateau);
    if (options.resume_from) resume(*options.resume_from);
  }

  FitResult run() {
    const auto start = Clock::now();
    notify([&](TrainingObserver& o) {
      o.on_train_begin(
          {options_.epochs, steps_, options_.batch_size, train_.size(), validation_.size()});
    });
    for (int epoch = result_.epochs_run + 1; epoch <= options_.epochs; ++epoch) {
      const std::optional<EpochMetrics> metrics = run_epoch(epoch);
      if (!metrics) break;  // interrupted
      result_.history.push_back(*metrics);
      result_.epochs_run = epoch;
      notify([&](TrainingObserver& o) { o.on_epoch_end(*metrics); });
      if (result_.diverged || early_stop(*metrics)) break;
      if (plateau_) learning_rate_ = plateau_->on_epoch_end(metrics->learning_rate, metrics->log());
      if (options_.checkpoint && epoch < options_.epochs) options_.checkpoint(checkpoint(epoch));
    }
    finish();
    result_.seconds = seconds_since(start);
    notify([&](TrainingObserver& o) { o.on_train_end(result_); });
    return result_;
  }

 private:
  template <typename Event>
  void notify(const Event& event) {
    for (TrainingObserver* observer : options_.observers) {
      if (observer) event(*observer);
    }
  }

  TrainingCheckpoint checkpoint(int epoch) const {
    TrainingCheckpoint c;
    c.epoch = epoch;
    for (const Parameter* p : model_.all_parameters()) c.parameters.push_back(p->value);
    c.optimizer = optimizer_.save_state();
    if (early_stopping_) c.early_stopping = early_stopping_->state();
    c.best_parameters = best_weights_.values();
    c.learning_rate = learning_rate_;
    if (plateau_) c.reduce_lr_on_plateau = plateau_->state();
    c.history = result_.history;
    return c;
  }

  // Everything is checked before anything of the model changes.
  void resume(const TrainingCheckpoint& c) {
    const auto params = model_.all_parameters();
    if (c.parameters.size() != params.size())
      throw DataError("the checkpoint holds " + std::to_string(c.parameters.size()) +
                      " tensors, the model has " + std::to_string(params.size()));
    if (!c.best_parameters.empty() && c.best_parameters.size() != params.size())
      throw DataError("the checkpoint's best weights do not fit the model");
    for (size_t i = 0; i < params.size(); ++i)
      if (c.parameters[i].dims() != params[i]->value.dims() ||
          (!c.best_parameters.empty() && c.best_parameters[i].dims() != params[i]->value.dims()))
        throw DataError("the checkpoint's '" + params[i]->name +
                        "' has other dims than the model's");
    if (c.early_stopping.has_value() != early_stopping_.has_value())
      throw DataError("the checkpoint was taken with other early-stopping settings");
    if (c.reduce_lr_on_plateau.has_value() != plateau_.has_value() || !(c.learning_rate > 0.0))
      throw DataError("the checkpoint was taken with other learning-rate settings");
    if (c.epoch < 1 || c.epoch >= options_.epochs)
      throw DataError("the checkpoint's epoch " + std::to_string(c.epoch) +
                      " is not one this training continues from");
    for (size_t i = 0; i < params.size(); ++i) params[i]->value = c.parameters[i];
    optimizer_.load_state(c.optimizer);
    if (early_stopping_) early_stopping_->restore(*c.early_stopping);
    if (plateau_) plateau_->restore(*c.reduce_lr_on_plateau);
    learning_rate_ = c.learning_rate;
    best_weights_.set(c.best_parameters);
    result_.history = c.history;
    result_.epochs_run = c.epoch;
  }

  bool interrupt_requested() const { return options_.should_stop && options_.should_stop(); }

  // Trains one epoch and validates; nullopt when interrupted.
  std::optional<EpochMetrics> run_epoch(int epoch) {
    const auto start = Clock::now();
    notify([&](TrainingObserver& o) { o.on_epoch_begin(epoch, options_.epochs); });
    const double learning_rate = epoch_learning_rate(epoch);
    optimizer_.set_learning_rate(learning_rate);
    order_ = train_.indices;
    if (options_.shuffle) {
      Rng rng = Rng::derive(options_.seed, static_cast<uint64_t>(epoch));
      train::shuffle_in_place(order_, rng);
    }

    double loss_sum = 0.0;
    int64_t correct = 0;
    size_t seen = 0;
    const auto batch = static_cast<size_t>(options_.batch_size);
    for (int64_t step = 0; step < steps_; ++step) {
      if (interrupt_requested()) {
        result_.interrupted = true;
        return std::nullopt;
      }
      const size_t begin = static_cast<size_t>(step) * batch;
      const size_t end = std::min(order_.size(), begin + batch);
      train::gather_batch(*train_.images, order_, begin, end, options_.scale, x_, labels_);
      const uint64_t step_seed =
          hash64(options_.seed, static_cast<uint64_t>(epoch), static_cast<uint64_t>(step));
      const Tensor& outputs = model_.forward(x_, true, step_seed);
      double loss = train::batch_loss(model_, outputs, labels_, &grad_, options_.label_smoothing);
      correct += count_correct(outputs, labels_);
      bool finite = std::isfinite(loss);
      if (finite) {
        model_.backward(grad_);
        loss += regularize();
        finite = std::isfinite(loss);
        if (finite) update(learning_rate);
      }
      loss_sum += loss * static_cast<double>(end - begin);
      seen += end - begin;
      notify([&](TrainingObserver& o) {
        o.on_batch_end({epoch, step + 1, steps_, loss_sum / static_cast<double>(seen),
                        static_cast<double>(correct) / static_cast<double>(seen)});
      });
      if (!finite) {
        result_.diverged = true;
        break;
      }
    }

    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.loss = loss_sum / static_cast<double>(seen);
    metrics.accuracy = static_cast<double>(correct) / static_cast<double>(seen);
    metrics.learning_rate = learning_rate;
    if (!result_.diverged && options_.precise_bn_batches > 0) recompute_batchnorm();
    if (!result_.diverged && !validation_.empty()) {
      if (interrupt_requested()) {
        result_.interrupted = true;
        return std::nullopt;
      }
      const Evaluation val = evaluate(model_, validation_, options_.batch_size, options_.scale);
      metrics.val_loss = val.loss;
      metrics.val_accuracy = val.accuracy;
      if (!std::isfinite(val.loss)) result_.diverged = true;
    }
    metrics.seconds = seconds_since(start);
    return metrics;
  }

  double epoch_learning_rate(int epoch) const {
    if (options_.lr_schedule)
      return scheduled_learning_rate(*options_.lr_schedule, base_learning_rate_, epoch);
    return learning_rate_;
  }

  // The regularizers' gradients join the loss gradient; returns their penalty.
  double regularize() {
    double penalty = 0.0;
    for (size_t i = 0; i < regularized_.size(); ++i)
      penalty += apply_kernel_regularizer(*regularized_[i], options_.kernel_regularizers[i]);
    return penalty;
  }

  void update(double learning_rate) {
    clip_gradients(trainable_, options_.clipping);
    decay_weights(trainable_, learning_rate, options_.weight_decay);
    optimizer_.step();
  }

  // The first precise_bn_batches batches of this epoch's order, without their labels.
  void recompute_batchnorm() {
    const auto batch = static_cast<size_t>(options_.batch_size);
    const auto count = std::min<int64_t>(options_.precise_bn_batches, steps_);
    std::vector<Tensor> batches(static_cast<size_t>(count));
    std::vector<int32_t> labels;
    for (int64_t b = 0; b < count; ++b) {
      const size_t begin = static_cast<size_t>(b) * batch;
      train::gather_batch(*train_.images, order_, begin, std::min(order_.size(), begin + batch),
                          options_.scale, batches[static_cast<size_t>(b)], labels);
    }
    recompute_batchnorm_statistics(model_, batches);
  }

  // Feeds early stopping; true when it ends training.
  bool early_stop(const EpochMetrics& metrics) {
    if (!early_stopping_) return false;
    const EarlyStoppingDecision decision =
        early_stopping_->on_epoch_end(metrics.epoch, metrics.log());
    if (decision.new_best && options_.early_stopping->restore_best_weights)
      best_weights_.take(model_);
    return decision.stop;
  }

  void finish() {
    // A later fit() with this optimizer (a resumed one) schedules from the configured rate.
    optimizer_.set_learning_rate(base_learning_rate_);
    if (early_stopping_) {
      result_.best_epoch = early_stopping_->best_epoch();
      result_.stopped_epoch = early_stopping_->stopped_epoch();
      if (!result_.interrupted && best_weights_.taken()) {
        best_weights_.restore(model_);
        result_.restored_best_weights = true;
      }
    } else {
      result_.best_epoch = result_.epochs_run;
    }
  }

  Model& model_;
  Optimizer& optimizer_;
  const SampleView& train_;
  const SampleView& validation_;
  const FitOptions& options_;
  const int64_t steps_;
  const std::vector<Parameter*> trainable_;
  const std::vector<Parameter*> regularized_;
  const double base_learning_rate_;
  double learning_rate_;  // without a schedule: the next epoch's (ReduceLROnPlateau's doing)
  std::optional<EarlyStopping> early_stopping_;
  std::optional<ReduceLrOnPlateau> plateau_;
  WeightSnapshot best_weights_;
  FitResult result_;
  IndexList order_;
  Tensor x_, grad_;
  std::vector<int32_t> labels_;
};

}  // namespace

FitResult fit(Model& model, Optimizer& optimizer, const SampleView& train,
              const SampleView& validation, const FitOptions& options) {
  check_options(options, train, validation);
  train::check_model_fits(model, *train.images);
  if (!validation.empty()) train::check_model_fits(model, *validation.images);
  if (!model.outputs_logits()) model.defer_final_softmax();
  optimizer.attach(model.trainable_parameters());
  return Fitter(model, optimizer, train, validation, options).run();
}

}  // namespace cnnlab

#include <chrono>
#include <cmath>
#include <filesystem>
#include <ostream>

#include "cnnlab/console_progress.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/interrupt.hpp"
#include "cnnlab/kfold.hpp"
#include "cnnlab/model_file.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/random.hpp"
#include "cnnlab/runner.hpp"
#include "cnnlab/trainer.hpp"
#include "cnnlab/version.hpp"
#include "loaded_data.hpp"
#include "store_observer.hpp"

namespace cnnlab {

namespace {

using runner::DataCache;

// The folds every variant trains on: k-fold of the training split, or one fold whose
// validation part is Keras' validation_split (the last fraction, taken before shuffling).
std::vector<Fold> plan_folds(const ExperimentSpec& spec, const ImageSet& train) {
  if (spec.cross_validation) {
    const auto& cv = *spec.cross_validation;
    if (static_cast<size_t>(cv.folds) > train.size())
      throw ConfigError(spec.file + ": cross_validation.folds is " + std::to_string(cv.folds) +
                        " but the training split has only " + std::to_string(train.size()) +
                        " images");
    const uint64_t seed = hash64(spec.seed, 0xf01d5);
    return cv.stratified ? stratified_kfold_split(train.labels, static_cast<int>(cv.folds),
                                                  cv.shuffle, seed)
                         : kfold_split(train.size(), static_cast<int>(cv.folds), cv.shuffle, seed);
  }
  const IndexList all = all_indices(train.size());
  if (spec.training.validation_split <= 0.0) return {Fold{all, {}}};
  auto split = validation_split(all, spec.training.validation_split);
  return {Fold{std::move(split.train), std::move(split.validation)}};
}

std::optional<EarlyStoppingOptions> early_stopping_options(const TrainingSpec& t) {
  if (!t.early_stopping) return std::nullopt;
  const EarlyStoppingSpec& s = *t.early_stopping;
  EarlyStoppingOptions o;
  o.monitor = s.monitor;
  o.min_delta = s.min_delta;
  o.patience = static_cast<int>(s.patience);
  o.mode = s.mode == "min" ? MonitorMode::min
           : s.mode == "max" ? MonitorMode::max
                             : MonitorMode::automatic;
  o.baseline = s.baseline;
  o.restore_best_weights = s.restore_best_weights;
  o.start_from_epoch = static_cast<int>(s.start_from_epoch);
  return o;
}

std::vector<std::pair<std::string, std::string>> param_strings(const ParamList& params) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : params) out.emplace_back(name, to_flow_yaml(value));
  return out;
}

std::string file_safe(const std::string& name) {
  std::string s;
  for (char c : name) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return s;
}

void check_input_shape(const ExperimentSpec& spec, const Shape& model_input, const ImageSet& data) {
  const Shape images{data.height, data.width, data.channels};
  if (model_input != images)
    throw ConfigError(spec.model.location, "model input shape " + shape_to_string(model_input) +
                                               " does not match the dataset's images " +
                                               shape_to_string(images));
}

ModelFile model_file_for(Model& model, const ResolvedVariant& variant, const ExperimentData& data) {
  ModelFile file;
  file.architecture_yaml = variant.resolved_yaml;
  file.variant = variant.name;
  file.class_names = data.info.class_names;
  file.input_shape = model.input_shape();
  file.scale = data.info.scale;
  store_weights(model, file);
  return file;
}

class VariantRunner {
 public:
  VariantRunner(const ExperimentSpec& spec, const ResolvedVariant& variant, const PluginHost& host,
                RunStore& store, const RunOptions& options, const ExperimentData& data,
                const std::vector<Fold>& folds)
      : spec_(spec), variant_(variant), host_(host), store_(store), options_(options),
        data_(data), folds_(folds) {}

  VariantResult run();

 private:
  FoldRecord run_fold(size_t index, const std::string& uuid);
  void say(const std::string& line) {
    if (options_.out) *options_.out << line << std::flush;
  }

  const ExperimentSpec& spec_;
  const ResolvedVariant& variant_;
  const PluginHost& host_;
  RunStore& store_;
  const RunOptions& options_;
  const ExperimentData& data_;
  const std::vector<Fold>& folds_;
  VariantResult result_;
};

VariantResult VariantRunner::run() {
  const ExperimentSpec& s = variant_.spec;
  RunStart start;
  start.experiment = s.name;
  start.variant = variant_.name;
  start.seed = s.seed;
  start.config_yaml = spec_.source_text;
  start.resolved_yaml = variant_.resolved_yaml;
  start.params = param_strings(s.params);
  if (s.training.early_stopping) start.monitor = s.training.early_stopping->monitor;
  start.threads = options_.threads > 0 ? options_.threads : ThreadLimit::current();
  result_.name = variant_.name;
  result_.run_id = store_.begin_run(start);
  result_.uuid = store_.load_run(result_.run_id).run.uuid;
  result_.train_samples = folds_.front().train.size();
  result_.validation_samples = folds_.front().validation.size();
  const auto t0 = std::chrono::steady_clock::now();
  try {
    bool diverged = false;
    for (size_t k = 0; k < folds_.size(); ++k) {
      result_.folds.push_back(run_fold(k, result_.uuid));
      diverged = diverged || result_.folds.back().diverged;
    }
    result_.status = diverged ? RunStatus::diverged : RunStatus::completed;
    store_.finish_run(result_.run_id, result_.status,
                      diverged ? "a fold's loss became NaN or infinite" : "");
  } catch (const InterruptedError& e) {
    store_.finish_run(result_.run_id, RunStatus::interrupted, e.what());
    throw;
  } catch (const std::exception& e) {
    store_.finish_run(result_.run_id, RunStatus::failed, e.what());
    throw;
  }
  result_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result_;
}

FoldRecord VariantRunner::run_fold(size_t index, const std::string& uuid) {
  const ExperimentSpec& s = variant_.spec;
  const Fold& fold = folds_[index];
  const int fold_number = spec_.cross_validation ? static_cast<int>(index) + 1 : 0;
  if (spec_.cross_validation)
    say("\nVariant " + variant_.name + ", fold " + std::to_string(fold_number) + "/" +
        std::to_string(folds_.size()) + " (train " + std::to_string(fold.train.size()) +
        ", validation " + std::to_string(fold.validation.size()) + ")\n");
  else
    say("\nVariant " + variant_.name + " (train " + std::to_string(fold.train.size()) +
        ", validation " + std::to_string(fold.validation.size()) + ", test " +
        std::to_string(data_.test.size()) + ")\n");

  Model model = build_model(s, host_, s.model.input_shape.value_or(data_.info.input_shape));
  check_input_shape(s, model.input_shape(), data_.train);
  auto optimizer = make_optimizer_for(s, host_);

  FitOptions fit_options;
  fit_options.epochs = static_cast<int>(s.training.epochs);
  fit_options.batch_size = static_cast<int>(s.training.batch_size);
  fit_options.shuffle = s.training.shuffle;
  fit_options.seed = hash64(s.seed, 0x7a1, static_cast<uint64_t>(fold_number));
  fit_options.scale = data_.info.scale;
  fit_options.early_stopping = early_stopping_options(s.training);
  fit_options.should_stop = [] { return interrupt_requested(); };
  std::ostream discard(nullptr);
  ConsoleProgress console(options_.out ? *options_.out : discard, options_.live_progress);
  runner::StoreObserver logger(store_, result_.run_id, fold_number);
  if (options_.out) fit_options.observers.push_back(&console);
  fit_options.observers.push_back(&logger);

  const SampleView train = samples_of(data_.train, fold.train);
  const SampleView validation = samples_of(data_.train, fold.validation);
  const FitResult fit_result = fit(model, *optimizer, train, validation, fit_options);
  if (fit_result.interrupted) throw_if_interrupted();

  FoldRecord record;
  record.fold = fold_number;
  record.diverged = fit_result.diverged;
  record.best_epoch = fit_result.best_epoch;
  record.stopped_epoch = fit_result.stopped_epoch > 0 ? fit_result.stopped_epoch
                                                      : fit_result.epochs_run;
  record.train_seconds = fit_result.seconds;
  if (!validation.empty()) {
    const Evaluation v = evaluate(model, validation, fit_options.batch_size, fit_options.scale);
    record.val_loss = v.loss;
    record.val_accuracy = v.accuracy;
  }
  if (data_.test.size() > 0) {
    const Evaluation t = evaluate(model, all_samples(data_.test), fit_options.batch_size,
                                  fit_options.scale);
    record.test_loss = t.loss;
    record.test_accuracy = t.accuracy;
    say("Test" + format_keras_metrics({{"loss", t.loss}, {"accuracy", t.accuracy}}) + "\n");
  }
  store_.log_fold(result_.run_id, record);

  const ModelFile file = model_file_for(model, variant_, data_);
  const std::filesystem::path dir = std::filesystem::path(options_.models_dir) / uuid;
  std::filesystem::create_directories(dir);
  const std::string path = (dir / ("fold-" + std::to_string(fold_number) + ".cnnlab")).string();
  write_model_file(path, file);
  store_.add_artifact(result_.run_id, fold_number, "model", path);
  if (s.training.save_model && index + 1 == folds_.size()) {
    std::string target = *s.training.save_model;
    if (spec_.variants.size() > 1) {
      const std::filesystem::path p(target);
      target = (p.parent_path() / (p.stem().string() + "." + file_safe(variant_.name) +
                                   p.extension().string())).string();
    }
    write_model_file(target, file);
    store_.add_artifact(result_.run_id, fold_number, "saved_model", target);
    say("Saved model to " + target + "\n");
  }
  return record;
}

}  // namespace

ExperimentResult run_experiment(const ExperimentSpec& spec, const PluginHost& host,
                                RunStore& store, const RunOptions& options) {
  const auto variants = expand_variants(spec);
  std::vector<const ResolvedVariant*> selected;
  if (options.variants.empty()) {
    for (const auto& v : variants) selected.push_back(&v);
  } else {
    for (const auto& name : options.variants) selected.push_back(&find_variant(variants, name));
  }

  // Every variant's model and optimizer are made once before any training, so a mistake in
  // the last variant is reported before the first one spends an hour.
  for (const ResolvedVariant* variant : selected) {
    const ExperimentSpec& s = variant->spec;
    build_model(s, host, resolve_input_shape(s, host));
    make_optimizer_for(s, host);
  }

  DataCache cache(host);
  ExperimentResult result;
  result.experiment = spec.name;
  const InterruptFlag interrupt_flag;
  for (const ResolvedVariant* variant : selected) {
    const ExperimentData& data = cache.get(variant->spec);
    const std::vector<Fold> folds = plan_folds(variant->spec, data.train);
    VariantRunner runner(spec, *variant, host, store, options, data, folds);
    result.variants.push_back(runner.run());
  }
  return result;
}

}  // namespace cnnlab

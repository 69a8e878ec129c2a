#include "cell_runner.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "cnnlab/error.hpp"
#include "cnnlab/host/checkpoint.hpp"
#include "cnnlab/host/console_progress.hpp"
#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/host/model_file.hpp"
#include "cnnlab/random.hpp"
#include "store_observer.hpp"

namespace cnnlab::runner {

namespace {

namespace fs = std::filesystem;

// The learning-rate and regularisation keys of the spec (docs/YAML.md, training).
void add_regularisation(const ExperimentSpec& s, FitOptions& o) {
  o.lr_schedule = s.training.lr_schedule;
  o.reduce_lr_on_plateau = s.training.reduce_lr_on_plateau;
  o.weight_decay = s.training.weight_decay;
  o.clipping = s.training.clipping;
  o.label_smoothing = s.training.label_smoothing;
  o.precise_bn_batches = static_cast<int>(s.training.precise_bn_batches);
  for (size_t i = 0; i < s.model.layers.size(); ++i)
    if (const auto& r = s.model.layers[i].kernel_regularizer)
      o.kernel_regularizers.push_back({i, r->l1, r->l2});
}

std::string file_safe(const std::string& name) {
  std::string s;
  for (char c : name)
    s += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
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

void record_confusion(const Evaluation& test, const ExperimentData& data, FoldRecord& record) {
  const int classes = test.confusion.num_classes();
  record.class_names = data.info.class_names;
  record.class_names.resize(classes);
  record.test_confusion.assign(classes, std::vector<int64_t>(classes, 0));
  for (int t = 0; t < classes; ++t)
    for (int p = 0; p < classes; ++p) record.test_confusion[t][p] = test.confusion.count(t, p);
}

// Held while a cell trains, so that a second process given the same cell (a Slurm task
// resubmitted while the first still runs, the same --cell in two shells) stops instead of
// writing the same checkpoint and model. flock: also between nodes on NFS (v4 locks).
class CellLock {
 public:
  CellLock(const std::string& path, const std::string& cell) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error("cannot open " + path + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      throw Error(cell + " is being trained by another process now (it holds " + path + ")");
    }
  }
  // Removed while still held: a process that opened it before fails to lock it, one that
  // opens it after makes a new one, as if it had never existed.
  ~CellLock() {
    ::unlink(path_.c_str());
    ::close(fd_);
  }
  CellLock(const CellLock&) = delete;
  CellLock& operator=(const CellLock&) = delete;

 private:
  std::string path_;
  int fd_ = -1;
};

// Temporary files of the cell's checkpoint and model that a killed attempt left (the writer
// renames its temporary file only when it is complete).
void remove_torn_writes(const fs::path& folder, int fold) {
  const std::string prefix = "fold-" + std::to_string(fold) + ".";
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0 && name.find(".tmp.") != std::string::npos)
      fs::remove(it->path(), ec);
  }
}

// The checkpoint of this very cell, if there is a usable one.
std::optional<TrainingCheckpoint> checkpoint_to_continue(const std::string& path,
                                                         const std::string& owner,
                                                         std::ostream& warnings) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    TrainingCheckpoint c = read_checkpoint(path);
    if (c.owner == owner) return c;
    warnings << "cnnlab: warning: " << path << " belongs to another run or experiment; ignored\n";
  } catch (const Error& e) {
    warnings << "cnnlab: warning: " << e.what() << "; the cell starts over\n";
  }
  return std::nullopt;
}

}  // namespace

std::string cell_file(const RunOptions& options, const std::string& run_uuid, int fold,
                      const std::string& extension) {
  return (fs::path(options.models_dir) / run_uuid /
          ("fold-" + std::to_string(fold) + "." + extension))
      .string();
}

FoldRecord run_cell(const CellJob& job, const PluginHost& host, RunStore& store,
                    const RunOptions& options) {
  const ExperimentSpec& s = job.variant->spec;
  const ExperimentData& data = *job.data;
  const Fold& fold = *job.fold;
  std::ostream discard(nullptr);
  std::ostream& out = options.out ? *options.out : discard;
  if (s.cross_validation)
    out << "\nVariant " << job.variant->name << ", fold " << job.fold_number << "/" << job.folds
        << " (train " << fold.train.size() << ", validation " << fold.validation.size() << ")\n";
  else
    out << "\nVariant " << job.variant->name << " (train " << fold.train.size() << ", validation "
        << fold.validation.size() << ", test " << data.test.size() << ")\n";

  Model model = build_model(s, host, s.model.input_shape.value_or(data.info.input_shape));
  check_input_shape(s, model.input_shape(), data.train);
  auto optimizer = make_optimizer_for(s, host);

  FitOptions fit_options;
  fit_options.epochs = static_cast<int>(s.training.epochs);
  fit_options.batch_size = static_cast<int>(s.training.batch_size);
  fit_options.shuffle = s.training.shuffle;
  fit_options.seed = hash64(s.seed, 0x7a1, static_cast<uint64_t>(job.fold_number));
  fit_options.scale = data.info.scale;
  fit_options.early_stopping = s.training.early_stopping;
  add_regularisation(s, fit_options);
  fit_options.should_stop = [] { return interrupt_requested(); };
  ConsoleProgress console(out, options.live_progress);
  StoreObserver logger(store, job.run_id, job.fold_number);
  if (options.out) fit_options.observers.push_back(&console);
  fit_options.observers.push_back(&logger);

  fs::create_directories(fs::path(options.models_dir) / job.run_uuid);
  const CellLock lock(cell_file(options, job.run_uuid, job.fold_number, "lock"),
                      "variant '" + job.variant->name + "'" +
                          (s.cross_validation ? ", fold " + std::to_string(job.fold_number) : ""));
  remove_torn_writes(fs::path(options.models_dir) / job.run_uuid, job.fold_number);
  const std::string checkpoint_path =
      cell_file(options, job.run_uuid, job.fold_number, "checkpoint");
  const std::string owner =
      job.run_uuid + " fold " + std::to_string(job.fold_number) + " " + job.fingerprint;
  std::ostream& warnings = options.warnings ? *options.warnings : discard;
  const auto resume = checkpoint_to_continue(checkpoint_path, owner, warnings);
  // Epochs the history holds beyond the checkpoint were trained by the attempt that died:
  // they are trained again (identically) and logged anew.
  store.forget_epochs_after(job.run_id, job.fold_number, resume ? resume->epoch : 0);
  if (resume) {
    out << "Continuing from the checkpoint after epoch " << resume->epoch << "\n";
    fit_options.resume_from = &*resume;
  }
  if (optimizer->can_save_state()) {
    fit_options.checkpoint = [&](const TrainingCheckpoint& c) {
      TrainingCheckpoint owned = c;
      owned.owner = owner;
      write_checkpoint(checkpoint_path, owned);
    };
  } else {
    warnings << "cnnlab: warning: optimizer '" << optimizer->type()
             << "' cannot save its state: an interrupted cell starts over\n";
  }

  const SampleView train = samples_of(data.train, fold.train);
  const SampleView validation = samples_of(data.train, fold.validation);
  const FitResult fit_result = fit(model, *optimizer, train, validation, fit_options);
  if (fit_result.interrupted) throw_if_interrupted();

  FoldRecord record;
  record.fold = job.fold_number;
  record.diverged = fit_result.diverged;
  record.best_epoch = fit_result.best_epoch;
  record.stopped_epoch =
      fit_result.stopped_epoch > 0 ? fit_result.stopped_epoch : fit_result.epochs_run;
  record.train_seconds = fit_result.seconds;
  record.train_samples = static_cast<int64_t>(train.size());
  record.validation_samples = static_cast<int64_t>(validation.size());
  if (!validation.empty()) {
    const Evaluation v = evaluate(model, validation, fit_options.batch_size, fit_options.scale);
    record.val_loss = v.loss;
    record.val_accuracy = v.accuracy;
  }
  if (data.test.size() > 0) {
    const Evaluation t =
        evaluate(model, all_samples(data.test), fit_options.batch_size, fit_options.scale);
    record.test_loss = t.loss;
    record.test_accuracy = t.accuracy;
    if (t.confusion.num_classes() <= kMaxConfusionClasses) record_confusion(t, data, record);
    out << "Test" << format_keras_metrics({{"loss", t.loss}, {"accuracy", t.accuracy}}) << "\n";
  }

  // The model file first, the fold record next: a crash between them runs the cell again
  // from its checkpoint, which rewrites the same model.
  const ModelFile file = model_file_for(model, *job.variant, data);
  const std::string path = cell_file(options, job.run_uuid, job.fold_number, "cnnlab");
  write_model_file(path, file);
  store.log_fold(job.run_id, record);
  store.add_artifact(job.run_id, job.fold_number, "model", path);
  fs::remove(checkpoint_path);
  if (s.training.save_model && job.last_fold) {
    std::string target = *s.training.save_model;
    if (job.experiment->variants.size() > 1) {
      const fs::path p(target);
      target = (p.parent_path() /
                (p.stem().string() + "." + file_safe(job.variant->name) + p.extension().string()))
                   .string();
    }
    write_model_file(target, file);
    store.add_artifact(job.run_id, job.fold_number, "saved_model", target);
    out << "Saved model to " << target << "\n";
  }
  return record;
}

}  // namespace cnnlab::runner

// The typed sections of an experiment, read from a resolved document (no ${...} left).
// Every problem is a ConfigError at the key or value concerned; a missing required key is
// reported at its parent map.
#include <limits>
#include <map>
#include <optional>

#include "experiment_detail.hpp"

namespace cnnlab::experiment_detail {

namespace {

constexpr int64_t kMaxBatchSize = 1000000;
constexpr int64_t kMaxFolds = 1000;
constexpr int64_t kMaxCount = std::numeric_limits<int32_t>::max();
constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max();
// model.input_shape: a side as in a model file (model_file.cpp), and values per image.
constexpr int64_t kMaxInputSide = 1 << 16;
constexpr uint64_t kMaxInputValues = uint64_t{1} << 32;

std::optional<int64_t> optional_int_in_range(const Config& cfg, const std::string& key, int64_t min,
                                             int64_t max) {
  if (!cfg.has(key)) return std::nullopt;
  return int_in_range(cfg, key, 0, min, max);
}

DatasetSpec read_dataset(const Config& top, const std::string& base_dir) {
  const ConfigValue* value = present(top.value(), "dataset");
  if (!value) top.fail("dataset", "is required");
  const Config cfg(*value, "dataset", base_dir);
  DatasetSpec dataset;
  dataset.type = cfg.get_string("type");
  dataset.type_location = cfg.location("type");
  dataset.limit_train = optional_int_in_range(cfg, "limit_train", 1, kMaxCount);
  dataset.limit_test = optional_int_in_range(cfg, "limit_test", 1, kMaxCount);
  dataset.config = without_keys(*value, {"type", "limit_train", "limit_test"});
  return dataset;
}

LayerSpec read_layer(const ConfigValue& item, size_t position, size_t file_index,
                     const std::string& base_dir) {
  const std::string what = "layer " + std::to_string(position + 1);
  if (item.kind != ConfigValue::Kind::map)
    throw ConfigError(item.location, what + " must be a map like {type: dense, units: 10}");
  const Config cfg(item, what, base_dir);
  LayerSpec layer;
  layer.type = cfg.get_string("type");
  layer.type_location = cfg.location("type");
  if (cfg.has("name")) {
    layer.name = cfg.get_string("name");
    if (layer.name.empty() || layer.name.find_first_of(" \t/") != std::string::npos)
      cfg.fail("name", "must be a non-empty name without spaces or '/'");
  }
  if (const ConfigValue* r = present(item, "kernel_regularizer"))
    layer.kernel_regularizer = read_kernel_regularizer(*r, what, base_dir);
  layer.config = without_keys(item, {"type", "name", "kernel_regularizer"});
  layer.location = item.location;
  layer.file_index = file_index;
  return layer;
}

ModelSpec read_model(const Config& top, const Resolution& resolution, const std::string& base_dir) {
  const ConfigValue* value = present(top.value(), "model");
  if (!value) top.fail("model", "is required");
  const Config cfg(*value, "model", base_dir);
  check_keys(cfg, {"input_shape", "layers"});
  ModelSpec model;
  model.location = value->location;
  if (cfg.has("input_shape")) {
    Shape shape = cfg.get_int_list("input_shape");
    bool positive = !shape.empty();
    for (int64_t d : shape) positive = positive && d > 0;
    if (!positive) cfg.fail("input_shape", "must be a list of positive sizes like [28, 28, 1]");
    // The layers multiply these sizes in int64_t: [3037000500, 3037000500, 1] overflowed into
    // negative shapes that summary printed and bench handed to the kernels. The bounds are the
    // model file's (a side at most 65536), and one image at most 2^32 values.
    uint64_t values = 1;
    for (int64_t d : shape) {
      if (d > kMaxInputSide)
        cfg.fail("input_shape",
                 "has a size " + std::to_string(d) + " above " + std::to_string(kMaxInputSide));
      values *= static_cast<uint64_t>(d);
      if (values > kMaxInputValues)
        cfg.fail("input_shape",
                 "makes images of more than " + std::to_string(kMaxInputValues) + " values");
    }
    model.input_shape = shape;
  }
  const ConfigValue* layers = present(*value, "layers");
  if (!layers) cfg.fail("layers", "is required");
  if (layers->kind != ConfigValue::Kind::list)
    cfg.fail("layers", "must be a list of layers like [{type: flatten}, {type: dense, units: 10}]");
  if (layers->items.empty()) cfg.fail("layers", "has no layers (after applying 'when:')");

  std::map<std::string, SourceLocation> named;
  for (size_t i = 0; i < layers->items.size(); ++i) {
    const size_t file_index =
        i < resolution.layer_file_indices.size() ? resolution.layer_file_indices[i] : i;
    LayerSpec layer = read_layer(layers->items[i], i, file_index, base_dir);
    if (!layer.name.empty()) {
      const auto [first, inserted] = named.emplace(layer.name, layer.location);
      if (!inserted)
        throw ConfigError(
            layer.location,
            "layer name '" + layer.name + "' is used twice (first at " + first->second.str() + ")");
    }
    model.layers.push_back(std::move(layer));
  }
  return model;
}

PluginSpec read_optimizer(const Config& training, const std::string& base_dir) {
  const ConfigValue* value = present(training.value(), "optimizer");
  PluginSpec optimizer;
  optimizer.config.kind = ConfigValue::Kind::map;
  if (!value) {
    optimizer.type = "adam";
    optimizer.type_location = training.location();
    optimizer.config.location = training.location();
    return optimizer;
  }
  if (value->kind == ConfigValue::Kind::scalar) {  // Keras' optimizer="adam"
    optimizer.type = value->scalar;
    optimizer.type_location = value->location;
    optimizer.config.location = value->location;
    return optimizer;
  }
  const Config cfg(*value, "training.optimizer", base_dir);
  optimizer.type = cfg.get_string("type");
  optimizer.type_location = cfg.location("type");
  optimizer.config = without_keys(*value, {"type"});
  return optimizer;
}

EarlyStoppingOptions read_early_stopping(const ConfigValue& value, const std::string& base_dir) {
  const Config cfg(value, "training.early_stopping", base_dir);
  check_keys(cfg, {"monitor", "min_delta", "patience", "mode", "baseline", "restore_best_weights",
                   "start_from_epoch"});
  EarlyStoppingOptions es;
  es.monitor =
      cfg.get_choice("monitor", {"val_loss", "val_accuracy", "loss", "accuracy"}, es.monitor);
  es.min_delta = cfg.get_double("min_delta", es.min_delta);
  if (es.min_delta < 0) cfg.fail("min_delta", "must be at least 0");
  es.patience = static_cast<int>(int_in_range(cfg, "patience", es.patience, 0, kMaxEpochs));
  es.mode = monitor_mode(cfg.get_choice("mode", {"auto", "min", "max"}, std::string("auto")));
  if (cfg.has("baseline")) es.baseline = cfg.get_double("baseline");
  es.restore_best_weights = cfg.get_bool("restore_best_weights", es.restore_best_weights);
  es.start_from_epoch =
      static_cast<int>(int_in_range(cfg, "start_from_epoch", es.start_from_epoch, 0, kMaxEpochs));
  return es;
}

TrainingSpec read_training(const Config& top, const std::string& base_dir) {
  ConfigValue empty;
  empty.kind = ConfigValue::Kind::map;
  empty.location = top.location();
  const ConfigValue* value = present(top.value(), "training");
  const Config cfg(value ? *value : empty, "training", base_dir);
  check_keys(cfg, {"epochs", "batch_size", "optimizer", "loss", "validation_split", "shuffle",
                   "early_stopping", "save_model", "lr_schedule", "reduce_lr_on_plateau",
                   "label_smoothing", "precise_bn"});
  TrainingSpec training;
  training.epochs = int_in_range(cfg, "epochs", training.epochs, 1, kMaxEpochs);
  training.batch_size = int_in_range(cfg, "batch_size", training.batch_size, 1, kMaxBatchSize);
  training.optimizer = read_optimizer(cfg, base_dir);
  read_optimizer_extras(training.optimizer, training, base_dir);
  cfg.get_choice("loss", {"categorical_crossentropy", "sparse_categorical_crossentropy"},
                 training.loss);
  training.validation_split = cfg.get_double("validation_split", training.validation_split);
  if (training.validation_split < 0.0 || training.validation_split >= 1.0)
    cfg.fail("validation_split",
             "must be at least 0 and below 1, got " + cfg.value().find("validation_split")->scalar);
  training.shuffle = cfg.get_bool("shuffle", training.shuffle);
  if (const ConfigValue* es = present(cfg.value(), "early_stopping"))
    training.early_stopping = read_early_stopping(*es, base_dir);
  if (cfg.has("save_model")) training.save_model = cfg.get_path("save_model");
  if (const ConfigValue* s = present(cfg.value(), "lr_schedule"))
    training.lr_schedule = read_lr_schedule(*s, training.epochs, base_dir);
  if (const ConfigValue* p = present(cfg.value(), "reduce_lr_on_plateau")) {
    if (training.lr_schedule)
      cfg.fail("reduce_lr_on_plateau", "and lr_schedule both set the learning rate: use one");
    training.reduce_lr_on_plateau = read_reduce_lr_on_plateau(*p, base_dir);
  }
  training.label_smoothing = cfg.get_double("label_smoothing", training.label_smoothing);
  if (!(training.label_smoothing >= 0.0 && training.label_smoothing < 1.0))
    cfg.fail("label_smoothing",
             "must be in [0, 1), got " + cfg.value().find("label_smoothing")->scalar);
  if (const ConfigValue* p = present(cfg.value(), "precise_bn")) {
    const Config pb(*p, "training.precise_bn", base_dir);
    check_keys(pb, {"batches"});
    training.precise_bn_batches = int_in_range(pb, "batches", 0, 1, kMaxCount);
  }
  return training;
}

std::optional<CrossValidationSpec> read_cross_validation(const Config& top,
                                                         const std::string& base_dir) {
  const ConfigValue* value = present(top.value(), "cross_validation");
  if (!value) return std::nullopt;
  const Config cfg(*value, "cross_validation", base_dir);
  check_keys(cfg, {"folds", "stratified", "shuffle"});
  CrossValidationSpec cv;
  cv.folds = int_in_range(cfg, "folds", cv.folds, 2, kMaxFolds);
  cv.stratified = cfg.get_bool("stratified", cv.stratified);
  cv.shuffle = cfg.get_bool("shuffle", cv.shuffle);
  return cv;
}

// Early stopping or ReduceLROnPlateau on a validation metric needs validation data.
void check_monitor_has_data(const ConfigValue& document, const ExperimentSpec& spec,
                            const std::string& key, const std::string& monitor) {
  if (monitor.rfind("val_", 0) != 0) return;
  if (spec.training.validation_split > 0.0 || spec.cross_validation) return;
  const ConfigValue& value = *document.find("training")->find(key);
  const ConfigValue* at = value.find("monitor");
  throw ConfigError(at ? at->location : value.location,
                    key + " monitors '" + monitor +
                        "' but there is no validation data: set training.validation_split "
                        "or cross_validation, or monitor 'loss'");
}

void check_validation_available(const ConfigValue& document, const ExperimentSpec& spec) {
  if (const auto& es = spec.training.early_stopping)
    check_monitor_has_data(document, spec, "early_stopping", es->monitor);
  if (const auto& plateau = spec.training.reduce_lr_on_plateau)
    check_monitor_has_data(document, spec, "reduce_lr_on_plateau", plateau->monitor);
}

}  // namespace

int64_t int_in_range(const Config& cfg, const std::string& key, int64_t fallback, int64_t min,
                     int64_t max) {
  const int64_t x = cfg.get_int(key, fallback);
  if (x < min)
    cfg.fail(key, "must be at least " + std::to_string(min) + ", got " + std::to_string(x));
  if (x > max)
    cfg.fail(key, "must be at most " + std::to_string(max) + ", got " + std::to_string(x));
  return x;
}

// Unknown keys are reported before missing or bad ones: a misspelt key often explains both.
void check_keys(const Config& cfg, const std::vector<std::string>& known) {
  cfg.accept(known);
  cfg.reject_unknown_keys();
}

const ConfigValue* present(const ConfigValue& map, const std::string& key) {
  const ConfigValue* v = map.find(key);
  return v && v->kind != ConfigValue::Kind::null ? v : nullptr;
}

void read_resolved(const Resolution& resolution, ExperimentSpec& spec) {
  const ConfigValue& document = resolution.document;
  const Config top(document, "experiment", spec.base_dir);
  top.accept(top_level_keys());
  spec.name = top.get_string("name");
  if (spec.name.empty()) top.fail("name", "must not be empty");
  spec.seed = static_cast<uint64_t>(int_in_range(top, "seed", 0, 0, kNoLimit));
  spec.dataset = read_dataset(top, spec.base_dir);
  spec.model = read_model(top, resolution, spec.base_dir);
  spec.training = read_training(top, spec.base_dir);
  spec.cross_validation = read_cross_validation(top, spec.base_dir);
  check_validation_available(document, spec);
}

}  // namespace cnnlab::experiment_detail

#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/export.hpp"
#include "cnnlab/host/early_stopping.hpp"
#include "cnnlab/host/lr_schedule.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/regularization.hpp"
#include "cnnlab/plugin_host.hpp"
#include "cnnlab/shape.hpp"

namespace cnnlab {

// An experiment file (YAML, version 1; docs/YAML.md is the reference) as a validated spec.
//
// The flow: load_experiment() reads the file, applies the --set overrides, substitutes the
// default params and validates everything, so that a mistake anywhere is reported at once
// with FILE:LINE:COL. expand_variants() then resolves the file once per variant (explicit
// `variants:` first, then the `grid:` product) into ResolvedVariants, each a complete spec
// of its own. build_model() turns a resolved spec into a Model through the plugins.
//
// Every error is a ConfigError (exit code 2) whose message starts with the location of the
// offending key or value ("exp.yaml:14:22: ..."; "--set training.epochs=0: ..." for an
// override).

using ParamList = std::vector<std::pair<std::string, ConfigValue>>;  // in file order

// A plugin object's part of the file: its `type` and the rest of its keys, for the factory.
struct CNNLAB_API PluginSpec {
  std::string type;
  ConfigValue config;  // a map without `type`
  SourceLocation type_location;
};

struct CNNLAB_API DatasetSpec : PluginSpec {
  std::optional<int64_t> limit_train;  // first N of the training split
  std::optional<int64_t> limit_test;
};

// Keras' kernel_regularizer of a layer: l1 * sum|kernel| + l2 * sum kernel^2.
struct CNNLAB_API LayerRegularizer {
  double l1 = 0.0;
  double l2 = 0.0;
};

struct CNNLAB_API LayerSpec : PluginSpec {
  std::string name;  // `name:` from the file; empty for the Keras default
  // Applied by the trainer to the layer's "kernel" parameter; not part of `config`.
  std::optional<LayerRegularizer> kernel_regularizer;
  SourceLocation location;  // the layer's entry in `model.layers`
  size_t file_index = 0;    // position in the file's list, counting layers dropped by `when:`
};

struct CNNLAB_API ModelSpec {
  std::optional<Shape> input_shape;  // absent: the dataset's
  std::vector<LayerSpec> layers;     // after `when:`
  SourceLocation location;
};

struct CNNLAB_API TrainingSpec {
  int64_t epochs = 10;
  int64_t batch_size = 32;
  PluginSpec optimizer;                           // default {type: adam}
  std::string loss = "categorical_crossentropy";  // the only loss; labels are class indices
  double validation_split = 0.0;                  // used when cross_validation is absent
  bool shuffle = true;
  std::optional<EarlyStoppingOptions> early_stopping;  // what fit() takes, as read
  std::optional<std::string> save_model;               // resolved against the file's folder
  std::optional<LrScheduleOptions> lr_schedule;
  std::optional<ReduceLrOnPlateauOptions> reduce_lr_on_plateau;
  double weight_decay = 0.0;  // from training.optimizer, applied by the trainer (decoupled)
  GradientClipping clipping;  // likewise: clipnorm, clipvalue, global_clipnorm
  double label_smoothing = 0.0;
  int64_t precise_bn_batches = 0;  // training.precise_bn.batches; 0: off
};

struct CNNLAB_API CrossValidationSpec {
  int64_t folds = 5;
  bool stratified = true;
  bool shuffle = true;
};

struct CNNLAB_API VariantSpec {
  std::string name;
  ParamList params;  // only the params this variant changes
  SourceLocation location;
};

struct CNNLAB_API ExperimentSpec {
  std::string file;         // as given; the prefix of every location
  std::string base_dir;     // relative paths in the file resolve from here
  std::string source_text;  // the file as read
  ConfigValue document;     // after --set, before ${...} and `when:`

  std::string name;
  uint64_t seed = 0;
  ParamList params;  // the values in effect: defaults, or a variant's
  DatasetSpec dataset;
  ModelSpec model;
  TrainingSpec training;
  std::optional<CrossValidationSpec> cross_validation;
  std::vector<VariantSpec> variants;  // explicit ones, then the grid's; empty when none
};

// One variant to run: its own complete spec (params, layers after ${...} and `when:`).
struct CNNLAB_API ResolvedVariant {
  std::string name;  // "default" when the file declares no variants
  ExperimentSpec spec;
  ConfigValue resolved;       // the resolved document: no params/variants/grid
  std::string resolved_yaml;  // `resolved` as YAML text, for the run history and model files
};

// Reads and validates an experiment file. `set_overrides` are "KEY=VALUE" strings: a param
// name (`dropout=0.5`, changes its default) or a dotted path into the file
// (`training.epochs=2`, `model.layers.3.rate=0.1`; list items by index in the file). VALUE is
// read as YAML, so `[3, 3]` is a list.
CNNLAB_API ExperimentSpec load_experiment(const std::string& path,
                                          const std::vector<std::string>& set_overrides = {});
// The same from text; `file` labels the locations and `base_dir` anchors relative paths.
CNNLAB_API ExperimentSpec parse_experiment(const std::string& text, const std::string& file,
                                           const std::string& base_dir,
                                           const std::vector<std::string>& set_overrides = {});

// One ResolvedVariant per variant, in order; a single "default" one when there are none.
CNNLAB_API std::vector<ResolvedVariant> expand_variants(const ExperimentSpec& spec);
// The variant called `name`; a ConfigError listing the known names otherwise.
CNNLAB_API const ResolvedVariant& find_variant(const std::vector<ResolvedVariant>& variants,
                                               const std::string& name);

// The spec's dataset and optimizer, made by their plugins, which check their keys.
CNNLAB_API std::shared_ptr<Dataset> make_dataset_for(const ExperimentSpec& spec,
                                                     const PluginHost& host);
CNNLAB_API std::shared_ptr<Optimizer> make_optimizer_for(const ExperimentSpec& spec,
                                                         const PluginHost& host);

// Makes the dataset and the optimizer so that their plugins check their keys before anything
// runs. Returns a note for each kind that no loaded plugin provides at all (nothing checked).
CNNLAB_API std::vector<std::string> check_dataset_and_optimizer(const ExperimentSpec& spec,
                                                                const PluginHost& host);

// model.input_shape, or else the dataset's (made through the host, reading its headers).
CNNLAB_API Shape resolve_input_shape(const ExperimentSpec& spec, const PluginHost& host);
// The spec's layers, made by the plugins and built on `input_shape`, weights initialised from
// spec.seed. A layer that cannot take its input is a ConfigError at that layer's entry.
CNNLAB_API Model build_model(const ExperimentSpec& spec, const PluginHost& host,
                             const Shape& input_shape);
// The architecture stored as resolved YAML (a model file), rebuilt on `input_shape`.
// `origin` labels locations in errors ("model.cnnlab").
CNNLAB_API Model build_model_from_yaml(const std::string& resolved_yaml, const PluginHost& host,
                                       const Shape& input_shape, const std::string& origin);

// Throws ConfigError at `where` (the spec's model.location) unless the model outputs one
// value per class of the dataset: a mismatch is reported before training, not mid-epoch.
CNNLAB_API void check_output_units(const Model& model, const DatasetInfo& dataset,
                                   const SourceLocation& where);

// YAML text <-> ConfigValue, with a location on every value and map key. Duplicate keys, an
// unclosed quote and more than one document are errors (yaml-cpp accepts them silently).
CNNLAB_API ConfigValue parse_yaml(const std::string& text, const std::string& file);
CNNLAB_API std::string to_yaml(const ConfigValue& value);
// A one-line flow rendering ("{learning_rate: 0.001}", "[3, 3]", "relu") for messages.
CNNLAB_API std::string to_flow_yaml(const ConfigValue& value);

}  // namespace cnnlab

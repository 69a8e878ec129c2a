#pragma once
// Steps of reading an experiment, shared by the files of core/src/experiment only.
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/text.hpp"

namespace cnnlab::experiment_detail {

// The top-level keys of an experiment file, version 1.
const std::vector<std::string>& top_level_keys();

// --set: applies "KEY=VALUE" overrides to the document (see load_experiment).
void apply_overrides(ConfigValue& document, const std::vector<std::string>& overrides);

// `params:` of the document, checked: names usable in ${...}.
ParamList read_params(const ConfigValue& document);
// yaml-cpp needs a few hundred bytes per value: a larger YAML text is refused before parsing.
constexpr size_t kMaxYamlBytes = size_t{4} << 20;

// The most variants one experiment may have: each is a complete spec of its own.
constexpr size_t kMaxVariants = 1000;
// variants x file size may not exceed this: each variant holds copies of the document.
constexpr size_t kMaxVariantBytes = size_t{64} << 20;

// `variants:` then the `grid:` product, checked against the declared params; at most
// kMaxVariants.
std::vector<VariantSpec> read_variants(const ConfigValue& document, const ParamList& params);
// `base` with the variant's values put over it.
ParamList merge_params(const ParamList& base, const ParamList& overrides);

// The document for one set of param values: `when:` applied to the layers, ${...}
// substituted everywhere, `variants:` and `grid:` dropped, `params:` holding the values used.
struct Resolution {
  ConfigValue document;
  std::vector<size_t> layer_file_indices;  // for each kept layer, its index in the file
};
Resolution resolve(const ConfigValue& document, const ParamList& params);

// Fills the typed sections of `spec` (name ... cross_validation) from a resolved document.
void read_resolved(const Resolution& resolution, ExperimentSpec& spec);

// The map without the named keys (and their key locations).
ConfigValue without_keys(const ConfigValue& map, const std::vector<std::string>& keys);

// Upper bounds for counts the trainer keeps in an int: checked here, where the location is
// known, so 4294967297 epochs is an error rather than 1 epoch.
constexpr int64_t kMaxEpochs = 1000000;

// cfg's integer `key` (or fallback) in [min, max]; a ConfigError at the key otherwise.
int64_t int_in_range(const Config& cfg, const std::string& key, int64_t fallback, int64_t min,
                     int64_t max);
// Unknown keys are reported before missing or bad ones: a misspelt key often explains both.
void check_keys(const Config& cfg, const std::vector<std::string>& known);
// The map's value at `key` unless it is absent or null.
const ConfigValue* present(const ConfigValue& map, const std::string& key);

// training.lr_schedule, training.reduce_lr_on_plateau (training_reader.cpp).
LrScheduleOptions read_lr_schedule(const ConfigValue& value, int64_t epochs,
                                   const std::string& base_dir);
ReduceLrOnPlateauOptions read_reduce_lr_on_plateau(const ConfigValue& value,
                                                   const std::string& base_dir);
// weight_decay and the clip keys of training.optimizer, which the trainer applies for every
// optimizer; `optimizer.config` loses them, so the plugin never sees them.
void read_optimizer_extras(PluginSpec& optimizer, TrainingSpec& training,
                           const std::string& base_dir);
// A layer's kernel_regularizer: {l1: X, l2: Y} or Keras' names l1 / l2 (0.01) and l1_l2.
LayerRegularizer read_kernel_regularizer(const ConfigValue& value, const std::string& what,
                                         const std::string& base_dir);

}  // namespace cnnlab::experiment_detail

#pragma once
// Steps of reading an experiment, shared by the files of core/src/experiment only.
#include <string>
#include <vector>

#include "cnnlab/experiment.hpp"

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

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

}  // namespace cnnlab::experiment_detail

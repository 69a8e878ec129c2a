// Loading an experiment file and expanding it into its variants.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment_detail.hpp"

namespace cnnlab {

namespace experiment_detail {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"name",  "seed",     "params",           "dataset",
                                                "model", "training", "cross_validation", "variants",
                                                "grid"};
  return keys;
}

ConfigValue without_keys(const ConfigValue& map, const std::vector<std::string>& keys) {
  ConfigValue result = map;
  result.entries.clear();
  result.key_locations.clear();
  for (size_t i = 0; i < map.entries.size(); ++i) {
    if (std::find(keys.begin(), keys.end(), map.entries[i].first) != keys.end()) continue;
    result.entries.push_back(map.entries[i]);
    if (i < map.key_locations.size()) result.key_locations.push_back(map.key_locations[i]);
  }
  return result;
}

}  // namespace experiment_detail

using namespace experiment_detail;

ExperimentSpec parse_experiment(const std::string& text, const std::string& file,
                                const std::string& base_dir,
                                const std::vector<std::string>& set_overrides) {
  ConfigValue document = parse_yaml(text, file);
  if (document.kind == ConfigValue::Kind::null)
    throw ConfigError(document.location,
                      "the experiment is empty: it needs at least name, dataset and model");
  if (document.kind != ConfigValue::Kind::map)
    throw ConfigError(document.location,
                      "an experiment is a map of keys (name, dataset, model, training, ...)");
  apply_overrides(document, set_overrides);
  const Config top(document, "experiment", base_dir);
  top.accept(top_level_keys());
  top.reject_unknown_keys();

  ExperimentSpec spec;
  spec.file = file;
  spec.base_dir = base_dir;
  spec.source_text = text;
  spec.params = read_params(document);
  spec.variants = read_variants(document, spec.params);
  if (spec.variants.size() * text.size() > kMaxVariantBytes)
    throw ConfigError(document.location, std::to_string(spec.variants.size()) + " variants of a " +
                                             std::to_string(text.size()) +
                                             "-byte file would need too much memory; "
                                             "at most " +
                                             std::to_string(kMaxVariantBytes / text.size()) +
                                             " variants for a file this size");
  spec.document = std::move(document);
  read_resolved(resolve(spec.document, spec.params), spec);
  // Each variant must resolve too: a bad value in any of them is reported before anything runs.
  expand_variants(spec);
  return spec;
}

ExperimentSpec load_experiment(const std::string& path,
                               const std::vector<std::string>& set_overrides) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw ConfigError("cannot read experiment file '" + path +
                      "': " + (fs::exists(path, ec) ? "not a regular file" : "no such file"));
  if (fs::file_size(path, ec) > kMaxYamlBytes)
    throw ConfigError("cannot read experiment file '" + path + "': larger than " +
                      std::to_string(kMaxYamlBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw ConfigError("cannot read experiment file '" + path + "'");
  const fs::path parent = fs::path(path).parent_path();
  ExperimentSpec spec =
      parse_experiment(text.str(), path, parent.empty() ? "." : parent.string(), set_overrides);
  // `save_model` naming the experiment file itself: the trained model replaced the experiment.
  // Checked here, on the file from disk: the YAML stored in a model file names that model.
  for (const ResolvedVariant& variant : expand_variants(spec)) {
    const auto& target = variant.spec.training.save_model;
    if (!target || !fs::equivalent(*target, path, ec)) continue;
    const ConfigValue* training = present(variant.resolved, "training");
    const ConfigValue* value = training ? present(*training, "save_model") : nullptr;
    throw ConfigError(value ? value->location : spec.document.location,
                      "training.save_model is the experiment file itself: the model would "
                      "replace it");
  }
  return spec;
}

std::vector<ResolvedVariant> expand_variants(const ExperimentSpec& spec) {
  std::vector<VariantSpec> variants = spec.variants;
  if (variants.empty()) variants.push_back({"default", {}, {}});
  std::vector<ResolvedVariant> resolved;
  for (const auto& variant : variants) {
    try {
      const ParamList params = merge_params(spec.params, variant.params);
      const Resolution resolution = resolve(spec.document, params);
      ResolvedVariant rv;
      rv.name = variant.name;
      rv.spec = spec;
      rv.spec.params = params;
      rv.spec.variants.clear();
      read_resolved(resolution, rv.spec);
      rv.resolved = resolution.document;
      rv.resolved_yaml = "# " + spec.file + ", variant '" + variant.name +
                         "', with params and 'when:' applied\n" + to_yaml(rv.resolved);
      resolved.push_back(std::move(rv));
    } catch (const ConfigError& e) {
      throw ConfigError(std::string(e.what()) + " (in variant " + quoted(variant.name) + ")");
    }
  }
  return resolved;
}

const ResolvedVariant& find_variant(const std::vector<ResolvedVariant>& variants,
                                    const std::string& name) {
  std::vector<std::string> names;
  for (const auto& variant : variants) {
    if (variant.name == name) return variant;
    names.push_back(variant.name);
  }
  const std::string hint = closest_match(name, names);
  throw ConfigError("unknown variant " + quoted(name) +
                    (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                    "; variants: " + join(names));
}

}  // namespace cnnlab

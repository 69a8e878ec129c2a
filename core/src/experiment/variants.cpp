// `variants:` (named param overrides) and `grid:` (every combination of param values).
#include <map>

#include "experiment_detail.hpp"

namespace cnnlab::experiment_detail {

namespace {

std::vector<std::string> names_of(const ParamList& params) {
  std::vector<std::string> names;
  for (const auto& [name, value] : params) names.push_back(name);
  return names;
}

void check_declared(const std::string& name, const SourceLocation& where, const ParamList& params,
                    const std::string& context) {
  for (const auto& [declared, value] : params)
    if (declared == name) return;
  const std::string hint = closest_match(name, names_of(params));
  throw ConfigError(where, context + " sets " + quoted(name) + ", which is not in params" +
                               (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                               (params.empty() ? "; declare it under params:"
                                               : "; params: " + join(names_of(params))));
}

std::vector<VariantSpec> read_explicit(const ConfigValue& document, const ParamList& params) {
  const ConfigValue* list = document.find("variants");
  if (!list || list->kind == ConfigValue::Kind::null) return {};
  if (list->kind != ConfigValue::Kind::list)
    throw ConfigError(
        list->location,
        "'variants' must be a list like [{name: baseline}, {name: b, params: {...}}]");
  if (list->items.size() > kMaxVariants)
    throw ConfigError(list->location,
                      std::to_string(list->items.size()) + " variants, more than the " +
                          std::to_string(kMaxVariants) + " one experiment may have");
  std::vector<VariantSpec> variants;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const ConfigValue& item = list->items[i];
    const std::string what = "variant " + std::to_string(i + 1);
    if (item.kind != ConfigValue::Kind::map)
      throw ConfigError(item.location, what + " must be a map like {name: b, params: {...}}");
    const Config cfg(item, what);
    cfg.accept({"name", "params"});
    cfg.reject_unknown_keys();
    VariantSpec variant;
    variant.name = cfg.get_string("name");
    if (variant.name.empty()) cfg.fail("name", "must not be empty");
    variant.location = item.location;
    if (const ConfigValue* values = item.find("params");
        values && values->kind != ConfigValue::Kind::null) {
      if (values->kind != ConfigValue::Kind::map)
        cfg.fail("params", "must be a map of param names to values");
      for (size_t k = 0; k < values->entries.size(); ++k) {
        const auto& [name, value] = values->entries[k];
        check_declared(name, values->key_locations[k], params, "variant '" + variant.name + "'");
        variant.params.emplace_back(name, value);
      }
    }
    variants.push_back(std::move(variant));
  }
  return variants;
}

// Counted before any variant is made: a 100 x 100 grid would otherwise build 10,000 specs.
void check_grid_size(const ConfigValue& grid) {
  size_t count = 1;
  std::string sizes;
  for (const auto& [name, values] : grid.entries) {
    count = count > kMaxVariants ? count : count * values.items.size();
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(values.items.size());
  }
  if (count > kMaxVariants)
    throw ConfigError(grid.location, "grid: " + sizes + " makes more than " +
                                         std::to_string(kMaxVariants) +
                                         " variants, the most one experiment may have");
}

// The cartesian product in the grid's key order, the last key changing fastest; names like
// "dropout=0.25,bn=true".
std::vector<VariantSpec> read_grid(const ConfigValue& document, const ParamList& params) {
  const ConfigValue* grid = document.find("grid");
  if (!grid || grid->kind == ConfigValue::Kind::null) return {};
  if (grid->kind != ConfigValue::Kind::map || grid->entries.empty())
    throw ConfigError(
        grid->location,
        "'grid' must map param names to lists of values, like {dropout: [0.0, 0.25]}");
  for (size_t k = 0; k < grid->entries.size(); ++k) {
    const auto& [name, values] = grid->entries[k];
    check_declared(name, grid->key_locations[k], params, "grid");
    if (values.kind != ConfigValue::Kind::list || values.items.empty())
      throw ConfigError(values.location.line ? values.location : grid->key_locations[k],
                        "grid: '" + name + "' must be a non-empty list of values");
  }
  check_grid_size(*grid);
  std::vector<VariantSpec> variants;
  std::vector<size_t> choice(grid->entries.size(), 0);
  while (true) {
    VariantSpec variant;
    variant.location = grid->location;
    for (size_t k = 0; k < choice.size(); ++k) {
      const auto& [name, values] = grid->entries[k];
      const ConfigValue& value = values.items[choice[k]];
      variant.name += (k ? "," : "") + name + "=" + to_flow_yaml(value);
      variant.params.emplace_back(name, value);
    }
    variants.push_back(std::move(variant));
    size_t k = choice.size();
    while (k > 0 && ++choice[k - 1] == grid->entries[k - 1].second.items.size()) choice[--k] = 0;
    if (k == 0) return variants;
  }
}

}  // namespace

std::vector<VariantSpec> read_variants(const ConfigValue& document, const ParamList& params) {
  std::vector<VariantSpec> variants = read_explicit(document, params);
  for (auto& variant : read_grid(document, params)) variants.push_back(std::move(variant));
  if (variants.size() > kMaxVariants)
    throw ConfigError(document.find("variants")->location,
                      "variants and grid make " + std::to_string(variants.size()) +
                          " variants, more than the " + std::to_string(kMaxVariants) +
                          " one experiment may have");
  std::map<std::string, SourceLocation> seen;
  for (const auto& variant : variants) {
    const auto [first, inserted] = seen.emplace(variant.name, variant.location);
    if (!inserted)
      throw ConfigError(variant.location, "variant name " + quoted(variant.name) +
                                              " is used twice (first at " + first->second.str() +
                                              ")");
  }
  return variants;
}

}  // namespace cnnlab::experiment_detail

#include "launch_plan.hpp"

#include <algorithm>

#include "cnnlab/error.hpp"
#include "cnnlab/random.hpp"

namespace cnnlab {

namespace runner {

namespace {

// Where `section.key` is in the experiment file, for errors that only the data reveals.
SourceLocation key_location(const ExperimentSpec& spec, const char* section, const char* key) {
  const ConfigValue* block = spec.document.find(section);
  const ConfigValue* value = block ? block->find(key) : nullptr;
  return value ? value->location : block ? block->location : SourceLocation{spec.file, 0, 0};
}

std::vector<Fold> split_folds(const ExperimentSpec& spec, const ImageSet& train) {
  if (spec.cross_validation) {
    const auto& cv = *spec.cross_validation;
    if (static_cast<size_t>(cv.folds) > train.size())
      throw ConfigError("cross_validation.folds is " + std::to_string(cv.folds) +
                        " but the training split has only " + std::to_string(train.size()) +
                        " images");
    const uint64_t seed = hash64(spec.seed, 0xf01d5);
    return cv.stratified
               ? stratified_kfold_split(train.labels, static_cast<int>(cv.folds), cv.shuffle, seed)
               : kfold_split(train.size(), static_cast<int>(cv.folds), cv.shuffle, seed);
  }
  const IndexList all = all_indices(train.size());
  if (spec.training.validation_split <= 0.0) return {Fold{all, {}}};
  auto split = validation_split(all, spec.training.validation_split);
  return {Fold{std::move(split.train), std::move(split.validation)}};
}

}  // namespace

std::vector<Fold> plan_folds(const ExperimentSpec& spec, const ImageSet& train) {
  try {
    return split_folds(spec, train);
  } catch (const ConfigError& e) {
    // The splitters know numbers, not files: the error points at the key that asked.
    throw ConfigError(spec.cross_validation ? key_location(spec, "cross_validation", "folds")
                                            : key_location(spec, "training", "validation_split"),
                      e.what());
  }
}

int fold_number(const ExperimentSpec& spec, size_t fold_index) {
  return spec.cross_validation ? static_cast<int>(fold_index) + 1 : 0;
}

std::vector<int> select_variants(const std::vector<ResolvedVariant>& variants,
                                 const std::vector<std::string>& names) {
  std::vector<int> selected;
  if (names.empty()) {
    for (size_t i = 0; i < variants.size(); ++i) selected.push_back(static_cast<int>(i));
    return selected;
  }
  for (const auto& name : names) {
    const ResolvedVariant& v = find_variant(variants, name);
    const int index = static_cast<int>(&v - variants.data());
    if (std::find(selected.begin(), selected.end(), index) == selected.end())
      selected.push_back(index);
  }
  std::sort(selected.begin(), selected.end());
  return selected;
}

std::vector<CellPlan> plan_cells(const std::vector<ResolvedVariant>& variants,
                                 const std::vector<int>& selected, DataCache& cache) {
  std::vector<CellPlan> cells;
  int index = 0;
  for (size_t v = 0; v < variants.size(); ++v) {
    const ExperimentSpec& spec = variants[v].spec;
    // The number of folds is known from the spec; sizes need the data.
    const size_t folds =
        spec.cross_validation ? static_cast<size_t>(spec.cross_validation->folds) : 1;
    const bool wanted =
        selected.empty() || std::count(selected.begin(), selected.end(), static_cast<int>(v));
    if (!wanted) {
      index += static_cast<int>(folds);
      continue;
    }
    const std::vector<Fold> plan = plan_folds(spec, cache.get(spec).train);
    for (size_t k = 0; k < plan.size(); ++k) {
      CellPlan cell;
      cell.index = index++;
      cell.variant_index = static_cast<int>(v);
      cell.variant = variants[v].name;
      cell.fold = fold_number(spec, k);
      cell.train_samples = plan[k].train.size();
      cell.validation_samples = plan[k].validation.size();
      cells.push_back(cell);
    }
  }
  return cells;
}

}  // namespace runner

ExperimentPlan plan_experiment(const ExperimentSpec& spec, const PluginHost& host,
                               const std::vector<std::string>& variant_names) {
  const auto variants = expand_variants(spec);
  const auto selected = runner::select_variants(variants, variant_names);
  runner::DataCache cache(host);
  ExperimentPlan plan;
  plan.identity = experiment_identity(spec, variants);
  plan.cells = runner::plan_cells(variants, selected, cache);
  return plan;
}

}  // namespace cnnlab

#pragma once
// The folds each variant trains on and the cells they make: shared by `cnnlab plan` and the
// runner, so both number cells the same way.
#include <vector>

#include "cnnlab/host/kfold.hpp"
#include "cnnlab/host/runner.hpp"
#include "loaded_data.hpp"

namespace cnnlab::runner {

// The folds every variant trains on: k-fold of the training split, or one fold whose
// validation part is Keras' validation_split (the last fraction, taken before shuffling).
std::vector<Fold> plan_folds(const ExperimentSpec& spec, const ImageSet& train);

// The fold number a cell records: 0 without cross-validation, else 1..k.
int fold_number(const ExperimentSpec& spec, size_t fold_index);

// Cells of all `variants` in order (every variant counts towards the indices); only the
// variants whose index is in `selected` (all when empty) are listed.
std::vector<CellPlan> plan_cells(const std::vector<ResolvedVariant>& variants,
                                 const std::vector<int>& selected, DataCache& cache);

// Indices into `variants` of the names given (all when empty), sorted and without repeats;
// ConfigError for unknown ones.
std::vector<int> select_variants(const std::vector<ResolvedVariant>& variants,
                                 const std::vector<std::string>& names);

}  // namespace cnnlab::runner

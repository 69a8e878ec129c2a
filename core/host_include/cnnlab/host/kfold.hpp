#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Positions of samples in a split (ImageSet indices, or positions in a caller's index list).
using IndexList = std::vector<size_t>;

// One round of K-fold cross-validation. Both lists are ascending, disjoint, and together hold
// every sample exactly once.
struct Fold {
  IndexList train;
  IndexList validation;
};

// scikit-learn's KFold(n_splits=k, shuffle, random_state=seed) in spirit: the samples 0..n-1
// (shuffled with a cnnlab::Rng stream of `seed` when `shuffle`) are cut into k consecutive
// validation folds, the first n % k of them one sample larger. The same arguments give the
// same folds on every machine (the shuffle is cnnlab's own, so not sklearn's exact folds).
// Throws ConfigError when k < 2 or k > n.
CNNLAB_API std::vector<Fold> kfold_split(size_t n, int k, bool shuffle, uint64_t seed);

// scikit-learn's StratifiedKFold(n_splits=k, shuffle, random_state=seed) rule (since 0.22):
// classes are numbered in order of first appearance; the labels, sorted by that number, are
// dealt to the folds round robin, which fixes how many samples of each class every fold holds
// (per-fold counts of a class differ by at most one; fold sizes as KFold's). Each class's
// samples, in data order, are then given their folds in blocks 0,0,..,1,1,..; with `shuffle`
// that block pattern is shuffled per class. Throws ConfigError when k < 2 or when every class
// has fewer than k samples.
CNNLAB_API std::vector<Fold> stratified_kfold_split(const std::vector<int32_t>& labels, int k,
                                                    bool shuffle, uint64_t seed);

struct TrainValidationSplit {
  IndexList train;
  IndexList validation;
};

// Keras' fit(validation_split=f): the LAST part of the data is the validation set, taken
// before any shuffling: train = indices[0, floor(n * (1 - f))), validation = the rest, both
// in the given order. Throws ConfigError unless 0 < f < 1 and both parts are non-empty.
CNNLAB_API TrainValidationSplit validation_split(const IndexList& indices, double fraction);

// 0, 1, ..., n-1.
CNNLAB_API IndexList all_indices(size_t n);

}  // namespace cnnlab

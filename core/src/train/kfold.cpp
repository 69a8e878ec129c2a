#include "cnnlab/host/kfold.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

#include "cnnlab/error.hpp"
#include "cnnlab/random.hpp"
#include "shuffle.hpp"

namespace cnnlab {

namespace {

// The random stream of fold shuffles, so that a seed shared with other uses draws
// independent numbers here.
constexpr uint64_t kFoldStream = 0x6b666f6c64;  // "kfold"

void check_fold_count(int k) {
  if (k < 2) {
    throw ConfigError("cross-validation needs at least 2 folds, got " + std::to_string(k));
  }
}

// Turns a fold number per sample into the train/validation lists of every fold.
std::vector<Fold> folds_from_assignment(const std::vector<int>& fold_of, int k) {
  std::vector<Fold> folds(static_cast<size_t>(k));
  for (size_t i = 0; i < fold_of.size(); ++i) {
    for (int f = 0; f < k; ++f) {
      auto& fold = folds[static_cast<size_t>(f)];
      (fold_of[i] == f ? fold.validation : fold.train).push_back(i);
    }
  }
  return folds;
}

}  // namespace

IndexList all_indices(size_t n) {
  IndexList indices(n);
  std::iota(indices.begin(), indices.end(), size_t{0});
  return indices;
}

std::vector<Fold> kfold_split(size_t n, int k, bool shuffle, uint64_t seed) {
  check_fold_count(k);
  if (static_cast<size_t>(k) > n) {
    throw ConfigError("cannot split " + std::to_string(n) + " samples into " + std::to_string(k) +
                      " folds");
  }
  IndexList order = all_indices(n);
  if (shuffle) {
    Rng rng = Rng::derive(seed, kFoldStream);
    train::shuffle_in_place(order, rng);
  }
  std::vector<int> fold_of(n);
  const size_t base = n / static_cast<size_t>(k), larger = n % static_cast<size_t>(k);
  size_t pos = 0;
  for (size_t f = 0; f < static_cast<size_t>(k); ++f) {
    const size_t size = base + (f < larger ? 1 : 0);
    for (size_t i = 0; i < size; ++i) fold_of[order[pos++]] = static_cast<int>(f);
  }
  return folds_from_assignment(fold_of, k);
}

std::vector<Fold> stratified_kfold_split(const std::vector<int32_t>& labels, int k, bool shuffle,
                                         uint64_t seed) {
  check_fold_count(k);
  // Classes numbered by first appearance, as sklearn encodes them.
  std::map<int32_t, size_t> class_of_label;
  std::vector<size_t> encoded(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    encoded[i] = class_of_label.emplace(labels[i], class_of_label.size()).first->second;
  }
  const size_t classes = class_of_label.size();
  std::vector<size_t> class_count(classes, 0);
  for (size_t c : encoded) ++class_count[c];
  if (classes == 0 ||
      *std::max_element(class_count.begin(), class_count.end()) < static_cast<size_t>(k)) {
    throw ConfigError("cannot split into " + std::to_string(k) +
                      " stratified folds: every class has fewer than " + std::to_string(k) +
                      " samples");
  }

  // Dealing the class-sorted labels round robin: position p of the sorted list goes to fold
  // p % k, so allocation[f][c] counts class c's positions that land in fold f.
  std::vector<std::vector<size_t>> allocation(static_cast<size_t>(k),
                                              std::vector<size_t>(classes, 0));
  size_t position = 0;
  for (size_t c = 0; c < classes; ++c) {
    for (size_t i = 0; i < class_count[c]; ++i, ++position) {
      ++allocation[position % static_cast<size_t>(k)][c];
    }
  }

  Rng rng = Rng::derive(seed, kFoldStream);
  std::vector<int> fold_of(labels.size());
  for (size_t c = 0; c < classes; ++c) {
    std::vector<int> folds_for_class;
    folds_for_class.reserve(class_count[c]);
    for (int f = 0; f < k; ++f) {
      folds_for_class.insert(folds_for_class.end(), allocation[static_cast<size_t>(f)][c], f);
    }
    if (shuffle) train::shuffle_in_place(folds_for_class, rng);
    size_t next = 0;
    for (size_t i = 0; i < labels.size(); ++i) {
      if (encoded[i] == c) fold_of[i] = folds_for_class[next++];
    }
  }
  return folds_from_assignment(fold_of, k);
}

TrainValidationSplit validation_split(const IndexList& indices, double fraction) {
  if (!(fraction > 0.0 && fraction < 1.0)) {
    throw ConfigError("validation_split must be between 0 and 1 (exclusive), got " +
                      std::to_string(fraction));
  }
  const size_t n = indices.size();
  const auto split_at = static_cast<size_t>(std::floor(static_cast<double>(n) * (1.0 - fraction)));
  if (split_at == 0 || split_at == n) {
    throw ConfigError("validation_split " + std::to_string(fraction) + " of " + std::to_string(n) +
                      " samples leaves " + (split_at == 0 ? "no training" : "no validation") +
                      " samples");
  }
  TrainValidationSplit split;
  split.train.assign(indices.begin(), indices.begin() + static_cast<std::ptrdiff_t>(split_at));
  split.validation.assign(indices.begin() + static_cast<std::ptrdiff_t>(split_at), indices.end());
  return split;
}

}  // namespace cnnlab

// K-fold splits (scikit-learn's KFold / StratifiedKFold rules) and Keras' validation_split.
#include "cnnlab/host/kfold.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/random.hpp"

using cnnlab::Fold;
using cnnlab::IndexList;

namespace {

// Every sample is validated in exactly one fold, and each fold trains on all the others.
void check_partition(const std::vector<Fold>& folds, size_t n) {
  std::vector<int> validated(n, 0);
  for (const Fold& fold : folds) {
    CHECK(std::is_sorted(fold.train.begin(), fold.train.end()));
    CHECK(std::is_sorted(fold.validation.begin(), fold.validation.end()));
    CHECK(fold.train.size() + fold.validation.size() == n);
    std::set<size_t> all(fold.train.begin(), fold.train.end());
    all.insert(fold.validation.begin(), fold.validation.end());
    CHECK(all.size() == n);  // disjoint and complete
    for (size_t i : fold.validation) ++validated.at(i);
  }
  CHECK(std::all_of(validated.begin(), validated.end(), [](int c) { return c == 1; }));
}

std::vector<size_t> validation_sizes(const std::vector<Fold>& folds) {
  std::vector<size_t> sizes;
  for (const Fold& f : folds) sizes.push_back(f.validation.size());
  return sizes;
}

// sklearn's rule: n // k each, the first n % k folds one larger.
std::vector<size_t> expected_sizes(size_t n, int k) {
  std::vector<size_t> sizes(static_cast<size_t>(k), n / static_cast<size_t>(k));
  for (size_t f = 0; f < n % static_cast<size_t>(k); ++f) ++sizes[f];
  return sizes;
}

std::vector<int32_t> random_labels(size_t n, int classes, uint64_t seed) {
  cnnlab::Rng rng(seed);
  std::vector<int32_t> labels(n);
  // Skewed class frequencies: class c is drawn about twice as often as class c + 1.
  for (auto& y : labels) {
    int c = 0;
    while (c + 1 < classes && rng.uniform() < 0.5) ++c;
    y = static_cast<int32_t>(c);
  }
  return labels;
}

}  // namespace

TEST_CASE("KFold: the first n % k folds are one larger") {
  const auto folds = cnnlab::kfold_split(10, 3, true, 42);
  CHECK(validation_sizes(folds) == std::vector<size_t>{4, 3, 3});
  check_partition(folds, 10);
  for (size_t n : {5u, 17u, 100u, 101u}) {
    for (int k : {2, 3, 5}) {
      const auto f = cnnlab::kfold_split(n, k, true, 7);
      CHECK(validation_sizes(f) == expected_sizes(n, k));
      check_partition(f, n);
    }
  }
}

TEST_CASE("KFold without shuffle cuts consecutive blocks") {
  const auto folds = cnnlab::kfold_split(7, 3, false, 0);
  CHECK(folds[0].validation == IndexList{0, 1, 2});
  CHECK(folds[1].validation == IndexList{3, 4});
  CHECK(folds[2].validation == IndexList{5, 6});
  CHECK(folds[1].train == IndexList{0, 1, 2, 5, 6});
}

TEST_CASE("KFold: same seed, same folds; another seed, other folds") {
  const auto a = cnnlab::kfold_split(50, 5, true, 1);
  const auto b = cnnlab::kfold_split(50, 5, true, 1);
  const auto c = cnnlab::kfold_split(50, 5, true, 2);
  for (size_t f = 0; f < a.size(); ++f) CHECK(a[f].validation == b[f].validation);
  bool differ = false;
  for (size_t f = 0; f < a.size(); ++f) differ |= a[f].validation != c[f].validation;
  CHECK(differ);
  // Shuffled folds are not the consecutive blocks.
  CHECK(a[0].validation != cnnlab::kfold_split(50, 5, false, 1)[0].validation);
}

TEST_CASE("KFold refuses impossible fold counts") {
  CHECK_THROWS_AS(cnnlab::kfold_split(10, 1, true, 0), cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::kfold_split(3, 4, true, 0), cnnlab::ConfigError);
}

TEST_CASE("StratifiedKFold: fold sizes and class counts by sklearn's allocation") {
  // 10 of class 0, 7 of class 1, 3 of class 2, interleaved.
  std::vector<int32_t> labels;
  for (int i = 0; i < 10; ++i) labels.push_back(0);
  for (int i = 0; i < 7; ++i) labels.insert(labels.begin() + 2 * i + 1, 1);
  for (int i = 0; i < 3; ++i) labels.insert(labels.begin() + 5 * i + 2, 2);
  const auto folds = cnnlab::stratified_kfold_split(labels, 3, true, 42);
  check_partition(folds, labels.size());
  CHECK(validation_sizes(folds) == std::vector<size_t>{7, 7, 6});
  // Dealing the sorted labels 0x10, 1x7, 2x3 round robin to 3 folds gives these counts.
  const std::vector<std::vector<int>> expected{{4, 2, 1}, {3, 3, 1}, {3, 2, 1}};
  for (size_t f = 0; f < folds.size(); ++f) {
    std::vector<int> counts(3, 0);
    for (size_t i : folds[f].validation) ++counts[static_cast<size_t>(labels[i])];
    CHECK(counts == expected[f]);
  }
}

TEST_CASE("StratifiedKFold: class counts per fold differ by at most one") {
  for (size_t n : {30u, 97u, 500u}) {
    for (int k : {2, 3, 5}) {
      const auto labels = random_labels(n, 4, n + static_cast<size_t>(k));
      const auto folds = cnnlab::stratified_kfold_split(labels, k, true, 3);
      check_partition(folds, n);
      CHECK(validation_sizes(folds) == expected_sizes(n, k));
      std::map<int32_t, std::vector<int>> per_class;
      for (size_t f = 0; f < folds.size(); ++f) {
        for (size_t i : folds[f].validation) {
          auto& counts = per_class[labels[i]];
          counts.resize(static_cast<size_t>(k), 0);
          ++counts[f];
        }
      }
      for (const auto& [label, counts] : per_class) {
        const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
        INFO("n " << n << ", k " << k << ", class " << label);
        CHECK(*hi - *lo <= 1);
      }
    }
  }
}

TEST_CASE("StratifiedKFold without shuffle gives each class's samples out in blocks") {
  const std::vector<int32_t> labels{7, 7, 7, 7, 7, 7};
  const auto folds = cnnlab::stratified_kfold_split(labels, 3, false, 0);
  CHECK(folds[0].validation == IndexList{0, 1});
  CHECK(folds[1].validation == IndexList{2, 3});
  CHECK(folds[2].validation == IndexList{4, 5});
}

TEST_CASE("StratifiedKFold numbers classes by first appearance, as sklearn does") {
  // Class 9 appears first, so it comes first in the deal: 9 9 9 | 1 1 over 2 folds gives
  // fold 0 two 9s and one 1, fold 1 one 9 and one 1.
  const std::vector<int32_t> labels{9, 1, 9, 1, 9};
  const auto folds = cnnlab::stratified_kfold_split(labels, 2, false, 0);
  CHECK(folds[0].validation == IndexList{0, 1, 2});
  CHECK(folds[1].validation == IndexList{3, 4});
}

TEST_CASE("StratifiedKFold: deterministic per seed") {
  const auto labels = random_labels(200, 3, 5);
  const auto a = cnnlab::stratified_kfold_split(labels, 5, true, 11);
  const auto b = cnnlab::stratified_kfold_split(labels, 5, true, 11);
  const auto c = cnnlab::stratified_kfold_split(labels, 5, true, 12);
  bool differ = false;
  for (size_t f = 0; f < a.size(); ++f) {
    CHECK(a[f].validation == b[f].validation);
    differ |= a[f].validation != c[f].validation;
  }
  CHECK(differ);
}

TEST_CASE("StratifiedKFold refuses when every class is smaller than k") {
  CHECK_THROWS_AS(cnnlab::stratified_kfold_split({0, 0, 1, 1}, 3, true, 0), cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::stratified_kfold_split({}, 2, true, 0), cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::stratified_kfold_split({0, 1}, 1, true, 0), cnnlab::ConfigError);
  // One class large enough is enough (sklearn only warns about the small ones).
  CHECK_NOTHROW(cnnlab::stratified_kfold_split({0, 0, 0, 1}, 3, true, 0));
}

TEST_CASE("validation_split takes the last fraction, in order, before any shuffle") {
  const auto split = cnnlab::validation_split(cnnlab::all_indices(10), 0.2);
  CHECK(split.train == IndexList{0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(split.validation == IndexList{8, 9});
  // floor(10 * 0.75) = 7 training samples.
  CHECK(cnnlab::validation_split(cnnlab::all_indices(10), 0.25).validation.size() == 3);
  const auto custom = cnnlab::validation_split({9, 3, 5, 1}, 0.5);
  CHECK(custom.train == IndexList{9, 3});
  CHECK(custom.validation == IndexList{5, 1});
}

TEST_CASE("validation_split refuses fractions that leave a side empty") {
  CHECK_THROWS_AS(cnnlab::validation_split(cnnlab::all_indices(10), 0.0), cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::validation_split(cnnlab::all_indices(10), 1.0), cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::validation_split(cnnlab::all_indices(10), 0.95), cnnlab::ConfigError);
  // 1 - 1e-17 rounds to 1: all ten samples would train.
  CHECK_THROWS_AS(cnnlab::validation_split(cnnlab::all_indices(10), 1e-17), cnnlab::ConfigError);
  CHECK_THROWS_AS(cnnlab::validation_split(cnnlab::all_indices(1), 0.5), cnnlab::ConfigError);
  CHECK(cnnlab::validation_split(cnnlab::all_indices(10), 0.01).validation.size() == 1);
}

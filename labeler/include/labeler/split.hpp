#pragma once
// split.csv: which exported images are held out for testing.
#include <cstdint>
#include <string>
#include <vector>

namespace cnnlab::label {

struct SplitItem {
  std::string path;  // relative to DATASET_DIR ("cat/img001.png")
  std::string class_name;
  std::string key;  // what identifies the image across exports (its source name)
};

// Stratified: in each class, the round(n * test_fraction) items (at most n - 1, so every class
// keeps a training image) with the smallest hash of (seed, key) are test items. Ranking by a
// hash rather than shuffling keeps the split stable as labelling goes on: one more image moves
// at most one other between train and test. Returns one flag per item (true: test).
std::vector<bool> stratified_test_split(const std::vector<SplitItem>& items, double test_fraction,
                                        uint64_t seed);

// FNV-1a, to turn a name into a number for hash64.
uint64_t name_hash(const std::string& name);

}  // namespace cnnlab::label

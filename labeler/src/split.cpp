#include "labeler/split.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "cnnlab/random.hpp"

namespace cnnlab::label {

uint64_t name_hash(const std::string& name) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<bool> stratified_test_split(const std::vector<SplitItem>& items, double test_fraction,
                                        uint64_t seed) {
  std::map<std::string, std::vector<size_t>> by_class;
  for (size_t i = 0; i < items.size(); ++i) by_class[items[i].class_name].push_back(i);

  std::vector<bool> test(items.size(), false);
  for (auto& entry : by_class) {
    std::vector<size_t>& members = entry.second;
    const size_t n = members.size();
    const size_t wanted = static_cast<size_t>(std::lround(static_cast<double>(n) * test_fraction));
    const size_t count = std::min(wanted, n - 1);
    std::vector<std::pair<uint64_t, size_t>> ranked;
    for (size_t i : members) ranked.emplace_back(hash64(seed, name_hash(items[i].key)), i);
    std::sort(ranked.begin(), ranked.end());
    for (size_t r = 0; r < count; ++r) test[ranked[r].second] = true;
  }
  return test;
}

}  // namespace cnnlab::label

#pragma once
#include <cstddef>
#include <utility>
#include <vector>

#include "cnnlab/random.hpp"

namespace cnnlab::train {

// Fisher-Yates with cnnlab's generator: the same permutation on every platform, which
// std::shuffle does not promise.
template <typename T>
void shuffle_in_place(std::vector<T>& items, Rng& rng) {
  for (size_t i = items.size(); i > 1; --i) {
    const auto j = static_cast<size_t>(rng.below(i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace cnnlab::train

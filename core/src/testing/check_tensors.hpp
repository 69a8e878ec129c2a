#pragma once
// What the checks do with tensors: compare them and look for values that are not finite,
// answering with text for the report ("" when there is nothing to report), and make random
// output gradients.
#include <string>
#include <vector>

#include "cnnlab/tensor.hpp"

namespace cnnlab::testing {

// "[3, 4, 5]".
std::string dims_to_string(const std::vector<int64_t>& dims);
// Bitwise: the checks promise the same bits, so 0.1f and 0.1f + 1 ulp differ.
std::string first_difference(const Tensor& a, const Tensor& b);
std::string first_non_finite(const Tensor& t);
// Values uniform in [-1, 1) of t's dims, fixed by `seed`: dL/d(out) of the checks' loss.
Tensor random_like(const Tensor& t, uint64_t seed);

}  // namespace cnnlab::testing

#include "check_tensors.hpp"

#include <cmath>
#include <cstring>
#include <sstream>

#include "cnnlab/testing/inputs.hpp"

namespace cnnlab::testing {

std::string dims_to_string(const std::vector<int64_t>& dims) {
  std::string text;
  for (int64_t d : dims) text += (text.empty() ? "" : ", ") + std::to_string(d);
  return "[" + text + "]";
}

std::string first_difference(const Tensor& a, const Tensor& b) {
  if (a.dims() != b.dims())
    return "dims " + dims_to_string(a.dims()) + " and " + dims_to_string(b.dims());
  for (size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(a.data() + i, b.data() + i, sizeof(float)) != 0) {
      std::ostringstream text;
      text.precision(9);
      text << "element " << i << ": " << a[i] << " and " << b[i];
      return text.str();
    }
  return "";
}

std::string first_non_finite(const Tensor& t) {
  for (size_t i = 0; i < t.size(); ++i)
    if (!std::isfinite(t[i])) return "element " + std::to_string(i) + " is " + std::to_string(t[i]);
  return "";
}

Tensor random_like(const Tensor& t, uint64_t seed) {
  return random_input(t.dim(0), Shape(t.dims().begin() + 1, t.dims().end()), seed);
}

}  // namespace cnnlab::testing

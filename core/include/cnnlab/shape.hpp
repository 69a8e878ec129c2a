#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"

namespace cnnlab {

// The shape of one sample, without the batch axis, channels last: {28, 28, 1} or {10}.
using Shape = std::vector<int64_t>;

CNNLAB_API int64_t shape_size(const Shape& shape);
// Keras' spelling with the batch axis: "(None, 28, 28, 32)".
CNNLAB_API std::string shape_to_string(const Shape& shape);

}  // namespace cnnlab

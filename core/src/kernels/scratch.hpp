#pragma once
#include <cstddef>

namespace cnnlab::kernels_detail {

// Working memory a kernel needs for one call (im2col columns, gradient partials). Each thread
// keeps one 64-byte aligned buffer per slot and only grows it, so hot loops never allocate.
// A pointer stays valid until the same thread asks for the same slot again.
enum class ScratchSlot { columns, partials, weights, count_ };

float* thread_scratch(ScratchSlot slot, size_t floats);

}  // namespace cnnlab::kernels_detail

#pragma once
#include <cstddef>

namespace cnnlab::kernels_detail {

// Working memory a kernel needs for one call (unfolded matrices, gradient partials,
// per-channel statistics). Each thread keeps one 64-byte aligned buffer per slot and only
// grows it, so hot loops never allocate. A pointer stays valid until the same thread asks
// for the same slot again.
enum class ScratchSlot { columns, partials, statistics, padded, indices, count_ };

void* thread_scratch_bytes(ScratchSlot slot, size_t bytes);

template <typename T>
T* thread_scratch(ScratchSlot slot, size_t count) {
  return static_cast<T*>(thread_scratch_bytes(slot, count * sizeof(T)));
}

}  // namespace cnnlab::kernels_detail

#include "scratch.hpp"

#include <array>
#include <cstdlib>
#include <memory>
#include <new>

namespace cnnlab::kernels_detail {

namespace {
struct Free {
  void operator()(float* p) const { std::free(p); }
};

struct Buffer {
  std::unique_ptr<float[], Free> data;
  size_t capacity = 0;
};
}  // namespace

float* thread_scratch(ScratchSlot slot, size_t floats) {
  thread_local std::array<Buffer, static_cast<size_t>(ScratchSlot::count_)> buffers;
  Buffer& buffer = buffers[static_cast<size_t>(slot)];
  if (floats > buffer.capacity) {
    const size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, bytes);
    if (!p) throw std::bad_alloc();
    buffer.data.reset(static_cast<float*>(p));
    buffer.capacity = floats;
  }
  return buffer.data.get();
}

}  // namespace cnnlab::kernels_detail

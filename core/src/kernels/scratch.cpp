#include "scratch.hpp"

#include <array>
#include <cstdlib>
#include <memory>
#include <new>

namespace cnnlab::kernels_detail {

namespace {
struct Free {
  void operator()(void* p) const { std::free(p); }
};

struct Buffer {
  std::unique_ptr<void, Free> data;
  size_t capacity = 0;
};
}  // namespace

void* thread_scratch_bytes(ScratchSlot slot, size_t bytes) {
  thread_local std::array<Buffer, static_cast<size_t>(ScratchSlot::count_)> buffers;
  Buffer& buffer = buffers[static_cast<size_t>(slot)];
  if (bytes > buffer.capacity) {
    const size_t rounded = (bytes + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, rounded);
    if (!p) throw std::bad_alloc();
    buffer.data.reset(p);
    buffer.capacity = rounded;
  }
  return buffer.data.get();
}

}  // namespace cnnlab::kernels_detail

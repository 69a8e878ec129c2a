#pragma once
#include <cstdint>
#include <functional>

#include "cnnlab/export.hpp"

namespace cnnlab {

// The one threading seam of cnnlab (oneTBB underneath). Calls fn(begin, end) on disjoint
// chunks of [begin, end). Chunks are fixed by `grain` (never by timing), so a kernel that
// writes each output from one chunk gives identical results for any thread count.
CNNLAB_API void parallel_for(int64_t begin, int64_t end, int64_t grain,
                             const std::function<void(int64_t, int64_t)>& fn);

// Limits every parallel_for to n threads for the lifetime of the returned object's scope
// owner (the CLI's --threads). n <= 0 means all cores.
class CNNLAB_API ThreadLimit {
 public:
  explicit ThreadLimit(int n);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;
  static int current();  // the active cap (all cores when none is set)

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace cnnlab

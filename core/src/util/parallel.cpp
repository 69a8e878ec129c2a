#include "cnnlab/parallel.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <memory>

namespace cnnlab {

void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& fn) {
  if (end <= begin) return;
  if (grain < 1) grain = 1;
  if (end - begin <= grain) {
    fn(begin, end);
    return;
  }
  // simple_partitioner splits exactly down to `grain`, so chunk boundaries never depend on
  // how many threads happen to steal work.
  tbb::parallel_for(
      tbb::blocked_range<int64_t>(begin, end, grain),
      [&](const tbb::blocked_range<int64_t>& r) { fn(r.begin(), r.end()); },
      tbb::simple_partitioner());
}

struct ThreadLimit::Impl {
  std::unique_ptr<tbb::global_control> control;
};

ThreadLimit::ThreadLimit(int n) : impl_(new Impl) {
  if (n > 0) {
    impl_->control = std::make_unique<tbb::global_control>(
        tbb::global_control::max_allowed_parallelism, static_cast<size_t>(n));
  }
}

ThreadLimit::~ThreadLimit() { delete impl_; }

int ThreadLimit::current() {
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

}  // namespace cnnlab

#pragma once
// Caps this process's address space while it lives, `headroom` bytes above what is mapped now,
// so a test can show that a reader refuses a huge claim instead of allocating it: with the cap,
// an allocation from a header's claim is a std::bad_alloc instead of gigabytes.
#include <sys/resource.h>

#include <fstream>
#include <string>

namespace cnnlab::test {

class MemoryCap {
 public:
  explicit MemoryCap(rlim_t headroom) {
    getrlimit(RLIMIT_AS, &saved_);
    rlimit capped = saved_;
    capped.rlim_cur = mapped_bytes() + headroom;
    if (saved_.rlim_cur == RLIM_INFINITY || capped.rlim_cur < saved_.rlim_cur)
      setrlimit(RLIMIT_AS, &capped);
  }
  ~MemoryCap() { setrlimit(RLIMIT_AS, &saved_); }
  MemoryCap(const MemoryCap&) = delete;
  MemoryCap& operator=(const MemoryCap&) = delete;

 private:
  static rlim_t mapped_bytes() {
    std::ifstream status("/proc/self/status");
    for (std::string key; status >> key;) {
      if (key == "VmSize:") {
        rlim_t kib = 0;
        status >> kib;
        return kib * 1024;
      }
      status.ignore(1 << 20, '\n');
    }
    return 0;
  }
  rlimit saved_{};
};

}  // namespace cnnlab::test

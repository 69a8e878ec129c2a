#pragma once
// Ctrl-C and SIGTERM as a request to stop cleanly rather than a sudden death: the training
// loop polls between batches, the runner marks the run `interrupted` in the history (every
// finished epoch is already there) and exits non-zero.
#include "cnnlab/error.hpp"
#include "cnnlab/export.hpp"

namespace cnnlab {

// SIGINT and SIGTERM are taken by one watcher thread and never by a signal handler on a
// computing thread: oneDNN's JIT GEMM (Debian's 2.7) points rsp into the heap while it runs,
// so a signal frame pushed there corrupts the heap (oneDNN issue 4845). Call this first thing
// in main(), before any other thread exists: it blocks both signals in the calling thread,
// which every later thread inherits (a thread a library started earlier gets a handler that
// does what the watcher does). Until an InterruptFlag lives, a signal has its default effect
// (one that was ignored at start stays ignored).
CNNLAB_API void watch_interrupt_signals();
// The two signals unblocked in the calling thread while it lives, for starting a child
// process (a fork or popen there passes its signal mask on to the program it runs).
class CNNLAB_API InterruptSignalsUnblocked {
 public:
  InterruptSignalsUnblocked();
  ~InterruptSignalsUnblocked();
  InterruptSignalsUnblocked(const InterruptSignalsUnblocked&) = delete;
  InterruptSignalsUnblocked& operator=(const InterruptSignalsUnblocked&) = delete;
};

// While an InterruptFlag lives, SIGINT and SIGTERM only record which signal came; a second
// one has the default effect, so a second Ctrl-C ends a process that does not stop quickly
// enough.
class CNNLAB_API InterruptFlag {
 public:
  InterruptFlag();  // clears any earlier request; starts the watcher if main() did not
  ~InterruptFlag();
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;
};

// Whether SIGINT or SIGTERM arrived while an InterruptFlag was installed. Cheap: poll it
// between batches.
CNNLAB_API bool interrupt_requested();
// The signal that asked (SIGINT or SIGTERM), 0 when none did.
CNNLAB_API int interrupt_signal();

// What the code that notices the request throws to unwind to the runner. exit_code() is
// 128 + the signal number, as shells report a signal (130 for Ctrl-C).
class CNNLAB_API InterruptedError : public Error {
 public:
  explicit InterruptedError(int signal);
  ~InterruptedError() override;
  int exit_code() const override;
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Throws InterruptedError when interrupt_requested().
CNNLAB_API void throw_if_interrupted();

}  // namespace cnnlab
